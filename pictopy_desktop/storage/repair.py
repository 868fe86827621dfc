"""Repairing a damaged library file: check it, restore the newest good backup, or rebuild.

Nothing here deletes the damaged file: it is renamed to
``library.sqlite3.damaged-YYYYMMDD-HHMMSS`` (with its ``-wal``/``-shm``), so a repair
can be undone by renaming it back. The new file is made complete under a temporary
name first; the damaged one is moved only once that succeeded, and only if it is still
the file that was checked. The damaged file is read through a read-only connection,
so reading it never changes it. No Qt here: the CLI and the app's start-up dialog share it.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from peewee import SqliteDatabase

from pictopy_desktop.errors import DatabaseError, DataDirError
from pictopy_desktop.storage.backup import Backup, list_backups
from pictopy_desktop.storage.corruption import SQLITE_HEADER
from pictopy_desktop.storage.data_files import read_library_head, refuse_odd_library_files
from pictopy_desktop.storage.migrations import ensure_schema
from pictopy_desktop.storage.tables import ALL_TABLES

log = logging.getLogger(__name__)

SIDE_FILES = ("-wal", "-shm")  # SQLite's companions of a database file, moved with it
PROBE_AFTER_DAMAGE = (
    100_000  # rowids looked up one by one past a damaged page when max(rowid) is unreadable
)


class RepairError(DatabaseError):
    """A repair could not be done; the library file was left as it was."""


@dataclass
class Diagnosis:
    """What is wrong with a library file (``problems`` empty: nothing)."""

    path: Path
    problems: list[str]
    stat: os.stat_result | None

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class RebuildReport:
    """Rows copied from the damaged file into the new library, and rows that could not be."""

    kept: dict[str, int] = field(default_factory=dict)
    lost: dict[str, int] = field(default_factory=dict)
    unreadable_tables: list[str] = field(default_factory=list)
    damaged_path: Path | None = None


def _read_only(path: Path) -> sqlite3.Connection:
    """A connection that can read ``path`` (and its WAL) but never writes to it."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def integrity_problems(path: Path, limit: int = 20) -> list[str]:
    """``PRAGMA integrity_check`` of a database file: [] when sound, else its first ``limit`` findings."""
    try:
        head = read_library_head(path, len(SQLITE_HEADER))  # never blocks on a pipe
    except DataDirError as exc:
        return [str(exc)]
    except OSError as exc:
        return [f"cannot read the file: {exc.strerror or exc}"]
    if not head:
        return ["the file is empty (0 bytes)"]
    if head != SQLITE_HEADER:
        return ["the file is not an SQLite database"]
    try:
        con = _read_only(path)
        try:
            rows = [r[0] for r in con.execute(f"PRAGMA integrity_check({int(limit)})")]
        finally:
            con.close()
    except sqlite3.Error as exc:
        return [str(exc)]
    if rows == ["ok"]:
        return []
    lines = [line.strip() for row in rows for line in str(row).splitlines()]
    return [line for line in lines if line and not line.startswith("***")]


def diagnose(path: Path) -> Diagnosis:
    """Check the library file at ``path`` (it must exist): damage, or an SQLite file that is no library.

    Raises ``DataDirError`` when it, its ``-wal``/``-shm`` or the lock file is a pipe, folder or
    device: moving such a thing aside would not repair anything, and reading a pipe would hang.
    """
    refuse_odd_library_files(path)
    stat = os.stat(path)
    problems = integrity_problems(path)
    if not problems and _is_foreign(path):
        problems = ["the file is an SQLite database of another program, not a PictoPy library"]
    return Diagnosis(path, problems, stat)


def _is_foreign(path: Path) -> bool:
    """Tables but no schema version: not written by PictoPy (open_database refuses it too)."""
    con = _read_only(path)
    try:
        if con.execute("PRAGMA user_version").fetchone()[0]:
            return False
        return bool(con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])
    finally:
        con.close()


def repair_library(db_path: Path) -> str:
    """Repair without asking (the app's "Repair" button): the newest good backup, else a rebuild.

    Returns one sentence saying what was done.
    """
    diagnosis = diagnose(db_path)
    if diagnosis.ok:
        return f"The library {db_path} passed SQLite's integrity check; nothing needed repair."
    good, _ = newest_good_backup(db_path)
    if good is not None:
        aside = restore_backup(diagnosis, good)
        return (
            f"Restored the backup of {good.made_at:%Y-%m-%d %H:%M}; photos added since then come back with the next "
            f"scan of your folders. The damaged file is kept as {aside}."
        )
    report = rebuild(diagnosis)
    return (
        f"Rebuilt the library from what could still be read ({sum(report.kept.values())} rows kept, "
        f"{sum(report.lost.values())} lost); the next scan of your folders brings back the rest. "
        f"The damaged file is kept as {report.damaged_path}."
    )


