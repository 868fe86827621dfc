"""A RAW is paired with a JPEG only when they show the same picture, by every route: a JPEG
of another picture arriving beside a known RAW, both arriving together, and a pair's RAW
replaced by another picture. Nothing the user gave one picture moves to another, and a
delete never trashes a file that is not the photo's own RAW. Uses the sample library's
Paris pair and Tokyo RAW (``tests/sample_library``)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from pictopy_desktop.library.companion_identity import stored_identity
from pictopy_desktop.library.photo_trash import trash_photos
from pictopy_desktop.library.service import Library
from pictopy_desktop.storage.tables import Image, Presence
from tests.core.pair_samples import PARIS_JPEG, PARIS_RAW, SAMPLES, TOKYO_RAW, copy_sample
from tests.safety.library_helpers import at, give, user_data


def test_a_jpeg_of_another_picture_beside_a_known_raw_is_a_photo_of_its_own(
    data_dir: Path, no_models: Path, tmp_path: Path
) -> None:
    """The tester's route a): the Tokyo RAW keeps its photo, heart, album and names; the
    Paris JPEG with its name is a second photo, and stays one at every index."""
    folder = tmp_path / "D"
    raw = copy_sample(TOKYO_RAW, folder / "IMG_1.dng")
    with Library() as lib:
        lib.index([folder])
        tokyo = give(at(raw), "Aiko", "Tokyo", "Shibuya at night")
        tokyo_id = at(raw).id
        jpeg = copy_sample(PARIS_JPEG, folder / "IMG_1.jpg")
        for _ in range(2):
            report = lib.index([folder])
            assert not report.failed
            assert Image.select().count() == 2
            assert at(raw).id == tokyo_id and user_data(tokyo_id) == tokyo
            assert at(raw).companion_path is None and at(raw).presence == Presence.PRESENT
            paris = at(jpeg)
            assert paris.companion_path is None and paris.format == "JPEG"
            assert not paris.favourite and user_data(paris.id).albums == ()


def test_a_raw_of_another_picture_arriving_with_a_jpeg_is_a_photo_of_its_own(
    data_dir: Path, no_models: Path, tmp_path: Path, trash_dir: Path
) -> None:
    """Route b): Paris IMG_1.jpg and Tokyo IMG_1.dng together are two photos, so deleting
    the Paris photo trashes the Paris JPEG alone."""
    folder = tmp_path / "D"
    jpeg = copy_sample(PARIS_JPEG, folder / "IMG_1.jpg")
    raw = copy_sample(TOKYO_RAW, folder / "IMG_1.dng")
    with Library() as lib:
        report = lib.index([folder])
        assert report.indexed == 2 and not report.failed
        assert {Path(i.path).name: i.companion_path for i in Image.select()} == {
            "IMG_1.jpg": None,
            "IMG_1.dng": None,
        }
        assert at(raw).format == "RAW-DNG"
        assert stored_identity(at(jpeg).id) is None
        outcome = trash_photos([at(jpeg).id])
        assert not outcome.refused and outcome.companions == []
        assert not jpeg.exists() and raw.read_bytes() == TOKYO_RAW.read_bytes()
        assert at(raw).presence == Presence.PRESENT


def test_a_jpeg_given_alone_brings_its_raw_of_another_picture_in(
    data_dir: Path, no_models: Path, tmp_path: Path
) -> None:
    """A file watcher hands over the JPEG only: the RAW it is not paired with is read too."""
    folder = tmp_path / "D"
    jpeg = copy_sample(PARIS_JPEG, folder / "IMG_1.jpg")
    raw = copy_sample(TOKYO_RAW, folder / "IMG_1.dng")
    with Library() as lib:
        lib.index([jpeg])
        assert {Path(i.path).name for i in Image.select()} == {"IMG_1.jpg", "IMG_1.dng"}
        assert at(jpeg).companion_path is None and at(raw).companion_path is None


def test_a_pairs_raw_replaced_by_another_picture_becomes_a_photo_of_its_own(
    data_dir: Path, no_models: Path, tmp_path: Path, trash_dir: Path
) -> None:
    """Route c): the JPEG's photo keeps everything and stops showing the RAW; the new RAW
    is a photo of its own, and deleting the JPEG's photo never trashes it."""
    folder = tmp_path / "D"
    jpeg = copy_sample(PARIS_JPEG, folder / "IMG_1.jpg")
    raw = copy_sample(PARIS_RAW, folder / "IMG_1.dng")
    with Library() as lib:
        lib.index([folder])
        paired = at(jpeg)
        assert paired.companion_path == str(raw) and Image.select().count() == 1
        paris = give(paired, "Marie", "Paris", "Quai de Seine")
        shutil.copyfile(TOKYO_RAW, raw)
        report = lib.index([folder])
        assert not report.failed and Image.select().count() == 2
        after = at(jpeg)
        assert after.id == paired.id and after.companion_path is None
        assert user_data(after.id) == paris and stored_identity(after.id) is None
        tokyo = at(raw)
        assert tokyo.format == "RAW-DNG" and user_data(tokyo.id).albums == ()
        outcome = trash_photos([after.id])
        assert not outcome.refused and outcome.companions == []
        assert not jpeg.exists() and raw.read_bytes() == TOKYO_RAW.read_bytes()


