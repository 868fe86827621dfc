"""Photos without a capture date re-sorted for a new time zone: in short chunks, after the open.

The stored gallery key of a photo without an EXIF date is its file's local time
(``storage/gallery_order.py``), so it depends on the zone it was written in. Opened in
another zone, the library used to rewrite every such key in one statement before it opened:
4 s for a million undated photos on two cores, 40 s when they are busy, the write lock held
throughout. Now the open only compares the zones and marks the job (``mark_resort_due``: two
``Meta`` rows, 5 ms): the library opens at once with the old zone's keys, and ``ZoneResort``
rewrites them afterwards, one id range per short IMMEDIATE transaction (``CHUNK_ROWS``), a
pause apart (``PAUSE_S``), so edits and indexing take the write lock between two chunks: at
a million photos about 10 s in all, no chunk over 0.1 s (``benchmarks/bench_zone_change.py``
prints the chunks' times and another writer's waits). The app runs the chunks on its writer
thread once the first page is on screen (``workers/zone_resort.py``); the command line
finishes them before its command runs (``cli/common.py::open_library``).

Where the job stands is kept in ``Meta``: ``TARGET_KEY``, the fingerprint of the zone being
sorted for, and ``DONE_KEY``, the highest photo id done. A quit or a kill -9 between two
chunks loses nothing: the next open goes on from there. ``ZONE_KEY``, the zone every key
follows, is recorded only with the last chunk. A job left for another zone (the library
then opened in a third one, or back in the recorded one) starts again from the first photo
for the new zone; it rewrites only the keys that differ. Photos written while the job runs
get their key from the triggers, in this process's zone, so they are right whichever side
of the job they are on; and since the mark is made at the open, before this process writes
any key, a photo indexed by a process that quits before its job ends is re-sorted by the
next open in another zone too.

A chunk that finds the library busy past the busy timeout, or the disk full, changes
nothing: one line is logged, the job stops, and the next open goes on (the order is the
old zone's meanwhile; nothing is lost).

Not covered: two processes with the library open at once in different zones (the app in
one zone, a command in another). Each one's triggers write keys in its own zone, and the
job of the process that started last wins: the other one's job finds the target changed
under it and stops (one log line) instead of starting over, so the two never rewrite the
library back and forth. The keys then follow the last one's zone, except for the photos the
other process writes until it closes (indexing, a changed file time): those keep its zone's
keys until the library is next opened in a zone other than the recorded one, which re-sorts
every undated photo (``stale_sort_keys`` counts them). Nothing is lost: only those photos'
places in the order are off by the difference between the two zones.
"""

from __future__ import annotations

import logging
import time

from peewee import OperationalError, SqliteDatabase

from pictopy_desktop.storage.gallery_order import SORT_KEY_SQL, ZONE_KEY, zone_fingerprint

log = logging.getLogger(__name__)

# The zone fingerprint a job in progress sorts for, and the highest photo id it has done.
TARGET_KEY = "sort_key_zone_target"
DONE_KEY = "sort_key_zone_done_id"
# Photos per chunk: about 45 ms of write lock on two busy cores (under 0.1 s at a million
# photos), so another writer never waits long, while the chunks and their pauses take a
# million photos in two to three times the one statement's time
# (``benchmarks/bench_zone_change.py``; 5,000 and 20,000 a chunk measured no better).
CHUNK_ROWS = 10_000
# Between two chunks the lock is free as long as the chunk took, 50 to 100 ms: SQLite's busy
# handler sleeps between tries, longer the longer it has waited (up to 100 ms), so a writer
# waiting for the lock (the indexer, another process) tries within the pause and goes before
# the next chunk, instead of missing gap after gap.
PAUSE_S = (0.05, 0.1)

_VALUE = SORT_KEY_SQL.format(r="image")


def _meta(db: SqliteDatabase) -> dict[str, str]:
    return dict(
        db.execute_sql(
            "SELECT key, value FROM meta WHERE key IN (?, ?, ?)", [ZONE_KEY, TARGET_KEY, DONE_KEY]
        ).fetchall()
    )


