"""Ctrl+C in the terminal that started the app closes its window, through the normal exit path.

Python runs signal handlers only between bytecodes, and Qt's event loop runs none while
idle; a light timer gives Python that chance, so Ctrl+C closes the window (stopping the
workers and releasing the library) instead of printing a KeyboardInterrupt traceback
at the next slot and carrying on.
"""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType
from typing import Any

from pictopy_desktop.ui.qt import QObject, QTimer, QWidget

log = logging.getLogger(__name__)

POLL_MS = 200  # how late a Ctrl+C may be noticed
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as after a Ctrl+C on the command line


class CloseOnCtrlC(QObject):
    """While alive, SIGINT closes ``window``; ``pressed`` tells the exit code 130 apart."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.pressed = False
        self._previous: Any = None
        if threading.current_thread() is not threading.main_thread():
            return  # signal handlers belong to the main thread
        self._previous = signal.signal(signal.SIGINT, self._on_sigint)
        self._timer = QTimer(self)
        self._timer.timeout.connect(lambda: None)  # a Python slot: pending signal handlers run here
        self._timer.start(POLL_MS)
        log.debug("Ctrl+C closes the window")

    def _on_sigint(self, signum: int, frame: FrameType | None) -> None:
        if self.pressed:
            return  # already closing
        self.pressed = True
        log.info("Ctrl+C: closing the window")
        QTimer.singleShot(0, self._window.close)

    def restore(self) -> None:
        """Put the previous SIGINT handler back."""
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
            self._previous = None
