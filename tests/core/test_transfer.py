"""Export photos and the user's work; import it into a fresh library on 'another machine'."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pictopy_desktop.cli import main
from pictopy_desktop.library import transfer
from pictopy_desktop.library.service import Library
from pictopy_desktop.storage.tables import Album, AlbumImage, Face, Image, Person


@pytest.mark.slow
def test_export_import_roundtrip(
    tmp_path: Path, photo_copy, shared_models_dir: Path, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(shared_models_dir))
    folder = photo_copy("openface/adams.jpg", "openface/carell.jpg", "darknet/dog.jpg")
    old = tmp_path / "old-machine"
    with Library(old) as lib:
        lib.index([folder])
        adams = Image.get(Image.path == str(folder / "adams.jpg"))
        face = Face.get(Face.image == adams.id)
        amy = Person.create(name="Amy Adams", user_named=True)
        Face.update(person=amy, confirmed=True).where(Face.id == face.id).execute()
        amy.cover_face_id = face.id
        amy.save()
        album = Album.create(name="Keep")
        AlbumImage.create(album=album, image=adams)
        Image.update(favourite=True).where(Image.path == str(folder / "dog.jpg")).execute()
        data = transfer.export_metadata()
        copied = transfer.copy_photos(transfer.album_image_ids(album.id), tmp_path / "out")
        assert [Path(p).name for p in copied.copied] == ["adams.jpg"]
        again = transfer.copy_photos(transfer.person_image_ids(amy.id), tmp_path / "out")
        assert [Path(p).name for p in again.copied] == ["adams-1.jpg"]  # never overwrites

    export_file = tmp_path / "export.json"
    export_file.write_text(json.dumps(data))
    moved = tmp_path / "new-machine-photos"
    shutil.copytree(folder, moved)
    new = tmp_path / "new-machine"
    assert main(["--data-dir", str(new), "index", str(moved)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(new), "import", str(export_file), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["people"] == 1 and report["faces_assigned"] == 1 and report["album_photos"] == 1
    with Library(new):
        person = Person.get(Person.name == "Amy Adams")
        face = Face.get(Face.person == person.id)
        assert face.image.path == str(moved / "adams.jpg") and face.confirmed
        assert person.cover_face_id == face.id
        assert Album.get(Album.name == "Keep").entries.count() == 1
        assert Image.get(Image.path == str(moved / "dog.jpg")).favourite


def test_import_refuses_other_files(tmp_path: Path, monkeypatch) -> None:
    from pictopy_desktop.errors import PictoPyError

    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(tmp_path / "none"))
    with Library(tmp_path / "d") as lib, pytest.raises(PictoPyError, match="not a PictoPy"):
        transfer.import_metadata(lib.db, {"hello": 1})
