"""Icons (SVG shipped in ``resources/icons``) and the style sheet."""

from __future__ import annotations

from functools import lru_cache

from pictopy_desktop import paths
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


def icon(name: str, color: str = "#5f6368") -> QIcon:
    return QIcon(icon_pixmap(name, 48, color))


def style_sheet() -> str:
    path = paths.resources_dir() / "style.qss"
    return path.read_text(encoding="utf-8") if path.exists() else ""


_ = QColor
