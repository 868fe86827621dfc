"""Files PictoPy moved to the system trash: move + record, list, and a way back.

Every file PictoPy removes goes through ``move_to_trash``: the system trash (send2trash),
never an outright delete, and a ``TrashRecord`` saying what went, why, which copy was
kept and, on a freedesktop trash (Linux and other Unix desktops), where the trash put it.
send2trash does not say where: the new ``.trashinfo`` entry that names the file is looked
up in the trash folders that could have taken it (the home trash and the volume's
``.Trash/$uid`` / ``.Trash-$uid``).

``restore`` moves a file back from a freedesktop trash (never over an existing file) and
brings its library row back; a RAW that went with its photo (``link_companion``) comes
back with it. On Windows and macOS it tells the user where the file went and how to put
it back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote

from pictopy_desktop.errors import PictoPyError
from pictopy_desktop.library.changes import PHOTO_SET_CHANGED, OpChanges
from pictopy_desktop.library.photo_files import content_hash
from pictopy_desktop.storage.meta_store import meta_set
from pictopy_desktop.storage.tables import Image, Meta, Presence, TrashRecord, database_proxy

log = logging.getLogger(__name__)

_INFO_SUFFIX = b".trashinfo"


class TrashError(PictoPyError):
    """A file could not be moved to or back from the trash (the message says why)."""


@dataclass(frozen=True)
class TrashEntry:
    """One file PictoPy moved to the trash, as the list shows it."""

    id: int
    original_path: str
    trashed_at: dt.datetime
    reason: str
    kept_path: str | None
    trash_location: str | None
    size: int | None
    content_hash: str | None
    restored_at: dt.datetime | None

    @property
    def name(self) -> str:
        return os.path.basename(self.original_path)

    @property
    def folder(self) -> str:
        return os.path.dirname(self.original_path)


@dataclass(frozen=True)
class Restored:
    """A file back at its original path; ``revived`` says whether its library row came back with it."""

    entry: TrashEntry
    revived: bool
    changes: OpChanges = OpChanges(trash=True)
    companions: tuple[TrashEntry, ...] = ()  # the photo's RAW, back with it
    note: str | None = None  # a sentence for the user where its RAW could not come back


def freedesktop_trash() -> bool:
    """True where the system trash is the freedesktop one, which PictoPy can restore from."""
    return sys.platform not in ("darwin", "win32")


def trash_name() -> str:
    """What the user calls the system trash on this platform."""
    return "Recycle Bin" if sys.platform == "win32" else "Trash"


# ------------------------------------------------------------------ moving to the trash


def move_to_trash(
    path: str,
    reason: str,
    kept_path: str | None = None,
    digest: str | None = None,
    size: int | None = None,
    on_recorded: Callable[[TrashRecord], None] | None = None,
) -> TrashEntry:
    """Send ``path`` to the system trash and record it; ``on_recorded`` runs in the same transaction.

    Raises TrashError when the trash refuses the file (nothing is moved then).
    """
    from send2trash import send2trash
    from send2trash.exceptions import TrashPermissionError

    before = _trash_entries(path) if freedesktop_trash() else {}
    # Recorded first, marked pending: a crash after the move still leaves the file listed
    # (``recently_removed`` finds it in the trash), never in the trash with no record.
    with database_proxy.atomic():
        record = TrashRecord.create(
            original_path=path, content_hash=digest, size=size, reason=reason, kept_path=kept_path
        )
        meta_set(_pending_key(record.id), "moving")
    try:
        send2trash(path)
    except (OSError, TrashPermissionError) as exc:
        _forget(record.id)
        raise TrashError(
            f"The system trash did not take {path}: {getattr(exc, 'strerror', None) or exc}"
        ) from exc
    location = _new_trash_location(path, before) if freedesktop_trash() else None
    try:
        with database_proxy.atomic():
            _settle(record.id, location)
            if on_recorded is not None:
                on_recorded(record)
    except Exception:
        # The file is safe in the trash and its record pending: the list finds it there.
        log.error(
            "Moved %s to the trash (%s) but could not finish recording it",
            path,
            location or f"the {trash_name()}",
        )
        raise
    log.info("Moved to the trash: %s (%s)", path, reason)
    return _entry(TrashRecord.get_by_id(record.id))


_PENDING = "trash.pending."
_COMPANION = "trash.companion."


def link_companion(record_id: int, companion_id: int) -> None:
    """``companion_id`` (a RAW) went to the trash with ``record_id`` (its photo): they come back together."""
    with database_proxy.atomic():
        meta_set(f"{_COMPANION}{record_id}", companion_id)


def _linked_companion(record_id: int) -> TrashRecord | None:
    row = Meta.get_or_none(Meta.key == f"{_COMPANION}{record_id}")
    if row is None or not row.value.isdigit():
        return None
    return TrashRecord.get_or_none(TrashRecord.id == int(row.value))


def _pending_key(record_id: int) -> str:
    return f"{_PENDING}{record_id}"


def _settle(record_id: int, location: str | None) -> None:
    """The move is done: record where the file went and drop the pending mark."""
    TrashRecord.update(trash_location=location).where(TrashRecord.id == record_id).execute()
    Meta.delete().where(Meta.key == _pending_key(record_id)).execute()


def _forget(record_id: int) -> None:
    """The trash did not take the file: the pending record goes."""
    with database_proxy.atomic():
        TrashRecord.delete().where(TrashRecord.id == record_id).execute()
        Meta.delete().where(Meta.key == _pending_key(record_id)).execute()


def _pending_ids() -> set[int]:
    keys = Meta.select(Meta.key).where(Meta.key.startswith(_PENDING)).tuples()
    return {int(k[len(_PENDING) :]) for (k,) in keys if k[len(_PENDING) :].isdigit()}


def _settle_pending() -> set[int]:
    """Finish records left pending by a crash whose file is in the trash; the ids still pending.

    A pending record whose file is not (yet) in the trash stays pending and unlisted: its
    move never happened, or another PictoPy is in the middle of it.
    """
    pending = _pending_ids()
    if not pending or not freedesktop_trash():
        return pending
    claimed = {
        r.trash_location
        for r in TrashRecord.select(TrashRecord.trash_location).where(
            TrashRecord.trash_location.is_null(False)
        )
    }
    for record in TrashRecord.select().where(TrashRecord.id.in_(sorted(pending))):
        if os.path.lexists(record.original_path):
            continue  # still where it was: not moved
        location = _found_in_trash(record, claimed)
        if location is None:
            continue
        claimed.add(location)
        with database_proxy.atomic():
            _settle(record.id, location)
            # The photo's row, if it still says present, is missing now (as a finished delete leaves it).
            Image.update(presence=Presence.MISSING, missing_since=dt.datetime.now()).where(
                (Image.path == record.original_path)
                & (Image.content_hash == record.content_hash)
                & (Image.presence == Presence.PRESENT)
            ).execute()
        log.info("Found %s in the trash after an interrupted move", record.original_path)
        pending.discard(record.id)
    return pending


def _found_in_trash(record: TrashRecord, claimed: set[str]) -> str | None:
    """The unclaimed trash file that holds ``record``'s file (its entry names the path, its bytes match)."""
    path = record.original_path
    wanted = {
        os.path.abspath(path),
        os.path.realpath(os.path.dirname(path)) + os.sep + os.path.basename(path),
    }
    for info_file, top in _trash_entries(path).items():
        if _info_path(info_file, top) not in wanted:
            continue
        info_dir, info_name = os.path.split(info_file)
        files = os.fsdecode(
            os.path.join(os.path.dirname(info_dir), b"files", info_name[: -len(_INFO_SUFFIX)])
        )
        if files in claimed or not os.path.lexists(files):
            continue
        if record.content_hash is None or _hash_or_none(files) == record.content_hash:
            return files
    return None


