"""Google Takeout sidecars: ``photo.jpg.json`` (and its variants) beside an exported photo.

Takeout strips or never had EXIF for many photos; its JSON keeps the date taken, the
place and the description. They fill in only what the photo's own EXIF lacks.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from pictopy_desktop.library.photo_files import open_regular

# Longest file name most file systems allow (bytes); longer candidate names cannot exist.
NAME_MAX = 255
# A Takeout sidecar is a few KB; anything far larger is not one and is not read into memory.
MAX_SIDECAR_BYTES = 1 << 20


@dataclass
class SidecarInfo:
    taken_at: dt.datetime | None = None
    latitude: float | None = None
    longitude: float | None = None
    description: str | None = None


def sidecar_candidates(photo: Path) -> list[Path]:
    """Where Takeout puts the JSON for ``photo`` (names are cut at 51 characters in older exports)."""
    name = photo.name
    names = [
        f"{name}.json",
        f"{name}.supplemental-metadata.json",
        f"{photo.stem}.json",
        f"{name[:46]}.json",
        f"{name}.supplemental-metada.json",
    ]
    # A photo with a long name has no room for ".json": asking about such a name only fails.
    return [photo.with_name(n) for n in dict.fromkeys(names) if len(os.fsencode(n)) <= NAME_MAX]


def _geo(data: dict) -> tuple[float | None, float | None]:
    for key in ("geoData", "geoDataExif"):
        geo = data.get(key) or {}
        try:
            lat, lon = float(geo.get("latitude", 0)), float(geo.get("longitude", 0))
        except (TypeError, ValueError):
            continue
        if (lat, lon) != (0.0, 0.0) and -90 <= lat <= 90 and -180 <= lon <= 180:
            return lat, lon
    return None, None


def read_sidecar(photo: Path) -> SidecarInfo | None:
    """The sidecar's facts for ``photo``, or None when there is no readable sidecar."""
    for candidate in sidecar_candidates(photo):
        try:
            # Regular files only (a pipe named like a sidecar would wait for ever), bounded in size.
            with open_regular(candidate) as fh:
                raw = fh.read(MAX_SIDECAR_BYTES + 1)
        except OSError:  # absent (the usual case), unreadable, or not a regular file
            continue
        if len(raw) > MAX_SIDECAR_BYTES:
            continue
        try:
            data = json.loads(raw.decode("utf-8"))
        except ValueError:  # UnicodeDecodeError included
            continue
        if not isinstance(data, dict):
            continue
        info = SidecarInfo()
        taken = data.get("photoTakenTime") or data.get("creationTime") or {}
        try:
            info.taken_at = dt.datetime.fromtimestamp(int(taken["timestamp"]))
        except (KeyError, TypeError, ValueError, OverflowError, OSError):
            pass
        info.latitude, info.longitude = _geo(data)
        description = data.get("description")
        if isinstance(description, str) and description.strip():
            info.description = description.strip()
        return info
    return None
