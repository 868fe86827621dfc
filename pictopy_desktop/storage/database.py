"""Opening the library database: SQLite in WAL mode with foreign keys on.

A library file that is empty or not SQLite is refused before SQLite sees it (SQLite
would happily turn it into a fresh, empty library); a damaged one is reported as
``CorruptLibraryError`` pointing at `pictopy repair`.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import peewee
from peewee import SqliteDatabase

from pictopy_desktop.errors import CorruptLibraryError, DatabaseError
from pictopy_desktop.storage.corruption import check_library_file, corrupt_message, is_corruption
from pictopy_desktop.storage.data_files import note_open_through_sqlite, refuse_odd_library_files
from pictopy_desktop.storage.migrations import LATEST_VERSION, ensure_schema
from pictopy_desktop.storage.tables import database_proxy
from pictopy_desktop.storage.text_fold import SQL_NAME as FOLD_NAME
from pictopy_desktop.storage.text_fold import sql_fold

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    # NORMAL in WAL mode never corrupts; a power cut may lose only the last commits.
    "synchronous": "normal",
    "busy_timeout": 30_000,
    # 8 MB per connection (each thread has one): at a million photos a bigger cache reads the
    # gallery and People no faster and costs the app 41 MB more at its peak (32 MB: 241 MB,
    # 8 MB: 200 MB); only rewriting 300,000 faces at once is 0.3 s slower
    # (benchmarks/bench_cache_size.py, bench_scale.py).
    "cache_size": -8_000,
}


class LibraryDatabase(SqliteDatabase):
    """SQLite whose outermost transactions are IMMEDIATE.

    A deferred transaction that reads and then writes fails with "database is locked"
    when another connection wrote in between (the busy timeout can't help: its snapshot
    is stale). Taking the write lock at BEGIN makes every edit wait its turn instead.
    """

    def __init__(self, database: str, **kwargs: object) -> None:
        # Every BEGIN, also those of ``database_proxy.atomic()`` (peewee's proxy builds its
        # transactions itself and never calls ``atomic`` below), takes the write lock at once.
        kwargs.setdefault("lock_type", "IMMEDIATE")
        super().__init__(database, **kwargs)
        # Search folds case beyond A-Z in SQL too (``storage/text_fold.py``).
        self.register_function(sql_fold, FOLD_NAME, 1, deterministic=True)

    def atomic(self, lock_type: str | None = "IMMEDIATE"):  # type: ignore[override]
        return super().atomic(lock_type=lock_type)

    def rollback(self) -> None:
        """Roll back, unless SQLite already did.

        On SQLITE_FULL, IOERR or NOMEM SQLite may roll the transaction back itself; a
        ROLLBACK then fails with "cannot rollback - no transaction is active", and that
        error would replace the real one ("database or disk is full") on its way up.
        """
        if not self.is_closed() and not self.connection().in_transaction:
            return
        super().rollback()

    def execute_sql(self, sql: str, params: object = None):  # type: ignore[override]
        # The same for a nested ``atomic()``'s savepoint: after SQLite rolled everything
        # back, "no such savepoint" would hide the statement's real error.
        if (
            sql.startswith("ROLLBACK TO SAVEPOINT")
            and not self.is_closed()
            and not self.connection().in_transaction
        ):
            return None
        return super().execute_sql(sql, params)


def open_database(path: Path) -> SqliteDatabase:
    """Open (creating or upgrading) the library at ``path`` and bind the tables to it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(
            f"Cannot create the library folder {path.parent}: {exc.strerror or exc}"
        ) from exc
    if not os.access(path.parent, os.W_OK) or _read_only_fs(path.parent):
        raise DatabaseError(
            f"The library folder {path.parent} is read-only, so PictoPy cannot keep its database there. "
            "Choose another data dir with --data-dir or PICTOPY_DATA_DIR."
        )
    refuse_odd_library_files(path)
    check_library_file(path)
    db = LibraryDatabase(str(path), pragmas=PRAGMAS, timeout=30)
    database_proxy.initialize(db)
    try:
        db.connect(reuse_if_open=True)
        note_open_through_sqlite(path)  # never read outside SQLite again (data_files.py)
        ensure_schema(db)
    except (peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        db.close()
        if is_corruption(exc):
            raise CorruptLibraryError(corrupt_message(path, exc)) from exc
        raise DatabaseError(f"Cannot open the library database {path}: {exc}") from exc
    except Exception:
        db.close()
        raise
    return db


def needs_upgrade(path: Path) -> bool:
    """Whether the library at ``path`` has an older schema, so opening it upgrades it first.

    Read without opening the library (read-only, nothing bound): the app and the CLI say
    so before an upgrade that takes tens of seconds at a million photos. Any trouble
    reading it is False: opening the library then says what is wrong.
    """
    if not path.is_file():
        return False
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except (sqlite3.Error, ValueError):
        return False
    try:
        version = int(con.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.Error:
        return False
    finally:
        con.close()
    return 0 < version < LATEST_VERSION


def upgrade_database(path: Path) -> None:
    """Open the library at ``path`` (upgrading it, a backup first) and close it again.

    For a worker thread: the window opens it on the GUI thread afterwards, already current.
    """
    open_database(path).close()


def integrity_ok(db: SqliteDatabase) -> bool:
    """True when ``PRAGMA integrity_check`` finds nothing wrong."""
    return db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"


def _read_only_fs(folder: Path) -> bool:
    """True on a read-only mount (root passes os.access checks there too)."""
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # no statvfs on Windows
        return False
