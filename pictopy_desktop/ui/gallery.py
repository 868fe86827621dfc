"""The photo grid: a timeline of month sections over a paged model, thumbnails loaded lazily.

``GalleryModel`` loads only the ordered photo ids (one compact array) and the month
groups when a gallery opens, in two steps when it opens empty: the first ``PAGE_SIZE``
photos with their rows (``read_model.gallery_head``: a few ms of SQL, so a million
photos or a search with 100,000 results paints its first screen at once), then the
whole gallery, whose rows are appended after them. The rows' details come in pages of
``PAGE_SIZE`` by primary key when the view first asks for them, and thumbnails through
the shared ``ImageLoader``. ``GalleryView`` (a ``TimelineView``) lays the rows out: each month's
header spans the width and starts a new row (it cannot be selected); a tile is painted
by ``GalleryDelegate``: no widget per photo. ``GalleryPage`` adds the title, the
thumbnail size slider, the "Keep shapes" (justified rows) switch and the scrubber.
"""

from __future__ import annotations

import bisect
import json
import logging
import threading
from array import array
from collections import OrderedDict

from pictopy_desktop.library import read_model as bq
from pictopy_desktop.library.file_names import display_path
from pictopy_desktop.library.rotation import display_aspects, rotate_box
from pictopy_desktop.ui import photo_actions
from pictopy_desktop.ui.context import AppContext, thumbnail_key
from pictopy_desktop.ui.face_tiles import square_source
from pictopy_desktop.ui.links import format_duration, local_file_url
from pictopy_desktop.ui.preferences import (
    DEFAULT_TILE,
    JUSTIFIED,
    TILE_SIZE,
    read_int,
    write_int,
)
from pictopy_desktop.ui.qt import (
    QAbstractItemView,
    QAbstractListModel,
    QColor,
    QFont,
    QHBoxLayout,
    QItemSelectionModel,
    QLabel,
    QMimeData,
    QModelIndex,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPointF,
    QRect,
    QRectF,
    QSize,
    QSlider,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QTimer,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from pictopy_desktop.ui.tile_badges import paint_pill
from pictopy_desktop.ui.timeline_layout import SectionSpec
from pictopy_desktop.ui.timeline_scrubber import TimelineScrubber
from pictopy_desktop.ui.timeline_view import MAX_TILE, MIN_TILE, TILE_STEP, TimelineView
from pictopy_desktop.ui.translations import n_, translate

log = logging.getLogger(__name__)

PAGE_SIZE = 300
MAX_PAGES = 12  # pages of rows a gallery keeps: 3,600 photos around the one in view
# The first page of a gallery just opened goes before thumbnails and reads already waiting.
HEAD_PRIORITY = 1
ROWS_BY_THUMB_MAX = 4096  # far more than a screen of tiles plus the loader's queue
IMAGE_IDS_MIME = "application/x-pictopy-image-ids"

ImageIdRole = Qt.ItemDataRole.UserRole + 1
IsHeaderRole = Qt.ItemDataRole.UserRole + 2
RowRole = Qt.ItemDataRole.UserRole + 3
HeaderCountRole = Qt.ItemDataRole.UserRole + 4
PathRole = Qt.ItemDataRole.UserRole + 5


class GalleryModel(QAbstractListModel):
    """Rows of one gallery (a ``GalleryFilter``): month headers and photos, newest first."""

    loaded = Signal(int)  # number of photos, after each (re)load
    head_loaded = Signal(int)  # the first photos are shown, the whole gallery is still read
    page_loaded = Signal(int)

    def __init__(
        self, ctx: AppContext, gallery_filter: bq.GalleryFilter | None = None, grouped: bool = True
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.filter = gallery_filter or bq.GalleryFilter()
        self.grouped = grouped
        self._ids: array = array("q")
        self._labels: list[tuple[str, int]] = []  # (label, photo count) per header
        self._keys: list[str] = []  # "YYYY-MM" per header
        self._header_rows: list[int] = []  # model row of each header
        self._group_first: list[int] = []  # photo index of each group's first photo
        self._pages: dict[int, dict[int, bq.GalleryRow]] = {}
        self._pending_pages: set[int] = set()
        self._generation = 0
        self._reloading = False
        self._reload_again = False
        self._read_started = threading.Event()  # set once the read in flight has begun
        self._reading: tuple[bq.GalleryFilter, bool] | None = None  # what it reads
        self.is_loaded = False
        self._showing_head = False  # the rows are the gallery's first photos only, for now
        self.justified = False  # rows that keep each photo's shape (needs the aspect ratios)
        self._aspects: array | None = None  # width / height of each photo, when justified
        ctx.images.loaded.connect(self._image_loaded)
        # Which row waits for which thumbnail, newest last; bounded like the image cache, so
        # scrolling through 100,000 photos does not keep an entry for each.
        self._rows_by_thumb: OrderedDict[str, int] = OrderedDict()

    # ------------------------------------------------------------------ loading

    def set_filter(self, gallery_filter: bq.GalleryFilter) -> None:
        # The same gallery again (a search's debounce after Enter): shown, or its read is on the way.
        if gallery_filter == self.filter and (self.is_loaded or self._reloading):
            return
        self.filter = gallery_filter
        self.is_loaded = False
        self._showing_head = False
        # A read of the gallery shown before may still be on its way: it is let go, and this
        # one starts now rather than after it (its rows would show under the new title).
        self._generation += 1
        self._reloading = self._reload_again = False
        self.beginResetModel()
        self._set_data(array("q"), [])
        self.endResetModel()
        self.reload()

    def reload(self) -> None:
        """Re-read the gallery in a worker; the view keeps showing the old rows meanwhile.

        A reload asked for while the same read waits to start is that read: it will see
        whatever changed (opening a page used to read it twice, a second at a million photos).
        """
        if self._reloading:
            if not self._read_started.is_set() and self._reading == (self.filter, self.justified):
                return
            self._reload_again = True
            return
        self._reloading = True
        self._generation += 1
        generation, f = self._generation, self.filter

        justified = self.justified
        started = self._read_started = threading.Event()
        self._reading = (f, justified)

        def op():
            started.set()  # from here on, a change may come after the read's snapshot
            ids, groups = bq.gallery_index(f)
            aspects = display_aspects(ids) if justified else None
            return ids, groups if self.grouped else [], aspects

        def read_all() -> None:
            self.ctx.read(
                op,
                lambda result: self._reloaded(generation, *result),
                context=self,
                on_failure=lambda exc: self._reload_failed(generation, exc),
            )

        if self.rowCount():
            read_all()  # the old rows stay until the new ones are in: no shrinking meanwhile
            return

        def head_op():
            started.set()
            ids, groups = bq.gallery_head(f, PAGE_SIZE)
            aspects = display_aspects(ids) if justified else None
            return ids, groups if self.grouped else [], aspects, bq.rows_by_id(ids)

        def head_arrived(result) -> None:
            self._head_arrived(generation, *result)
            if generation == self._generation:
                read_all()

        self.ctx.read(
            head_op,
            head_arrived,
            context=self,
            on_failure=lambda exc: self._reload_failed(generation, exc),
            priority=HEAD_PRIORITY,
        )

    def _head_arrived(
        self,
        generation: int,
        ids: array,
        groups: list[bq.MonthGroup],
        aspects: array | None,
        rows: dict[int, bq.GalleryRow],
    ) -> None:
        """Show the gallery's first photos while the rest is read."""
        if generation != self._generation or not ids:
            return
        self.beginResetModel()
        self._set_data(ids, groups)
        self._aspects = aspects
        self._pages[0] = rows
        self._showing_head = True
        self.endResetModel()
        self.head_loaded.emit(len(ids))

    def _reload_failed(self, generation: int, exc: BaseException) -> None:
        from pictopy_desktop.ui import messages

        if generation != self._generation:
            return  # the read of a gallery no longer shown
        self._reloading = False
        messages.exception(exc, "Could not load the photos")

    def _reloaded(
        self, generation: int, ids: array, groups: list[bq.MonthGroup], aspects: array | None
    ) -> None:
        if generation != self._generation:
            return  # the read of a gallery no longer shown: the one shown has its own
        self._reloading = False
        if not self._extend_head(ids, groups, aspects):
            self.beginResetModel()
            self._set_data(ids, groups)
            self._aspects = aspects
            self.endResetModel()
        self._showing_head = False
        self.is_loaded = True
        self.loaded.emit(len(ids))
        if self._reload_again:
            self._reload_again = False
            self.reload()

    def _extend_head(self, ids: array, groups: list[bq.MonthGroup], aspects: array | None) -> bool:
        """Append the rest of the gallery after the first photos shown; False where they differ.

        The head's photos keep their rows (and the view its scroll position and selection):
        only its last month may gain photos, and later months follow it, all below.
        """
        if not self._showing_head:
            return False
        head, keys, labels = self._ids, self._keys, self._labels
        if ids[: len(head)] != head or bool(self._header_rows) != bool(groups):
            return False
        if len(groups) < len(keys) or any(
            groups[k].key != key or (groups[k].count != labels[k][1] and k < len(keys) - 1)
            for k, key in enumerate(keys)
        ):
            return False
        old_rows = self.rowCount()
        first_page = self._pages.get(0)
        new_rows = len(ids) + (len(groups) if groups else 0)
        if new_rows > old_rows:
            self.beginInsertRows(QModelIndex(), old_rows, new_rows - 1)
        self._set_data(ids, groups)
        self._showing_head = False  # before the view lays the new rows out
        if first_page is not None and len(head) >= min(PAGE_SIZE, len(ids)):
            self._pages[0] = first_page  # else page 0 now holds photos it has no rows for
        self._aspects = aspects
        if new_rows > old_rows:
            self.endInsertRows()
        if keys:  # the head's last month may count more photos now
            header = self.index(self._header_rows[len(keys) - 1])
            self.dataChanged.emit(header, header)
        return True

    def _set_data(self, ids: array, groups: list[bq.MonthGroup]) -> None:
        self._ids = ids
        self._pages = {}
        self._pending_pages = set()
        self._rows_by_thumb = OrderedDict()
        self._labels, self._header_rows, self._group_first, self._keys = [], [], [], []
        if groups and sum(g.count for g in groups) == len(ids):
            first = 0
            for k, g in enumerate(groups):
                self._labels.append((g.label, g.count))
                self._keys.append(g.key)
                self._header_rows.append(first + k)
                self._group_first.append(first)
                first += g.count

    # ------------------------------------------------------------------ mapping

    def photo_count(self) -> int:
        return len(self._ids)

    def set_justified(self, on: bool) -> None:
        """Lay photos in rows that keep their shape (reads their aspect ratios) or in squares."""
        if on != self.justified:
            self.justified = on
            if not on:
                self._aspects = None
                self.layoutChanged.emit()
            elif self.is_loaded or self._reloading:
                self.reload()  # a read in flight without the shapes is followed by one with them

    def aspects(self) -> array | None:
        """Width / height of each photo in display order, when the gallery is justified."""
        if self._aspects is not None and len(self._aspects) == len(self._ids) and self.justified:
            return self._aspects
        return None

    def sections(self) -> list[SectionSpec]:
        """The runs of rows the timeline lays out: one per month, or one without a header."""
        if not self._header_rows:
            return [SectionSpec(None, len(self._ids))] if len(self._ids) else []
        last = len(self._header_rows) - 1
        return [
            # While only the first photos are in, their last month may have more.
            SectionSpec(row, n, key, label, counted=not (self._showing_head and k == last))
            for k, (row, (label, n), key) in enumerate(
                zip(self._header_rows, self._labels, self._keys, strict=True)
            )
        ]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self._ids) + len(self._header_rows)

    def _locate(self, row: int) -> tuple[int, int]:
        """(group k, photo index) of a model row; photo index -1 for a header."""
        if not self._header_rows:
            return -1, row
        k = bisect.bisect_right(self._header_rows, row) - 1
        if row == self._header_rows[k]:
            return k, -1
        return k, row - k - 1

    def photo_index(self, row: int) -> int:
        return self._locate(row)[1]

    def row_of_photo(self, index: int) -> int:
        if not self._header_rows:
            return index
        k = bisect.bisect_right(self._group_first, index) - 1
        return index + k + 1

    def index_of_image(self, image_id: int) -> QModelIndex:
        try:
            i = self._ids.index(image_id)
        except ValueError:
            return QModelIndex()
        return self.index(self.row_of_photo(i))

    def image_id(self, row: int) -> int | None:
        i = self.photo_index(row)
        return self._ids[i] if 0 <= i < len(self._ids) else None

    def image_ids(self) -> list[int]:
        return list(self._ids)

    def gallery_row(self, row: int) -> bq.GalleryRow | None:
        """The loaded details of a model row (None for headers and rows not fetched yet)."""
        i = self.photo_index(row)
        if not 0 <= i < len(self._ids):
            return None
        page = self._pages.get(i // PAGE_SIZE)
        if page is None:
            self._request_page(i // PAGE_SIZE)
            return None
        return page.get(self._ids[i])

    def _request_page(self, page_no: int) -> None:
        if page_no in self._pending_pages or page_no in self._pages:
            return
        self._pending_pages.add(page_no)
        generation = self._generation
        ids = self._ids[page_no * PAGE_SIZE : (page_no + 1) * PAGE_SIZE]
        # Started on the next loop turn: never from inside the view's data()/paint call.
        QTimer.singleShot(
            0,
            self,
            lambda: self.ctx.read(
                lambda: bq.rows_by_id(ids),
                lambda rows: self._page_arrived(generation, page_no, rows),
                context=self,
            ),
        )

    def _page_arrived(self, generation: int, page_no: int, rows: dict[int, bq.GalleryRow]) -> None:
        if generation != self._generation:
            return
        self._pending_pages.discard(page_no)
        self._pages[page_no] = rows
        # Rows far from where the user looks are let go (fetched again if scrolled back to),
        # so a 100,000-photo gallery holds a few thousand rows, not all of them.
        while len(self._pages) > MAX_PAGES:
            del self._pages[max(self._pages, key=lambda p: abs(p - page_no))]
        first = page_no * PAGE_SIZE
        last = min(len(self._ids), first + PAGE_SIZE) - 1
        if last >= first:
            self.dataChanged.emit(
                self.index(self.row_of_photo(first)), self.index(self.row_of_photo(last))
            )
        self.page_loaded.emit(page_no)

    def load_all_pages_now(self) -> None:
        """Synchronously fetch every page (tests and small galleries)."""
        for page_no in range((len(self._ids) + PAGE_SIZE - 1) // PAGE_SIZE):
            if page_no not in self._pages:
                self._page_arrived(
                    self._generation,
                    page_no,
                    bq.rows_by_id(self._ids[page_no * PAGE_SIZE : (page_no + 1) * PAGE_SIZE]),
                )

    def _image_loaded(self, key: str) -> None:
        row = self._rows_by_thumb.get(key)
        if row is not None and row < self.rowCount():
            idx = self.index(row)
            self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DecorationRole])

    # ------------------------------------------------------------------ data

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        k, i = self._locate(index.row())
        if i < 0:
            label, n = self._labels[k]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return label
            if role == IsHeaderRole:
                return True
            if role == HeaderCountRole:  # None while more photos of the month may follow
                return None if self._showing_head and k == len(self._labels) - 1 else n
            return None
        if i >= len(self._ids):
            return None
        if role == IsHeaderRole:
            return False
        if role == ImageIdRole:
            return self._ids[i]
        row = self.gallery_row(index.row())
        if role == RowRole:
            return row
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return display_path(row.name)
        if role == PathRole:
            return row.path
        if role == Qt.ItemDataRole.ToolTipRole:
            size = f"{row.width}×{row.height} · " if row.width else ""
            extra = ""
            if row.is_video:
                extra += f"\nVideo · {format_duration(row.duration_s)}"
            if row.favourite:
                extra += "\nFavourite"
            if row.offline:
                extra += "\nOffline: the drive or folder holding this photo can't be reached"
            return f"{display_path(row.name)}\n{size}{row.date[:16]}{extra}"
        if role == Qt.ItemDataRole.DecorationRole:
            if row.thumbnail:
                key = thumbnail_key(row.thumbnail, row.rotation)
                self._rows_by_thumb[key] = index.row()
                self._rows_by_thumb.move_to_end(key)
                if len(self._rows_by_thumb) > ROWS_BY_THUMB_MAX:
                    self._rows_by_thumb.popitem(last=False)
            return self.ctx.thumbnail(row.thumbnail, row.rotation)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        if index.data(IsHeaderRole):
            return Qt.ItemFlag.ItemIsEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    # ------------------------------------------------------------------ drag

    def mimeTypes(self) -> list[str]:
        return [IMAGE_IDS_MIME, "text/uri-list"]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        ids = [i for i in (idx.data(ImageIdRole) for idx in indexes) if i is not None]
        data = QMimeData()
        data.setData(IMAGE_IDS_MIME, json.dumps(ids).encode())
        # The row objects, not PathRole text: a QVariant string drops bytes of names that are not UTF-8.
        rows = [idx.data(RowRole) for idx in indexes]
        data.setUrls([local_file_url(r.path) for r in rows if r is not None and r.path])
        return data

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction


def image_ids_from_mime(mime: QMimeData) -> list[int]:
    if not mime.hasFormat(IMAGE_IDS_MIME):
        return []
    try:
        return [int(i) for i in json.loads(bytes(mime.data(IMAGE_IDS_MIME)).decode())]
    except (ValueError, TypeError):
        return []


class GalleryDelegate(QStyledItemDelegate):
    """Paints a square thumbnail tile framed around its faces (headers are the view's)."""

    def __init__(self, tile: int = 168, parent=None) -> None:
        super().__init__(parent)
        self.tile = tile

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(self.tile, self.tile)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        rect = option.rect.adjusted(2, 2, -2, -2)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        palette = option.palette
        path = QPainterPath()
        path.addRoundedRect(QRectF(rect), 6, 6)
        painter.setClipPath(path)
        pm = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(pm, QPixmap) and not pm.isNull():
            row = index.data(RowRole)
            f = getattr(index.model(), "filter", None)
            person = f.value if f is not None and f.kind == bq.PERSON else None
            faces = row.faces if row is not None else ()
            if row is not None and row.rotation:  # the thumbnail came turned; so do its faces
                faces = tuple((p, *rotate_box(b, 1.0, 1.0, row.rotation)) for p, *b in faces)
            if abs(rect.width() - rect.height()) <= 2:
                src = square_source(pm.width(), pm.height(), faces, person)
            else:  # a justified tile has the photo's own shape: all of it shows
                src = pm.rect()
            painter.drawPixmap(rect, pm, src)
        else:
            painter.fillRect(rect, palette.color(palette.ColorRole.AlternateBase))
            row = index.data(RowRole)
            painter.setPen(palette.color(palette.ColorRole.PlaceholderText))
            text = "…" if row is None or row.thumbnail else translate("pictopy", "No preview")
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        row = index.data(RowRole)
        if row is not None and row.offline:
            self._paint_offline(painter, rect)
        if row is not None:
            self._paint_badges(painter, rect, row)
        painter.setClipping(False)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            accent = palette.color(palette.ColorRole.Highlight)
            painter.setPen(QPen(accent, 4))
            painter.drawRoundedRect(QRectF(rect).adjusted(2, 2, -2, -2), 5, 5)
            # a check badge
            badge = QRectF(rect.left() + 8, rect.top() + 8, 22, 22)
            painter.setBrush(accent)
            painter.setPen(QPen(QColor("white"), 2))
            painter.drawEllipse(badge)
            painter.drawPolyline([badge.center() + d for d in _CHECK])
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.setPen(QPen(palette.color(palette.ColorRole.Highlight).lighter(130), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(rect).adjusted(1, 1, -1, -1), 6, 6)
        if option.state & QStyle.StateFlag.State_HasFocus and not selected:
            painter.setPen(QPen(palette.color(palette.ColorRole.Highlight), 2, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(rect).adjusted(1, 1, -1, -1), 6, 6)
        painter.restore()

    def _paint_offline(self, painter: QPainter, rect: QRect) -> None:
        """Greyed, with an "offline" pill (top right): the drive holding the photo is not connected."""
        painter.fillRect(rect, QColor(120, 120, 120, 190))
        paint_pill(painter, rect, translate("pictopy", "offline"))

    def _paint_badges(self, painter: QPainter, rect: QRect, row: bq.GalleryRow) -> None:
        """A heart (bottom left) on favourites; a play mark and the duration (bottom right) on
        videos; a "RAW" pill (top right) on camera RAWs and JPEGs with their RAW kept beside them."""
        if row.raw:
            paint_pill(painter, rect, "RAW")
        if row.is_video:
            font = QFont(painter.font())
            font.setBold(True)
            font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
            painter.setFont(font)
            text = format_duration(row.duration_s)
            fm = painter.fontMetrics()
            h = fm.height() + 6
            w = h + (fm.horizontalAdvance(text) + 6 if text else 0)
            pill = QRectF(rect.right() - w - 6, rect.bottom() - h - 6, w, h)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(0, 0, 0, 160))
            painter.drawRoundedRect(pill, h / 2, h / 2)
            tri = QPainterPath()
            cx, cy, r = pill.left() + h / 2 + 1, pill.center().y(), h * 0.24
            tri.moveTo(cx - r * 0.8, cy - r)
            tri.lineTo(cx - r * 0.8, cy + r)
            tri.lineTo(cx + r, cy)
            tri.closeSubpath()
            painter.setBrush(QColor("white"))
            painter.drawPath(tri)
            if text:
                painter.setPen(QColor("white"))
                painter.drawText(
                    pill.adjusted(h - 2, 0, -6, 0),
                    Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                    text,
                )
        if row.favourite:
            size = max(16.0, min(24.0, rect.width() / 7))
            box = QRectF(rect.left() + 8, rect.bottom() - size - 8, size, size)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(0, 0, 0, 90))
            painter.drawPath(heart_path(box.translated(0, 1).adjusted(-1, -1, 1, 1)))
            painter.setBrush(QColor("white"))
            painter.drawPath(heart_path(box))


def heart_path(box: QRectF) -> QPainterPath:
    """A heart filling ``box``."""
    x, y, w, h = box.left(), box.top(), box.width(), box.height()
    path = QPainterPath()
    path.moveTo(x + w / 2, y + h * 0.95)
    path.cubicTo(x + w * 0.05, y + h * 0.62, x - w * 0.02, y + h * 0.2, x + w * 0.27, y + h * 0.1)
    path.cubicTo(x + w * 0.42, y + h * 0.05, x + w * 0.5, y + h * 0.22, x + w / 2, y + h * 0.27)
    path.cubicTo(x + w * 0.5, y + h * 0.22, x + w * 0.58, y + h * 0.05, x + w * 0.73, y + h * 0.1)
    path.cubicTo(x + w * 1.02, y + h * 0.2, x + w * 0.95, y + h * 0.62, x + w / 2, y + h * 0.95)
    path.closeSubpath()
    return path


_CHECK = [QPointF(-5, 0), QPointF(-1.5, 4), QPointF(5, -4)]


class GalleryView(TimelineView):
    """The grid. Enter or double-click opens a photo (``activated``)."""

    open_requested = Signal(int)  # model row
    context_menu_requested = Signal(object)  # QPoint (global)
    favourite_requested = Signal()  # the "." key: heart the selected photos (or take it away)
    rotate_requested = Signal(int)  # "[" / "]": quarter turns of the selected photos
    delete_requested = Signal()  # the Delete key: the selected photos to the system trash

    def __init__(self, parent: QWidget | None = None, tile: int = 168) -> None:
        super().__init__(parent, tile)
        self.setObjectName("gallery")
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # The timeline scrubber beside the grid scrolls it; a scroll bar would only repeat it.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(
            lambda pos: self.context_menu_requested.emit(self.viewport().mapToGlobal(pos))
        )
        self.gallery_delegate = GalleryDelegate(tile, self)
        self.setItemDelegate(self.gallery_delegate)
        self.activated.connect(self._activated)

    def relayout(self) -> None:
        super().relayout()
        self.gallery_delegate.tile = self.cell

    def keyPressEvent(self, event) -> None:
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        key = event.key()
        if key == Qt.Key.Key_Period and plain:
            self.favourite_requested.emit()
        elif key in (Qt.Key.Key_BracketLeft, Qt.Key.Key_BracketRight) and plain:
            self.rotate_requested.emit(-1 if key == Qt.Key.Key_BracketLeft else 1)
        elif key == Qt.Key.Key_Delete and plain:
            self.delete_requested.emit()
        else:
            super().keyPressEvent(event)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid() and not index.data(IsHeaderRole):
            self.open_requested.emit(index.row())

    def selected_image_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.selectionModel().selectedIndexes())
        model = self.model()
        return [i for i in (model.image_id(r) for r in rows) if i is not None]

    def select_image_ids(self, ids: list[int]) -> None:
        model = self.model()
        sel = self.selectionModel()
        for image_id in ids:
            idx = model.index_of_image(image_id)
            if idx.isValid():
                sel.select(idx, QItemSelectionModel.SelectionFlag.Select)


