"""The main window: sidebar, search, the views, indexing status, notifications, drops."""

from __future__ import annotations

import logging
from pathlib import Path

from pictopy_desktop.library import browse_queries as bq
from pictopy_desktop.library.file_names import display_path
from pictopy_desktop.library.image_decode import is_image_candidate
from pictopy_desktop.library.indexer import IndexReport
from pictopy_desktop.ui import messages, people_actions
from pictopy_desktop.ui.collections import (
    AlbumsPage,
    FoldersPage,
    ThingsPage,
    add_to_album,
    delete_album_dialog,
    new_album_dialog,
    remove_folder_dialog,
    remove_from_album,
    rename_album_dialog,
)
from pictopy_desktop.ui.context import AppContext
from pictopy_desktop.ui.duplicates import DuplicatesPage
from pictopy_desktop.ui.face_search import (
    FaceSearchResult,
    SearchFieldDrop,
    find_by_face,
    find_by_file,
)
from pictopy_desktop.ui.favourites import set_favourites
from pictopy_desktop.ui.gallery import GalleryPage, image_ids_from_mime
from pictopy_desktop.ui.memories import MemoriesPage
from pictopy_desktop.ui.models_check import WelcomePage
from pictopy_desktop.ui.notifications import NotificationArea
from pictopy_desktop.ui.people import PeoplePage, PersonPage, UnknownFacesPage
from pictopy_desktop.ui.places import PlacesPage
from pictopy_desktop.ui.qt import (
    QAbstractItemView,
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QFileDialog,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMimeData,
    QProgressBar,
    QPushButton,
    QSettings,
    QShortcut,
    QSize,
    QStackedWidget,
    Qt,
    QTimer,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from pictopy_desktop.ui.recently_removed import RecentlyRemovedPage
from pictopy_desktop.ui.resources import icon
from pictopy_desktop.ui.suggestions_review import SuggestionsReviewPage
from pictopy_desktop.ui.translations import n_
from pictopy_desktop.ui.viewer import ViewerPage
from pictopy_desktop.workers.indexing import IndexingController, Progress

log = logging.getLogger(__name__)

NavRole = Qt.ItemDataRole.UserRole + 30
TOP_VIEWS = (
    "photos",
    "favourites",
    "memories",
    "places",
    "people",
    "things",
    "albums",
    "folders",
    "duplicates",
    "removed",
)
SIDEBAR_ENTRIES = (
    ("photos", "Photos"),
    ("favourites", "Favourites"),
    ("memories", "Memories"),
    ("places", "Places"),
    ("people", "People"),
    ("things", "Things"),
    ("albums", "Albums"),
    ("folders", "Folders"),
    ("duplicates", "Duplicates"),
    ("removed", "Recently removed"),
)


def local_paths_from_mime(mime: QMimeData) -> tuple[list[Path], list[str]]:
    """(folders and photos to add, names of anything else) from dropped data."""
    accepted: list[Path] = []
    refused: list[str] = []
    if not mime.hasUrls():
        if mime.hasText():
            refused.append(mime.text()[:60])
        return accepted, refused
    for url in mime.urls():
        if not url.isLocalFile():
            refused.append(url.toString()[:80])
            continue
        path = Path(url.toLocalFile())
        if path.is_dir() or (path.is_file() and is_image_candidate(path)):
            accepted.append(path)
        else:
            refused.append(path.name or str(path))
    return accepted, refused


class Sidebar(QTreeWidget):
    """Photos, Favourites, Memories, Places, People, Things, Albums (each album a child; photos can be
    dropped on it), Folders, Duplicates."""

    photos_dropped_on_album = Signal(int, str, object)  # album id, name, image ids

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(14)
        self.setIconSize(QSize(20, 20))
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.items: dict[str, QTreeWidgetItem] = {}
        for key, text in SIDEBAR_ENTRIES:
            item = QTreeWidgetItem([text])
            item.setData(0, NavRole, (key,))
            item.setIcon(0, icon(key))
            self.addTopLevelItem(item)
            self.items[key] = item
        self.items["albums"].setExpanded(True)

    def set_albums(self, albums: list[bq.AlbumRow]) -> None:
        parent = self.items["albums"]
        current = self.currentItem()
        current_nav = current.data(0, NavRole) if current else None
        parent.takeChildren()
        for a in albums:
            child = QTreeWidgetItem([a.name])
            child.setData(0, NavRole, ("album", a.id, a.name))
            child.setToolTip(0, f"{a.name} — {a.count} photos\nDrop photos here to add them")
            parent.addChild(child)
            if current_nav == ("album", a.id, a.name):
                self.setCurrentItem(child)
        parent.setExpanded(True)

    def select(self, nav: tuple) -> None:
        for item in self._all_items():
            if item.data(0, NavRole) == nav or (
                nav and item.data(0, NavRole) and item.data(0, NavRole)[:2] == nav[:2]
            ):
                self.blockSignals(True)
                self.setCurrentItem(item)
                self.blockSignals(False)
                return
        self.blockSignals(True)
        self.clearSelection()
        self.setCurrentItem(None)
        self.blockSignals(False)

    def _all_items(self):
        for i in range(self.topLevelItemCount()):
            top = self.topLevelItem(i)
            yield top
            for j in range(top.childCount()):
                yield top.child(j)

    def _album_at(self, pos) -> tuple | None:
        item = self.itemAt(pos)
        nav = item.data(0, NavRole) if item else None
        return nav if nav and nav[0] == "album" else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if image_ids_from_mime(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()  # files from outside go to the window's drop handler

    def dragMoveEvent(self, event) -> None:
        if image_ids_from_mime(event.mimeData()) and self._album_at(event.position().toPoint()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        nav = self._album_at(event.position().toPoint())
        ids = image_ids_from_mime(event.mimeData())
        if nav and ids:
            self.photos_dropped_on_album.emit(nav[1], nav[2], ids)
            event.acceptProposedAction()
        else:
            event.ignore()


class IndexingStatus(QWidget):
    """Status bar: "Adding Holiday: 120 / 3,400 · IMG_0042.jpg · about 5 min left" + pause + cancel."""

    def __init__(self, controller: IndexingController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.label = QLabel("")
        self.label.setObjectName("indexingLabel")
        self.label.setMinimumWidth(200)
        self.bar = QProgressBar()
        self.bar.setFixedWidth(180)
        self.bar.setTextVisible(False)
        self.pause = QToolButton()
        self.pause.setText("Pause")
        self.pause.setCheckable(True)
        self.pause.toggled.connect(controller.set_paused)
        self.cancel = QToolButton()
        self.cancel.setText("Cancel")
        self.cancel.clicked.connect(controller.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.pause)
        layout.addWidget(self.cancel)
        self.what = ""
        controller.started.connect(self._started)
        controller.progress.connect(self._progress)
        controller.paused_changed.connect(self._paused)
        controller.idle.connect(self.hide)
        self.hide()

    def _started(self, what: str) -> None:
        self.what = what
        self.label.setText(f"{what}: looking for photos…")
        self.bar.setRange(0, 0)
        self.pause.setChecked(False)
        self.show()

    def _progress(self, p: Progress) -> None:
        self.bar.setRange(0, max(1, p.total))
        self.bar.setValue(p.done)
        eta = ""
        if p.eta_s is not None and p.done < p.total:
            eta = " · " + format_eta(p.eta_s)
        current = Path(p.current).name if p.current else ""
        paused = " (paused)" if self.controller.paused else ""
        self.label.setText(
            f"{self.what}{paused}: {p.done:,} / {p.total:,}"
            + (f" · {current}" if current else "")
            + eta
        )

    def _paused(self, paused: bool) -> None:
        self.pause.setChecked(paused)
        self.pause.setText("Resume" if paused else "Pause")
        text = self.label.text().replace(" (paused)", "")
        if paused:
            text = text.replace(":", " (paused):", 1)
        self.label.setText(text)


def format_eta(seconds: float) -> str:
    if seconds < 60:
        return "less than a minute left"
    if seconds < 3600:
        return f"about {round(seconds / 60)} min left"
    return f"about {seconds / 3600:.1f} h left"


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, ui_settings: QSettings | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle("PictoPy")
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self.resize(1280, 820)
        self.ui_settings = ui_settings or QSettings(
            str(ctx.library.data_dir / "ui.ini"), QSettings.Format.IniFormat
        )
        self.indexing = IndexingController(ctx.library, self)
        self.albums: list[bq.AlbumRow] = []
        self.current: tuple = ("photos",)
        self.history: list[tuple] = []
        self._dirty: set[str] = set()
        self._library_empty: bool | None = None
        self._shown_once: set[str] = set()
        self._build()
        self._connect()
        self.notifications = NotificationArea(self.centralWidget())
        messages.bridge().attach(self.notifications.show_message)

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        ctx = self.ctx
        self.sidebar = Sidebar()
        self.sidebar.setFixedWidth(220)
        self.search = QLineEdit()
        self.search.setObjectName("searchField")
        self.search.setPlaceholderText(
            "Search people, things, albums, folders, dates, favourites…  (e.g. “Alice dog”, “2019”), or drop a photo of a face"
        )
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self._search_drop = SearchFieldDrop(
            self
        )  # an image file dropped here: find photos with its face
        self.search.installEventFilter(self._search_drop)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        add = QPushButton("Add folder")
        add.setObjectName("primaryButton")
        add.setIcon(icon("add", "#ffffff"))
        add.setToolTip("Add a folder of photos to the library (or drop one onto the window)")
        add.clicked.connect(self.choose_folder)
        settings = QToolButton()
        settings.setIcon(icon("settings"))
        settings.setIconSize(QSize(22, 22))
        settings.setToolTip("Settings")
        settings.setObjectName("settingsButton")
        settings.clicked.connect(self.open_settings)
        top = QHBoxLayout()
        top.setContentsMargins(12, 10, 12, 6)
        top.addWidget(self.search, 1)
        top.addWidget(add)
        top.addWidget(settings)

        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        self.photos_page = GalleryPage(
            ctx, bq.GalleryFilter(bq.ALL, None, "Photos"), "No photos yet."
        )
        self.welcome_page = WelcomePage(ctx)
        self.people_page = PeoplePage(ctx)
        self.person_page = PersonPage(ctx)
        self.unknown_page = UnknownFacesPage(ctx)
        self.review_page = SuggestionsReviewPage(ctx)
        self.things_page = ThingsPage(ctx)
        self.albums_page = AlbumsPage(ctx)
        self.folders_page = FoldersPage(ctx)
        self.results_page = GalleryPage(ctx, None, "Nothing matches.")
        self.favourites_page = GalleryPage(
            ctx,
            bq.GalleryFilter(bq.FAVOURITES, None, "Favourites"),
            "No favourites yet.\nClick the heart in the viewer, or select photos and press “.”, to add them here.",
        )
        self.memories_page = MemoriesPage(ctx)
        self.places_page = PlacesPage(ctx)
        self.duplicates_page = DuplicatesPage(ctx)
        self.removed_page = RecentlyRemovedPage(ctx)
        self.viewer = ViewerPage(ctx)
        for name, page in (
            ("photos", self.photos_page),
            ("welcome", self.welcome_page),
            ("people", self.people_page),
            ("person", self.person_page),
            ("unknown", self.unknown_page),
            ("review", self.review_page),
            ("things", self.things_page),
            ("albums", self.albums_page),
            ("folders", self.folders_page),
            ("results", self.results_page),
            ("favourites", self.favourites_page),
            ("memories", self.memories_page),
            ("places", self.places_page),
            ("duplicates", self.duplicates_page),
            ("removed", self.removed_page),
            ("viewer", self.viewer),
        ):
            self.pages[name] = page
            self.stack.addWidget(page)
        for gallery in (
            self.photos_page,
            self.results_page,
            self.favourites_page,
            self.person_page.gallery,
        ):
            gallery.view.context_menu_requested.connect(
                lambda pos, g=gallery: self._gallery_menu(g, pos)
            )
            gallery.open_image.connect(self.open_viewer)

        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        right.addLayout(top)
        right.addWidget(self.stack, 1)
        central = QWidget()
        central.setObjectName("central")
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addLayout(right, 1)
        self.setCentralWidget(central)

        self.status_summary = QLabel("")
        self.status_summary.setObjectName("statusSummary")
        self.status_summary.setMinimumWidth(260)
        self.statusBar().addWidget(self.status_summary)
        self.indexing_status = IndexingStatus(self.indexing)
        self.statusBar().addPermanentWidget(self.indexing_status, 1)

        undo = QAction("Undo", self)
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        undo.triggered.connect(lambda: people_actions.undo(self.ctx))
        self.addAction(undo)
        redo = QAction("Redo", self)
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        redo.triggered.connect(lambda: people_actions.redo(self.ctx))
        self.addAction(redo)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.activated.connect(lambda: (self.search.setFocus(), self.search.selectAll()))
        add_folder = QShortcut(QKeySequence("Ctrl+O"), self)
        add_folder.activated.connect(self.choose_folder)

    def _connect(self) -> None:
        ctx, ev = self.ctx, self.ctx.events
        self.sidebar.currentItemChanged.connect(self._sidebar_changed)
        self.sidebar.customContextMenuRequested.connect(self._sidebar_menu)
        self.sidebar.photos_dropped_on_album.connect(
            lambda aid, name, ids: add_to_album(ctx, aid, ids, name)
        )
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.search.returnPressed.connect(self._run_search)
        self._search_timer.timeout.connect(self._run_search)
        self.people_page.open_person.connect(lambda pid: self.navigate(("person", pid)))
        self.people_page.open_unknown.connect(lambda: self.navigate(("unknown",)))
        self.person_page.back.connect(lambda: self.navigate(("people",)))
        self.unknown_page.back.connect(lambda: self.navigate(("people",)))
        self.people_page.review.connect(lambda pid: self.navigate(("review", pid)))
        self.person_page.review.connect(lambda pid: self.navigate(("review", pid)))
        self.unknown_page.review.connect(lambda pid: self.navigate(("review", pid)))
        self.review_page.back.connect(self.back)
        for page in (self.things_page, self.albums_page, self.folders_page):
            page.open_gallery.connect(self._open_filter)
        self.folders_page.add_folder.connect(self.choose_folder)
        self.folders_page.rescan.connect(self.index_paths)
        self.welcome_page.add_folder.connect(self.choose_folder)
        self.welcome_page.models.analyse_requested.connect(self.indexing.analyze_waiting)
        self.viewer.closed.connect(self.back)
        self.viewer.find_face.connect(self.find_by_face)
        self._search_drop.image_dropped.connect(self.find_by_file)
        for page in (self.memories_page, self.places_page, self.duplicates_page):
            page.open_gallery.connect(self._open_filter)
        self.duplicates_page.open_removed.connect(lambda: self.navigate(("removed",)))
        self.removed_page.index_requested.connect(self.index_paths)

        ev.images_changed.connect(
            lambda: self._changed(
                "photos",
                "results",
                "person",
                "folders",
                "status",
                "favourites",
                "memories",
                "places",
                "duplicates",
                "removed",
            )
        )
        ev.people_changed.connect(lambda: self._changed("people", "person", "unknown", "results"))
        ev.tags_changed.connect(lambda: self._changed("things", "results"))
        ev.albums_changed.connect(lambda: self._changed("albums", "results", "sidebar"))
        ev.folders_changed.connect(lambda: self._changed("folders", "status"))

        self.indexing.photos_arrived.connect(self._photos_arrived)
        self.indexing.finished.connect(self._indexing_finished)
        self.indexing.finished.connect(self._recompute_memories)
        self.indexing.failed.connect(self._indexing_failed)

    # ------------------------------------------------------------------ navigation

    def navigate(self, nav: tuple, remember: bool = True) -> None:
        """Show a view: ("photos",), ("person", id), ("tag", label), ("album", id, name), ("search", text)…"""
        if remember and self.current != nav and self.current[0] != "viewer":
            self.history.append(self.current)
            del self.history[:-50]
        self.current = nav
        kind = nav[0]
        page_name = {
            "photos": "photos",
            "people": "people",
            "person": "person",
            "unknown": "unknown",
            "review": "review",
            "things": "things",
            "albums": "albums",
            "folders": "folders",
            "viewer": "viewer",
            "favourites": "favourites",
            "memories": "memories",
            "places": "places",
            "duplicates": "duplicates",
            "removed": "removed",
        }.get(kind, "results")
        if kind == "photos" and self._library_empty:
            page_name = "welcome"
        if kind == "person":
            self.person_page.show_person(nav[1])
        elif kind == "review":
            self.review_page.show_for(nav[1])
        elif page_name == "results":
            self.results_page.set_filter(self._filter_for(nav))
        self.stack.setCurrentWidget(self.pages[page_name])
        if page_name in self._dirty or page_name not in self._shown_once:
            self._refresh_page(page_name)
        self._shown_once.add(page_name)
        self.sidebar.select(self._sidebar_nav(nav))
        if kind != "search" and self.search.text() and kind != "viewer":
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
        if kind in TOP_VIEWS:
            self.ui_settings.setValue("last_view", kind)

    def _sidebar_nav(self, nav: tuple) -> tuple:
        kind = nav[0]
        if kind in ("person", "unknown", "review"):
            return ("people",)
        if kind == "tag":
            return ("things",)
        if kind == "folder":
            return ("folders",)
        if kind == "memory":
            return ("memories",)
        if kind == "place":
            return ("places",)
        if kind == "album":
            return ("album", nav[1])
        if kind == "viewer":
            return self._sidebar_nav(self.history[-1]) if self.history else ()
        return nav if kind in TOP_VIEWS else ()

    def _filter_for(self, nav: tuple) -> bq.GalleryFilter:
        kind = nav[0]
        if kind == "search":
            return bq.GalleryFilter(bq.SEARCH, nav[1], f"Search: “{nav[1]}”")
        if kind == "tag":
            return bq.GalleryFilter(bq.TAG, nav[1], nav[1].capitalize())
        if kind == "album":
            return bq.GalleryFilter(bq.ALBUM, nav[1], nav[2] if len(nav) > 2 else "Album")
        if kind == "folder":
            return bq.GalleryFilter(bq.FOLDER, nav[1], nav[2] if len(nav) > 2 else "Folder")
        if kind == "memory":
            return bq.GalleryFilter(bq.IDS, nav[1], nav[2] if len(nav) > 2 else "Memory")
        if kind == "place":
            return bq.GalleryFilter(bq.PLACE, nav[1], nav[2] if len(nav) > 2 else "Place")
        if kind == "ranked":
            return bq.GalleryFilter(bq.RANKED, nav[1], nav[2] if len(nav) > 2 else "Photos")
        return bq.GalleryFilter(bq.ALL, None, "Photos")

    def _open_filter(self, f: bq.GalleryFilter) -> None:
        kind = {
            bq.TAG: "tag",
            bq.ALBUM: "album",
            bq.FOLDER: "folder",
            bq.SEARCH: "search",
            bq.IDS: "memory",
            bq.PLACE: "place",
            bq.RANKED: "ranked",
            bq.FAVOURITES: "favourites",
        }.get(f.kind, "photos")
        if kind in TOP_VIEWS:
            self.navigate((kind,))
        else:
            self.navigate((kind, f.value, f.title) if kind != "tag" else ("tag", f.value))

    def back(self) -> None:
        if self.history:
            self.navigate(self.history.pop(), remember=False)
        else:
            self.navigate(("photos",), remember=False)

    def _sidebar_changed(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        nav = item.data(0, NavRole)
        if nav and nav != self.current:
            self.navigate(tuple(nav))

    def _run_search(self) -> None:
        text = self.search.text().strip()
        if text:
            if self.current[0] == "search":
                self.current = ("search", text)
                self.results_page.set_filter(self._filter_for(self.current))
            else:
                self.navigate(("search", text))
        elif self.current[0] == "search":
            self.back()

    def open_viewer(self, model, row: int) -> None:
        self.navigate(("viewer",))
        self.viewer.open(model, row)
        self.viewer.canvas.setFocus()

    # ------------------------------------------------------------------ find by face

    def find_by_face(self, face_id: int) -> None:
        """The photos whose faces are nearest to this one (named or not), most alike first."""
        find_by_face(self.ctx, face_id, self._show_face_results)

    def find_by_file(self, path) -> None:
        """An image file dropped onto the search field: the photos with its face."""
        find_by_file(self.ctx, Path(path), self._show_face_results)

    def _show_face_results(self, result: FaceSearchResult) -> None:
        if not result.image_ids:
            messages.info("No photos with a face like this one (other than itself).")
        self.navigate(("ranked", result.image_ids, result.title))

    def _recompute_memories(self, _report=None) -> None:
        """After indexing, memories are recomputed in the background so the view is ready when shown."""
        if self.stack.currentWidget() is not self.memories_page:  # a visible one refreshed already
            self._dirty.discard("memories")
            self.memories_page.refresh()

    # ------------------------------------------------------------------ refreshing

    def _changed(self, *names: str) -> None:
        current = self.stack.currentWidget()
        for name in names:
            if name == "sidebar":
                self._refresh_albums()
            elif name == "status":
                self._refresh_status()
            elif self.pages.get(name) is current or (
                name == "photos" and current is self.welcome_page
            ):
                self._refresh_page(name)
            else:
                self._dirty.add(name)

    def _refresh_page(self, name: str) -> None:
        self._dirty.discard(name)
        page = self.pages.get(name)
        if name == "photos" and self.stack.currentWidget() is self.welcome_page:
            page = self.photos_page
        if name == "welcome":
            self.welcome_page.models.check()
            return
        if page is not None and hasattr(page, "refresh"):
            page.refresh()

    def refresh_all(self) -> None:
        """Load what the current view shows, the sidebar and the status (start-up, after indexing)."""
        self._refresh_status()
        self._refresh_albums()
        self.ctx.refresh_people()
        self._refresh_page(self._page_name_of_current())

    def _page_name_of_current(self) -> str:
        for name, page in self.pages.items():
            if page is self.stack.currentWidget():
                return name
        return "photos"

    def _refresh_albums(self) -> None:
        def got(rows: list[bq.AlbumRow]) -> None:
            self.albums = rows
            self.sidebar.set_albums(rows)

        self.ctx.read(bq.albums_listing, got, context=self)

    def _refresh_status(self) -> None:
        def op():
            from pictopy_desktop.library.queries import library_status

            return library_status()

        self.ctx.read(op, self._status, context=self)

    def _status(self, status: dict) -> None:
        images = status["images"]
        empty = images["total"] == 0 and not status["folders"]
        was_empty = self._library_empty
        self._library_empty = empty
        # images.total counts what the Photos view lists (``visible()``): header and status bar agree.
        parts = [n_("%Ln photo(s)", images["total"]) if images["total"] else "No photos yet"]
        if status["people"]:
            parts.append(n_("%Ln person(s)", status["people"]))
        if images["waiting_for_analysis"]:
            parts.append(n_("%Ln waiting for analysis", images["waiting_for_analysis"]))
        if images["failed"]:
            parts.append(n_("%Ln file(s) unreadable", images["failed"]))
        self.status_summary.setText(" · ".join(parts))
        if was_empty != empty and self.current[0] == "photos":
            self.navigate(("photos",), remember=False)

    # ------------------------------------------------------------------ indexing

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Add a folder of photos")
        if folder:
            self.index_paths([folder])

    def index_paths(self, paths: list, quiet: bool = False) -> None:
        """Index ``paths``; ``quiet`` for runs the user did not ask for (no "no changes" notices)."""
        paths = [Path(p) for p in paths]
        if paths:
            self.indexing.index(paths, quiet=quiet)

    def _photos_arrived(self) -> None:
        if self._library_empty:
            self._library_empty = False
            if self.current[0] == "photos":
                self.navigate(("photos",), remember=False)
        self.ctx.events.images_changed.emit()
        self.ctx.events.folders_changed.emit()

    def _indexing_finished(self, report: IndexReport) -> None:
        self.ctx.events.everything()
        parts = []
        if report.indexed:
            parts.append(f"{report.indexed:,} new or changed")
        if report.moved:
            parts.append(f"{report.moved:,} moved")
        if report.removed:
            parts.append(f"{report.removed:,} removed")
        if report.offline:
            parts.append(f"{report.offline:,} offline (kept)")
        if report.missing:
            parts.append(f"{report.missing:,} missing (kept for now)")
        if report.returned:
            parts.append(f"{report.returned:,} back")
        if report.analyzed:
            parts.append(f"{report.analyzed:,} analysed")
        summary = ", ".join(parts) or "no changes"
        # Files that failed before and still fail are no news: the status bar keeps counting them.
        new_failures = report.new_failures
        if self.indexing.last_run_quiet and not parts and not new_failures:
            return  # a background re-check that found nothing new
        if report.cancelled:
            messages.info(f"Indexing cancelled ({summary}). Add the folder again to continue.")
        elif new_failures:
            details = "\n".join(f"{display_path(path)}: {reason}" for path, reason in new_failures)
            messages.warning(
                f"Done: {summary}. " + n_("%Ln file(s) could not be read.", len(new_failures)),
                details,
            )
        else:
            messages.info(f"Done: {summary}.")
        if report.skipped_files and not self.indexing.last_run_quiet:
            messages.info(
                f"{len(report.skipped_files):,} item(s) were not read: pipes, devices or links leading out of the library.",
                "\n".join(
                    f"{display_path(path)}: {reason}" for path, reason in report.skipped_files
                ),
            )
        if report.messages:
            messages.warning(report.messages[0], "\n".join(report.messages))

    def _indexing_failed(self, exc: BaseException) -> None:
        messages.exception(exc, "Indexing stopped")
        self.ctx.events.everything()

    # ------------------------------------------------------------------ drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if image_ids_from_mime(mime):
            event.ignore()  # our own photos being dragged (to an album)
        elif mime.hasUrls() or mime.hasText():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if not image_ids_from_mime(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.handle_drop(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def handle_drop(self, mime: QMimeData) -> bool:
        """Add dropped folders/photos to the library; refuse anything else with a message."""
        if image_ids_from_mime(mime):
            return False
        accepted, refused = local_paths_from_mime(mime)
        if refused:
            sample = ", ".join(refused[:3]) + ("…" if len(refused) > 3 else "")
            messages.warning(
                f"Only folders and photos can be dropped here; {len(refused)} item(s) ignored ({sample}).",
                "\n".join(refused),
            )
        if accepted:
            self.index_paths(accepted)
            return True
        return False

    # ------------------------------------------------------------------ menus

    def _gallery_menu(self, page: GalleryPage, pos) -> None:
        ids = page.view.selected_image_ids()
        index = page.view.indexAt(page.view.viewport().mapFromGlobal(pos))
        if not ids and index.isValid():
            image_id = page.model.image_id(index.row())
            ids = [image_id] if image_id is not None else []
        if not ids:
            return
        menu = QMenu(self)
        n = len(ids)
        if index.isValid() and page.model.image_id(index.row()) is not None:
            menu.addAction("Open", lambda: self.open_viewer(page.model, index.row()))
        add = menu.addMenu(f"Add {n} photo{'s' if n > 1 else ''} to album")
        for album in self.albums:
            add.addAction(album.name, lambda a=album: add_to_album(self.ctx, a.id, ids, a.name))
        if self.albums:
            add.addSeparator()
        add.addAction("New album…", lambda: new_album_dialog(self.ctx, self, ids))
        if page.view.selected_image_ids():
            rows = page.selected_rows()
        else:
            rows = [page.model.gallery_row(index.row())]
        if rows and all(r is not None and r.favourite for r in rows):
            menu.addAction("Remove from favourites", lambda: set_favourites(self.ctx, ids, False))
        else:
            menu.addAction(
                icon("favourites"),
                "Add to favourites  (.)",
                lambda: set_favourites(self.ctx, ids, True),
            )
        f = page.model.filter
        if f.kind == bq.ALBUM:
            menu.addAction(
                f"Remove from “{f.title}”", lambda: remove_from_album(self.ctx, f.value, ids)
            )
        menu.addSeparator()
        menu.addAction("Select all", page.view.selectAll)
        menu.exec(pos)

    def _sidebar_menu(self, pos) -> None:
        item = self.sidebar.itemAt(pos)
        nav = item.data(0, NavRole) if item else None
        if not nav:
            return
        menu = QMenu(self)
        if nav[0] == "album":
            menu.addAction("Rename…", lambda: rename_album_dialog(self.ctx, self, nav[1], nav[2]))
            menu.addAction(
                "Delete album…", lambda: delete_album_dialog(self.ctx, self, nav[1], nav[2])
            )
        elif nav[0] == "albums":
            menu.addAction("New album…", lambda: new_album_dialog(self.ctx, self))
        elif nav[0] == "folders":
            menu.addAction("Add folder…", self.choose_folder)
        else:
            return
        menu.exec(self.sidebar.viewport().mapToGlobal(pos))

    def open_settings(self):
        from pictopy_desktop.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx, self)
        dialog.add_folder.connect(self.choose_folder)
        dialog.rescan.connect(self.index_paths)
        dialog.remove_folder.connect(
            lambda fid, path: remove_folder_dialog(self.ctx, dialog, fid, path)
        )
        dialog.analyse.connect(self.indexing.analyze_waiting)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # ------------------------------------------------------------------ state

    def start(self) -> None:
        """Restore geometry and the last view, then load it."""
        geometry = self.ui_settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        last = self.ui_settings.value("last_view") or "photos"
        if last not in TOP_VIEWS:
            last = "photos"
        self._library_empty = None
        self._probe_empty(last)
        self._check_models()

    def _probe_empty(self, last: str) -> None:
        def got(empty: bool) -> None:
            self._library_empty = empty
            self.navigate((last,), remember=False)
            self.refresh_all()

        self.ctx.read(bq.library_is_empty, got, context=self)

    def _check_models(self) -> None:
        from pictopy_desktop.ui.models_check import model_problems

        library = self.ctx.library

        def got(problems: list[str]) -> None:
            if problems and not self._library_empty:
                messages.warning(
                    "Things and faces are off: some models are missing. Open Settings → Models to download them.",
                    "\n".join(problems),
                )

        self.ctx.read(lambda: model_problems(library), got, context=self)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ui_settings.setValue("geometry", self.saveGeometry())
        self.ui_settings.sync()
        if self.indexing.running:
            self.indexing.cancel()
        messages.bridge().detach(self.notifications.show_message)
        super().closeEvent(event)
