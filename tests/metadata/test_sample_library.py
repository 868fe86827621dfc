"""Indexing the sample library (tests/sample_library) gives what its writers put there.

digiKam, Lightroom, Picasa and Windows Photo Gallery layouts, sidecars and embedded, with
no models: keywords, ratings, colour labels, titles, captions, named people, places,
dates and time zones, as ``manifest.json`` lists them.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from pictopy_desktop.library import read_model
from pictopy_desktop.library.service import Library
from pictopy_desktop.storage.tables import Face, FaceSource, Image, Keyword, Person
from tests.metadata.sidecars import copy_samples

SAMPLES = Path(__file__).resolve().parent.parent / "sample_library"
MANIFEST = json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture
def sample_folder(tmp_path: Path) -> Path:
    return copy_samples(tmp_path / "samples")


def _people(image: Image) -> list[str]:
    return sorted(
        p.name
        for p in Person.select()
        .join(Face)
        .where((Face.image == image.id) & (Face.ignored == False))
    )


def test_sample_library_indexes_into_expected_metadata(
    data_dir: Path, no_models: Path, sample_folder: Path
) -> None:
    with Library() as lib:
        report = lib.index([sample_folder])
        assert report.failed == []
        for name, expected in MANIFEST.items():
            image = Image.get(Image.path == str(sample_folder / name))
            keywords = sorted(k.path for k in Keyword.select().where(Keyword.image == image.id))
            if "keywords" in expected:
                assert keywords == sorted(expected["keywords"]), name
            if "rating" in expected:
                assert image.rating == expected["rating"], name
            if "favourite" in expected:
                assert image.favourite == expected["favourite"], name
            for field in ("color_label", "title", "description", "utc_offset_min"):
                if field in expected:
                    assert getattr(image, field) == expected[field], (name, field)
            if "people" in expected:
                assert _people(image) == sorted(expected["people"]), name
            if "place" in expected:
                assert image.latitude == pytest.approx(expected["place"][0], abs=1e-3), name
                assert image.longitude == pytest.approx(expected["place"][1], abs=1e-3), name
            if "taken_at" in expected:
                assert image.taken_at == dt.datetime.fromisoformat(expected["taken_at"]), name
        # With no models, every named region is a face of its own, named and confirmed.
        faces = list(Face.select())
        assert faces and all(f.source == FaceSource.METADATA and f.confirmed for f in faces)
        assert all(f.embedding is None for f in faces)
        assert {p.name for p in Person.select()} == {
            "Eric Clapton",
            "Anna Weber",
            "Grandma Rose",
            "Tom Baker",
        }
        assert all(p.user_named for p in Person.select())
        # Anna is one person across two writers' photos.
        anna = Person.get(Person.name == "Anna Weber")
        assert Face.select().where(Face.person == anna.id).count() == 2


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Paris", {"digikam_paris.jpg"}),
        ("France", {"digikam_paris.jpg", "lightroom_beach.jpg"}),
        ("beach", {"lightroom_beach.jpg"}),
        ("swim", {"lightroom_beach.jpg"}),  # the title
        ("sunday", {"picasa_family.jpg"}),  # the caption
        ("birthday", {"windows_party.jpg"}),
        ("Anna", {"lightroom_beach.jpg", "picasa_family.jpg"}),
    ],
)
def test_keywords_titles_and_captions_are_searchable(
    data_dir: Path, no_models: Path, sample_folder: Path, words: str, expected: set[str]
) -> None:
    with Library() as lib:
        lib.index([sample_folder])
        found = {Path(r["path"]).name for r in read_model.search(words)["results"]}
        assert found == expected


def test_faces_without_embeddings_pass_through_every_face_reader(
    data_dir: Path, no_models: Path, sample_folder: Path
) -> None:
    from pictopy_desktop.errors import PictoPyError
    from pictopy_desktop.library import read_model as bq
    from pictopy_desktop.library.face_search import similar_to_face
    from pictopy_desktop.people.recluster import recluster
    from pictopy_desktop.people.suggestions import list_suggestions

    with Library() as lib:
        lib.index([sample_folder])
        before = {f.id: f.person_id for f in Face.select()}
        recluster(lib)  # nothing to cluster; every name from the files stays
        assert {f.id: f.person_id for f in Face.select()} == before
        rows = {r.name: r for r in bq.people_rows()}
        assert rows["Anna Weber"].face_count == 2 and rows["Anna Weber"].photo_count == 2
        anna = rows["Anna Weber"].id
        assert len(bq.faces_of_person(anna)) == 2
        assert bq.unknown_faces() == []
        assert list_suggestions(lib) == [] and list_suggestions(lib, anna) == []
        face_id = bq.faces_of_person(anna)[0].id
        with pytest.raises(PictoPyError, match="another program named"):
            similar_to_face(face_id, 0.5)


def test_filter_by_rating_in_the_cli_and_the_read_model(
    data_dir: Path, no_models: Path, sample_folder: Path, capsys
) -> None:
    from pictopy_desktop.cli import main
    from pictopy_desktop.library import read_model as bq

    d = ["--data-dir", str(data_dir)]
    assert main([*d, "index", str(sample_folder)]) == 0
    capsys.readouterr()
    assert main([*d, "search", "--rating", "4", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert {Path(r["path"]).name: r["rating"] for r in found["results"]} == {
        "digikam_paris.jpg": 4,
        "lightroom_beach.jpg": 5,
        "windows_party.jpg": 4,
    }
    assert main([*d, "search", "France", "--rating", "5"]) == 0
    assert (
        capsys.readouterr()
        .out.splitlines()[0]
        .endswith("lightroom_beach.jpg  [Anna Weber, Places|France|Marseille, beach]")
    )
    assert main([*d, "search", "--rating", "six"]) == 1
    assert capsys.readouterr().err == "pictopy: --rating takes 0 to 5 stars, not “six”.\n"
    with Library():
        rated = bq.GalleryFilter(bq.RATED, 5)
        assert [Path(r.path).name for r in bq.page(rated, 0, 10)] == ["lightroom_beach.jpg"]


def test_five_stars_make_a_favourite_unless_the_setting_is_off(
    data_dir: Path, no_models: Path, sample_folder: Path
) -> None:
    from pictopy_desktop.settings import load_settings, save_settings

    settings = load_settings(data_dir / "settings.json")
    settings.five_stars_favourite = False
    save_settings(settings, data_dir / "settings.json")
    with Library() as lib:
        lib.index([sample_folder])
        image = Image.get(Image.path == str(sample_folder / "lightroom_beach.jpg"))
        assert image.rating == 5 and not image.favourite
