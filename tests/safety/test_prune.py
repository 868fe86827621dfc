"""`pictopy prune`: offline and missing photos are forgotten only when asked, after being shown, with a way back."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pictopy_desktop.cli import main
from pictopy_desktop.library.service import Library
from pictopy_desktop.library.unavailable import forget_unavailable, unavailable_photos
from pictopy_desktop.storage.tables import Album, AlbumImage, Face, Image, Person, Presence
from tests.safety.library_helpers import at, give, make_photo


@pytest.fixture
def library(data_dir: Path, no_models: Path, tmp_path: Path) -> dict[str, Path]:
    """A library with one present photo, one missing (deleted) and one offline (its folder gone)."""
    home, usb = tmp_path / "home", tmp_path / "usb"
    photos = {
        "present": make_photo(home / "present.jpg", seed=1),
        "missing": make_photo(home / "missing.jpg", seed=2),
        "offline": make_photo(usb / "offline.jpg", seed=3),
    }
    with Library() as lib:
        lib.index([home, usb])
        give(at(photos["missing"]), "Amy", "Best", "gone")
        give(at(photos["offline"]), "Bob", "Best", "away")
        shutil.move(str(photos["missing"]), tmp_path / "saved-missing.jpg")
        shutil.move(str(usb), tmp_path / "usb-elsewhere")
        report = lib.index([home, usb])
        assert (report.missing, report.offline) == (1, 1), report.to_dict()
    return photos


def test_prune_refuses_without_a_terminal_or_yes(library: dict[str, Path], capsys) -> None:
    assert main(["prune"]) == 2
    err = capsys.readouterr().err
    assert "--yes" in err
    assert Image.select().count() == 3


def test_prune_shows_then_forgets_for_good(library: dict[str, Path], capsys) -> None:
    assert main(["prune", "--yes"]) == 0
    out = capsys.readouterr().out
    assert (
        str(library["missing"]) in out
        and str(library["offline"]) in out
        and str(library["present"]) not in out
    )
    assert "Forgot 2 photos." in out
    with Library():
        assert [p for (p,) in Image.select(Image.path).tuples()] == [str(library["present"])]
        assert AlbumImage.select().count() == 0 and Face.select().count() == 0
        assert (
            Person.select().where(Person.name == "Amy").exists()
        )  # a named person is never dropped
        assert unavailable_photos() == []
    # The photos themselves are untouched wherever they are.
    assert library["present"].exists()


def test_prune_json_and_the_way_back(library: dict[str, Path], tmp_path: Path, capsys) -> None:
    assert main(["prune", "--yes", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert sorted(f["presence"] for f in result["forgotten"]) == ["missing", "offline"]
    saved = Path(result["saved_to"])
    assert saved.is_file()
    # The missing photo comes back after all: importing the saved file gives it its album and heart again.
    shutil.move(str(tmp_path / "saved-missing.jpg"), library["missing"])
    with Library() as lib:
        assert lib.index([library["missing"].parent]).indexed == 1
    assert main(["import", str(saved)]) == 0
    capsys.readouterr()
    with Library():
        back = at(library["missing"])
        assert back.favourite
        assert [
            a.name for a in Album.select().join(AlbumImage).where(AlbumImage.image == back.id)
        ] == ["Best"]


def test_nothing_to_prune(data_dir: Path, no_models: Path, capsys) -> None:
    assert main(["prune", "--yes"]) == 0
    assert "nothing to forget" in capsys.readouterr().out


def test_a_photo_back_on_disk_is_not_forgotten(library: dict[str, Path], tmp_path: Path) -> None:
    shutil.move(
        str(tmp_path / "usb-elsewhere"), library["offline"].parent
    )  # the drive is back, not rescanned yet
    with Library() as lib:
        forgotten = forget_unavailable(lib.db, lib.thumbnails_dir).value
        assert [f.path for f in forgotten] == [str(library["missing"])]
        assert at(library["offline"]).presence == Presence.OFFLINE
        assert lib.index([library["offline"].parent]).returned == 1


def test_removing_a_folder_saves_what_the_user_gave_first(
    data_dir: Path, no_models: Path, tmp_path: Path
) -> None:
    from pictopy_desktop.library.folder_ops import remove_folder
    from pictopy_desktop.storage.tables import LibraryFolder

    folder = tmp_path / "trip"
    photo = make_photo(folder / "a.jpg", seed=7)
    with Library() as lib:
        lib.index([folder])
        give(at(photo), "Cleo", "Trip", "sunset")
        thumb = lib.thumbnails_dir / at(photo).thumbnail
        n, saved = remove_folder(LibraryFolder.get().id, lib.thumbnails_dir, lib.data_dir).value
        assert n == 1 and not Image.select().exists() and not thumb.exists()
        assert photo.exists()  # the files on disk are not touched
        lib.index([folder])
    assert main(["import", str(saved)]) == 0
    with Library():
        back = at(photo)
        assert back.favourite
        assert [
            a.name for a in Album.select().join(AlbumImage).where(AlbumImage.image == back.id)
        ] == ["Trip"]
