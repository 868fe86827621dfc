"""RAW+JPEG pairs are one photo: the JPEG's row names the RAW, both files are kept, the RAW
never becomes a duplicate photo, and a JPEG deleted elsewhere leaves the RAW as the photo."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from pictopy_desktop.library import read_model as bq
from pictopy_desktop.library.duplicates import find_duplicates, trash_duplicates, trash_groups
from pictopy_desktop.library.linked_rows import give_user_data
from pictopy_desktop.library.raw_pairs import find_pairs
from pictopy_desktop.library.service import Library
from pictopy_desktop.library.transfer import copy_photos
from pictopy_desktop.storage.tables import Album, AlbumImage, Face, Image, Person, Presence
from tests.media_samples import make_dng, make_jpeg
from tests.safety.library_helpers import UserData, at, give, user_data

SHOT = dt.datetime(2020, 7, 14, 18, 5, 0)


def _pair(folder: Path, stem: str = "DSC_0042", seed: int = 0) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    jpeg = make_jpeg(folder / f"{stem}.JPG", SHOT, seed=seed)
    raw = make_dng(folder / f"{stem}.NEF", SHOT, seed=seed)
    return jpeg, raw


def _rows() -> dict[str, Image]:
    return {Path(i.path).name: i for i in Image.select()}


def test_find_pairs_by_stem_in_one_folder(tmp_path: Path) -> None:
    for name in ["a.JPG", "a.NEF", "b.jpeg", "b.cr3", "c.jpg", "d.dng", "e.heic", "E.ARW"]:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.nef").write_bytes(b"x")  # another folder: not c.jpg's RAW
    pairs = find_pairs([tmp_path / "a.JPG", tmp_path / "d.dng", tmp_path / "sub" / "c.nef"])
    assert {k.name: [r.name for r in v] for k, v in pairs.items()} == {
        "a.JPG": ["a.NEF"],
        "b.jpeg": ["b.cr3"],
        "e.heic": ["E.ARW"],
    }


@pytest.mark.slow
def test_pair_is_one_photo_with_its_raw(data_dir: Path, no_models: Path, tmp_path: Path) -> None:
    jpeg, raw = _pair(tmp_path / "card")
    make_dng(tmp_path / "card" / "DSC_0050.NEF", SHOT, seed=5)  # a RAW with no JPEG
    with Library() as lib:
        report = lib.index([tmp_path / "card"])
        assert report.indexed == 2 and not report.failed
        rows = _rows()
        assert set(rows) == {"DSC_0042.JPG", "DSC_0050.NEF"}  # the paired RAW is no photo
        assert rows["DSC_0042.JPG"].companion_path == str(raw)
        assert rows["DSC_0050.NEF"].companion_path is None
        shown = bq.page(bq.GalleryFilter(), 0, 10)
        assert {Path(r.path).name: r.raw for r in shown} == {
            "DSC_0042.JPG": True,
            "DSC_0050.NEF": True,
        }
        again = lib.index([tmp_path / "card"])
        assert (again.indexed, again.unchanged) == (0, 2)
        # A file watcher hands over the RAW alone: still no photo of its own.
        alone = lib.index([raw])
        assert alone.indexed == 0 and Image.select().count() == 2
    assert jpeg.exists() and raw.exists()  # both files kept


def test_jpeg_deleted_elsewhere_leaves_the_raw_as_the_photo(
    data_dir: Path, no_models: Path, tmp_path: Path
) -> None:
    jpeg, raw = _pair(tmp_path / "card")
    with Library() as lib:
        lib.index([tmp_path / "card"])
        row = Image.get(Image.path == str(jpeg))
        Image.update(favourite=True).where(Image.id == row.id).execute()
        album = Album.create(name="Summer")
        AlbumImage.create(album=album, image=row)
        jpeg.unlink()
        report = lib.index([tmp_path / "card"])
        assert report.indexed == 1 and report.missing == 0
        after = Image.get_by_id(row.id)  # the same photo, with everything it had
        assert after.path == str(raw) and after.companion_path is None
        assert after.format == "RAW-NEF" and after.presence == Presence.PRESENT
        assert after.favourite
        assert AlbumImage.select().where(AlbumImage.image == row.id).count() == 1
        assert Image.select().count() == 1


def test_jpeg_arriving_beside_a_known_raw_keeps_the_raws_photo(
    data_dir: Path, no_models: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "card"
    folder.mkdir()
    raw = make_dng(folder / "IMG_7.CR2", SHOT)
    with Library() as lib:
        lib.index([folder])
        row = Image.get(Image.path == str(raw))
        Image.update(favourite=True).where(Image.id == row.id).execute()
        jpeg = make_jpeg(folder / "IMG_7.JPG", SHOT)
        report = lib.index([folder])
        assert not report.failed
        assert Image.select().count() == 1
        after = Image.get_by_id(row.id)
        assert (after.path, after.companion_path) == (str(jpeg), str(raw))
        assert after.format == "JPEG" and after.favourite


def test_two_photos_of_one_pair_become_one(data_dir: Path, no_models: Path, tmp_path: Path) -> None:
    """A library that holds the RAW as a photo beside its JPEG (as before pairs existed)."""
    folder = tmp_path / "card"
    folder.mkdir()
    jpeg = make_jpeg(folder / "P1.JPG", SHOT)
    other = make_dng(folder / "other.ORF", SHOT)
    with Library() as lib:
        lib.index([folder])
        raw_row = Image.get(Image.path == str(other))
        raw = other.rename(folder / "P1.ORF")
        Image.update(path=str(raw), favourite=True).where(Image.id == raw_row.id).execute()
        album = Album.create(name="Trip")
        AlbumImage.create(album=album, image=raw_row)
        lib.index([folder])
        assert [Path(i.path).name for i in Image.select()] == ["P1.JPG"]
        kept = Image.get(Image.path == str(jpeg))
        assert kept.companion_path == str(raw) and kept.favourite
        assert [a.album.name for a in AlbumImage.select().where(AlbumImage.image == kept.id)] == [
            "Trip"
        ]


def test_raw_deleted_elsewhere_leaves_the_jpeg_alone(
    data_dir: Path, no_models: Path, tmp_path: Path
) -> None:
    jpeg, raw = _pair(tmp_path / "card")
    with Library() as lib:
        lib.index([tmp_path / "card"])
        raw.unlink()
        os.utime(tmp_path / "card")
        lib.index([tmp_path / "card"])
        row = Image.get(Image.path == str(jpeg))
        assert row.companion_path is None and row.presence == Presence.PRESENT


@pytest.mark.parametrize("scan_share", [1, 1_000_000], ids=["index-range", "table-scan"])
def test_a_pairs_bookkeeping_reads_only_the_folders_an_index_saw(
    data_dir: Path, no_models: Path, tmp_path: Path, monkeypatch, scan_share: int
) -> None:
    """A RAW deleted outside the app: the pair is undone when its folder is indexed, also
    when only its JPEG is given; an index of another folder leaves that pair as it was.
    The same whether a walked folder is read through the path index or by a table scan."""
    from pictopy_desktop.library import raw_pairs

    monkeypatch.setattr(raw_pairs, "_SCAN_SHARE", scan_share)
    jpeg, raw = _pair(tmp_path / "card")
    other_jpeg, other_raw = _pair(tmp_path / "other", "IMG_7", seed=3)
    with Library() as lib:
        lib.index([tmp_path / "card", tmp_path / "other"])
        raw.unlink()
        other_raw.unlink()
        lib.index([jpeg])  # one file: its folder is seen, the other folder is not
        assert Image.get(Image.path == str(jpeg)).companion_path is None
        assert Image.get(Image.path == str(other_jpeg)).companion_path == str(other_raw)
        lib.index([tmp_path / "other"])
        row = Image.get(Image.path == str(other_jpeg))
        assert row.companion_path is None and row.presence == Presence.PRESENT


def test_a_photo_that_leaves_the_library_forgets_its_raws_identity(
    data_dir: Path, no_models: Path, tmp_path: Path
) -> None:
    from pictopy_desktop.library.companion_identity import stored_identity
    from pictopy_desktop.library.folder_ops import remove_folder
    from pictopy_desktop.storage.tables import LibraryFolder

    jpeg, raw = _pair(tmp_path / "card")
    with Library() as lib:
        lib.index([tmp_path / "card"])
        row_id = Image.get(Image.path == str(jpeg)).id
        assert stored_identity(row_id).path == str(raw)
        remove_folder(LibraryFolder.get().id, lib.thumbnails_dir)
        assert stored_identity(row_id) is None
    assert jpeg.is_file() and raw.is_file()


@pytest.mark.parametrize("ext", [".dng", ".NEF", ".cr3"])
def test_lone_raw_is_a_photo(data_dir: Path, no_models: Path, tmp_path: Path, ext: str) -> None:
    folder = tmp_path / "card"
    folder.mkdir()
    make_dng(folder / f"only{ext}", SHOT)
    make_jpeg(folder / "different.jpg", SHOT)
    with Library() as lib:
        report = lib.index([folder])
        assert report.indexed == 2 and not report.failed
        assert all(i.companion_path is None for i in Image.select())


def test_export_copies_the_raw_beside_its_jpeg(
    data_dir: Path, no_models: Path, tmp_path: Path
) -> None:
    jpeg, raw = _pair(tmp_path / "card")
    out = tmp_path / "out"
    out.mkdir()
    (out / "DSC_0042.JPG").write_bytes(b"someone else's file")  # the JPEG's name is taken
    with Library() as lib:
        lib.index([tmp_path / "card"])
        ids = [i.id for i in Image.select()]
        report = copy_photos(ids, out)
        assert [Path(p).name for p in report.copied] == ["DSC_0042-1.JPG"]
        assert [Path(p).name for p in report.raw_copied] == ["DSC_0042-1.NEF"]  # still a pair
        assert (out / "DSC_0042-1.NEF").read_bytes() == raw.read_bytes()
        alone = copy_photos(ids, tmp_path / "jpeg-only", with_raw=False)
        assert alone.raw_copied == [] and len(alone.copied) == 1
    assert (out / "DSC_0042.JPG").read_bytes() == b"someone else's file"


def test_raw_restored_alone_brings_the_photo_back(
    data_dir: Path, no_models: Path, tmp_path: Path
) -> None:
    """The pair went to the trash (its row kept, missing); only the RAW comes back."""
    jpeg, raw = _pair(tmp_path / "card")
    with Library() as lib:
        lib.index([tmp_path / "card"])
        row = Image.get(Image.path == str(jpeg))
        Image.update(favourite=True, presence=Presence.MISSING).where(Image.id == row.id).execute()
        jpeg.unlink()
        lib.index([tmp_path / "card"])
        back = Image.get_by_id(row.id)
        assert (back.path, back.presence, back.favourite) == (str(raw), Presence.PRESENT, True)
        assert Image.select().count() == 1


def test_duplicates_keep_the_photo_with_its_raw(
    data_dir: Path, no_models: Path, tmp_path: Path, trash_dir: Path
) -> None:
    jpeg, raw = _pair(tmp_path / "card")
    copy = tmp_path / "phone" / "copy.jpg"
    copy.parent.mkdir()
    copy.write_bytes(jpeg.read_bytes())
    os.utime(copy, (1_000_000_000, 1_000_000_000))  # older: it would be kept otherwise
    with Library() as lib:
        lib.index([tmp_path / "card", tmp_path / "phone"])
        pair_row = Image.get(Image.path == str(jpeg))
        copy_row = Image.get(Image.path == str(copy))
        groups = [g for g in find_duplicates() if g.exact]
        assert [g.image_ids for g in groups] == [[pair_row.id, copy_row.id]]
        # Asked the other way round, the pair's JPEG is not trashed without its RAW.
        refused = trash_duplicates(copy_row.id, [pair_row.id], exact_only=True)
        assert refused.trashed == [] and "RAW" in refused.refused[0][1]
        done = trash_groups(groups)
        assert [Path(p).name for p, _ in done.trashed] == ["copy.jpg"]
    assert jpeg.is_file() and raw.is_file()


def test_deleting_a_pair_trashes_both_files_and_restore_brings_the_pair_back(
    data_dir: Path, no_models: Path, tmp_path: Path, trash_dir: Path
) -> None:
    from pictopy_desktop.library import trash
    from pictopy_desktop.library.photo_trash import trash_photos

    jpeg, raw = _pair(tmp_path / "card")
    jpeg_bytes, raw_bytes = jpeg.read_bytes(), raw.read_bytes()
    with Library() as lib:
        lib.index([tmp_path / "card"])
        row = Image.get(Image.path == str(jpeg))
        Image.update(favourite=True).where(Image.id == row.id).execute()
        outcome = trash_photos([row.id])
        assert not outcome.refused and not jpeg.exists() and not raw.exists()
        assert [e.original_path for e in outcome.trashed] == [str(jpeg)]
        assert [e.original_path for e in outcome.companions] == [str(raw)]
        # A rescan while both are in the trash: the photo stays missing, nothing reappears.
        lib.index([tmp_path / "card"])
        assert Image.get_by_id(row.id).presence == Presence.MISSING
        assert Image.select().count() == 1
        # Restoring the photo brings its RAW back with it.
        restored = trash.restore(outcome.trashed[0].id)
        assert [e.original_path for e in restored.companions] == [str(raw)]
        assert restored.note is None
        assert jpeg.read_bytes() == jpeg_bytes and raw.read_bytes() == raw_bytes
        lib.index([tmp_path / "card"])
        back = Image.get_by_id(row.id)
        assert (back.presence, back.favourite) == (Presence.PRESENT, True)
        assert back.companion_path == str(raw) and Image.select().count() == 1


def test_jpeg_renamed_beside_another_pictures_raw_keeps_both_photos(
    data_dir: Path, no_models: Path, tmp_path: Path
) -> None:
    """A JPEG renamed outside the app to a RAW's name, showing another picture: both photos
    stay, each with everything the user gave it (no displaced row for a RAW that exists)."""
    folder = tmp_path / "photos"
    folder.mkdir()
    raw = make_dng(folder / "IMG_1.dng", SHOT, seed=1)
    jpeg = make_jpeg(folder / "HOLIDAY.jpg", SHOT, seed=2)
    with Library() as lib:
        lib.index([folder])
        raw_data = give(at(raw), "Alice", "RawAlbum", "raw caption")
        jpeg_data = give(at(jpeg), "Bob", "JpgAlbum", "jpeg caption")
        renamed = jpeg.rename(folder / "IMG_1.jpg")
        for _ in range(3):
            lib.index([folder])
        rows = list(Image.select())
        assert len(rows) == 2 and {r.presence for r in rows} == {Presence.PRESENT}
        assert user_data(at(raw).id) == raw_data and at(raw).companion_path is None
        assert user_data(at(renamed).id) == jpeg_data


def test_jpeg_renamed_beside_its_raw_becomes_one_photo_with_both_photos_data(
    data_dir: Path, no_models: Path, tmp_path: Path
) -> None:
    """The same picture: one paired photo holding both rows' albums, heart and names."""
    folder = tmp_path / "photos"
    folder.mkdir()
    raw = make_dng(folder / "IMG_1.dng", SHOT, seed=1)
    jpeg = make_jpeg(folder / "HOLIDAY.jpg", SHOT, seed=1)
    with Library() as lib:
        lib.index([folder])
        give(at(raw), "Alice", "RawAlbum", "raw caption")
        Image.update(favourite=False).where(Image.id == at(raw).id).execute()
        give(at(jpeg), "Alice", "JpgAlbum", "jpeg caption")
        renamed = jpeg.rename(folder / "IMG_1.jpg")
        lib.index([folder])
        (row,) = Image.select()
        assert row.path == str(renamed) and row.companion_path == str(raw)
        assert user_data(row.id) == UserData(
            True, ("JpgAlbum", "RawAlbum"), (("Alice", True),), "jpeg caption"
        )


