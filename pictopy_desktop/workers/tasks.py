"""Run a function off the GUI thread; its result or its error comes back as a signal.

``run_in_background(op, on_success, on_failure, pool)`` is the only way the UI runs
background work (Picard's ``run_task``, Anki's ``QueryOp``): ``op`` runs in a pool
thread and must not touch widgets; ``on_success(result)`` or ``on_failure(exc)`` then
runs on the GUI thread. Pools are sized by what they compete for:

* ``general``: thumbnail decoding, face crops, read queries (a few threads);
* ``writer``: one thread, so user edits (rename, merge, albums) never race each other;
* ``indexer``: one thread for indexing/analysis runs. The indexer commits a small
  batch of photos per transaction and SQLite serialises writers, so a rename made
  during a long indexing run lands between two batches instead of waiting for the run.

Peewee keeps one SQLite connection per thread; every job closes its thread's
connection when it ends so pool threads never hold one open.

Tests call ``set_pools(Pools.inline())`` to run every job at once on the calling
thread, which makes background work deterministic (Picard's test pool).
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from pictopy_desktop.ui.qt import (
    QObject,
    QRunnable,
    QThreadPool,
    Signal,
    Slot,
    qobject_alive,
)

log = logging.getLogger(__name__)

SuccessFn = Callable[[Any], None]
FailureFn = Callable[[BaseException], None]


class InlinePool:
    """A stand-in for QThreadPool that runs each job immediately on the calling thread."""

    def start(self, runnable: QRunnable, priority: int = 0) -> None:
        runnable.run()

    def waitForDone(self, msecs: int = -1) -> bool:
        return True

    def activeThreadCount(self) -> int:
        return 0

    def clear(self) -> None:
        pass

    def maxThreadCount(self) -> int:
        return 1


class Pools:
    """The app's thread pools (see the module docstring)."""

    def __init__(self, general: Any, writer: Any, indexer: Any) -> None:
        self.general = general
        self.writer = writer
        self.indexer = indexer

    @classmethod
    def threaded(cls) -> Pools:
        general = QThreadPool()
        general.setMaxThreadCount(max(2, min(4, QThreadPool.globalInstance().maxThreadCount())))
        writer = QThreadPool()
        writer.setMaxThreadCount(1)
        indexer = QThreadPool()
        indexer.setMaxThreadCount(1)
        return cls(general, writer, indexer)

    @classmethod
    def inline(cls) -> Pools:
        pool = InlinePool()
        return cls(pool, pool, pool)

    def all(self) -> list[Any]:
        return [self.general, self.writer, self.indexer]

    def wait(self, msecs: int = -1) -> bool:
        return all(p.waitForDone(msecs) for p in self.all())


_pools: Pools | None = None
_db_closers: list[Callable[[], None]] = []


def pools() -> Pools:
    global _pools
    if _pools is None:
        _pools = Pools.threaded()
    return _pools


def set_pools(new: Pools | None) -> None:
    """Replace the pools (tests: ``Pools.inline()``); None goes back to real threads on next use."""
    global _pools
    _pools = new


def set_thread_cleanup(fn: Callable[[], None] | None) -> None:
    """What a worker thread runs after each job (the app closes its DB connection there)."""
    _db_closers.clear()
    if fn is not None:
        _db_closers.append(fn)


class _Signals(QObject):
    """Lives on the GUI thread; the worker emits, the slots run on the GUI thread (queued)."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self, on_success: Callable[[Any], None], on_failure: Callable[[BaseException], None]
    ) -> None:
        super().__init__()
        self._on_success = on_success
        self._on_failure = on_failure
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_failure)

    @Slot(object)
    def _deliver_success(self, result: Any) -> None:
        self._on_success(result)

    @Slot(object)
    def _deliver_failure(self, exc: BaseException) -> None:
        self._on_failure(exc)


# Signals objects of jobs in flight; a job's object lives until its result is delivered.
_in_flight: set[_Signals] = set()
_in_flight_lock = threading.Lock()


class _Task(QRunnable):
    def __init__(self, op: Callable[[], Any], signals: _Signals, inline: bool) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._op = op
        self._signals = signals
        self._inline = inline

    def run(self) -> None:
        try:
            result = self._op()
        except BaseException as exc:
            exc.__dict__.setdefault("pictopy_traceback", traceback.format_exc())
            self._cleanup()
            self._signals.failed.emit(exc)
        else:
            self._cleanup()
            self._signals.succeeded.emit(result)

    def _cleanup(self) -> None:
        if self._inline:
            return  # the GUI thread's own connection stays open
        for fn in _db_closers:
            try:
                fn()
            except Exception:  # closing must never hide the job's outcome
                log.exception("Worker cleanup failed")


def run_in_background(
    op: Callable[[], Any],
    on_success: SuccessFn | None = None,
    on_failure: FailureFn | None = None,
    pool: Any = None,
    context: QObject | None = None,
    priority: int = 0,
) -> None:
    """Run ``op()`` in ``pool`` (default: the general pool); report back on the GUI thread.

    ``on_failure`` defaults to the message bridge's error notification, so no error is
    ever swallowed. With ``context``, nothing is called back once that widget is gone.
    A higher ``priority`` starts before the jobs already waiting in the pool.
    """
    pool = pool if pool is not None else pools().general

    def done() -> None:
        with _in_flight_lock:
            _in_flight.discard(signals)
        signals.deleteLater()

    def succeeded(result: Any) -> None:
        done()
        if context is not None and not qobject_alive(context):
            return
        if on_success is not None:
            on_success(result)

    def failed(exc: BaseException) -> None:
        done()
        if context is not None and not qobject_alive(context):
            log.warning("Background job failed after its window closed: %r", exc)
            return
        if on_failure is not None:
            on_failure(exc)
        else:
            from pictopy_desktop.ui import messages

            messages.exception(exc)

    signals = _Signals(succeeded, failed)
    with _in_flight_lock:
        _in_flight.add(signals)
    pool.start(_Task(op, signals, isinstance(pool, InlinePool)), priority)


def jobs_in_flight() -> int:
    with _in_flight_lock:
        return len(_in_flight)
