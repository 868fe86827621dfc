"""The re-sort for a new time zone runs after the open, in chunks that resume (``storage/zone_resort.py``).

A library of 25 photos without a capture date, their keys made in UTC, opened at UTC+14 and
re-sorted 10 photos per chunk: the job resumes after a kill -9, photos written between two
chunks keep their right keys, a third zone midway starts the job over for it, a locked
library or a full disk stops the job with one line and loses nothing, and two processes in
two zones never undo each other's work over and over.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from peewee import SqliteDatabase

from pictopy_desktop.storage import database
from pictopy_desktop.storage.database import integrity_ok, open_database
from pictopy_desktop.storage.gallery_order import ZONE_KEY, stale_sort_keys, zone_fingerprint
from pictopy_desktop.storage.tables import Image
from pictopy_desktop.storage.zone_resort import (
    DONE_KEY,
    TARGET_KEY,
    ZoneResort,
    follow_time_zone,
    mark_resort_due,
    resort_due,
)
from tests.core.zone_samples import HONOLULU, KIRITIMATI, UTC, utc, zone_switcher

REPO = Path(__file__).resolve().parents[2]
PHOTOS = 25
ROWS = 10  # photos per chunk: three chunks for the library


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator:
    yield zone_switcher(monkeypatch)
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def library(tmp_path: Path, zone) -> Path:
    """25 photos without a capture date, one a day from 2017-07-01 20:00 UTC, keys made in UTC."""
    zone(UTC)
    path = tmp_path / "library.sqlite3"
    db = open_database(path)
    with db.atomic():
        Image.insert_many(
            [
                {"path": f"/p/{i:02}.jpg", "size": 1, "mtime": utc(2017, 7, 1 + i, 20)}
                for i in range(PHOTOS)
            ]
        ).execute()
    db.close()
    return path


def _meta(db: SqliteDatabase) -> dict[str, str]:
    return dict(db.execute_sql("SELECT key, value FROM meta").fetchall())


def _key(db: SqliteDatabase, image_id: int) -> str:
    return db.execute_sql("SELECT sort_key FROM image WHERE id = ?", [image_id]).fetchone()[0]


def _ids(db: SqliteDatabase) -> list[int]:
    return [i for (i,) in db.execute_sql("SELECT id FROM image ORDER BY id")]


def _done_in(db: SqliteDatabase, tz_fingerprint: str) -> None:
    """Every key follows the zone, the zone is recorded, no job is left."""
    meta = _meta(db)
    assert stale_sort_keys(db) == 0 and not resort_due(db)
    assert meta[ZONE_KEY] == tz_fingerprint
    assert TARGET_KEY not in meta and DONE_KEY not in meta


KILLED_MIDWAY = """
import os, signal, sys
from pathlib import Path
from pictopy_desktop.storage.database import integrity_ok, open_database
from pictopy_desktop.storage.zone_resort import ZoneResort
db = open_database(Path(sys.argv[1]))
job = ZoneResort(db, int(sys.argv[2]))
assert job.step() and job.step()
os.kill(os.getpid(), signal.SIGKILL)  # the app killed between two chunks
"""


def test_a_job_killed_between_two_chunks_goes_on_where_it_stopped(library: Path, zone) -> None:
    done = subprocess.run(
        [sys.executable, "-c", KILLED_MIDWAY, str(library), str(ROWS)],
        cwd=REPO,
        env=dict(os.environ, TZ=KIRITIMATI),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == -9, done.stderr
    zone(KIRITIMATI)
    db = open_database(library)
    ids = _ids(db)
    meta = _meta(db)
    assert meta[TARGET_KEY] == zone_fingerprint(db) and meta[DONE_KEY] == str(ids[2 * ROWS - 1])
    assert meta[ZONE_KEY] != zone_fingerprint(db)  # recorded only when every chunk is done
    assert stale_sort_keys(db) == PHOTOS - 2 * ROWS  # two chunks were committed
    job = ZoneResort(db, ROWS)
    assert not job.step()  # the third and last chunk: the first two are not done again
    assert job.finished and job.changed == PHOTOS - 2 * ROWS
    _done_in(db, zone_fingerprint(db))
    db.close()


def test_photos_written_between_two_chunks_keep_their_right_keys(library: Path, zone) -> None:
    zone(KIRITIMATI)
    db = open_database(library)
    ids = _ids(db)
    job = ZoneResort(db, ROWS)
    assert job.step()
    # Other writers take the lock between two chunks: a photo done, one not yet, a new one.
    other = sqlite3.connect(library, timeout=0)
    with other:
        other.execute("UPDATE image SET mtime = ? WHERE id = ?", [utc(2020, 2, 2, 12), ids[3]])
        other.execute("UPDATE image SET mtime = ? WHERE id = ?", [utc(2020, 3, 3, 12), ids[15]])
    other.close()
    with db.atomic():
        Image.create(path="/p/new.jpg", size=1, mtime=utc(2020, 4, 4, 12))
    assert job.step() and not job.step() and job.finished
    assert [_key(db, i) for i in (ids[3], ids[15], max(_ids(db)))] == [
        "2020-02-03 02:00:00",
        "2020-03-04 02:00:00",
        "2020-04-05 02:00:00",
    ]
    _done_in(db, zone_fingerprint(db))
    db.close()


def test_a_third_zone_midway_starts_the_job_over_for_it(library: Path, zone) -> None:
    zone(KIRITIMATI)
    db = open_database(library)
    assert ZoneResort(db, ROWS).step()  # then the app quits
    db.close()
    zone(HONOLULU)
    db = open_database(library)  # opened in a third zone: the job is Honolulu's, from the start
    assert _meta(db)[TARGET_KEY] == zone_fingerprint(db) and _meta(db)[DONE_KEY] == "0"
    assert follow_time_zone(db, ROWS) == PHOTOS
    _done_in(db, zone_fingerprint(db))
    assert _key(db, _ids(db)[0]) == "2017-07-01 10:00:00"
    db.close()

    zone(KIRITIMATI)  # then back in the recorded zone midway: only the chunk done is undone
    db = open_database(library)
    assert ZoneResort(db, ROWS).step()
    db.close()
    zone(HONOLULU)
    db = open_database(library)
    assert follow_time_zone(db, ROWS) == ROWS
    _done_in(db, zone_fingerprint(db))
    db.close()


@pytest.mark.allow_log(r"^Photos without a capture date keep the previous time zone's order")
def test_a_locked_library_stops_the_job_with_one_line_and_the_next_open_goes_on(
    library: Path, zone, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(database.PRAGMAS, "busy_timeout", 200)
    zone(KIRITIMATI)
    db = open_database(library)
    ids = _ids(db)
    job = ZoneResort(db, ROWS)
    assert job.step()
    other = sqlite3.connect(library, timeout=0)
    other.execute("BEGIN IMMEDIATE")  # another program writing, for longer than the timeout
    try:
        assert not job.step() and job.stopped and not job.finished
        assert not job.step()  # stopped for this run
    finally:
        other.rollback()
        other.close()
    lines = [r for r in caplog.records if r.levelname == "WARNING"]
    assert len(lines) == 1 and "database is locked" in lines[0].getMessage()
    assert _meta(db)[DONE_KEY] == str(ids[ROWS - 1])  # nothing of the failed chunk was kept
    assert stale_sort_keys(db) == PHOTOS - ROWS
    db.close()
    db = open_database(library)  # the next open goes on from the chunk that failed
    job = ZoneResort(db, ROWS)
    assert job.step() and job.changed == ROWS
    assert not job.step() and job.finished
    _done_in(db, zone_fingerprint(db))
    db.close()


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs (root only: skipped otherwise), unmounted at the end."""
    point = tmp_path / f"mnt-{uuid.uuid4().hex[:6]}"
    point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(point)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {mounted.stderr.decode().strip()}")
    yield point
    subprocess.run(["umount", "-l", str(point)], capture_output=True)


