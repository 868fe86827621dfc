"""Indexing: scan folders, decode each new or changed photo once, thumbnail, analyse, store.

Decoding and hashing run on a small thread pool (Pillow and hashlib release the GIL)
while the calling thread runs the models and writes, so I/O overlaps inference. Each
photo is committed in one transaction: a kill at any moment loses nothing committed.
"""

from __future__ import annotations

import errno
import logging
import os
import queue
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

import numpy as np
from peewee import OperationalError, SqliteDatabase, fn

from pictopy_desktop.errors import DatabaseError, ImageReadError
from pictopy_desktop.library.folder_scanner import walk_images
from pictopy_desktop.library.image_decode import (
    DecodedImage,
    NotRegularFileError,
    check_regular,
    content_hash,
    decode_image,
    file_kind,
)
from pictopy_desktop.library.perceptual_hash import perceptual_hash
from pictopy_desktop.library.tags import excluded_labels
from pictopy_desktop.library.takeout_sidecar import SidecarInfo, read_sidecar
from pictopy_desktop.library.thumbnails import (
    cache_write_problem,
    delete_thumbnails,
    rebuild_thumbnail,
    thumbnails_to_rebuild,
    write_thumbnail,
)
from pictopy_desktop.library.video_decode import DecodedVideo, decode_video, is_video_candidate
from pictopy_desktop.storage.tables import Face, Image, ImageState, LibraryFolder, ObjectTag, Person

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int, str], None]
StopFn = Callable[[], bool]

STAGE_OBJECTS = "objects"
STAGE_FACES = "faces"
ALL_STAGES = frozenset({STAGE_OBJECTS, STAGE_FACES})

PERMISSION_DENIED = "permission denied"

_DISK_FULL = (
    "The disk holding the library is full ({where}). Indexing stopped; everything indexed so far "
    "is kept. Free some space and index again to continue."
)

T = TypeVar("T")
R = TypeVar("R")
_END = object()


class Analyzer(Protocol):
    """What the indexer needs of ``ml.analyzer.ImageAnalyzer``."""

    has_objects: bool
    has_faces: bool
    problems: list[str]

    def analyze(self, rgb: np.ndarray) -> Any: ...


class AnalyzerPool:
    """Analyzers for the decode workers, so several photos are analysed at once.

    Each job borrows one; each has sessions of its own with one intra-op thread, which on
    a small machine beats one multi-threaded session fed by a single thread. They are
    kept across runs, so a rescan pays no model loading.
    """

    def __init__(self, factory: Callable[[], Analyzer]) -> None:
        self._factory = factory
        self._free: queue.SimpleQueue[Analyzer] = queue.SimpleQueue()

    @contextmanager
    def borrow(self) -> Iterator[Analyzer]:
        try:
            analyzer = self._free.get_nowait()
        except queue.Empty:
            analyzer = self._factory()
        try:
            yield analyzer
        finally:
            self._free.put(analyzer)


@dataclass
class IndexReport:
    """What one indexing run did; the CLI prints it and the GUI shows it."""

    indexed: int = 0
    unchanged: int = 0
    moved: int = 0
    removed: int = 0
    analyzed: int = 0
    waiting_for_models: int = 0
    non_images: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    cancelled: bool = False
    new_face_ids: list[int] = field(default_factory=list)
    # (path, reason): pipes, sockets, devices and links the scanner would not read
    skipped_files: list[tuple[str, str]] = field(default_factory=list)
    thumbnails_rebuilt: int = 0

    @property
    def skipped(self) -> int:
        return self.unchanged + self.non_images + len(self.skipped_files)

    def to_dict(self) -> dict[str, Any]:
        return {
            "indexed": self.indexed,
            "unchanged": self.unchanged,
            "moved": self.moved,
            "removed": self.removed,
            "analyzed": self.analyzed,
            "waiting_for_models": self.waiting_for_models,
            "skipped": self.skipped,
            "non_images": self.non_images,
            "failed": [{"path": p, "reason": r} for p, r in self.failed],
            "skipped_files": [{"path": p, "reason": r} for p, r in self.skipped_files],
            "thumbnails_rebuilt": self.thumbnails_rebuilt,
            "messages": list(self.messages),
            "cancelled": self.cancelled,
        }


