"""Write-back into .xmp sidecars: merged, never into the photo, read back unchanged."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import exiv2
import pytest

from pictopy_desktop.cli import main
from pictopy_desktop.library.metadata.face_regions import (
    microsoft_regions,
    mwg_regions,
    rotate_box,
)
from pictopy_desktop.library.metadata.sidecar_export import (
    export_sidecars,
    photos_with_something_to_write,
)
from pictopy_desktop.library.metadata.xmp_reader import read_file_metadata, read_values
from pictopy_desktop.library.metadata.xmp_writer import SidecarWriteError, write_sidecar
from pictopy_desktop.library.service import Library
from pictopy_desktop.people import people_service as ps
from pictopy_desktop.people.face_matching import box_iou
from pictopy_desktop.storage.tables import Face, Image, Keyword, Person
from tests.metadata.sidecars import copy_samples


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    return copy_samples(tmp_path / "samples")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _word(image: Image) -> tuple:
    """What a sidecar can carry for a photo, as the library holds it."""
    faces = sorted(
        (f.person.name, round(f.x1), round(f.y1), round(f.x2), round(f.y2))
        for f in Face.select(Face, Person).join(Person).where(Face.image == image.id)
    )
    keywords = sorted(k.path for k in Keyword.select().where(Keyword.image == image.id))
    return faces, keywords, image.rating, image.rotation


def test_write_merges_into_the_sidecar_and_reads_back_unchanged(
    data_dir: Path, no_models: Path, samples: Path
) -> None:
    photo = samples / "digikam_paris.jpg"
    sidecar = samples / "digikam_paris.jpg.xmp"
    photo_sha = _sha(photo)
    with Library() as lib:
        lib.index([samples])
        image = Image.get(Image.path == str(photo))
        # The user's word: two stars, a quarter turn, a keyword, and a face renamed.
        face = Face.get(Face.image == image.id)
        ps.rename_person(face.person_id, "Eric Patrick Clapton")
        Keyword.create(image=image, name="blues", path="Music|blues", source="user")
        with lib.db.atomic():
            Image.update(rating=2, rotation=90).where(Image.id == image.id).execute()
            image = Image.get_by_id(image.id)
            assert write_sidecar(image) == sidecar
        before = _word(image)
    assert _sha(photo) == photo_sha  # the photo itself is never touched
    # The same library (libexiv2) reads it: digiKam's own properties are still there.
    values = read_values(sidecar.read_bytes())
    assert values.text["Xmp.digiKam.ColorLabel"] == "1"
    assert values.arrays["Xmp.digiKam.TagsList"] == [
        "Places/France/Paris",
        "People/Eric Clapton",
        "concert",
    ]
    assert "Xmp.MP.RegionInfo/MPRI:Regions[1]/MPReg:PersonDisplayName" in values.text
    assert values.text["Xmp.xmp.Rating"] == "2"
    assert values.text["Xmp.tiff.Orientation"] == "6"  # a quarter turn clockwise
    assert "Music|blues" in values.arrays["Xmp.lr.hierarchicalSubject"]
    names = [v for k, v in values.text.items() if k.endswith("mwg-rs:Name")]
    assert names == ["Eric Patrick Clapton"]  # the renamed face replaced the old region
    # Our reader gives back what was written...
    meta = read_file_metadata(photo)
    assert meta.rating == 2 and meta.orientation == 6
    assert [r.name for r in meta.regions] == ["Eric Patrick Clapton"]
    # ... and a fresh library made from the files holds the same word.
    (data_dir / "library.sqlite3").unlink()
    with Library() as lib:
        lib.index([samples])
        assert _word(Image.get(Image.path == str(photo))) == before
    assert _sha(photo) == photo_sha


def test_a_new_sidecar_round_trips_and_other_content_is_kept(
    data_dir: Path, no_models: Path, samples: Path
) -> None:
    photo = samples / "picasa_family.jpg"  # its metadata is embedded: no sidecar yet
    photo_sha = _sha(photo)
    with Library() as lib:
        lib.index([samples])
        image = Image.get(Image.path == str(photo))
        before = _word(image)
        report = export_sidecars(lib.db, [image.id])
    assert report.written == [str(samples / "picasa_family.jpg.xmp")] and not report.failed
    assert _sha(photo) == photo_sha
    values = read_values((samples / "picasa_family.jpg.xmp").read_bytes())
    assert sorted(values.arrays["Xmp.dc.subject"]) == ["family", "garden"]
    # A second write says the same again: write-back is idempotent.
    with Library() as lib:
        export_sidecars(lib.db, [image.id])
    assert read_values((samples / "picasa_family.jpg.xmp").read_bytes()) == values
    (data_dir / "library.sqlite3").unlink()
    with Library() as lib:
        lib.index([samples])
        assert _word(Image.get(Image.path == str(photo))) == before


def test_lightroom_sidecar_keeps_develop_settings_and_the_focus_region(
    data_dir: Path, no_models: Path, samples: Path
) -> None:
    with Library() as lib:
        lib.index([samples])
        image = Image.get(Image.path == str(samples / "lightroom_beach.jpg"))
        with lib.db.atomic():
            Image.update(rating=3).where(Image.id == image.id).execute()
            write_sidecar(Image.get_by_id(image.id))
    values = read_values((samples / "lightroom_beach.xmp").read_bytes())
    assert values.text["Xmp.crs.Exposure2012"] == "+0.35"
    assert values.text["Xmp.xmp.Label"] == "Green"
    assert values.text["Xmp.xmp.Rating"] == "3"
    assert values.first("Xmp.dc.title") == "Evening swim"


def test_unreadable_or_linked_sidecars_are_left_alone(
    data_dir: Path, no_models: Path, samples: Path, tmp_path: Path
) -> None:
    broken = samples / "digikam_paris.jpg.xmp"
    broken.write_bytes(b"<x:xmpmeta this is not XML")
    target = tmp_path / "elsewhere.xmp"
    target.write_bytes(b"")
    (samples / "lightroom_beach.xmp").unlink()
    (samples / "lightroom_beach.jpg.xmp").symlink_to(target)
    with Library() as lib:
        report = lib.index([samples])
        assert any("digikam_paris.jpg.xmp could not be read" in m for m in report.messages)
        for name in ("digikam_paris.jpg", "lightroom_beach.jpg"):
            image = Image.get(Image.path == str(samples / name))
            with lib.db.atomic():
                Image.update(rating=1).where(Image.id == image.id).execute()
            with pytest.raises(SidecarWriteError) as info, lib.db.atomic():
                write_sidecar(Image.get_by_id(image.id))
            assert "Did not write" in str(info.value)
    assert broken.read_bytes() == b"<x:xmpmeta this is not XML"
    assert target.read_bytes() == b""


def test_export_xmp_cli(data_dir: Path, no_models: Path, samples: Path, capsys) -> None:
    d = ["--data-dir", str(data_dir)]
    assert main([*d, "index", str(samples)]) == 0
    capsys.readouterr()
    with Library():
        expected = len(photos_with_something_to_write())
    assert main([*d, "export", "xmp", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["written"]) == expected and out["failed"] == []
    assert main([*d, "export", "xmp", str(samples / "rejected.jpg")]) == 0
    assert "Wrote 0 sidecars; the photos were not changed." in capsys.readouterr().out
    assert main([*d, "export", "xmp", str(samples / "nowhere")]) == 1
    assert "neither a photo nor a folder" in capsys.readouterr().err


def test_exiv2_is_the_library_that_wrote_it(samples: Path) -> None:
    """The sidecars are plain XMP packets any XMP reader parses (libexiv2 here)."""
    image = exiv2.ImageFactory.open((samples / "digikam_paris.jpg.xmp").read_bytes())
    image.readMetadata()
    assert image.xmpData().count() > 0


def _without_mwg_regions(sidecar: Path) -> None:
    """Leave only Microsoft's regions in ``sidecar``, as Windows Photo Gallery writes it."""
    doc = exiv2.ImageFactory.open(sidecar.read_bytes())
    doc.readMetadata()
    xmp = doc.xmpData()
    for key in [d.key() for d in xmp if d.key().startswith("Xmp.mwg-rs.Regions")]:
        del xmp[key]
    doc.writeMetadata()
    with doc.io().mmap() as view:
        sidecar.write_bytes(bytes(view))


