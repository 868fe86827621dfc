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


def test_a_big_gallery_keeps_a_bounded_number_of_rows(qapp) -> None:
    """Scrolling through 6,000 photos keeps the rows of 12 pages around the one in view."""
    from array import array
    from types import SimpleNamespace

    from pictopy_desktop.ui.gallery import MAX_PAGES, PAGE_SIZE, GalleryModel
    from pictopy_desktop.ui.image_loader import ImageLoader

    model = GalleryModel(SimpleNamespace(images=ImageLoader()), grouped=False)
    model._set_data(array("q", range(1, 20 * PAGE_SIZE + 1)), [])
    for page in range(20):  # the rows arrive page by page as the user scrolls down
        model._page_arrived(model._generation, page, {})
    assert sorted(model._pages) == list(range(20 - MAX_PAGES, 20))
    model._page_arrived(model._generation, 0, {})  # back at the top
    assert len(model._pages) == MAX_PAGES and 0 in model._pages and 19 not in model._pages
