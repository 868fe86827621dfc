"""Scanning and indexing: incremental, moves, removals, bad input, no models, resume."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from PIL import Image as PILImage

from pictopy_desktop.library import read_model
from pictopy_desktop.library.service import Library
from pictopy_desktop.library.unavailable import forget_unavailable
from pictopy_desktop.storage.database import integrity_ok
from pictopy_desktop.storage.tables import (
    Album,
    AlbumImage,
    Face,
    Image,
    ImageState,
    ObjectTag,
    Person,
    Presence,
)
from tests.core.image_factory import bomb_png, corrupt_copy, save_with_exif, truncated_copy


@pytest.fixture
def with_models(shared_models_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(shared_models_dir))
    return shared_models_dir


def test_index_folder_without_models(data_dir: Path, no_models: Path, photo_copy) -> None:
    folder = photo_copy("darknet", "skimage")
    with Library() as lib:
        report = lib.index([folder])
        assert report.indexed == 11
        assert report.failed == []
        assert report.waiting_for_models == 11
        assert any("models download" in m for m in report.messages)
        images = list(Image.select())
        assert all(img.state == ImageState.WAITING for img in images)
        for img in images:
            assert img.thumbnail and (lib.thumbnails_dir / img.thumbnail).is_file()
            assert img.width and img.height and img.content_hash
        assert ObjectTag.select().count() == 0


@pytest.mark.slow
def test_models_arriving_later_analyse_without_rescan(
    data_dir: Path,
    no_models: Path,
    photo_copy,
    shared_models_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = photo_copy("darknet/dog.jpg", "darknet/scream.jpg", "openface/adams.jpg")
    with Library() as lib:
        lib.index([folder])
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(shared_models_dir))
    with Library() as lib:
        report = lib.analyze_waiting()
        assert report.analyzed == 3 and report.indexed == 0
        assert report.waiting_for_models == 0
        dog = Image.get(Image.path == str(folder / "dog.jpg"))
        assert {"dog", "bicycle"} <= {t.label for t in dog.tags}
        assert Face.select().join(Image).where(Image.path == str(folder / "adams.jpg")).count() == 1
        # Running the index again touches nothing.
        again = lib.index([folder])
        assert (again.indexed, again.unchanged, again.analyzed) == (0, 3, 0)


@pytest.mark.slow
def test_incremental_rescan_changes_moves_and_removals(
    data_dir: Path, with_models: Path, photo_copy
) -> None:
    folder = photo_copy(
        "darknet/dog.jpg", "darknet/person.jpg", "openface/adams.jpg", "openface/carell.jpg"
    )
    with Library() as lib:
        first = lib.index([folder])
        assert first.indexed == 4 and first.analyzed == 4
        adams = Image.get(Image.path == str(folder / "adams.jpg"))
        face = Face.get(Face.image == adams.id)
        person = Person.create(name="Amy", user_named=True)
        Face.update(person=person, confirmed=True).where(Face.id == face.id).execute()
        album = Album.create(name="Best")
        AlbumImage.create(album=album, image=adams)
        tags_before = ObjectTag.select().count()

        # Nothing changed: nothing is re-read.
        second = lib.index([folder])
        assert (second.indexed, second.unchanged, second.moved, second.removed) == (0, 4, 0, 0)

        # Move + rename into a subfolder: same row, faces, names, albums.
        (folder / "sub").mkdir()
        os.rename(folder / "adams.jpg", folder / "sub" / "amy-renamed.jpg")
        # Delete one, change one.
        carell_thumb = (
            lib.thumbnails_dir / Image.get(Image.path == str(folder / "carell.jpg")).thumbnail
        )
        assert carell_thumb.exists()
        (folder / "carell.jpg").unlink()
        PILImage.open(folder / "dog.jpg").transpose(PILImage.Transpose.FLIP_LEFT_RIGHT).save(
            folder / "dog.jpg"
        )
        third = lib.index([folder])
        assert third.moved == 1 and third.missing == 1 and third.indexed == 1, third.to_dict()
        moved = Image.get_by_id(adams.id)
        assert moved.path == str(folder / "sub" / "amy-renamed.jpg")
        assert Face.get(Face.image == moved.id).person.name == "Amy"
        assert AlbumImage.select().where(AlbumImage.image == moved.id).count() == 1
        # A deleted photo is kept as missing (it gets everything back if it returns) until forgotten.
        carell = Image.get(Image.path == str(folder / "carell.jpg"))
        assert carell.presence == Presence.MISSING and carell_thumb.exists()
        assert str(folder / "carell.jpg") not in {
            r["path"] for r in read_model.search("")["results"]
        }
        forgotten = forget_unavailable(lib.db, lib.thumbnails_dir).value
        assert [p.path for p in forgotten] == [str(folder / "carell.jpg")]
        assert not Image.select().where(Image.path == str(folder / "carell.jpg")).exists()
        assert not carell_thumb.exists()  # its thumbnail left the cache too
        assert Face.select().count() == Face.select().join(Image).count()  # no orphans
        assert ObjectTag.select().count() <= tags_before
        assert {"dog", "bicycle"} <= {
            t.label for t in Image.get(Image.path == str(folder / "dog.jpg")).tags
        }
        assert integrity_ok(lib.db)


def test_bad_inputs_are_recorded_and_the_run_goes_on(
    data_dir: Path, no_models: Path, photo_copy, shared_photos_dir
) -> None:
    folder = photo_copy("darknet/dog.jpg")
    dog = shared_photos_dir / "darknet" / "dog.jpg"
    (folder / "empty.jpg").write_bytes(b"")
    (folder / "notes.jpg").write_text("shopping list")
    truncated_copy(dog, folder / "truncated.jpg")
    corrupt_copy(dog, folder / "corrupt.jpg")
    bomb_png(folder / "huge.png")
    PILImage.open(dog).save(folder / "actually-webp.jpg", "WEBP")
    (folder / "readme.txt").write_text("not an image, not a candidate")
    with Library() as lib:
        report = lib.index([folder, folder.parent / "vanished-folder"])
        reasons = dict(report.failed)
        assert report.indexed == 2  # dog.jpg and the WebP named .jpg
        assert report.non_images == 1
        assert "empty" in reasons[str(folder / "empty.jpg")]
        assert "not an image" in reasons[str(folder / "notes.jpg")]
        assert "truncated" in reasons[str(folder / "truncated.jpg")]
        assert reasons[str(folder / "corrupt.jpg")]
        assert "too large" in reasons[str(folder / "huge.png")]
        assert "not found" in reasons[str(folder.parent / "vanished-folder")]
        webp = Image.get(Image.path == str(folder / "actually-webp.jpg"))
        assert webp.format == "WEBP" and webp.state == ImageState.WAITING
        failed = {f["path"]: f["reason"] for f in read_model.failed_images()}
        assert set(failed) == {
            str(folder / n)
            for n in ("empty.jpg", "notes.jpg", "truncated.jpg", "corrupt.jpg", "huge.png")
        }
        # Unchanged failures are not retried but still reported.
        again = lib.index([folder])
        assert again.indexed == 0 and len(again.failed) == 5


def test_permission_denied_is_recorded(
    data_dir: Path, no_models: Path, photo_copy, monkeypatch
) -> None:
    folder = photo_copy("darknet/dog.jpg", "darknet/eagle.jpg")
    locked = folder / "eagle.jpg"
    from pictopy_desktop.library import indexer

    real = indexer.content_hash

    def guarded(path: Path) -> str:  # root ignores chmod, so deny the read as the OS would
        if path == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(indexer, "content_hash", guarded)
    with Library() as lib:
        report = lib.index([folder])
    assert report.indexed == 1
    assert dict(report.failed)[str(locked)] == "permission denied"


def test_hidden_dirs_skipped_and_symlink_loops_survived(
    data_dir: Path, no_models: Path, photo_copy
) -> None:
    folder = photo_copy("darknet/dog.jpg")
    hidden = folder / ".thumbnails-of-another-app"
    hidden.mkdir()
    shutil.copy(folder / "dog.jpg", hidden / "copy.jpg")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    with Library() as lib:
        report = lib.index([folder])
    assert report.indexed == 1 and report.failed == []


def test_exif_date_stored_and_searchable(
    data_dir: Path, no_models: Path, tmp_path: Path, shared_photos_dir: Path
) -> None:
    folder = tmp_path / "trip"
    folder.mkdir()
    save_with_exif(
        shared_photos_dir / "darknet" / "dog.jpg",
        folder / "a.jpg",
        orientation=8,
        taken="2019:05:01 12:00:00",
    )
    with Library() as lib:
        lib.index([folder])
        img = Image.get()
        assert img.taken_at.year == 2019 and img.orientation == 8
        assert img.width < img.height
        assert read_model.search("2019")["count"] == 1
        assert read_model.search("2018")["count"] == 0
        assert read_model.search("trip")["count"] == 1  # folder name


def test_second_writer_is_refused_with_a_message(
    data_dir: Path, no_models: Path, photo_copy
) -> None:
    from pictopy_desktop.errors import LibraryBusyError

    folder = photo_copy("darknet/dog.jpg")
    with Library() as lib, lib.write_lock():
        with Library() as other, pytest.raises(LibraryBusyError, match="Another PictoPy process"):
            other.index([folder])


@pytest.mark.slow
def test_whole_shared_photos_folder(
    data_dir: Path, with_models: Path, shared_photos_dir: Path
) -> None:
    """The done-when of the core issue: every photo in ../shared/photos indexed, none crashes."""
    with Library() as lib:
        report = lib.index([shared_photos_dir])
        expected = sum(
            1
            for p in shared_photos_dir.rglob("*")
            if p.is_file() and p.suffix.lower() in {".jpg", ".jpeg", ".png"}
        )
        assert report.indexed == expected, report.to_dict()
        assert report.failed == []
        assert report.waiting_for_models == 0
        assert Face.select().count() > 50
        assert ObjectTag.select().where(ObjectTag.label == "giraffe").exists()
        assert integrity_ok(lib.db)


def test_newer_database_is_refused(data_dir: Path, no_models: Path) -> None:
    from pictopy_desktop.errors import DatabaseTooNewError

    Library().close()
    con = sqlite3.connect(data_dir / "library.sqlite3")
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    with pytest.raises(DatabaseTooNewError, match="newer PictoPy"):
        Library()
