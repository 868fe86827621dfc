"""Lazy, cached images for the views: thumbnails and face crops decoded in workers.

``ImageLoader.get(key, load)`` returns the cached pixmap, or None after queueing
``load()`` (which returns a QImage) on the general pool. At most a few decodes run at
once and the newest requests go first, so while the user scrolls fast the tiles they
are looking at load before the ones already scrolled past (which are dropped).
Decoded images live in an LRU cache bounded in bytes: a few screens of the grid on show
(``fit_to_view``, sized from the window and the tile size), never more than the "thumbnail
cache" setting, never less than one screen (or visible tiles would push each other out).
A thumbnail missing from the disk cache, or damaged there, is made again from its photo
in the same worker (``thumbnail_loader``): the GUI thread never decodes. Cached thumbnails
are read by Qt alone; the image stack (numpy, Pillow) is imported only to remake one, so
the first page paints without it.
"""

from __future__ import annotations

import logging
from collections import OrderedDict, deque
from collections.abc import Callable
from pathlib import Path

from pictopy_desktop.library.memory_budget import tile_cache_bytes
from pictopy_desktop.library.thumbnails import THUMBNAIL_SIZE
from pictopy_desktop.ui.qt import (
    QImage,
    QImageReader,
    QObject,
    QPixmap,
    QTimer,
    QTransform,
    Signal,
)
from pictopy_desktop.workers.tasks import pools, run_in_background

log = logging.getLogger(__name__)

Loader = Callable[[], QImage]
# What one tile's image costs at most: a square thumbnail as the indexer makes them, 4 bytes
# a pixel once it is a pixmap (landscape and portrait ones cost 3/4 of that).
TILE_BYTES = THUMBNAIL_SIZE * THUMBNAIL_SIZE * 4


def read_thumbnail(path: Path) -> QImage:
    """The cached thumbnail JPEG at ``path`` as a QImage (OSError if unreadable)."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    image = reader.read()
    if image.isNull():
        raise OSError(f"cannot read thumbnail {path}: {reader.errorString()}")
    return image


def thumbnail_loader(cache_dir: Path, rel: str) -> Loader:
    """A loader for the cached thumbnail ``rel`` that remakes it from its photo when it is missing or unreadable."""

    def load() -> QImage:
        try:
            return read_thumbnail(cache_dir / rel)
        except OSError as exc:
            log.info("Rebuilding thumbnail %s: %s", rel, exc)
        from pictopy_desktop.library.thumbnails import rebuild_thumbnail, thumbnail_sources
        from pictopy_desktop.workers.images import rgb_to_qimage

        return rgb_to_qimage(rebuild_thumbnail(cache_dir, rel, thumbnail_sources(rel)))

    return load


def rotated_loader(load: Loader, rotation: int) -> Loader:
    """``load``, its image turned ``rotation`` degrees clockwise (in the same worker)."""

    def turned() -> QImage:
        image = load()
        return image.transformed(QTransform().rotate(rotation)) if rotation % 360 else image

    return turned


class PixmapLRU:
    """QPixmaps by key, least recently used dropped first past ``max_bytes``."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, QPixmap] = OrderedDict()
        self._bytes = 0

    @staticmethod
    def _cost(pm: QPixmap) -> int:
        return max(1, pm.width() * pm.height() * 4)

    def set_max_bytes(self, max_bytes: int) -> None:
        """Bound the cache to ``max_bytes``, dropping the least recently used past it now."""
        self.max_bytes = max_bytes
        self._trim()

    def get(self, key: str) -> QPixmap | None:
        pm = self._items.get(key)
        if pm is not None:
            self._items.move_to_end(key)
        return pm

    def put(self, key: str, pm: QPixmap) -> None:
        old = self._items.pop(key, None)
        if old is not None:
            self._bytes -= self._cost(old)
        self._items[key] = pm
        self._bytes += self._cost(pm)
        self._trim()

    def _trim(self) -> None:
        while self._bytes > self.max_bytes and len(self._items) > 1:
            _, dropped = self._items.popitem(last=False)
            self._bytes -= self._cost(dropped)

    def discard_prefix(self, prefix: str) -> None:
        for key in [k for k in self._items if k.startswith(prefix)]:
            self._bytes -= self._cost(self._items.pop(key))

    def __len__(self) -> int:
        return len(self._items)

    @property
    def size_bytes(self) -> int:
        return self._bytes


