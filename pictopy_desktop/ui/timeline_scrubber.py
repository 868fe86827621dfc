"""The timeline scrubber beside the grid: years along the track, the month under the pointer, drag to jump.

Google Photos' date scrubber: the track stands for the whole timeline top to bottom;
each year is written where its photos begin, months are small ticks, and the month
under the pointer shows in a bubble. Pressing or dragging on the track scrolls the
grid to that point at once. Reads positions from the view's ``TimelineLayout``.
"""

from __future__ import annotations

from pictopy_desktop.ui.qt import (
    QColor,
    QFont,
    QPainter,
    QPen,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QWidget,
)
from pictopy_desktop.ui.timeline_view import TimelineView
from pictopy_desktop.ui.translations import translate

WIDTH = 64
MARGIN = 8  # pixels free above and below the track


class TimelineScrubber(QWidget):
    """A vertical track standing for the view's content; years labelled, drag to scroll."""

    def __init__(self, view: TimelineView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineScrubber")
        self.view = view
        self.setFixedWidth(WIDTH)
        self.setMouseTracking(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(translate("pictopy", "Drag to jump through the years"))
        self.setAccessibleName(translate("pictopy", "Timeline scrubber"))
        self._hover_y: float | None = None
        self._dragging = False
        view.layout_changed.connect(self.update)
        view.verticalScrollBar().valueChanged.connect(self.update)
        view.verticalScrollBar().rangeChanged.connect(lambda *_: self.update())

    def sizeHint(self) -> QSize:
        return QSize(WIDTH, 200)

    # ------------------------------------------------------------ mapping

    def _track(self) -> tuple[float, float]:
        return MARGIN, max(1.0, self.height() - 2 * MARGIN)

    def y_of(self, content_y: float) -> float:
        """Where content height ``content_y`` sits on the track."""
        top, length = self._track()
        total = max(1, self.view.timeline.height)
        return top + length * min(1.0, max(0.0, content_y / total))

    def content_at(self, y: float) -> int:
        """The content height the track point ``y`` stands for."""
        top, length = self._track()
        frac = min(1.0, max(0.0, (y - top) / length))
        return int(frac * self.view.timeline.height)

    def label_at(self, y: float) -> str:
        """The month (or "" for an ungrouped list) at track point ``y``."""
        timeline = self.view.timeline
        k = timeline.section_at(self.content_at(y))
        if k < 0:
            return ""
        return timeline.sections[k].spec.label

    def jump_to(self, y: float) -> None:
        """Scroll the grid so the content at track point ``y`` is at the top."""
        self.view.scroll_to_content(self.content_at(y))

    # ------------------------------------------------------------ painting

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(palette.ColorRole.Text)
        faint = palette.color(palette.ColorRole.PlaceholderText)
        accent = palette.color(palette.ColorRole.Highlight)
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        painter.setFont(font)
        fm = painter.fontMetrics()
        right = self.width() - 6
        last_label_y = -1e9
        for content_y, _label, year_starts in self.view.timeline.markers():
            y = self.y_of(content_y)
            if year_starts and y - last_label_y >= fm.height():
                painter.setPen(text)
                year = self.view.timeline.sections[
                    self.view.timeline.section_at(content_y)
                ].spec.year
                painter.drawText(
                    QRectF(0, y - fm.height() / 2, right - 8, fm.height()),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    year or "?",
                )
                last_label_y = y
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(faint)
            painter.drawEllipse(QPointF(right - 2, y), 1.5, 1.5)
        # Where the window is now: a bar over the part of the track on screen.
        bar = self.view.verticalScrollBar()
        top = self.y_of(bar.value())
        bottom = self.y_of(bar.value() + self.view.viewport().height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawRoundedRect(QRectF(right - 4, top, 4, max(6.0, bottom - top)), 2, 2)
        if self._hover_y is not None:
            self._paint_bubble(painter, self._hover_y, accent)
        painter.end()

    def _paint_bubble(self, painter: QPainter, y: float, accent: QColor) -> None:
        label = self.label_at(y)
        painter.setPen(QPen(accent, 2))
        painter.drawLine(QPointF(0, y), QPointF(self.width(), y))
        if not label:
            return
        month, _, year = label.partition(" ")
        text = f"{month[:3]} {year}" if year else month
        fm = painter.fontMetrics()
        w, h = fm.horizontalAdvance(text) + 12, fm.height() + 6
        box = QRectF(max(0.0, self.width() - w - 2), max(0.0, y - h - 2), w, h)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawRoundedRect(box, h / 2, h / 2)
        painter.setPen(self.palette().color(self.palette().ColorRole.HighlightedText))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    # ------------------------------------------------------------ mouse

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._dragging = True
            self.jump_to(event.position().y())

    def mouseMoveEvent(self, event) -> None:
        self._hover_y = event.position().y()
        if self._dragging:
            self.jump_to(self._hover_y)
        label = self.label_at(self._hover_y)
        self.setToolTip(label or translate("pictopy", "Drag to jump through the photos"))
        self.update()

    def mouseReleaseEvent(self, event) -> None:
        self._dragging = False

    def leaveEvent(self, event) -> None:
        self._hover_y = None
        self.update()
        super().leaveEvent(event)

    def wheelEvent(self, event) -> None:
        self.view.wheelEvent(event)
