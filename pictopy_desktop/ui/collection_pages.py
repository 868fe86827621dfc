"""Things, Albums and Folders: grids of collections, each opening a filtered gallery.

The grid pieces (model, delegate, view, page) are shared by Places and Memories too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pictopy_desktop.library import read_model as bq
from pictopy_desktop.library.file_names import display_path
from pictopy_desktop.ui.album_actions import (
    add_to_album,
    delete_album_dialog,
    new_album_dialog,
    remove_folder_dialog,
    rename_album_dialog,
)
from pictopy_desktop.ui.context import AppContext
from pictopy_desktop.ui.export_actions import export_album_photos
from pictopy_desktop.ui.gallery import image_ids_from_mime
from pictopy_desktop.ui.qt import (
    QT_TRANSLATE_NOOP,
    QAbstractItemView,
    QAbstractListModel,
    QFont,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QModelIndex,
    QPainter,
    QPainterPath,
    QPixmap,
    QPushButton,
    QRect,
    QRectF,
    QSize,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from pictopy_desktop.ui.tag_names import tag_title
from pictopy_desktop.ui.tile_badges import paint_pill
from pictopy_desktop.ui.translations import n_, translate

ItemRole = Qt.ItemDataRole.UserRole + 20


@dataclass(frozen=True)
class CollectionItem:
    key: Any
    title: str
    subtitle: str
    thumbnail: str | None
    payload: Any = None
    badge: str = ""  # a pill on the cover saying what kind of entry it is ("Keyword")
    tooltip: str = ""  # instead of the title and subtitle
    elide: Qt.TextElideMode = Qt.TextElideMode.ElideRight  # of the title, where it is too long


class CollectionModel(QAbstractListModel):
    loaded = Signal(int)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.items: list[CollectionItem] = []
        self._rows_by_thumb: dict[str, list[int]] = {}
        ctx.images.loaded.connect(self._image_loaded)

    def load(self, op) -> None:
        self.ctx.read(op, self._loaded, context=self)

    def _loaded(self, items: list[CollectionItem]) -> None:
        self.beginResetModel()
        self.items = items
        self._rows_by_thumb = {}
        for i, item in enumerate(items):
            if item.thumbnail:
                self._rows_by_thumb.setdefault(f"thumb:{item.thumbnail}", []).append(i)
        self.endResetModel()
        self.loaded.emit(len(items))

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.items):
            return None
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.tooltip or f"{item.title}\n{item.subtitle}"
        if role == ItemRole:
            return item
        if role == Qt.ItemDataRole.DecorationRole:
            return self.ctx.thumbnail(item.thumbnail)
        return None

    def _image_loaded(self, key: str) -> None:
        for row in self._rows_by_thumb.get(key, []):
            idx = self.index(row)
            self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DecorationRole])


class CollectionDelegate(QStyledItemDelegate):
    W, H, IMG = 196, 236, 184

    def sizeHint(self, option, index) -> QSize:
        return QSize(self.W, self.H)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        item: CollectionItem = index.data(ItemRole)
        if item is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        palette = option.palette
        cell = option.rect
        img = QRect(
            cell.left() + (cell.width() - self.IMG) // 2, cell.top() + 6, self.IMG, self.IMG
        )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hover = bool(option.state & QStyle.StateFlag.State_MouseOver)
        if selected or hover:
            c = palette.color(palette.ColorRole.Highlight)
            c.setAlpha(60 if selected else 25)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(c)
            painter.drawRoundedRect(QRectF(cell.adjusted(1, 1, -1, -1)), 10, 10)
        clip = QPainterPath()
        clip.addRoundedRect(QRectF(img), 8, 8)
        painter.setClipPath(clip)
        pm = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(pm, QPixmap) and not pm.isNull():
            side = min(pm.width(), pm.height())
            painter.drawPixmap(
                img, pm, QRect((pm.width() - side) // 2, (pm.height() - side) // 2, side, side)
            )
        else:
            painter.fillRect(img, palette.color(palette.ColorRole.AlternateBase))
            painter.setPen(palette.color(palette.ColorRole.PlaceholderText))
            painter.drawText(
                img,
                Qt.AlignmentFlag.AlignCenter,
                translate("pictopy", "Empty") if not item.thumbnail else "…",
            )
        painter.setClipping(False)
        if item.badge:
            paint_pill(painter, img, item.badge)
        text = QRect(cell.left() + 8, img.bottom() + 6, cell.width() - 16, 20)
        font = QFont(painter.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(palette.color(palette.ColorRole.Text))
        fm = painter.fontMetrics()
        painter.drawText(
            text,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            fm.elidedText(item.title, item.elide, text.width()),
        )
        font.setBold(False)
        painter.setFont(font)
        painter.setPen(palette.color(palette.ColorRole.PlaceholderText))
        sub = text.translated(0, 20)
        painter.drawText(
            sub,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            painter.fontMetrics().elidedText(
                item.subtitle, Qt.TextElideMode.ElideMiddle, sub.width()
            ),
        )
        painter.restore()


class CollectionView(QListView):
    open_item = Signal(object)  # CollectionItem

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setUniformItemSizes(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setSpacing(6)
        self.setMouseTracking(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setItemDelegate(CollectionDelegate(self))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.activated.connect(lambda idx: self.open_item.emit(idx.data(ItemRole)))


class CollectionPage(QWidget):
    """Title, optional buttons, the grid, and an empty-state hint."""

    open_gallery = Signal(object)  # GalleryFilter

    # Marked with QT_TRANSLATE_NOOP where set; translated when the page is built.
    title_text = ""
    empty_text = ""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = CollectionModel(ctx)
        self.view = CollectionView(self)
        self.view.setModel(self.model)
        title = QLabel(translate("pictopy", self.title_text))
        title.setObjectName("pageTitle")
        self.subtitle = QLabel("")
        self.subtitle.setObjectName("pageSubtitle")
        self.top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(title)
        titles.addWidget(self.subtitle)
        self.top.addLayout(titles, 1)
        self.empty = QLabel(self.empty_message())
        self.empty.setObjectName("emptyHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 8, 0)
        layout.addLayout(self.top)
        layout.addSpacing(6)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)
        self.model.loaded.connect(self._loaded)
        self.view.open_item.connect(self._open)
        self.view.customContextMenuRequested.connect(self._context_menu)

    def _loaded(self, n: int) -> None:
        self.subtitle.setText(self.summary(n))
        self.empty.setVisible(n == 0)
        self.view.setVisible(n > 0)

    def summary(self, n: int) -> str:
        return ""

    def empty_message(self) -> str:
        """What the page says while it has nothing to show."""
        return translate("pictopy", self.empty_text)

    def _open(self, item: CollectionItem) -> None:
        if item is not None:
            self.open_gallery.emit(self.filter_for(item))

    def filter_for(self, item: CollectionItem) -> bq.GalleryFilter:
        raise NotImplementedError

    def _context_menu(self, pos) -> None:
        pass


def keyword_item(k: bq.KeywordRow) -> CollectionItem:
    """A keyword's card: its whole path (the leaf kept where it is too long), marked as a
    keyword from the photos' metadata rather than a thing the detector found."""
    return CollectionItem(
        k.path,
        k.label,
        n_("%Ln photo(s)", k.count),
        k.sample_thumbnail,
        k,
        badge=translate("pictopy", "Keyword"),
        tooltip=translate("pictopy", "{keyword}\nA keyword from the photos' metadata").format(
            keyword=k.label
        ),
        elide=Qt.TextElideMode.ElideLeft,
    )


