"""The viewer a Google Photos / digiKam user expects: full screen, slideshow, rotate, delete with
undo, show in folder, open with, copy, camera details; the grid's context menu."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from pictopy_desktop.library import read_model as bq
from pictopy_desktop.library import trash
from pictopy_desktop.storage.tables import Image
from pictopy_desktop.ui import links, messages, routes
from pictopy_desktop.ui.context import face_key
from pictopy_desktop.ui.gallery_menu import gallery_menu
from pictopy_desktop.ui.preferences import SLIDESHOW_SECONDS, ui_settings
from pictopy_desktop.ui.qt import QApplication, QPoint, Qt, QUrl
from tests.conftest import REPO_ROOT
from tests.ui.conftest import screenshot, settle
from tests.ui.test_gallery_features_ui import _open_in_viewer, _row_of, _wait_gallery

DOCS = REPO_ROOT / "docs" / "screenshots"


@pytest.fixture
def opened(monkeypatch) -> list[QUrl]:
    """Files and folders handed to the desktop, recorded instead of opened."""
    urls: list[QUrl] = []
    monkeypatch.setattr(links, "open_url", lambda url: urls.append(url) or True)
    monkeypatch.setattr(links, "_freedesktop_show_items", lambda url: False)
    return urls


def _save(widget, name: str) -> None:
    shot = screenshot(widget, name)
    DOCS.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, DOCS / f"{name}.png")


def _viewer_on(qtbot, window, name: str):
    photos = window.page("photos")
    qtbot.waitUntil(lambda: photos.model.is_loaded and photos.model.photo_count() > 0, timeout=5000)
    photos.model.load_all_pages_now()
    viewer = _open_in_viewer(qtbot, window, photos, name)
    qtbot.waitUntil(lambda: viewer.canvas.pixmap is not None, timeout=5000)
    return viewer


def _info_messages(log) -> list:
    return [m for m in log.messages if m.level == messages.INFO]


def test_full_screen_by_f11_and_double_click_esc_leaves(qtbot, window) -> None:
    viewer = _viewer_on(qtbot, window, "lennon-1.jpg")
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_F11)
    fs = viewer.full_screen_window
    assert viewer.is_full_screen() and fs.isFullScreen()
    assert viewer.canvas.window() is fs  # the photo alone: no sidebar, search or toolbar
    assert window.sidebar.window() is window
    qtbot.waitUntil(lambda: viewer.canvas.pixmap is not None, timeout=5000)
    settle(qtbot, 200)
    _save(fs, "viewer-full-screen")
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_Right)  # keys still step through the photos
    qtbot.waitUntil(lambda: viewer.details.path.endswith("lennon-1.jpg") is False, timeout=5000)
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_Escape)
    assert not viewer.is_full_screen() and viewer.canvas.window() is window
    assert window.stack.currentWidget() is viewer  # Esc left full screen, not the viewer
    qtbot.mouseDClick(viewer.canvas, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert viewer.is_full_screen()
    qtbot.mouseDClick(viewer.canvas, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert not viewer.is_full_screen()
    window.menu.full_screen.trigger()  # View → Full screen in the viewer: the photo's own
    assert viewer.is_full_screen() and not window.isFullScreen()
    viewer.leave_full_screen()
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is not viewer


def test_slideshow_uses_the_remembered_interval_loops_and_stops(qtbot, window) -> None:
    viewer = _viewer_on(qtbot, window, "dog.jpg")
    viewer.set_slideshow_interval(7)
    assert int(ui_settings(window.ctx).value(SLIDESHOW_SECONDS)) == 7
    assert viewer.interval_actions[7].isChecked() and not viewer.interval_actions[4].isChecked()
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_S)
    assert viewer.is_slideshow_running() and viewer.is_full_screen()
    assert viewer.slideshow_timer.interval() == 7000
    model = viewer.model
    photo_rows = [r for r in range(model.rowCount()) if model.image_id(r) is not None]
    seen = []
    for _ in range(len(photo_rows) + 1):  # each tick shows the next photo, then the first again
        viewer.slideshow_timer.timeout.emit()
        seen.append(viewer.row)
    assert seen[-1] == seen[-1 - len(photo_rows)] and len(set(seen)) == len(photo_rows)
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_Escape)
    assert not viewer.is_slideshow_running() and viewer.is_full_screen()
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_Escape)
    assert not viewer.is_full_screen()


def test_rotation_is_stored_shown_in_viewer_faces_and_grid_and_file_untouched(
    qtbot, window
) -> None:
    viewer = _viewer_on(qtbot, window, "carell.jpg")
    d = viewer.details
    path = Path(d.path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    w, h = d.width, d.height
    face = d.faces[0]
    assert viewer.canvas.full_size == (w, h)
    viewer.rotate_right_action.trigger()
    qtbot.waitUntil(lambda: Image.get_by_id(d.id).rotation == 90, timeout=5000)
    qtbot.waitUntil(lambda: viewer.canvas.full_size == (h, w), timeout=5000)
    qtbot.waitUntil(
        lambda: (
            viewer.image is not None and viewer.image.width() < viewer.image.height()
            if w > h
            else viewer.image is not None and viewer.image.width() > viewer.image.height()
        ),
        timeout=5000,
    )
    # The face box turned with the photo: still on the photo, now left-right where it was up-down.
    box = viewer.canvas.face_rect(face)
    assert viewer.canvas.image_rect().adjusted(-1, -1, 1, 1).contains(box)
    x1, y1, x2, y2 = face.box
    s = viewer.canvas.scale()
    assert box.width() == pytest.approx((y2 - y1) * s, rel=0.01)
    # Its face crops (People, covers) turn with it.
    (turned,) = [f for f in bq.faces_in_image(d.id) if f.id == face.id]
    assert turned.rotation == 90
    qtbot.waitUntil(lambda: window.ctx.face(turned) is not None, timeout=5000)
    assert face_key(face.id, 90) in window.ctx.images.cache._items
    settle(qtbot, 100)
    _save(window, "viewer-rotated")
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_BracketLeft)
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_BracketLeft)
    qtbot.waitUntil(lambda: Image.get_by_id(d.id).rotation == 270, timeout=5000)
    # The grid shows the turned thumbnail.
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_Escape)
    page = window.page("photos")
    qtbot.waitUntil(
        lambda: (
            (r := page.model.gallery_row(page.model.index_of_image(d.id).row())) is not None
            and r.rotation == 270
        ),
        timeout=5000,
    )
    row = page.model.index_of_image(d.id)
    qtbot.waitUntil(lambda: row.data(Qt.ItemDataRole.DecorationRole) is not None, timeout=5000)
    thumb = row.data(Qt.ItemDataRole.DecorationRole)
    assert (thumb.width() < thumb.height()) == (w > h)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_delete_from_viewer_lists_in_recently_removed_and_undo_brings_it_back(
    qtbot, blank_window, photo_copy, messages_log
) -> None:
    window = blank_window  # photos of its own: this test moves one to the (test's) trash
    folder = photo_copy("darknet/dog.jpg", "darknet/kite.jpg", "darknet/eagle.jpg")
    window.index_folder(folder)
    window.navigate(routes.PhotosRoute())
    viewer = _viewer_on(qtbot, window, "dog.jpg")
    dog_id, path = viewer.image_id, Path(viewer.details.path)
    original = path.read_bytes()
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: not path.exists(), timeout=5000)
    qtbot.waitUntil(lambda: viewer.image_id != dog_id, timeout=5000)  # on to the next photo
    assert window.stack.currentWidget() is viewer
    (entry,) = trash.recently_removed()
    assert entry.original_path == str(path)
    note = _info_messages(messages_log)[-1]
    assert note.action is not None and note.action[0] == "Undo"
    window.navigate(routes.RemovedRoute())
    removed = window.page("removed")
    qtbot.waitUntil(lambda: removed.is_loaded and bool(removed.entries), timeout=5000)
    assert removed.entries[0].id == entry.id and entry.id in removed.buttons
    photos = window.page("photos")
    window.navigate(routes.PhotosRoute())
    qtbot.waitUntil(lambda: photos.model.photo_count() == 2, timeout=5000)

    note.action[1]()  # Undo
    qtbot.waitUntil(lambda: path.exists(), timeout=5000)
    assert path.read_bytes() == original
    qtbot.waitUntil(lambda: photos.model.photo_count() == 3, timeout=5000)
    assert dog_id in photos.model.image_ids()


def test_show_in_folder_open_with_and_copy(qtbot, window, opened) -> None:
    viewer = _viewer_on(qtbot, window, "kite.jpg")
    path = viewer.details.path
    viewer.open_with_default_app()
    viewer.show_in_folder()
    assert [u.toLocalFile() for u in opened] == [path, str(Path(path).parent)]
    viewer.copy_image()
    assert QApplication.clipboard().mimeData().hasImage()
    assert QApplication.clipboard().image().size() == viewer.image.size()


def test_info_panel_shows_camera_lens_exposure_and_time_zone(qtbot, window) -> None:
    kite = Image.get(Image.path.endswith("kite.jpg"))
    Image.update(utc_offset_min=-300).where(Image.id == kite.id).execute()
    viewer = _viewer_on(qtbot, window, "kite.jpg")
    fields = viewer.info.fields
    qtbot.waitUntil(lambda: fields["Camera"].text() == "Canon EOS REBEL T1i", timeout=5000)
    assert fields["Lens"].text().startswith("Tamron SP AF 28-75mm")
    assert (fields["Exposure"].text(), fields["Aperture"].text(), fields["ISO"].text()) == (
        "1/640 s",
        "f/13",
        "800",
    )
    assert fields["Focal length"].text() == "28 mm"
    assert fields["Time zone"].text() == "UTC−05:00"
    assert viewer.info.form.isRowVisible(fields["Camera"])
    settle(qtbot, 100)
    _save(window, "viewer-info")
    # A photo without camera details hides those rows.
    scream = _open_in_viewer(qtbot, window, window.page("photos"), "scream.jpg")
    qtbot.waitUntil(lambda: fields["Camera"].text() == "", timeout=5000)
    assert not scream.info.form.isRowVisible(fields["Camera"])


def test_grid_context_menu_offers_every_photo_action(qtbot, window, opened) -> None:
    page = window.page("photos")
    _wait_gallery(qtbot, page, 14)
    row = _row_of(page.model, "eagle.jpg")
    pos = page.view.viewport().mapToGlobal(page.view.visualRect(page.model.index(row)).center())
    menu = gallery_menu(window, window, page, pos, window.ctx.albums)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    for wanted in (
        "Open",
        "Full screen",
        "Info",
        "Rotate left  ([)",
        "Rotate right  (])",
        "Add to favourites  (.)",
        "Add 1 photo to album",
        "Show in folder",
        "Open with the default app",
        "Copy image  (Ctrl+C)",
        f"Move 1 photo to the {trash.trash_name()}  (Delete)",
    ):
        assert wanted in texts, (wanted, texts)
    next(a for a in menu.actions() if a.text() == "Full screen").trigger()
    qtbot.waitUntil(
        lambda: (
            window.page("viewer").details is not None
            and window.page("viewer").details.path.endswith("eagle.jpg")
        ),
        timeout=5000,
    )
    assert window.page("viewer").is_full_screen()
    window.page("viewer").leave_full_screen()
    # Rotating from the grid writes the library, as the viewer does.
    eagle = Image.get(Image.path.endswith("eagle.jpg")).id
    window.navigate(routes.PhotosRoute())
    menu = gallery_menu(window, window, page, pos, window.ctx.albums)
    next(a for a in menu.actions() if a.text() == "Rotate right  (])").trigger()
    qtbot.waitUntil(lambda: Image.get_by_id(eagle).rotation == 90, timeout=5000)
    # So do the keys: "[" on the selection in the grid.
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index_of_image(eagle))
    qtbot.keyClick(page.view, Qt.Key.Key_BracketLeft)
    qtbot.waitUntil(lambda: Image.get_by_id(eagle).rotation == 0, timeout=5000)
