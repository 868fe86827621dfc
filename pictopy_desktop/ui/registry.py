"""Every view of the main window, declared once: route, sidebar entry, page, change kinds.

The window builds its pages, sidebar and refreshing from ``VIEWS``; a new view is a module
with its page and a ``View``, plus one line in ``VIEWS``. The builders below connect each
page's signals to the shell (``ui/views.py::Shell``), so pages never know the window.
"""

from __future__ import annotations

from pictopy_desktop.library import read_model as bq
from pictopy_desktop.ui import photo_actions
from pictopy_desktop.ui import routes as r
from pictopy_desktop.ui.album_actions import (
    add_to_album,
    delete_album_dialog,
    new_album_dialog,
    remove_from_album,
    rename_album_dialog,
)
from pictopy_desktop.ui.collection_pages import AlbumsPage, FoldersPage, ItemRole, ThingsPage
from pictopy_desktop.ui.duplicates import DuplicatesPage
from pictopy_desktop.ui.gallery import GalleryPage
from pictopy_desktop.ui.memories import MemoriesPage
from pictopy_desktop.ui.models_check import WelcomePage
from pictopy_desktop.ui.people import PeoplePage, PersonPage, UnknownFacesPage
from pictopy_desktop.ui.places import PlacesPage
from pictopy_desktop.ui.qt import QT_TRANSLATE_NOOP, QMenu, QWidget
from pictopy_desktop.ui.recently_removed import RecentlyRemovedPage
from pictopy_desktop.ui.suggestions_review import SuggestionsReviewPage
from pictopy_desktop.ui.timeline_view import TILE_STEP
from pictopy_desktop.ui.translations import n_, translate
from pictopy_desktop.ui.viewer import ViewerPage
from pictopy_desktop.ui.views import Shell, SidebarChild, SidebarEntry, View, kinds

# What a gallery of photos shows: the photos themselves and their hearts.
GALLERY_KINDS = kinds("photos", "favourites")


# ------------------------------------------------------------------ galleries


def _photos(shell: Shell) -> GalleryPage:
    page = GalleryPage(
        shell.ctx,
        bq.GalleryFilter(bq.ALL, None, translate("pictopy", "Photos")),
        translate("pictopy", "No photos yet."),
    )
    shell.attach_gallery(page)
    return page


def _favourites(shell: Shell) -> GalleryPage:
    page = GalleryPage(
        shell.ctx,
        bq.GalleryFilter(bq.FAVOURITES, None, translate("pictopy", "Favourites")),
        translate(
            "pictopy",
            "No favourites yet.\nClick the heart in the viewer, or select photos and press “.”, to add them here.",
        ),
    )
    shell.attach_gallery(page)
    return page


def _results(shell: Shell) -> GalleryPage:
    page = GalleryPage(shell.ctx, None, translate("pictopy", "Nothing matches."))
    shell.attach_gallery(page)
    return page


def _show_results(page: QWidget, route: r.Route) -> None:
    assert isinstance(page, GalleryPage) and isinstance(route, r.GalleryRoute)
    page.set_filter(route.gallery_filter())


def _gallery_of(page: QWidget) -> GalleryPage:
    """The photo grid of a page: the page itself, or a person's photos."""
    if isinstance(page, PersonPage):
        return page.gallery
    assert isinstance(page, GalleryPage)
    return page


def _select_all_photos(page: QWidget) -> None:
    _gallery_of(page).view.selectAll()


def _zoom_photos(page: QWidget, step: int) -> None:
    """View → Bigger / Smaller thumbnails: one slider step (the grid clamps and remembers it)."""
    view = _gallery_of(page).view
    view.set_tile_size(view.target_tile + step * TILE_STEP)


def _delete_in_results(shell: Shell, page: QWidget, route: r.Route) -> None:
    """Delete in an album's photos takes the selected photos out of the album (not off the disk);
    elsewhere it moves them to the system trash (with Undo)."""
    if isinstance(route, r.AlbumRoute):
        ids = _gallery_of(page).view.selected_image_ids()
        if ids:
            remove_from_album(shell.ctx, route.album_id, ids)
        return
    _delete_photos(shell, page, route)


def _delete_photos(shell: Shell, page: QWidget, route: r.Route) -> None:
    """Edit → Delete in a photo grid: the selected photos to the system trash (with Undo)."""
    photo_actions.delete_photos(shell.ctx, _gallery_of(page).selected_ids())


def _welcome(shell: Shell) -> WelcomePage:
    page = WelcomePage(shell.ctx)
    page.add_folder.connect(shell.choose_folder)
    page.models.analyse_requested.connect(shell.indexing.analyze_waiting)
    return page


def _viewer(shell: Shell) -> ViewerPage:
    page = ViewerPage(shell.ctx)
    page.closed.connect(shell.back)
    page.find_face.connect(shell.find_by_face)
    page.open_gallery.connect(shell.open_filter)
    return page