def _things_items() -> list[CollectionItem]:
    """The detector's tags, most photos first, then the keywords of the photos' metadata."""
    things = [
        CollectionItem(
            t.label, tag_title(t.label), n_("%Ln photo(s)", t.count), t.sample_thumbnail, t
        )
        for t in bq.tags_listing()
    ]
    return things + [keyword_item(k) for k in bq.keywords_listing()]


class ThingsPage(CollectionPage):
    title_text = QT_TRANSLATE_NOOP("pictopy", "Things")
    empty_text = QT_TRANSLATE_NOOP(
        "pictopy",
        "No things found yet.\nObjects found in your photos (dogs, cars, cups…) are listed here once photos are analysed.",
    )

    def refresh(self) -> None:
        self.model.load(_things_items)

    def summary(self, n: int) -> str:
        keywords = sum(isinstance(i.payload, bq.KeywordRow) for i in self.model.items)
        parts = []
        if n - keywords:
            parts.append(n_("%Ln kind(s) of thing found in your photos", n - keywords))
        if keywords:
            parts.append(n_("%Ln keyword(s) from the photos' metadata", keywords))
        return " · ".join(parts)

    def filter_for(self, item: CollectionItem) -> bq.GalleryFilter:
        if isinstance(item.payload, bq.KeywordRow):
            return bq.GalleryFilter(bq.KEYWORD, item.key, item.title)
        return bq.GalleryFilter(bq.TAG, item.key, item.title)


def _album_items() -> list[CollectionItem]:
    return [
        CollectionItem(a.id, a.name, n_("%Ln photo(s)", a.count), a.cover_thumbnail, a)
        for a in bq.albums_listing()
    ]


