"""Labels painted on grid tiles: small white-on-dark pills ("offline", "RAW")."""

from __future__ import annotations

from pictopy_desktop.ui.qt import QColor, QFont, QPainter, QRect, QRectF, Qt


def paint_pill(painter: QPainter, rect: QRect, text: str) -> None:
    """A small white-on-dark label in the top-right corner of a tile ("offline", "RAW")."""
    painter.save()
    font = QFont(painter.font())
    font.setBold(True)
    font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
    painter.setFont(font)
    fm = painter.fontMetrics()
    h = fm.height() + 4
    pill = QRectF(
        rect.right() - fm.horizontalAdvance(text) - 20,
        rect.top() + 6,
        fm.horizontalAdvance(text) + 14,
        h,
    )
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(0, 0, 0, 170))
    painter.drawRoundedRect(pill, h / 2, h / 2)
    painter.setPen(QColor("white"))
    painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()
