"""The main window: first run, dropping folders, search, things, albums, folders, settings,
remembered state, notifications, and indexing with pause/resume/cancel on real threads."""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

import pytest

from pictopy_desktop.library import read_model as bq
from pictopy_desktop.library.read_model import search_query
from pictopy_desktop.storage.tables import AlbumImage, Image
from pictopy_desktop.ui import messages, routes
from pictopy_desktop.ui.gallery import IMAGE_IDS_MIME
from pictopy_desktop.ui.qt import QByteArray, QDropEvent, QMimeData, QPointF, Qt, QUrl
from pictopy_desktop.ui.sidebar import RouteRole
from tests.ui.conftest import make_window, screenshot, settle


@pytest.fixture
def empty_library(tmp_path, monkeypatch, no_models):
    from pictopy_desktop import paths
    from pictopy_desktop.library.service import Library

    data = tmp_path / "empty-data"
    monkeypatch.setenv("PICTOPY_DATA_DIR", str(data))
    paths.set_data_dir_override(None)
    lib = Library(data)
    yield lib
    lib.close()


def _drop(window, mime: QMimeData) -> QDropEvent:
    center = QPointF(window.width() / 2, window.height() / 2)
    event = QDropEvent(
        center,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    return event


@pytest.mark.allow_log(r"^Only folders and photos can be dropped here; 1 item ignored")
def test_first_run_then_drop_a_folder_indexes_it(
    qtbot, empty_library, inline_pools, messages_log, shared_photos_dir, tmp_path
):
    window = make_window(qtbot, empty_library)
    assert window.stack.currentWidget() is window.page("welcome")
    panel = window.page("welcome").models
    qtbot.waitUntil(lambda: panel.problems is not None, timeout=5000)
    assert (
        panel.problems and panel.download_button.isVisible()
    )  # no models here: offer the download
    screenshot(window, "first_run")

    # Something that is not a folder or a photo is refused with a message.
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(text))])
    event = _drop(window, mime)
    assert not event.isAccepted()
    assert any(
        m.level == messages.WARNING and "Only folders and photos" in m.text
        for m in messages_log.messages
    )

    photos = tmp_path / "dropped"
    shutil.copytree(shared_photos_dir / "darknet", photos)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photos))])
    _drop(window, mime)
    model = window.page("photos").model
    qtbot.waitUntil(lambda: model.is_loaded and model.photo_count() == 7, timeout=10_000)
    assert window.stack.currentWidget() is window.page("photos")
    assert Image.select().count() == 7
    assert any(m.text.startswith("Done: 7 new") for m in messages_log.messages)
    window.close()


@pytest.mark.slow
def test_search_filters_the_gallery(qtbot, window):
    window.search.setText("dog")
    qtbot.waitUntil(lambda: window.current == routes.SearchRoute("dog"), timeout=3000)
    results = window.page("results").model
    qtbot.waitUntil(lambda: results.is_loaded and results.filter.value == "dog", timeout=5000)
    assert results.image_ids() == [i.id for i in search_query("dog")] and results.photo_count() == 2
    settle(qtbot, 300)
    screenshot(window, "search")
    for query, expected in (("John", 2), ("Lennon dog", 0), ("horse", 2), ("person dog", 1)):
        window.search.setText(query)
        window._run_search()
        qtbot.waitUntil(
            lambda q=query: results.is_loaded and results.filter.value == q, timeout=5000
        )
        assert results.photo_count() == expected == len(search_query(query)), query
    year = bq.month_groups(bq.GalleryFilter())[0].key[:4]
    window.search.setText(year)
    window._run_search()
    qtbot.waitUntil(lambda: results.is_loaded and results.filter.value == year, timeout=5000)
    assert results.photo_count() >= 1
    window.search.clear()
    window._run_search()
    assert not isinstance(window.current, routes.SearchRoute)


def test_things_open_a_filtered_gallery(qtbot, window):
    window.navigate(routes.ThingsRoute())
    model = window.page("things").model
    qtbot.waitUntil(lambda: model.rowCount() > 5, timeout=5000)
    labels = [i.key for i in model.items]
    assert labels[0] == "person" and "dog" in labels
    settle(qtbot, 300)
    screenshot(window, "things")
    window.page("things")._open(model.items[labels.index("dog")])
    results = window.page("results").model
    qtbot.waitUntil(lambda: results.is_loaded and results.filter.kind == bq.TAG, timeout=5000)
    assert results.photo_count() == 2