def newest_good_backup(db_path: Path) -> tuple[Backup | None, list[Backup]]:
    """The newest backup that passes the integrity check, and the newer ones that did not."""
    bad = []
    for backup in list_backups(db_path):
        if not integrity_problems(backup.path):
            return backup, bad
        bad.append(backup)
    return None, bad


def _same_file(diagnosis: Diagnosis) -> None:
    """Refuse to act if the library file changed since it was checked."""
    try:
        now = os.stat(diagnosis.path)
    except FileNotFoundError:
        now = None
    before = diagnosis.stat
    if (
        now is None
        or before is None
        or (now.st_ino, now.st_size, now.st_mtime_ns)
        != (
            before.st_ino,
            before.st_size,
            before.st_mtime_ns,
        )
    ):
        raise RepairError(
            f"The library file {diagnosis.path} changed while it was being repaired (is PictoPy running?): "
            "close PictoPy and run `pictopy repair` again."
        )


def move_aside(diagnosis: Diagnosis) -> Path:
    """Rename the damaged file (and its -wal/-shm) to ``.damaged-<timestamp>``; returns the new name."""
    _same_file(diagnosis)
    path = diagnosis.path
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 2
    while aside.exists():
        aside = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
        n += 1
    os.rename(path, aside)
    for side in SIDE_FILES:
        # A WAL left beside a restored file would be replayed into it: it goes with the damaged one.
        companion = path.with_name(path.name + side)
        if companion.exists():
            os.rename(companion, aside.with_name(aside.name + side))
    return aside


def _swap_in(diagnosis: Diagnosis, staging: Path) -> Path:
    """Move the damaged file aside and ``staging`` into its place; returns where the damaged one went.

    If the new file cannot take the place, the damaged one goes back: there is never no library.
    """
    aside = move_aside(diagnosis)
    try:
        os.replace(staging, diagnosis.path)
    except OSError:
        os.rename(aside, diagnosis.path)
        for side in SIDE_FILES:
            moved = aside.with_name(aside.name + side)
            if moved.exists():
                os.rename(moved, diagnosis.path.with_name(diagnosis.path.name + side))
        raise
    return aside


def _remove_partial(path: Path) -> None:
    """Remove an unfinished file of ours (never the user's library)."""
    for name in (path, *(path.with_name(path.name + s) for s in SIDE_FILES)):
        name.unlink(missing_ok=True)


def restore_backup(diagnosis: Diagnosis, backup: Backup) -> Path:
    """Put ``backup`` in place of the damaged library; returns where the damaged file was kept."""
    path = diagnosis.path
    staging = path.with_name(path.name + ".restoring")
    _remove_partial(staging)
    try:
        src = _read_only(backup.path)
        try:
            dst = sqlite3.connect(staging)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")  # no -wal/-shm left beside it
            finally:
                dst.close()
        finally:
            src.close()
        problems = integrity_problems(staging)
        if problems:
            raise RepairError(
                f"The backup {backup.path} did not copy cleanly ({problems[0]}); the library was left as it was."
            )
        aside = _swap_in(diagnosis, staging)
    except (OSError, sqlite3.Error) as exc:
        _remove_partial(staging)
        raise RepairError(
            f"Could not restore {backup.path}: {getattr(exc, 'strerror', None) or exc}; the library was left as it was."
        ) from exc
    except BaseException:
        _remove_partial(staging)
        raise
    log.info("Restored %s over the damaged library (kept as %s)", backup.path, aside)
    return aside


def _readable_rows(
    src: sqlite3.Connection, table: str, columns: list[str], unreadable: list[int]
) -> Iterator[tuple]:
    """Every row of ``table`` that can still be read; past a damaged page, row by row.

    The rowids that could not be read are appended to ``unreadable``.
    """
    select = f"SELECT rowid, {', '.join(map(_quote, columns))} FROM {_quote(table)}"
    last = 0
    try:
        for row in src.execute(select + " ORDER BY rowid"):
            last = row[0]
            yield row[1:]
        return
    except sqlite3.DatabaseError as exc:
        log.info("Reading %s stopped after rowid %d: %s", table, last, exc)
    try:
        top = src.execute(f"SELECT max(rowid) FROM {_quote(table)}").fetchone()[0]
    except sqlite3.DatabaseError:
        top = None
    top = top if top is not None else last + PROBE_AFTER_DAMAGE
    for rowid in range(last + 1, top + 1):
        try:
            row = src.execute(select + " WHERE rowid = ?", (rowid,)).fetchone()
        except sqlite3.DatabaseError:
            unreadable.append(rowid)
            continue
        if row is not None:
            yield row[1:]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _columns(con: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in con.execute(f"PRAGMA table_info({_quote(table)})")]


