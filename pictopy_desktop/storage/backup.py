"""Copies of the library database, made with SQLite's online backup.

``sqlite3.Connection.backup`` copies a consistent snapshot even while another
connection writes (WAL), so a backup can be taken while the app runs. Backups live
in ``<data dir>/backups/library-YYYYMMDD-HHMMSS[-reason].sqlite3``; the newest
``KEEP`` are kept. One is made before every schema upgrade (``migrations.py``), once a
day while the app runs, and on demand (``pictopy backup``). No Qt here.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from pictopy_desktop.errors import CorruptLibraryError, DatabaseError
from pictopy_desktop.storage.corruption import check_library_file, corrupt_message, is_corruption
from pictopy_desktop.storage.data_files import refuse_odd_library_files

log = logging.getLogger(__name__)

KEEP = 5  # backups kept; older ones are deleted after each new one
DAILY = dt.timedelta(days=1)
BACKUPS_DIR = "backups"
# What SQLite writes beside a database while writing it (a full disk can leave them behind).
_SIDE_FILES = ("-journal", "-wal", "-shm")
_NAME = re.compile(r"^library-(\d{8}-\d{6})(?:-(\d+))?(?:-([a-z][a-z0-9-]*))?\.sqlite3$")


@dataclass(frozen=True)
class Backup:
    """One backup file and when it was made."""

    path: Path
    made_at: dt.datetime
    reason: str
    sequence: int = 1  # the second backup within one second is 2, and so on


def backups_dir(db_path: Path) -> Path:
    """Where the backups of the library at ``db_path`` live."""
    return db_path.parent / BACKUPS_DIR


def list_backups(db_path: Path) -> list[Backup]:
    """The backups of the library at ``db_path``, newest first."""
    folder = backups_dir(db_path)
    found = []
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return []
    for entry in entries:
        m = _NAME.match(entry.name)
        if m is None or not entry.is_file(follow_symlinks=False):
            continue
        made_at = dt.datetime.strptime(m.group(1), "%Y%m%d-%H%M%S")
        found.append(Backup(Path(entry.path), made_at, m.group(3) or "", int(m.group(2) or 1)))
    found.sort(key=lambda b: (b.made_at, b.sequence), reverse=True)
    return found


def backup_is_due(db_path: Path, now: dt.datetime | None = None) -> bool:
    """True when the library has no backup made within the last day."""
    backups = list_backups(db_path)
    now = now or dt.datetime.now()
    return not backups or now - backups[0].made_at >= DAILY


def _new_name(db_path: Path, when: dt.datetime, reason: str) -> Path:
    stamp = when.strftime("%Y%m%d-%H%M%S")
    tail = f"-{reason}" if reason else ""
    # Several backups within one second are numbered on, so they still sort in order.
    same = [
        b.sequence for b in list_backups(db_path) if b.made_at.strftime("%Y%m%d-%H%M%S") == stamp
    ]
    sequence = max(same, default=0) + 1
    number = f"-{sequence}" if sequence > 1 else ""
    return backups_dir(db_path) / f"library-{stamp}{number}{tail}.sqlite3"


def make_backup(db_path: Path, reason: str = "", source: sqlite3.Connection | None = None) -> Path:
    """Back the library at ``db_path`` up now; returns the new file.

    ``source``: an open connection to read from (the migration uses its own, outside a
    transaction); otherwise one is opened and closed here. The copy is written under a
    temporary name and renamed when complete, so a half-made backup never looks like one.
    Raises ``DatabaseError`` when it cannot be made (the message says why).
    """
    reason = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-").lstrip("0123456789-")
    folder = backups_dir(db_path)
    refuse_odd_library_files(db_path)  # a pipe would hang the copy; a folder is no library
    if not db_path.is_file():
        raise DatabaseError(f"There is no library at {db_path} to back up.")
    check_library_file(db_path)  # an empty or foreign file would make an "ok" backup of nothing
    target = _new_name(db_path, dt.datetime.now(), reason)
    partial = target.with_name(target.name + ".partial")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        own = source is None
        src = sqlite3.connect(db_path) if own else source
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                # A self-contained file: no -wal/-shm appear beside it when it is read later.
                dst.execute("PRAGMA journal_mode = DELETE")
                # A copy of a damaged library must not push the good backups out.
                check = dst.execute("PRAGMA quick_check").fetchone()[0]
            finally:
                dst.close()
        finally:
            if own:
                src.close()
        if check != "ok":
            raise sqlite3.DatabaseError(f"database disk image is malformed ({check})")
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        _remove_partial(partial)
        if isinstance(exc, sqlite3.DatabaseError) and is_corruption(exc):
            raise CorruptLibraryError(corrupt_message(db_path, exc)) from exc
        reason_text = getattr(exc, "strerror", None) or str(exc)
        raise DatabaseError(f"Could not back up the library to {folder}: {reason_text}.") from exc
    log.info("Library backed up to %s", target)
    prune_backups(db_path)
    _remove_stale_partials(folder)
    return target


def _remove_partial(partial: Path) -> None:
    """Remove a half-made backup and the journal SQLite kept beside it while writing it."""
    for leftover in (partial, *(partial.with_name(partial.name + s) for s in _SIDE_FILES)):
        try:
            leftover.unlink(missing_ok=True)
        except OSError as exc:  # costs only space; the next backup tries again
            log.info("Could not remove %s: %s", leftover, exc)


def _remove_stale_partials(folder: Path) -> None:
    """Half-made backups of a process killed while backing up (an hour old: not one in progress)."""
    cutoff = time.time() - 3600
    for partial in folder.glob("library-*.sqlite3.partial*"):
        try:
            if partial.stat().st_mtime < cutoff:
                partial.unlink()
        except OSError as exc:  # costs only space
            log.info("Could not remove %s: %s", partial, exc)


def prune_backups(db_path: Path, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest ``keep`` backups; returns the deleted files."""
    removed = []
    for old in list_backups(db_path)[keep:]:
        try:
            old.path.unlink()
            removed.append(old.path)
        except OSError as exc:  # a backup we cannot delete costs only space
            log.info("Could not delete the old backup %s: %s", old.path, exc)
    return removed


def backup_if_due(db_path: Path) -> Path | None:
    """The daily backup: make one when the newest is a day old or there is none."""
    return make_backup(db_path, "daily") if backup_is_due(db_path) else None
