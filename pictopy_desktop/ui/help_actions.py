"""Help menu actions: open the log folder, About (Copy diagnostics: ``diagnostics_actions``)."""

from __future__ import annotations

from pathlib import Path

from pictopy_desktop import __version__, paths
from pictopy_desktop.ui import messages
from pictopy_desktop.ui.qt import QDesktopServices, QMessageBox, QUrl, QWidget
from pictopy_desktop.ui.translations import translate


def log_folder() -> Path:
    """Where the app and the CLI write pictopy.log and crash traces (made if missing): the
    platform's log folder, or ``<data dir>/logs`` with ``--data-dir``."""
    return paths.log_dir()


def open_log_folder() -> Path | None:
    """Show the log folder in the system's file manager; a message where that fails."""
    try:
        folder = log_folder()
    except Exception as exc:  # a data dir that is a file, a full disk: say so, go on
        messages.exception(exc, "The log folder cannot be opened")
        return None
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        messages.warning(
            translate("pictopy", "No file manager opened the log folder; it is {folder}.").format(
                folder=folder
            )
        )
    return folder


def about_text() -> str:
    return (
        f"<b>PictoPy {__version__}</b><br>"
        + translate(
            "pictopy",
            "A local-first, private photo gallery: things and people are found on this computer, "
            "and nothing leaves it.",
        )
        + "<br><br>"
        + translate("pictopy", "Library: {folder}").format(folder=paths.data_dir())
    )


def show_about(parent: QWidget) -> QMessageBox:
    box = QMessageBox(
        QMessageBox.Icon.NoIcon, translate("pictopy", "About PictoPy"), about_text(), parent=parent
    )
    box.setObjectName("aboutBox")
    box.open()
    return box
