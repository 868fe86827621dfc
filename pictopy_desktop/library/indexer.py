"""Indexing: scan folders, decode each new or changed photo once, thumbnail, analyse, store.

Decoding and hashing run on a small thread pool (Pillow and hashlib release the GIL)
while the calling thread runs the models and writes, so I/O overlaps inference. Each
photo is committed in one transaction: a kill at any moment loses nothing committed.
"""

from __future__ import annotations

import datetime as dt
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
from pictopy_desktop.library.folder_scanner import LINK_BROKEN, walk_images
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
from pictopy_desktop.people.face_refresh import store_faces
from pictopy_desktop.storage.tables import (
    Face,
    Image,
    ImageState,
    LibraryFolder,
    ObjectTag,
    Person,
    Presence,
)

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

# A row whose path another photo took (a swap, a renumbering) and whose own bytes were not
# found yet waits, MISSING, under a path no file can have: absolute paths never start with
# this code point, and no library range scan reaches it.
DISPLACED_PREFIX = "\U0010ffff"

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
    offline: int = 0  # photos whose folder or volume can't be seen now (kept whole)
    missing: int = 0  # photos whose file is confirmed gone (kept for the grace period)
    returned: int = 0  # offline or missing photos found again
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
            "offline": self.offline,
            "missing": self.missing,
            "returned": self.returned,
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
    device: int | None = None
    inode: int | None = None
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
        t
        for i in range(0, len(ids), 500)
        for (t,) in Image.select(Image.thumbnail)
        .where(Image.id.in_(ids[i : i + 500]) & Image.thumbnail.is_null(False))
        .tuples()
    }
    with db.atomic():
        for i in range(0, len(ids), 500):
            Image.delete().where(Image.id.in_(ids[i : i + 500])).execute()
        # An unnamed person left without faces is noise; a named one keeps the user's name.
        empty = Person.select(Person.id).where(
            (Person.user_named == False)
            & ~fn.EXISTS(Face.select(Face.id).where(Face.person == Person.id))
        )
        Person.delete().where(Person.id.in_(empty)).execute()
    # A copy of the same bytes elsewhere in the library shares the thumbnail.
    still_used = {
        t
        for (t,) in Image.select(Image.thumbnail).where(Image.thumbnail.in_(list(thumbs))).tuples()
    }
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


def frame_rgb(
    decoded: DecodedImage, frame_times: list[float] | None, face_index: int
) -> np.ndarray:
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
    return {
        s
        for s, ok in ((STAGE_OBJECTS, analyzer.has_objects), (STAGE_FACES, analyzer.has_faces))
        if ok
    }


def _path_range(root: Path):
    """Rows whose path lies under ``root`` (a range scan on the unique path index)."""
    prefix = str(root).rstrip(os.sep) + os.sep
    return (Image.path >= prefix) & (Image.path < prefix + "\U0010ffff")


def displaced_path(image_id: int, path: str) -> str:
    """Where a row waits after another photo took its path: unique, never a real file."""
    return f"{DISPLACED_PREFIX}{image_id}\t{path}"


def shown_path(path: str) -> str:
    """The path to show for a row: a displaced row shows where its file used to be."""
    if path.startswith(DISPLACED_PREFIX):
        return path.split("\t", 1)[-1]
    return path


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def _real(path: str) -> Path:
    return Path(os.path.realpath(path))


def _now() -> dt.datetime:
    return dt.datetime.now()


