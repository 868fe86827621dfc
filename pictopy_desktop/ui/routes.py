"""Where the window can be: one small frozen dataclass per kind of place.

A route is a value (compared, kept in the back history, stored as the last view), never a
widget. Routes shown as a filtered gallery also say which photos (``gallery_filter``), and
every route says which sidebar entry stays lit while it is shown (``sidebar_route``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from pictopy_desktop.library import read_model as bq
from pictopy_desktop.ui.tag_names import tag_title
from pictopy_desktop.ui.translations import translate


@dataclass(frozen=True)
class Route:
    """A place in the window; subclasses add what identifies it (an album id, a search text)."""

    # Shown over the place before it (the viewer): not kept in the back history, and the
    # sidebar keeps lit what was lit.
    transient: ClassVar[bool] = False

    def sidebar_route(self) -> Route | None:
        """The sidebar entry lit while this route is shown (None: none of them)."""
        return self

    def matches(self, other: Route | None) -> bool:
        """True when ``other`` is the same place (a renamed album is still the same album)."""
        return self == other


class GalleryRoute(Route):
    """A route shown as a filtered gallery on the shared results page."""

    def gallery_filter(self) -> bq.GalleryFilter:
        raise NotImplementedError


# ------------------------------------------------------------------ the sidebar's own places


@dataclass(frozen=True)
class PhotosRoute(Route):
    pass


@dataclass(frozen=True)
class FavouritesRoute(Route):
    pass


@dataclass(frozen=True)
class MemoriesRoute(Route):
    pass


@dataclass(frozen=True)
class PlacesRoute(Route):
    pass


@dataclass(frozen=True)
class PeopleRoute(Route):
    pass


@dataclass(frozen=True)
class ThingsRoute(Route):
    pass


@dataclass(frozen=True)
class AlbumsRoute(Route):
    pass


@dataclass(frozen=True)
class FoldersRoute(Route):
    pass


@dataclass(frozen=True)
class DuplicatesRoute(Route):
    pass


@dataclass(frozen=True)
class RemovedRoute(Route):
    """Recently removed: what PictoPy moved to the system trash."""


@dataclass(frozen=True)
class WelcomeRoute(Route):
    """The first-run page, shown in place of Photos while the library is empty."""

    def sidebar_route(self) -> Route | None:
        return PhotosRoute()


# ------------------------------------------------------------------ people


@dataclass(frozen=True)
class PersonRoute(Route):
    person_id: int

    def sidebar_route(self) -> Route | None:
        return PeopleRoute()


@dataclass(frozen=True)
class UnknownFacesRoute(Route):
    def sidebar_route(self) -> Route | None:
        return PeopleRoute()


@dataclass(frozen=True)
class ReviewRoute(Route):
    """Suggested faces to confirm: for one person, or for everyone (None)."""

    person_id: int | None

    def sidebar_route(self) -> Route | None:
        return PeopleRoute()


@dataclass(frozen=True)
class ViewerRoute(Route):
    """One photo at a time, over the gallery it was opened from."""

    transient: ClassVar[bool] = True


# ------------------------------------------------------------------ filtered galleries


@dataclass(frozen=True)
class SearchRoute(GalleryRoute):
    text: str

    def sidebar_route(self) -> Route | None:
        return None

    def gallery_filter(self) -> bq.GalleryFilter:
        return bq.GalleryFilter(
            bq.SEARCH, self.text, translate("pictopy", "Search: “{text}”").format(text=self.text)
        )


@dataclass(frozen=True)
class TagRoute(GalleryRoute):
    label: str

    def sidebar_route(self) -> Route | None:
        return ThingsRoute()

    def gallery_filter(self) -> bq.GalleryFilter:
        return bq.GalleryFilter(bq.TAG, self.label, tag_title(self.label))


@dataclass(frozen=True)
class KeywordRoute(GalleryRoute):
    """The photos carrying a keyword from their metadata (a path, "Places|France|Paris")."""

    path: str

    def sidebar_route(self) -> Route | None:
        return ThingsRoute()

    def gallery_filter(self) -> bq.GalleryFilter:
        return bq.GalleryFilter(bq.KEYWORD, self.path, bq.keyword_label(self.path))


@dataclass(frozen=True)
class AlbumRoute(GalleryRoute):
    album_id: int
    name: str = ""

    def matches(self, other: Route | None) -> bool:
        return isinstance(other, AlbumRoute) and other.album_id == self.album_id

    def gallery_filter(self) -> bq.GalleryFilter:
        return bq.GalleryFilter(bq.ALBUM, self.album_id, self.name or translate("pictopy", "Album"))


@dataclass(frozen=True)
class FolderRoute(GalleryRoute):
    folder_id: int
    name: str = ""

    def sidebar_route(self) -> Route | None:
        return FoldersRoute()

    def gallery_filter(self) -> bq.GalleryFilter:
        return bq.GalleryFilter(
            bq.FOLDER, self.folder_id, self.name or translate("pictopy", "Folder")
        )


@dataclass(frozen=True)
class MemoryRoute(GalleryRoute):
    image_ids: tuple[int, ...]
    title: str = ""  # "Memory" where empty

    def sidebar_route(self) -> Route | None:
        return MemoriesRoute()

    def gallery_filter(self) -> bq.GalleryFilter:
        return bq.GalleryFilter(
            bq.IDS, self.image_ids, self.title or translate("pictopy", "Memory")
        )


@dataclass(frozen=True)
class PlaceRoute(GalleryRoute):
    key: tuple[str, ...]  # library.places.PlaceKey: (country code, town)
    title: str = ""  # "Place" where empty

    def sidebar_route(self) -> Route | None:
        return PlacesRoute()

    def gallery_filter(self) -> bq.GalleryFilter:
        return bq.GalleryFilter(bq.PLACE, self.key, self.title or translate("pictopy", "Place"))


@dataclass(frozen=True)
class RankedRoute(GalleryRoute):
    """Photos in a given order, most alike first (find by face, a group of duplicates)."""

    image_ids: tuple[int, ...]
    title: str = ""  # "Photos" where empty

    def sidebar_route(self) -> Route | None:
        return None

    def gallery_filter(self) -> bq.GalleryFilter:
        return bq.GalleryFilter(
            bq.RANKED, self.image_ids, self.title or translate("pictopy", "Photos")
        )


def route_for_filter(f: bq.GalleryFilter) -> Route:
    """The route that shows the photos of ``f`` (pages hand out filters; the window goes to routes)."""
    if f.kind == bq.FAVOURITES:
        return FavouritesRoute()
    if f.kind == bq.SEARCH:
        return SearchRoute(f.value)
    if f.kind == bq.TAG:
        return TagRoute(f.value)
    if f.kind == bq.KEYWORD:
        return KeywordRoute(f.value)
    if f.kind == bq.ALBUM:
        return AlbumRoute(f.value, f.title)
    if f.kind == bq.FOLDER:
        return FolderRoute(f.value, f.title)
    if f.kind == bq.IDS:
        return MemoryRoute(tuple(f.value), f.title)
    if f.kind == bq.PLACE:
        return PlaceRoute(tuple(f.value), f.title)
    if f.kind == bq.RANKED:
        return RankedRoute(tuple(f.value), f.title)
    return PhotosRoute()
