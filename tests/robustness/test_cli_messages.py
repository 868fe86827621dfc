"""Expected errors reach the command line as one sentence and a non-zero exit code, never a traceback."""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
import uuid
from pathlib import Path

import pytest

from pictopy_desktop import cli
from pictopy_desktop.library.service import Library
from pictopy_desktop.people import people_service as ps
from pictopy_desktop.storage import database
from pictopy_desktop.storage.tables import Person, UndoEntry, database_proxy
from pictopy_desktop.user_errors import DISK_FULL, LIBRARY_BUSY, explain
from tests.robustness.busy_library import (
    cli_env,
    make_photos,
    one_line_error,
    pictopy_cmd,
    run_pictopy,
)


@pytest.mark.slow
def test_data_dir_that_is_a_file(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "library"
    not_a_folder.write_text("my notes")
    result = run_pictopy("--data-dir", str(not_a_folder), "status")
    one_line_error(result, "is a file", str(not_a_folder), "--data-dir")
    assert not_a_folder.read_text() == "my notes"
    # A data dir inside a file says the same.
    one_line_error(run_pictopy("--data-dir", str(not_a_folder / "sub"), "status"), "is a file")


def test_lock_that_is_a_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "library.lock").mkdir(parents=True)
    photos = tmp_path / "photos"
    make_photos(photos, 2)
    result = run_pictopy("--data-dir", str(data), "index", str(photos))
    one_line_error(result, "lock file", "is a folder", "move that folder away")


def test_permission_denied_on_data_dir(tmp_path: Path) -> None:
    """Run as nobody (setpriv) on a data dir under a folder only root may enter."""
    if subprocess.run(["setpriv", "--version"], capture_output=True).returncode != 0:
        pytest.skip("setpriv is not available to drop privileges")
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    tmp_path.chmod(0o755)
    result = subprocess.run(
        [
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            *pictopy_cmd("--data-dir", str(private / "data"), "status"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=cli_env(),
        cwd="/",
    )
    if "setpriv:" in result.stderr:
        pytest.skip(f"cannot drop privileges here: {result.stderr.strip()}")
    one_line_error(result, "Permission denied", str(private / "data"), "--data-dir")


@pytest.fixture
def small_tmpfs(tmp_path: Path):
    point = tmp_path / f"mnt-{uuid.uuid4().hex[:6]}"
    point.mkdir()
    r = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(point)],
        capture_output=True,
        text=True,
    )
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {r.stderr.strip()}")
    yield point
    subprocess.run(["umount", "-l", str(point)], capture_output=True)


def _fill(mount: Path, leave_kib: int) -> Path:
    """Fill ``mount`` up to ``leave_kib`` KiB of free space."""
    out = subprocess.run(
        ["df", "--output=avail", "-k", str(mount)], capture_output=True, text=True, check=True
    )
    avail = int(out.stdout.split()[-1])
    filler = mount / "filler"
    with open(filler, "wb") as f:
        f.write(b"\0" * max(0, avail - leave_kib) * 1024)
    return filler


@pytest.mark.slow
def test_full_disk_during_a_people_operation(
    small_tmpfs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real cause ("disk is full") reaches the user, not SQLite's "cannot rollback"; nothing is half-done."""
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(small_tmpfs / "none"))
    data = small_tmpfs / "data"
    with Library(data) as lib, lib.db.atomic():
        for _ in range(3):
            ps.new_person()
    # Room to open the library (its 32 KiB shared-memory file), not to commit a change.
    filler = _fill(small_tmpfs, 40)
    result = run_pictopy("--data-dir", str(data), "people", "rename", "1", "Alice Example")
    one_line_error(result, DISK_FULL.format(where=" holding the library"))
    filler.unlink()
    with Library(data) as lib:
        assert database.integrity_ok(lib.db)
        assert Person.get_by_id(1).name is None
    ok = run_pictopy("--data-dir", str(data), "people", "rename", "1", "Alice Example")
    assert ok.returncode == 0, ok.stderr


@pytest.mark.parametrize("nested", [False, True], ids=["transaction", "savepoint"])
def test_full_database_surfaces_the_real_error(data_dir: Path, nested: bool) -> None:
    """SQLITE_FULL made deterministic with max_page_count: the operation fails with the real cause.

    Nested: the operation runs inside another ``atomic()`` (a savepoint), whose "no such
    savepoint" would otherwise hide the cause the same way "cannot rollback" does.
    """
    with Library(data_dir) as lib:
        with lib.db.atomic():
            for _ in range(3):
                ps.new_person()
        pages = lib.db.execute_sql("PRAGMA page_count").fetchone()[0]
        lib.db.execute_sql(f"PRAGMA max_page_count = {pages}")
        undo_before = UndoEntry.select().count()
        with pytest.raises(Exception) as caught:
            for i in range(500):  # long names fill the free pages, then the file may not grow
                with database_proxy.atomic() if nested else contextlib.nullcontext():
                    ps.rename_person(1 + i % 3, f"{'name ' * 38}{i}")
        assert "cannot rollback" not in str(caught.value) and "savepoint" not in str(caught.value)
        assert explain(caught.value) == DISK_FULL.format(where=" holding the library")
        lib.db.execute_sql("PRAGMA max_page_count = 1073741823")
        assert database.integrity_ok(lib.db)
        # The failed rename left no trace: every name has its undo entry and no more.
        assert 0 < i < ps.UNDO_KEEP and UndoEntry.select().count() - undo_before == i
        ps.rename_person(1, "Alice")
        assert Person.get_by_id(1).name == "Alice"


def test_locked_library_after_the_timeout(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """Another program holding the write lock past the busy timeout: "try again", exit 1."""
    monkeypatch.setitem(database.PRAGMAS, "busy_timeout", 200)  # the real wait is 30 s
    Library(data_dir).close()
    other = sqlite3.connect(data_dir / "library.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        code = cli.main(["--data-dir", str(data_dir), "people", "rename", "1", "Alice"])
    finally:
        other.execute("ROLLBACK")
        other.close()
    err = capsys.readouterr().err
    assert code == 1
    assert err.strip() == f"pictopy: {LIBRARY_BUSY}"


def test_unexpected_error_writes_a_log_not_a_traceback(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    from pictopy_desktop.cli import status_cmd

    def broken(args) -> int:
        raise RuntimeError("a bug in a command")

    monkeypatch.setattr(status_cmd, "run", broken)
    code = cli.main(["--data-dir", str(data_dir), "status"])
    err = capsys.readouterr().err
    assert code == 70
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "RuntimeError: a bug in a command" in err
    logs = list((data_dir / "logs").glob("crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in err
    assert "Traceback" in logs[0].read_text() and "a bug in a command" in logs[0].read_text()
    # PICTOPY_DEBUG=1 lets the traceback through for developers.
    monkeypatch.setenv("PICTOPY_DEBUG", "1")
    with pytest.raises(RuntimeError, match="a bug in a command"):
        cli.main(["--data-dir", str(data_dir), "status"])