class AlbumsPage(CollectionPage):
    title_text = QT_TRANSLATE_NOOP("pictopy", "Albums")
    empty_text = QT_TRANSLATE_NOOP(
        "pictopy",
        "No albums yet.\nCreate one, then add photos from the gallery (right-click, or drag them onto the album in the sidebar).",
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        new = QPushButton(translate("pictopy", "New album"))
        new.clicked.connect(lambda: new_album_dialog(self.ctx, self))
        self.top.addWidget(new)
        self.view.setAcceptDrops(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.view.viewport().setAcceptDrops(True)
        self.view.dragEnterEvent = self._drag_enter  # type: ignore[method-assign]
        self.view.dragMoveEvent = self._drag_move  # type: ignore[method-assign]
        self.view.dropEvent = self._drop  # type: ignore[method-assign]

    def refresh(self) -> None:
        self.model.load(_album_items)

    def summary(self, n: int) -> str:
        return n_("%Ln album(s)", n) if n else ""

    def filter_for(self, item: CollectionItem) -> bq.GalleryFilter:
        return bq.GalleryFilter(bq.ALBUM, item.key, item.title)

    def _context_menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        menu = QMenu(self)
        if index.isValid():
            item: CollectionItem = index.data(ItemRole)
            menu.addAction(translate("pictopy", "Open"), lambda: self._open(item))
            menu.addAction(
                translate("pictopy", "Rename…"),
                lambda: rename_album_dialog(self.ctx, self, item.key, item.title),
            )
            menu.addAction(
                translate("pictopy", "Copy photos to a folder…"),
                lambda: export_album_photos(self.ctx, self, item.key, item.title),
            )
            menu.addAction(
                translate("pictopy", "Delete album…"),
                lambda: delete_album_dialog(self.ctx, self, item.key, item.title),
            )
        else:
            menu.addAction(
                translate("pictopy", "New album…"), lambda: new_album_dialog(self.ctx, self)
            )
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def _drag_enter(self, event) -> None:
        event.acceptProposedAction() if image_ids_from_mime(event.mimeData()) else event.ignore()

    def _drag_move(self, event) -> None:
        index = self.view.indexAt(event.position().toPoint())
        event.acceptProposedAction() if index.isValid() and image_ids_from_mime(
            event.mimeData()
        ) else event.ignore()

    def _drop(self, event) -> None:
        index = self.view.indexAt(event.position().toPoint())
        ids = image_ids_from_mime(event.mimeData())
        if index.isValid() and ids:
            item: CollectionItem = index.data(ItemRole)
            add_to_album(self.ctx, item.key, ids, item.title)
            event.acceptProposedAction()
        else:
            event.ignore()


def _folder_items() -> list[CollectionItem]:
    return [
        CollectionItem(
            f.id,
            display_path(f.name),
            n_("%Ln photo(s)", f.count) + " · " + display_path(f.path),
            f.sample_thumbnail,
            f,
        )
        for f in bq.folders_listing()
    ]


class FoldersPage(CollectionPage):
    title_text = QT_TRANSLATE_NOOP("pictopy", "Folders")
    empty_text = QT_TRANSLATE_NOOP(
        "pictopy", "No folders in the library yet.\nAdd a folder, or drop one onto this window."
    )

    add_folder = Signal()
    rescan = Signal(object)  # list of paths

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        add = QPushButton(translate("pictopy", "Add folder…"))
        add.clicked.connect(self.add_folder.emit)
        rescan = QPushButton(translate("pictopy", "Rescan all"))
        rescan.clicked.connect(lambda: self.rescan.emit([i.payload.path for i in self.model.items]))
        self.top.addWidget(rescan)
        self.top.addWidget(add)

    def refresh(self) -> None:
        self.model.load(_folder_items)

    def summary(self, n: int) -> str:
        return n_("%Ln folder(s) in the library", n) if n else ""

    def filter_for(self, item: CollectionItem) -> bq.GalleryFilter:
        return bq.GalleryFilter(bq.FOLDER, item.key, item.title)

    def _context_menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        item: CollectionItem = index.data(ItemRole)
        menu = QMenu(self)
        menu.addAction(translate("pictopy", "Open"), lambda: self._open(item))
        menu.addAction(
            translate("pictopy", "Rescan"), lambda: self.rescan.emit([item.payload.path])
        )
        menu.addSeparator()
        menu.addAction(
            translate("pictopy", "Remove from library…"),
            lambda: remove_folder_dialog(self.ctx, self, item.key, item.payload.path),
        )
        menu.exec(self.view.viewport().mapToGlobal(pos))