class ImageLoader(QObject):
    """Loads images in the background once each; ``loaded(key)`` says one is ready and
    ``idle()`` that none is waiting or loading any more."""

    loaded = Signal(str)
    idle = Signal()

    MAX_IN_FLIGHT = 3
    MAX_PENDING = 400

    def __init__(self, max_bytes: int = 512 << 20, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ceiling = max_bytes  # the user's "thumbnail cache" setting
        self._view: tuple[int, int, int] | None = None  # (width, height, tile) of the grid on show
        self.cache = PixmapLRU(max_bytes)
        self._pending: deque[tuple[str, Loader]] = deque()  # newest on the right
        self._queued: set[str] = set()
        self._in_flight: set[str] = set()
        self._failed: set[str] = set()
        self._pump_scheduled = False

    def set_max_bytes(self, max_bytes: int) -> None:
        """The most the cache may hold (the "thumbnail cache" setting), whatever the window."""
        self.ceiling = max_bytes
        self._resize_cache()

    def fit_to_view(self, width: int, height: int, tile: int) -> None:
        """Size the cache for the grid on show: ``width`` x ``height`` pixels of ``tile``-pixel tiles."""
        self._view = (width, height, tile)
        self._resize_cache()

    def _resize_cache(self) -> None:
        if self._view is None:
            self.cache.set_max_bytes(self.ceiling)
            return
        wanted = tile_cache_bytes(*self._view, TILE_BYTES)
        one_screen = tile_cache_bytes(*self._view, TILE_BYTES, screens=1)
        self.cache.set_max_bytes(max(one_screen, min(wanted, self.ceiling)))

    def get(self, key: str, load: Loader) -> QPixmap | None:
        pm = self.cache.get(key)
        if pm is not None or key in self._failed:
            return pm
        if key not in self._in_flight:
            if key in self._queued:
                try:
                    self._pending.remove(next(item for item in self._pending if item[0] == key))
                except (StopIteration, ValueError):
                    pass
            self._pending.append((key, load))
            self._queued.add(key)
            while len(self._pending) > self.MAX_PENDING:
                old, _ = self._pending.popleft()  # scrolled past long ago
                self._queued.discard(old)
            self._schedule_pump()
        return None

    def _schedule_pump(self) -> None:
        # Never start work from inside a view's data()/paint call: do it on the next loop turn.
        if not self._pump_scheduled:
            self._pump_scheduled = True
            QTimer.singleShot(0, self, self._pump)

    def forget(self, prefix: str) -> None:
        """Drop cached images whose key starts with ``prefix`` (e.g. after an edit)."""
        self.cache.discard_prefix(prefix)
        self._failed = {k for k in self._failed if not k.startswith(prefix)}

    def retry_failed(self) -> None:
        """Let images that failed be asked for again (the library changed: a photo or drive may be back)."""
        self._failed.clear()

    def busy(self) -> bool:
        """Images are waiting or loading."""
        return bool(self._pending or self._in_flight or self._pump_scheduled)

    def _pump(self) -> None:
        self._pump_scheduled = False
        if not self._pending and not self._in_flight:
            self.idle.emit()
        while self._pending and len(self._in_flight) < self.MAX_IN_FLIGHT:
            key, load = self._pending.pop()  # newest first
            self._queued.discard(key)
            self._in_flight.add(key)
            run_in_background(
                load,
                lambda image, key=key: self._done(key, image),
                lambda exc, key=key: self._fail(key, exc),
                pool=pools().general,
                context=self,
            )

    def _done(self, key: str, image: QImage) -> None:
        self._in_flight.discard(key)
        if image is not None and not image.isNull():
            self.cache.put(key, QPixmap.fromImage(image))
        else:
            self._failed.add(key)
        self.loaded.emit(key)
        self._pump()

    def _fail(self, key: str, exc: BaseException) -> None:
        # A missing thumbnail is shown as a broken tile; it is not worth a notification each.
        log.warning("Could not load %s: %s", key, exc)
        self._in_flight.discard(key)
        self._failed.add(key)
        self.loaded.emit(key)
        self._pump()

    def is_broken(self, key: str) -> bool:
        return key in self._failed
