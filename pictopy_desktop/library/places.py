"""Places: photos grouped by country, then town, named offline from their GPS position.

Positions are rounded to a cell of 0.01 degree (about 1 km); each cell holding photos is
named once by the gazetteer (``geocoding``) and the name is kept in a bounded cache, so
a library of 100,000 photos taken in a few hundred places costs a few hundred look-ups.
A place is identified by ``PlaceKey(country_code, city)``; a photo far from any town
(at sea, on a glacier) gets a place named by its coordinates instead of a wrong town.
Call these from a worker: the first look-up loads the gazetteer (about a second), and
imports it (numpy) only then: the app's views import this module before their first paint.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from peewee import SQL, Expression, fn

from pictopy_desktop.storage.tables import Image
from pictopy_desktop.storage.visibility import visible

if TYPE_CHECKING:
    from pictopy_desktop.library.geocoding import PlaceName

CELL_SCALE = 100  # cells of 0.01 degree: about 1 km, finer than any town
_LON_SPAN = 360 * CELL_SCALE + 1
# The cell as one integer, computed by SQLite both when grouping and when filtering,
# so the two always agree (Python's round() differs from SQLite's on halves).
CELL = (fn.ROUND(Image.latitude * CELL_SCALE).cast("INTEGER") + 90 * CELL_SCALE) * _LON_SPAN + (
    fn.ROUND(Image.longitude * CELL_SCALE).cast("INTEGER") + 180 * CELL_SCALE
)
UNNAMED_DECIMALS = 1  # photos far from any town are grouped by 0.1 degree (about 11 km)
CACHE_CELLS = 50_000  # named cells kept in memory (~10 MB at most)


class PlaceKey(NamedTuple):
    """What a place is: a town in a country, or ("", "12.3°N, 45.6°W") far from any town."""

    country_code: str
    city: str


def cell_center(cell: int) -> tuple[float, float]:
    """The (latitude, longitude) at the middle of ``cell``."""
    lat_i, lon_i = divmod(cell, _LON_SPAN)
    return (lat_i - 90 * CELL_SCALE) / CELL_SCALE, (lon_i - 180 * CELL_SCALE) / CELL_SCALE


def coordinates_label(latitude: float, longitude: float, decimals: int = UNNAMED_DECIMALS) -> str:
    """48.9°N, 2.3°E."""
    ns = "N" if latitude >= 0 else "S"
    ew = "E" if longitude >= 0 else "W"
    return f"{abs(latitude):.{decimals}f}°{ns}, {abs(longitude):.{decimals}f}°{ew}"


class _CellNames:
    """Names of cells, least recently used forgotten first past ``CACHE_CELLS``."""

    def __init__(self, limit: int = CACHE_CELLS) -> None:
        self.limit = limit
        self._names: OrderedDict[int, PlaceName] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._names)

    def names(self, cells: Iterable[int]) -> dict[int, PlaceName]:
        cells = list(dict.fromkeys(cells))
        with self._lock:
            found = {c: self._names[c] for c in cells if c in self._names}
            for c in found:
                self._names.move_to_end(c)
        todo = [c for c in cells if c not in found]
        if todo:
            from pictopy_desktop.library.geocoding import place_names

            named = dict(zip(todo, place_names([cell_center(c) for c in todo]), strict=True))
            found.update(named)
            with self._lock:
                self._names.update(named)
                while len(self._names) > self.limit:
                    self._names.popitem(last=False)
        return found


cell_names = _CellNames()


def key_of(cell: int, name: PlaceName) -> PlaceKey:
    """The place a cell belongs to."""
    if name.named:
        return PlaceKey(name.country_code, name.city)
    return PlaceKey("", coordinates_label(*cell_center(cell)))


def cell_of(latitude: float, longitude: float) -> int:
    """The cell of a position, computed in Python (for naming; SQL filters use ``CELL``)."""
    lat_i = round(latitude * CELL_SCALE) + 90 * CELL_SCALE
    return lat_i * _LON_SPAN + round(longitude * CELL_SCALE) + 180 * CELL_SCALE


def names_at(points: Iterable[tuple[float, float]]) -> list[PlaceName]:
    """The town and country at each position, through the cell cache."""
    cells = [cell_of(lat, lon) for lat, lon in points]
    names = cell_names.names(cells)
    return [names[c] for c in cells]


def place_at(latitude: float | None, longitude: float | None) -> PlaceName:
    """The town and country at a position (``NOWHERE`` without one, or far from any town)."""
    if latitude is None or longitude is None:
        from pictopy_desktop.library.geocoding import NOWHERE

        return NOWHERE
    return names_at([(latitude, longitude)])[0]


@dataclass
class Place:
    """A town (or a spot far from any) with its photos' count and a cover photo."""

    key: PlaceKey
    city: str  # the town, or the coordinates where there is none
    country: str  # "" far from any town
    count: int = 0
    cover_id: int = 0
    latitude: float = 0.0  # the middle of its busiest cell: where a map opens
    longitude: float = 0.0
    _busiest: int = field(default=0, repr=False)

    @property
    def label(self) -> str:
        """Paris, France; 12.3°N, 45.6°W."""
        return f"{self.city}, {self.country}" if self.country else self.city


