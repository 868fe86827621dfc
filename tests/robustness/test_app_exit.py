"""Closing the app ends its process within seconds, even while a worker is stuck, and frees the library."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pictopy_desktop.library.service import Library
from pictopy_desktop.storage.library_lock import LibraryLock
from pictopy_desktop.storage.tables import Album
from tests.robustness.busy_library import REPO_ROOT, cli_env

# Starts the real app offscreen; once the window is up, a job on the indexer pool takes the
# library's write lock and blocks opening a FIFO nobody writes to, then the window closes.
DRIVER = textwrap.dedent(
    """
    import sys, time
    from pictopy_desktop.library import albums
    from pictopy_desktop.ui import app as app_module
    from pictopy_desktop.ui.main_window import MainWindow
    from pictopy_desktop.ui.qt import QTimer
    from pictopy_desktop.workers.tasks import pools, run_in_background

    FIFO = sys.argv[1]
    original_start = MainWindow.start

    def start(self):
        original_start(self)
        library = self.ctx.library

        def stuck():
            library.write_lock()
            print("worker holds the lock", flush=True)
            open(FIFO, "rb")  # blocks in the kernel until a writer comes: never

        run_in_background(stuck, pool=pools().indexer)

        def close():
            # The user's last edit, queued behind a slow one as the window closes, is still made.
            self.ctx.write(lambda: time.sleep(1.0))
            self.ctx.write(lambda: albums.create_album("Made while closing"))
            print(f"closing at {time.monotonic():.3f}", flush=True)
            self.close()

        QTimer.singleShot(1500, close)

    MainWindow.start = start
    sys.exit(app_module.run_app([]))
    """
)


@pytest.mark.slow
def test_app_exits_while_a_worker_is_stuck(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    fifo = tmp_path / "stuck.fifo"
    os.mkfifo(fifo)
    data = tmp_path / "data"
    script = tmp_path / "driver.py"
    script.write_text(DRIVER)
    proc = subprocess.Popen(
        [sys.executable, str(script), str(fifo)],
        env=cli_env(data),
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        out, err = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        pytest.fail(f"the app did not exit after its window closed\n{out}\n{err}")
    ended = time.monotonic()
    assert "worker holds the lock" in out, (out, err)
    closed_at = float(re.search(r"closing at ([\d.]+)", out)[1])
    seconds = ended - closed_at
    print(f"process ended {seconds:.2f} s after its window closed")
    assert proc.returncode == 0, (out, err)
    assert "Traceback" not in err
    assert "Ending PictoPy without waiting any longer" in err  # the log line says why it cut short
    assert seconds < 15
    # The library's write lock is free again, and the last edit is in.
    lock = LibraryLock(data / "library.lock")
    lock.acquire()
    lock.release()
    with Library(data):
        assert Album.select().where(Album.name == "Made while closing").count() == 1


@pytest.mark.slow
def test_app_exits_normally_when_workers_are_idle(tmp_path: Path) -> None:
    """With nothing running, the ordinary exit path is taken (no forced end, nothing logged)."""
    proc = subprocess.run(
        [sys.executable, "-m", "pictopy_desktop", "--smoke-test"],
        env=cli_env(tmp_path / "data"),
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "main window shown" in proc.stdout
    assert "Ending PictoPy" not in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.slow
def test_ctrl_c_closes_the_app(tmp_path: Path) -> None:
    """Ctrl+C in the terminal that started the app: the window closes the normal way, exit 130."""
    import queue
    import signal
    import threading

    data = tmp_path / "data"
    proc = subprocess.Popen(
        [sys.executable, "-m", "pictopy_desktop", "-v"],
        env=cli_env(data),
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    err: list[str] = []
    try:
        while True:
            line = lines.get(timeout=60)
            if line is None:
                pytest.fail("the app ended before Ctrl+C:\n" + "".join(err))
            err.append(line)
            if "Ctrl+C closes the window" in line:
                break
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=60) == 130
    finally:
        if proc.poll() is None:
            proc.kill()
    while (line := lines.get(timeout=10)) is not None:
        err.append(line)
    text = "".join(err)
    assert "Ctrl+C: closing the window" in text and "Background work stopped" in text
    assert "Traceback" not in text and "KeyboardInterrupt" not in text
    lock = LibraryLock(data / "library.lock")
    lock.acquire()
    lock.release()