def test_microsoft_regions_turn_with_the_photo_and_read_back_unchanged(
    data_dir: Path, no_models: Path, samples: Path
) -> None:
    photo = samples / "digikam_paris.jpg"
    sidecar = samples / "digikam_paris.jpg.xmp"
    _without_mwg_regions(sidecar)  # Windows' regions only: the face is read from them
    drawn = microsoft_regions(read_values(sidecar.read_bytes()).text)
    assert [r.name for r in drawn] == ["Eric Clapton"]
    with Library() as lib:
        lib.index([samples])
        image = Image.get(Image.path == str(photo))
        with lib.db.atomic():
            Image.update(rotation=90).where(Image.id == image.id).execute()
            image = Image.get_by_id(image.id)
            write_sidecar(image)
        before = _word(image)
    assert before[0] and before[0][0][0] == "Eric Clapton"
    values = read_values(sidecar.read_bytes())
    assert values.text["Xmp.tiff.Orientation"] == "6"
    (turned,) = microsoft_regions(values.text)
    (ours,) = mwg_regions(values.text)
    # Both layouts now put the face where it is on the turned photo.
    assert turned.box == pytest.approx(rotate_box(drawn[0].box, 1), abs=1e-5)
    assert box_iou(turned.box, ours.box) > 0.99
    # A reader of Microsoft's regions alone (Windows) finds the face where the library has it.
    _without_mwg_regions(sidecar)
    (data_dir / "library.sqlite3").unlink()
    with Library() as lib:
        lib.index([samples])
        image = Image.get(Image.path == str(photo))
        assert _word(image) == before
        # Turned back upright: the rectangle is the one Windows wrote, not turned twice.
        with lib.db.atomic():
            Image.update(rotation=0).where(Image.id == image.id).execute()
            write_sidecar(Image.get_by_id(image.id))
    (back,) = microsoft_regions(read_values(sidecar.read_bytes()).text)
    assert back.box == pytest.approx(drawn[0].box, abs=1e-5)


