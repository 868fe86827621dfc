"""The gallery model gives the right rows, pages lazily, and stays fast at 100,000 photos."""

from __future__ import annotations

import random
import time

import pytest

from pictopy_desktop.library import read_model as bq
from pictopy_desktop.library.read_model import gallery_query
from pictopy_desktop.ui.gallery import (
    IMAGE_IDS_MIME,
    GalleryModel,
    GalleryView,
    HeaderCountRole,
    IsHeaderRole,
    image_ids_from_mime,
)
from pictopy_desktop.ui.qt import QPixmap, Qt
from tests.ui.conftest import screenshot, settle


@pytest.mark.slow
def test_model_rows_match_the_library(qtbot, window):
    model = window.page("photos").model
    qtbot.waitUntil(lambda: model.is_loaded, timeout=5000)
    groups = bq.month_groups(bq.GalleryFilter())
    assert model.photo_count() == 14
    assert model.rowCount() == 14 + len(groups)
    # Headers first in each group, then its photos, newest first.
    assert model.index(0).data(IsHeaderRole) is True
    assert model.index(0).data(Qt.ItemDataRole.DisplayRole) == groups[0].label
    ids = [model.image_id(r) for r in range(model.rowCount()) if model.image_id(r) is not None]
    assert ids == [img.id for img in gallery_query()]
    header = model.index(0)
    assert not (model.flags(header) & Qt.ItemFlag.ItemIsSelectable)
    # Rows are fetched page by page when the view asks; then names and thumbnails arrive.
    qtbot.waitUntil(lambda: model.gallery_row(1) is not None, timeout=5000)
    names = {model.index(r).data(Qt.ItemDataRole.DisplayRole) for r in range(model.rowCount())}
    assert {"dog.jpg", "lennon-1.jpg", "longoria-cooper.jpg"} <= names
    qtbot.waitUntil(
        lambda: isinstance(model.index(1).data(Qt.ItemDataRole.DecorationRole), QPixmap),
        timeout=5000,
    )
    settle(qtbot, 200)
    screenshot(window, "photos")


@pytest.mark.slow
def test_selection_keyboard_and_drag_data(qtbot, window):
    page = window.page("photos")
    model, view = page.model, page.view
    qtbot.waitUntil(lambda: model.is_loaded and model.gallery_row(2) is not None, timeout=5000)
    view.setFocus()
    view.setCurrentIndex(model.index(1))
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    selected = view.selected_image_ids()
    assert len(selected) == 2 and selected[0] == model.image_id(1)
    mime = model.mimeData([model.index(1), model.index(2)])
    assert mime.hasFormat(IMAGE_IDS_MIME) and image_ids_from_mime(mime) == [
        model.image_id(1),
        model.image_id(2),
    ]
    assert len(mime.urls()) == 2 and mime.urls()[0].isLocalFile()
    # Enter opens the viewer on the current photo.
    view.setCurrentIndex(model.index(1))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.page("viewer")
    assert window.page("viewer").image_id == model.image_id(1)


def _big_library(n: int, name=lambda i: f"{i:06d}.jpg") -> None:
    from pictopy_desktop.storage.tables import Image, LibraryFolder, database_proxy

    rnd = random.Random(1)
    with database_proxy.atomic():
        folder = LibraryFolder.create(path="/nowhere")
        rows = [
            {
                "path": f"/nowhere/{name(i)}",
                "folder": folder.id,
                "size": 1000,
                "mtime": 1.2e9 + rnd.random() * 5e8,
                "thumbnail": None,
                "state": "done",
            }
            for i in range(n)
        ]
        for i in range(0, n, 5000):
            Image.insert_many(rows[i : i + 5000]).execute()


@pytest.mark.slow
def test_100k_photos_open_and_scroll_without_loading_everything(
    qtbot, tmp_path, inline_pools, monkeypatch
):
    from pictopy_desktop.library.service import Library
    from pictopy_desktop.ui.context import AppContext

    monkeypatch.setenv("PICTOPY_DATA_DIR", str(tmp_path / "big"))
    lib = Library(tmp_path / "big")
    try:
        _big_library(100_000)
        ctx = AppContext(lib)
        model = GalleryModel(ctx, bq.GalleryFilter())
        view = GalleryView()
        qtbot.addWidget(view)
        view.resize(1200, 800)
        view.setModel(model)
        view.show()
        t0 = time.perf_counter()
        model.reload()
        qtbot.waitUntil(lambda: model.is_loaded, timeout=10_000)
        load_s = time.perf_counter() - t0
        assert model.photo_count() == 100_000
        assert model.rowCount() > 100_000  # plus month headers
        settle(qtbot, 100)
        assert len(model._pages) <= 2, "only the visible page is fetched"
        # Jump through the library as a fast scroll would; each step paints only visible tiles.
        bar = view.verticalScrollBar()
        t0 = time.perf_counter()
        for frac in (0.25, 0.5, 0.75, 1.0, 0.1):
            bar.setValue(int(bar.maximum() * frac))
            view.viewport().repaint()
            qtbot.wait(1)
        scroll_s = time.perf_counter() - t0
        settle(qtbot, 100)
        assert len(model._pages) <= 12, f"{len(model._pages)} pages fetched"
        print(f"100k: load {load_s:.2f}s, scroll {scroll_s:.2f}s")  # figures: bench_scale.py
        deep = view.indexAt(view.viewport().rect().center())
        assert (
            deep.isValid() and model.gallery_row(deep.row()) is not None or deep.data(IsHeaderRole)
        )
    finally:
        lib.close()