class Indexer:
    """Scans folders into the library and analyses what needs it."""

    def __init__(
        self,
        db: SqliteDatabase,
        thumbnails_dir: Path,
        analyzer: Analyzer | None = None,
        on_faces_added: Callable[[list[int]], None] | None = None,
        workers: int = 2,
        prefetch: int | None = None,
        analyzer_pool: AnalyzerPool | None = None,
        keep_missing_days: int = 30,
    ) -> None:
        self.db = db
        self.keep_missing_days = keep_missing_days
        self.thumbnails_dir = thumbnails_dir
        self.analyzer = analyzer
        self.on_faces_added = on_faces_added
        self.workers = max(1, workers)
        # Finished photos wait in the read-ahead queue holding only their small pixels
        # (a few MB), so two a worker keeps every worker busy behind a slow photo.
        self.prefetch = max(1, prefetch if prefetch is not None else 2 * self.workers)
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

        from pictopy_desktop.library.linked_rows import (
            merge_linked_folders,
        )  # it builds on remove_images here

        if merged := merge_linked_folders(self.db, self.thumbnails_dir):
            report.messages.append(
                f"{merged} photo{'s' if merged != 1 else ''} stored twice (a folder added directly and through a link) "
                "are one again, keeping everything given to either copy."
            )
        work: list[tuple[Path, LibraryFolder | None]] = []
        scanned_roots: list[tuple[Path, set[str], list[Path]]] = []
        for raw in roots:
            given = Path(os.path.abspath(os.path.expanduser(str(raw))))
            # One file, one photo: a folder reached through a link is stored as the real folder.
            root = Path(os.path.realpath(given))
            if root.is_dir():
                folder, note = self._folder_for(root, given)
                if note:
                    report.messages.append(note)
                scan = walk_images(root, [Path(f.path) for f in LibraryFolder.select()])
                report.failed.extend(scan.errors)
                report.skipped_files.extend(scan.skipped)
                report.non_images += scan.non_images
                problem = self._unavailable(folder, root, scan.candidates)
                if problem is not None:
                    self._went_offline(root, problem, report)
                    continue
                found = (
                    scan.candidates
                )  # real paths already: the scanner resolves links and walks the real root
                # A link into another library folder: its photos belong to that folder (removing this
                # folder must not take them along).
                inside = str(root).rstrip(os.sep) + os.sep
                work.extend(
                    (p, folder if str(p).startswith(inside) else self._folder_containing(p))
                    for p in found
                )
                unreadable = [Path(os.path.realpath(p)) for p, _ in scan.errors]
                scanned_roots.append((root, {str(p) for p in found}, unreadable))
            elif root.is_file():
                work.append((root, self._folder_containing(root)))
            elif (
                kind := self._special_file_kind(root)
            ) is not None:  # a pipe, socket or device given by name
                report.skipped_files.append((str(root), f"{kind}, not a photo file"))
            elif self._is_library_folder(root) or self._is_library_folder(given):
                self._went_offline(
                    root,
                    "the folder is not there (a drive or share that is not connected?)",
                    report,
                )
            elif os.path.lexists(given) or os.path.lexists(root):
                # A link (or a link on the way to it) whose target is gone: nothing to read, so
                # skipped like a broken link met in a folder, not counted as an unreadable photo.
                report.skipped_files.append((str(given), LINK_BROKEN))
            else:
                report.failed.append(
                    (str(given), "folder not found (moved, deleted or not mounted)")
                )

        # Roots given twice, or through a link, or one inside another: each file once.
        unique: dict[str, tuple[Path, LibraryFolder | None]] = {}
        for item in work:
            unique.setdefault(str(item[0]), item)
        work = list(unique.values())
        known = self._known_rows([(r, d) for r, d, _ in scanned_roots], [p for p, _ in work])
        to_process: list[tuple[Path, LibraryFolder | None, Image | None]] = []
        seen: set[tuple[int, int]] = set()
        refresh: list[tuple[Image, os.stat_result]] = []
        for path, folder in work:
            st = _stat(path)
            if st is not None:
                # A second name for a file already in this run (a hard link, a link the scanner kept).
                if (st.st_dev, st.st_ino) in seen:
                    continue
                seen.add((st.st_dev, st.st_ino))
            row = known.get(str(path))
            if row is not None and st is not None and self._unchanged(row, path, retry_failed, st):
                report.unchanged += 1
                if row.state == ImageState.FAILED:
                    report.failed.append((str(path), row.error or "unreadable"))
                if row.presence != Presence.PRESENT or (row.device, row.inode) != (
                    st.st_dev,
                    st.st_ino,
                ):
                    refresh.append((row, st))
                continue
            to_process.append((path, folder, row))
        report.returned += self._refresh_identity(refresh)

        total = len(to_process)
        done = 0
        progress(0, total, "")
        jobs = self._read_ahead(
            to_process, lambda item: self._prepare(item[0], item[2]), should_stop
        )
        for (_, folder, _row), prepared in jobs:
            self._store(prepared, folder, report)
            done += 1
            progress(done, total, str(prepared.path))
        if should_stop():
            report.cancelled = True
            return report

        for root, on_disk, unreadable in scanned_roots:
            self._settle_absent(root, on_disk, unreadable, report)
        report.removed += self._expire_missing()
        self._rebuild_missing_thumbnails(report, progress, should_stop)
        with self.db.atomic():
            LibraryFolder.update(last_scanned_at=fn.datetime("now", "localtime")).where(
                LibraryFolder.path.in_([str(r) for r, _, _ in scanned_roots])
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
            report.waiting_for_models = (
                Image.select().where(Image.state == ImageState.WAITING).count()
            )
            return report
        pending = [
            img
            for img in Image.select().where(
                (Image.state == ImageState.WAITING)
                & Image.error.is_null()
                & (Image.presence == Presence.PRESENT)
            )
            if not self._stages <= stages_of(img)
        ]
        total = len(pending)
        jobs = self._read_ahead(pending, self._decode_for_analysis, should_stop)
        for done, (image, decoded_or_error) in enumerate(jobs, start=1):
            if isinstance(decoded_or_error, str):
                with self.db.atomic():
                    Image.update(error=f"analysis skipped: {decoded_or_error}").where(
                        Image.id == image.id
                    ).execute()
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

    def _folder_for(self, root: Path, given: Path) -> tuple[LibraryFolder, str | None]:
        """The library folder row for ``root`` (an enclosing library folder is reused), and a note for the user.

        ``root`` is the real path; ``given`` the path as the user named it. A folder that is
        already in the library (itself, through a link, or inside another) is not added twice.
        """
        existing = self._folder_containing(root)
        if existing is not None:
            return existing, self._already_there_note(existing, root, given)
        with self.db.atomic():
            folder, _ = LibraryFolder.get_or_create(path=str(root))
            # Folders nested in the new one now belong to it.
            nested = [
                f
                for f in LibraryFolder.select()
                if f.id != folder.id and _real(f.path).is_relative_to(root)
            ]
            for f in nested:
                Image.update(folder=folder).where(Image.folder == f).execute()
                f.delete_instance()
        note = None
        if nested:
            names = ", ".join(f.path for f in nested)
            note = f"{root} now holds the library folder{'s' if len(nested) > 1 else ''} {names}; its photos are kept, not added twice."
        return folder, note

    @staticmethod
    def _already_there_note(existing: LibraryFolder, root: Path, given: Path) -> str | None:
        """What to tell the user who adds a folder the library already has (None for a plain rescan)."""
        if str(root) == existing.path and given == root:
            return None
        if _real(existing.path) == root:
            if (
                existing.path != str(root)
                and not LibraryFolder.select().where(LibraryFolder.path == str(root)).exists()
            ):
                # Stored through a link before paths were resolved: store the real path from now on.
                with LibraryFolder._meta.database.atomic():
                    LibraryFolder.update(path=str(root)).where(
                        LibraryFolder.id == existing.id
                    ).execute()
                existing.path = str(root)
            return f"{given} is the library folder {existing.path} (through a link); it is rescanned, nothing is added twice."
        return f"{given} is already in the library, inside {existing.path}; it is rescanned, nothing is added twice."

    @staticmethod
    def _special_file_kind(path: Path) -> str | None:
        """What ``path`` is when it exists but is neither a folder nor a regular file."""
        try:
            return file_kind(os.stat(path).st_mode)
        except OSError:
            return None

    @staticmethod
    def _folder_containing(path: Path) -> LibraryFolder | None:
        """The library folder holding ``path`` (a real path), comparing real paths and file identity."""
        for folder in LibraryFolder.select():
            real = _real(folder.path)
            if path == real or path.is_relative_to(real):
                return folder
        for folder in LibraryFolder.select():
            try:
                if os.path.samefile(
                    path, folder.path
                ):  # the same folder under another name (a bind mount)
                    return folder
            except OSError:
                continue
        return None

    @staticmethod
    def _is_library_folder(path: Path) -> bool:
        return LibraryFolder.select().where(LibraryFolder.path == str(path)).exists()

    def _unavailable(self, folder: LibraryFolder, root: Path, candidates: list[Path]) -> str | None:
        """Why the photos under ``root`` can't be seen now (their drive is not there), or None.

        Offline is never taken for deleted: an unreadable folder, an empty one where photos
        were, or another volume at the folder's path (an empty mount point) keeps them offline.
        """
        try:
            with os.scandir(root) as entries:
                next(entries, None)
            st = root.stat()
        except OSError as exc:
            reason = (
                "permission denied"
                if isinstance(exc, PermissionError)
                else (exc.strerror or str(exc))
            )
            return f"the folder can't be read ({reason})"
        held = (
            Image.select().where(_path_range(root) & (Image.presence != Presence.MISSING)).count()
        )
        if not candidates and held:
            return f"the folder is empty where it held {held} photo{'s' if held != 1 else ''} (a drive or share that is not mounted?)"
        if str(root) != folder.path:
            return None  # a subfolder: its volume is checked photo by photo
        if (
            folder.device is not None
            and st.st_dev != folder.device
            and held
            and not self._known_file_in(root, candidates)
        ):
            return "another volume is at the folder's path (the drive is not connected?)"
        if folder.device != st.st_dev:
            # Learned on first sight, or the drive came back under a new device number.
            with self.db.atomic():
                LibraryFolder.update(device=st.st_dev).where(
                    LibraryFolder.id == folder.id
                ).execute()
        return None

    @staticmethod
    def _known_file_in(root: Path, candidates: list[Path]) -> bool:
        """Whether a photo the library knows is there unchanged: the same drive back, with a new device number.

        Size and time at the same path, not the inode: FAT and exFAT drives number files
        anew at every mount.
        """
        known = {
            path: (size, mtime)
            for path, size, mtime in Image.select(Image.path, Image.size, Image.mtime)
            .where(_path_range(root))
            .tuples()
        }
        for path in candidates:
            seen = known.get(str(path))
            if (
                seen is not None
                and (st := _stat(path)) is not None
                and (st.st_size, st.st_mtime) == seen
            ):
                return True
        return False

    def _went_offline(self, root: Path, reason: str, report: IndexReport) -> None:
        """Mark the photos under ``root`` offline: nothing is removed, everything comes back with the drive."""
        with self.db.atomic():
            n = (
                Image.update(presence=Presence.OFFLINE, missing_since=_now())
                .where(_path_range(root) & (Image.presence == Presence.PRESENT))
                .execute()
            )
        held = (
            Image.select().where(_path_range(root) & (Image.presence == Presence.OFFLINE)).count()
        )
        report.offline += n
        if held:
            report.messages.append(
                f"{held} photo{'s' if held != 1 else ''} in {root} {'are' if held != 1 else 'is'} offline: {reason}. "
                "They keep their names, albums and favourites, and come back when the folder does."
            )
        else:
            report.failed.append((str(root), reason))

    def _refresh_identity(self, rows: list[tuple[Image, os.stat_result]]) -> int:
        """Record the current device/inode of unchanged files, and bring offline ones back; returns how many came back."""
        returned = 0
        with self.db.atomic():
            for row, st in rows:
                returned += row.presence != Presence.PRESENT
                Image.update(
                    device=st.st_dev,
                    inode=st.st_ino,
                    ctime=st.st_ctime,
                    presence=Presence.PRESENT,
                    missing_since=None,
                ).where(Image.id == row.id).execute()
        return returned

    @staticmethod
    def _known_rows(
        scanned_roots: list[tuple[Path, set[str]]], files: list[Path]
    ) -> dict[str, Image]:
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
    def _unchanged(
        row: Image, path: Path, retry_failed: bool = False, st: os.stat_result | None = None
    ) -> bool:
        if st is None:
            try:
                st = path.stat()
            except OSError:
                return False
        same = row.size == st.st_size and abs(row.mtime - st.st_mtime) < 1e-6
        # Size and mtime alone miss a swap of two same-sized files with equal mtimes
        # (uncompressed formats, unpacked archives, FAT's 2 s clock): another inode, or a
        # new ctime (a copy with preserved times), means the bytes are hashed again.
        # Rows from before identities were recorded rely on size and mtime.
        if same and row.inode is not None and row.ctime is not None:
            same = (row.device, row.inode) == (st.st_dev, st.st_ino) and abs(
                row.ctime - st.st_ctime
            ) < 1e-6
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

    def _read_ahead(
        self, items: Iterable[T], job: Callable[[T], R], should_stop: StopFn
    ) -> Iterator[tuple[T, R]]:
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
            prepared.size, prepared.mtime = st.st_size, st.st_mtime
            prepared.device, prepared.inode, prepared.ctime = st.st_dev, st.st_ino, st.st_ctime
            prepared.digest = content_hash(path)
        except OSError as exc:
            return self._prepare_failed(prepared, exc)
        if (
            row is not None
            and row.content_hash == prepared.digest
            and row.state != ImageState.FAILED
        ):
            prepared.same_content_as = row.id  # touched, not changed
            return prepared
        if self._content_owner(prepared.digest, row) is not None or (
            row is None and self._same_file(prepared) is not None
        ):
            return prepared  # the writer gives a known row this path; nothing to decode
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

    def _rebuild_missing_thumbnails(
        self, report: IndexReport, progress: ProgressFn, should_stop: StopFn
    ) -> None:
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
        jobs = self._read_ahead(
            missing.items(), lambda item: self._rebuild_thumbnail(*item), should_stop
        )
        for done, ((rel, _), problem) in enumerate(jobs, start=1):
            if problem is None:
                with (
                    self.db.atomic()
                ):  # photos indexed while the cache was unwritable get their thumbnail
                    Image.update(thumbnail=rel).where(
                        (Image.content_hash == Path(rel).stem) & Image.thumbnail.is_null()
                    ).execute()
                report.thumbnails_rebuilt += 1
            else:
                failures.append(problem)
            progress(done, total, rel)
        if failures:
            report.messages.append(
                f"{len(failures)} thumbnails could not be made again, e.g. {failures[0]}"
            )

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

    def _store(self, p: _Prepared, folder: LibraryFolder | None, report: IndexReport) -> None:
        path = str(p.path)
        if p.disk_full:
            raise DatabaseError(_DISK_FULL.format(where=self.thumbnails_dir))
        if p.thumbnail_error is not None:
            self._note_cache_unwritable(report, p.thumbnail_error)
        try:
            # Read afresh: a swap earlier in this run may have given this path to another row.
            row = Image.get_or_none(Image.path == path)
            if p.error is not None:
                self._store_failure(p, folder, row, report)
                report.failed.append((path, p.error))
                return
            if row is not None and row.content_hash == p.digest and row.state != ImageState.FAILED:
                with self.db.atomic():
                    Image.update(size=p.size, mtime=p.mtime, **self._here(p)).where(
                        Image.id == row.id
                    ).execute()
                report.unchanged += 1
                report.returned += row.presence != Presence.PRESENT
                return
            if row is None and (same := self._same_file(p)) is not None:
                self._same_file_again(same, p)
                report.unchanged += 1
                return
            owner = self._content_owner(p.digest, row)
            if owner is not None:
                # Content follows content: the row of these bytes (moved, swapped, back from
                # offline or missing) takes this path with everything the user gave it.
                self._take_path(owner, p, folder, row)
                if owner.presence == Presence.PRESENT or owner.path.startswith(DISPLACED_PREFIX):
                    report.moved += 1
                else:
                    report.returned += 1
                return
            if p.decoded is None:  # it looked moved, but the old file is back: read it here
                p = self._read_pixels(p, analyze=False)
                if p.error is not None:
                    self._store_failure(p, folder, row, report)
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
                raise DatabaseError(
                    f"The library database {self.db.database} is read-only: {exc}"
                ) from exc
            log.exception("Could not store %s", path)
            report.failed.append((path, f"could not be stored ({exc})"))
        except Exception as exc:  # storage trouble for one file is reported, the run goes on
            log.exception("Could not store %s", path)
            report.failed.append((path, f"could not be stored ({type(exc).__name__}: {exc})"))

    @staticmethod
    def _here(p: _Prepared) -> dict[str, Any]:
        """Fields saying the file is present now, with its identity."""
        return dict(
            device=p.device,
            inode=p.inode,
            ctime=p.ctime,
            presence=Presence.PRESENT,
            missing_since=None,
        )

    def _store_failure(
        self, p: _Prepared, folder: LibraryFolder | None, row: Image | None, report: IndexReport
    ) -> None:
        with self.db.atomic():
            if row is not None and row.state != ImageState.FAILED and p.digest is None:
                # A known photo whose file can't be read now (permissions, I/O): offline, nothing dropped.
                if row.presence == Presence.PRESENT:
                    report.offline += 1
                    Image.update(presence=Presence.OFFLINE, missing_since=_now()).where(
                        Image.id == row.id
                    ).execute()
                return
            fields = dict(
                size=p.size,
                mtime=p.mtime,
                state=ImageState.FAILED,
                error=p.error,
                device=p.device,
                inode=p.inode,
                ctime=p.ctime,
            )
            if row is None:
                if p.digest is not None:
                    fields["content_hash"] = p.digest
                Image.create(path=str(p.path), folder=folder, **fields)
            else:
                # A known photo that no longer decodes (half-written by an editor, damaged):
                # its faces, names and tags stay, and so does the hash of the picture they
                # belong to; once the file reads again (new size, mtime or ctime) its new
                # faces are matched to these.
                Image.update(**fields).where(Image.id == row.id).execute()

    def _content_owner(self, digest: str | None, current: Image | None) -> Image | None:
        """Another row with these bytes whose own file no longer holds them: this file is that photo.

        Missing and offline rows come first; a present row qualifies only when its file is
        gone or now holds other bytes (a move, a swap, a renumbering). A readable copy
        elsewhere keeps its own row.
        """
        if digest is None:
            return None
        q = Image.select().where(
            (Image.content_hash == digest) & (Image.state != ImageState.FAILED)
        )
        if current is not None:
            q = q.where(Image.id != current.id)
        order = {Presence.MISSING: 0, Presence.OFFLINE: 1, Presence.PRESENT: 2}
        for row in sorted(q, key=lambda r: (order.get(r.presence, 3), r.id)):
            if row.presence != Presence.PRESENT or not self._still_holds(row):
                return row
        return None

    @staticmethod
    def _still_holds(row: Image) -> bool:
        """Whether ``row``'s file still has ``row``'s bytes (unsure counts as yes: never take a photo's data on a guess)."""
        path = Path(row.path)
        try:
            st = path.stat()
        except (FileNotFoundError, NotADirectoryError):
            return False
        except OSError:
            return True
        if (
            st.st_size == row.size
            and abs(st.st_mtime - row.mtime) < 1e-6
            and row.inode in (None, st.st_ino)
        ):
            return True
        try:
            return content_hash(path) == row.content_hash
        except OSError:
            return True

    @staticmethod
    def _same_file(p: _Prepared) -> Image | None:
        """A present row that is this very file under another name (a link, a folder added twice)."""
        cond = Image.content_hash == p.digest
        if p.inode is not None:
            cond |= (Image.device == p.device) & (Image.inode == p.inode)
        q = Image.select().where(
            cond & (Image.path != str(p.path)) & (Image.presence == Presence.PRESENT)
        )
        for row in q:
            try:
                if os.path.samefile(row.path, p.path):
                    return row
            except OSError:
                continue
        return None

    def _same_file_again(self, row: Image, p: _Prepared) -> None:
        """The file of ``row`` seen under another name: store its real path (a row kept from before paths were resolved)."""
        if _real(row.path) != p.path:
            return  # a hard link: one photo, under the name it was first found
        with self.db.atomic():
            Image.update(path=str(p.path), **self._here(p)).where(Image.id == row.id).execute()
        log.info("Stored the real path of %s: %s", row.path, p.path)

    def _take_path(
        self, owner: Image, p: _Prepared, folder: LibraryFolder | None, current: Image | None
    ) -> None:
        """Give ``owner`` this path; the row that had it waits, missing, until its own bytes turn up."""
        with self.db.atomic():
            if current is not None:
                Image.update(
                    path=displaced_path(current.id, current.path),
                    presence=Presence.MISSING,
                    missing_since=_now(),
                ).where(Image.id == current.id).execute()
            Image.update(
                path=str(p.path), folder=folder, size=p.size, mtime=p.mtime, **self._here(p)
            ).where(Image.id == owner.id).execute()
        log.info("Photo %d now at %s (was %s)", owner.id, p.path, shown_path(owner.path))

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
            **self._here(p),
        )
        if row is None:
            row = Image.get_or_none(Image.path == str(p.path))
        if row is None:
            return Image.create(path=str(p.path), **fields)
        # The content changed: what was found in the old pixels no longer holds. Faces
        # stay until the new pixels are analysed: the ones found again are carried over
        # with the user's names and corrections (people.face_refresh).
        ObjectTag.delete().where(ObjectTag.image == row.id).execute()
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
            Image.update(error=f"analysis failed: {type(exc).__name__}: {exc}").where(
                Image.id == image.id
            ).execute()
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
            found = []
            for i, f in enumerate(analysis.faces):
                landmarks = None
                if f.landmarks is not None:
                    landmarks = (
                        (np.asarray(f.landmarks, dtype=np.float32) * scale)
                        .astype(np.float32)
                        .tobytes()
                    )
                found.append(
                    dict(
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
                )
            report.new_face_ids.extend(store_faces(image.id, image.width, image.height, found))
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

    def _settle_absent(
        self, root: Path, on_disk: set[str], unreadable: list[Path], report: IndexReport
    ) -> None:
        """Photos under ``root`` not found this run: offline unless their file is confirmed gone."""
        root_device = st.st_dev if (st := _stat(root)) is not None else None
        offline: list[int] = []
        missing: list[int] = []
        rows = Image.select(Image.id, Image.path, Image.presence, Image.device).where(
            _path_range(root) & (Image.presence != Presence.MISSING)
        )
        for img in rows:
            if img.path in on_disk:
                continue
            verdict = self._absence(
                Path(img.path), root_device if img.device is None else img.device, unreadable
            )
            if verdict == Presence.MISSING:
                missing.append(img.id)
            elif verdict == Presence.OFFLINE and img.presence == Presence.PRESENT:
                offline.append(img.id)
        now = _now()
        with self.db.atomic():
            for i in range(0, len(offline), 500):
                Image.update(presence=Presence.OFFLINE, missing_since=now).where(
                    Image.id.in_(offline[i : i + 500])
                ).execute()
            for i in range(0, len(missing), 500):
                Image.update(presence=Presence.MISSING, missing_since=now).where(
                    Image.id.in_(missing[i : i + 500])
                ).execute()
        report.offline += len(offline)
        report.missing += len(missing)
        if offline:
            report.messages.append(
                f"{len(offline)} photo{'s' if len(offline) != 1 else ''} under {root} can't be seen now "
                "(an unreadable folder or a drive that is not connected): kept offline with everything you gave them."
            )

    @staticmethod
    def _absence(path: Path, recorded_device: int | None, unreadable: list[Path]) -> str | None:
        """OFFLINE, MISSING, or None when the file is still there (just not a photo this run)."""
        if any(path.is_relative_to(d) for d in unreadable):
            return Presence.OFFLINE
        try:
            os.lstat(path)
            return None
        except (FileNotFoundError, NotADirectoryError):
            pass  # the folder above could be searched and the name is not in it
        except OSError:
            return Presence.OFFLINE
        for parent in path.parents:
            try:
                st = parent.stat()
                break
            except (FileNotFoundError, NotADirectoryError):
                continue
            except OSError:
                return Presence.OFFLINE
        else:
            return Presence.OFFLINE
        # Gone from a folder on the volume it was recorded on; on another one (an empty
        # mount point) the drive is just not there.
        if recorded_device is not None and st.st_dev != recorded_device:
            return Presence.OFFLINE
        return Presence.MISSING

    def _expire_missing(self) -> int:
        """Forget missing photos older than the grace period; returns how many left the library."""
        cutoff = _now() - dt.timedelta(days=self.keep_missing_days)
        ids = [
            i
            for (i,) in Image.select(Image.id)
            .where((Image.presence == Presence.MISSING) & (Image.missing_since < cutoff))
            .tuples()
        ]
        remove_images(self.db, ids, self.thumbnails_dir)
        return len(ids)