def _trash_dirs(path: str) -> list[tuple[bytes, bytes]]:
    """(trash dir, the folder its relative ``Path=`` entries start from) that could take ``path``."""
    from send2trash import plat_other as po  # read at call time: tests point its globals elsewhere

    dirs = [(po.HOMETRASH_B, po.XDG_DATA_HOME)]
    try:
        top = po.find_mount_point(os.fsencode(path))
    except OSError:
        return dirs
    uid = str(os.getuid()).encode("ascii")
    dirs += [
        (os.path.join(top, po.TOPDIR_TRASH, uid), top),
        (os.path.join(top, po.TOPDIR_FALLBACK), top),
    ]
    return dirs


def _trash_entries(path: str) -> dict[bytes, bytes]:
    """``.trashinfo`` files (path -> the folder relative entries start from) that could name ``path``."""
    stem, ext = os.path.splitext(os.path.basename(os.fsencode(path)))
    found: dict[bytes, bytes] = {}
    for trash, top in _trash_dirs(path):
        info = os.path.join(trash, b"info")
        try:
            names = os.listdir(info)
        except OSError:
            continue
        for name in names:
            # The trash names an entry after the file, with " N" before the extension on a clash.
            if name.startswith(stem) and name.endswith(ext + _INFO_SUFFIX):
                found[os.path.join(info, name)] = top
    return found