class _QueuedReads:
    """``AppContext.read`` held back, so a test runs each read when it wants to."""

    def __init__(self) -> None:
        self.queued: list = []

    def __call__(self, op, on_success, context=None, on_failure=None, priority=0) -> None:
        self.queued.append((op, on_success))

    def run_one(self) -> None:
        op, done = self.queued.pop(0)
        done(op())

    def run_all(self, qtbot) -> None:
        settle(qtbot)
        while self.queued:
            self.run_one()
            settle(qtbot)


@pytest.mark.parametrize("words", [None, "beach"])
def test_a_big_gallery_shows_its_first_photos_then_appends_the_rest(
    qtbot, tmp_path, inline_pools, monkeypatch, words
):
    """Opened empty, a gallery shows its first page at once; the rest comes below it, and
    the rows shown, the selection and the scroll position stay as they were."""
    from pictopy_desktop.library.service import Library
    from pictopy_desktop.ui.context import AppContext
    from pictopy_desktop.ui.gallery import PAGE_SIZE

    monkeypatch.setenv("PICTOPY_DATA_DIR", str(tmp_path / "big"))
    lib = Library(tmp_path / "big")
    try:
        _big_library(3000, lambda i: f"{'beach' if i % 3 == 0 else 'town'}-{i:06d}.jpg")
        gallery = bq.GalleryFilter() if words is None else bq.GalleryFilter(bq.SEARCH, words)
        reads = _QueuedReads()
        ctx = AppContext(lib)
        monkeypatch.setattr(ctx, "read", reads)
        model = GalleryModel(ctx, gallery)
        view = GalleryView()
        qtbot.addWidget(view)
        view.resize(900, 600)
        view.setModel(model)
        view.show()
        resets, inserted = [], []
        model.modelReset.connect(lambda: resets.append(1))
        model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))

        model.reload()
        reads.run_one()  # the first photos
        assert not model.is_loaded and model.photo_count() == PAGE_SIZE
        head = [model.image_id(r) for r in range(model.rowCount())]
        assert model.gallery_row(1) is not None  # their rows came with them
        view.setCurrentIndex(model.index(5))
        view.select_image_ids([model.image_id(5)])
        bar = view.verticalScrollBar()
        bar.setValue(bar.maximum() // 2)
        scrolled = bar.value()
        resets.clear()

        reads.run_all(qtbot)  # the whole gallery, and the pages the view asks for
        expected = list(bq.ordered_ids(gallery))
        assert model.is_loaded and model.image_ids() == expected
        assert len(expected) == (3000 if words is None else 1000)
        assert [model.image_id(r) for r in range(len(head))] == head
        assert not resets and inserted and inserted[-1][1] == model.rowCount() - 1
        assert view.selected_image_ids() == [head[5]] and bar.value() == scrolled
        counts = [model.index(r).data(HeaderCountRole) for r in range(model.rowCount())]
        assert [c for c in counts if c is not None] == [g.count for g in bq.month_groups(gallery)]
    finally:
        lib.close()


def test_a_search_whose_first_matches_are_few_fetches_the_rest_of_their_page(
    qtbot, tmp_path, inline_pools, monkeypatch
):
    """A search finds fewer than a page among the newest photos: once the whole gallery is
    in, the rows after those first matches are fetched too, not left blank."""
    from pictopy_desktop.library.read_model import browse
    from pictopy_desktop.library.service import Library
    from pictopy_desktop.ui.context import AppContext

    monkeypatch.setenv("PICTOPY_DATA_DIR", str(tmp_path / "big"))
    monkeypatch.setattr(browse, "RECENT_WINDOW", 150)
    lib = Library(tmp_path / "big")
    try:
        _big_library(1500, lambda i: f"{'beach' if i % 3 == 0 else 'town'}-{i:06d}.jpg")
        gallery = bq.GalleryFilter(bq.SEARCH, "beach")
        reads = _QueuedReads()
        ctx = AppContext(lib)
        monkeypatch.setattr(ctx, "read", reads)
        model = GalleryModel(ctx, gallery)
        model.reload()
        reads.run_one()
        first = model.photo_count()
        assert 0 < first < 100  # the matches among the 150 newest photos
        reads.run_all(qtbot)
        assert model.photo_count() == 500
        rows = [model.row_of_photo(i) for i in range(200)]
        for row in rows:
            model.gallery_row(row)  # as the view asks when it paints them
        reads.run_all(qtbot)
        assert all(model.gallery_row(row) is not None for row in rows)
    finally:
        lib.close()


def test_keep_shapes_pressed_while_a_gallery_loads_is_kept(
    qtbot, tmp_path, inline_pools, monkeypatch
):
    """ "Keep shapes" pressed while the first page is shown and the rest is read: the gallery
    ends with every photo's shape (the read in flight is followed by one with them)."""
    from pictopy_desktop.library.service import Library
    from pictopy_desktop.ui.context import AppContext

    monkeypatch.setenv("PICTOPY_DATA_DIR", str(tmp_path / "big"))
    lib = Library(tmp_path / "big")
    try:
        _big_library(1000)
        reads = _QueuedReads()
        ctx = AppContext(lib)
        monkeypatch.setattr(ctx, "read", reads)
        model = GalleryModel(ctx, bq.GalleryFilter())
        model.reload()
        reads.run_one()  # the first page is on screen
        headers = [r for r in range(model.rowCount()) if model.index(r).data(IsHeaderRole)]
        assert len(headers) > 1 and model.index(headers[0]).data(HeaderCountRole)
        assert model.index(headers[-1]).data(HeaderCountRole) is None  # its month may go on
        model.set_justified(True)
        reads.run_all(qtbot)
        assert model.is_loaded and model.photo_count() == 1000
        aspects = model.aspects()
        assert aspects is not None and len(aspects) == 1000
    finally:
        lib.close()
