"""Opening the library database: SQLite in WAL mode with foreign keys on."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from peewee import OperationalError, SqliteDatabase

from pictopy_desktop.errors import DatabaseError
from pictopy_desktop.storage.migrations import ensure_schema
from pictopy_desktop.storage.tables import database_proxy

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    # NORMAL in WAL mode never corrupts; a power cut may lose only the last commits.
    "synchronous": "normal",
    "busy_timeout": 30_000,
    "cache_size": -32_000,
}


class LibraryDatabase(SqliteDatabase):
    """SQLite whose outermost transactions are IMMEDIATE.

    A deferred transaction that reads and then writes fails with "database is locked"
    when another connection wrote in between (the busy timeout can't help: its snapshot
    is stale). Taking the write lock at BEGIN makes every edit wait its turn instead.
    """

    def atomic(self, lock_type: str | None = "IMMEDIATE"):  # type: ignore[override]
        return super().atomic(lock_type=lock_type)


def open_database(path: Path) -> SqliteDatabase:
    """Open (creating or upgrading) the library at ``path`` and bind the tables to it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"Cannot create the library folder {path.parent}: {exc.strerror or exc}") from exc
    if not os.access(path.parent, os.W_OK) or _read_only_fs(path.parent):
        raise DatabaseError(
            f"The library folder {path.parent} is read-only, so PictoPy cannot keep its database there. "
            "Choose another data dir with --data-dir or PICTOPY_DATA_DIR."
        )
    db = LibraryDatabase(str(path), pragmas=PRAGMAS, timeout=30)
    database_proxy.initialize(db)
    try:
        db.connect(reuse_if_open=True)
        ensure_schema(db)
    except (OperationalError, sqlite3.DatabaseError) as exc:
        db.close()
        raise DatabaseError(f"Cannot open the library database {path}: {exc}") from exc
    except Exception:
        db.close()
        raise
    return db


def integrity_ok(db: SqliteDatabase) -> bool:
    """True when ``PRAGMA integrity_check`` finds nothing wrong."""
    return db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"


def _read_only_fs(folder: Path) -> bool:
    """True on a read-only mount (root passes os.access checks there too)."""
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # no statvfs on Windows
        return False