def test_a_photo_named_like_a_sidecar_is_never_rewritten_as_one(
    data_dir: Path, no_models: Path, samples: Path
) -> None:
    """ "beach.xmp" holding a JPEG (indexed as a photo by its content) is not the sidecar of
    "beach.jpg": writing back refuses it, its bytes and mode unchanged; a real sidecar keeps
    its mode when rewritten."""
    import os
    import shutil

    from pictopy_desktop.library.metadata.xmp_writer import SidecarWriteError

    folder = samples / "odd"
    folder.mkdir()
    shutil.copy(samples / "digikam_paris.jpg", folder / "beach.jpg")
    shutil.copy(samples / "lightroom_beach.jpg", folder / "beach.xmp")  # a JPEG, named .xmp
    (folder / "beach.xmp").chmod(0o644)
    before = (folder / "beach.xmp").read_bytes()
    (samples / "digikam_paris.jpg.xmp").chmod(0o644)
    with Library() as lib:
        lib.index([samples])
        photo = Image.get(Image.path == str(folder / "beach.jpg"))
        with lib.db.atomic():
            Image.update(rating=2).where(Image.id == photo.id).execute()
            with pytest.raises(SidecarWriteError, match="not an XMP sidecar"):
                write_sidecar(Image.get_by_id(photo.id))
            paris = Image.get(Image.path == str(samples / "digikam_paris.jpg"))
            Image.update(rating=4).where(Image.id == paris.id).execute()
            write_sidecar(Image.get_by_id(paris.id))
    assert (folder / "beach.xmp").read_bytes() == before
    assert os.stat(folder / "beach.xmp").st_mode & 0o777 == 0o644
    assert os.stat(samples / "digikam_paris.jpg.xmp").st_mode & 0o777 == 0o644
