"""The gallery's order as a stored, indexed column (schema v6), kept by SQLite itself.

The gallery shows photos newest first by EXIF date, else by the file's time (local
time, as the file manager shows it), ties by id. Computed at read time that order sorts
every row at each start (seconds for a million photos). ``Image.sort_key`` stores the
same value and an index on (sort_key, id, state, presence) makes the order, with the
visibility test, one covering index scan.

Triggers keep the column right for every write that sets ``taken_at`` or ``mtime``:
indexing, metadata re-reads, edits, restores, and raw SQL alike, so no write path can
forget it.

A file's local time depends on the time zone, which the stored key fixes at write time
(before v6 the order followed the zone of the day). So the library records how the zone
its keys were made in turns instants into local times (``zone_fingerprint``: SQLite's
own ``localtime`` at fixed instants across the years and seasons); opened in another
zone, it remakes the keys that came from file times after the open, in short chunks, and
then records the new zone (``storage/zone_resort.py``).
"""

from __future__ import annotations

import hashlib

from peewee import SqliteDatabase

# The value the gallery sorts by, for a row called ``r``: the one expression the
# triggers, the migration's backfill and the tests' reference order share.
SORT_KEY_SQL = "COALESCE({r}.taken_at, datetime({r}.mtime, 'unixepoch', 'localtime'))"
# The Meta key under which the zone of the stored keys is recorded.
ZONE_KEY = "sort_key_zone"
# Instants the zone is sampled at: 1970 to 2038, a week and an hour apart, so the samples
# walk through the hours of the day and meet every season's offset in every year.
_ZONE_SAMPLES = (0, 7 * 86400 + 3600, 2**31 - 1)

_TRIGGERS = {
    "image_sort_key_insert": "AFTER INSERT ON image",
    "image_sort_key_update": "AFTER UPDATE OF taken_at, mtime ON image",
}


def create_sort_key_triggers(db: SqliteDatabase) -> None:
    """Create the triggers that keep ``image.sort_key`` equal to ``SORT_KEY_SQL``."""
    value = SORT_KEY_SQL.format(r="NEW")
    for name, when in _TRIGGERS.items():
        db.execute_sql(
            f"CREATE TRIGGER IF NOT EXISTS {name} {when} BEGIN "
            f"UPDATE image SET sort_key = {value} WHERE id = NEW.id; END"
        )


def backfill_sort_keys(db: SqliteDatabase) -> None:
    """Set every photo's sort key in one statement (the v6 upgrade)."""
    db.execute_sql(f"UPDATE image SET sort_key = {SORT_KEY_SQL.format(r='image')}")


def stale_sort_keys(db: SqliteDatabase) -> int:
    """How many photos' stored sort key differs from the value it stands for (0 when right)."""
    return int(
        db.execute_sql(
            f"SELECT COUNT(*) FROM image WHERE sort_key IS NOT {SORT_KEY_SQL.format(r='image')}"
        ).fetchone()[0]
    )


def zone_fingerprint(db: SqliteDatabase) -> str:
    """How this process's time zone turns instants into local times, as SQLite computes them."""
    (local,) = db.execute_sql(
        "WITH RECURSIVE t(e) AS (SELECT ? UNION ALL SELECT e + ? FROM t WHERE e + ? <= ?)"
        " SELECT group_concat(datetime(e, 'unixepoch', 'localtime'), ',') FROM t",
        [_ZONE_SAMPLES[0], _ZONE_SAMPLES[1], _ZONE_SAMPLES[1], _ZONE_SAMPLES[2]],
    ).fetchone()
    return hashlib.sha256(local.encode()).hexdigest()


def record_time_zone(db: SqliteDatabase) -> None:
    """Record that the stored keys were made in this process's zone (call in a transaction)."""
    db.execute_sql(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [ZONE_KEY, zone_fingerprint(db)]
    )
