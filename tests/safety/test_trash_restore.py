"""A way back from every trash: what PictoPy trashed is listed and comes back byte for byte, with its data."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from pictopy_desktop.cli import main
from pictopy_desktop.library import albums, duplicates, trash
from pictopy_desktop.library.favourites import set_favourite
from pictopy_desktop.library.service import Library
from pictopy_desktop.storage.tables import AlbumImage, Image, Presence, TrashRecord


@pytest.fixture(autouse=True)
def _no_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(tmp_path / "no-models"))


def _cli_json(capsys, data: Path, *args: str, code: int = 0):
    assert main(["--data-dir", str(data), *args, "--json"]) == code
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def trashed_copy(tmp_path, photo_copy, trash_dir, capsys):
    """dog.jpg kept, its copy (a favourite in album "Pets") trashed: (data, keeper, copy, original bytes, album id)."""
    folder = photo_copy("darknet/dog.jpg")
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy2(folder / "dog.jpg", other / "dog-copy.jpg")
    os.utime(other / "dog-copy.jpg", (1_700_000_000, 1_700_000_000))
    original = (other / "dog-copy.jpg").read_bytes()
    data = tmp_path / "data"
    with Library(data) as lib:
        lib.index([folder, other])
        copy_id = Image.get(Image.path == str(other / "dog-copy.jpg")).id
        set_favourite(lib.db, [copy_id])
        pets = albums.create_album("Pets", [copy_id]).value
    listed = _cli_json(capsys, data, "duplicates", "--trash")
    assert listed[0]["trashed"] == [str(other / "dog-copy.jpg")]
    assert not (other / "dog-copy.jpg").exists()
    return data, folder / "dog.jpg", other / "dog-copy.jpg", original, pets


def test_trash_listed_then_restored_byte_identical_with_album_and_favourite(
    trashed_copy, trash_dir, capsys
) -> None:
    data, keeper, copy, original, pets = trashed_copy
    (entry,) = _cli_json(capsys, data, "trash")
    assert (
        entry["path"] == str(copy) and entry["kept"] == str(keeper) and entry["restored_at"] is None
    )
    assert entry["reason"] == f"exact duplicate of {keeper}"
    location = Path(entry["trash_location"])
    assert (
        location.is_file()
        and location.is_relative_to(trash_dir)
        and location.read_bytes() == original
    )
    info = location.parent.parent / "info" / (location.name + ".trashinfo")
    assert info.is_file()
    with Library(
        data
    ) as lib:  # a rescan while it is in the trash keeps its row (missing) and its data
        lib.index([copy.parent, keeper.parent])
        row = Image.get(Image.path == str(copy))
        assert row.presence == Presence.MISSING and row.favourite
        assert [a.album_id for a in AlbumImage.select().where(AlbumImage.image == row.id)] == [pets]

    (result,) = _cli_json(capsys, data, "trash", "restore", str(entry["id"]))
    assert result == {"id": entry["id"], "restored": True, "path": str(copy)}
    assert copy.read_bytes() == original and not location.exists() and not info.exists()
    with Library(data) as lib:
        row = Image.get(Image.path == str(copy))
        assert row.presence == Presence.PRESENT and row.missing_since is None and row.favourite
        assert [a.album_id for a in AlbumImage.select().where(AlbumImage.image == row.id)] == [pets]
        assert TrashRecord.get_by_id(entry["id"]).restored_at is not None
        report = lib.index([copy.parent, keeper.parent])  # the next scan keeps it, with everything
        assert report.indexed == 0 and report.removed == 0
        assert Image.select().where(Image.path == str(copy)).count() == 1
        row = Image.get(Image.path == str(copy))
        assert row.presence == Presence.PRESENT
        assert row.favourite and [
            a.album_id for a in AlbumImage.select().where(AlbumImage.image == row.id)
        ] == [pets]
    listed = _cli_json(capsys, data, "trash")
    assert listed[0]["restored_at"] is not None


def test_restore_never_overwrites_a_file_that_took_the_place(trashed_copy, capsys) -> None:
    data, _, copy, original, _ = trashed_copy
    copy.write_bytes(b"a new file the user put there")
    with Library(data):
        record = TrashRecord.get()
        with pytest.raises(trash.TrashError, match="will not overwrite"):
            trash.restore(record.id)
        assert TrashRecord.get_by_id(record.id).restored_at is None
    assert copy.read_bytes() == b"a new file the user put there"
    assert Path(record.trash_location).read_bytes() == original  # still safe in the trash
    assert main(["--data-dir", str(data), "trash", "restore", str(record.id)]) == 1
    assert "will not overwrite" in capsys.readouterr().err


def test_restore_after_the_trash_was_emptied_says_so(trashed_copy, trash_dir) -> None:
    data, _, copy, _, _ = trashed_copy
    shutil.rmtree(trash_dir / "Trash")
    with Library(data):
        with pytest.raises(trash.TrashError, match="no longer in the trash"):
            trash.restore(TrashRecord.get().id)
    assert not copy.exists()


def test_restore_where_the_trash_entry_was_not_found_says_where_to_look(trashed_copy) -> None:
    data, _, copy, _, _ = trashed_copy
    with Library(data):
        TrashRecord.update(
            trash_location=None
        ).execute()  # the trash named it in a way PictoPy did not find
        with pytest.raises(
            trash.TrashError,
            match=r"could not tell where the trash put dog-copy\.jpg: open the Trash",
        ):
            trash.restore(TrashRecord.get().id)
    assert not copy.exists()


def test_elsewhere_the_user_is_told_where_the_file_went(trashed_copy, monkeypatch) -> None:
    data, _, copy, _, _ = trashed_copy
    monkeypatch.setattr(trash.sys, "platform", "win32")
    with Library(data):
        with pytest.raises(
            trash.TrashError, match=r"open the Recycle Bin and restore dog-copy\.jpg from there"
        ):
            trash.restore(TrashRecord.get().id)
    assert not copy.exists()


def test_restore_from_the_trash_of_another_volume(tmp_path, photo_copy, trash_dir) -> None:
    """A file on another drive goes to that drive's .Trash-UID (not the home trash), and comes back from there."""
    volume = tmp_path / "volume"
    volume.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(volume)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {mounted.stderr.decode().strip()}")
    try:
        folder = photo_copy("darknet/eagle.jpg", dest=volume / "photos")
        shutil.copy2(folder / "eagle.jpg", tmp_path / "eagle-keep.jpg")
        original = (folder / "eagle.jpg").read_bytes()
        data = tmp_path / "data"
        with Library(data) as lib:
            lib.index([folder, tmp_path / "eagle-keep.jpg"])
            (group,) = duplicates.find_duplicates()
            keep = Image.get(Image.path == str(tmp_path / "eagle-keep.jpg")).id
            gone = Image.get(Image.path == str(folder / "eagle.jpg")).id
            outcome = duplicates.trash_duplicates(keep, [gone], exact_only=True)
            assert outcome.refused == [] and not (folder / "eagle.jpg").exists()
            record = TrashRecord.get()
            assert record.trash_location == str(
                volume / f".Trash-{os.getuid()}" / "files" / "eagle.jpg"
            )
            done = trash.restore(record.id)
            assert done.revived and (folder / "eagle.jpg").read_bytes() == original
            assert Image.get_by_id(gone).presence == Presence.PRESENT
            assert not any((volume / f".Trash-{os.getuid()}" / "info").iterdir())
    finally:
        subprocess.run(["umount", str(volume)], check=False)


