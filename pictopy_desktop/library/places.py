"""Places: photos grouped by rounded GPS position, offline (no geocoding service is called)."""

from __future__ import annotations

from dataclasses import dataclass

from peewee import fn

from pictopy_desktop.storage.tables import Image
from pictopy_desktop.storage.visibility import visible

# One decimal degree of rounding is about 11 km: a town, not a street.
PLACE_DECIMALS = 1


@dataclass
class Place:
    latitude: float
    longitude: float
    count: int
    cover_id: int

    @property
    def label(self) -> str:
        ns = "N" if self.latitude >= 0 else "S"
        ew = "E" if self.longitude >= 0 else "W"
        return f"{abs(self.latitude):.{PLACE_DECIMALS}f}°{ns}, {abs(self.longitude):.{PLACE_DECIMALS}f}°{ew}"


def map_url(latitude: float, longitude: float, zoom: int = 14) -> str:
    """A link that opens the position in the user's map site (opened by the user, never fetched here)."""
    return f"https://www.openstreetmap.org/?mlat={latitude:.6f}&mlon={longitude:.6f}#map={zoom}/{latitude:.6f}/{longitude:.6f}"


def places() -> list[Place]:
    """Every rounded location with its photo count, most photos first."""
    lat = fn.ROUND(Image.latitude, PLACE_DECIMALS)
    lon = fn.ROUND(Image.longitude, PLACE_DECIMALS)
    q = (
        Image.select(
            lat.alias("lat"),
            lon.alias("lon"),
            fn.COUNT(Image.id).alias("n"),
            fn.MAX(Image.id).alias("cover"),
        )
        .where(Image.latitude.is_null(False) & visible())
        .group_by(lat, lon)
        .order_by(fn.COUNT(Image.id).desc())
        .tuples()
    )
    return [Place(a, b, n, cover) for a, b, n, cover in q]


def images_at(latitude: float, longitude: float) -> list[int]:
    """Photos in the rounded place that (latitude, longitude) names."""
    q = Image.select(Image.id).where(
        visible()
        & (fn.ROUND(Image.latitude, PLACE_DECIMALS) == round(latitude, PLACE_DECIMALS))
        & (fn.ROUND(Image.longitude, PLACE_DECIMALS) == round(longitude, PLACE_DECIMALS))
    )
    return [i for (i,) in q.tuples()]
