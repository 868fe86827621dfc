"""Deleting a photo moves it to the system trash, keeps its data, and restore brings it all back."""

from __future__ import annotations

import os

import pytest

from pictopy_desktop.library import albums, trash
from pictopy_desktop.library.favourites import set_favourite
from pictopy_desktop.library.photo_trash import trash_photos
from pictopy_desktop.library.service import Library
from pictopy_desktop.storage.tables import AlbumImage, Image, Presence, TrashRecord
from pictopy_desktop.storage.visibility import visible


def test_delete_then_restore_keeps_favourite_and_album(
    photo_copy, data_dir, no_models, trash_dir
) -> None:
    folder = photo_copy("darknet/dog.jpg", "darknet/kite.jpg")
    dog = folder / "dog.jpg"
    original = dog.read_bytes()
    with Library(data_dir) as lib:
        lib.index([folder])
        row = Image.get(Image.path == str(dog))
        set_favourite(lib.db, [row.id])
        pets = albums.create_album("Pets", [row.id]).value
        outcome = trash_photos([row.id])
        assert not outcome.refused and not dog.exists()
        (entry,) = outcome.trashed
        assert outcome.changes.trash and outcome.changes.image_ids == {row.id}
        assert entry.original_path == str(dog) and entry.reason.startswith("deleted by you")
        assert not Image.select().where(visible() & (Image.id == row.id)).exists()
        assert [e.id for e in trash.recently_removed()] == [entry.id]

        restored = trash.restore(entry.id)
        assert restored.revived and dog.read_bytes() == original
        back = Image.get_by_id(row.id)
        assert back.presence == Presence.PRESENT and back.favourite
        assert [a.album_id for a in AlbumImage.select().where(AlbumImage.image == row.id)] == [pets]


def test_refused_when_the_file_is_gone_or_replaced_or_offline(
    photo_copy, data_dir, no_models, trash_dir
) -> None:
    folder = photo_copy("darknet/dog.jpg", "darknet/kite.jpg", "darknet/eagle.jpg")
    with Library(data_dir) as lib:
        lib.index([folder])
        ids = {p.name: Image.get(Image.path == str(p)).id for p in folder.iterdir()}
        (folder / "dog.jpg").unlink()
        os.unlink(folder / "kite.jpg")
        os.mkfifo(folder / "kite.jpg")  # a pipe where the photo was: never read, never moved
        Image.update(presence=Presence.OFFLINE).where(Image.id == ids["eagle.jpg"]).execute()
        outcome = trash_photos(ids.values())
        assert outcome.trashed == [] and not outcome.changes.any()
        reasons = {os.path.basename(p): why for p, why in outcome.refused}
        assert reasons == {
            "dog.jpg": "the file is no longer there",
            "kite.jpg": "it is not a regular file any more",
            "eagle.jpg": "it is offline: connect its drive to move it to the trash",
        }
        assert (folder / "eagle.jpg").exists() and trash.recently_removed() == []


def test_a_file_that_took_the_name_is_not_trashed(
    photo_copy, data_dir, no_models, trash_dir
) -> None:
    folder = photo_copy("darknet/dog.jpg", "darknet/kite.jpg")
    dog, kite = folder / "dog.jpg", folder / "kite.jpg"
    dog_bytes, kite_bytes = dog.read_bytes(), kite.read_bytes()
    with Library(data_dir) as lib:
        lib.index([folder])
        dog_id = Image.get(Image.path == str(dog)).id
        # Outside PictoPy the two files swap names before a re-index.
        os.rename(dog, folder / "tmp")
        os.rename(kite, dog)
        os.rename(folder / "tmp", kite)
        outcome = trash_photos([dog_id])
        assert outcome.trashed == [] and not outcome.changes.any()
        assert outcome.refused == [
            (str(dog), "it changed on disk since it was indexed; re-index first")
        ]
        assert dog.read_bytes() == kite_bytes and kite.read_bytes() == dog_bytes
        assert Image.get_by_id(dog_id).presence == Presence.PRESENT
        assert trash.recently_removed() == []


class _Crash(BaseException):
    """The process dying between two steps (nothing after it runs)."""


def test_a_crash_right_after_the_move_still_lists_the_file(
    photo_copy, data_dir, no_models, trash_dir, monkeypatch
) -> None:
    import send2trash

    folder = photo_copy("darknet/dog.jpg", "darknet/kite.jpg")
    dog = folder / "dog.jpg"
    original = dog.read_bytes()
    real = send2trash.send2trash

    def moved_then_crash(path) -> None:
        real(path)
        raise _Crash

    with Library(data_dir) as lib:
        lib.index([folder])
        dog_id = Image.get(Image.path == str(dog)).id
        set_favourite(lib.db, [dog_id])
        monkeypatch.setattr(send2trash, "send2trash", moved_then_crash)
        with pytest.raises(_Crash):
            trash_photos([dog_id])
        monkeypatch.setattr(send2trash, "send2trash", real)
        assert not dog.exists()
        (entry,) = trash.recently_removed()  # found in the trash, recorded
        assert entry.original_path == str(dog)
        assert entry.trash_location == str(trash_dir / "Trash" / "files" / "dog.jpg")
        assert Image.get_by_id(dog_id).presence == Presence.MISSING
        restored = trash.restore(entry.id)
        assert restored.revived and dog.read_bytes() == original
        assert Image.get_by_id(dog_id).favourite


def test_a_move_the_trash_refused_leaves_no_record(
    photo_copy, data_dir, no_models, trash_dir, monkeypatch
) -> None:
    import send2trash

    def refuses(path) -> None:
        raise PermissionError(13, "Permission denied", path)

    folder = photo_copy("darknet/dog.jpg")
    with Library(data_dir) as lib:
        lib.index([folder])
        dog_id = Image.get(Image.path == str(folder / "dog.jpg")).id
        monkeypatch.setattr(send2trash, "send2trash", refuses)
        outcome = trash_photos([dog_id])
        assert outcome.trashed == [] and "did not take" in outcome.refused[0][1]
        assert trash.recently_removed() == [] and not TrashRecord.select().exists()
        assert Image.get_by_id(dog_id).presence == Presence.PRESENT
