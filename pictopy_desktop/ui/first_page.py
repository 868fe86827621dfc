"""Start-up work that waits for the first page to be on screen (issue 17).

The window shows its first page as fast as it can. Work that page does not need (the
models check, which imports the ML stack; watching and rechecking the library folders,
which starts an indexing run) would compete with it for the CPU, the interpreter and the
database, so it waits here: until the page on screen has loaded and the thumbnails its
first paint asked for are in, or ``WAIT_MS`` at most (a load that fails or never ends).
"""

from __future__ import annotations

from collections.abc import Callable

from pictopy_desktop.ui.image_loader import ImageLoader
from pictopy_desktop.ui.qt import QObject, QTimer, QWidget

WAIT_MS = 3000


class FirstPageGate(QObject):
    """Holds callables until the first page is on screen, then runs them on the GUI thread."""

    def __init__(self, images: ImageLoader, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._images = images
        self._waiting: list[Callable[[], None]] = []
        self._page_signal = None  # the page's "loaded" signal, while it is waited on
        self._waiting_for_images = False
        self.is_open = False

    def later(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` once the first page is on screen (on the next turn if it is already)."""
        if self.is_open:
            QTimer.singleShot(0, self, fn)
        else:
            self._waiting.append(fn)

    def watch(self, page: QWidget, wait_ms: int = WAIT_MS) -> None:
        """Open once ``page`` has loaded (a photo grid says so) and its thumbnails are in."""
        QTimer.singleShot(wait_ms, self, self.open)
        model = getattr(page, "model", None)
        loaded = getattr(model, "loaded", None)
        if loaded is not None and not getattr(model, "is_loaded", True):
            self._page_signal = loaded
            loaded.connect(self._page_loaded)
        else:
            self._page_loaded()

    def _page_loaded(self, *_: object) -> None:
        self._stop_watching_page()
        # On the next turn: the paint the load asked for comes first and asks for thumbnails.
        QTimer.singleShot(0, self, self._after_first_paint)

    def _after_first_paint(self) -> None:
        if self.is_open:
            return
        if self._images.busy():
            self._waiting_for_images = True
            self._images.idle.connect(self.open)
        else:
            self.open()

    def open(self) -> None:
        """Run what waits now (also after ``WAIT_MS``, whatever the page is doing)."""
        if self.is_open:
            return
        self.is_open = True
        self._stop_watching_page()
        if self._waiting_for_images:
            self._waiting_for_images = False
            self._images.idle.disconnect(self.open)
        for fn in self._waiting:
            QTimer.singleShot(0, self, fn)
        self._waiting.clear()

    def _stop_watching_page(self) -> None:
        if self._page_signal is not None:
            signal, self._page_signal = self._page_signal, None
            try:
                signal.disconnect(self._page_loaded)
            except RuntimeError:  # the page is gone (the window closed): nothing to undo
                pass
