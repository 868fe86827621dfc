"""Views declare themselves: a view added to the registry gets a sidebar entry, is navigated
to, and refreshes on the change kinds it declares and on no other; writes broadcast one
typed ``OpChanges``."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from pictopy_desktop.library import read_model as bq
from pictopy_desktop.library.changes import OpChanges
from pictopy_desktop.ui import routes
from pictopy_desktop.ui.qt import QLabel, QVBoxLayout, QWidget
from pictopy_desktop.ui.registry import VIEWS
from pictopy_desktop.ui.views import Shell, SidebarEntry, View, kinds


@dataclass(frozen=True)
class NotesRoute(routes.Route):
    pass


class NotesPage(QWidget):
    """A view from outside the registry: counts its refreshes."""

    def __init__(self) -> None:
        super().__init__()
        self.refreshes = 0
        QVBoxLayout(self).addWidget(QLabel("Notes"))

    def refresh(self) -> None:
        self.refreshes += 1


def _build_notes(shell: Shell) -> NotesPage:
    return NotesPage()


NOTES = View(
    "notes",
    (NotesRoute,),
    _build_notes,
    kinds("tags"),
    SidebarEntry("tools", "Notes", "search", 30, NotesRoute()),
)


@pytest.fixture
def notes_window(qtbot, library, inline_pools, messages_log):
    from pictopy_desktop.ui.app import create_app
    from pictopy_desktop.ui.context import AppContext
    from pictopy_desktop.ui.main_window import MainWindow

    create_app()
    ctx = AppContext(library)
    window = MainWindow(ctx, views=(*VIEWS, NOTES))
    ctx.setParent(window)
    qtbot.addWidget(window)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window._library_empty is not None, timeout=5000)
    yield window
    window.close()


def test_a_registered_view_is_in_the_sidebar_navigates_and_refreshes_on_its_kinds(
    qtbot, notes_window
) -> None:
    window = notes_window
    sidebar = window.sidebar
    labels = [sidebar.topLevelItem(i).text(0) for i in range(sidebar.topLevelItemCount())]
    assert labels[-3:] == ["Duplicates", "Recently removed", "Notes"]  # "tools", order 30
    page = window.page("notes")
    assert page.refreshes == 0  # hidden pages load when first shown

    sidebar.setCurrentItem(sidebar.items["notes"])  # a click on the entry
    assert window.current == NotesRoute() and window.stack.currentWidget() is page
    assert page.refreshes == 1

    window.ctx.broadcast(OpChanges(tags=True))
    assert page.refreshes == 2
    window.ctx.broadcast(OpChanges(albums=True, people=True))
    assert page.refreshes == 2  # not a kind it shows

    window.navigate(routes.PhotosRoute())
    window.ctx.broadcast(OpChanges(tags=True))
    assert page.refreshes == 2  # hidden: refreshed when next shown, once
    window.back()
    assert window.current == NotesRoute() and page.refreshes == 3
    assert sidebar.currentItem() is sidebar.items["notes"]


def test_a_view_with_an_unknown_change_kind_fails_where_it_is_declared() -> None:
    with pytest.raises(ValueError, match="unknown change kinds"):
        View("bad", (NotesRoute,), _build_notes, kinds("photoz"))


def test_routes_from_the_filters_pages_hand_out() -> None:
    cases = [
        (bq.GalleryFilter(bq.TAG, "dog", "Dog"), routes.TagRoute("dog")),
        (bq.GalleryFilter(bq.ALBUM, 3, "Holiday"), routes.AlbumRoute(3, "Holiday")),
        (bq.GalleryFilter(bq.FOLDER, 2, "photos"), routes.FolderRoute(2, "photos")),
        (bq.GalleryFilter(bq.IDS, (1, 2), "Trip"), routes.MemoryRoute((1, 2), "Trip")),
        (bq.GalleryFilter(bq.RANKED, [5, 4], "Alike"), routes.RankedRoute((5, 4), "Alike")),
        (bq.GalleryFilter(bq.FAVOURITES, None, "Favourites"), routes.FavouritesRoute()),
    ]
    for f, route in cases:
        assert routes.route_for_filter(f) == route
        if isinstance(route, routes.GalleryRoute):
            assert route.gallery_filter().kind == f.kind
    # A renamed album is still the same sidebar item; the viewer keeps what was lit.
    assert routes.AlbumRoute(3, "Summer").matches(routes.AlbumRoute(3, "Holiday"))
    assert routes.PersonRoute(7).sidebar_route() == routes.PeopleRoute()
    assert routes.ViewerRoute.transient and not routes.PhotosRoute.transient


def test_writes_broadcast_what_they_changed(qtbot, window) -> None:
    from pictopy_desktop.library import albums
    from pictopy_desktop.storage.tables import Image
    from pictopy_desktop.ui.album_actions import add_to_album
    from pictopy_desktop.ui.favourites import set_favourites

    seen: list[OpChanges] = []
    window.ctx.changed.connect(seen.append)
    things = window.page("things")
    window.navigate(routes.ThingsRoute())
    qtbot.waitUntil(lambda: things.model.rowCount() > 0, timeout=5000)
    image_id = Image.select().first().id
    set_favourites(window.ctx, [image_id], True)
    assert seen[-1].kinds() == {"favourites"}
    assert "favourites" in window._dirty and "things" not in window._dirty
    album_id = albums.create_album("Trip", []).value
    add_to_album(window.ctx, album_id, [image_id], "Trip")
    assert seen[-1].kinds() == {"albums"}
    assert "things" not in window._dirty  # an album change leaves Things alone
    assert "albums" in window._dirty  # and marks the hidden Albums page for a refresh
    qtbot.waitUntil(lambda: window.sidebar.items["albums"].childCount() == 1, timeout=5000)
    assert [a.name for a in window.ctx.albums] == ["Trip"]  # the gallery menu's list