def _info_path(info_file: bytes, top: bytes) -> str | None:
    try:
        with open(info_file, "rb") as fh:
            for line in fh.read().decode("utf-8", "surrogateescape").splitlines():
                if line.startswith("Path="):
                    value = unquote(line[5:], errors="surrogateescape")
                    return os.path.normpath(os.path.join(os.fsdecode(top), value))
    except OSError:
        return None
    return None


def _new_trash_location(path: str, before: dict[bytes, bytes]) -> str | None:
    """Where the trash put ``path``: its file under ``files/``, from the entry that appeared for it."""
    new = {k: v for k, v in _trash_entries(path).items() if k not in before}
    wanted = {
        os.path.abspath(path),
        os.path.realpath(os.path.dirname(path)) + os.sep + os.path.basename(path),
    }
    matches = [k for k, top in new.items() if _info_path(k, top) in wanted] or (
        list(new) if len(new) == 1 else []
    )
    if len(matches) != 1:
        log.warning(
            "Moved %s to the trash but could not tell where it went; restore it from the trash by hand",
            path,
        )
        return None
    info_dir, info_name = os.path.split(matches[0])
    files = os.path.join(os.path.dirname(info_dir), b"files", info_name[: -len(_INFO_SUFFIX)])
    return os.fsdecode(files)


# ------------------------------------------------------------------ listing


def _entry(r: TrashRecord) -> TrashEntry:
    return TrashEntry(
        r.id,
        r.original_path,
        r.trashed_at,
        r.reason,
        r.kept_path,
        r.trash_location,
        r.size,
        r.content_hash,
        r.restored_at,
    )


def recently_removed(include_restored: bool = True, limit: int | None = None) -> list[TrashEntry]:
    """What PictoPy moved to the trash, most recent first (a move a crash cut short included)."""
    pending = _settle_pending()
    query = TrashRecord.select().order_by(TrashRecord.trashed_at.desc(), TrashRecord.id.desc())
    if pending:
        query = query.where(TrashRecord.id.not_in(sorted(pending)))
    if not include_restored:
        query = query.where(TrashRecord.restored_at.is_null())
    if limit is not None:
        query = query.limit(limit)
    return [_entry(r) for r in query]


# ------------------------------------------------------------------ restoring


def restore(record_id: int) -> Restored:
    """Put a trashed file back where it was and bring its library row back, its RAW with it.

    Raises TrashError with what to do where it cannot: the file is gone from the trash,
    something else is at the original path now, or the platform's trash is not one
    PictoPy can take files out of. A RAW that cannot come back stays in the trash, listed,
    and ``Restored.note`` says why.
    """
    done = _restore_one(record_id)
    companion = _linked_companion(record_id)
    if companion is None or companion.restored_at is not None:
        return done
    try:
        raw = _restore_one(companion.id)
    except TrashError as exc:
        log.info("Restored %s without its RAW file: %s", done.entry.original_path, exc)
        return dataclasses.replace(done, note=f"Its RAW file stays in the {trash_name()}: {exc}")
    return dataclasses.replace(done, companions=(raw.entry,))


