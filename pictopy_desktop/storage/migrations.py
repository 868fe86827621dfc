"""Schema versions. ``PRAGMA user_version`` holds the version of an open library.

A fresh library is created at ``LATEST_VERSION`` from the tables in ``tables.py``.
An older one is upgraded step by step, each step in its own transaction; a newer one
is refused, since this build does not know what it would break.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from peewee import BooleanField, DateTimeField, FloatField, IntegerField, SqliteDatabase, TextField

from pictopy_desktop.errors import DatabaseError, DatabaseTooNewError
from pictopy_desktop.storage.backup import make_backup
from pictopy_desktop.storage.gallery_order import (
    backfill_sort_keys,
    create_sort_key_triggers,
    record_time_zone,
)
from pictopy_desktop.storage.search_index import (
    create_search_index,
    ensure_search_index,
    fts_available,
)
from pictopy_desktop.storage.tables import (
    ALL_TABLES,
    FACE_COVER_INDEX,
    Keyword,
    TagExclusion,
    TrashRecord,
)
from pictopy_desktop.storage.zone_resort import mark_resort_due

log = logging.getLogger(__name__)


def _migrator(db: SqliteDatabase):
    """Peewee's schema migrator and its ``migrate``: imported when a library is upgraded, not
    at every start (playhouse.migrate brings its Postgres and CockroachDB modules along)."""
    from playhouse.migrate import SqliteMigrator, migrate

    return SqliteMigrator(db), migrate


def _v1_to_v2(db: SqliteDatabase) -> None:
    """v2 adds favourites to images."""
    migrator, migrate = _migrator(db)
    migrate(
        migrator.add_column("image", "favourite", BooleanField(default=False)),
        migrator.add_index("image", ("favourite",), False),
    )


def _v2_to_v3(db: SqliteDatabase) -> None:
    """v3 adds places (GPS), captions, perceptual hashes, videos, and face sharpness."""
    migrator, migrate = _migrator(db)
    migrate(
        migrator.add_column("image", "latitude", FloatField(null=True)),
        migrator.add_column("image", "longitude", FloatField(null=True)),
        migrator.add_column("image", "description", TextField(null=True)),
        migrator.add_column("image", "phash", TextField(null=True)),
        migrator.add_index("image", ("phash",), False),
        migrator.add_column("image", "media_type", TextField(default="photo")),
        migrator.add_column("image", "duration_s", FloatField(null=True)),
        migrator.add_column("face", "sharpness", FloatField(null=True)),
        migrator.add_column("face", "frame_time_s", FloatField(null=True)),
    )


def _v3_to_v4(db: SqliteDatabase) -> None:
    """v4: file identity (device, inode, ctime), presence (offline/missing), folder volumes, trash records, removed tags."""
    migrator, migrate = _migrator(db)
    migrate(
        migrator.add_column("image", "device", IntegerField(null=True)),
        migrator.add_column("image", "inode", IntegerField(null=True)),
        migrator.add_column("image", "ctime", FloatField(null=True)),
        migrator.add_column("image", "presence", TextField(default="present")),
        migrator.add_column("image", "missing_since", DateTimeField(null=True)),
        migrator.add_index("image", ("presence",), False),
        migrator.add_index("image", ("device", "inode"), False),
        migrator.add_column("library_folder", "device", IntegerField(null=True)),
    )
    db.create_tables([TrashRecord, TagExclusion])


def _v4_to_v5(db: SqliteDatabase) -> None:
    """v5: rotation, rating, colour label, title, capture time zone, RAW companion, face source, keywords."""
    migrator, migrate = _migrator(db)
    migrate(
        migrator.add_column("image", "rotation", IntegerField(default=0)),
        migrator.add_column("image", "rating", IntegerField(null=True)),
        migrator.add_index("image", ("rating",), False),
        migrator.add_column("image", "color_label", TextField(null=True)),
        migrator.add_column("image", "title", TextField(null=True)),
        migrator.add_column("image", "utc_offset_min", IntegerField(null=True)),
        migrator.add_column("image", "companion_path", TextField(null=True)),
        migrator.add_column("face", "source", TextField(default="detected")),
    )
    db.create_tables([Keyword])


def _v5_to_v6(db: SqliteDatabase) -> None:
    """v6: the gallery's order stored (``Image.sort_key``), the search index, covering indexes.

    Set-based: one UPDATE fills the sort keys and one INSERT .. SELECT the search index,
    then the indexes are built over the filled column.
    """
    migrator, migrate = _migrator(db)
    migrate(migrator.add_column("image", "sort_key", TextField(null=True)))
    backfill_sort_keys(db)
    record_time_zone(db)
    create_sort_key_triggers(db)
    # The covering index of the gallery's order (``Image.Meta``) and People's (``tables``).
    migrate(migrator.add_index("image", ("sort_key", "id", "state", "presence"), False))
    db.execute_sql(FACE_COVER_INDEX.sql)
    if fts_available(db):
        create_search_index(db)
    stats = db.execute_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone()
    if stats:
        # A library that has planner statistics gets them for the new indexes too; without
        # them SQLite would guess, and may pick the old indexes over the covering ones.
        db.execute_sql("ANALYZE image_sort_key_id_state_presence")
        db.execute_sql("ANALYZE face_person_cover")


# MIGRATIONS[n] upgrades a library from version n+1 to n+2.
MIGRATIONS: list[Callable[[SqliteDatabase], None]] = [
    _v1_to_v2,
    _v2_to_v3,
    _v3_to_v4,
    _v4_to_v5,
    _v5_to_v6,
]
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
            create_sort_key_triggers(db)
            record_time_zone(db)
            _set_version(db, LATEST_VERSION)
        ensure_search_index(db)
        return
    if version < LATEST_VERSION and db.database != ":memory:":
        # An upgrade rewrites tables; without a copy of the old library it does not start.
        make_backup(Path(db.database), f"before-v{LATEST_VERSION}", source=db.connection())
    # Peewee rebuilds a table for some column changes (copy, drop, rename). With foreign
    # keys on, dropping the old table would cascade and delete every face and tag, so
    # SQLite's own procedure is followed: keys off (outside a transaction), migrate,
    # check the keys, keys back on.
    db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        while version < LATEST_VERSION:
            log.info("Upgrading library schema v%d -> v%d", version, version + 1)
            with db.atomic():
                MIGRATIONS[version - 1](db)
                broken = db.execute_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise DatabaseError(
                        f"Upgrading the library to v{version + 1} broke {len(broken)} links; left at v{version}."
                    )
                _set_version(db, version + 1)
            version += 1
    finally:
        db.execute_sql("PRAGMA foreign_keys = ON")
    ensure_search_index(db)
    if mark_resort_due(db):  # only marked here: the keys are remade after the open, in chunks
        log.info("Opened in another time zone: photos without a capture date are re-sorted next")
