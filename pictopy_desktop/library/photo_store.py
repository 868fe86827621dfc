"""Phase one of indexing: read each new or changed file and commit it, browsable, in batches.

A decode worker hashes the file, reads its date, place and orientation, decodes it small
(JPEGs through DCT scaling, ``media_decode.PREVIEW_SIDE``) and writes the thumbnail; the
writer thread then decides what the file is (a new photo, a known photo touched, moved,
swapped or come back, another name of a file already in the library) and commits a batch
of photos in one transaction. A photo stored here is ``ImageState.WAITING``: it shows in
the library at once, and ``library.analysis_queue`` finds what is in it later.

The workers are threads, not processes: decoding, resizing, encoding and hashing release
the GIL, and what keeps it (EXIF, XMP, the perceptual hash, the writer's SQL) is about a
sixth of a photo's CPU (``benchmarks/bench_two_phase.py`` prints both), so two threads
keep two cores busy with no process start-up and nothing copied between processes.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from peewee import OperationalError, SqliteDatabase, fn

from pictopy_desktop.errors import ImageReadError
from pictopy_desktop.library.analysis_queue import Analysis, AnalysisQueue
from pictopy_desktop.library.companion_identity import forget_identities
from pictopy_desktop.library.fatal_write import disk_full_error, fatal_write_error, is_disk_full
from pictopy_desktop.library.image_decode import DecodedImage
from pictopy_desktop.library.index_report import IndexReport
from pictopy_desktop.library.metadata.file_metadata import FileMetadata
from pictopy_desktop.library.metadata.sidecar_stamps import record_stamp, stamp_of
from pictopy_desktop.library.metadata.store import apply_file_metadata
from pictopy_desktop.library.metadata.xmp_reader import read_file_metadata
from pictopy_desktop.library.perceptual_hash import perceptual_hash
from pictopy_desktop.library.takeout_sidecar import SidecarInfo, read_sidecar
from pictopy_desktop.library.thumbnail_repair import note_cache_unwritable
from pictopy_desktop.library.thumbnails import delete_thumbnails, write_thumbnail
from pictopy_desktop.library.video_decode import DecodedVideo
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

PERMISSION_DENIED = "permission denied"

# A row whose path another photo took (a swap, a renumbering) and whose own bytes were not
# found yet waits, MISSING, under a path no file can have: absolute paths never start with
# this code point, and no library range scan reaches it.
DISPLACED_PREFIX = "\U0010ffff"


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
        forget_identities(ids)  # their RAWs' (raw_pairs), so no entry outlives its photo
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


def displaced_path(image_id: int, path: str) -> str:
    """Where a row waits after another photo took its path: unique, never a real file."""
    return f"{DISPLACED_PREFIX}{image_id}\t{path}"


def shown_path(path: str) -> str:
    """The path to show for a row: a displaced row shows where its file used to be."""
    if path.startswith(DISPLACED_PREFIX):
        return path.split("\t", 1)[-1]
    return path


def local_now() -> dt.datetime:
    """The local time stamped on rows that went offline or missing."""
    return dt.datetime.now()


def _real(path: str) -> Path:
    return Path(os.path.realpath(path))


_NO_PIXELS = np.zeros((0, 0, 3), dtype=np.uint8)


def without_pixels(decoded: DecodedImage) -> DecodedImage:
    """What the writer stores of a decoded file (size, format, date, place), its pixels and frames dropped."""
    if isinstance(decoded, DecodedVideo):
        return replace(decoded, rgb=_NO_PIXELS, frames=[])
    return replace(decoded, rgb=_NO_PIXELS)


@dataclass
class Prepared:
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
    analysis: Analysis | None = None  # run in the worker, when analysis goes with storing
    thumbnail_error: OSError | None = None  # the cache could not be written; the photo is fine
    file_meta: FileMetadata | None = None  # XMP/IPTC, embedded and in sidecars
    sidecar_stamp: str = ""


class PhotoStore:
    """Reads files into ``Prepared`` (worker threads) and stores them as photos (the writer thread).

    ``decode`` and ``hash_file`` read the file (one argument, the path). With ``analysis``
    the models run in the worker and their results are committed with the photo (the
    order before two-phase indexing, kept for comparison); without it photos are stored
    WAITING for ``AnalysisQueue``.
    """

    def __init__(
        self,
        db: SqliteDatabase,
        thumbnails_dir: Path,
        decode: Callable[[Path], DecodedImage],
        hash_file: Callable[[Path], str],
        analysis: AnalysisQueue | None = None,
        five_stars_favourite: bool = True,
    ) -> None:
        self.db = db
        self.thumbnails_dir = thumbnails_dir
        self.five_stars_favourite = five_stars_favourite
        self.decode = decode
        self.hash_file = hash_file
        self.analysis = analysis if analysis is not None and analysis.stages else None

    # ------------------------------------------------------------ worker threads

    def prepare(self, path: Path, row: Image | None) -> Prepared:
        """Worker thread: stat, hash, then (unless it was only touched or moved) read the pixels."""
        prepared = Prepared(path)
        try:
            st = path.stat()
            prepared.size, prepared.mtime = st.st_size, st.st_mtime
            prepared.device, prepared.inode, prepared.ctime = st.st_dev, st.st_ino, st.st_ctime
            prepared.digest = self.hash_file(path)
        except OSError as exc:
            return self._prepare_failed(prepared, exc)
        if (
            row is not None
            and row.content_hash == prepared.digest
            and row.state != ImageState.FAILED
        ):
            prepared.same_content_as = row.id  # touched, not changed
            return prepared
        if self._maybe_known(prepared) and (
            self._content_owner(prepared.digest, row) is not None
            or (row is None and self._same_file(prepared) is not None)
        ):
            return prepared  # the writer gives a known row this path; nothing to decode
        return self._read_pixels(prepared, analyze=True)

    @staticmethod
    def _maybe_known(p: Prepared) -> bool:
        """Whether some row has these bytes or this file's identity (one narrow, indexed query).

        A file new to the library (every file of a first import) skips the two look-ups that
        read whole rows: building their SQL holds the GIL longer than the query takes.
        """
        cond = Image.content_hash == p.digest
        if p.inode is not None:
            cond |= (Image.device == p.device) & (Image.inode == p.inode)
        return Image.select(Image.id).where(cond).exists()

    def _read_pixels(self, prepared: Prepared, analyze: bool) -> Prepared:
        """Decode, thumbnail, perceptual hash, sidecar and (in a worker, inline order) analysis. Never raises."""
        path = prepared.path
        try:
            prepared.decoded = self.decode(path)
            prepared.thumbnail = self._write_thumbnail(prepared)
            prepared.phash = perceptual_hash(prepared.decoded.rgb)
            prepared.sidecar = read_sidecar(path)
            prepared.file_meta = read_file_metadata(path)
            prepared.sidecar_stamp = stamp_of(path)
            if self.analysis is None:
                # Phase two decodes again at its own size: the pixels waiting for the writer
                # (a batch and the read-ahead) would only hold memory.
                prepared.decoded = without_pixels(prepared.decoded)
            elif analyze:
                prepared.analysis = self.analysis.analyze_in_worker(prepared.decoded)
        except Exception as exc:
            return self._prepare_failed(prepared, exc)
        return prepared

    def _write_thumbnail(self, prepared: Prepared) -> str | None:
        """Write the thumbnail; a cache that can't be written costs the thumbnail (None for now), not the photo."""
        assert prepared.decoded is not None and prepared.digest is not None
        try:
            return write_thumbnail(prepared.decoded.rgb, prepared.digest, self.thumbnails_dir)
        except OSError as exc:
            if is_disk_full(exc):
                raise  # a full disk stops the run (see _prepare_failed)
            prepared.thumbnail_error = exc
            return None  # made by a later run (thumbnails_to_rebuild)

    @staticmethod
    def _prepare_failed(prepared: Prepared, exc: BaseException) -> Prepared:
        """Turn what went wrong reading a file into the reason shown to the user."""
        if isinstance(exc, ImageReadError):
            prepared.error = str(exc)
        elif isinstance(exc, FileNotFoundError):
            prepared.error = "file vanished before it could be read"
        elif isinstance(exc, PermissionError):
            prepared.error = PERMISSION_DENIED
        elif isinstance(exc, OSError):
            prepared.disk_full = is_disk_full(exc)
            prepared.error = f"cannot read file ({exc.strerror or exc})"
        else:  # one bad file must not end the run
            log.error("Unexpected error preparing %s", prepared.path, exc_info=exc)
            prepared.error = f"unexpected error ({type(exc).__name__}: {exc})"
        return prepared

    # ------------------------------------------------------------ writer thread

    def store_batch(
        self, batch: list[tuple[Prepared, LibraryFolder | None]], report: IndexReport
    ) -> None:
        """Store prepared files in one transaction (each file's own trouble is reported, not raised).

        A full disk stops the run, after the files read before it are committed.
        """
        full = next((i for i, (p, _) in enumerate(batch) if p.disk_full), len(batch))
        try:
            with self.db.atomic():
                new = self._new_to_library([p for p, _ in batch[:full]])
                for (prepared, folder), is_new in zip(batch[:full], new, strict=True):
                    self.store(prepared, folder, report, new=is_new)
        except OperationalError as exc:  # the commit itself: a full disk, a read-only file
            raise fatal_write_error(exc, self.db.database) or exc from exc
        if self.analysis is not None:
            self.analysis.notify_faces(report)
        if full < len(batch):
            raise disk_full_error(self.thumbnails_dir)

    @staticmethod
    def _new_to_library(batch: list[Prepared]) -> list[bool]:
        """For each file of ``batch``, whether no row can be it: decoded, and its path, bytes
        and file identity are in no row, nor shared with a file before it in the batch.

        Storing one file changes only rows with its own path, bytes or identity, so these
        stay new through the batch and skip the three look-ups of whole rows (three narrow
        queries a batch instead). Call inside the batch's transaction.
        """
        decoded = [p.error is None and p.decoded is not None and bool(p.digest) for p in batch]
        files = [p for p, ok in zip(batch, decoded, strict=True) if ok]
        if not files:
            return decoded
        paths, digests = [str(p.path) for p in files], [p.digest for p in files]
        known: set[object] = set()
        for i in range(0, len(files), 500):
            chunk = slice(i, i + 500)
            known.update(
                path
                for (path,) in Image.select(Image.path).where(Image.path.in_(paths[chunk])).tuples()
            )
            known.update(
                d
                for (d,) in Image.select(Image.content_hash)
                .where(Image.content_hash.in_(digests[chunk]))
                .tuples()
            )
        by_device: dict[int | None, list[int]] = {}
        for p in files:
            if p.inode is not None:
                by_device.setdefault(p.device, []).append(p.inode)
        for device, inodes in by_device.items():
            for i in range(0, len(inodes), 500):
                known.update(
                    (device, inode)
                    for (inode,) in Image.select(Image.inode)
                    .where((Image.device == device) & Image.inode.in_(inodes[i : i + 500]))
                    .tuples()
                )
        new: list[bool] = []
        for p, ok in zip(batch, decoded, strict=True):
            keys = (str(p.path), p.digest, (p.device, p.inode))
            new.append(ok and not any(k in known for k in keys))
            known.update(keys)  # a later file with any of these meets this one's row
        return new

    def store(
        self, p: Prepared, folder: LibraryFolder | None, report: IndexReport, new: bool = False
    ) -> None:
        """Store one prepared file: a new photo, a changed one, a known one touched, moved or back.

        ``new``: no row can be this file (``_new_to_library``), so nothing is looked up.
        """
        path = str(p.path)
        if p.disk_full:
            raise disk_full_error(self.thumbnails_dir)
        if p.thumbnail_error is not None:
            note_cache_unwritable(report, self.thumbnails_dir, p.thumbnail_error)
        try:
            if new:
                self._store_decoded(p, folder, report)
                return
            # Read afresh: a swap earlier in this run may have given this path to another row.
            row = Image.get_or_none(Image.path == path)
            if p.error is not None:
                if row is not None and row.state == ImageState.FAILED and row.error == p.error:
                    report.known_failures.add(path)  # retried (a permission error) and failed again
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
            self._store_decoded(p, folder, report, row)
        except OperationalError as exc:
            if (fatal := fatal_write_error(exc, self.db.database)) is not None:
                raise fatal from exc
            log.exception("Could not store %s", path)
            report.failed.append((path, f"could not be stored ({exc})"))
        except Exception as exc:  # storage trouble for one file is reported, the run goes on
            log.exception("Could not store %s", path)
            report.failed.append((path, f"could not be stored ({type(exc).__name__}: {exc})"))

    def _store_decoded(
        self,
        p: Prepared,
        folder: LibraryFolder | None,
        report: IndexReport,
        row: Image | None = None,
    ) -> None:
        """Store a decoded file as a new photo, or as the new content of ``row`` (its path's row)."""
        with self.db.atomic():
            image = self._upsert_image(p, folder, row)
            if self.analysis is not None:
                self.analysis.store_analysis(image, p.decoded, report, p.analysis)
        if p.file_meta is not None:
            report.messages.extend(p.file_meta.problems)
        report.indexed += 1

    @staticmethod
    def _here(p: Prepared) -> dict[str, Any]:
        """Fields saying the file is present now, with its identity."""
        return dict(
            device=p.device,
            inode=p.inode,
            ctime=p.ctime,
            presence=Presence.PRESENT,
            missing_since=None,
        )

    def _store_failure(
        self, p: Prepared, folder: LibraryFolder | None, row: Image | None, report: IndexReport
    ) -> None:
        with self.db.atomic():
            if row is not None and row.state != ImageState.FAILED and p.digest is None:
                # A known photo whose file can't be read now (permissions, I/O): offline, nothing dropped.
                if row.presence == Presence.PRESENT:
                    report.offline += 1
                    Image.update(presence=Presence.OFFLINE, missing_since=local_now()).where(
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

    def _still_holds(self, row: Image) -> bool:
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
            return self.hash_file(path) == row.content_hash
        except OSError:
            return True

    @staticmethod
    def _same_file(p: Prepared) -> Image | None:
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

    def _same_file_again(self, row: Image, p: Prepared) -> None:
        """The file of ``row`` seen under another name: store its real path (a row kept from before paths were resolved)."""
        if _real(row.path) != p.path:
            return  # a hard link: one photo, under the name it was first found
        with self.db.atomic():
            Image.update(path=str(p.path), **self._here(p)).where(Image.id == row.id).execute()
        log.info("Stored the real path of %s: %s", row.path, p.path)

    def _take_path(
        self, owner: Image, p: Prepared, folder: LibraryFolder | None, current: Image | None
    ) -> None:
        """Give ``owner`` this path; the row that had it waits, missing, until its own bytes turn up."""
        with self.db.atomic():
            if current is not None:
                Image.update(
                    path=displaced_path(current.id, current.path),
                    presence=Presence.MISSING,
                    missing_since=local_now(),
                ).where(Image.id == current.id).execute()
            Image.update(
                path=str(p.path), folder=folder, size=p.size, mtime=p.mtime, **self._here(p)
            ).where(Image.id == owner.id).execute()
        log.info("Photo %d now at %s (was %s)", owner.id, p.path, shown_path(owner.path))

    def _upsert_image(self, p: Prepared, folder: LibraryFolder | None, row: Image | None) -> Image:
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
            utc_offset_min=d.utc_offset_min if d.taken_at else None,
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
        if row is None:  # store() looked it up in this transaction, or _new_to_library ruled it out
            image = Image.create(path=str(p.path), **fields)
        else:
            # The content changed: what was found in the old pixels no longer holds. Faces
            # stay until the new pixels are analysed: the ones found again are carried over
            # with the user's names and corrections (people.face_refresh).
            ObjectTag.delete().where(ObjectTag.image == row.id).execute()
            Image.update(**fields).where(Image.id == row.id).execute()
            image = Image.get_by_id(row.id)
        if p.file_meta is not None:
            # Keywords, ratings, captions and named faces other programs wrote (library.metadata);
            # a new row with none has nothing to set or clear.
            if row is not None or not p.file_meta.is_empty():
                apply_file_metadata(image, p.file_meta, self.five_stars_favourite)
                image = Image.get_by_id(image.id)
            record_stamp(image.id, p.sidecar_stamp)
        return image
