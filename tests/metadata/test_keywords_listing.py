"""Keywords from the photos' metadata listed beside the detector's tags: the read model, its
gallery filter, and ``pictopy tags`` (text and ``--json`` with a ``source``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pictopy_desktop.cli import main
from pictopy_desktop.library import read_model
from pictopy_desktop.library.service import Library
from pictopy_desktop.storage.tables import Image, Keyword, ObjectTag, Presence
from tests.metadata.sidecars import SAMPLES, copy_samples

MANIFEST = json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    return copy_samples(tmp_path / "samples")


def _photos_of(path: str) -> list[str]:
    f = read_model.GalleryFilter(read_model.KEYWORD, path)
    ids, _ = read_model.gallery_index(f)
    return sorted(Path(Image.get_by_id(i).path).name for i in ids)


def test_keywords_are_listed_by_path_and_open_their_photos(
    data_dir: Path, no_models: Path, samples: Path
) -> None:
    expected: dict[str, list[str]] = {}
    for name, meta in MANIFEST.items():
        for path in meta["keywords"]:
            expected.setdefault(path, []).append(name)
    with Library() as lib:
        lib.index([samples])
        rows = read_model.keywords_listing(with_images=True)
        # Every keyword of the samples, a hierarchy reading together (sorted by path).
        assert [r.path for r in rows] == sorted(expected, key=lambda p: (p.lower(), p))
        paris = next(r for r in rows if r.path == "Places|France|Paris")
        assert (paris.name, paris.label) == ("Paris", "Places › France › Paris")
        assert paris.sample_thumbnail is not None
        for row in rows:
            assert row.count == len(expected[row.path])
            assert sorted(Path(p).name for p in row.images) == sorted(expected[row.path])
            assert _photos_of(row.path) == sorted(expected[row.path])
        # A photo confirmed gone leaves the listing and the keyword's gallery.
        gone = Image.get(Image.path == str(samples / "digikam_paris.jpg"))
        with lib.db.atomic():
            Image.update(presence=Presence.MISSING).where(Image.id == gone.id).execute()
        assert "Places|France|Paris" not in {r.path for r in read_model.keywords_listing()}
        assert _photos_of("Places|France|Paris") == []
        assert Keyword.select().where(Keyword.image == gone.id).count() == 3  # kept, not shown


def test_pictopy_tags_lists_keywords_with_their_source(
    data_dir: Path, no_models: Path, samples: Path, capsys
) -> None:
    d = ["--data-dir", str(data_dir)]
    assert main([*d, "index", str(samples)]) == 0
    with Library():
        # A thing the detector found, so both kinds are listed (no models in this test).
        beach = Image.get(Image.path == str(samples / "lightroom_beach.jpg"))
        ObjectTag.create(image=beach, label="person", confidence=0.9, x1=1, y1=1, x2=9, y2=9)
    capsys.readouterr()
    assert main([*d, "tags"]) == 0
    out = capsys.readouterr().out
    assert out.index("person") < out.index("Keywords from the photos' metadata (XMP/IPTC):")
    assert "     1  Places > France > Paris\n" in out
    assert main([*d, "tags", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0] == {
        "label": "person",
        "source": "detector",
        "count": 1,
        "images": [str(samples / "lightroom_beach.jpg")],
    }
    paris = next(t for t in listed if t.get("path") == "Places|France|Paris")
    assert paris == {
        "label": "Places > France > Paris",
        "path": "Places|France|Paris",
        "source": "keyword",
        "count": 1,
        "images": [str(samples / "digikam_paris.jpg")],
    }
    assert {t["source"] for t in listed} == {"detector", "keyword"}
