"""The CLI over the core: the JSON shapes the README documents."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pictopy_desktop import __version__
from pictopy_desktop.cli import main
from tests.conftest import REPO_ROOT


@pytest.fixture
def indexed(
    tmp_path: Path, photo_copy, shared_models_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> Path:
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(shared_models_dir))
    data = tmp_path / "data"
    folder = photo_copy(
        "darknet/dog.jpg", "darknet/person.jpg", "openface/adams.jpg", "openface/lennon-1.jpg"
    )
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 nope")
    assert main(["--data-dir", str(data), "index", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "Indexed 4" in out and "failed 1" in out and "broken.jpg" in out
    return data


def _json(capsys, argv: list[str]):
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.slow
def test_status_tags_search_people_json(indexed: Path, capsys) -> None:
    d = ["--data-dir", str(indexed)]
    status = _json(capsys, d + ["status", "--json"])
    # total is the photos shown (the Photos view); the unreadable file is counted apart
    assert status["images"] == {"total": 4, "analyzed": 4, "waiting_for_analysis": 0, "failed": 1}
    assert status["models"]["objects"] and status["models"]["faces"]
    assert status["failed"][0]["path"].endswith("broken.jpg")

    tags = _json(capsys, d + ["tags", "--json"])
    by_label = {t["label"]: t for t in tags}
    assert by_label["dog"]["count"] == 2 and len(by_label["dog"]["images"]) == 2
    assert {"label", "source", "count", "images"} == set(tags[0])
    assert tags[0]["source"] == "detector"  # keywords from the photos' metadata say "keyword"

    found = _json(capsys, d + ["search", "dog", "bicycle", "--json"])
    assert found["count"] == 1 and found["results"][0]["path"].endswith("dog.jpg")
    assert {"id", "path", "taken_at", "width", "height", "tags", "people"} <= set(
        found["results"][0]
    )

    people = _json(capsys, d + ["people", "--json"])
    assert isinstance(people, list)
    for person in people:
        assert {"id", "name", "faces"} <= set(person)
        for face in person["faces"]:
            assert {"id", "image", "box"} <= set(face) and len(face["box"]) == 4


def test_index_json_report(tmp_path: Path, photo_copy, capsys, monkeypatch) -> None:
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(tmp_path / "none"))
    folder = photo_copy("darknet/eagle.jpg")
    report = _json(capsys, ["--data-dir", str(tmp_path / "d"), "index", str(folder), "--json"])
    assert report["indexed"] == 1 and report["waiting_for_models"] == 1 and report["failed"] == []


def test_version_and_module_entry_point() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "pictopy_desktop", "--version"],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
    )
    assert out.returncode == 0 and __version__ in out.stdout


def test_data_dir_from_environment(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("PICTOPY_DATA_DIR", str(tmp_path / "env-data"))
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(tmp_path / "none"))
    status = _json(capsys, ["status", "--json"])
    assert status["data_dir"] == str(tmp_path / "env-data")
    assert (tmp_path / "env-data" / "library.sqlite3").exists()


@pytest.mark.slow
def test_no_display_gives_a_message_not_an_abort(tmp_path: Path) -> None:
    import os

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env.update(PICTOPY_DATA_DIR=str(tmp_path / "d"), PYTHONPATH=str(REPO_ROOT))
    out = subprocess.run(
        [sys.executable, "-m", "pictopy_desktop"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    if sys.platform.startswith("linux"):
        assert out.returncode == 2 and "no display" in out.stderr


def test_an_older_library_is_announced_once_before_its_upgrade(tmp_path: Path, capsys) -> None:
    """One line on stderr before the upgrade (stdout stays JSON), none once it is current."""
    import sqlite3

    from tests.old_schemas import strip_v6
    from tests.safety.library_rows import make_library

    data = tmp_path / "data"
    con = sqlite3.connect(make_library(data))
    strip_v6(con)
    con.commit()
    con.close()
    assert main(["--data-dir", str(data), "status", "--json"]) == 0
    first = capsys.readouterr()
    assert first.err.splitlines() == ["Upgrading the library (a backup is made first)…"]
    assert json.loads(first.out)["images"]["total"] == 4
    assert main(["--data-dir", str(data), "status", "--json"]) == 0
    assert capsys.readouterr().err == ""
