"""The gallery's keys re-sorted for this time zone in the background, one chunk per writer job.

``storage/zone_resort.py`` rewrites the keys of photos without a capture date in chunks of
one short transaction each. Here each chunk is one job on the writer pool (the one thread
that writes for the GUI), queued only once the previous one has ended: an edit made
meanwhile (a rename, a rating) runs between two chunks, and the indexer's batches take
SQLite's write lock in the pause between them. ``finished`` carries what the whole run changed
(photos, when any key moved), for the window to broadcast: galleries reload once, at the
end, not after every chunk.
"""

from __future__ import annotations

from peewee import SqliteDatabase

from pictopy_desktop.library.changes import NO_CHANGES, OpChanges
from pictopy_desktop.storage.zone_resort import ZoneResort, resort_due
from pictopy_desktop.ui.qt import QObject, QTimer, Signal
from pictopy_desktop.workers.tasks import pools, run_in_background


class ZoneResortRunner(QObject):
    """Runs ``ZoneResort`` chunk after chunk on the writer pool, from the GUI thread."""

    finished = Signal(object)  # OpChanges: photos, when the run rewrote any key

    def __init__(self, db: SqliteDatabase, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._job: ZoneResort | None = None  # made and used on the writer thread only
        self.running = False

    def start(self) -> None:
        """Compare the zones and, where the keys were made in another, re-sort them."""
        if not self.running:
            self.running = True
            self._job = None
            self._next()

    def _next(self) -> None:
        run_in_background(self._step, self._stepped, self._failed, pools().writer, self)

    def _step(self) -> bool:
        if self._job is None:
            if not resort_due(self._db):
                return False
            self._job = ZoneResort(self._db)
        return self._job.step()

    def _stepped(self, more: bool) -> None:
        if more:  # the next chunk queues behind the edits asked for meanwhile, after the
            # pause that lets the indexer's waiting connection in first
            assert self._job is not None
            QTimer.singleShot(round(self._job.pause_s * 1000), self, self._next)
            return
        self._end()

    def _failed(self, exc: BaseException) -> None:
        from pictopy_desktop.ui import messages

        messages.exception(exc)
        self._end()

    def _end(self) -> None:
        self.running = False
        changed = self._job is not None and self._job.changed > 0
        self.finished.emit(OpChanges(photos=True) if changed else NO_CHANGES)