def test_albums_create_add_by_drop_and_remove(qtbot, window, monkeypatch):
    from pictopy_desktop.ui import album_actions
    from pictopy_desktop.ui.qt import QInputDialog

    page = window.page("photos")
    qtbot.waitUntil(lambda: page.model.is_loaded, timeout=5000)
    ids = [page.model.image_id(r) for r in range(page.model.rowCount()) if page.model.image_id(r)][
        :3
    ]
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Holiday", True)))
    album_actions.new_album_dialog(
        window.ctx, window, ids[:2]
    )  # "New album…" from the context menu
    qtbot.waitUntil(lambda: window.sidebar.items["albums"].childCount() == 1, timeout=5000)
    album_item = window.sidebar.items["albums"].child(0)
    album_id = album_item.data(0, RouteRole).album_id
    # Drag a third photo onto the album in the sidebar.
    mime = QMimeData()
    mime.setData(IMAGE_IDS_MIME, QByteArray(f"[{ids[2]}]".encode()))
    pos = QPointF(window.sidebar.visualItemRect(album_item).center())
    event = QDropEvent(
        pos,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.sidebar.dropEvent(event)
    assert AlbumImage.select().where(AlbumImage.album == album_id).count() == 3
    window.navigate(routes.AlbumsRoute())
    qtbot.waitUntil(lambda: window.page("albums").model.rowCount() == 1, timeout=5000)
    assert window.page("albums").model.items[0].subtitle == "3 photos"
    settle(qtbot, 300)
    screenshot(window, "albums")
    window.navigate(routes.AlbumRoute(album_id, "Holiday"))
    results = window.page("results").model
    qtbot.waitUntil(lambda: results.is_loaded and results.photo_count() == 3, timeout=5000)
    album_actions.remove_from_album(window.ctx, album_id, ids[:1])
    qtbot.waitUntil(lambda: results.photo_count() == 2, timeout=5000)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Summer", True)))
    album_actions.rename_album_dialog(window.ctx, window, album_id, "Holiday")
    qtbot.waitUntil(
        lambda: window.sidebar.items["albums"].child(0).text(0) == "Summer", timeout=5000
    )
    assert window.current == routes.AlbumRoute(album_id, "Summer")  # the gallery follows
    assert window.page("results").header.text() == "Summer"


def test_folders_view_and_settings(qtbot, window):
    window.navigate(routes.FoldersRoute())
    model = window.page("folders").model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5000)
    assert model.items[0].title == "photos" and "14 photos" in model.items[0].subtitle
    settle(qtbot, 300)
    screenshot(window, "folders")
    dialog = window.open_settings()
    qtbot.waitUntil(
        lambda: dialog.folders.count() == 1 and dialog.models_panel.problems is not None,
        timeout=5000,
    )
    assert dialog.models_panel.problems == []
    dialog.cache_mb.setValue(256)
    dialog.recluster.setValue(20)
    dialog.resize(640, 480)
    screenshot(dialog, "settings")
    dialog.tabs.setCurrentIndex(1)
    screenshot(dialog, "settings_models")
    dialog.save()
    from pictopy_desktop.settings import load_settings

    saved = load_settings(window.ctx.library.data_dir / "settings.json")
    assert saved.thumbnail_cache_mb == 256 and saved.recluster_every_photos == 20


@pytest.mark.slow
def test_window_remembers_geometry_and_last_view(qtbot, window, library):
    window.resize(760, 520)
    window.navigate(routes.ThingsRoute())
    window.close()
    w2 = make_window(qtbot, library)
    qtbot.waitUntil(lambda: w2.current == routes.ThingsRoute(), timeout=5000)
    assert w2.stack.currentWidget() is w2.page("things")
    assert abs(w2.width() - 760) <= 2
    w2.close()


@pytest.mark.allow_log(r"^Something went wrong: RuntimeError: disk on fire", level=logging.ERROR)
@pytest.mark.allow_log(r"^Uncaught exception", level=logging.CRITICAL)
@pytest.mark.slow
def test_errors_become_notifications_with_details(qtbot, window, messages_log):
    messages_log.expect_errors = True
    from pictopy_desktop.ui.notifications import Toast
    from pictopy_desktop.workers.tasks import run_in_background

    def boom():
        raise RuntimeError("disk on fire")

    run_in_background(boom)  # no failure handler: the bridge reports it
    toasts = [t for t in window.notifications.findChildren(Toast) if not t.isHidden()]
    assert (
        toasts and "disk on fire" in toasts[-1].msg.text and "Traceback" in toasts[-1].msg.details
    )
    messages.install_excepthook()
    try:
        sys.excepthook(ValueError, ValueError("oops"), None)
    finally:
        sys.excepthook = sys.__excepthook__
    assert any("oops" in m.text for m in messages_log.messages if m.level == messages.ERROR)
    settle(qtbot, 50)
    screenshot(window, "notifications")


def test_messages_wait_for_a_window(qtbot):
    bridge = messages.MessageBridge()
    bridge.post(messages.Message(messages.INFO, "early"))
    qtbot.wait(10)
    assert [m.text for m in bridge.pending()] == ["early"]
    shown = []
    bridge.attach(shown.append)
    assert [m.text for m in shown] == ["early"] and bridge.pending() == []


@pytest.mark.slow
def test_indexing_on_threads_pauses_resumes_and_cancels(
    qtbot, empty_library, shared_photos_dir, tmp_path, messages_log
):
    """Real thread pools: progress arrives on the GUI thread, pause blocks, cancel stops."""
    from pictopy_desktop.workers.indexing import IndexingController
    from pictopy_desktop.workers.tasks import pools, set_pools

    set_pools(None)
    photos = tmp_path / "many"
    for i in range(3):
        shutil.copytree(shared_photos_dir / "darknet", photos / f"copy{i}")
    controller = IndexingController(empty_library)
    progress = []
    controller.progress.connect(progress.append)
    controller.set_paused(True)
    with qtbot.waitSignal(controller.finished, timeout=30_000) as finished:
        controller.index([photos])
        qtbot.wait(400)
        assert controller.running and all(
            p.done == 0 for p in progress
        )  # paused before the first photo
        controller.set_paused(False)
    report = finished.args[0]
    assert report.indexed == 21 and not report.cancelled
    assert progress[-1].done == progress[-1].total
    # Cancel a run: it stops and says so.
    more = tmp_path / "more"
    shutil.copytree(shared_photos_dir / "openface", more)
    controller.set_paused(True)
    with qtbot.waitSignal(controller.finished, timeout=30_000) as finished:
        controller.index([more])
        qtbot.wait(200)
        controller.cancel()
    assert finished.args[0].cancelled
    pools().wait(10_000)
    set_pools(None)
    _ = Path
