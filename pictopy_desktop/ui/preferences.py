"""Small view preferences remembered between runs (thumbnail size, slideshow interval).

Kept with the window's geometry in ``<data dir>/ui.ini`` through QSettings: Qt shares one
cache per file inside the process, so every page reading a key sees the latest value.
"""

from __future__ import annotations

from pictopy_desktop.ui.context import AppContext
from pictopy_desktop.ui.qt import QSettings

TILE_SIZE = "gallery/tile_size"
JUSTIFIED = "gallery/justified"  # 1: rows keep each photo's shape; 0: square tiles
SLIDESHOW_SECONDS = "viewer/slideshow_seconds"
DEFAULT_TILE = 168
DEFAULT_SLIDESHOW_SECONDS = 4
SLIDESHOW_CHOICES = (2, 4, 7, 10, 20)


def ui_settings(ctx: AppContext) -> QSettings:
    """The app's view settings file (the one ``MainWindow`` keeps its geometry in)."""
    return QSettings(str(ctx.library.data_dir / "ui.ini"), QSettings.Format.IniFormat)


def read_int(ctx: AppContext, key: str, default: int, low: int, high: int) -> int:
    """An integer setting, ``default`` when missing or not a number, clamped to [low, high]."""
    try:
        value = int(ui_settings(ctx).value(key, default))
    except (TypeError, ValueError):
        value = default
    return max(low, min(high, value))


def write_int(ctx: AppContext, key: str, value: int) -> None:
    settings = ui_settings(ctx)
    settings.setValue(key, int(value))
    settings.sync()
