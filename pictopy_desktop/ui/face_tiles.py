"""Square tiles framed around faces: the Qt side of ``library.face_framing``.

The grid, a person's page and Duplicates cut their square tiles out of a thumbnail
through ``square_source``; on a person's page only that person's face counts, so a
group photo on Alice's page shows Alice.
"""

from __future__ import annotations

from collections.abc import Sequence

from pictopy_desktop.library.face_framing import face_aware_square
from pictopy_desktop.library.read_model import FaceBox
from pictopy_desktop.ui.qt import QFont, QPainter, QPainterPath, QPixmap, QRect, QRectF, QSize, Qt


def square_source(
    width: int, height: int, faces: Sequence[FaceBox] = (), person_id: int | None = None
) -> QRect:
    """The square of a ``width`` x ``height`` picture to show as a tile.

    ``faces`` are boxes as fractions of the picture; with ``person_id`` only that
    person's faces are framed (all faces when none of them is that person's).
    """
    chosen = [f for f in faces if person_id is not None and f[0] == person_id] or list(faces)
    boxes = [(x1 * width, y1 * height, x2 * width, y2 * height) for _, x1, y1, x2, y2 in chosen]
    return QRect(*face_aware_square(width, height, boxes))


def square_pixmap(
    pm: QPixmap, side: int, faces: Sequence[FaceBox] = (), person_id: int | None = None
) -> QPixmap:
    """``pm`` cut to the square around its faces and scaled to ``side`` pixels."""
    crop = pm.copy(square_source(pm.width(), pm.height(), faces, person_id))
    return crop.scaled(
        QSize(side, side),
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


def paint_round_face(painter: QPainter, rect: QRect, pm, palette, placeholder: str = "") -> None:
    """A face crop in a circle, or a grey disc with ``placeholder`` (an initial) while it loads."""
    path = QPainterPath()
    path.addEllipse(QRectF(rect))
    painter.save()
    painter.setClipPath(path)
    if isinstance(pm, QPixmap) and not pm.isNull():
        painter.drawPixmap(rect, pm)
    else:
        painter.fillRect(rect, palette.color(palette.ColorRole.AlternateBase))
        if placeholder:
            font = QFont(painter.font())
            font.setPointSizeF(font.pointSizeF() * max(1.0, rect.height() / 52))
            painter.setFont(font)
            painter.setPen(palette.color(palette.ColorRole.PlaceholderText))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, placeholder)
    painter.restore()


def round_face_pixmap(pm: QPixmap | None, side: int, palette, placeholder: str = "") -> QPixmap:
    """A ``side``-pixel round face for labels and buttons (transparent around the circle)."""
    out = QPixmap(side, side)
    out.fill(Qt.GlobalColor.transparent)
    painter = QPainter(out)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    paint_round_face(painter, QRect(0, 0, side, side), pm, palette, placeholder)
    painter.end()
    return out
