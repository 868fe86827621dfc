"""The sidebar: one entry per view that declares one, their children (albums), photo drops."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pictopy_desktop.ui.gallery import image_ids_from_mime
from pictopy_desktop.ui.qt import (
    QAbstractItemView,
    QDragEnterEvent,
    QDropEvent,
    QSize,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
    Signal,
)
from pictopy_desktop.ui.resources import icon
from pictopy_desktop.ui.routes import Route
from pictopy_desktop.ui.translations import translate
from pictopy_desktop.ui.views import SidebarChild, View

RouteRole = Qt.ItemDataRole.UserRole + 30  # the Route an item goes to
ViewRole = Qt.ItemDataRole.UserRole + 31  # the name of the view whose entry (or child) it is
DropRole = Qt.ItemDataRole.UserRole + 32  # True where photos may be dropped


class Sidebar(QTreeWidget):
    """The views' sidebar entries in section order; children (albums) under their entry.
    Photos dragged from a gallery can be dropped on a child that accepts them."""

    route_chosen = Signal(object)  # Route
    route_renamed = Signal(object)  # Route: the lit child came back under a new name
    photos_dropped = Signal(str, object, object)  # view name, Route, image ids

    def __init__(self, views: Sequence[View], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(14)
        self.setIconSize(QSize(20, 20))
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setAccessibleName(translate("pictopy", "Sidebar"))
        self.items: dict[str, QTreeWidgetItem] = {}
        self._icons: dict[str, str] = {}
        with_entries = [v for v in views if v.sidebar is not None]
        for view in sorted(with_entries, key=lambda v: v.sidebar.sort_key()):  # type: ignore[union-attr]
            entry = view.sidebar
            assert entry is not None
            item = QTreeWidgetItem([translate("pictopy", entry.label)])
            item.setData(0, RouteRole, entry.route)
            item.setData(0, ViewRole, view.name)
            self.addTopLevelItem(item)
            self.items[view.name] = item
            self._icons[view.name] = entry.icon
        self.refresh_icons()
        self.currentItemChanged.connect(self._current_changed)

    def refresh_icons(self) -> None:
        """Draw the entries' icons in the current theme's colour."""
        for name, item in self.items.items():
            item.setIcon(0, icon(self._icons[name]))

    def set_children(self, view_name: str, children: list[SidebarChild]) -> None:
        """Replace the items under ``view_name``'s entry, keeping the lit one lit."""
        parent = self.items[view_name]
        current = self.currentItem()
        lit = current.data(0, RouteRole) if current is not None else None
        self.blockSignals(True)
        parent.takeChildren()
        renamed = None
        for child in children:
            item = QTreeWidgetItem([child.label])
            item.setData(0, RouteRole, child.route)
            item.setData(0, ViewRole, view_name)
            item.setData(0, DropRole, child.accepts_photos)
            item.setToolTip(0, child.tooltip)
            parent.addChild(item)
            if child.route.matches(lit):
                self.setCurrentItem(item)
                renamed = child.route if child.route != lit else None
        parent.setExpanded(True)
        self.blockSignals(False)
        if renamed is not None:
            self.route_renamed.emit(renamed)

    def select(self, route: Route | None) -> None:
        """Light the item of ``route`` (None: none), without navigating."""
        found = None
        if route is not None:
            found = next(
                (i for i in self._all_items() if route.matches(i.data(0, RouteRole))), None
            )
        self.blockSignals(True)
        if found is None:
            self.clearSelection()
        self.setCurrentItem(found)  # type: ignore[arg-type]  # None clears it
        self.blockSignals(False)

    def item_at(self, pos) -> tuple[str, Route] | None:
        """(view name, route) of the item at ``pos`` in viewport coordinates."""
        item = self.itemAt(pos)
        if item is None:
            return None
        return item.data(0, ViewRole), item.data(0, RouteRole)

    def _all_items(self) -> Iterator[QTreeWidgetItem]:
        for top in self.items.values():
            yield top
            for j in range(top.childCount()):
                child = top.child(j)
                if child is not None:
                    yield child

    def _current_changed(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        if item is not None:
            self.route_chosen.emit(item.data(0, RouteRole))

    def _drop_target(self, pos) -> QTreeWidgetItem | None:
        item = self.itemAt(pos)
        return item if item is not None and item.data(0, DropRole) else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if image_ids_from_mime(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()  # files from outside go to the window's drop handler

    def dragMoveEvent(self, event) -> None:
        if image_ids_from_mime(event.mimeData()) and self._drop_target(event.position().toPoint()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        item = self._drop_target(event.position().toPoint())
        ids = image_ids_from_mime(event.mimeData())
        if item is not None and ids:
            self.photos_dropped.emit(item.data(0, ViewRole), item.data(0, RouteRole), ids)
            event.acceptProposedAction()
        else:
            event.ignore()
