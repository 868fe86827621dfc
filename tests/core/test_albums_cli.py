"""`pictopy albums`: each subcommand, its JSON, its one-sentence errors, and what it counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pictopy_desktop.cli import main
from pictopy_desktop.library.service import Library
from pictopy_desktop.storage.tables import Album, AlbumImage, Image, Presence


@pytest.fixture
def library(tmp_path: Path, photo_copy, no_models: Path, capsys) -> tuple[list[str], Path]:
    """Three indexed photos (no models: analysis is not needed here); returns the CLI prefix and the folder."""
    folder = photo_copy("darknet/dog.jpg", "darknet/eagle.jpg", "darknet/horses.jpg")
    d = ["--data-dir", str(tmp_path / "data")]
    assert main([*d, "index", str(folder)]) == 0
    capsys.readouterr()
    return d, folder


def _run(capsys, argv: list[str], code: int = 0) -> tuple[str, str]:
    assert main(argv) == code
    captured = capsys.readouterr()
    return captured.out, captured.err


def _albums(capsys, d: list[str]) -> list[dict]:
    out, _ = _run(capsys, [*d, "albums", "--json"])
    return json.loads(out)


def _photo_ids(d: list[str]) -> dict[str, int]:
    with Library(Path(d[1])):
        return {Path(i.path).name: i.id for i in Image.select()}


@pytest.mark.slow
def test_create_add_remove_rename_delete(library, capsys) -> None:
    d, folder = library
    assert _albums(capsys, d) == []
    out, _ = _run(capsys, [*d, "albums"])
    assert out.startswith("No albums yet: `pictopy albums create NAME`")

    out, _ = _run(capsys, [*d, "albums", "create", "  Summer   trip "])
    assert out == "Created the album “Summer trip”.\n"
    out, _ = _run(
        capsys,
        [*d, "albums", "add", "summer trip", str(folder / "dog.jpg"), str(folder / "eagle.jpg")],
    )
    assert out == "Added 2 photos to “Summer trip”.\n"
    out, _ = _run(
        capsys,
        [*d, "albums", "add", "Summer trip", str(folder / "dog.jpg"), str(folder / "horses.jpg")],
    )
    assert out == "Added 1 photo to “Summer trip” (1 photo already in it).\n"
    [album] = _albums(capsys, d)
    assert album == {
        "id": album["id"],
        "name": "Summer trip",
        "count": 3,
        "cover": str(folder / "horses.jpg"),
    }

    out, _ = _run(capsys, [*d, "albums", "remove", "Summer trip", str(folder / "dog.jpg")])
    assert out == "Took 1 photo out of “Summer trip” (photos stay in the library).\n"
    out, _ = _run(capsys, [*d, "albums", "rename", "Summer trip", "Rome"])
    assert out == "Renamed “Summer trip” to “Rome”.\n"
    out, _ = _run(capsys, [*d, "albums"])
    assert out == f"{album['id']:6d}  Rome  (2 photos)\n"

    # Not on a terminal (pytest's stdin): a non-empty album is deleted only with --yes.
    _, err = _run(capsys, [*d, "albums", "delete", "Rome"], code=1)
    assert err == (
        "pictopy: The album “Rome” has 2 photos: add --yes to delete it without a terminal to ask on "
        "(its photos stay in the library).\n"
    )
    assert [a["name"] for a in _albums(capsys, d)] == ["Rome"]
    out, _ = _run(capsys, [*d, "albums", "delete", "Rome", "--yes"])
    assert out == "Deleted the album “Rome”; its photos stay in the library.\n"
    assert _albums(capsys, d) == []
    assert len(_photo_ids(d)) == 3  # deleting the album deleted no photo
    for name in ("dog.jpg", "eagle.jpg", "horses.jpg"):
        assert (folder / name).is_file()

    _run(capsys, [*d, "albums", "create", "Empty"])
    out, _ = _run(capsys, [*d, "albums", "delete", "Empty"])  # nothing in it: nothing to ask
    assert out == "Deleted the album “Empty”.\n"


def test_photos_by_id_and_unknown_photo_changes_nothing(library, capsys) -> None:
    d, folder = library
    ids = _photo_ids(d)
    _run(capsys, [*d, "albums", "create", "Pets"])
    _, err = _run(
        capsys, [*d, "albums", "add", "Pets", str(ids["dog.jpg"]), str(folder / "cat.jpg")], code=1
    )
    assert err == f"pictopy: {folder / 'cat.jpg'} is not in the library.\n"
    assert _albums(capsys, d)[0]["count"] == 0  # the one known photo was not added either
    _run(capsys, [*d, "albums", "add", "Pets", str(ids["dog.jpg"])])
    assert _albums(capsys, d)[0]["count"] == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["albums", "create", "   "], "That album name cannot be used: the name is empty."),
        (
            ["albums", "create", "a\x07b"],
            "That album name cannot be used: the name contains a control character (U+0007).",
        ),
        (
            ["albums", "create", "x" * 201],
            "That album name cannot be used: the name is 201 characters long; at most 200 are allowed.",
        ),
        (["albums", "create", "TRIP"], "There is already an album called “Trip”."),
        (["albums", "rename", "Trip", "beach"], "There is already an album called “Beach”."),
        (
            ["albums", "rename", "Nowhere", "Else"],
            "There is no album called “Nowhere” (`pictopy albums` lists them).",
        ),
        (
            ["albums", "add", "Nowhere", "1"],
            "There is no album called “Nowhere” (`pictopy albums` lists them).",
        ),
        (
            ["albums", "remove", "Nowhere", "1"],
            "There is no album called “Nowhere” (`pictopy albums` lists them).",
        ),
        (
            ["albums", "delete", "Nowhere", "--yes"],
            "There is no album called “Nowhere” (`pictopy albums` lists them).",
        ),
    ],
)
def test_errors_are_one_sentence_and_change_nothing(
    library, capsys, argv: list[str], message: str
) -> None:
    d, _ = library
    _run(capsys, [*d, "albums", "create", "Trip"])
    _run(capsys, [*d, "albums", "create", "Beach"])
    out, err = _run(capsys, [*d, *argv], code=1)
    assert out == "" and err == f"pictopy: {message}\n"
    assert sorted(a["name"] for a in _albums(capsys, d)) == ["Beach", "Trip"]


def test_renaming_to_another_case_of_its_own_name(library, capsys) -> None:
    d, _ = library
    _run(capsys, [*d, "albums", "create", "rome"])
    _run(capsys, [*d, "albums", "rename", "rome", "Rome"])
    assert [a["name"] for a in _albums(capsys, d)] == ["Rome"]


def test_missing_photos_are_not_counted_nor_the_cover(library, capsys) -> None:
    d, folder = library
    _run(capsys, [*d, "albums", "create", "All"])
    _run(
        capsys,
        [
            *d,
            "albums",
            "add",
            "All",
            *(str(folder / n) for n in ("dog.jpg", "eagle.jpg", "horses.jpg")),
        ],
    )
    with Library(Path(d[1])):
        Image.update(presence=Presence.MISSING).where(
            Image.path == str(folder / "horses.jpg")
        ).execute()
        Image.update(presence=Presence.OFFLINE).where(
            Image.path == str(folder / "dog.jpg")
        ).execute()
    [album] = _albums(capsys, d)
    # Missing photos are kept (they may come back) but not shown; offline ones still are.
    assert album["count"] == 2 and album["cover"] != str(folder / "horses.jpg")
    with Library(Path(d[1])):
        assert AlbumImage.select().where(AlbumImage.album == Album.get().id).count() == 3


class _Terminal:
    """A stdin that is a terminal where the user types ``answer``."""

    def __init__(self, answer: str) -> None:
        self.answer = answer

    def isatty(self) -> bool:
        return True

    def readline(self) -> str:
        return self.answer + "\n"


def test_delete_asks_on_a_terminal(library, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    d, folder = library
    _run(capsys, [*d, "albums", "create", "Trip"])
    _run(capsys, [*d, "albums", "add", "Trip", str(folder / "dog.jpg")])
    monkeypatch.setattr("sys.stdin", _Terminal("n"))
    out, err = _run(capsys, [*d, "albums", "delete", "Trip"])
    assert err == "Delete the album “Trip” (1 photo; the photos stay in the library)? [y/N] "
    assert out == "Nothing was deleted.\n" and [a["count"] for a in _albums(capsys, d)] == [1]
    monkeypatch.setattr("sys.stdin", _Terminal("y"))
    out, _ = _run(capsys, [*d, "albums", "delete", "Trip"])
    assert (
        out == "Deleted the album “Trip”; its photos stay in the library.\n"
        and _albums(capsys, d) == []
    )