@dataclass
class _Prepared:
    """A file after the worker thread is done with it."""

    path: Path
    size: int = 0
    mtime: float = 0.0
    ctime: float | None = None
    digest: str | None = None
    decoded: DecodedImage | None = None
    thumbnail: str | None = None
    error: str | None = None
    same_content_as: int | None = None  # row id of a known image with identical bytes
    disk_full: bool = False
    phash: str | None = None
    sidecar: SidecarInfo | None = None
    analysis: tuple[Any, list[float] | None] | None = None  # run in the worker, when parallel
    thumbnail_error: OSError | None = None  # the cache could not be written; the photo is fine


def remove_images(db: SqliteDatabase, ids: list[int], thumbnails_dir: Path) -> None:
    """Photos leave the library: rows (tags and faces cascade), unnamed people left empty, thumbnails."""
    if not ids:
        return
    thumbs = {
        t for i in range(0, len(ids), 500)
        for (t,) in Image.select(Image.thumbnail).where(Image.id.in_(ids[i : i + 500]) & Image.thumbnail.is_null(False)).tuples()
    }
    with db.atomic():
        for i in range(0, len(ids), 500):
            Image.delete().where(Image.id.in_(ids[i : i + 500])).execute()
        # An unnamed person left without faces is noise; a named one keeps the user's name.
        empty = Person.select(Person.id).where(
            (Person.user_named == False)  # noqa: E712 - peewee expression
            & ~fn.EXISTS(Face.select(Face.id).where(Face.person == Person.id))
        )
        Person.delete().where(Person.id.in_(empty)).execute()
    # A copy of the same bytes elsewhere in the library shares the thumbnail.
    still_used = {t for (t,) in Image.select(Image.thumbnail).where(Image.thumbnail.in_(list(thumbs))).tuples()}
    delete_thumbnails(thumbnails_dir, thumbs - still_used)


def decode_media(path: Path) -> DecodedImage:
    """A photo, or a video's poster and sampled frames (never a pipe or device put there since the scan)."""
    try:
        check_regular(path)
    except NotRegularFileError as exc:
        raise ImageReadError(exc.strerror) from None
    except OSError:
        pass  # missing or unreadable: the decoders say so in their words
    if is_video_candidate(path):
        return decode_video(path)
    return decode_image(path)


def analyze_video_frames(analyzer: Analyzer, video: DecodedVideo) -> tuple[Any, list[float]]:
    """Analyse sampled frames: each tag once (its best frame); each face once per person-looking cluster.

    Returns an analysis-like object plus, per face, the time of the frame it came from.
    """
    from types import SimpleNamespace

    best_tags: dict[str, Any] = {}
    faces: list[Any] = []
    times: list[float] = []
    for t, rgb in video.frames:
        result = analyzer.analyze(rgb)
        for tag in result.tags:
            if tag.label not in best_tags or tag.confidence > best_tags[tag.label].confidence:
                best_tags[tag.label] = tag
        for face in result.faces:
            emb = np.asarray(face.embedding, dtype=np.float32)
            # The same face in the next sampled frame is one sighting, not a new face.
            same = [i for i, g in enumerate(faces) if float(np.dot(emb, g.embedding)) > 0.7]
            if same:
                if face.score > faces[same[0]].score:
                    faces[same[0]], times[same[0]] = face, t
                continue
            faces.append(face)
            times.append(t)
    return SimpleNamespace(tags=list(best_tags.values()), faces=faces), times


def run_analysis(analyzer: Analyzer, decoded: DecodedImage) -> tuple[Any, list[float] | None]:
    """Tags and faces of a photo, or of a video's sampled frames (with each face's frame time)."""
    if isinstance(decoded, DecodedVideo):
        return analyze_video_frames(analyzer, decoded)
    return analyzer.analyze(decoded.rgb), None


