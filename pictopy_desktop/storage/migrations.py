"""Schema versions. ``PRAGMA user_version`` holds the version of an open library.

A fresh library is created at ``LATEST_VERSION`` from the tables in ``tables.py``.
An older one is upgraded step by step, each step in its own transaction; a newer one
is refused, since this build does not know what it would break.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from peewee import BooleanField, SqliteDatabase
from playhouse.migrate import SqliteMigrator, migrate

from pictopy_desktop.errors import DatabaseTooNewError
from pictopy_desktop.storage.tables import ALL_TABLES

log = logging.getLogger(__name__)


def _v1_to_v2(db: SqliteDatabase) -> None:
    """v2 adds favourites to images."""
    migrator = SqliteMigrator(db)
    migrate(
        migrator.add_column("image", "favourite", BooleanField(default=False)),
        migrator.add_index("image", ("favourite",), False),
    )


# MIGRATIONS[n] upgrades a library from version n+1 to n+2.
MIGRATIONS: list[Callable[[SqliteDatabase], None]] = [_v1_to_v2]
LATEST_VERSION = len(MIGRATIONS) + 1


def schema_version(db: SqliteDatabase) -> int:
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def _set_version(db: SqliteDatabase, version: int) -> None:
    db.execute_sql(f"PRAGMA user_version = {int(version)}")


def ensure_schema(db: SqliteDatabase) -> None:
    """Create or upgrade the schema of ``db`` to ``LATEST_VERSION``; refuse a newer one."""
    version = schema_version(db)
    if version > LATEST_VERSION:
        raise DatabaseTooNewError(
            f"This library was written by a newer PictoPy (schema v{version}; this version "
            f"understands up to v{LATEST_VERSION}). Update PictoPy to open it; it was left untouched."
        )
    if version == 0:
        with db.atomic():
            db.create_tables(ALL_TABLES)
            _set_version(db, LATEST_VERSION)
        return
    while version < LATEST_VERSION:
        log.info("Upgrading library schema v%d -> v%d", version, version + 1)
        with db.atomic():
            MIGRATIONS[version - 1](db)
            _set_version(db, version + 1)
        version += 1
