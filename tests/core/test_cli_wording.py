"""CLI wording: counts in the right number, and empty listings that say why and what to do."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pictopy_desktop.cli import main
from pictopy_desktop.cli.common import plural

CLI_DIR = Path(__file__).resolve().parents[2] / "pictopy_desktop" / "cli"


def test_plural() -> None:
    assert [plural(n, "photo") for n in (0, 1, 2, 1234)] == [
        "0 photos",
        "1 photo",
        "2 photos",
        "1,234 photos",
    ]
    assert (
        plural(1, "person", "people") == "1 person" and plural(3, "person", "people") == "3 people"
    )


def test_no_count_is_printed_with_a_fixed_plural() -> None:
    """A number followed by a plural noun in a CLI message ("{n} photos") prints "1 photos"; `plural` is the way."""
    fixed = re.compile(r"\}\)?\s(photos|faces|people|files|albums|items|suggestions|favourites)\b")
    offenders = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(CLI_DIR.glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if fixed.search(line)
    ]
    assert offenders == []


EMPTY = {
    ("memories",): "No memories yet: the library has no photos; `pictopy index FOLDER` adds them",
    ("places",): "No places yet: the library has no photos; `pictopy index FOLDER` adds them",
    ("tags",): "No tags yet: no analysed photo shows an object the model knows",
    ("people",): "No people yet: no faces have been found",
    ("albums",): "No albums yet: `pictopy albums create NAME` makes one",
    ("duplicates",): "No duplicates: no two photos are the same picture",
    ("search", "zebra"): "No photos match “zebra”: search looks in people's names, tags, albums",
}


@pytest.mark.parametrize("command", list(EMPTY), ids=" ".join)
def test_empty_listing_says_why_in_one_line(
    tmp_path: Path, no_models: Path, capsys, command: tuple[str, ...]
) -> None:
    d = ["--data-dir", str(tmp_path / "data")]
    assert main([*d, *command]) == 0
    out = capsys.readouterr().out
    assert out.startswith(EMPTY[command]) and out.count("\n") == 1

    assert main([*d, *command, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == ({"query": "zebra", "count": 0, "results": []} if command[0] == "search" else [])


def test_one_photo_is_one_photo(tmp_path: Path, photo_copy, no_models: Path, capsys) -> None:
    folder = photo_copy("darknet/dog.jpg")
    d = ["--data-dir", str(tmp_path / "data")]
    assert main([*d, "index", str(folder)]) == 0
    assert "1 photo waits for analysis." in capsys.readouterr().out
    assert main([*d, "favourite", str(folder / "dog.jpg")]) == 0
    assert capsys.readouterr().out == "Marked 1 photo.\n"
    assert main([*d, "search", "dog"]) == 0
    assert capsys.readouterr().out.endswith("\n1 photo\n")
