"""When and where a video was taken: capture time with its time zone, and GPS.

Read with MediaInfo (``pymediainfo``; its wheels bundle libmediainfo), which knows
MP4/MOV/3GP (the ``mvhd`` creation time, Apple's ``com.apple.quicktime.*`` keys, the
``©xyz`` atom phones write), Matroska/WebM and AVI alike. Nothing here fails a video: a
container that says nothing (or is damaged) gives an empty ``VideoMetadata``.

Android phones write the time in UTC only; with the place they also write, the zone is
found offline (``timezonefinder``, the IANA zone boundaries), so the video gets the local
time where it was shot, like the photos beside it.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pictopy_desktop.library.photo_files import open_regular

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class VideoMetadata:
    """``taken_at`` is local time at ``utc_offset_min`` where the zone is known (stated by
    the file, or found from its GPS position); a time the file gives only in UTC, with no
    position, is shown in this computer's zone (offset unknown: None)."""

    taken_at: dt.datetime | None = None
    utc_offset_min: int | None = None
    latitude: float | None = None
    longitude: float | None = None


# MediaInfo's General-track fields, most telling first. Apple's creation date carries the
# zone the phone was in; the others are usually UTC (the QuickTime/MP4 header is UTC by spec).
_DATE_FIELDS = (
    "comapplequicktimecreationdate",
    "recorded_date",
    "encoded_date",
    "tagged_date",
    "mastered_date",
)
_LOCATION_FIELDS = (
    "comapplequicktimelocationiso6709",
    "xyz",
    "recorded_location",
    "location",
)

_DATE = re.compile(
    r"(?:(?P<utc_first>UTC)\s+)?"
    r"(?P<date>\d{4}-\d{2}-\d{2})[T ](?P<time>\d{2}:\d{2}:\d{2})(?:\.\d+)?"
    r"\s*(?P<zone>Z|UTC|[+-]\d{2}:?\d{2})?"
)
# Some writers use EXIF-style colons in the date ("2019:06:15 10:30:00").
_COLON_DATE = re.compile(r"^(\d{4}):(\d{2}):(\d{2})")

# The oldest capture date believed: the MP4 epoch (1904) or 1970 left in an unset field is not a date.
_EARLIEST = dt.datetime(1971, 1, 1)


def _zone_minutes(zone: str) -> int | None:
    if zone in ("Z", "UTC"):
        return 0
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if minutes >= 60 or hours * 60 + minutes > 14 * 60:
        return None
    return sign * (hours * 60 + minutes)


def parse_video_date(
    text: str, place: tuple[float, float] | None = None
) -> tuple[dt.datetime, int | None] | None:
    """A container date as (time, minutes east of UTC), or None when it is no date.

    A stated offset keeps the local time with it; a UTC time is turned into the local time
    of ``place`` (latitude, longitude) with that zone's offset, or without a place into this
    computer's local time with the offset None (the photos beside it are in local time
    too); a time with no zone at all is taken as local, offset unknown.
    """
    text = _COLON_DATE.sub(r"\1-\2-\3", text.strip())
    match = _DATE.search(text)
    if match is None:
        return None
    try:
        naive = dt.datetime.fromisoformat(f"{match['date']}T{match['time']}")
    except ValueError:
        return None
    zone = "UTC" if match["utc_first"] else match["zone"]
    if naive < _EARLIEST:
        return None
    if zone is None:
        return naive, None
    offset = _zone_minutes(zone)
    if offset is None:
        return None
    if offset == 0 and zone in ("Z", "UTC"):
        instant = naive.replace(tzinfo=dt.UTC)
        where = zone_at(*place) if place is not None else None
        if where is not None:
            local = instant.astimezone(where)
            shift = local.utcoffset()
            minutes = round(shift.total_seconds() / 60) if shift is not None else None
            return local.replace(tzinfo=None), minutes
        return instant.astimezone().replace(tzinfo=None), None
    return naive, offset


_FINDER_LOCK = threading.Lock()
_finder = None


def zone_at(latitude: float, longitude: float) -> ZoneInfo | None:
    """The time zone in force at a place (offline, from the IANA zone boundaries), or None."""
    global _finder
    try:
        with _FINDER_LOCK:  # one finder, shared by the decode workers
            if _finder is None:
                from timezonefinder import TimezoneFinder

                _finder = TimezoneFinder()
            name = _finder.timezone_at(lat=latitude, lng=longitude)
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError, ImportError, OSError) as exc:
        log.info("No time zone found for %.4f, %.4f: %s", latitude, longitude, exc)
        return None


# ISO 6709: ±DD.D, ±DDMM.M or ±DDMMSS.S latitude, then the same for longitude with one more
# degree digit, then optionally altitude and a CRS, ended by "/".
_ISO6709 = re.compile(r"^\s*([+-])(\d+(?:\.\d*)?)([+-])(\d+(?:\.\d*)?)")


def _iso6709_part(number: str, degree_digits: int) -> float | None:
    whole = number.split(".", 1)[0]
    frac = float("0." + number.split(".", 1)[1]) if "." in number and number.split(".")[1] else 0.0
    n = len(whole)
    if n == degree_digits:
        return float(whole) + frac
    if n == degree_digits + 2:
        return float(whole[:degree_digits]) + (float(whole[degree_digits:]) + frac) / 60
    if n == degree_digits + 4:
        minutes = float(whole[degree_digits : degree_digits + 2])
        seconds = float(whole[degree_digits + 2 :]) + frac
        return float(whole[:degree_digits]) + minutes / 60 + seconds / 3600
    return None


def parse_iso6709(text: str) -> tuple[float, float] | None:
    """Latitude and longitude in degrees from an ISO 6709 string ("+48.8584+002.2945+035.000/")."""
    match = _ISO6709.match(text)
    if match is None:
        return None
    lat_sign, lat_text, lon_sign, lon_text = match.groups()
    lat = _iso6709_part(lat_text, 2)
    lon = _iso6709_part(lon_text, 3)
    if lat is None or lon is None:
        return None
    lat = -lat if lat_sign == "-" else lat
    lon = -lon if lon_sign == "-" else lon
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        return None
    return lat, lon


def _general_track(path: Path) -> dict[str, object]:
    from pymediainfo import MediaInfo

    # Through our checked, non-blocking descriptor: a pipe put in the video's place is
    # refused, and a name that is not UTF-8 reaches the right file.
    with open_regular(path) as fh:
        info = MediaInfo.parse(fh)
    for track in info.tracks:
        if track.track_type == "General":
            return track.to_data()
    return {}


def read_video_metadata(path: Path) -> VideoMetadata:
    """Capture time (with its zone where the file states it) and GPS of the video at ``path``."""
    try:
        general = _general_track(path)
    except Exception as exc:  # metadata must never cost the video itself
        log.info("No metadata read from %s: %s", path, exc)
        return VideoMetadata()
    place: tuple[float, float] | None = None
    for name in _LOCATION_FIELDS:
        value = general.get(name)
        if isinstance(value, str) and (place := parse_iso6709(value)) is not None:
            break
    taken: tuple[dt.datetime, int | None] | None = None
    for name in _DATE_FIELDS:
        value = general.get(name)
        if isinstance(value, str) and (taken := parse_video_date(value, place)) is not None:
            break
    return VideoMetadata(
        taken_at=taken[0] if taken else None,
        utc_offset_min=taken[1] if taken else None,
        latitude=place[0] if place else None,
        longitude=place[1] if place else None,
    )
