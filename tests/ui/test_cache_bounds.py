"""Memory that stays flat: the in-memory image cache keeps a bounded number of tiles, however
many photos are browsed (benchmarks/bench_memory_browse.py measures the whole app)."""

from __future__ import annotations

from pictopy_desktop.settings import Settings
from pictopy_desktop.ui.image_loader import PixmapLRU
from pictopy_desktop.ui.qt import QPixmap


def test_the_default_thumbnail_cache_holds_a_few_screens_not_the_library(qapp) -> None:
    cache = PixmapLRU(Settings().thumbnail_cache_mb << 20)
    tile = QPixmap(320, 240)  # a thumbnail as the indexer makes them
    for i in range(2000):  # scrolling through 2,000 photos
        cache.put(f"thumb:{i}", tile)
    assert 150 <= len(cache) <= 220  # several screens of the grid, never the whole library
    assert cache.size_bytes <= Settings().thumbnail_cache_mb << 20
    assert cache.get("thumb:1999") is not None and cache.get("thumb:0") is None