def test_a_keeper_whose_name_is_not_utf8_is_recorded_and_restorable(
    tmp_path, trash_dir, capsys
) -> None:
    from PIL import Image as PILImage

    folder = tmp_path / "photos"
    folder.mkdir()
    keeper = os.fsdecode(os.path.join(os.fsencode(folder), b"caf\xe9.jpg"))
    PILImage.new("RGB", (64, 64), (9, 99, 9)).save(keeper, "JPEG")
    copy = folder / "copy.jpg"
    shutil.copy2(keeper, copy)
    os.utime(keeper, (1_600_000_000, 1_600_000_000))  # the older copy is kept
    data = tmp_path / "data"
    with Library(data) as lib:
        lib.index([folder])
        set_favourite(lib.db, [Image.get(Image.path == str(copy)).id])
    listed = _cli_json(capsys, data, "duplicates", "--trash")
    assert listed[0]["trashed"] == [str(copy)] and not copy.exists()
    (entry,) = _cli_json(capsys, data, "trash")
    assert entry["kept"] == keeper and entry["reason"] == f"exact duplicate of {keeper}"
    with Library(data) as lib:
        assert Image.get(Image.path == keeper).favourite  # the favourite went to the keeper
    (result,) = _cli_json(capsys, data, "trash", "restore", str(entry["id"]))
    assert result["restored"] is True and copy.is_file()