def _fill(folder: Path) -> Path:
    """Fill the disk under ``folder`` to the last byte; the filler's path."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:  # no space left: what was wanted
        pass
    finally:
        os.close(fd)
    return filler


@pytest.mark.allow_log(r"^Photos without a capture date keep the previous time zone's order")
def test_a_full_disk_stops_the_job_with_one_line_and_the_next_open_goes_on(
    library: Path, zone, full_disk: Path, caplog: pytest.LogCaptureFixture
) -> None:
    on_disk = full_disk / library.name
    shutil.copyfile(library, on_disk)
    zone(KIRITIMATI)
    db = open_database(on_disk)  # marks the job while there is room
    job = ZoneResort(db, ROWS)
    filler = _fill(full_disk)
    assert not job.step() and job.stopped and not job.finished
    lines = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(lines) == 1 and "disk is full" in lines[0]
    assert stale_sort_keys(db) == PHOTOS  # nothing of the failed chunk was kept
    db.close()
    filler.unlink()
    db = open_database(on_disk)
    assert integrity_ok(db) and resort_due(db)
    assert follow_time_zone(db, ROWS, pause=False) == PHOTOS
    _done_in(db, zone_fingerprint(db))
    db.close()


@pytest.mark.allow_log(r"^Another PictoPy in a different time zone is re-sorting this library")
def test_two_processes_in_two_zones_never_undo_each_other_over_and_over(
    library: Path, zone
) -> None:
    zone(KIRITIMATI)
    db = open_database(library)  # one process at UTC+14...
    first = ZoneResort(db, ROWS)
    assert first.step()
    zone(HONOLULU)  # ...and another at UTC-10 (one process here, switching zones between turns)
    assert mark_resort_due(db)
    second = ZoneResort(db, ROWS)
    assert second.step()
    zone(KIRITIMATI)
    assert not first.step() and first.stopped  # taken over: it stops instead of starting over
    zone(HONOLULU)
    assert second.run() == PHOTOS and second.finished
    _done_in(db, zone_fingerprint(db))
    db.close()