def frame_rgb(decoded: DecodedImage, frame_times: list[float] | None, face_index: int) -> np.ndarray:
    """The pixels a face was found in: the photo, or the video frame it came from."""
    if isinstance(decoded, DecodedVideo) and frame_times:
        wanted = frame_times[face_index]
        for t, rgb in decoded.frames:
            if t == wanted:
                return rgb
    return decoded.rgb


def face_sharpness(rgb: np.ndarray, box: tuple[float, float, float, float]) -> float | None:
    """Variance of the Laplacian over the face crop: low means blurred."""
    import cv2

    h, w = rgb.shape[:2]
    x1, y1 = max(0, int(box[0])), max(0, int(box[1]))
    x2, y2 = min(w, int(box[2])), min(h, int(box[3]))
    if x2 - x1 < 4 or y2 - y1 < 4:
        return None
    gray = cv2.cvtColor(np.ascontiguousarray(rgb[y1:y2, x1:x2]), cv2.COLOR_RGB2GRAY)
    # Compare crops at one size, so small faces are not judged sharper than large ones.
    gray = cv2.resize(gray, (112, 112), interpolation=cv2.INTER_AREA)
    return float(cv2.Laplacian(gray, cv2.CV_64F).var())


def stages_of(image: Image) -> set[str]:
    return set(filter(None, (image.analyzed_with or "").split(",")))


def analyzer_stages(analyzer: Analyzer | None) -> set[str]:
    if analyzer is None:
        return set()
    return {s for s, ok in ((STAGE_OBJECTS, analyzer.has_objects), (STAGE_FACES, analyzer.has_faces)) if ok}


def _path_range(root: Path):
    """Rows whose path lies under ``root`` (a range scan on the unique path index)."""
    prefix = str(root).rstrip(os.sep) + os.sep
    return (Image.path >= prefix) & (Image.path < prefix + "\U0010ffff")


