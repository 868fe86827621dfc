"""Ending the app: stop background work, wait a little, then end the process whatever it is doing.

Closing the window must end PictoPy within seconds and free the library's write lock,
even while a worker is stuck in a call Python cannot interrupt (a file on a hung
network drive, a FIFO that nobody writes). Queued reads and indexing are dropped,
queued edits still run, and running jobs get ``EXIT_WAIT_S`` to notice their stop
flags; after that the library lock is released, logs are flushed and the process ends
with ``os._exit``: Qt would otherwise wait for its pool threads forever, and Python
for its own non-daemon threads. SQLite needs no goodbye: a transaction cut short is
rolled back the next time the library opens.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
import time
from typing import Any, NoReturn

from pictopy_desktop.storage.library_lock import LibraryLock

log = logging.getLogger(__name__)

EXIT_WAIT_S = 3.0  # how long running jobs get to finish once the window has closed


def stop_background_work(pools: Any, timeout_s: float = EXIT_WAIT_S) -> bool:
    """Drop queued reads and indexing, wait up to ``timeout_s`` in all for the rest; True if all ended.

    Queued writes are not dropped: they are the user's last edits (a rename made just
    before closing), and each is one short transaction.
    """
    for pool in (pools.general, pools.indexer):
        pool.clear()
    deadline = time.monotonic() + timeout_s
    finished = True
    for pool in pools.all():
        left_ms = max(0, int((deadline - time.monotonic()) * 1000))
        finished = pool.waitForDone(left_ms) and finished
    return finished


def lingering_threads() -> list[threading.Thread]:
    """Python threads that would keep the interpreter from exiting (non-daemon, still alive)."""
    main = threading.main_thread()
    return [t for t in threading.enumerate() if t is not main and not t.daemon and t.is_alive()]


def exit_now(code: int, reason: str) -> NoReturn:
    """The last resort: release the library lock, flush the logs, end the process at once."""
    log.warning("Ending PictoPy without waiting any longer: %s", reason)
    released = LibraryLock.release_all()
    if released:
        log.info("Released %d library lock(s) held by stuck work", released)
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)
