"""The main window: a shell around the views the registry declares.

It knows no page by name: ``ui/registry.py`` lists the views (route, sidebar entry, page,
change kinds) and this window builds the sidebar and the page stack from them, keeps the
back history, and on each ``OpChanges`` refreshes the visible view that shows one of its
kinds (hidden ones when next shown). Search, indexing status, notifications and drops of
folders from outside are the shell's own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from pictopy_desktop.library import read_model as bq
from pictopy_desktop.library.changes import OpChanges
from pictopy_desktop.library.index_report import IndexReport
from pictopy_desktop.ui import help_actions, messages, people_actions, theme
from pictopy_desktop.ui.album_actions import remove_folder_dialog
from pictopy_desktop.ui.context import AppContext
from pictopy_desktop.ui.export_actions import export_library_dialog, import_library_dialog
from pictopy_desktop.ui.face_search import (
    FaceSearchResult,
    SearchFieldDrop,
    find_by_face,
    find_by_file,
)
from pictopy_desktop.ui.first_page import FirstPageGate
from pictopy_desktop.ui.folder_drops import add_dropped
from pictopy_desktop.ui.gallery import GalleryPage, image_ids_from_mime
from pictopy_desktop.ui.gallery_menu import gallery_menu
from pictopy_desktop.ui.indexing_status import IndexingStatus, announce
from pictopy_desktop.ui.menu_bar import build_menu_bar
from pictopy_desktop.ui.notifications import NotificationArea
from pictopy_desktop.ui.qt import (
    QApplication,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QEvent,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMimeData,
    QPushButton,
    QSettings,
    QSize,
    QStackedWidget,
    Qt,
    QTimer,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from pictopy_desktop.ui.registry import VIEWS
from pictopy_desktop.ui.resources import icon
from pictopy_desktop.ui.routes import (
    PhotosRoute,
    RankedRoute,
    Route,
    SearchRoute,
    ViewerRoute,
    route_for_filter,
)
from pictopy_desktop.ui.sidebar import Sidebar
from pictopy_desktop.ui.translations import n_, translate
from pictopy_desktop.ui.views import FULL_SCREEN, INFO, OPEN, View
from pictopy_desktop.workers.indexing import IndexingController
from pictopy_desktop.workers.zone_resort import ZoneResortRunner

log = logging.getLogger(__name__)

# What an indexing run may have changed: photos came, went or moved, with their faces and tags.
INDEXING_CHANGES = OpChanges(photos=True, people=True, tags=True, albums=True, folders=True)
# Photos arriving while an indexing run goes on (the galleries fill as it works).
ARRIVAL_CHANGES = OpChanges(photos=True, folders=True)
# Phase two storing tags and faces: People and Things grow while the models run.
ANALYSIS_CHANGES = OpChanges(people=True, tags=True)


class MainWindow(QMainWindow):
    """The shell: sidebar, search, the page stack, status bar, notifications, drops."""

    def __init__(
        self,
        ctx: AppContext,
        ui_settings: QSettings | None = None,
        views: Sequence[View] | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(translate("pictopy", "PictoPy"))
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self.resize(1280, 820)
        self.ui_settings = ui_settings or QSettings(
            str(ctx.library.folders.config / "ui.ini"), QSettings.Format.IniFormat
        )
        self.indexing = IndexingController(ctx.library, self)
        # Keys made in another time zone, re-sorted after the first paint (workers/zone_resort.py).
        self.zone_resort = ZoneResortRunner(ctx.library.db, self)
        self.zone_resort.finished.connect(ctx.broadcast)
        self.views: tuple[View, ...] = tuple(VIEWS if views is None else views)
        self._views_by_name = {v.name: v for v in self.views}
        self.pages: dict[str, QWidget] = {}
        self.current: Route = PhotosRoute()
        self.history: list[Route] = []
        self._dirty: set[str] = set()
        self._library_empty: bool | None = None
        self._shown_once: set[str] = set()
        # Start-up work the first page does not need waits for it to be on screen.
        self.first_page = FirstPageGate(ctx.images, self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            # The chosen theme before the widgets exist: applied after, it re-polishes them all.
            theme.apply(app, self.theme_choice())
        self._build()
        self._connect()
        self.notifications = NotificationArea(self.centralWidget())
        messages.bridge().attach(self.notifications.show_message)
        self._apply_theme()
        hints = QApplication.styleHints()
        hints.colorSchemeChanged.connect(self._system_scheme_changed)

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.sidebar = Sidebar(self.views)
        self.sidebar.setFixedWidth(220)
        self.search = QLineEdit()
        self.search.setObjectName("searchField")
        self.search.setAccessibleName(translate("pictopy", "Search"))
        self.search.setPlaceholderText(
            translate(
                "pictopy",
                "Search people, things, albums, folders, dates, favourites…  (e.g. “Alice dog”, “2019”), or drop a photo of a face",
            )
        )
        self.search.setClearButtonEnabled(True)
        self._search_icon = self.search.addAction(
            icon("search"), QLineEdit.ActionPosition.LeadingPosition
        )
        # An image file dropped on the search field: find the photos with its face.
        self._search_drop = SearchFieldDrop(self)
        self.search.installEventFilter(self._search_drop)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self.add_button = add = QPushButton(translate("pictopy", "Add folder"))
        add.setObjectName("primaryButton")
        add.setToolTip(
            translate(
                "pictopy", "Add a folder of photos to the library (or drop one onto the window)"
            )
        )
        add.clicked.connect(self.choose_folder)
        self.settings_button = settings = QToolButton()
        settings.setIconSize(QSize(22, 22))
        settings.setToolTip(translate("pictopy", "Settings"))
        settings.setAccessibleName(translate("pictopy", "Settings"))
        settings.setObjectName("settingsButton")
        settings.clicked.connect(self.open_settings)
        top = QHBoxLayout()
        top.setContentsMargins(12, 10, 12, 6)
        top.addWidget(self.search, 1)
        top.addWidget(add)
        top.addWidget(settings)

        self.stack = QStackedWidget()
        for view in self.views:
            page = view.build(self)
            self.pages[view.name] = page
            self.stack.addWidget(page)

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

        self.menu = build_menu_bar(self.menuBar(), self)
        self._name_qt_buttons()

    def _name_qt_buttons(self) -> None:
        """Screen readers get a name for the buttons Qt makes itself (icon only)."""
        self._search_icon.setText(translate("pictopy", "Search"))
        for button in self.search.findChildren(QToolButton):
            action = button.defaultAction()
            if action is self._search_icon:
                button.setAccessibleName(translate("pictopy", "Search"))
            elif not button.accessibleName():
                button.setAccessibleName(
                    translate("pictopy", "Clear search")
                )  # the field's clear button
                button.setToolTip(translate("pictopy", "Clear search"))
        overflow = self.menuBar().findChild(QToolButton, "qt_menubar_ext_button")
        if overflow is not None:
            overflow.setAccessibleName(translate("pictopy", "More menus"))
            overflow.setToolTip(translate("pictopy", "More menus"))

    def _connect(self) -> None:
        self.sidebar.route_chosen.connect(self._sidebar_chosen)
        self.sidebar.route_renamed.connect(self._renamed)
        self.sidebar.customContextMenuRequested.connect(self._sidebar_menu)
        self.sidebar.photos_dropped.connect(self._photos_dropped_on_sidebar)
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.search.returnPressed.connect(self._run_search)
        self._search_timer.timeout.connect(self._run_search)
        self._search_drop.image_dropped.connect(self.find_by_file)
        self.ctx.changed.connect(self._on_changed)
        self.indexing.photos_arrived.connect(self._photos_arrived)
        self.indexing.analysed.connect(self._analysis_progressed)
        self.indexing.finished.connect(self._indexing_finished)
        self.indexing.finished.connect(self._preload_hidden)
        self.indexing.failed.connect(self._indexing_failed)

    def attach_gallery(self, page: GalleryPage) -> None:
        """A photo grid of some view: its right-click menu, and Enter/double-click opens the viewer."""
        page.view.context_menu_requested.connect(lambda pos: self._gallery_menu(page, pos))
        page.open_image.connect(self.open_viewer)

    # ------------------------------------------------------------------ the views

    def view_for(self, route: Route) -> View:
        """The view that shows ``route``."""
        for view in self.views:
            if view.shows(route):
                return view
        raise LookupError(f"no view shows {route!r}")

    def page(self, name: str) -> QWidget:
        """The page of the view called ``name``."""
        return self.pages[name]

    def _shown_view(self) -> View:
        """The view whose page is on screen (the welcome page stands in for Photos)."""
        current = self.stack.currentWidget()
        for view in self.views:
            if self.pages[view.name] is current:
                return view
        return self.view_for(self.current)

    # ------------------------------------------------------------------ navigation

    def navigate(self, route: Route, remember: bool = True) -> None:
        """Show ``route`` (``PhotosRoute()``, ``PersonRoute(7)``, ``AlbumRoute(3, "Holiday")``…)."""
        if remember and self.current != route and not self.current.transient:
            self.history.append(self.current)
            del self.history[:-50]
        self.current = route
        view = self.view_for(route)
        shown = view
        if view.when_library_empty and self._library_empty:
            shown = self._views_by_name[view.when_library_empty]
        if view.show is not None:
            view.show(self.pages[view.name], route)
        self.stack.setCurrentWidget(self.pages[shown.name])
        if shown.name in self._dirty or shown.name not in self._shown_once:
            self._refresh(shown)
        self._shown_once.add(shown.name)
        self.sidebar.select(self._lit_route(route))
        self.menu.select_all.setEnabled(view.select_all is not None)
        self.menu.delete.setEnabled(view.delete is not None)
        self.menu.bigger.setEnabled(view.zoom is not None)
        self.menu.smaller.setEnabled(view.zoom is not None)
        if not isinstance(route, SearchRoute) and not route.transient and self.search.text():
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
        if view.sidebar is not None and route == view.sidebar.route:
            self.ui_settings.setValue("last_view", view.name)

    def _lit_route(self, route: Route) -> Route | None:
        if route.transient:  # the sidebar keeps what was lit under the viewer
            return self._lit_route(self.history[-1]) if self.history else None
        return route.sidebar_route()

    def open_filter(self, gallery_filter: bq.GalleryFilter) -> None:
        """Go to the photos of ``gallery_filter`` (a tag, album, folder, memory or place card)."""
        self.navigate(route_for_filter(gallery_filter))

    def back(self) -> None:
        if self.history:
            self.navigate(self.history.pop(), remember=False)
        else:
            self.navigate(PhotosRoute(), remember=False)

    def _sidebar_chosen(self, route: Route) -> None:
        if route != self.current:
            self.navigate(route)

    def _renamed(self, route: Route) -> None:
        """The place on show got a new name (an album renamed): show it under that name."""
        if route.matches(self.current) and route != self.current:
            self.navigate(route, remember=False)

    def _run_search(self) -> None:
        text = self.search.text().strip()
        if text:
            route = SearchRoute(text)
            if isinstance(self.current, SearchRoute):  # typing on: no history step per letter
                self.current = route
                view = self.view_for(route)
                if view.show is not None:
                    view.show(self.pages[view.name], route)
            else:
                self.navigate(route)
        elif isinstance(self.current, SearchRoute):
            self.back()

    def open_viewer(self, model, row: int) -> None:
        route = ViewerRoute()
        self.navigate(route)
        viewer = self.pages[self.view_for(route).name]
        viewer.open(model, row)  # type: ignore[attr-defined]
        viewer.canvas.setFocus()  # type: ignore[attr-defined]

    def open_photo(self, model, row: int, how: str = OPEN) -> None:
        """Open the viewer on a photo: plainly, on the whole screen, or with its info panel."""
        self.open_viewer(model, row)
        viewer = self.pages[self.view_for(ViewerRoute()).name]
        if how == FULL_SCREEN:
            viewer.enter_full_screen()  # type: ignore[attr-defined]
        elif how == INFO:
            viewer.info_button.setChecked(True)  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ menu commands

    def undo(self) -> None:
        people_actions.undo(self.ctx)

    def redo(self) -> None:
        people_actions.redo(self.ctx)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def export_library(self) -> None:
        export_library_dialog(self.ctx, self)

    def import_library(self) -> None:
        import_library_dialog(self.ctx, self)

    def select_all(self) -> None:
        """Edit → Select all: everything the shown page lists."""
        view = self.view_for(self.current)
        if view.select_all is not None:
            view.select_all(self.pages[view.name])

    def delete_selection(self) -> None:
        """Edit → Delete: what the shown page deletes (each page asks first where it must)."""
        view = self.view_for(self.current)
        if view.delete is not None:
            view.delete(self, self.pages[view.name], self.current)

    def zoom_thumbnails(self, step: int) -> None:
        """View → Bigger (+1) / Smaller (-1) thumbnails on the shown page."""
        view = self.view_for(self.current)
        if view.zoom is not None:
            view.zoom(self.pages[view.name], step)

    def toggle_full_screen(self) -> None:
        """View → Full screen (F11): the shown page's own where it has one, else the window's."""
        view = self.view_for(self.current)
        if view.full_screen is not None:
            view.full_screen(self.pages[view.name])
        elif self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.WindowStateChange:
            self.menu.full_screen.setChecked(self.isFullScreen())
        super().changeEvent(event)

    def theme_choice(self) -> str:
        """System, light or dark, as chosen in View → Theme or Settings (remembered)."""
        choice = str(self.ui_settings.value("theme") or theme.SYSTEM)
        return choice if choice in theme.CHOICES else theme.SYSTEM

    def set_theme(self, choice: str) -> None:
        """Use and remember a theme: ``system``, ``light`` or ``dark``."""
        if choice not in theme.CHOICES:
            raise ValueError(f"unknown theme {choice!r}")
        self.ui_settings.setValue("theme", choice)
        self._apply_theme()

    def _system_scheme_changed(self, _scheme) -> None:
        # "System" follows the platform as it changes (a closed window drives nothing).
        if self.isVisible() and self.theme_choice() == theme.SYSTEM:
            self._apply_theme()

    def _apply_theme(self) -> None:
        choice = self.theme_choice()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, choice)
        self.menu.themes[choice].setChecked(True)
        # Icons are drawn in the theme's colour: draw them again.
        self.sidebar.refresh_icons()
        self.settings_button.setIcon(icon("settings"))
        self.add_button.setIcon(icon("add", theme.current().on_accent))
        self._search_icon.setIcon(icon("search"))
        self.update()

    def show_shortcuts(self):
        from pictopy_desktop.ui.shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_log_folder(self) -> None:
        help_actions.open_log_folder()

    def copy_diagnostics(self) -> None:
        from pictopy_desktop.ui.diagnostics_actions import copy_diagnostics

        copy_diagnostics(self.ctx)

    def show_about(self) -> None:
        help_actions.show_about(self)

    # ------------------------------------------------------------------ find by face

    def find_by_face(self, face_id: int) -> None:
        """The photos whose faces are nearest to this one (named or not), most alike first."""
        find_by_face(self.ctx, face_id, self._show_face_results)

    def find_by_file(self, path) -> None:
        """An image file dropped onto the search field: the photos with its face."""
        find_by_file(self.ctx, Path(path), self._show_face_results)

    def _show_face_results(self, result: FaceSearchResult) -> None:
        if not result.image_ids:
            messages.info(
                translate("pictopy", "No photos with a face like this one (other than itself).")
            )
        self.navigate(RankedRoute(tuple(result.image_ids), result.title))

    # ------------------------------------------------------------------ refreshing

    def _on_changed(self, changes: OpChanges) -> None:
        """Refresh the visible view if it shows what changed; mark hidden ones to refresh later."""
        if changes.touches("photos", "folders"):
            self._refresh_status()
        current = self.view_for(self.current)
        for view in self.views:
            if not view.reacts(changes):
                continue
            if view.sidebar_children is not None:
                self._load_sidebar_children(view)
            if view is current:
                self._refresh(view)
            else:
                self._dirty.add(view.name)

    def _refresh(self, view: View) -> None:
        self._dirty.discard(view.name)
        if view.refresh is not None:
            view.refresh(self.pages[view.name])

    def _preload_hidden(self, _report=None) -> None:
        """After indexing, views slow to compute (memories) refresh in the background so they
        are ready when shown; a visible one refreshed already."""
        for view in self.views:
            if view.preload and self.stack.currentWidget() is not self.pages[view.name]:
                self._refresh(view)

    def refresh_all(self) -> None:
        """Load what the current view shows, the sidebar and the status (after indexing)."""
        self._refresh_surroundings()
        self._refresh(self._shown_view())

    def _refresh_surroundings(self) -> None:
        """Load the status, the sidebar's children, people and albums: all but the shown view."""
        self._refresh_status()
        for view in self.views:
            if view.sidebar_children is not None:
                self._load_sidebar_children(view)
        self.ctx.refresh_people()
        self.ctx.refresh_albums()

    def _load_sidebar_children(self, view: View) -> None:
        assert view.sidebar_children is not None
        self.ctx.read(
            view.sidebar_children,
            lambda children: self.sidebar.set_children(view.name, children),
            context=self,
        )

    def _refresh_status(self) -> None:
        def op():
            from pictopy_desktop.library.read_model import library_status

            return library_status()

        self.ctx.read(op, self._status, context=self)

    def _status(self, status: dict) -> None:
        images = status["images"]
        empty = images["total"] == 0 and not status["folders"]
        was_empty = self._library_empty
        self._library_empty = empty
        # images.total counts what the Photos view lists (``visible()``): header and status bar agree.
        parts = [
            n_("%Ln photo(s)", images["total"])
            if images["total"]
            else translate("pictopy", "No photos yet")
        ]
        if status["people"]:
            parts.append(n_("%Ln person(s)", status["people"]))
        if images["waiting_for_analysis"]:
            parts.append(n_("%Ln waiting for analysis", images["waiting_for_analysis"]))
        if images["failed"]:
            parts.append(n_("%Ln file(s) unreadable", images["failed"]))
        self.status_summary.setText(" · ".join(parts))
        if was_empty != empty and self.view_for(self.current).when_library_empty:
            self.navigate(self.current, remember=False)

    # ------------------------------------------------------------------ indexing

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, translate("pictopy", "Add a folder of photos")
        )
        if folder:
            self.index_paths([folder])

    def index_paths(self, paths: Sequence[str | Path], quiet: bool = False) -> None:
        """Index ``paths``; ``quiet`` for runs the user did not ask for (no "no changes" notices)."""
        paths = [Path(p) for p in paths]
        if paths:
            self.indexing.index(paths, quiet=quiet)

    def _photos_arrived(self) -> None:
        if self._library_empty:
            self._library_empty = False
            if self.view_for(self.current).when_library_empty:
                self.navigate(self.current, remember=False)
        self.ctx.broadcast(ARRIVAL_CHANGES)

    def _analysis_progressed(self) -> None:
        self.ctx.broadcast(ANALYSIS_CHANGES)
        self._refresh_status()  # "N waiting for analysis" goes down with the progress

    def _indexing_finished(self, report: IndexReport) -> None:
        self.ctx.broadcast(INDEXING_CHANGES)
        announce(report, quiet=self.indexing.last_run_quiet)

    def _indexing_failed(self, exc: BaseException) -> None:
        messages.exception(exc, "Indexing stopped")
        self.ctx.broadcast(INDEXING_CHANGES)

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
        return add_dropped(mime, self.index_paths)

    # ------------------------------------------------------------------ menus

    def _gallery_menu(self, page: GalleryPage, pos) -> None:
        menu = gallery_menu(self, self, page, pos, self.ctx.albums)
        if menu is not None:
            menu.exec(pos)

    def _sidebar_menu(self, pos) -> None:
        hit = self.sidebar.item_at(pos)
        if hit is None:
            return
        view = self._views_by_name[hit[0]]
        if view.sidebar_menu is None:
            return
        menu = QMenu(self)
        view.sidebar_menu(self, hit[1], menu)
        if menu.actions():
            menu.exec(self.sidebar.viewport().mapToGlobal(pos))

    def _photos_dropped_on_sidebar(self, view_name: str, route: Route, image_ids: list) -> None:
        view = self._views_by_name[view_name]
        if view.drop_photos is not None:
            view.drop_photos(self, route, list(image_ids))

    def open_settings(self):
        from pictopy_desktop.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx, self)
        dialog.add_folder.connect(self.choose_folder)
        dialog.rescan.connect(self.index_paths)
        dialog.remove_folder.connect(
            lambda fid, path: remove_folder_dialog(self.ctx, dialog, fid, path)
        )
        dialog.analyse.connect(self.indexing.analyze_waiting)
        dialog.set_theme_choice(self.theme_choice())
        dialog.theme_chosen.connect(self.set_theme)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # ------------------------------------------------------------------ state

    def start(self) -> None:
        """Restore geometry and the last view, then load it."""
        geometry = self.ui_settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        last = self._views_by_name.get(str(self.ui_settings.value("last_view") or ""))
        route = last.sidebar.route if last is not None and last.sidebar else PhotosRoute()
        self._library_empty = None
        self._probe_empty(route)
        # The models check imports the ML stack (numpy, OpenCV, ONNX Runtime): after the first paint.
        self.after_first_page(self._check_models)
        self.after_first_page(self.zone_resort.start)

    def after_first_page(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` on the GUI thread once the first page is on screen with its thumbnails.

        Start-up work the first page does not need (the models check, watching and rechecking
        folders) waits for it, so it never competes with the first paint (``ui/first_page.py``).
        """
        self.first_page.later(fn)

    def _probe_empty(self, route: Route) -> None:
        def got(empty: bool) -> None:
            self._library_empty = empty
            # Showing the view for the first time loads it: a second load here could come
            # after that read began and read the whole gallery again.
            self.navigate(route, remember=False)
            self._refresh_surroundings()
            self.first_page.watch(self.stack.currentWidget())

        self.ctx.read(bq.library_is_empty, got, context=self)

    def _check_models(self) -> None:
        from pictopy_desktop.ui.models_check import model_problems

        library = self.ctx.library

        def got(problems: list[str]) -> None:
            if problems and not self._library_empty:
                messages.warning(
                    translate(
                        "pictopy",
                        "Things and faces are off: some models are missing. Open Settings → Models to download them.",
                    ),
                    "\n".join(problems),
                )

        self.ctx.read(lambda: model_problems(library), got, context=self)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.first_page.cancel()  # no models check, watcher or recheck after the window closed
        self.ui_settings.setValue("geometry", self.saveGeometry())
        self.ui_settings.sync()
        if self.indexing.running:
            self.indexing.cancel()
        messages.bridge().detach(self.notifications.show_message)
        super().closeEvent(event)
