"""`pictopy import` on hostile files: one line, exit code 1, nothing changed in the library."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pictopy_desktop.cli import main
from tests.safety.library_rows import export_of, face_ref, make_library, snapshot

HUGE = "a" * (10 * 1024 * 1024)
DEEP = "[" * 10_000 + "]" * 10_000


def _json(data) -> bytes:
    return json.dumps(data).encode()


CASES = {
    "empty file": (b"", "the file is empty"),
    "only spaces": (b"  \n ", "the file is empty"),
    "not JSON": (b"hello, world", "not valid JSON (Expecting value at line 1, column 1)"),
    "a PNG": (b"\x89PNG\r\n\x1a\n" + bytes(300), "not text (byte 0 is not UTF-8)"),
    "truncated JSON": (_json(export_of())[:-5], "not valid JSON"),
    "a JSON list": (b"[1, 2, 3]", "not a PictoPy library export"),
    "another format": (_json({"format": "something-else"}), "not a PictoPy library export"),
    "version as text": (
        _json(export_of(version="1")),
        "at version, expected a positive whole number, found text",
    ),
    "newer version": (_json(export_of(version=99)), "newer PictoPy"),
    "missing key at the top": (
        _json({k: v for k, v in export_of().items() if k != "albums"}),
        'the top level, the key "albums" is missing',
    ),
    "people not a list": (
        _json(export_of(people={"name": "Ann"})),
        "at people, expected a list, found an object",
    ),
    "person missing faces": (
        _json(export_of(people=[{"name": "Ann"}])),
        'at people[0], the key "faces" is missing',
    ),
    "face missing box": (
        _json(export_of(people=[{"name": "Ann", "faces": [{"image": "00" * 16}]}])),
        'at people[0].faces[0], the key "box" is missing',
    ),
    "box of text": (
        _json(
            export_of(
                people=[{"name": "Ann", "faces": [{"image": "00" * 16, "box": ["a", 1, 2, 3]}]}]
            )
        ),
        "at people[0].faces[0].box[0], expected a number of pixels, found text",
    ),
    "box with NaN": (
        _json(export_of(not_faces=[{"image": "00" * 16, "box": [1, 2, 3, 4]}])).replace(
            b"4]", b"NaN]"
        ),
        "NaN is not a number an export holds",
    ),
    "empty box": (
        _json(export_of(not_faces=[{"image": "00" * 16, "box": [5, 5, 5, 9]}])),
        "at not_faces[0].box, the box is empty",
    ),
    "hidden as a number": (
        _json(export_of(people=[{"name": "Ann", "hidden": 1, "faces": []}])),
        "at people[0].hidden, expected true or false",
    ),
    "name as a number": (
        _json(export_of(albums=[{"name": 7, "images": []}])),
        "at albums[0].name, expected a name (text), found a number",
    ),
    "album name null": (
        _json(export_of(albums=[{"name": None, "images": []}])),
        "at albums[0].name, expected a name (text), found null",
    ),
    "nesting 10,000 deep": (
        b'{"format": "pictopy-library-export", "version": 1, "people": ' + DEEP.encode() + b"}",
        "nested far too deeply",
    ),
    "deep nesting in a name": (
        b'{"format": "pictopy-library-export", "version": 1, "people": [{"name": '
        + b"[" * 500
        + b"]" * 500
        + b', "faces": []}], "not_faces": [], "albums": [], "favourites": []}',
        "at people[0].name, expected a name (text), found a list",
    ),
    "10 MB name": (
        _json(export_of(people=[{"name": HUGE, "faces": []}])),
        "at people[0].name, the name is 10,485,760 characters long; at most 200",
    ),
    "10 MB hash": (
        _json(export_of(favourites=[HUGE])),
        "at favourites[0], expected a photo's content hash (hexadecimal), found 10,485,760 characters",
    ),
    "300-character name": (
        _json(export_of(albums=[{"name": "x" * 300, "images": []}])),
        "at albums[0].name, the name is 300 characters long; at most 200",
    ),
    "control character": (
        _json(export_of(people=[{"name": "Ann\x07", "faces": []}])),
        "at people[0].name, the name contains a control character (U+0007)",
    ),
    "newline inside a name": (
        _json(export_of(albums=[{"name": "Trip\nto Rome", "images": []}])),
        "control character (U+000A)",
    ),
    "bidi override": (
        _json(export_of(people=[{"name": "Ann\u202egpj.exe", "faces": []}])),
        "control character (U+202E)",
    ),
    "only spaces as a name": (
        _json(export_of(albums=[{"name": "   ", "images": []}])),
        "at albums[0].name, the name is empty",
    ),
    "huge integer": (
        b'{"format": "pictopy-library-export", "version": ' + b"9" * 5000 + b"}",
        "not a PictoPy export",
    ),
}


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return make_library(tmp_path / "data")


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_file_gives_one_line_and_changes_nothing(
    name: str, library: Path, tmp_path: Path, capsys
) -> None:
    content, expected = CASES[name]
    bad = tmp_path / "import.json"
    bad.write_bytes(content)
    before = snapshot(library)
    assert main(["--data-dir", str(library.parent), "import", str(bad)]) == 1
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert "\n" not in err and "Traceback" not in err, err[:500]
    assert err.startswith("pictopy: Cannot import") and expected in err, err[:500]
    assert len(err) < 400  # never echoes a huge string back
    assert captured.out == ""
    assert snapshot(library) == before


def test_missing_file_and_folder_give_one_line(tmp_path: Path, capsys) -> None:
    data_dir = tmp_path / "data"
    for target, expected in (
        (tmp_path / "nope.json", "No such file"),
        (tmp_path, "it is a folder"),
    ):
        assert main(["--data-dir", str(data_dir), "import", str(target)]) == 1
        err = capsys.readouterr().err.strip()
        assert "\n" not in err and expected in err, err
    assert not (data_dir / "library.sqlite3").exists()  # a refused file creates no library either


def test_a_pipe_given_as_the_file_is_refused_unread(tmp_path: Path, capsys) -> None:
    fifo = tmp_path / "export.json"
    os.mkfifo(fifo)  # nothing ever writes to it: reading would wait for ever
    assert main(["--data-dir", str(tmp_path / "data"), "import", str(fifo)]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "named pipe" in err, err


def test_names_are_trimmed_and_joiners_kept(library: Path, tmp_path: Path, capsys) -> None:
    from pictopy_desktop.storage.database import open_database
    from pictopy_desktop.storage.tables import Album, Face, Person

    good = tmp_path / "import.json"
    persian = (
        "\u0645\u06cc\u200c\u0631\u0648\u0645"  # a zero-width non-joiner inside: part of the word
    )
    good.write_text(
        json.dumps(
            export_of(
                people=[{"name": "  Bob \t", "faces": [face_ref(2)]}],
                albums=[{"name": f"  {persian}  ", "images": [face_ref(4)["image"]]}],
            )
        )
    )
    assert main(["--data-dir", str(library.parent), "import", str(good), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["faces_assigned"] == 1 and report["conflicts"] == [] and report["undoable"]
    db = open_database(library)
    assert Person.select().where(Person.name == "Bob").count() == 1  # joined the existing Bob
    assert Face.select().where(Face.person == Person.get(Person.name == "Bob").id).count() == 2
    assert Album.get(Album.name == persian).entries.count() == 1
    db.close()
