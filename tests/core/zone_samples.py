"""Time zones and photos for the tests of the gallery's order across a change of zone.

Zones are POSIX TZ strings, so no time zone database is needed; SQLite's ``localtime``
follows ``time.tzset``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import time
from collections.abc import Callable
from pathlib import Path

import piexif
import pytest
from PIL import Image as PILImage

UTC = "UTC0"
KIRITIMATI = "<+14>-14"  # Pacific/Kiritimati: UTC+14
HONOLULU = "HST10"  # UTC-10

# Read at read time in the current zone: the gallery's order before v6 stored it.
LEGACY_ORDER = (
    "SELECT id FROM image ORDER BY"
    " COALESCE(taken_at, datetime(mtime, 'unixepoch', 'localtime')) DESC, id DESC"
)


def utc(*args: int) -> float:
    """The instant of a UTC date and time, as a file time."""
    return float(calendar.timegm(dt.datetime(*args).timetuple()))


def make_photos(folder: Path) -> dict[str, Path]:
    """A: EXIF 2017-07-14 12:00; B: no EXIF, file time 2017-07-14 10:00 UTC; C: 2017-07-31 20:00 UTC."""
    folder.mkdir()
    files = {name: folder / f"{name}.jpg" for name in "ABC"}
    for name, path in files.items():
        exif = {"0th": {}, "Exif": {}}
        if name == "A":
            exif["Exif"][piexif.ExifIFD.DateTimeOriginal] = b"2017:07:14 12:00:00"
        colour = {"A": (200, 30, 30), "B": (30, 200, 30), "C": (30, 30, 200)}[name]
        PILImage.new("RGB", (64, 48), colour).save(path, "JPEG", exif=piexif.dump(exif))
    os.utime(files["A"], (utc(2020, 1, 1), utc(2020, 1, 1)))
    os.utime(files["B"], (utc(2017, 7, 14, 10), utc(2017, 7, 14, 10)))
    os.utime(files["C"], (utc(2017, 7, 31, 20), utc(2017, 7, 31, 20)))
    return files


def zone_switcher(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """A function that switches this process's time zone (undone with ``monkeypatch``, then
    ``time.tzset()``, at the end of the test: see the ``zone`` fixtures)."""

    def switch(tz: str) -> None:
        monkeypatch.setenv("TZ", tz)
        time.tzset()

    return switch