def _set(db: SqliteDatabase, key: str, value: object) -> None:
    db.execute_sql("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [key, str(value)])


def resort_due(db: SqliteDatabase) -> bool:
    """Whether keys wait for a re-sort in this process's zone (reads only; a few ms)."""
    meta = _meta(db)
    return TARGET_KEY in meta or meta.get(ZONE_KEY) != zone_fingerprint(db)


def mark_resort_due(db: SqliteDatabase) -> bool:
    """At open: compare the zones and, where they differ, mark the job as this zone's; True if due.

    The mark (two ``Meta`` rows, one tiny transaction) comes before this process writes any
    key: a photo it indexes in its zone, before a job that it may never run ends, is then
    still re-sorted by the next open in the recorded zone. A library busy past the timeout
    opens unmarked (one line logged); the job's first chunk marks it.
    """
    zone = zone_fingerprint(db)
    meta = _meta(db)
    target = meta.get(TARGET_KEY)
    if target == zone:
        return True
    if target is None and meta.get(ZONE_KEY) == zone:
        return False
    try:
        with db.atomic():
            _set(db, TARGET_KEY, zone)
            _set(db, DONE_KEY, 0)
    except OperationalError as exc:  # busy past the timeout, or a full disk: nothing changed
        _keep_old_order(exc)
    return True


def _keep_old_order(exc: Exception) -> None:
    log.warning(
        "Photos without a capture date keep the previous time zone's order until the "
        "library is opened again (%s)",
        exc,
    )


class ZoneResort:
    """One run of the re-sort for this process's zone; each ``step`` is one chunk."""

    def __init__(self, db: SqliteDatabase, rows: int = CHUNK_ROWS) -> None:
        self.db = db
        self.rows = rows
        self.zone = zone_fingerprint(db)
        self.changed = 0  # keys this run rewrote
        self.finished = False  # every key follows this zone, and the zone is recorded
        self.stopped = False  # busy, disk full, or taken over: the next open goes on
        self._started = False  # this run has set the target (a change then is another's)
        self.last_chunk_s = 0.0

    def step(self) -> bool:
        """Do one chunk in its own transaction; True while chunks remain."""
        if self.finished or self.stopped:
            return False
        started = time.perf_counter()
        try:
            with self.db.atomic():
                more = self._chunk()
            self.last_chunk_s = time.perf_counter() - started
            return more
        except OperationalError as exc:  # busy past the timeout, or a full disk: nothing changed
            self.stopped = True
            _keep_old_order(exc)
            return False

    @property
    def pause_s(self) -> float:
        """How long to leave the lock free before the next chunk (``PAUSE_S``)."""
        return min(PAUSE_S[1], max(PAUSE_S[0], self.last_chunk_s))

    def run(self, pause: bool = True) -> int:
        """Every chunk now, with the pauses (the command line); keys rewritten."""
        while self.step():
            if pause:
                time.sleep(self.pause_s)
        if self.finished and self.changed:
            log.info(
                "The time zone changed: %d photos without a capture date re-sorted", self.changed
            )
        return self.changed

    def _chunk(self) -> bool:
        meta = _meta(self.db)
        target = meta.get(TARGET_KEY)
        if target == self.zone:
            done = int(meta.get(DONE_KEY) or 0)
        elif target is None and meta.get(ZONE_KEY) == self.zone:
            self.finished = True  # nothing to do, or another process here finished it
            return False
        elif self._started:
            # Since this run's last chunk another process, in another zone, took the job over
            # (or finished it): going on would undo its work and it would undo ours.
            self.stopped = True
            log.warning(
                "Another PictoPy in a different time zone is re-sorting this library; photos "
                "without a capture date follow its zone until this one opens the library again"
            )
            return False
        else:  # a first run, or one left for another zone: start over for this one
            done = 0
            _set(self.db, TARGET_KEY, self.zone)
        self._started = True
        row = self.db.execute_sql(
            "SELECT id FROM image WHERE id > ? ORDER BY id LIMIT 1 OFFSET ?",
            [done, self.rows - 1],
        ).fetchone()
        last = row is None
        bound = "" if last else " AND id <= ?"
        self.changed += self.db.execute_sql(
            f"UPDATE image SET sort_key = {_VALUE}"
            f" WHERE id > ?{bound} AND taken_at IS NULL AND sort_key IS NOT {_VALUE}",
            [done] if last else [done, row[0]],
        ).rowcount
        if not last:
            _set(self.db, DONE_KEY, row[0])
            return True
        _set(self.db, ZONE_KEY, self.zone)
        self.db.execute_sql("DELETE FROM meta WHERE key IN (?, ?)", [TARGET_KEY, DONE_KEY])
        self.finished = True
        return False


def follow_time_zone(db: SqliteDatabase, rows: int = CHUNK_ROWS, pause: bool = True) -> int:
    """Re-sort now, chunk after chunk, if the keys were made in another zone; keys rewritten."""
    if not resort_due(db):
        return 0
    return ZoneResort(db, rows).run(pause)