@dataclass
class Country:
    """The places of one country (or, with ``code`` "", those far from any town)."""

    code: str
    name: str
    places: list[Place]

    @property
    def count(self) -> int:
        return sum(p.count for p in self.places)

    @property
    def cover_id(self) -> int:
        return self.places[0].cover_id


FAR_FROM_TOWNS = "Far from any town"


def _cells() -> list[tuple[int, int, int]]:
    """(cell, photo count, newest photo id) of every cell holding a visible photo with GPS."""
    q = (
        Image.select(CELL, fn.COUNT(Image.id), fn.MAX(Image.id))
        .where(Image.latitude.is_null(False) & Image.longitude.is_null(False) & visible())
        .group_by(CELL)
        .tuples()
    )
    return list(q)


def places() -> list[Place]:
    """Every place with photos, most photos first."""
    rows = _cells()
    names = cell_names.names(c for c, _, _ in rows)
    found: dict[PlaceKey, Place] = {}
    for cell, n, newest in rows:
        name = names[cell]
        key = key_of(cell, name)
        place = found.get(key)
        if place is None:
            place = found[key] = Place(key, key.city, name.country)
        place.count += n
        place.cover_id = max(place.cover_id, newest)
        if n > place._busiest:
            place._busiest = n
            place.latitude, place.longitude = cell_center(cell)
    return sorted(found.values(), key=lambda p: (-p.count, p.label))


def countries() -> list[Country]:
    """Places grouped by country, most photos first; places far from any town come last."""
    by_code: dict[str, Country] = {}
    for place in places():
        code = place.key.country_code
        if code not in by_code:
            by_code[code] = Country(code, place.country or FAR_FROM_TOWNS, [])
        by_code[code].places.append(place)
    return sorted(by_code.values(), key=lambda c: (c.code == "", -c.count, c.name))


def cells_of(key: PlaceKey) -> list[int]:
    """The cells (with photos) that make up the place ``key``; [] when it has no photos now."""
    rows = _cells()
    names = cell_names.names(c for c, _, _ in rows)
    return [cell for cell, _, _ in rows if key_of(cell, names[cell]) == key]


def in_place(key: PlaceKey) -> Expression:
    """The condition "this photo was taken in ``key``", for any photo query."""
    cells = cells_of(PlaceKey(*key))
    if not cells:
        return SQL("0 = 1")
    return Image.latitude.is_null(False) & CELL.in_(cells)


def images_in(key: PlaceKey) -> list[int]:
    """Ids of the visible photos taken in the place ``key``."""
    return [i for (i,) in Image.select(Image.id).where(visible() & in_place(key)).tuples()]


def map_url(latitude: float, longitude: float, zoom: int = 14) -> str:
    """A link that opens the position in the user's map site (opened by the user, never fetched here)."""
    return f"https://www.openstreetmap.org/?mlat={latitude:.6f}&mlon={longitude:.6f}#map={zoom}/{latitude:.6f}/{longitude:.6f}"