def test_a_raw_replaced_and_its_jpeg_deleted_never_takes_the_photo_over(
    data_dir: Path, no_models: Path, tmp_path: Path
) -> None:
    """The JPEG is gone and another picture has the RAW's name: the photo does not become
    that picture (it is missing, with everything kept); the RAW is a photo of its own."""
    folder = tmp_path / "D"
    jpeg = copy_sample(PARIS_JPEG, folder / "IMG_1.jpg")
    raw = copy_sample(PARIS_RAW, folder / "IMG_1.dng")
    with Library() as lib:
        lib.index([folder])
        paris = give(at(jpeg), "Marie", "Paris", "Quai de Seine")
        row_id = at(jpeg).id
        shutil.copyfile(TOKYO_RAW, raw)
        jpeg.unlink()
        lib.index([folder])
        kept = Image.get_by_id(row_id)
        assert kept.path == str(jpeg) and kept.presence == Presence.MISSING
        assert kept.companion_path is None and user_data(row_id) == paris
        tokyo = at(raw)
        assert tokyo.id != row_id and user_data(tokyo.id).albums == ()


def test_a_real_pair_is_still_one_photo_and_is_checked_once(
    data_dir: Path, no_models: Path, tmp_path: Path, trash_dir: Path
) -> None:
    """The sample Paris pair is one photo; a rescan does not read it again; delete trashes both."""
    folder = tmp_path / "D"
    jpeg = copy_sample(PARIS_JPEG, folder / "IMG_1.jpg")
    raw = copy_sample(PARIS_RAW, folder / "IMG_1.dng")
    with Library() as lib:
        lib.index([folder])
        (row,) = Image.select()
        assert (row.path, row.companion_path) == (str(jpeg), str(raw))
        assert stored_identity(row.id).picture_checked
        again = lib.index([folder])
        assert (again.indexed, again.unchanged) == (0, 1)
        outcome = trash_photos([row.id])
        assert not outcome.refused and not jpeg.exists() and not raw.exists()


def test_a_raw_replaced_while_the_index_runs_is_not_vouched_for(
    data_dir: Path, no_models: Path, tmp_path: Path, trash_dir: Path, monkeypatch
) -> None:
    """The RAW is checked before the files are read and replaced before its identity is
    recorded: no identity is kept for it, so a delete refuses it, and the next index finds
    another picture and makes it a photo of its own."""
    from pictopy_desktop.library import indexer

    folder = tmp_path / "D"
    jpeg = copy_sample(PARIS_JPEG, folder / "IMG_1.jpg")
    raw = copy_sample(PARIS_RAW, folder / "IMG_1.dng")
    real_record = indexer.record_companions

    def swap_then_record(*args, **kwargs) -> None:
        shutil.copyfile(TOKYO_RAW, raw)
        os.utime(raw, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
        real_record(*args, **kwargs)

    monkeypatch.setattr(indexer, "record_companions", swap_then_record)
    with Library() as lib:
        lib.index([folder])
        row_id = at(jpeg).id
        assert at(jpeg).companion_path == str(raw) and stored_identity(row_id) is None
        outcome = trash_photos([row_id])
        assert outcome.trashed == [] and "re-index first" in outcome.refused[0][1]
        monkeypatch.setattr(indexer, "record_companions", real_record)
        lib.index([folder])
        assert at(jpeg).companion_path is None and at(raw).id != row_id
        assert raw.read_bytes() == TOKYO_RAW.read_bytes()


def test_a_pair_made_by_name_before_pairs_were_checked_is_checked_once(
    data_dir: Path, no_models: Path, tmp_path: Path
) -> None:
    """A library paired by file name alone (the Tokyo RAW hidden behind the Paris JPEG, with
    an identity recorded then) is checked at the next index: two photos, the JPEG's keeps
    everything."""
    import json
    from dataclasses import asdict

    from pictopy_desktop.library.companion_identity import read_identity
    from pictopy_desktop.storage.tables import Meta

    folder = tmp_path / "D"
    jpeg = copy_sample(PARIS_JPEG, folder / "IMG_1.jpg")
    with Library() as lib:
        lib.index([folder])
        raw = copy_sample(TOKYO_RAW, folder / "IMG_1.dng")
        row = at(jpeg)
        paris = give(row, "Marie", "Paris", "Quai de Seine")
        Image.update(companion_path=str(raw)).where(Image.id == row.id).execute()
        legacy = asdict(read_identity(str(raw)))
        del legacy["picture_checked"]  # as written before pairs were checked
        Meta.create(key=f"raw_companion.{row.id}", value=json.dumps(legacy))
        assert stored_identity(row.id) is not None and not stored_identity(row.id).picture_checked
        lib.index([folder])
        assert at(jpeg).companion_path is None and user_data(row.id) == paris
        assert stored_identity(row.id) is None and at(raw).format == "RAW-DNG"


def test_a_pairs_jpeg_replaced_by_another_picture_leaves_the_raw_a_photo_of_its_own(
    data_dir: Path, no_models: Path, tmp_path: Path, trash_dir: Path
) -> None:
    """The pair is checked again when its JPEG changed: another picture at the JPEG's name
    keeps the JPEG's row (as any file changed in place does), and the Paris RAW is no longer
    hidden behind it nor trashed with it."""
    folder = tmp_path / "D"
    jpeg = copy_sample(PARIS_JPEG, folder / "IMG_1.jpg")
    raw = copy_sample(PARIS_RAW, folder / "IMG_1.dng")
    with Library() as lib:
        lib.index([folder])
        row_id = at(jpeg).id
        shutil.copyfile(SAMPLES / "picasa_family.jpg", jpeg)
        lib.index([folder])
        assert at(jpeg).id == row_id and at(jpeg).companion_path is None
        assert at(raw).id != row_id and at(raw).presence == Presence.PRESENT
        outcome = trash_photos([row_id])
        assert not outcome.refused and outcome.companions == []
        assert raw.read_bytes() == PARIS_RAW.read_bytes()
