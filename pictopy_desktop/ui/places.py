"""Places: countries, then their towns, named offline from GPS; a town opens its photos.

The names come from ``library.places`` in a worker (the gazetteer loads there, never on
the GUI thread). With photos in one country only, its towns are shown at once.
"""

from __future__ import annotations

from pictopy_desktop.library import read_model as bq
from pictopy_desktop.ui import links
from pictopy_desktop.ui.collection_pages import CollectionItem, CollectionPage, ItemRole
from pictopy_desktop.ui.context import AppContext
from pictopy_desktop.ui.qt import QT_TRANSLATE_NOOP, QMenu, QPushButton, QWidget
from pictopy_desktop.ui.translations import n_, translate


def places_overview() -> tuple[list[bq.CountryRow], int]:
    """(countries with their towns, photos in the library); runs in a worker."""
    return bq.places_listing(), bq.count(bq.GalleryFilter())


def country_item(c: bq.CountryRow) -> CollectionItem:
    places = n_("%Ln place(s)", len(c.places))
    return CollectionItem(
        c.code,
        c.name,
        f"{places} · {n_('%Ln photo(s)', c.count)}",
        c.cover_thumbnail,
        c,
    )


def town_item(p: bq.PlaceRow) -> CollectionItem:
    return CollectionItem(p.key, p.city, n_("%Ln photo(s)", p.count), p.cover_thumbnail, p)


def empty_text(photos: int) -> str:
    """Why there are no places, and what to do."""
    if not photos:
        return translate(
            "pictopy",
            "No places yet.\nAdd a folder of photos: those that carry a GPS position (most phone "
            "photos do) are grouped here by country and town, named on this computer.",
        )
    return (
        translate("pictopy", "No places yet.")
        + "\n"
        + n_("None of your %Ln photo(s) carries a GPS position.", photos)
        + " "
        + translate(
            "pictopy",
            "Phones and many cameras record one when location is turned on; photos without it "
            "can't be placed. Nothing is looked up online.",
        )
    )


class PlacesPage(CollectionPage):
    title_text = QT_TRANSLATE_NOOP("pictopy", "Places")

    def empty_message(self) -> str:
        return empty_text(0)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.countries: list[bq.CountryRow] = []
        self.photos = 0
        self.country: str | None = None  # the country shown, or None for all of them
        self.back_button = QPushButton(translate("pictopy", "‹ All countries"))
        self.back_button.setObjectName("backButton")
        self.back_button.clicked.connect(lambda: self.show_country(None))
        self.back_button.hide()
        self.top.insertWidget(0, self.back_button)

    def refresh(self) -> None:
        self.ctx.read(places_overview, self._got, context=self)

    def _got(self, result: tuple[list[bq.CountryRow], int]) -> None:
        self.countries, self.photos = result
        if self.country is not None and not any(c.code == self.country for c in self.countries):
            self.country = None
        self.empty.setText(empty_text(self.photos))
        self._show()

    def show_country(self, code: str | None) -> None:
        """Show the towns of the country ``code``, or (None) every country."""
        self.country = code
        self._show()

    def _shown_country(self) -> bq.CountryRow | None:
        if len(self.countries) == 1:
            return self.countries[0]
        return next((c for c in self.countries if c.code == self.country), None)

    def _show(self) -> None:
        country = self._shown_country()
        if country is not None:
            items = [town_item(p) for p in country.places]
        else:
            items = [country_item(c) for c in self.countries]
        self.back_button.setVisible(country is not None and len(self.countries) > 1)
        self.model._loaded(items)  # computed in our worker: the model takes them as loaded

    def summary(self, n: int) -> str:
        if not n:
            return ""
        country = self._shown_country()
        if country is not None:
            places = n_("%Ln place(s)", len(country.places))
            return translate(
                "pictopy",
                "{country} · {places} · {photos} · right-click a place to open it in a map",
            ).format(country=country.name, places=places, photos=n_("%Ln photo(s)", country.count))
        photos = sum(c.count for c in self.countries)
        return translate(
            "pictopy", "{countries} · {photos} with a GPS position · named offline"
        ).format(countries=n_("%Ln country(-ies)", n), photos=n_("%Ln photo(s)", photos))

    def _open(self, item: CollectionItem | None) -> None:
        if item is None:
            return
        if isinstance(item.payload, bq.CountryRow):
            self.show_country(item.payload.code)
        else:
            self.open_gallery.emit(self.filter_for(item))

    def filter_for(self, item: CollectionItem) -> bq.GalleryFilter:
        return bq.GalleryFilter(bq.PLACE, item.key, item.payload.label)

    def _context_menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        item: CollectionItem = index.data(ItemRole)
        menu = QMenu(self)
        menu.addAction(translate("pictopy", "Open"), lambda: self._open(item))
        if isinstance(item.payload, bq.PlaceRow):
            place = item.payload
            menu.addAction(
                translate("pictopy", "Open in map ↗"),
                lambda: links.open_in_map(place.latitude, place.longitude),
            )
        menu.exec(self.view.viewport().mapToGlobal(pos))
