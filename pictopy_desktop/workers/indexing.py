"""Indexing from the GUI: one run at a time on the indexer pool, with pause and cancel.

``IndexingController.index(roots)`` queues folders (or photos); the worker calls
``Library.index`` with a progress callback that crosses to the GUI thread as a
signal, and a ``should_stop`` that blocks while paused and returns True once
cancelled. ``analyze(...)`` runs ``Library.analyze_waiting`` the same way (after the
models arrive).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pictopy_desktop.library.indexer import IndexReport
from pictopy_desktop.ui.qt import QObject, Signal, Slot
from pictopy_desktop.workers.tasks import InlinePool, pools, run_in_background

log = logging.getLogger(__name__)


@dataclass
class Progress:
    done: int
    total: int
    current: str
    eta_s: float | None


class _ProgressRelay(QObject):
    """Emitted from the worker thread; delivered (queued) on the GUI thread."""

    progressed = Signal(int, int, str)


class IndexingController(QObject):
    started = Signal(str)  # what is running ("Indexing 2 folders", "Analysing photos")
    progress = Signal(object)  # Progress
    photos_arrived = Signal()  # some photos are in the DB: refresh galleries
    finished = Signal(object)  # IndexReport
    failed = Signal(object)  # exception
    paused_changed = Signal(bool)
    idle = Signal()

    REFRESH_EVERY_PHOTOS = 25
    REFRESH_EVERY_S = 2.0

    def __init__(self, library: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self._queue: list[tuple[str, list[Path], bool]] = []
        # A run nobody asked for (start-up re-check, live folders) reports only what changed.
        self.last_run_quiet = False
        self._running = False
        self._pause = threading.Event()
        self._cancel = threading.Event()
        self._relay = _ProgressRelay()
        self._relay.progressed.connect(self._on_progress)
        self._t0 = 0.0
        self._rate_t0: tuple[float, int] | None = None
        self._last_refresh = (0.0, 0)
        self.last_report: IndexReport | None = None

    # ------------------------------------------------------------------ control

    @property
    def running(self) -> bool:
        return self._running

    @property
    def paused(self) -> bool:
        return self._pause.is_set()

    def index(self, roots: Sequence[Path | str], quiet: bool = False) -> None:
        """Add and index ``roots``; queued behind a run in progress. ``quiet``: not asked for by the user."""
        folders = [Path(r) for r in roots]
        if folders:
            self._queue.append(("index", folders, quiet))
            self._next()

    def analyze_waiting(self) -> None:
        """Analyse photos indexed before the models were there."""
        self._queue.append(("analyze", [], False))
        self._next()

    def set_paused(self, paused: bool) -> None:
        if paused == self.paused:
            return
        if paused:
            self._pause.set()
        else:
            self._pause.clear()
        self.paused_changed.emit(paused)

    def cancel(self) -> None:
        """Stop the current run after the photo in hand, and drop queued ones."""
        self._queue.clear()
        if self._running:
            self._cancel.set()
            self._pause.clear()
            self.paused_changed.emit(False)

    def _should_stop(self) -> bool:
        while self._pause.is_set() and not self._cancel.is_set():
            time.sleep(0.1)  # paused: the worker waits here between photos
        return self._cancel.is_set()

    # ------------------------------------------------------------------ running

    def _next(self) -> None:
        if self._running or not self._queue:
            return
        kind, roots, quiet = self._queue.pop(0)
        # Merge queued folder runs into this one.
        while kind == "index" and self._queue and self._queue[0][0] == "index":
            _, more, more_quiet = self._queue.pop(0)
            roots.extend(more)
            quiet = quiet and more_quiet
        self.last_run_quiet = quiet
        self._running = True
        self._cancel.clear()
        self._t0 = time.monotonic()
        self._rate_t0 = None
        self._last_refresh = (self._t0, 0)
        library = self.library
        relay = self._relay

        def progress(done: int, total: int, current: str) -> None:
            relay.progressed.emit(done, total, current)

        if kind == "index":
            names = ", ".join(r.name or str(r) for r in roots[:3]) + ("…" if len(roots) > 3 else "")
            self.started.emit(f"Adding {names}")

            def op() -> IndexReport:
                library.analyzer()
                return library.index(roots, progress, self._should_stop)
        else:
            self.started.emit("Analysing photos")

            def op() -> IndexReport:
                library.analyzer()
                return library.analyze_waiting(progress, self._should_stop)

        run_in_background(op, self._done, self._failed, pools().indexer, context=self)

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, current: str) -> None:
        now = time.monotonic()
        eta = None
        if done > 0:
            if self._rate_t0 is None or done < self._rate_t0[1]:
                self._rate_t0 = (now, done)  # a new phase (scan -> analysis) restarts the rate
            else:
                t0, d0 = self._rate_t0
                if done > d0 and now > t0:
                    eta = (total - done) * (now - t0) / (done - d0)
        self.progress.emit(Progress(done, total, current, eta))
        last_t, last_done = self._last_refresh
        if done and (
            done - last_done >= self.REFRESH_EVERY_PHOTOS
            or now - last_t >= self.REFRESH_EVERY_S
            or done < last_done
        ):
            self._last_refresh = (now, done)
            self.photos_arrived.emit()

    def _done(self, report: IndexReport) -> None:
        self._running = False
        self.last_report = report
        self.finished.emit(report)
        self._after_run()

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        self.failed.emit(exc)
        self._after_run()

    def _after_run(self) -> None:
        if self._queue:
            self._next()
        else:
            self.idle.emit()

    def wait(self, timeout_s: float = 60.0) -> bool:
        """Block (processing events) until idle; for tests and shutdown."""
        from pictopy_desktop.ui.qt import QApplication

        if isinstance(pools().indexer, InlinePool):
            return not self._running
        deadline = time.monotonic() + timeout_s
        while (self._running or self._queue) and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.01)
        return not self._running
