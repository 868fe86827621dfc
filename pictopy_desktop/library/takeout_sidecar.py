"""Google Takeout sidecars: ``photo.jpg.json`` (and its variants) beside an exported photo.

Takeout strips or never had EXIF for many photos; its JSON keeps the date taken, the
place and the description. They fill in only what the photo's own EXIF lacks.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path


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
    return [photo.with_name(n) for n in dict.fromkeys(names)]


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
        if not candidate.is_file():
            continue
        try:
            data = json.loads(candidate.read_text(encoding="utf-8"))
        except (OSError, ValueError):
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
