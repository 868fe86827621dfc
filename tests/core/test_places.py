"""Places named offline from real GPS positions; countries and towns; trips titled with them;
and `pictopy places`/`pictopy memories` saying why when they have nothing to list."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from pictopy_desktop.cli import main
from pictopy_desktop.library import geocoding, memories, places
from pictopy_desktop.library import read_model as bq
from pictopy_desktop.library.service import Library
from pictopy_desktop.storage.tables import Image
from tests.core.test_gallery_features import exif_photo

PARIS = (48.8566, 2.3522)  # Hôtel de Ville
TOKYO = (35.6762, 139.6503)  # Tokyo's official centre, in a ward with a name of its own
SHIBUYA = (35.6595, 139.7005)
VERSAILLES = (48.8049, 2.1204)  # the palace: a town of its own beside a bigger "new town"
ATLANTIC = (0.0, -30.0)  # the middle of the ocean: 480 km from Fernando de Noronha
REYKJAVIK = (64.1466, -21.9426)


@pytest.mark.parametrize(
    ("point", "city", "country"),
    [
        (PARIS, "Paris", "France"),
        (TOKYO, "Tokyo", "Japan"),
        (SHIBUYA, "Tokyo", "Japan"),
        (VERSAILLES, "Versailles", "France"),
        (REYKJAVIK, "Reykjavík", "Iceland"),
        (ATLANTIC, "", ""),
        ((89.9, 0.0), "", ""),  # the North Pole: no town, and no error
    ],
)
def test_positions_are_named_offline(point, city, country) -> None:
    name = geocoding.place_names([point])[0]
    assert (name.city, name.country) == (city, country)


def test_the_date_line_and_many_positions_at_once() -> None:
    # Egvekinot (Chukotka) lies at 179.12°W; a photo at 179.8°E is 48 km west of it, across
    # the date line: the search runs on the sphere, not on flat latitude and longitude.
    across, beside = geocoding.place_names([(66.32, 179.8), (66.32, -179.2)])
    assert across.city == beside.city == "Egvekinot"
    assert len(geocoding.place_names([PARIS] * 1000)) == 1000
    assert geocoding.place_names([]) == []


def test_the_cell_cache_is_bounded_by_count() -> None:
    cache = places._CellNames(limit=3)
    cells = [places.cell_of(48.0 + i / 10, 2.0) for i in range(5)]
    names = cache.names(cells)
    assert set(names) == set(cells) and len(cache) == 3
    assert cache.names(cells[:1])[cells[0]] == names[cells[0]]  # looked up again, same answer
    assert len(cache) == 3


@pytest.fixture
def travels(tmp_path: Path, shared_photos_dir: Path, monkeypatch) -> Path:
    """Real GPS positions: a week in Paris and Versailles, a trip to Tokyo, photos at sea, one
    without GPS."""
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(tmp_path / "none"))
    folder = tmp_path / "photos"
    folder.mkdir()
    src = sorted((shared_photos_dir / "darknet").glob("*.jpg"))
    shots = (
        [(PARIS, dt.datetime(2019, 6, 3, 9) + dt.timedelta(hours=4 * i)) for i in range(5)]
        + [(VERSAILLES, dt.datetime(2019, 6, 4, 5) + dt.timedelta(hours=4 * i)) for i in range(2)]
        + [(TOKYO, dt.datetime(2023, 4, 1, 8) + dt.timedelta(hours=5 * i)) for i in range(3)]
        + [(SHIBUYA, dt.datetime(2023, 4, 1, 23) + dt.timedelta(hours=5 * i)) for i in range(3)]
        + [(ATLANTIC, dt.datetime(2021, 8, 1, 12 + i)) for i in range(2)]
    )
    for i, (gps, taken) in enumerate(shots):
        exif_photo(src[i % len(src)], folder / f"p{i:02d}.jpg", taken, gps)
    exif_photo(src[0], folder / "no-gps.jpg", dt.datetime(2022, 1, 1, 12))
    return folder


def test_places_by_country_then_town(tmp_path: Path, travels: Path, capsys) -> None:
    with Library(tmp_path / "data") as lib:
        lib.index([travels])
        found = places.countries()
        assert [(c.name, c.count) for c in found] == [
            ("France", 7),
            ("Japan", 6),
            (places.FAR_FROM_TOWNS, 2),  # at sea: its coordinates, never a made-up town
        ]
        assert [(p.city, p.count) for p in found[0].places] == [("Paris", 5), ("Versailles", 2)]
        assert [(p.label, p.count) for p in found[1].places] == [("Tokyo, Japan", 6)]
        assert [p.label for p in found[2].places] == ["0.0°N, 30.0°W"]
        # Every card has a cover among its own photos.
        for country in found:
            for place in country.places:
                assert place.cover_id in places.images_in(place.key)

        # A place opens the photos taken there, the same number the card says.
        tokyo = bq.GalleryFilter(bq.PLACE, places.PlaceKey("JP", "Tokyo"), "Tokyo, Japan")
        assert bq.count(tokyo) == 6
        ids, _ = bq.gallery_index(tokyo)
        assert {Path(Image.get_by_id(i).path).name for i in ids} == {
            f"p{i:02d}.jpg" for i in range(7, 13)
        }
        sea = found[2].places[0]
        assert bq.count(bq.GalleryFilter(bq.PLACE, sea.key, sea.label)) == 2

        listing = bq.places_listing()
        assert [c.name for c in listing] == ["France", "Japan", places.FAR_FROM_TOWNS]
        assert all(p.cover_thumbnail for c in listing for p in c.places)

        trips = {m.title: len(m.image_ids) for m in memories.events()}
        assert trips == {
            "Tokyo, April 2023": 6,
            "Paris, June 2019": 7,  # five in Paris, two in Versailles: it reads "Paris"
        }

    d = ["--data-dir", str(tmp_path / "data")]
    assert main([*d, "places"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "France: 7 photos" and out[1].split()[:2] == ["5", "Paris"]
    assert "Japan: 6 photos" in out and "Far from any town: 2 photos" in out
    assert main([*d, "places", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[1]["country_code"] == "JP" and data[1]["places"][0]["city"] == "Tokyo"
    assert "openstreetmap.org" in data[1]["places"][0]["map"]
    assert main([*d, "memories"]) == 0
    assert "Paris, June 2019" in capsys.readouterr().out


def test_empty_listings_say_why_when_photos_lack_gps_or_dates(
    tmp_path: Path, shared_photos_dir: Path, monkeypatch, capsys
) -> None:
    """The openface photos: 2 of 10 carry a capture date, none a GPS position, no memory."""
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(tmp_path / "none"))
    d = ["--data-dir", str(tmp_path / "data")]
    assert main([*d, "index", str(shared_photos_dir / "openface")]) == 0
    capsys.readouterr()
    with Library(tmp_path / "data"):
        counts = memories.date_counts()
    assert counts.photos > counts.dated > 0
    assert main([*d, "places"]) == 0
    assert capsys.readouterr().out == (
        f"No places yet: {counts.photos} photos in the library, none with a GPS position "
        "(phones and many cameras record one when location is on); nothing is looked up online.\n"
    )
    assert main([*d, "memories"]) == 0
    assert capsys.readouterr().out == (
        f"No memories yet: {counts.dated} photos with a capture date, but none from this day in "
        f"an earlier year, and no day or trip with {memories.MIN_EVENT_PHOTOS} of them yet.\n"
    )
    assert main([*d, "memories", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_dates_stored_as_text_still_count(tmp_path: Path, travels: Path) -> None:
    """A date that peewee can't parse back (an ISO "T") is still a date, never "no date"."""
    with Library(tmp_path / "data") as lib:
        lib.index([travels])
        before = memories.date_counts()
        Image.update(taken_at="2019-06-03T09:00:00").where(Image.taken_at.is_null(False)).execute()
        assert memories.date_counts() == before
