"""Ctrl+C during `pictopy index`: the workers stop cleanly, a summary line, exit 130, nothing lost."""

from __future__ import annotations

import re
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from pictopy_desktop.library.service import Library
from pictopy_desktop.storage.database import integrity_ok
from pictopy_desktop.storage.library_lock import LibraryLock
from pictopy_desktop.storage.tables import Image
from tests.robustness.busy_library import REPO_ROOT, cli_env, make_photos, pictopy_cmd, run_pictopy

PHOTOS = 250


def _images_in(db_path: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT count(*) FROM image").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:  # not created yet
        return 0


@pytest.mark.slow
def test_ctrl_c_stops_indexing_with_a_summary(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(tmp_path / "no-models"))
    folder = tmp_path / "photos"
    make_photos(folder, PHOTOS, (800, 600))
    data = tmp_path / "data"
    proc = subprocess.Popen(
        pictopy_cmd("--data-dir", str(data), "index", str(folder)),
        env=cli_env(),
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while (
        _images_in(data / "library.sqlite3") < 10
        and proc.poll() is None
        and time.monotonic() < deadline
    ):
        time.sleep(0.05)
    sent_at = time.monotonic()
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    print(f"exited {time.monotonic() - sent_at:.2f} s after Ctrl+C")
    assert proc.returncode == 130, (out, err)
    assert "Traceback" not in out + err
    summary = re.search(r"^Stopped: (\d+) indexed, (\d+) left for next time\.$", err, re.M)
    assert summary, err
    indexed, left = int(summary[1]), int(summary[2])
    assert indexed >= 10 and left > 0 and indexed + left == PHOTOS

    # What was reported is what is in the library, intact; the lock is free again.
    with Library(data) as lib:
        assert integrity_ok(lib.db)
        assert Image.select().count() == indexed
    lock = LibraryLock(data / "library.lock")
    lock.acquire()
    lock.release()

    # The next run picks up where this one stopped.
    again = run_pictopy("--data-dir", str(data), "index", str(folder))
    assert again.returncode == 0, again.stderr
    assert f"Indexed {left}," in again.stdout and f"{indexed} unchanged" in again.stdout
