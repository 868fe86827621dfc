"""The status bar's indexing line (what is being added, how far, how long, pause and cancel)
and the message that sums a run up."""

from __future__ import annotations

from pathlib import Path

from pictopy_desktop.library.file_names import display_path
from pictopy_desktop.library.index_report import IndexReport
from pictopy_desktop.ui import messages
from pictopy_desktop.ui.core_texts import translated
from pictopy_desktop.ui.qt import QHBoxLayout, QLabel, QLocale, QProgressBar, QToolButton, QWidget
from pictopy_desktop.ui.translations import n_, translate
from pictopy_desktop.workers.indexing import ANALYSING, IndexingController, Progress

ADDING_PREFIX = "Adding "  # how the controller names an indexing run: "Adding Holiday, Paris"


class IndexingStatus(QWidget):
    """Status bar: "Adding Holiday: 120 of 3,400 · IMG_0042.jpg · about 5 min left" + pause + cancel."""

    def __init__(self, controller: IndexingController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.label = QLabel("")
        self.label.setObjectName("indexingLabel")
        self.label.setMinimumWidth(200)
        self.bar = QProgressBar()
        self.bar.setFixedWidth(180)
        self.bar.setTextVisible(False)
        self.pause = QToolButton()
        self.pause.setText(translate("pictopy", "Pause"))
        self.pause.setCheckable(True)
        self.pause.toggled.connect(controller.set_paused)
        self.cancel = QToolButton()
        self.cancel.setText(translate("pictopy", "Cancel"))
        self.cancel.clicked.connect(controller.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.pause)
        layout.addWidget(self.cancel)
        self.what = ""
        controller.started.connect(self._started)
        controller.progress.connect(self._progress)
        controller.paused_changed.connect(self._paused)
        controller.idle.connect(self.hide)
        self.hide()

    def _started(self, what: str) -> None:
        self.what = what = phase_text(what)
        self.label.setText(translate("pictopy", "{what}: looking for photos…").format(what=what))
        self.bar.setRange(0, 0)
        self.pause.setChecked(False)
        self.show()

    def _progress(self, p: Progress) -> None:
        self.bar.setRange(0, max(1, p.total))
        self.bar.setValue(p.done)
        eta = ""
        if p.eta_s is not None and p.done < p.total:
            eta = " · " + format_eta(p.eta_s)
        current = Path(p.current).name if p.current else ""
        paused = _paused_mark() if self.controller.paused else ""
        self.label.setText(
            translate("pictopy", "{what}{paused}: {done} of {total}").format(
                what=self.what,
                paused=paused,
                done=QLocale().toString(p.done),
                total=QLocale().toString(p.total),
            )
            + (f" · {current}" if current else "")
            + eta
        )

    def _paused(self, paused: bool) -> None:
        self.pause.setChecked(paused)
        self.pause.setText(
            translate("pictopy", "Resume") if paused else translate("pictopy", "Pause")
        )
        text = self.label.text().replace(_paused_mark(), "")
        if paused:
            text = text.replace(":", _paused_mark() + ":", 1)
        self.label.setText(text)


def format_eta(seconds: float) -> str:
    """ "about 5 min left", from seconds."""
    if seconds < 60:
        return translate("pictopy", "less than a minute left")
    if seconds < 3600:
        return translate("pictopy", "about {n} min left").format(n=round(seconds / 60))
    hours = QLocale().toString(seconds / 3600, "f", 1)
    return translate("pictopy", "about {n} h left").format(n=hours)


def _paused_mark() -> str:
    return translate("pictopy", " (paused)")


def phase_text(what: str) -> str:
    """The controller's phase ("Adding Holiday", ``ANALYSING``) in the app's language."""
    if what == ANALYSING:
        return translate("pictopy", "Finding people and things")
    if what.startswith(ADDING_PREFIX):
        return translate("pictopy", "Adding {names}").format(names=what[len(ADDING_PREFIX) :])
    return what


def announce(report: IndexReport, quiet: bool) -> None:
    """Tell the user what an indexing run did; ``quiet`` runs (background re-checks) only
    speak when they found something."""
    parts = []
    if report.indexed:
        parts.append(n_("%Ln new or changed", report.indexed))
    if report.moved:
        parts.append(n_("%Ln moved", report.moved))
    if report.removed:
        parts.append(n_("%Ln removed", report.removed))
    if report.offline:
        parts.append(n_("%Ln offline (kept)", report.offline))
    if report.missing:
        parts.append(n_("%Ln missing (kept for now)", report.missing))
    if report.returned:
        parts.append(n_("%Ln back", report.returned))
    if report.analyzed:
        parts.append(n_("%Ln analysed", report.analyzed))
    summary = ", ".join(parts) or translate("pictopy", "no changes")
    # Files that failed before and still fail are no news: the status bar keeps counting them.
    new_failures = report.new_failures
    if quiet and not parts and not new_failures:
        return  # a background re-check that found nothing new
    if report.cancelled:
        messages.info(
            translate(
                "pictopy", "Indexing cancelled ({summary}). Add the folder again to continue."
            ).format(summary=summary)
        )
    elif new_failures:
        details = "\n".join(
            f"{display_path(path)}: {translated(reason)}" for path, reason in new_failures
        )
        messages.warning(
            translate("pictopy", "Done: {summary}.").format(summary=summary)
            + " "
            + n_("%Ln file(s) could not be read.", len(new_failures)),
            details,
        )
    else:
        messages.info(translate("pictopy", "Done: {summary}.").format(summary=summary))
    if report.skipped_files and not quiet:
        messages.info(
            n_(
                "%Ln item(s) were not read: pipes, devices or links leading out of the library.",
                len(report.skipped_files),
            ),
            "\n".join(
                f"{display_path(path)}: {translated(reason)}"
                for path, reason in report.skipped_files
            ),
        )
    if report.messages:
        shown = [translated(m) for m in report.messages]
        messages.warning(shown[0], "\n".join(shown))
