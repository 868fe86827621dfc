"""Start the desktop app: `pictopy` with no command, or `python -m pictopy_desktop`."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from pictopy_desktop import __version__
from pictopy_desktop.library.service import Library
from pictopy_desktop.ui import messages
from pictopy_desktop.ui.context import AppContext
from pictopy_desktop.ui.main_window import MainWindow
from pictopy_desktop.ui.qt import QApplication, QMessageBox
from pictopy_desktop.ui.resources import icon, style_sheet
from pictopy_desktop.workers.tasks import pools

log = logging.getLogger(__name__)


def create_app(argv: Sequence[str] = ()) -> QApplication:
    app = QApplication.instance() or QApplication(["pictopy", *argv])
    app.setApplicationName("PictoPy")
    app.setApplicationDisplayName("PictoPy")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("PictoPy")
    app.setStyle("Fusion")
    app.setStyleSheet(style_sheet())
    app.setWindowIcon(icon("pictopy", "#1a73e8"))
    return app


def open_window(library: Library) -> MainWindow:
    ctx = AppContext(library)
    window = MainWindow(ctx)
    ctx.setParent(window)
    return window


def run_app(argv: Sequence[str] | None = None) -> int:
    """Create the QApplication and the main window, index folders given on argv, run."""
    argv = list(sys.argv[1:] if argv is None else argv)
    folders = [Path(a) for a in argv if not a.startswith("-")]
    qt_args = [a for a in argv if a.startswith("-")]
    app = create_app(qt_args)
    messages.install_excepthook()
    try:
        library = Library()
    except Exception as exc:  # noqa: BLE001 - without a library there is no window: say why, quit
        text, details = messages.describe(exc)
        box = QMessageBox(QMessageBox.Icon.Critical, "PictoPy cannot open its library", text)
        box.setDetailedText(details)
        box.exec()
        return 1
    window = open_window(library)
    window.show()
    window.start()
    if folders:
        window.index_paths(folders)
    try:
        return app.exec()
    finally:
        window.indexing.cancel()
        pools().wait(10_000)
        library.close()
