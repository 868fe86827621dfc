"""The library file, from the app: a damaged library at start offers Repair or Quit; a backup once a day.

The repair and the backups are the core's (``storage/repair.py``, ``storage/backup.py``);
here they only run off the GUI thread, with a small dialog around the repair.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pictopy_desktop.errors import CorruptLibraryError
from pictopy_desktop.storage.backup import backup_if_due
from pictopy_desktop.storage.database import needs_upgrade, upgrade_database
from pictopy_desktop.storage.repair import repair_library
from pictopy_desktop.ui import messages
from pictopy_desktop.ui.qt import (
    QEventLoop,
    QMessageBox,
    QObject,
    QProgressDialog,
    Qt,
    QTimer,
    QWidget,
)
from pictopy_desktop.ui.translations import translate
from pictopy_desktop.workers.tasks import pools, run_in_background

log = logging.getLogger(__name__)

T = TypeVar("T")
BACKUP_CHECK_MS = 60 * 60 * 1000  # how often the app checks whether the daily backup is due
FIRST_BACKUP_CHECK_MS = 60 * 1000  # after start, once the first scan is under way


def damaged_library_box(error: CorruptLibraryError, parent: QWidget | None = None) -> QMessageBox:
    """The start-up question: the message, and "Repair" or "Quit"."""
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        translate("pictopy", "PictoPy's library is damaged"),
        str(error),
        parent=parent,
    )
    box.setInformativeText(
        translate(
            "pictopy",
            "Repair restores the latest good backup, or else rebuilds the library from what can still be read; "
            "the damaged file is kept beside it.",
        )
    )
    box.addButton(translate("pictopy", "Repair"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(
        box.addButton(translate("pictopy", "Quit"), QMessageBox.ButtonRole.RejectRole)
    )
    return box


def upgrading_title() -> str:
    """The title of the window shown while a library from an older version is upgraded."""
    return translate("pictopy", "PictoPy — Upgrading your library")


def upgrading_text() -> str:
    """What the window says while a library from an older version is upgraded."""
    return translate(
        "pictopy", "Upgrading your library to this version of PictoPy; a copy is kept first…"
    )


def _ask(error: CorruptLibraryError) -> bool:
    box = damaged_library_box(error)
    box.exec()
    clicked = box.clickedButton()
    return clicked is not None and box.buttonRole(clicked) == QMessageBox.ButtonRole.AcceptRole


def _wait_in_background(op: Callable[[], T], title: str, label: str, modal: bool = True) -> T:
    """Run ``op`` in the background pool behind a busy dialog; its result, or its error raised here."""
    outcome: dict[str, object] = {}
    loop = QEventLoop()
    progress = QProgressDialog(label, "", 0, 0)
    # Shown before the main window exists: the title says which app is busy (the task bar shows it).
    progress.setWindowTitle(title)
    progress.setCancelButton(None)
    progress.setWindowModality(
        Qt.WindowModality.ApplicationModal if modal else Qt.WindowModality.NonModal
    )
    progress.setMinimumDuration(0)

    def finish(key: str, value: object) -> None:
        outcome[key] = value
        loop.quit()

    progress.show()
    run_in_background(
        op, lambda r: finish("result", r), lambda e: finish("error", e), pool=pools().general
    )
    if not outcome:
        loop.exec()
    progress.close()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["result"]  # type: ignore[return-value]


def open_or_repair(
    open_library: Callable[[], T], db_path: Path, ask: Callable[[CorruptLibraryError], bool] = _ask
) -> T | None:
    """Open the library; if it is damaged, offer Repair or Quit. None when the user quits.

    A library from an older version is upgraded first on a worker, behind a small window
    that says so (tens of seconds at a million photos, with nothing else on screen yet).
    After a repair the library is opened once more; an error then goes up like any other.
    """
    try:
        if needs_upgrade(db_path):
            _wait_in_background(
                lambda: upgrade_database(db_path), upgrading_title(), upgrading_text(), modal=False
            )
        return open_library()
    except CorruptLibraryError as exc:
        log.info("Damaged library at start: %s", exc)
        if not ask(exc):
            return None
    summary = _wait_in_background(
        lambda: repair_library(db_path),
        translate("pictopy", "PictoPy — Repairing the library"),
        translate("pictopy", "Repairing the library…"),
    )
    messages.info(summary)
    return open_library()


def start_daily_backups(parent: QObject, db_path: Path) -> QTimer:
    """Back the library up once a day while the app runs (checked hourly, first soon after start)."""

    def check() -> None:
        run_in_background(
            lambda: backup_if_due(db_path),
            lambda made: log.info("Daily backup made: %s", made) if made else None,
            lambda exc: messages.warning(
                translate(
                    "pictopy", "The daily backup of the library was not made: {reason}"
                ).format(reason=messages.describe(exc)[0])
            ),
            pool=pools().general,
            context=parent,
        )

    timer = QTimer(parent)
    timer.setInterval(BACKUP_CHECK_MS)
    timer.timeout.connect(check)
    timer.start()
    QTimer.singleShot(FIRST_BACKUP_CHECK_MS, timer, check)
    return timer