def test_restore_refuses_another_file_that_took_the_trash_slot(trashed_copy, tmp_path) -> None:
    data, _, copy, _, _ = trashed_copy
    with Library(data):
        record = TrashRecord.get()
        slot = Path(record.trash_location)
        info = slot.parent.parent / "info" / (slot.name + ".trashinfo")
        # The trash was emptied, then an unrelated file of the same name was trashed elsewhere.
        slot.write_bytes(b"an unrelated file the user trashed later")
        with pytest.raises(trash.TrashError, match="is not the dog-copy.jpg PictoPy moved there"):
            trash.restore(record.id)
        assert TrashRecord.get_by_id(record.id).restored_at is None
        assert Image.get(Image.path == str(copy)).presence == Presence.MISSING
    assert not copy.exists() and info.exists()
    assert slot.read_bytes() == b"an unrelated file the user trashed later"


@pytest.mark.parametrize("hard_links", [True, False])
def test_a_copy_back_never_replaces_a_file_that_appeared_meanwhile(
    tmp_path, monkeypatch, hard_links
) -> None:
    src, dest = tmp_path / "trash" / "a.jpg", tmp_path / "home" / "a.jpg"
    src.parent.mkdir()
    dest.parent.mkdir()
    src.write_bytes(b"the photo")
    real_copy = shutil.copy2

    def copy_then_someone_writes(a, b):
        real_copy(a, b)
        dest.write_bytes(b"appeared during the copy")

    monkeypatch.setattr(trash.shutil, "copy2", copy_then_someone_writes)
    if not hard_links:  # FAT, exFAT: no hard links, the name is reserved with O_EXCL instead

        def no_link(*_a, **_k):
            raise OSError(errno.EPERM, "Operation not permitted")

        monkeypatch.setattr(trash.os, "link", no_link)
    with pytest.raises(trash.TrashError, match="will not overwrite"):
        trash._copy_no_replace(str(src), str(dest))
    assert dest.read_bytes() == b"appeared during the copy" and src.read_bytes() == b"the photo"
    assert sorted(p.name for p in dest.parent.iterdir()) == ["a.jpg"]


def test_a_copy_back_without_hard_links_takes_the_free_name(tmp_path, monkeypatch) -> None:
    src, dest = tmp_path / "trash" / "a.jpg", tmp_path / "home" / "a.jpg"
    src.parent.mkdir()
    dest.parent.mkdir()
    src.write_bytes(b"the photo")

    def no_link(*_a, **_k):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(trash.os, "link", no_link)
    trash._move_no_replace(str(src), str(dest))
    assert dest.read_bytes() == b"the photo" and not src.exists()
    assert sorted(p.name for p in dest.parent.iterdir()) == ["a.jpg"]
