"""Settings saved from several threads and processes at once: always a whole file, never a lost one."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from pictopy_desktop.settings import Settings, load_settings, save_settings
from tests.robustness.busy_library import REPO_ROOT, cli_env

WRITER = """
import sys
from pathlib import Path
from pictopy_desktop.settings import Settings, save_settings
path = Path(sys.argv[1])
for i in range(200):
    save_settings(Settings(thumbnail_cache_mb=10_000 + i, extra={"writer": "process"}), path)
"""


@pytest.mark.slow
def test_concurrent_saves_leave_a_whole_file(tmp_path: Path, caplog) -> None:
    path = tmp_path / "settings.json"
    save_settings(Settings(), path)
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], env=cli_env(), cwd=REPO_ROOT)
    seen: list[int] = []
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(200):
                save_settings(
                    Settings(thumbnail_cache_mb=n * 1000 + i, extra={"writer": f"thread {n}"}), path
                )
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in (1, 2, 3)]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads) or proc.poll() is None:
        seen.append(load_settings(path).thumbnail_cache_mb)  # a reader never sees half a file
    for t in threads:
        t.join()
    assert proc.wait(60) == 0
    assert not errors, errors
    assert not [
        r for r in caplog.records if r.levelname in ("WARNING", "ERROR")
    ]  # never "unreadable"
    written = {Settings().thumbnail_cache_mb} | {
        n * 1000 + i for n in (1, 2, 3, 10) for i in range(200)
    }
    assert set(seen) <= written  # each read is one writer's whole file
    final = json.loads(path.read_text())
    assert final["thumbnail_cache_mb"] % 1000 == 199  # the last save of one of the writers
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".settings.json.*"))
    assert not list(tmp_path.glob("*.corrupt.json"))
