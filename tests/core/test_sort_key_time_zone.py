"""The gallery's order and date search follow the time zone the library is opened in.

Photos without an EXIF date sort by their file's local time. The stored sort key (schema
v6) fixes that local time when written; opened in another zone, the library opens at once
and remakes those keys after the open, in chunks (``storage/zone_resort.py``; the command
line finishes them before its command), so order and month search are what they were
before v6 (computed at read time) in every zone, and photos indexed on both sides of a
zone change never mix zones. Zones are POSIX TZ strings, so no time zone database is needed.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pictopy_desktop.library import read_model as bq
from pictopy_desktop.storage import database
from pictopy_desktop.storage.database import open_database
from pictopy_desktop.storage.gallery_order import ZONE_KEY, stale_sort_keys
from pictopy_desktop.storage.tables import Image, Meta
from pictopy_desktop.storage.zone_resort import ZoneResort, follow_time_zone, resort_due
from tests.core.zone_samples import (
    KIRITIMATI,
    LEGACY_ORDER,
    UTC,
    make_photos,
    utc,
    zone_switcher,
)

REPO = Path(__file__).resolve().parents[2]


def _cli(data_dir: Path, zone: str, models: Path, *args: str) -> str:
    env = dict(os.environ, TZ=zone, PICTOPY_MODELS_DIR=str(models), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "pictopy_desktop", "--data-dir", str(data_dir), *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator:
    """Switch this process's time zone (SQLite's ``localtime`` follows ``tzset``)."""
    yield zone_switcher(monkeypatch)
    monkeypatch.undo()
    time.tzset()


def _names(ids) -> list[str]:
    return [Path(Image.get_by_id(i).path).stem for i in ids]


def _gallery_and_august(data_dir: Path) -> tuple[list[str], list[str]]:
    """Open the library, let the re-sort run as the app runs it after the open, read it."""
    db = open_database(data_dir / "library.sqlite3")
    try:
        follow_time_zone(db)
        order = _names(bq.gallery_index(bq.GalleryFilter())[0])
        assert order == _names(i for (i,) in db.execute_sql(LEGACY_ORDER))
        assert stale_sort_keys(db) == 0 and not resort_due(db)
        august = _names(bq.ordered_ids(bq.GalleryFilter(bq.SEARCH, "2017-08")))
        return order, august
    finally:
        db.close()


def test_order_and_month_search_follow_the_zone_the_library_is_opened_in(
    tmp_path: Path, zone, no_models: Path
) -> None:
    files = make_photos(tmp_path / "photos")
    data_dir = tmp_path / "data"
    # Indexed in UTC by the real indexer, then searched from the command line at UTC+14:
    # the command finishes the re-sort before it answers.
    _cli(data_dir, UTC, no_models, "index", str(files["A"].parent))
    found = json.loads(_cli(data_dir, KIRITIMATI, no_models, "search", "2017-08", "--json"))
    assert [Path(r["path"]).stem for r in found["results"]] == ["C"]

    zone(KIRITIMATI)
    db = open_database(data_dir / "library.sqlite3")
    assert not resort_due(db) and stale_sort_keys(db) == 0  # the command left nothing to do
    db.close()
    assert _gallery_and_august(data_dir) == (["C", "B", "A"], ["C"])
    zone(UTC)
    assert _gallery_and_august(data_dir) == (["C", "A", "B"], [])

    # A photo indexed after a change of zone: every key stays in the zone of the day.
    zone(KIRITIMATI)
    db = open_database(data_dir / "library.sqlite3")
    with db.atomic():
        Image.create(path=str(tmp_path / "photos" / "D.jpg"), size=1, mtime=utc(2017, 7, 14, 11))
    assert Meta.get_by_id(ZONE_KEY).value  # the zone of the keys is recorded
    db.close()
    zone(UTC)
    assert _gallery_and_august(data_dir) == (["C", "A", "D", "B"], [])
    zone(KIRITIMATI)
    assert _gallery_and_august(data_dir) == (["C", "D", "B", "A"], ["C"])


def test_the_open_marks_and_the_re_sort_rewrites_only_in_another_zone(tmp_path: Path, zone) -> None:
    zone(KIRITIMATI)
    path = tmp_path / "library.sqlite3"
    db = open_database(path)
    with db.atomic():
        for i in range(5):
            Image.create(path=f"/p/{i}.jpg", size=1, mtime=utc(2017, 7, 31, 20) + i)
    db.close()
    # The open keeps the old zone's keys (in another zone it only marks the job: two Meta
    # rows); the re-sort after it rewrites the five keys, and nothing in their own zone.
    for tz, changed in ((KIRITIMATI, 0), (UTC, 5), (UTC, 0), (KIRITIMATI, 5), (KIRITIMATI, 0)):
        zone(tz)
        db = open_database(path)
        assert db.execute_sql("SELECT total_changes()").fetchone()[0] == (2 if changed else 0)
        assert resort_due(db) == bool(changed), tz
        assert stale_sort_keys(db) == changed, tz
        assert follow_time_zone(db) == changed, tz
        months = {g.key for g in bq.gallery_index(bq.GalleryFilter())[1]}
        assert months == ({"2017-08"} if tz == KIRITIMATI else {"2017-07"}), tz
        db.close()


@pytest.mark.allow_log(r"^Photos without a capture date keep the previous time zone's order")
def test_a_library_busy_elsewhere_opens_and_follows_the_zone_at_the_next_open(
    tmp_path: Path, zone, monkeypatch: pytest.MonkeyPatch
) -> None:
    zone(UTC)
    path = tmp_path / "library.sqlite3"
    db = open_database(path)
    with db.atomic():
        Image.create(path="/p/c.jpg", size=1, mtime=utc(2017, 7, 31, 20))
    db.close()
    monkeypatch.setitem(database.PRAGMAS, "busy_timeout", 200)
    other = sqlite3.connect(path, timeout=0)
    other.execute("BEGIN IMMEDIATE")  # another program writing, for longer than the timeout
    try:
        zone(KIRITIMATI)
        db = open_database(path)  # opens all the same, with the keys as they were
        job = ZoneResort(db)
        assert not job.step() and job.stopped and not job.finished
        assert Image.get().sort_key == "2017-07-31 20:00:00"
        db.close()
    finally:
        other.rollback()
        other.close()
    db = open_database(path)
    assert resort_due(db)
    assert follow_time_zone(db) == 1
    assert Image.get().sort_key == "2017-08-01 10:00:00"
    db.close()
