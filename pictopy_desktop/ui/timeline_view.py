"""A photo grid whose month and year headers span the whole width and start a new row.

``QListView`` in icon mode flows headers in among the tiles ("April 2013" mid-row), so
this is an item view of its own over the same model: the geometry is ``TimelineLayout``
(arithmetic per section, nothing per photo), painting asks only for the rows on screen,
and selection, keyboard moves, drag and tooltips come from ``QAbstractItemView``.
The model supplies ``sections()`` (a list of ``SectionSpec``); tiles are painted by the
view's item delegate, headers by the view.
"""

from __future__ import annotations

from pictopy_desktop.ui.qt import (
    QAbstractItemView,
    QFont,
    QFrame,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPainter,
    QPoint,
    QRect,
    QRectF,
    QRegion,
    QRubberBand,
    QSize,
    QStyle,
    QStyleOptionViewItem,
    Qt,
    QWidget,
    Signal,
)
from pictopy_desktop.ui.timeline_layout import (
    HEADER_HEIGHT,
    JustifiedLayout,
    SectionSpec,
    TimelineLayout,
)
from pictopy_desktop.ui.translations import month_name, n_, translate

MIN_TILE, MAX_TILE, TILE_STEP = 96, 360, 24


class TimelineView(QAbstractItemView):
    """Tiles in rows, a full-width header before each month; ``tile_size_changed`` on Ctrl+wheel."""

    tile_size_changed = Signal(int)
    layout_changed = Signal()  # the content height or the sections moved (the scrubber redraws)

    def __init__(self, parent: QWidget | None = None, tile: int = 168) -> None:
        super().__init__(parent)
        self.target_tile = tile
        self.timeline = TimelineLayout([], 1, tile)
        self._hover = QModelIndex()
        self._band_origin: QPoint | None = None  # content point where a rubber band began
        self._band = QRubberBand(QRubberBand.Shape.Rectangle, self.viewport())
        self.setMouseTracking(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalScrollBar().setSingleStep(40)

    # ------------------------------------------------------------ model and layout

    def setModel(self, model) -> None:
        old = self.model()
        if old is not None:
            for signal in (old.modelReset, old.layoutChanged, old.rowsInserted, old.rowsRemoved):
                try:
                    signal.disconnect(self.relayout)
                except (RuntimeError, TypeError):
                    pass
        super().setModel(model)
        for signal in (
            model.modelReset,
            model.layoutChanged,
            model.rowsInserted,
            model.rowsRemoved,
        ):
            signal.connect(self.relayout)
        self.relayout()

    def sections(self) -> list[SectionSpec]:
        model = self.model()
        if model is None:
            return []
        if hasattr(model, "sections"):
            return model.sections()
        return [SectionSpec(None, model.rowCount())]

    def relayout(self) -> None:
        """Lay the sections out again for the current width and tile size."""
        model = self.model()
        aspects = model.aspects() if model is not None and hasattr(model, "aspects") else None
        if aspects is not None:
            self.timeline = JustifiedLayout(
                self.sections(), self._content_width(), self.target_tile, aspects
            )
        else:
            self.timeline = TimelineLayout(self.sections(), self._content_width(), self.target_tile)
        self.updateGeometries()
        self.viewport().update()
        self.layout_changed.emit()

    def _content_width(self) -> int:
        return max(1, self.viewport().width() - 2)

    def set_tile_size(self, tile: int) -> None:
        """The preferred tile size; tiles stretch a little so the columns fill the width."""
        tile = max(MIN_TILE, min(MAX_TILE, int(tile)))
        if tile == self.target_tile and self.timeline.width == self._content_width():
            return
        # Keep the photo at the top of the window in view while the tiles change size.
        anchor = self.indexAt(QPoint(self.timeline.cell // 2, self.timeline.cell // 2))
        changed = tile != self.target_tile
        self.target_tile = tile
        self.relayout()
        if anchor.isValid():
            self.scrollTo(anchor, QAbstractItemView.ScrollHint.PositionAtTop)
        if changed:
            self.tile_size_changed.emit(tile)

    @property
    def cell(self) -> int:
        """The side of one tile now, in pixels."""
        return self.timeline.cell

    def updateGeometries(self) -> None:
        bar = self.verticalScrollBar()
        page = self.viewport().height()
        bar.setRange(0, max(0, self.timeline.height - page))
        bar.setPageStep(page)
        bar.setSingleStep(max(20, self.timeline.cell // 3))
        super().updateGeometries()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._content_width() != self.timeline.width:
            top = self.indexAt(QPoint(self.timeline.cell // 2, self.timeline.cell // 2))
            self.relayout()
            if top.isValid():
                self.scrollTo(top, QAbstractItemView.ScrollHint.PositionAtTop)
        else:
            self.updateGeometries()

    # ------------------------------------------------------------ QAbstractItemView geometry

    def horizontalOffset(self) -> int:
        return 0

    def verticalOffset(self) -> int:
        return self.verticalScrollBar().value()

    def isIndexHidden(self, index: QModelIndex) -> bool:
        return False

    def visualRect(self, index: QModelIndex) -> QRect:
        if not index.isValid():
            return QRect()
        r = self.timeline.rect(index.row())
        if r is None:
            return QRect()
        return QRect(r.x, r.y - self.verticalOffset(), r.w, r.h)

    def indexAt(self, point: QPoint) -> QModelIndex:
        model = self.model()
        if model is None:
            return QModelIndex()
        row = self.timeline.row_at(point.x(), point.y() + self.verticalOffset())
        return model.index(row, 0) if row is not None else QModelIndex()

    def scrollTo(self, index: QModelIndex, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        r = self.timeline.rect(index.row()) if index.isValid() else None
        if r is None:
            return
        bar = self.verticalScrollBar()
        top, page = bar.value(), self.viewport().height()
        k = self.timeline.section_of_row(index.row())
        section = self.timeline.sections[k]
        # The first row of a month brings its header into view too.
        y = section.top if r.y - section.photos_top < self.timeline.cell else r.y
        if hint == QAbstractItemView.ScrollHint.PositionAtTop:
            bar.setValue(r.y)
        elif hint == QAbstractItemView.ScrollHint.PositionAtBottom:
            bar.setValue(r.y + r.h - page)
        elif hint == QAbstractItemView.ScrollHint.PositionAtCenter:
            bar.setValue(r.y + r.h // 2 - page // 2)
        elif y < top:
            bar.setValue(y)
        elif r.y + r.h > top + page:
            bar.setValue(r.y + r.h - page)
        self.viewport().update()

    def scroll_to_content(self, y: int) -> None:
        """Show the content at height ``y`` at the top of the window (the scrubber's jump)."""
        self.verticalScrollBar().setValue(int(y))

    def moveCursor(self, action, modifiers) -> QModelIndex:
        model = self.model()
        current = self.currentIndex()
        if not current.isValid() or self._is_header(current.row()):
            first = self._first_photo()
            return model.index(first, 0) if first is not None else QModelIndex()
        row = current.row()
        A = QAbstractItemView.CursorAction
        target: int | None = row
        if action in (A.MoveRight, A.MoveNext):
            target = self._step(row, 1)
        elif action in (A.MoveLeft, A.MovePrevious):
            target = self._step(row, -1)
        elif action == A.MoveDown:
            target = self.timeline.row_below(row, 1)
        elif action == A.MoveUp:
            target = self.timeline.row_below(row, -1)
        elif action in (A.MovePageDown, A.MovePageUp):
            rows = max(1, self.viewport().height() // self.timeline.cell)
            down = action == A.MovePageDown
            target = self.timeline.row_below(row, rows if down else -rows)
            if target is None:
                target = self._last_photo() if down else self._first_photo()
        elif action == A.MoveHome:
            target = self._first_photo()
        elif action == A.MoveEnd:
            target = self._last_photo()
        if target is None:
            target = row
        return model.index(target, 0)

    def _is_header(self, row: int) -> bool:
        k = self.timeline.section_of_row(row)
        return k >= 0 and self.timeline.sections[k].spec.header_row == row

    def _step(self, row: int, delta: int) -> int | None:
        n = self.model().rowCount()
        row += delta
        while 0 <= row < n:
            if not self._is_header(row):
                return row
            row += delta
        return None

    def _first_photo(self) -> int | None:
        return self._step(-1, 1)

    def _last_photo(self) -> int | None:
        return self._step(self.model().rowCount(), -1)

    def setSelection(self, rect: QRect, command) -> None:
        model = self.model()
        off = self.verticalOffset()
        selection = QItemSelection()
        for first, last in self.timeline.photo_ranges_in(
            rect.left(), rect.top() + off, rect.right(), rect.bottom() + off
        ):
            selection.select(model.index(first, 0), model.index(last, 0))
        self.selectionModel().select(selection, command)

    def visualRegionForSelection(self, selection) -> QRegion:
        region = QRegion()
        page = self.viewport().rect()
        for rng in selection:
            for row in range(rng.top(), rng.bottom() + 1):
                rect = self.visualRect(self.model().index(row, 0))
                if rect.intersects(page):
                    region += rect
                elif rect.top() > page.bottom():
                    break
        return region

    # ------------------------------------------------------------ painting

    def paintEvent(self, event) -> None:
        model = self.model()
        if model is None:
            return
        painter = QPainter(self.viewport())
        off = self.verticalOffset()
        area = event.rect()
        selection = self.selectionModel()
        current = self.currentIndex()
        delegate = self.itemDelegate()
        focused = self.hasFocus()
        for row in self.timeline.rows_between(area.top() + off, area.bottom() + 1 + off):
            index = model.index(row, 0)
            rect = self.visualRect(index)
            if self._is_header(row):
                self.paint_header(painter, rect, row)
                continue
            option = QStyleOptionViewItem()
            self.initViewItemOption(option)
            option.rect = rect
            option.state |= QStyle.StateFlag.State_Enabled
            if selection is not None and selection.isSelected(index):
                option.state |= QStyle.StateFlag.State_Selected
            if index == self._hover:
                option.state |= QStyle.StateFlag.State_MouseOver
            if focused and index == current:
                option.state |= QStyle.StateFlag.State_HasFocus
            delegate.paint(painter, option, index)
        painter.end()

    def paint_header(self, painter: QPainter, rect: QRect, row: int) -> None:
        """A month's title ("April · 12 photos"), under its year ("2013") where a year begins."""
        k = self.timeline.section_of_row(row)
        section = self.timeline.sections[k]
        spec = section.spec
        palette = self.palette()
        painter.save()
        font = QFont(self.font())
        y = rect.top()
        if section.year_starts:
            font.setPointSizeF(font.pointSizeF() * 2.0)
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(palette.color(palette.ColorRole.Text))
            year_rect = QRectF(rect.left() + 8, y + 12, rect.width() - 16, rect.height() - 12)
            painter.drawText(
                year_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, spec.year or "?"
            )
            y += rect.height() - HEADER_HEIGHT
        month, _, _year = spec.label.partition(" ")
        text_rect = QRectF(rect.left() + 8, y, rect.width() - 16, rect.bottom() - y)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(palette.color(palette.ColorRole.Text))
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        try:
            title = month_name(int(spec.key[5:7])) if spec.key else ""
        except ValueError:  # not "YYYY-MM": the label the query gave
            title = month
        title = title or translate("pictopy", "Unknown date")
        painter.drawText(text_rect, flags, title)
        width = painter.fontMetrics().horizontalAdvance(title)
        font.setBold(False)
        font.setPointSizeF(self.font().pointSizeF())
        painter.setFont(font)
        painter.setPen(palette.color(palette.ColorRole.PlaceholderText))
        if spec.counted:
            painter.drawText(
                text_rect.adjusted(width + 12, 0, 0, 0), flags, n_("%Ln photo(s)", spec.count)
            )
        painter.restore()

    # ------------------------------------------------------------ mouse

    def mousePressEvent(self, event) -> None:
        super().mousePressEvent(event)
        pos = event.position().toPoint()
        if event.button() == Qt.MouseButton.LeftButton and not self.indexAt(pos).isValid():
            self._band_origin = QPoint(pos.x(), pos.y() + self.verticalOffset())
        else:
            self._band_origin = None

    def mouseMoveEvent(self, event) -> None:
        pos = event.position().toPoint()
        hover = self.indexAt(pos)
        if hover != self._hover:
            old, self._hover = self._hover, hover
            for index in (old, hover):
                if index.isValid():
                    self.viewport().update(self.visualRect(index))
        super().mouseMoveEvent(event)
        if self._band_origin is not None and event.buttons() & Qt.MouseButton.LeftButton:
            origin = QPoint(self._band_origin.x(), self._band_origin.y() - self.verticalOffset())
            self._band.setGeometry(QRect(origin, pos).normalized())
            self._band.show()

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        self._band_origin = None
        self._band.hide()

    def leaveEvent(self, event) -> None:
        if self._hover.isValid():
            self.viewport().update(self.visualRect(self._hover))
        self._hover = QModelIndex()
        super().leaveEvent(event)

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.set_tile_size(self.target_tile + round(steps * TILE_STEP))
            event.accept()
            return
        super().wheelEvent(event)

    def select_rows(self, rows: list[int]) -> None:
        """Add these model rows to the selection."""
        model, sel = self.model(), self.selectionModel()
        for row in rows:
            sel.select(model.index(row, 0), QItemSelectionModel.SelectionFlag.Select)

    def sizeHint(self) -> QSize:
        return QSize(800, 600)
