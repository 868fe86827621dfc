"""Render the app icon (SVG) to the PNG/ICO/ICNS files the platforms want. Run once after editing the SVG."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "pictopy_desktop" / "resources" / "icons"


def main() -> None:
    QGuiApplication(sys.argv)  # painting needs an application object
    renderer = QSvgRenderer(str(ICONS / "pictopy.svg"))
    img = QImage(512, 512, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    painter = QPainter(img)
    renderer.render(painter)
    painter.end()
    img.save(str(ICONS / "pictopy-512.png"))
    big = Image.open(ICONS / "pictopy-512.png")
    big.resize((256, 256), Image.Resampling.LANCZOS).save(ICONS / "pictopy.png")
    big.save(
        ICONS / "pictopy.ico",
        sizes=[(16, 16), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)],
    )
    big.save(ICONS / "pictopy.icns")
    (ICONS / "pictopy-512.png").unlink()


if __name__ == "__main__":
    main()
