"""Indexing from the GUI: one run at a time on the indexer pool, with pause and cancel.

``IndexingController.index(roots)`` queues folders (or photos); the worker calls
``Library.index`` for phase one only (every photo browsable), with a progress callback
that crosses to the GUI thread as a signal, and a ``should_stop`` that blocks while
paused and returns True once cancelled. Phase two ("Finding people and things",
``Library.analyze_waiting``) is then queued as a run of its own with its own progress; it
steps aside whenever folders are queued, so a folder added meanwhile becomes browsable
first, and carries on after them. ``finished`` comes once per request: after phase two
for folders (one report for both phases), or after an ``analyze_waiting()`` run.
Whatever phase two leaves (cancelled, app closed) waits in the library and is picked up
by the next run, e.g. the start-up re-check.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pictopy_desktop.library.index_report import IndexReport
from pictopy_desktop.ui.qt import QObject, Signal, Slot
from pictopy_desktop.workers.tasks import InlinePool, pools, run_in_background

log = logging.getLogger(__name__)


@dataclass
class Progress:
    done: int
    total: int
    current: str
    eta_s: float | None


def _merge_runs(first: IndexReport, then: IndexReport) -> IndexReport:
    """Two phase-one runs (folders queued while phase two stepped aside) as one report."""
    for name in ("indexed", "unchanged", "moved", "removed", "offline", "missing", "returned"):
        setattr(first, name, getattr(first, name) + getattr(then, name))
    first.non_images += then.non_images
    first.thumbnails_rebuilt += then.thumbnails_rebuilt
    first.failed.extend(then.failed)
    first.known_failures |= then.known_failures
    first.skipped_files.extend(then.skipped_files)
    first.messages.extend(m for m in then.messages if m not in first.messages)
    first.cancelled = first.cancelled or then.cancelled
    return first


class _ProgressRelay(QObject):
    """Emitted from the worker thread; delivered (queued) on the GUI thread."""

    progressed = Signal(int, int, str)


ANALYSING = "Finding people and things"


def merge_analysis(report: IndexReport, analysis: IndexReport) -> IndexReport:
    """Phase one's report with what phase two found added: one report for the whole request."""
    report.analyzed += analysis.analyzed
    report.failed.extend(analysis.failed)
    report.known_failures |= analysis.known_failures
    report.waiting_for_models = analysis.waiting_for_models
    report.cancelled = report.cancelled or analysis.cancelled
    report.messages.extend(m for m in analysis.messages if m not in report.messages)
    return report


class IndexingController(QObject):
    started = Signal(str)  # what is running ("Adding Holiday", "Finding people and things")
    progress = Signal(object)  # Progress
    photos_arrived = Signal()  # some photos are in the DB: refresh galleries
    browsable = Signal(object)  # IndexReport of phase one: every photo found can be browsed
    analysed = Signal()  # phase two stored tags and faces: Things and People may have grown
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
        self._kind = ""
        # Set while folders wait in the queue: phase two, on the worker thread, steps aside.
        self._folders_waiting = threading.Event()
        # Phase one's report while its phase two runs (finished carries both).
        self._phase_one: IndexReport | None = None

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
            self._folders_waiting.set()
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
        self._folders_waiting.clear()
        if self._running:
            self._cancel.set()
            self._pause.clear()
            self.paused_changed.emit(False)

    def _should_stop(self) -> bool:
        while self._pause.is_set() and not self._cancel.is_set():
            time.sleep(0.1)  # paused: the worker waits here between photos
        return self._cancel.is_set() or self._yield_to_folders()

    def _yield_to_folders(self) -> bool:
        """Phase two stops for folders queued meanwhile: they become browsable first."""
        return self._kind == "analyze" and self._folders_waiting.is_set()

    def _queue_analysis(self) -> None:
        """Phase two after phase one: once, after every queued folder."""
        if not any(kind == "analyze" for kind, _, _ in self._queue):
            self._queue.append(("analyze", [], self.last_run_quiet))

    # ------------------------------------------------------------------ running

    def _next(self) -> None:
        if self._running or not self._queue:
            return
        kind, roots, quiet = self._queue.pop(0)
        # Merge queued folder runs into this one.
        while kind == "index" and any(k == "index" for k, _, _ in self._queue):
            i = next(i for i, (k, _, _) in enumerate(self._queue) if k == "index")
            _, more, more_quiet = self._queue.pop(i)
            roots.extend(more)
            quiet = quiet and more_quiet
        if kind == "index":
            self._folders_waiting.clear()  # every queued folder is in this run
        self.last_run_quiet = quiet
        self._kind = kind
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

            def phase_one() -> tuple[IndexReport, int]:
                library.analyzer()
                report = library.index(roots, progress, self._should_stop, analysis=False)
                return report, library.waiting_for_analysis()

            run_in_background(phase_one, self._done, self._failed, pools().indexer, context=self)
        else:
            self.started.emit(ANALYSING)

            def phase_two() -> IndexReport:
                return library.analyze_waiting(progress, self._should_stop)

            run_in_background(phase_two, self._done, self._failed, pools().indexer, context=self)

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
            if self._kind == "analyze":
                self.analysed.emit()
            else:
                self.photos_arrived.emit()

    def _done(self, result: IndexReport | tuple[IndexReport, int]) -> None:
        self._running = False
        if isinstance(result, tuple):  # phase one, and how many photos phase two has to do
            report, to_analyse = result
            self._phase_one = (
                report if self._phase_one is None else _merge_runs(self._phase_one, report)
            )
            self.photos_arrived.emit()
            self.browsable.emit(report)
            if not report.cancelled and to_analyse:
                self._queue_analysis()
                self._after_run()
                return
            report = self._phase_one
        elif self._yield_to_folders() and result.cancelled:
            self._queue_analysis()  # stepped aside for folders; carries on after them
            done_so_far = replace(result, cancelled=False)
            if self._phase_one is None:
                self._phase_one = done_so_far
            else:
                merge_analysis(self._phase_one, done_so_far)
            self._after_run()
            return
        else:
            self.analysed.emit()
            report = result
            if self._phase_one is not None:
                report = merge_analysis(self._phase_one, result)
        self._phase_one = None
        self.last_report = report
        self.finished.emit(report)
        self._after_run()

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        self._phase_one = None
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
