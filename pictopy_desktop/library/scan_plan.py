"""What changed on disk since the last scan: the first step of every indexing run.

``ScanPlanner.plan`` walks the given folders (and single files), finds the library folder
each file belongs to, and sorts the files into unchanged ones (only their identity is
refreshed) and those to read (new, changed, moved, or failed before and worth another
try). A folder whose drive or share can't be seen is marked offline instead. After the
files are stored, ``settle`` decides about the photos not seen this run: offline unless
their own file is confirmed gone (missing), and missing ones past the grace period leave.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from peewee import SqliteDatabase, fn

from pictopy_desktop.library.companion_identity import Stamp
from pictopy_desktop.library.folder_scanner import LINK_BROKEN, walk_images
from pictopy_desktop.library.index_report import IndexReport
from pictopy_desktop.library.linked_rows import merge_linked_folders
from pictopy_desktop.library.metadata.sidecar_stamps import SidecarListing, stored_stamps
from pictopy_desktop.library.path_range import path_range
from pictopy_desktop.library.photo_files import is_file_read
from pictopy_desktop.library.photo_store import PERMISSION_DENIED, local_now, remove_images
from pictopy_desktop.library.raw_pairs import pair_work
from pictopy_desktop.storage.backup import backups_dir
from pictopy_desktop.storage.data_files import file_kind
from pictopy_desktop.storage.tables import Image, ImageState, LibraryFolder, Presence


def _known_unreadable_folders(errors: list[tuple[str, str]]) -> set[str]:
    """Unreadable folders seen before: their photos are offline already (a run found them so)."""
    return {
        path
        for path, _ in errors
        if Image.select()
        .where(path_range(Path(os.path.realpath(path))) & (Image.presence == Presence.OFFLINE))
        .exists()
    }


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def _real(path: str) -> Path:
    return Path(os.path.realpath(path))


@dataclass
class ScannedRoot:
    """A library folder walked this run: the files found in it, and its subfolders that could not be read."""

    root: Path
    on_disk: set[str]
    unreadable: list[Path]


@dataclass
class ScanPlan:
    """The files to read this run (path, library folder, known row) and the folders walked."""

    to_process: list[tuple[Path, LibraryFolder | None, Image | None]] = field(default_factory=list)
    scanned_roots: list[ScannedRoot] = field(default_factory=list)
    raw_pairs: dict[Path, Path] = field(default_factory=dict)  # {JPEG: its RAW} (raw_pairs.py)
    # Unchanged photos whose .xmp sidecar came, changed or went: (row, path, sidecar stamp)
    metadata_to_reread: list[tuple[Image, Path, str]] = field(default_factory=list)
    raw_stamps: dict[str, Stamp] = field(default_factory=dict)  # each RAW as checked
    # The folders of files seen outside ``scanned_roots`` (single files given, link targets)
    other_folders: set[Path] = field(default_factory=set)


class ScanPlanner:
    """Compares folders on disk with the library's rows."""

    def __init__(
        self, db: SqliteDatabase, thumbnails_dir: Path, keep_missing_days: int = 30
    ) -> None:
        self.db = db
        self.thumbnails_dir = thumbnails_dir
        self.keep_missing_days = keep_missing_days

    def plan(
        self, roots: Sequence[Path], report: IndexReport, retry_failed: bool = False
    ) -> ScanPlan:
        """Walk ``roots`` (folders or single photos) and list what needs reading.

        Files that failed before are read again when they changed (size, mtime or ctime),
        when the failure was a permission error, and all of them with ``retry_failed``.
        """
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
                scan = walk_images(
                    root,
                    [Path(f.path) for f in LibraryFolder.select()],
                    # A data dir inside a photo folder: its thumbnails and backups aren't photos.
                    own_folders=[self.thumbnails_dir, backups_dir(Path(self.db.database))],
                )
                report.failed.extend(scan.errors)
                report.known_failures.update(_known_unreadable_folders(scan.errors))
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
        # A RAW beside its JPEG is not a photo of its own: the JPEG's row shows both.
        work, raw_pairs, raw_stamps = pair_work(
            work, self.thumbnails_dir, self._folder_containing, self.keep_missing_days
        )
        known = self._known_rows([(r, d) for r, d, _ in scanned_roots], [p for p, _ in work])
        walked = tuple(str(r).rstrip(os.sep) + os.sep for r, _, _ in scanned_roots)
        other_folders = {p.parent for p, _ in work if not str(p).startswith(walked)}
        to_process: list[tuple[Path, LibraryFolder | None, Image | None]] = []
        seen: set[tuple[int, int]] = set()
        refresh: list[tuple[Image, os.stat_result]] = []
        sidecars, stamps = SidecarListing(), stored_stamps()
        reread: list[tuple[Image, Path, str]] = []
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
                stamp = sidecars.stamp(path)
                if row.state != ImageState.FAILED and stamp != stamps.get(row.id, ""):
                    reread.append((row, path, stamp))  # its sidecar came, changed or went
                if row.state == ImageState.FAILED:
                    report.failed.append((str(path), row.error or "unreadable"))
                    report.known_failures.add(str(path))
                if row.presence != Presence.PRESENT or (row.device, row.inode) != (
                    st.st_dev,
                    st.st_ino,
                ):
                    refresh.append((row, st))
                continue
            to_process.append((path, folder, row))
        report.returned += self._refresh_identity(refresh)

        return ScanPlan(
            to_process,
            [ScannedRoot(r, on_disk, unreadable) for r, on_disk, unreadable in scanned_roots],
            raw_pairs,
            metadata_to_reread=reread,
            raw_stamps=raw_stamps,
            other_folders=other_folders,
        )

    def settle(self, plan: ScanPlan, report: IndexReport) -> None:
        """Photos of the walked folders not found this run: offline or missing; expired ones leave."""
        for scanned in plan.scanned_roots:
            self._settle_absent(scanned.root, scanned.on_disk, scanned.unreadable, report)
        report.removed += self._expire_missing()

    def mark_scanned(self, plan: ScanPlan) -> None:
        """Record when the walked folders were last scanned."""
        with self.db.atomic():
            LibraryFolder.update(last_scanned_at=fn.datetime("now", "localtime")).where(
                LibraryFolder.path.in_([str(s.root) for s in plan.scanned_roots])
            ).execute()

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
        held = Image.select().where(path_range(root) & (Image.presence != Presence.MISSING)).count()
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
            .where(path_range(root))
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
                Image.update(presence=Presence.OFFLINE, missing_since=local_now())
                .where(path_range(root) & (Image.presence == Presence.PRESENT))
                .execute()
            )
        held = Image.select().where(path_range(root) & (Image.presence == Presence.OFFLINE)).count()
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
            for img in Image.select().where(path_range(root)):
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
        same = is_file_read(row, st)
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

    def _settle_absent(
        self, root: Path, on_disk: set[str], unreadable: list[Path], report: IndexReport
    ) -> None:
        """Photos under ``root`` not found this run: offline unless their file is confirmed gone."""
        root_device = st.st_dev if (st := _stat(root)) is not None else None
        offline: list[int] = []
        missing: list[int] = []
        rows = Image.select(Image.id, Image.path, Image.presence, Image.device).where(
            path_range(root) & (Image.presence != Presence.MISSING)
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
        now = local_now()
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
        cutoff = local_now() - dt.timedelta(days=self.keep_missing_days)
        ids = [
            i
            for (i,) in Image.select(Image.id)
            .where((Image.presence == Presence.MISSING) & (Image.missing_since < cutoff))
            .tuples()
        ]
        remove_images(self.db, ids, self.thumbnails_dir)
        return len(ids)