def _nullable_references(con: sqlite3.Connection, table: str) -> dict[str, tuple[str, str]]:
    """Foreign-key columns of ``table`` that may be NULL: column -> (table, column) it points at."""
    notnull = {r[1] for r in con.execute(f"PRAGMA table_info({_quote(table)})") if r[3]}
    keys = con.execute(f"PRAGMA foreign_key_list({_quote(table)})")
    return {r[3]: (r[2], r[4] or "id") for r in keys if r[3] not in notnull}


def _copy_table(
    src: sqlite3.Connection, dst: sqlite3.Connection, table: str, report: RebuildReport
) -> None:
    try:
        src_columns = set(_columns(src, table))
    except sqlite3.DatabaseError:
        report.unreadable_tables.append(table)
        return
    columns = [c for c in _columns(dst, table) if c in src_columns]
    if not columns:
        report.unreadable_tables.append(table)
        return
    insert = f"INSERT OR IGNORE INTO {_quote(table)} ({', '.join(map(_quote, columns))}) VALUES ({', '.join('?' * len(columns))})"
    references = {
        columns.index(c): ref for c, ref in _nullable_references(dst, table).items() if c in columns
    }
    kept = lost = 0
    unreadable: list[int] = []
    for row in _readable_rows(src, table, columns, unreadable):
        try:
            dst.execute(insert, row)
            kept += 1
            continue
        except sqlite3.IntegrityError:
            pass
        # It points at a row that was lost (a face's person): keep it, without that link.
        values = list(row)
        for i, (ref_table, ref_column) in references.items():
            if (
                values[i] is not None
                and dst.execute(
                    f"SELECT 1 FROM {_quote(ref_table)} WHERE {_quote(ref_column)} = ?",
                    (values[i],),
                ).fetchone()
                is None
            ):
                values[i] = None
        try:
            dst.execute(insert, values)
            kept += 1
        except sqlite3.DatabaseError:
            lost += 1
    report.kept[table] = kept
    lost += len(unreadable)
    if lost:
        report.lost[table] = lost


def rebuild(diagnosis: Diagnosis) -> RebuildReport:
    """A new library holding every row still readable from the damaged one, in its place.

    The photos' rows that could not be read come back with the next `pictopy index`.
    """
    path = diagnosis.path
    staging = path.with_name(path.name + ".rebuilding")
    _remove_partial(staging)
    report = RebuildReport()
    try:
        fresh = SqliteDatabase(str(staging))
        with fresh.bind_ctx(ALL_TABLES):
            ensure_schema(fresh)
        fresh.close()
        dst = sqlite3.connect(staging)
        try:
            dst.execute("PRAGMA foreign_keys = ON")
            if _is_sqlite(path):
                src = _read_only(path)
                try:
                    with dst:
                        for model in ALL_TABLES:
                            _copy_table(src, dst, model._meta.table_name, report)
                finally:
                    src.close()
            else:
                report.unreadable_tables = [m._meta.table_name for m in ALL_TABLES]
        finally:
            dst.close()
        problems = integrity_problems(staging)
        if problems:
            raise RepairError(
                f"The rebuilt library failed its own check ({problems[0]}); the damaged file was left as it was."
            )
        report.damaged_path = _swap_in(diagnosis, staging)
    except (OSError, sqlite3.Error) as exc:
        _remove_partial(staging)
        raise RepairError(
            f"Could not rebuild the library: {getattr(exc, 'strerror', None) or exc}; the damaged file was left as it was."
        ) from exc
    except BaseException:
        _remove_partial(staging)
        raise
    log.info(
        "Rebuilt the library from %s: kept %s, lost %s",
        report.damaged_path,
        report.kept,
        report.lost,
    )
    return report


def _is_sqlite(path: Path) -> bool:
    return read_library_head(path, len(SQLITE_HEADER)) == SQLITE_HEADER
