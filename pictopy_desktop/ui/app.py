"""Start the desktop app: `pictopy` with no command, or `python -m pictopy_desktop`."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from pictopy_desktop import __version__, paths
from pictopy_desktop.errors import PictoPyError
from pictopy_desktop.library.memory_budget import limit_malloc_arenas
from pictopy_desktop.library.read_model import folder_paths
from pictopy_desktop.library.service import Library
from pictopy_desktop.log_files import start_in_log_folder
from pictopy_desktop.ui import messages, theme
from pictopy_desktop.ui.context import AppContext
from pictopy_desktop.ui.ctrl_c import EXIT_INTERRUPTED, CloseOnCtrlC
from pictopy_desktop.ui.folder_watcher import FolderWatcher, folders_to_watch
from pictopy_desktop.ui.library_file import open_or_repair, start_daily_backups
from pictopy_desktop.ui.main_window import MainWindow
from pictopy_desktop.ui.qt import QApplication, QMessageBox, QTimer
from pictopy_desktop.ui.resources import icon
from pictopy_desktop.ui.single_instance import InstanceServer, forward_to_running_instance
from pictopy_desktop.ui.translations import install_translator, read_choice, translate
from pictopy_desktop.workers.shutdown import (
    EXIT_WAIT_S,
    exit_now,
    lingering_threads,
    stop_background_work,
)
from pictopy_desktop.workers.tasks import pools

log = logging.getLogger(__name__)


def create_app(argv: Sequence[str] = ()) -> QApplication:
    # Before the thread pools start: their threads share a few malloc arenas (memory_budget).
    limit_malloc_arenas()
    app = QApplication.instance() or QApplication(["pictopy", *argv])
    app.setApplicationName("PictoPy")
    app.setApplicationDisplayName("PictoPy")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("PictoPy")
    app.setStyle("Fusion")
    theme.apply(app, theme.SYSTEM)  # the window then applies the theme the user chose
    app.setWindowIcon(icon("pictopy", "#1a73e8"))
    install_translator(app)
    return app


def open_window(library: Library) -> MainWindow:
    ctx = AppContext(library)
    window = MainWindow(ctx)
    ctx.setParent(window)
    return window


SMOKE_TEST_FLAG = "--smoke-test"


def startup_failed(exc: BaseException) -> int:
    """Without a library there is no window: say why in a dialog (details: the traceback), exit 1."""
    text, details = messages.describe(exc)
    box = QMessageBox(
        QMessageBox.Icon.Critical, translate("pictopy", "PictoPy cannot open its library"), text
    )
    box.setDetailedText(details)
    box.exec()
    return 1


def has_display() -> bool:
    """Qt aborts the process without a display on Linux; say so instead."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def bring_to_front(window: MainWindow) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def watch_library_folders(window: MainWindow, library: Library) -> FolderWatcher:
    """Live folders: changes made outside the app are picked up by a debounced rescan."""
    watcher = FolderWatcher(parent=window)
    watcher.rescan_requested.connect(lambda roots: window.index_paths(roots, quiet=True))

    def refresh() -> None:
        def op() -> tuple[list[str], list[str]]:
            roots = folder_paths()
            return roots, folders_to_watch(roots)

        window.ctx.read(op, lambda result: watcher.set_roots(*result), context=window)

    window.ctx.changed.connect(lambda changes: refresh() if changes.touches("folders") else None)
    refresh()
    return watcher


def recheck_library_folders(window: MainWindow) -> None:
    """On start, catch up with what changed while the app was closed (incremental: cheap)."""

    def op() -> list[str]:
        return [f for f in folder_paths() if Path(f).is_dir()]

    window.ctx.read(
        op, lambda roots: window.index_paths(roots, quiet=True) if roots else None, context=window
    )


def run_app(argv: Sequence[str] | None = None, notice: str | None = None) -> int:
    """Create the QApplication and the main window, index folders given on argv, run.

    A second launch on the same library hands its folders to the running window and exits.
    ``--smoke-test`` opens the window, prints "main window shown" and quits (packaging checks).
    ``notice`` (files moved to the platform's folders, once) is shown when the window opens.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    if not has_display():
        print(
            "pictopy: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset).\n"
            "Run it on a desktop, or use the command-line tools: pictopy --help",
            file=sys.stderr,
        )
        return 2
    smoke_test = SMOKE_TEST_FLAG in argv
    folders = [Path(a) for a in argv if not a.startswith("-")]
    qt_args = [a for a in argv if a.startswith("-") and a != SMOKE_TEST_FLAG]
    app = create_app(qt_args)
    messages.install_excepthook()
    try:
        data_dir = paths.data_dir()
    except PictoPyError as exc:  # the data dir is a file, or cannot be created: say so in a window
        return startup_failed(exc)
    # The language chosen in Settings, before any window is built (create_app installed the system's).
    install_translator(app, read_choice(data_dir))
    if not smoke_test and forward_to_running_instance(data_dir, [str(f) for f in folders]):
        print("PictoPy is already running; it was brought forward.")
        return 0
    try:
        library = open_or_repair(Library, paths.database_path())
    except Exception as exc:
        text, details = messages.describe(exc)
        box = QMessageBox(
            QMessageBox.Icon.Critical, translate("pictopy", "PictoPy cannot open its library"), text
        )
        box.setDetailedText(details)
        box.exec()
        return 1
    if library is None:  # a damaged library, and the user chose Quit
        return 1
    start_in_log_folder(create=True)  # inside a --data-dir, now that it holds a library
    window = open_window(library)
    window.show()
    window.start()
    if notice:
        messages.info(notice)
    server = InstanceServer(data_dir, window)
    server.activated.connect(lambda paths: (bring_to_front(window), window.index_paths(paths)))
    if smoke_test:
        QTimer.singleShot(
            1500, lambda: (print("main window shown", flush=True), window.close(), app.quit())
        )
    else:
        # Watching and rechecking the folders (which starts an indexing run) wait for the
        # first page to show: they would compete with it for the CPU and the database.
        window.after_first_page(lambda: watch_library_folders(window, library))
        window.after_first_page(lambda: recheck_library_folders(window))
        start_daily_backups(window, library.data_dir / "library.sqlite3")
    if folders:
        window.index_paths(folders)
    ctrl_c = CloseOnCtrlC(window)
    code = 1
    try:
        code = app.exec()
        if ctrl_c.pressed:
            code = EXIT_INTERRUPTED
    finally:
        ctrl_c.restore()
        code = shut_down(window, library, code)
    return code


def shut_down(window: MainWindow, library: Library, code: int, wait_s: float = EXIT_WAIT_S) -> int:
    """After the window closed: stop the workers, close the library, return ``code``.

    A worker still busy after ``wait_s`` (stuck on a file) does not keep the process
    alive: the lock is released and the process ends here (``workers.shutdown``).
    """
    started = time.monotonic()
    window.indexing.cancel()
    finished = stop_background_work(pools(), wait_s)
    library.close()
    stuck = lingering_threads()
    if not finished or stuck:
        names = ", ".join(t.name for t in stuck)
        exit_now(
            code,
            f"background work still running {time.monotonic() - started:.1f} s after the window closed"
            + (f" (threads: {names})" if names else ""),
        )
    log.info("Background work stopped in %.2f s", time.monotonic() - started)
    return code