class GalleryPage(QWidget):
    """A titled gallery: the grid, or a short message when it has no photos."""

    open_image = Signal(object, int)  # (GalleryModel, model row)

    def __init__(
        self,
        ctx: AppContext,
        gallery_filter: bq.GalleryFilter | None = None,
        empty_text: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        if empty_text is None:
            empty_text = translate("pictopy", "No photos here yet.")
        self.empty_text = empty_text
        self.model = GalleryModel(ctx, gallery_filter)
        tile = read_int(ctx, TILE_SIZE, DEFAULT_TILE, MIN_TILE, MAX_TILE)
        self.view = GalleryView(self, tile)
        self.view.setModel(self.model)
        self.scrubber = TimelineScrubber(self.view, self)
        self.header = QLabel(self)
        self.header.setObjectName("pageTitle")
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("pageSubtitle")
        self.size_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.size_slider.setObjectName("tileSizeSlider")
        self.size_slider.setRange(MIN_TILE, MAX_TILE)
        self.size_slider.setSingleStep(TILE_STEP)
        self.size_slider.setPageStep(TILE_STEP * 2)
        self.size_slider.setValue(tile)
        self.size_slider.setFixedWidth(140)
        self.size_slider.setToolTip(
            translate("pictopy", "Thumbnail size (Ctrl+wheel over the photos)")
        )
        self.size_slider.setAccessibleName(translate("pictopy", "Thumbnail size"))
        self.size_slider.valueChanged.connect(self.set_tile_size)
        self.justify_button = QToolButton(self)
        self.justify_button.setObjectName("justifyButton")
        self.justify_button.setText(translate("pictopy", "Keep shapes"))
        self.justify_button.setCheckable(True)
        self.justify_button.setToolTip(
            translate(
                "pictopy", "Rows that keep each photo's shape (justified), instead of square tiles"
            )
        )
        justified = read_int(ctx, JUSTIFIED, 0, 0, 1) == 1
        self.justify_button.setChecked(justified)
        self.model.justified = justified
        self.justify_button.toggled.connect(self.set_justified)
        self.view.tile_size_changed.connect(self._tile_size_changed)
        self.view.layout_changed.connect(self._fit_image_cache)
        self.empty = QLabel(empty_text, self)
        self.empty.setObjectName("emptyHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.hide()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.header)
        titles.addWidget(self.subtitle)
        top = QHBoxLayout()
        top.addLayout(titles, 1)
        top.addWidget(self.justify_button, 0, Qt.AlignmentFlag.AlignBottom)
        top.addWidget(self.size_slider, 0, Qt.AlignmentFlag.AlignBottom)
        top.addSpacing(12)
        self.grid = QWidget(self)
        grid = QHBoxLayout(self.grid)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(0)
        grid.addWidget(self.view, 1)
        grid.addWidget(self.scrubber)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addSpacing(6)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.empty, 1)
        self.model.loaded.connect(self._loaded)
        self.model.head_loaded.connect(self._head_loaded)
        self.view.open_requested.connect(lambda row: self.open_image.emit(self.model, row))
        self.view.favourite_requested.connect(self.toggle_favourite_of_selection)
        self.view.rotate_requested.connect(
            lambda turns: photo_actions.rotate_photos(ctx, self.selected_ids(), turns)
        )
        self.view.delete_requested.connect(
            lambda: photo_actions.delete_photos(ctx, self.selected_ids())
        )
        self._saved_scroll: int | None = None
        self._saved_selection: list[int] = []
        self.model.modelAboutToBeReset.connect(self._save_position)
        self.set_title(gallery_filter.title if gallery_filter else translate("pictopy", "Photos"))

    def set_title(self, title: str) -> None:
        self.header.setText(title)

    def set_tile_size(self, tile: int) -> None:
        """Make the thumbnails about ``tile`` pixels (remembered for every gallery)."""
        self.view.set_tile_size(tile)

    def set_justified(self, on: bool) -> None:
        """Justified rows (each photo's shape kept) or square tiles; remembered for every gallery."""
        if self.justify_button.isChecked() != on:
            self.justify_button.setChecked(on)  # comes back here through toggled
            return
        write_int(self.ctx, JUSTIFIED, int(on))
        self.model.set_justified(on)

    def _tile_size_changed(self, tile: int) -> None:
        if self.size_slider.value() != tile:
            self.size_slider.blockSignals(True)
            self.size_slider.setValue(tile)
            self.size_slider.blockSignals(False)
        write_int(self.ctx, TILE_SIZE, tile)

    def showEvent(self, event) -> None:
        # Another gallery may have changed the size since this one was last shown.
        super().showEvent(event)
        tile = read_int(self.ctx, TILE_SIZE, DEFAULT_TILE, MIN_TILE, MAX_TILE)
        if tile != self.view.target_tile:
            self.view.set_tile_size(tile)
        self.set_justified(read_int(self.ctx, JUSTIFIED, 0, 0, 1) == 1)
        self._fit_image_cache()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_image_cache()

    def _fit_image_cache(self) -> None:
        """Let the image cache hold a few screens of this grid's tiles, not a fixed size."""
        if self.view.isVisible():  # an empty gallery's hidden grid has no say
            viewport = self.view.viewport()
            self.ctx.images.fit_to_view(viewport.width(), viewport.height(), self.view.cell)

    def set_filter(self, gallery_filter: bq.GalleryFilter, title: str | None = None) -> None:
        self.set_title(title or gallery_filter.title)
        self.subtitle.setText("")
        self.model.set_filter(gallery_filter)

    def refresh(self) -> None:
        self.model.reload()

    def selected_rows(self) -> list[bq.GalleryRow | None]:
        rows = sorted(i.row() for i in self.view.selectionModel().selectedIndexes())
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        return [self.model.gallery_row(r) for r in rows if self.model.image_id(r) is not None]

    def selected_ids(self) -> list[int]:
        """The selected photos, or the current one when nothing is selected (rows not fetched included)."""
        ids = self.view.selected_image_ids()
        current = self.view.currentIndex()
        if not ids and current.isValid():
            image_id = self.model.image_id(current.row())
            ids = [image_id] if image_id is not None else []
        return ids

    def toggle_favourite_of_selection(self) -> None:
        """Heart the selected photos, or take the heart away when they all have one."""
        from pictopy_desktop.ui.favourites import set_favourites

        rows = [r for r in self.selected_rows() if r is not None]
        if rows:
            set_favourites(self.ctx, [r.id for r in rows], not all(r.favourite for r in rows))

    def _save_position(self) -> None:
        if self.model.is_loaded:
            self._saved_scroll = self.view.verticalScrollBar().value()
            self._saved_selection = self.view.selected_image_ids()

    def _head_loaded(self, _n: int) -> None:
        self.empty.hide()
        self.grid.show()

    def _loaded(self, n: int) -> None:
        self.subtitle.setText(n_("%Ln photo(s)", n))
        self.empty.setVisible(n == 0)
        self.grid.setVisible(n > 0)
        if self._saved_selection:
            self.view.select_image_ids(self._saved_selection)
        if self._saved_scroll:
            value = self._saved_scroll
            QTimer.singleShot(0, self, lambda: self.view.verticalScrollBar().setValue(value))
        self._saved_scroll, self._saved_selection = None, []
