"""A data folder holding a pipe, folder or dangling link where PictoPy keeps its files never hangs a command.

Each command runs in a subprocess with a timeout: before the fix, opening a named pipe
placed where the library file belongs waited forever for a writer.
"""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from pictopy_desktop.storage.database import open_database
from tests.robustness.busy_library import make_photos, one_line_error, run_pictopy

COMMANDS = (["status"], ["index", "PHOTOS"], ["repair", "--yes"], ["backup"])


def _run(data: Path, photos: Path, command: list[str]) -> subprocess.CompletedProcess:
    args = [str(photos) if a == "PHOTOS" else a for a in command]
    return run_pictopy("--data-dir", str(data), *args, timeout=60)


def _library(data: Path) -> Path:
    """A real (empty) library in ``data``, closed, with no -wal/-shm left beside it."""
    db_path = data / "library.sqlite3"
    open_database(db_path).close()
    return db_path


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.slow
def test_a_named_pipe_as_the_library_file(tmp_path: Path, command: list[str]) -> None:
    data = tmp_path / "data"
    data.mkdir()
    pipe = data / "library.sqlite3"
    os.mkfifo(pipe)
    photos = tmp_path / "photos"
    make_photos(photos, 1)
    one_line_error(
        _run(data, photos, command),
        str(pipe),
        "is a named pipe, not a library file",
        "move that named pipe away",
    )
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)  # left as it was
    assert sorted(p.name for p in data.iterdir()) == ["library.sqlite3"]


@pytest.mark.parametrize("command", [["index", "PHOTOS"], ["repair", "--yes"]], ids=lambda c: c[0])
@pytest.mark.slow
def test_a_named_pipe_as_the_lock_file(tmp_path: Path, command: list[str]) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _library(data)
    lock = data / "library.lock"
    os.mkfifo(lock)
    photos = tmp_path / "photos"
    make_photos(photos, 1)
    one_line_error(
        _run(data, photos, command),
        str(lock),
        "is a named pipe, not PictoPy's lock file",
        "move that named pipe away",
    )
    assert stat.S_ISFIFO(os.lstat(lock).st_mode)


@pytest.mark.parametrize("suffix", ["-wal", "-shm"])
@pytest.mark.parametrize("command", [["status"], ["repair", "--yes"]], ids=lambda c: c[0])
@pytest.mark.slow
def test_a_folder_named_like_the_journal(tmp_path: Path, suffix: str, command: list[str]) -> None:
    data = tmp_path / "data"
    data.mkdir()
    db_path = _library(data)
    odd = db_path.with_name(db_path.name + suffix)
    odd.mkdir()
    before = db_path.read_bytes()
    one_line_error(
        _run(data, tmp_path, command),
        str(odd),
        "is a folder, not the library's",
        "move that folder away",
    )
    assert odd.is_dir() and db_path.read_bytes() == before


@pytest.mark.slow
def test_a_dangling_link_given_to_index_is_named_as_such_and_status_agrees(tmp_path: Path) -> None:
    data = tmp_path / "data"
    photos = tmp_path / "photos"
    make_photos(photos, 1)
    dangling = photos / "dangling.jpg"
    dangling.symlink_to(tmp_path / "gone.jpg")
    result = _run(data, photos, ["index", str(dangling)])
    assert result.returncode == 0, result.stderr
    assert f"{dangling}: link leads nowhere" in result.stdout, result.stdout
    assert "folder not found" not in result.stdout + result.stderr
    assert "failed 0" in result.stdout, result.stdout
    status = run_pictopy("--data-dir", str(data), "status", timeout=60)
    assert status.returncode == 0, status.stderr
    assert "0 unreadable" in status.stdout, status.stdout