# ------------------------------------------------------------------ people


def _people(shell: Shell) -> PeoplePage:
    page = PeoplePage(shell.ctx)
    page.open_person.connect(lambda pid: shell.navigate(r.PersonRoute(pid)))
    page.open_unknown.connect(lambda: shell.navigate(r.UnknownFacesRoute()))
    page.review.connect(lambda pid: shell.navigate(r.ReviewRoute(pid)))
    return page


def _person(shell: Shell) -> PersonPage:
    page = PersonPage(shell.ctx)
    page.back.connect(lambda: shell.navigate(r.PeopleRoute()))
    page.review.connect(lambda pid: shell.navigate(r.ReviewRoute(pid)))
    shell.attach_gallery(page.gallery)
    return page


def _show_person(page: QWidget, route: r.Route) -> None:
    assert isinstance(page, PersonPage) and isinstance(route, r.PersonRoute)
    page.show_person(route.person_id)


def _unknown(shell: Shell) -> UnknownFacesPage:
    page = UnknownFacesPage(shell.ctx)
    page.back.connect(lambda: shell.navigate(r.PeopleRoute()))
    page.review.connect(lambda pid: shell.navigate(r.ReviewRoute(pid)))
    return page


def _review(shell: Shell) -> SuggestionsReviewPage:
    page = SuggestionsReviewPage(shell.ctx)
    page.back.connect(shell.back)
    return page


def _show_review(page: QWidget, route: r.Route) -> None:
    assert isinstance(page, SuggestionsReviewPage) and isinstance(route, r.ReviewRoute)
    page.show_for(route.person_id)


# ------------------------------------------------------------------ collections


def _things(shell: Shell) -> ThingsPage:
    page = ThingsPage(shell.ctx)
    page.open_gallery.connect(shell.open_filter)
    return page


def _albums(shell: Shell) -> AlbumsPage:
    page = AlbumsPage(shell.ctx)
    page.open_gallery.connect(shell.open_filter)
    return page


def album_children() -> list[SidebarChild]:
    """The albums under the sidebar's Albums entry (runs in a worker)."""
    return [
        SidebarChild(
            a.name,
            r.AlbumRoute(a.id, a.name),
            f"{a.name} — {n_('%Ln photo(s)', a.count)}\n"
            + translate("pictopy", "Drop photos here to add them"),
            accepts_photos=True,
            payload=a,
        )
        for a in bq.albums_listing()
    ]


def _albums_menu(shell: Shell, route: r.Route, menu: QMenu) -> None:
    window = menu.parentWidget()  # the main window: the dialogs' parent
    assert window is not None
    if isinstance(route, r.AlbumRoute):
        menu.addAction(
            translate("pictopy", "Rename…"),
            lambda: rename_album_dialog(shell.ctx, window, route.album_id, route.name),
        )
        menu.addAction(
            translate("pictopy", "Delete album…"),
            lambda: delete_album_dialog(shell.ctx, window, route.album_id, route.name),
        )
    else:
        menu.addAction(
            translate("pictopy", "New album…"), lambda: new_album_dialog(shell.ctx, window)
        )


def _delete_album(shell: Shell, page: QWidget, route: r.Route) -> None:
    """Delete on the Albums page: the selected album, after asking (its photos stay)."""
    assert isinstance(page, AlbumsPage)
    item = page.view.currentIndex().data(ItemRole)
    if item is not None:
        delete_album_dialog(shell.ctx, page, item.key, item.title)


def _select_all_people(page: QWidget) -> None:
    assert isinstance(page, PeoplePage)
    page.view.selectAll()


def _drop_on_album(shell: Shell, route: r.Route, image_ids: list[int]) -> None:
    if isinstance(route, r.AlbumRoute):
        add_to_album(shell.ctx, route.album_id, image_ids, route.name)


def _folders(shell: Shell) -> FoldersPage:
    page = FoldersPage(shell.ctx)
    page.open_gallery.connect(shell.open_filter)
    page.add_folder.connect(shell.choose_folder)
    page.rescan.connect(shell.index_paths)
    return page


def _folders_menu(shell: Shell, route: r.Route, menu: QMenu) -> None:
    menu.addAction(translate("pictopy", "Add folder…"), shell.choose_folder)


def _memories(shell: Shell) -> MemoriesPage:
    page = MemoriesPage(shell.ctx)
    page.open_gallery.connect(shell.open_filter)
    return page


def _places(shell: Shell) -> PlacesPage:
    page = PlacesPage(shell.ctx)
    page.open_gallery.connect(shell.open_filter)
    return page


def _duplicates(shell: Shell) -> DuplicatesPage:
    page = DuplicatesPage(shell.ctx)
    page.open_gallery.connect(shell.open_filter)
    page.open_removed.connect(lambda: shell.navigate(r.RemovedRoute()))
    return page