def _restore_one(record_id: int) -> Restored:
    """``restore`` for one record."""
    record = TrashRecord.get_or_none(TrashRecord.id == record_id)
    if record is None:
        raise TrashError(f"Nothing was moved to the trash with the number {record_id}.")
    entry = _entry(record)
    if entry.restored_at is not None:
        raise TrashError(f"{entry.original_path} was already restored.")
    dest = entry.original_path
    if os.path.lexists(dest):
        if entry.content_hash and _hash_or_none(dest) == entry.content_hash:
            return _mark_restored(entry)  # put back by hand already
        raise TrashError(
            f"Something else is at {dest} now; PictoPy will not overwrite it. Move that file away and restore again."
        )
    if not freedesktop_trash():
        raise TrashError(
            f"PictoPy cannot take files out of the {trash_name()} here: open the {trash_name()} and restore "
            f"{entry.name} from there (it goes back to {entry.folder})."
        )
    src = entry.trash_location
    if not src:
        raise TrashError(
            f"PictoPy could not tell where the trash put {entry.name}: open the {trash_name()} and restore it "
            f"from there (it goes back to {entry.folder})."
        )
    if not os.path.lexists(src):
        raise TrashError(
            f"{entry.name} is no longer in the trash (it was emptied, or restored from there already)."
        )
    if not os.path.isdir(entry.folder):
        raise TrashError(
            f"The folder {entry.folder} is not there (is its drive plugged in?); {entry.name} stays in the trash."
        )
    if entry.content_hash and _hash_or_none(src) != entry.content_hash:
        # The trash was emptied and another file of the same name took the slot: leave it be.
        raise TrashError(
            f"The file in the trash at {src} is not the {entry.name} PictoPy moved there; "
            "it stays in the trash."
        )
    _move_no_replace(src, dest)
    info = os.path.join(
        os.path.dirname(os.path.dirname(src)), "info", os.path.basename(src) + ".trashinfo"
    )
    try:
        os.unlink(info)
    except FileNotFoundError:
        pass
    except OSError as exc:  # the file is back; a stale entry in the trash list is only untidy
        log.warning("Could not remove the trash entry %s: %s", info, exc.strerror or exc)
    return _mark_restored(entry)


def _hash_or_none(path: str) -> str | None:
    try:
        return content_hash(path)  # type: ignore[arg-type]
    except OSError:
        return None


_NO_LINK = (errno.EXDEV, errno.EPERM, errno.ENOTSUP, errno.EMLINK, errno.EOPNOTSUPP)


def _taken(dest: str) -> TrashError:
    return TrashError(f"Something else is at {dest} now; PictoPy will not overwrite it.")


def _move_no_replace(src: str, dest: str) -> None:
    """Move ``src`` to ``dest``, never replacing a file that appeared at ``dest``."""
    try:
        os.link(src, dest)  # fails if dest exists: no window in which it could be replaced
    except FileExistsError as exc:
        raise _taken(dest) from exc
    except OSError as exc:
        if exc.errno not in _NO_LINK:
            raise TrashError(f"Could not put {dest} back: {exc.strerror or exc}") from exc
        _copy_no_replace(src, dest)
    os.unlink(src)


def _copy_no_replace(src: str, dest: str) -> None:
    """Another volume, or no hard links there: copy beside ``dest`` first, then take its name."""
    fd, tmp = tempfile.mkstemp(prefix=".pictopy-restore-", dir=os.path.dirname(dest))
    os.close(fd)
    try:
        shutil.copy2(src, tmp)
        _take_name(tmp, dest)
    except FileExistsError as exc:
        raise _taken(dest) from exc
    except OSError as exc:
        raise TrashError(f"Could not put {dest} back: {exc.strerror or exc}") from exc
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)


def _take_name(tmp: str, dest: str) -> None:
    """Give ``tmp`` the name ``dest``; raises FileExistsError where a file appeared there."""
    try:
        os.link(tmp, dest)  # a plain rename would replace a file that appeared meanwhile
        return
    except OSError as exc:
        if isinstance(exc, FileExistsError) or exc.errno not in _NO_LINK:
            raise
    # No hard links on this volume (FAT, exFAT): reserve the name, then rename over our own empty file.
    os.close(os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        os.rename(tmp, dest)
    except OSError:
        os.unlink(dest)
        raise


def _mark_restored(entry: TrashEntry) -> Restored:
    """Record the restore; the photo's row (kept, marked missing) is present again when its bytes match."""
    revived = False
    with database_proxy.atomic():
        TrashRecord.update(restored_at=dt.datetime.now()).where(
            TrashRecord.id == entry.id
        ).execute()
        row = Image.get_or_none(Image.path == entry.original_path)
        if row is not None and entry.content_hash and row.content_hash == entry.content_hash:
            st = os.stat(entry.original_path)
            Image.update(
                presence=Presence.PRESENT,
                missing_since=None,
                device=st.st_dev,
                inode=st.st_ino,
                size=st.st_size,
                mtime=st.st_mtime,
            ).where(Image.id == row.id).execute()
            revived = True
    log.info("Restored from the trash: %s", entry.original_path)
    changes = OpChanges(trash=True)
    if revived:
        changes = (PHOTO_SET_CHANGED | changes).with_images({row.id})
    return Restored(_entry(TrashRecord.get_by_id(entry.id)), revived, changes)