class Indexer:
    """Scans folders into the library and analyses what needs it."""

    def __init__(
        self,
        db: SqliteDatabase,
        thumbnails_dir: Path,
        analyzer: Analyzer | None = None,
        on_faces_added: Callable[[list[int]], None] | None = None,
        workers: int = 2,
        prefetch: int = 6,
        analyzer_pool: AnalyzerPool | None = None,
    ) -> None:
        self.db = db
        self.thumbnails_dir = thumbnails_dir
        self.analyzer = analyzer
        self.on_faces_added = on_faces_added
        self.workers = max(1, workers)
        self.prefetch = max(1, prefetch)
        self._stages = analyzer_stages(analyzer)
        # Analysis runs in the workers beside decoding when there are analyzers for them.
        self.analyzer_pool = analyzer_pool if self._stages else None

    # ------------------------------------------------------------------ public

    def index(
        self,
        roots: Sequence[Path],
        progress: ProgressFn | None = None,
        should_stop: StopFn | None = None,
        retry_failed: bool = False,
    ) -> IndexReport:
        """Add ``roots`` (folders or single photos) and bring the library up to date with them.

        Files that failed before are tried again when they changed (size, mtime or ctime),
        when the failure was a permission error, and all of them with ``retry_failed``.
        """
        report = IndexReport()
        progress = progress or (lambda done, total, current: None)
        should_stop = should_stop or (lambda: False)
        if self.analyzer is not None:
            report.messages.extend(self.analyzer.problems)
        else:
            report.messages.append(
                "No models found: photos are indexed and browsable, and wait for analysis. "
                "Run `pictopy models download` (or set PICTOPY_MODELS_DIR) to find tags and faces."
            )

        work: list[tuple[Path, LibraryFolder | None]] = []
        scanned_roots: list[tuple[Path, set[str]]] = []
        for raw in roots:
            root = Path(os.path.realpath(os.path.expanduser(str(raw))))
            if root.is_dir():
                folder = self._folder_for(root)
                scan = walk_images(root, [Path(f.path) for f in LibraryFolder.select()])
                report.failed.extend(scan.errors)
                report.skipped_files.extend(scan.skipped)
                report.non_images += scan.non_images
                work.extend((p, folder) for p in scan.candidates)
                scanned_roots.append((root, {str(p) for p in scan.candidates}))
            elif root.is_file():
                work.append((root, self._folder_containing(root)))
            elif (kind := self._special_file_kind(root)) is not None:  # a pipe, socket or device given by name
                report.skipped_files.append((str(root), f"{kind}, not a photo file"))
            else:
                report.failed.append((str(root), "folder not found (moved, deleted or not mounted)"))

        # Roots given twice, or through a link, or one inside another: each file once.
        unique: dict[str, tuple[Path, LibraryFolder | None]] = {}
        for item in work:
            unique.setdefault(str(item[0]), item)
        work = list(unique.values())
        known = self._known_rows(scanned_roots, [p for p, _ in work])
        to_process: list[tuple[Path, LibraryFolder | None, Image | None]] = []
        for path, folder in work:
            row = known.get(str(path))
            if row is not None and self._unchanged(row, path, retry_failed):
                report.unchanged += 1
                if row.state == ImageState.FAILED:
                    report.failed.append((str(path), row.error or "unreadable"))
                continue
            to_process.append((path, folder, row))

        total = len(to_process)
        done = 0
        progress(0, total, "")
        jobs = self._read_ahead(to_process, lambda item: self._prepare(item[0], item[2]), should_stop)
        for (_, folder, row), prepared in jobs:
            self._store(prepared, folder, row, report)
            done += 1
            progress(done, total, str(prepared.path))
        if should_stop():
            report.cancelled = True
            return report

        for root, on_disk in scanned_roots:
            report.removed += self._remove_missing(root, on_disk)
        self._rebuild_missing_thumbnails(report, progress, should_stop)
        with self.db.atomic():
            LibraryFolder.update(last_scanned_at=fn.datetime("now", "localtime")).where(
                LibraryFolder.path.in_([str(r) for r, _ in scanned_roots])
            ).execute()
        self.analyze_waiting(progress, should_stop, report)
        return report

    def analyze_waiting(
        self,
        progress: ProgressFn | None = None,
        should_stop: StopFn | None = None,
        report: IndexReport | None = None,
    ) -> IndexReport:
        """Analyse photos indexed before the models were there, without rescanning folders."""
        report = report or IndexReport()
        should_stop = should_stop or (lambda: False)
        progress = progress or (lambda done, total, current: None)
        if not self._stages:
            report.waiting_for_models = Image.select().where(Image.state == ImageState.WAITING).count()
            return report
        pending = [
            img
            for img in Image.select().where((Image.state == ImageState.WAITING) & Image.error.is_null())
            if not self._stages <= stages_of(img)
        ]
        total = len(pending)
        jobs = self._read_ahead(pending, self._decode_for_analysis, should_stop)
        for done, (image, decoded_or_error) in enumerate(jobs, start=1):
            if isinstance(decoded_or_error, str):
                with self.db.atomic():
                    Image.update(error=f"analysis skipped: {decoded_or_error}").where(Image.id == image.id).execute()
                report.failed.append((image.path, decoded_or_error))
            else:
                decoded, analysis = decoded_or_error
                with self.db.atomic():
                    self._analyze_into(image, decoded, report, analysis)
            progress(done, total, image.path)
        if should_stop():
            report.cancelled = True
        report.waiting_for_models = Image.select().where(Image.state == ImageState.WAITING).count()
        self._notify_faces(report)
        return report

    # ----------------------------------------------------------------- helpers

    def _folder_for(self, root: Path) -> LibraryFolder:
        """The library folder row for ``root`` (an enclosing library folder is reused)."""
        existing = self._folder_containing(root)
        if existing is not None:
            return existing
        with self.db.atomic():
            folder, _ = LibraryFolder.get_or_create(path=str(root))
            # Folders nested in the new one now belong to it.
            nested = [f for f in LibraryFolder.select() if f.id != folder.id and Path(f.path).is_relative_to(root)]
            for f in nested:
                Image.update(folder=folder).where(Image.folder == f).execute()
                f.delete_instance()
        return folder

    @staticmethod
    def _special_file_kind(path: Path) -> str | None:
        """What ``path`` is when it exists but is neither a folder nor a regular file."""
        try:
            return file_kind(os.stat(path).st_mode)
        except OSError:
            return None

    @staticmethod
    def _folder_containing(path: Path) -> LibraryFolder | None:
        for folder in LibraryFolder.select():
            if path == Path(folder.path) or path.is_relative_to(folder.path):
                return folder
        return None

    @staticmethod
    def _known_rows(scanned_roots: list[tuple[Path, set[str]]], files: list[Path]) -> dict[str, Image]:
        rows: dict[str, Image] = {}
        for root, _ in scanned_roots:
            for img in Image.select().where(_path_range(root)):
                rows[img.path] = img
        loose = [str(p) for p in files if str(p) not in rows]
        for i in range(0, len(loose), 500):
            for img in Image.select().where(Image.path.in_(loose[i : i + 500])):
                rows[img.path] = img
        return rows

    @staticmethod
    def _unchanged(row: Image, path: Path, retry_failed: bool = False) -> bool:
        try:
            st = path.stat()
        except OSError:
            return False
        same = row.size == st.st_size and abs(row.mtime - st.st_mtime) < 1e-6
        if row.state != ImageState.FAILED:
            return same
        # A failure is not for ever: a chmod changes only the ctime, and a permission can
        # come from a group or an ACL that leaves the file untouched, so those are always retried.
        return (
            same
            and not retry_failed
            and row.ctime is not None
            and abs(row.ctime - st.st_ctime) < 1e-6
            and row.error != PERMISSION_DENIED
        )

    def _read_ahead(self, items: Iterable[T], job: Callable[[T], R], should_stop: StopFn) -> Iterator[tuple[T, R]]:
        """Yield ``(item, job(item))`` in order, with up to ``prefetch`` jobs running ahead."""
        queue: deque[tuple[T, Future[R]]] = deque()
        it = iter(items)
        with ThreadPoolExecutor(self.workers, thread_name_prefix="pictopy-decode") as pool:
            try:
                while True:
                    while len(queue) < self.prefetch and not should_stop():
                        item = next(it, _END)
                        if item is _END:
                            break
                        queue.append((item, pool.submit(job, item)))
                    if not queue:
                        return
                    item, fut = queue.popleft()
                    yield item, fut.result()
            finally:
                for _, fut in queue:
                    fut.cancel()

    def _prepare(self, path: Path, row: Image | None) -> _Prepared:
        """Worker thread: stat, hash, then (unless it was only touched or moved) read the pixels."""
        prepared = _Prepared(path)
        try:
            st = path.stat()
            prepared.size, prepared.mtime, prepared.ctime = st.st_size, st.st_mtime, st.st_ctime
            prepared.digest = content_hash(path)
        except OSError as exc:
            return self._prepare_failed(prepared, exc)
        if row is not None and row.content_hash == prepared.digest and row.state != ImageState.FAILED:
            prepared.same_content_as = row.id  # touched, not changed
            return prepared
        if row is None and self._moved_from(prepared.digest) is not None:
            return prepared  # the writer moves the row; nothing to decode
        return self._read_pixels(prepared, analyze=True)

    def _read_pixels(self, prepared: _Prepared, analyze: bool) -> _Prepared:
        """Decode, thumbnail, perceptual hash, sidecar and (in a worker) analysis. Never raises."""
        path = prepared.path
        try:
            prepared.decoded = decode_media(path)
            prepared.thumbnail = self._write_thumbnail(prepared)
            prepared.phash = perceptual_hash(prepared.decoded.rgb)
            prepared.sidecar = read_sidecar(path)
            if analyze:
                prepared.analysis = self._analyze_in_worker(prepared.decoded)
        except Exception as exc:
            return self._prepare_failed(prepared, exc)
        return prepared

    def _write_thumbnail(self, prepared: _Prepared) -> str | None:
        """Write the thumbnail; a cache that can't be written costs the thumbnail (None for now), not the photo."""
        assert prepared.decoded is not None and prepared.digest is not None
        try:
            return write_thumbnail(prepared.decoded.rgb, prepared.digest, self.thumbnails_dir)
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                raise  # a full disk stops the run (see _prepare_failed)
            prepared.thumbnail_error = exc
            return None  # made by a later run (thumbnails_to_rebuild)

    def _rebuild_missing_thumbnails(self, report: IndexReport, progress: ProgressFn, should_stop: StopFn) -> None:
        """Make the thumbnails that could not be written before, or all of them when the cache was deleted."""
        missing = thumbnails_to_rebuild(self.thumbnails_dir)
        if not missing or should_stop():
            return
        problem = cache_write_problem(self.thumbnails_dir)
        if problem is not None:  # decoding every photo only to fail writing helps nobody
            self._note_cache_unwritable(report, problem)
            return
        total, failures = len(missing), []
        progress(0, total, "")
        jobs = self._read_ahead(missing.items(), lambda item: self._rebuild_thumbnail(*item), should_stop)
        for done, ((rel, _), problem) in enumerate(jobs, start=1):
            if problem is None:
                with self.db.atomic():  # photos indexed while the cache was unwritable get their thumbnail
                    Image.update(thumbnail=rel).where(
                        (Image.content_hash == Path(rel).stem) & Image.thumbnail.is_null()
                    ).execute()
                report.thumbnails_rebuilt += 1
            else:
                failures.append(problem)
            progress(done, total, rel)
        if failures:
            report.messages.append(f"{len(failures)} thumbnails could not be made again, e.g. {failures[0]}")

    def _note_cache_unwritable(self, report: IndexReport, exc: OSError) -> None:
        """Say once per run that the thumbnail cache can't be written, and that nothing else suffers."""
        start = f"Thumbnails could not be written to {self.thumbnails_dir}"
        if not any(m.startswith(start) for m in report.messages):
            report.messages.append(
                f"{start} ({exc.strerror or exc}); the photos are indexed and their thumbnails are made when next needed."
            )

    def _rebuild_thumbnail(self, rel: str, sources: list[str]) -> str | None:
        """Worker thread: one thumbnail made again; the problem in words, or None."""
        try:
            rebuild_thumbnail(self.thumbnails_dir, rel, sources)
        except OSError as exc:
            return str(exc)
        if not (self.thumbnails_dir / rel).exists():
            return f"the thumbnail cache {self.thumbnails_dir} cannot be written"
        return None

    @staticmethod
    def _prepare_failed(prepared: _Prepared, exc: BaseException) -> _Prepared:
        """Turn what went wrong reading a file into the reason shown to the user."""
        if isinstance(exc, ImageReadError):
            prepared.error = str(exc)
        elif isinstance(exc, FileNotFoundError):
            prepared.error = "file vanished before it could be read"
        elif isinstance(exc, PermissionError):
            prepared.error = PERMISSION_DENIED
        elif isinstance(exc, OSError):
            prepared.disk_full = exc.errno == errno.ENOSPC
            prepared.error = f"cannot read file ({exc.strerror or exc})"
        else:  # one bad file must not end the run
            log.error("Unexpected error preparing %s", prepared.path, exc_info=exc)
            prepared.error = f"unexpected error ({type(exc).__name__}: {exc})"
        return prepared

    def _store(self, p: _Prepared, folder: LibraryFolder | None, row: Image | None, report: IndexReport) -> None:
        path = str(p.path)
        if p.disk_full:
            raise DatabaseError(_DISK_FULL.format(where=self.thumbnails_dir))
        if p.thumbnail_error is not None:
            self._note_cache_unwritable(report, p.thumbnail_error)
        try:
            if p.error is not None:
                self._store_failure(p, folder, row)
                report.failed.append((path, p.error))
                return
            if p.same_content_as is not None:
                with self.db.atomic():
                    Image.update(size=p.size, mtime=p.mtime).where(Image.id == p.same_content_as).execute()
                report.unchanged += 1
                return
            if row is None and self._try_move(p, folder):
                report.moved += 1
                return
            if p.decoded is None:  # it looked moved, but the old file is back: read it here
                p = self._read_pixels(p, analyze=False)
                if p.error is not None:
                    self._store_failure(p, folder, row)
                    report.failed.append((path, p.error))
                    return
            with self.db.atomic():
                image = self._upsert_image(p, folder, row)
                if self._stages:
                    self._analyze_into(image, p.decoded, report, p.analysis)
            report.indexed += 1
            self._notify_faces(report)
        except OperationalError as exc:
            # Every later write would fail the same way: stop with a message, keep what is committed.
            text = str(exc).lower()
            if "full" in text:
                raise DatabaseError(_DISK_FULL.format(where=self.db.database)) from exc
            if "readonly" in text or "read-only" in text:
                raise DatabaseError(f"The library database {self.db.database} is read-only: {exc}") from exc
            log.exception("Could not store %s", path)
            report.failed.append((path, f"could not be stored ({exc})"))
        except Exception as exc:  # storage trouble for one file is reported, the run goes on
            log.exception("Could not store %s", path)
            report.failed.append((path, f"could not be stored ({type(exc).__name__}: {exc})"))

    def _store_failure(self, p: _Prepared, folder: LibraryFolder | None, row: Image | None) -> None:
        with self.db.atomic():
            if row is None:
                row = Image.get_or_none(Image.path == str(p.path))
            fields = dict(
                size=p.size, mtime=p.mtime, ctime=p.ctime, content_hash=p.digest, state=ImageState.FAILED, error=p.error
            )
            if row is None:
                Image.create(path=str(p.path), folder=folder, **fields)
            else:
                Image.update(**fields).where(Image.id == row.id).execute()
                ObjectTag.delete().where(ObjectTag.image == row.id).execute()
                Face.delete().where(Face.image == row.id).execute()

    @staticmethod
    def _moved_from(digest: str | None) -> Image | None:
        """A photo with these bytes whose file is gone: a new path for it is a move."""
        for old in Image.select().where((Image.content_hash == digest) & (Image.state != ImageState.FAILED)):
            if not os.path.exists(old.path):
                return old
        return None

    def _try_move(self, p: _Prepared, folder: LibraryFolder | None) -> bool:
        """Give a moved photo its new path, keeping its faces, tags, albums and names."""
        old = self._moved_from(p.digest)
        if old is None:
            return False
        with self.db.atomic():
            Image.update(path=str(p.path), folder=folder, size=p.size, mtime=p.mtime).where(Image.id == old.id).execute()
        log.info("Moved: %s -> %s", old.path, p.path)
        return True

    def _upsert_image(self, p: _Prepared, folder: LibraryFolder | None, row: Image | None) -> Image:
        d = p.decoded
        assert d is not None
        side = p.sidecar or SidecarInfo()
        has_gps = d.latitude is not None
        fields = dict(
            folder=folder,
            size=p.size,
            mtime=p.mtime,
            content_hash=p.digest,
            width=d.width,
            height=d.height,
            format=d.format,
            taken_at=d.taken_at or side.taken_at,
            latitude=d.latitude if has_gps else side.latitude,
            longitude=d.longitude if has_gps else side.longitude,
            description=side.description,
            phash=p.phash,
            media_type="video" if isinstance(d, DecodedVideo) else "photo",
            duration_s=d.duration_s if isinstance(d, DecodedVideo) else None,
            orientation=d.orientation,
            thumbnail=p.thumbnail,
            state=ImageState.WAITING,
            error=None,
            analyzed_with=None,
        )
        if row is None:
            row = Image.get_or_none(Image.path == str(p.path))
        if row is None:
            return Image.create(path=str(p.path), **fields)
        # The content changed: what was found in the old pixels no longer holds.
        ObjectTag.delete().where(ObjectTag.image == row.id).execute()
        Face.delete().where(Face.image == row.id).execute()
        Image.update(**fields).where(Image.id == row.id).execute()
        return Image.get_by_id(row.id)

    def _analyze_in_worker(self, decoded: DecodedImage) -> tuple[Any, list[float] | None] | None:
        """Worker thread: analyse with a borrowed analyzer; None leaves it to the writer thread."""
        if self.analyzer_pool is None:
            return None
        try:
            with self.analyzer_pool.borrow() as analyzer:
                return run_analysis(analyzer, decoded)
        except Exception:  # retried on the writer thread, which records the failure
            log.exception("Analysis in a worker failed")
            return None

    def _analyze_into(
        self,
        image: Image,
        decoded: DecodedImage,
        report: IndexReport,
        precomputed: tuple[Any, list[float] | None] | None = None,
    ) -> None:
        """Store the available stages the image still lacks; call inside a transaction."""
        assert self.analyzer is not None
        done = stages_of(image)
        todo = self._stages - done
        if not todo:
            return
        try:
            analysis, frame_times = precomputed or run_analysis(self.analyzer, decoded)
        except Exception as exc:
            log.exception("Analysis failed for %s", image.path)
            Image.update(error=f"analysis failed: {type(exc).__name__}: {exc}").where(Image.id == image.id).execute()
            report.failed.append((image.path, f"analysis failed: {exc}"))
            return
        scale = decoded.scale
        # Tags the user removed from this photo stay removed (library.tags.remove_tag).
        excluded = excluded_labels(image.id) if analysis.tags else set()
        tags = [t for t in analysis.tags if t.label not in excluded]
        if STAGE_OBJECTS in todo and tags:
            ObjectTag.insert_many(
                [
                    dict(
                        image=image.id,
                        label=t.label,
                        confidence=float(t.confidence),
                        x1=t.box[0] * scale,
                        y1=t.box[1] * scale,
                        x2=t.box[2] * scale,
                        y2=t.box[3] * scale,
                    )
                    for t in tags
                ]
            ).execute()
        if STAGE_FACES in todo:
            for i, f in enumerate(analysis.faces):
                landmarks = None
                if f.landmarks is not None:
                    landmarks = (np.asarray(f.landmarks, dtype=np.float32) * scale).astype(np.float32).tobytes()
                face = Face.create(
                    image=image.id,
                    x1=f.box[0] * scale,
                    y1=f.box[1] * scale,
                    x2=f.box[2] * scale,
                    y2=f.box[3] * scale,
                    landmarks=landmarks,
                    score=float(f.score),
                    embedding=np.asarray(f.embedding, dtype=np.float32).tobytes(),
                    sharpness=face_sharpness(frame_rgb(decoded, frame_times, i), f.box),
                    frame_time_s=frame_times[i] if frame_times else None,
                )
                report.new_face_ids.append(face.id)
        stages = done | todo
        state = ImageState.DONE if stages >= ALL_STAGES else ImageState.WAITING
        Image.update(analyzed_with=",".join(sorted(stages)), state=state, error=None).where(
            Image.id == image.id
        ).execute()
        report.analyzed += 1

    def _decode_for_analysis(self, image: Image) -> tuple[DecodedImage, Any] | str:
        try:
            decoded = decode_media(Path(image.path))
        except ImageReadError as exc:
            return str(exc)
        return decoded, self._analyze_in_worker(decoded)

    def _notify_faces(self, report: IndexReport) -> None:
        if self.on_faces_added and report.new_face_ids:
            ids, report.new_face_ids = report.new_face_ids, []
            try:
                self.on_faces_added(ids)
            except Exception:
                log.exception("Assigning new faces to people failed")

    def _remove_missing(self, root: Path, on_disk: set[str]) -> int:
        """Drop photos under ``root`` whose files are gone (their tags, faces and thumbnails go with them)."""
        ids = [
            img.id
            for img in Image.select(Image.id, Image.path).where(_path_range(root))
            if img.path not in on_disk and not os.path.exists(img.path)
        ]
        if not ids:
            return 0
        remove_images(self.db, ids, self.thumbnails_dir)
        return len(ids)
