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


def _big_library(n: int) -> None:
    from pictopy_desktop.storage.tables import Image, LibraryFolder, database_proxy

    rnd = random.Random(1)
    with database_proxy.atomic():
        folder = LibraryFolder.create(path="/nowhere")
        rows = [
            {
                "path": f"/nowhere/{i:06d}.jpg",
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
        print(f"100k: load {load_s:.2f}s, scroll {scroll_s:.2f}s")
        assert load_s < 5 and scroll_s < 3, (load_s, scroll_s)
        deep = view.indexAt(view.viewport().rect().center())
        assert (
            deep.isValid() and model.gallery_row(deep.row()) is not None or deep.data(IsHeaderRole)
        )
    finally:
        lib.close()