def _removed(shell: Shell) -> RecentlyRemovedPage:
    page = RecentlyRemovedPage(shell.ctx)
    page.index_requested.connect(shell.index_paths)
    return page


def _check_models(page: QWidget) -> None:
    assert isinstance(page, WelcomePage)
    page.models.check()


VIEWS: tuple[View, ...] = (
    View(
        "photos",
        (r.PhotosRoute,),
        _photos,
        GALLERY_KINDS,
        SidebarEntry(
            "library", QT_TRANSLATE_NOOP("pictopy", "Photos"), "photos", 10, r.PhotosRoute()
        ),
        when_library_empty="welcome",
        select_all=_select_all_photos,
        delete=_delete_photos,
        zoom=_zoom_photos,
    ),
    View("welcome", (r.WelcomeRoute,), _welcome, refresh=_check_models),
    View(
        "favourites",
        (r.FavouritesRoute,),
        _favourites,
        GALLERY_KINDS,
        SidebarEntry(
            "library",
            QT_TRANSLATE_NOOP("pictopy", "Favourites"),
            "favourites",
            20,
            r.FavouritesRoute(),
        ),
        select_all=_select_all_photos,
        delete=_delete_photos,
        zoom=_zoom_photos,
    ),
    View(
        "memories",
        (r.MemoriesRoute,),
        _memories,
        kinds("photos"),
        SidebarEntry(
            "library", QT_TRANSLATE_NOOP("pictopy", "Memories"), "memories", 30, r.MemoriesRoute()
        ),
        preload=True,
    ),
    View(
        "places",
        (r.PlacesRoute,),
        _places,
        kinds("photos"),
        SidebarEntry(
            "library", QT_TRANSLATE_NOOP("pictopy", "Places"), "places", 40, r.PlacesRoute()
        ),
    ),
    View(
        "people",
        (r.PeopleRoute,),
        _people,
        kinds("people"),
        SidebarEntry(
            "collections", QT_TRANSLATE_NOOP("pictopy", "People"), "people", 10, r.PeopleRoute()
        ),
        select_all=_select_all_people,
    ),
    View(
        "person",
        (r.PersonRoute,),
        _person,
        GALLERY_KINDS | kinds("people"),
        show=_show_person,
        select_all=_select_all_photos,
        delete=_delete_photos,
        zoom=_zoom_photos,
    ),
    View("unknown", (r.UnknownFacesRoute,), _unknown, kinds("people")),
    View("review", (r.ReviewRoute,), _review, show=_show_review),
    View(
        "things",
        (r.ThingsRoute,),
        _things,
        kinds("tags", "photos"),  # keywords arrive with photos read again
        SidebarEntry(
            "collections", QT_TRANSLATE_NOOP("pictopy", "Things"), "things", 20, r.ThingsRoute()
        ),
    ),
    View(
        "albums",
        (r.AlbumsRoute,),
        _albums,
        kinds("albums"),
        SidebarEntry(
            "collections", QT_TRANSLATE_NOOP("pictopy", "Albums"), "albums", 30, r.AlbumsRoute()
        ),
        sidebar_children=album_children,
        sidebar_menu=_albums_menu,
        drop_photos=_drop_on_album,
        delete=_delete_album,
    ),
    View(
        "folders",
        (r.FoldersRoute,),
        _folders,
        kinds("photos", "folders"),
        SidebarEntry(
            "collections", QT_TRANSLATE_NOOP("pictopy", "Folders"), "folders", 40, r.FoldersRoute()
        ),
        sidebar_menu=_folders_menu,
    ),
    View(
        "duplicates",
        (r.DuplicatesRoute,),
        _duplicates,
        kinds("photos", "trash"),
        SidebarEntry(
            "tools",
            QT_TRANSLATE_NOOP("pictopy", "Duplicates"),
            "duplicates",
            10,
            r.DuplicatesRoute(),
        ),
    ),
    View(
        "removed",
        (r.RemovedRoute,),
        _removed,
        kinds("photos", "trash"),
        SidebarEntry(
            "tools",
            QT_TRANSLATE_NOOP("pictopy", "Recently removed"),
            "removed",
            20,
            r.RemovedRoute(),
        ),
    ),
    View(
        "results",
        (
            r.SearchRoute,
            r.TagRoute,
            r.KeywordRoute,
            r.AlbumRoute,
            r.FolderRoute,
            r.MemoryRoute,
            r.PlaceRoute,
            r.RankedRoute,
        ),
        _results,
        GALLERY_KINDS | kinds("people", "tags", "albums"),
        show=_show_results,
        select_all=_select_all_photos,
        delete=_delete_in_results,
        zoom=_zoom_photos,
    ),
    View(
        "viewer",
        (r.ViewerRoute,),
        _viewer,
        refresh=None,
        delete=lambda shell, page, route: page.delete(),  # type: ignore[attr-defined]
        full_screen=lambda page: page.toggle_full_screen(),  # type: ignore[attr-defined]
    ),
)
