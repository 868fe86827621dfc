"""Write-back while the app runs: with the setting on, changed names, keywords, ratings and
rotations go to the photos' ``.xmp`` sidecars shortly after each change.

Changes come in bursts (a merge renames dozens of faces): a timer gathers them, then one
background job writes the sidecars whose content changed (``sidecars_to_refresh``), each
photo in its own short transaction so edits never wait behind it. Photos that could not
take a sidecar are reported in one notification.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pictopy_desktop.ui import messages
from pictopy_desktop.ui.qt import QObject, QTimer
from pictopy_desktop.ui.translations import n_
from pictopy_desktop.workers.tasks import run_in_background

if TYPE_CHECKING:
    from pictopy_desktop.library.changes import OpChanges
    from pictopy_desktop.library.metadata.sidecar_export import SidecarReport
    from pictopy_desktop.ui.context import AppContext

DEBOUNCE_MS = 1500


class SidecarWriteBack(QObject):
    """Watches the library's change events; writes sidecars when ``write_xmp_sidecars`` is on."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self._running = False
        self._again = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.write_now)
        ctx.changed.connect(self.changed)

    @property
    def enabled(self) -> bool:
        return bool(self.ctx.library.settings.write_xmp_sidecars)

    def changed(self, changes: OpChanges) -> None:
        """Something that a sidecar may carry changed: write soon (if the setting is on)."""
        if self.enabled and changes.touches("people", "tags", "photos"):
            self._timer.start()

    def write_now(self) -> None:
        """Write every sidecar whose content changed, in the background."""
        if self._running:  # one job at a time; the changes meanwhile get one more pass
            self._again = True
            return
        self._running = True
        db = self.ctx.library.db

        def job() -> SidecarReport:
            from pictopy_desktop.library.metadata.sidecar_export import (
                export_sidecars,
                sidecars_to_refresh,
            )

            return export_sidecars(db, sidecars_to_refresh())

        run_in_background(job, self._done, self._failed, context=self)

    def _finish(self) -> None:
        self._running = False
        if self._again:
            self._again = False
            self.write_now()

    def _done(self, report: SidecarReport) -> None:
        if report.failed:
            details = "\n".join(f"{path}: {reason}" for path, reason in report.failed)
            messages.warning(
                n_(
                    "%Ln sidecar(s) could not be written; the photos and the library are unchanged.",
                    len(report.failed),
                ),
                details,
            )
        self._finish()

    def _failed(self, exc: BaseException) -> None:
        messages.exception(exc, "Writing .xmp sidecars")
        self._finish()
