"""Places: photos grouped by rounded GPS position (offline, no geocoding), each a card opening a gallery."""

from __future__ import annotations

from pictopy_desktop.library import browse_queries as bq
from pictopy_desktop.ui import links
from pictopy_desktop.ui.collections import CollectionItem, CollectionPage, ItemRole
from pictopy_desktop.ui.qt import QMenu


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def place_items() -> list[CollectionItem]:
    """Runs in a worker."""
    return [
        CollectionItem(
            (p.latitude, p.longitude), p.label, _plural(p.count, "photo"), p.cover_thumbnail, p
        )
        for p in bq.places_listing()
    ]


class PlacesPage(CollectionPage):
    title_text = "Places"
    empty_text = (
        "No places yet.\nPhotos that carry a GPS position (most phone photos do) are grouped here by place. "
        "Nothing is looked up online."
    )

    def refresh(self) -> None:
        self.model.load(place_items)

    def summary(self, n: int) -> str:
        if not n:
            return ""
        photos = sum(item.payload.count for item in self.model.items)
        return f"{_plural(n, 'place')} · {_plural(photos, 'photo')} with a GPS position · right-click a place to open it in a map"

    def filter_for(self, item: CollectionItem) -> bq.GalleryFilter:
        return bq.GalleryFilter(bq.PLACE, item.key, item.title)

    def _context_menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        item: CollectionItem = index.data(ItemRole)
        menu = QMenu(self)
        menu.addAction("Open", lambda: self._open(item))
        menu.addAction("Open in map ↗", lambda: links.open_in_map(*item.key))
        menu.exec(self.view.viewport().mapToGlobal(pos))
