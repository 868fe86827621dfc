"""Icons (SVG shipped in ``resources/icons``), drawn in the theme's icon colour by default."""

from __future__ import annotations

from functools import lru_cache

from pictopy_desktop import paths
from pictopy_desktop.ui import theme
from pictopy_desktop.ui.qt import QColor, QIcon, QPainter, QPixmap, QSvgRenderer, Qt

ICONS_DIR = paths.resources_dir() / "icons"


@lru_cache(maxsize=128)
def icon_pixmap(name: str, size: int = 24, color: str | None = None) -> QPixmap:
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    path = ICONS_DIR / f"{name}.svg"
    if path.exists():
        data = path.read_text(encoding="utf-8")
        if color:
            data = data.replace("currentColor", color)
        renderer = QSvgRenderer(data.encode())
        painter = QPainter(pm)
        renderer.render(painter)
        painter.end()
    return pm


def icon(name: str, color: str | None = None) -> QIcon:
    """A shipped icon in ``color`` (default: the current theme's icon colour)."""
    return QIcon(icon_pixmap(name, 48, color or theme.current().icon))


_ = QColor
