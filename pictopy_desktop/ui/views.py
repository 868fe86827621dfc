"""What a view declares about itself, so the main window can stay a shell.

A ``View`` says which routes it shows, where it sits in the sidebar, how its page is built
and wired to the window, and which kinds of change (``OpChanges`` kinds) it reacts to. The
window reads these declarations (``ui/registry.py`` lists them) for navigation, the back
history, the sidebar and refreshing; it knows no page by name. Adding a view is one module
with the page and its ``View``, plus one line in the registry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from pictopy_desktop.library.changes import OpChanges
from pictopy_desktop.ui.routes import Route

if TYPE_CHECKING:
    from pathlib import Path

    from pictopy_desktop.library import read_model as bq
    from pictopy_desktop.ui.context import AppContext
    from pictopy_desktop.ui.gallery import GalleryPage
    from pictopy_desktop.ui.qt import QMenu, QWidget
    from pictopy_desktop.workers.indexing import IndexingController

# Sidebar sections, top to bottom; entries are ordered by section, then by their own order.
SECTIONS = ("library", "collections", "tools")


# How ``Shell.open_photo`` opens the viewer: plainly, on the whole screen, with its info panel.
OPEN, FULL_SCREEN, INFO = "open", "full_screen", "info"


class Shell(Protocol):
    """What a page may ask of the window it lives in (the main window implements it)."""

    ctx: AppContext
    indexing: IndexingController

    def navigate(self, route: Route, remember: bool = True) -> None: ...
    def back(self) -> None: ...
    def open_filter(self, gallery_filter: bq.GalleryFilter) -> None: ...
    def open_viewer(self, model: Any, row: int) -> None: ...
    def open_photo(self, model: Any, row: int, how: str = "open") -> None: ...
    def attach_gallery(self, page: GalleryPage) -> None: ...
    def choose_folder(self) -> None: ...
    def index_paths(self, paths: Sequence[str | Path], quiet: bool = False) -> None: ...
    def find_by_face(self, face_id: int) -> None: ...


@dataclass(frozen=True)
class SidebarEntry:
    """A top-level sidebar item: clicking it goes to ``route``."""

    section: str  # one of SECTIONS
    label: str
    icon: str  # a name in ui/resources (icon())
    order: int
    route: Route

    def sort_key(self) -> tuple[int, int]:
        return SECTIONS.index(self.section), self.order


@dataclass(frozen=True)
class SidebarChild:
    """An item under a sidebar entry (an album); ``payload`` is the row it was made from."""

    label: str
    route: Route
    tooltip: str = ""
    accepts_photos: bool = False  # photos dragged from a gallery may be dropped on it
    payload: Any = None


def _refresh(page: QWidget) -> None:
    page.refresh()  # type: ignore[attr-defined]


@dataclass(frozen=True)
class View:
    """One page of the window and everything the window needs to know about it."""

    name: str  # stable key: the page's name, and what "last view" stores
    routes: tuple[type[Route], ...]  # the routes this page shows
    build: Callable[[Shell], QWidget]  # makes the page and connects its signals to the shell
    reacts_to: frozenset[str] = frozenset()  # OpChanges kinds that make the page refresh
    sidebar: SidebarEntry | None = None
    show: Callable[[QWidget, Route], None] | None = None  # point the page at a route
    # Reloads what the page shows; None for a page that follows changes itself (the viewer).
    refresh: Callable[[QWidget], None] | None = _refresh
    # Refreshed after indexing even while hidden, because it is slow to compute (memories).
    preload: bool = False
    # Shown instead of this view while the library is empty (the welcome page for Photos).
    when_library_empty: str | None = None
    # The items under this view's sidebar entry; runs in a worker.
    sidebar_children: Callable[[], list[SidebarChild]] | None = None
    # Fills the context menu of this view's sidebar entry and of its children.
    sidebar_menu: Callable[[Shell, Route, QMenu], None] | None = None
    # Photos (ids) dropped on one of this view's sidebar children.
    drop_photos: Callable[[Shell, Route, list[int]], None] | None = None
    # Edit → Select all and Edit → Delete on this page (None: the actions are off here).
    select_all: Callable[[QWidget], None] | None = None
    delete: Callable[[Shell, QWidget, Route], None] | None = None
    # View → Bigger / Smaller thumbnails: one step up (+1) or down (-1).
    zoom: Callable[[QWidget, int], None] | None = None
    # View → Full screen where the page has its own (the viewer); else the window goes full screen.
    full_screen: Callable[[QWidget], None] | None = None

    def __post_init__(self) -> None:
        OpChanges().touches(*self.reacts_to)  # unknown kinds fail here, at declaration

    def reacts(self, changes: OpChanges) -> bool:
        """True when ``changes`` touch what this view shows."""
        return bool(self.reacts_to) and changes.touches(*self.reacts_to)

    def shows(self, route: Route) -> bool:
        return isinstance(route, self.routes)


def kinds(*names: str) -> frozenset[str]:
    """A set of change kinds, checked against ``OpChanges`` when the view is declared."""
    return frozenset(names)