def test_a_raw_showing_another_picture_is_never_merged_into_the_jpeg(
    data_dir: Path, no_models: Path, tmp_path: Path
) -> None:
    """IMG_1.DNG pairs with IMG_1.jpg; IMG_1.nef (another picture) is a photo with a named
    face. Once the DNG is deleted, the NEF stays its own photo with all its data."""
    folder = tmp_path / "photos"
    folder.mkdir()
    make_dng(folder / "IMG_1.DNG", SHOT, seed=1)
    nef = make_dng(folder / "IMG_1.nef", SHOT, seed=5)
    jpeg = make_jpeg(folder / "IMG_1.jpg", SHOT, seed=1)
    with Library() as lib:
        lib.index([folder])
        jpeg_data = give(at(jpeg), "Ann", "A1", "jpeg caption")
        nef_data = give(at(nef), "Bob", "NefAlbum", "nef caption")
        (folder / "IMG_1.DNG").unlink()
        lib.index([folder])
        assert user_data(at(jpeg).id) == jpeg_data and at(jpeg).companion_path is None
        assert user_data(at(nef).id) == nef_data and at(nef).presence == Presence.PRESENT


def test_merging_rows_never_drops_a_face_named_otherwise(
    data_dir: Path, no_models: Path, tmp_path: Path
) -> None:
    """give_user_data refuses (and changes nothing) where the target's face at the same place
    was confirmed as someone else; the source row is kept."""
    folder = tmp_path / "photos"
    folder.mkdir()
    one = make_jpeg(folder / "a.jpg", SHOT, seed=1)
    two = make_jpeg(folder / "b.jpg", SHOT, seed=2)
    with Library() as lib:
        lib.index([folder])
        one_data = give(at(one), "Ann", "A1", "one")
        two_data = give(at(two), "Bob", "B1", "two")
        with lib.db.atomic():
            assert give_user_data(at(two), at(one)) is False
        assert user_data(at(one).id) == one_data and user_data(at(two).id) == two_data
        Face.update(person=Person.get(Person.name == "Ann")).where(
            Face.image == at(two).id
        ).execute()
        with lib.db.atomic():
            assert give_user_data(at(two), at(one)) is True
        assert user_data(at(one).id) == UserData(True, ("A1", "B1"), (("Ann", True),), "one")


def test_a_pairs_jpeg_renamed_outside_the_app_keeps_the_photo(
    data_dir: Path, no_models: Path, tmp_path: Path
) -> None:
    """The row follows the JPEG's bytes to its new name; the RAW stands alone as a new photo."""
    folder = tmp_path / "photos"
    folder.mkdir()
    raw = make_dng(folder / "IMG_1.dng", SHOT, seed=1)
    jpeg = make_jpeg(folder / "IMG_1.jpg", SHOT, seed=1)
    with Library() as lib:
        lib.index([folder])
        data = give(at(jpeg), "Ann", "A1", "jpeg caption")
        row_id = at(jpeg).id
        renamed = jpeg.rename(folder / "Paris_sunset.jpg")
        lib.index([folder])
        assert at(renamed).id == row_id and user_data(row_id) == data
        assert at(renamed).companion_path is None
        assert at(raw).id != row_id and at(raw).presence == Presence.PRESENT
