"""User settings, persisted as JSON in the data dir.

Unknown keys in the file are kept (a newer version may have written them), and a
corrupt file is set aside rather than crashing the app.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from pictopy_desktop import paths

log = logging.getLogger(__name__)


@dataclass
class Settings:
    models_dir: str | None = None
    model_set: str = "default"
    # role -> user-chosen model file ("object_detector", "face_detector", "face_embedder")
    model_files: dict[str, str] = field(default_factory=dict)
    # role -> threshold overrides, e.g. {"object_detector": {"confidence": 0.5}}
    thresholds: dict[str, dict[str, float]] = field(default_factory=dict)
    recluster_every_photos: int = 5
    # Days a photo whose file is confirmed gone keeps its names, albums and favourites
    # (so it gets them back if it returns) before it leaves the library.
    keep_missing_days: int = 30
    # Decoded thumbnails and face crops kept in memory: 64 MB holds about 200 tiles of
    # 320 px, several screens of the grid; the disk cache answers the rest in milliseconds.
    thumbnail_cache_mb: int = 64
    # A photo another program rated 5 stars arrives as a favourite.
    five_stars_favourite: bool = True
    # Names, keywords, ratings and rotations are written to .xmp sidecars (never into photos).
    write_xmp_sidecars: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def load_settings(path: Path | None = None) -> Settings:
    """Read settings; a missing file gives defaults, a corrupt one is renamed aside."""
    path = path or paths.settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("settings file does not hold a JSON object")
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        log.warning("Settings file %s is unreadable (%s); using defaults", path, exc)
        try:
            path.replace(path.with_suffix(".corrupt.json"))
        except OSError:
            pass
        return Settings()
    known = {f.name for f in fields(Settings)}
    settings = Settings(**{k: v for k, v in raw.items() if k in known and k != "extra"})
    settings.extra = {k: v for k, v in raw.items() if k not in known}
    return settings


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write settings atomically (temp file + rename) so a crash never truncates them."""
    # Imported here: export_file pulls in the image decoders (numpy, Pillow), a quarter of a
    # second that the start path, which only loads settings, should not pay.
    from pictopy_desktop.library.export_file import replace_file_atomically

    path = path or paths.settings_path()
    data = asdict(settings)
    extra = data.pop("extra")
    data.update(extra)
    # A temp file of its own per writer: two saves at once (two windows, the CLI) never
    # rename each other's half-written file; the last complete one wins.
    replace_file_atomically(path, json.dumps(data, indent=2, sort_keys=True).encode("utf-8"))
