"""Start-up work that waits for the first page to be on screen (issue 17).

The window shows its first page as fast as it can. Work that page does not need (the
models check, which imports the ML stack; watching and rechecking the library folders,
which starts an indexing run) would compete with it for the CPU, the interpreter and the
database, so it waits here: until the photo grid on screen has its rows and its first
thumbnails are in, or ``WAIT_MS`` at most (a load that fails or never ends). A page that
is not a photo grid (or an empty one) lets the work go on the next turn of the event loop.
A window closed before then starts none of it (``cancel``).
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
        self._page_signal = None  # the grid's "loaded" signal, while it is waited on
        self._watching_images = False
        self._image_arrived = False
        self._cancelled = False
        self.is_open = False

    def later(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` once the first page is on screen (on the next turn if it is already)."""
        if self._cancelled:
            return
        if self.is_open:
            QTimer.singleShot(0, self, lambda: self._run(fn))
        else:
            self._waiting.append(fn)

    def watch(self, page: QWidget, wait_ms: int = WAIT_MS) -> None:
        """Open once ``page`` has its rows (a photo grid says so) and its first thumbnails."""
        QTimer.singleShot(wait_ms, self, self.open)
        model = getattr(page, "model", None)
        loaded = getattr(model, "loaded", None)
        if loaded is None:
            QTimer.singleShot(0, self, self.open)
        elif getattr(model, "is_loaded", False):
            self._rows_loaded(model.rowCount())
        else:
            self._page_signal = loaded
            loaded.connect(self._rows_loaded)

    def _rows_loaded(self, count: int) -> None:
        self._stop_watching_page()
        if not count:  # nothing to paint but the empty state
            QTimer.singleShot(0, self, self.open)
            return
        # The grid asks for its thumbnails as it paints: open when the first ones are in.
        self._watching_images = True
        self._images.loaded.connect(self._image_loaded)
        self._images.idle.connect(self._images_idle)

    def _image_loaded(self, _key: str) -> None:
        self._image_arrived = True

    def _images_idle(self) -> None:
        if self._image_arrived:
            self.open()

    def open(self) -> None:
        """Run what waits now (also after ``WAIT_MS``, whatever the page is doing)."""
        if self.is_open:
            return
        self.is_open = True
        self._stop_watching_page()
        if self._watching_images:
            self._watching_images = False
            self._images.loaded.disconnect(self._image_loaded)
            self._images.idle.disconnect(self._images_idle)
        for fn in self._waiting:
            QTimer.singleShot(0, self, lambda fn=fn: self._run(fn))
        self._waiting.clear()

    def _run(self, fn: Callable[[], None]) -> None:
        if not self._cancelled:  # the window may have closed since this was queued
            fn()

    def cancel(self) -> None:
        """The window closed: drop what still waits, and run nothing given later."""
        self._cancelled = True
        self._waiting.clear()
        self.open()

    def _stop_watching_page(self) -> None:
        if self._page_signal is not None:
            signal, self._page_signal = self._page_signal, None
            try:
                signal.disconnect(self._rows_loaded)
            except RuntimeError:  # the page is gone (the window closed): nothing to undo
                pass
