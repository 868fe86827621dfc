"""Memory that stays flat while browsing (issue 15): the image cache is sized from the grid on
show, the viewer lets a photo's pixels go when the user leaves it, Duplicates lets its cards go.
``benchmarks/bench_memory_browse.py`` measures the whole app on 10,000 photos."""

from __future__ import annotations

import shutil

from pictopy_desktop.library import read_model as bq
from pictopy_desktop.library.memory_budget import tile_cache_bytes
from pictopy_desktop.ui import routes
from pictopy_desktop.ui.image_loader import TILE_BYTES
from pictopy_desktop.ui.qt import QImage
from pictopy_desktop.ui.timeline_view import MIN_TILE
from tests.ui.test_viewer_features_ui import _viewer_on


def _screens(page, screens: float) -> int:
    viewport = page.view.viewport()
    return tile_cache_bytes(
        viewport.width(), viewport.height(), page.view.cell, TILE_BYTES, screens=screens
    )


def test_the_image_cache_holds_three_screens_of_the_grid_on_show(qtbot, window) -> None:
    photos = window.page("photos")
    qtbot.waitUntil(lambda: photos.model.is_loaded and photos.model.photo_count() > 0, timeout=5000)
    cache = window.ctx.images.cache
    assert cache.max_bytes == _screens(photos, 3) < window.ctx.images.ceiling

    window.resize(1600, 1000)  # a bigger window shows more tiles: the cache follows
    qtbot.waitUntil(lambda: cache.max_bytes == _screens(photos, 3), timeout=5000)
    bigger = cache.max_bytes
    photos.set_tile_size(MIN_TILE)  # smaller tiles, more of them on a screen
    assert cache.max_bytes > bigger

    # The setting is a ceiling, but never below one screen: visible tiles must not push
    # each other out of the cache (they would load again and again).
    window.ctx.images.set_max_bytes(1 << 20)
    assert cache.max_bytes == _screens(photos, 1)


def test_the_cache_lets_tiles_go_at_once_when_the_window_shrinks(qapp) -> None:
    from pictopy_desktop.ui.image_loader import ImageLoader
    from pictopy_desktop.ui.qt import QPixmap

    loader = ImageLoader(64 << 20)
    tile = QPixmap(320, 240)
    for i in range(200):
        loader.cache.put(f"thumb:{i}", tile)
    loader.fit_to_view(600, 400, 200)  # three columns, three rows: 27 tiles of 400 KB
    assert loader.cache.max_bytes == 27 * TILE_BYTES
    assert loader.cache.size_bytes <= loader.cache.max_bytes
    assert loader.cache.get("thumb:199") is not None and loader.cache.get("thumb:0") is None


def test_scrolling_back_a_screen_repaints_from_the_cache(qapp) -> None:
    """Square thumbnails (the costliest): the screen scrolled past is still decoded."""
    from pictopy_desktop.ui.image_loader import ImageLoader
    from pictopy_desktop.ui.qt import QPixmap

    loader = ImageLoader(64 << 20)
    loader.fit_to_view(600, 400, 200)  # nine tiles a screen
    tile = QPixmap(320, 320)
    for screen in ("above", "shown", "below"):  # scrolled down two screens
        for i in range(9):
            loader.cache.put(f"thumb:{screen}{i}", tile)
    assert len(loader.cache) == 27  # the screen in view and one either side are all kept
    for i in range(9):  # one screen further down: the oldest screen makes room
        loader.cache.put(f"thumb:further{i}", tile)
    assert loader.cache.get("thumb:above0") is None
    assert all(loader.cache.get(f"thumb:below{i}") is not None for i in range(9))
    assert all(loader.cache.get(f"thumb:shown{i}") is not None for i in range(9))


def test_a_screen_counts_the_part_rows_at_its_top_and_bottom() -> None:
    assert tile_cache_bytes(1000, 600, 200, 10, screens=1) == 5 * 4 * 10
    assert tile_cache_bytes(1000, 601, 200, 10) == 3 * 5 * 5 * 10
    assert tile_cache_bytes(50, 50, 200, 10, screens=1) == 1 * 2 * 10  # never no tile at all


def test_the_viewer_lets_the_photo_go_when_left_and_decodes_it_again_on_return(
    qtbot, window
) -> None:
    viewer = _viewer_on(qtbot, window, "lennon-1.jpg")
    size = viewer.canvas.pixmap.size()
    assert viewer.image.size() == size  # what Ctrl+C copies is the canvas's own picture
    assert not [v for v in vars(viewer).values() if isinstance(v, QImage)]  # no second copy

    window.back()
    assert viewer.canvas.pixmap is None  # back in the grid: its pixels are gone

    window.navigate(routes.ViewerRoute())  # back to the photo (as "Back" from a person does)
    qtbot.waitUntil(lambda: viewer.canvas.pixmap is not None, timeout=5000)
    assert viewer.canvas.pixmap.size() == size and viewer.details.path.endswith("lennon-1.jpg")


def test_duplicates_lets_its_cards_go_when_left_and_shows_the_same_on_return(
    qtbot, blank_window, tmp_path, shared_photos_dir, monkeypatch
) -> None:
    window = blank_window
    folder = tmp_path / "dups"
    for sub in ("a", "b"):
        (folder / sub).mkdir(parents=True)
        shutil.copy(shared_photos_dir / "darknet" / "dog.jpg", folder / sub / "dog.jpg")
    window.index_folder(folder)
    window.navigate(routes.DuplicatesRoute())
    page = window.page("duplicates")
    qtbot.waitUntil(lambda: page.is_loaded and bool(page.group_widgets), timeout=5000)
    groups = list(page.groups)
    searches: list[int] = []
    listing = bq.duplicates_listing
    monkeypatch.setattr(bq, "duplicates_listing", lambda: searches.append(1) or listing())

    window.navigate(routes.PhotosRoute())
    assert page.group_widgets == [] and page.groups == groups  # the cards go, the groups stay

    window.navigate(routes.DuplicatesRoute())
    assert [w.group for w in page.group_widgets] == groups
    qtbot.waitUntil(
        lambda: all(not c.thumb.pixmap().isNull() for w in page.group_widgets for c in w.cards),
        timeout=5000,
    )
    assert not searches  # rebuilt from the groups found, not searched again
