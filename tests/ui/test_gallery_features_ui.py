"""Favourites, find by face, memories, places, videos and duplicates in the desktop GUI."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import cv2
import pytest

from pictopy_desktop.library import read_model as bq
from pictopy_desktop.storage.tables import Image, Presence
from pictopy_desktop.ui import links, routes
from pictopy_desktop.ui import viewer as viewer_module
from pictopy_desktop.ui.collection_pages import ItemRole
from pictopy_desktop.ui.gallery import RowRole
from pictopy_desktop.ui.qt import (
    QDragEnterEvent,
    QDropEvent,
    QMimeData,
    QPoint,
    QPointF,
    Qt,
    QUrl,
)
from tests.core.test_gallery_features import _write_video, exif_photo
from tests.ui.conftest import screenshot, settle

OBAMA_SIZES = [f"obama-{s}.jpg" for s in ("240p", "480p", "720p", "1080p")]
PARIS, ROME = (48.8566, 2.3522), (41.9028, 12.4964)


@pytest.fixture
def opened(monkeypatch):
    """Links handed to the desktop (map site, video player), recorded instead of opened."""
    urls: list[QUrl] = []
    monkeypatch.setattr(links, "open_url", lambda url: urls.append(url) or True)
    return urls


def _wait_gallery(qtbot, page, n: int) -> None:
    qtbot.waitUntil(lambda: page.model.is_loaded and page.model.photo_count() == n, timeout=5000)
    page.model.load_all_pages_now()


def _row_of(model, name: str) -> int:
    for r in range(model.rowCount()):
        row = model.gallery_row(r)
        if row is not None and row.name == name:
            return r
    raise AssertionError(f"{name} is not in the gallery")


def _open_in_viewer(qtbot, window, page, name: str):
    row = _row_of(page.model, name)
    window.open_viewer(page.model, row)
    viewer = window.page("viewer")
    qtbot.waitUntil(
        lambda: viewer.details is not None and viewer.details.path.endswith(name), timeout=5000
    )
    return viewer


# ---------------------------------------------------------------------- favourites


@pytest.mark.slow
def test_favourite_from_viewer_and_key_shows_in_favourites_and_search(qtbot, window):
    photos = window.page("photos")
    _wait_gallery(qtbot, photos, 14)
    viewer = _open_in_viewer(qtbot, window, photos, "dog.jpg")
    dog_id = viewer.image_id
    assert not viewer.favourite_button.isChecked()
    qtbot.mouseClick(viewer.favourite_button, Qt.MouseButton.LeftButton)  # the heart in the viewer
    assert Image.get_by_id(dog_id).favourite
    assert viewer.favourite_button.isChecked()
    settle(qtbot, 200)
    screenshot(window, "viewer_favourite")
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_Right)
    qtbot.waitUntil(
        lambda: viewer.details is not None and viewer.details.id != dog_id, timeout=5000
    )
    other_id = viewer.image_id
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_Period)  # the "." key
    assert Image.get_by_id(other_id).favourite and viewer.favourite_button.isChecked()

    window.navigate(routes.FavouritesRoute())
    page = window.page("favourites")
    assert window.stack.currentWidget() is page
    assert window.sidebar.currentItem() is window.sidebar.items["favourites"]
    _wait_gallery(qtbot, page, 2)
    assert set(page.model.image_ids()) == {dog_id, other_id}
    assert all(
        page.model.gallery_row(r).favourite
        for r in range(page.model.rowCount())
        if page.model.image_id(r)
    )
    settle(qtbot, 300)
    screenshot(window, "favourites")

    # "." in the grid takes the heart away again; the Favourites view follows.
    view = page.view
    view.setFocus()
    view.setCurrentIndex(page.model.index_of_image(other_id))
    qtbot.keyClick(view, Qt.Key.Key_Period)
    assert not Image.get_by_id(other_id).favourite
    _wait_gallery(qtbot, page, 1)

    # Searchable: "favourites dog".
    window.search.setText("favourites dog")
    window._run_search()
    _wait_gallery(qtbot, window.page("results"), 1)
    assert window.page("results").model.image_ids() == [dog_id]


# ---------------------------------------------------------------------- find by face


def test_find_by_face_from_the_viewer_ranks_the_same_person_first(qtbot, window):
    photos = window.page("photos")
    _wait_gallery(qtbot, photos, 14)
    viewer = _open_in_viewer(qtbot, window, photos, "lennon-1.jpg")
    qtbot.waitUntil(lambda: len(viewer.canvas.faces) >= 1, timeout=5000)
    face = viewer.canvas.faces[0]
    menu = viewer.face_menu(face)
    action = next(a for a in menu.actions() if a.text() == "Find photos with this face")
    action.trigger()
    page = window.page("results")
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: page.model.is_loaded and page.model.photo_count() >= 1, timeout=10000)
    page.model.load_all_pages_now()
    assert page.model.filter.kind == bq.RANKED
    names = [page.model.gallery_row(r).name for r in range(page.model.rowCount())]
    assert names[0] == "lennon-2.jpg", names
    assert "Photos with this face" in page.header.text()
    settle(qtbot, 300)
    screenshot(window, "find_by_face")


@pytest.mark.slow
def test_image_dropped_on_the_search_field_finds_its_face(
    qtbot, window, indexed_template, monkeypatch
):
    calls = []
    monkeypatch.setattr(window, "find_by_file", lambda path: calls.append(path))
    window._search_drop.image_dropped.disconnect()
    window._search_drop.image_dropped.connect(window.find_by_file)
    photo = indexed_template["photos"] / "openface" / "lennon-2.jpg"
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    assert window._search_drop.eventFilter(window.search, drop)
    assert calls == [photo]
    folder = QMimeData()
    folder.setUrls([QUrl.fromLocalFile(str(photo.parent))])
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        folder,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window._search_drop.eventFilter(window.search, enter)
    assert not enter.isAccepted()  # a folder goes on to the window, which adds it to the library
    # The search itself (with the real face models): the same person comes first.
    found = []
    from pictopy_desktop.ui.face_search import find_by_file

    find_by_file(window.ctx, photo, found.append)
    assert found and found[0].image_ids
    first = Image.get_by_id(found[0].image_ids[0]).path
    assert Path(first).name == "lennon-2.jpg"  # its own photo, then the same face elsewhere
    assert Path(Image.get_by_id(found[0].image_ids[1]).path).name == "lennon-1.jpg"


# ---------------------------------------------------------------------- memories and places


@pytest.fixture
def dated_photos(tmp_path, shared_photos_dir) -> Path:
    """A trip (6 photos, 2 days in Rome, 2019), a day in Paris (5 photos, 2020), one photo on this day 3 years ago."""
    folder = tmp_path / "photos"
    folder.mkdir()
    src = sorted((shared_photos_dir / "darknet").glob("*.jpg"))
    today = dt.date.today()
    start = dt.datetime(2019, 6, 1, 9)
    for i in range(6):
        exif_photo(
            src[i % len(src)], folder / f"rome-{i}.jpg", start + dt.timedelta(hours=5 * i), ROME
        )
    for i in range(5):
        exif_photo(
            src[(i + 3) % len(src)],
            folder / f"paris-{i}.jpg",
            dt.datetime(2020, 3, 7, 10 + i),
            PARIS,
        )
    exif_photo(
        src[0], folder / "birthday.jpg", dt.datetime(today.year - 3, today.month, today.day, 15)
    )
    return folder


@pytest.mark.slow
def test_memories_are_computed_after_indexing_and_open_a_gallery(qtbot, blank_window, dated_photos):
    window = blank_window
    window.index_folder(dated_photos)
    page = window.page("memories")
    # Recomputed in the background when indexing finished, before the view is ever shown.
    qtbot.waitUntil(lambda: page.is_loaded, timeout=5000)
    assert [i.title for i in page.today_model.items] == ["3 years ago today"]
    events = {i.payload.kind: i for i in page.events_model.items}
    assert set(events) == {"trip", "event"}
    assert len(events["trip"].key) == 6 and len(events["event"].key) == 5
    window.navigate(routes.MemoriesRoute())
    assert window.sidebar.currentItem() is window.sidebar.items["memories"]
    settle(qtbot, 300)
    screenshot(window, "memories")
    trip = next(
        r
        for r in range(page.events_model.rowCount())
        if page.events_model.index(r).data(ItemRole).payload.kind == "trip"
    )
    page.events_view.activated.emit(page.events_model.index(trip))
    results = window.page("results")
    assert window.stack.currentWidget() is results
    _wait_gallery(qtbot, results, 6)
    assert {
        results.model.gallery_row(r).name
        for r in range(results.model.rowCount())
        if results.model.image_id(r)
    } == {f"rome-{i}.jpg" for i in range(6)}
    assert window.sidebar.currentItem() is window.sidebar.items["memories"]
    settle(qtbot, 200)
    screenshot(window, "memory_gallery")


@pytest.mark.slow
def test_places_group_gps_photos_and_the_info_panel_links_to_a_map(
    qtbot, blank_window, dated_photos, opened
):
    window = blank_window
    window.index_folder(dated_photos)
    window.navigate(routes.PlacesRoute())
    page = window.page("places")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5000)
    items = [page.model.index(r).data(ItemRole) for r in range(2)]
    # Countries first, named offline, each with its towns and photos counted.
    assert [(i.title, i.subtitle) for i in items] == [
        ("Italy", "1 place · 6 photos"),
        ("France", "1 place · 5 photos"),
    ]
    assert all(i.thumbnail for i in items)
    assert page.subtitle.text().startswith("2 countries · 11 photos with a GPS position")
    settle(qtbot, 300)
    screenshot(window, "places")
    page.view.activated.emit(page.model.index(1))  # France: its towns
    assert [(i.title, i.subtitle) for i in page.model.items] == [("Paris", "5 photos")]
    assert page.back_button.isVisible()
    settle(qtbot, 300)
    screenshot(window, "places_country")
    page.view.activated.emit(page.model.index(0))  # Paris
    results = window.page("results")
    _wait_gallery(qtbot, results, 5)
    assert results.header.text() == "Paris, France"
    viewer = _open_in_viewer(qtbot, window, results, "paris-0.jpg")
    place = viewer.info.fields["Place"]
    assert "48.85660°N, 2.35220°E" in place.text()
    assert not place.isHidden()
    place.linkActivated.emit("map")  # the user clicks "Open in map"
    assert (
        len(opened) == 1
        and "openstreetmap.org" in opened[0].toString()
        and "48.85" in opened[0].toString()
    )
    assert viewer.info.fields["Duration"].isHidden()
    settle(qtbot, 200)
    screenshot(window, "viewer_place")


# ---------------------------------------------------------------------- videos


@pytest.mark.slow
def test_video_has_a_badge_and_plays_in_the_system_player(
    qtbot, blank_window, tmp_path, shared_photos_dir, opened, monkeypatch
):
    # Where Qt Multimedia can't play (not installed, no audio libraries) the system player does.
    monkeypatch.setattr(viewer_module, "inline_video_problem", lambda: "no Qt Multimedia here")
    window = blank_window
    folder = tmp_path / "videos"
    folder.mkdir()
    frame = cv2.imread(str(shared_photos_dir / "darknet" / "dog.jpg"))
    _write_video(folder / "walk.mp4", [frame] * 16)  # 8 s at 2 fps
    shutil.copy(shared_photos_dir / "darknet" / "eagle.jpg", folder / "eagle.jpg")
    window.index_folder(folder)
    photos = window.page("photos")
    window.navigate(routes.PhotosRoute())
    _wait_gallery(qtbot, photos, 2)
    r = _row_of(photos.model, "walk.mp4")
    row = photos.model.index(r).data(RowRole)
    assert row.is_video and row.duration_s == pytest.approx(8.0, abs=0.6)
    assert "Video · 0:08" in photos.model.index(r).data(Qt.ItemDataRole.ToolTipRole)
    assert not photos.model.gallery_row(_row_of(photos.model, "eagle.jpg")).is_video
    settle(qtbot, 300)
    screenshot(photos.view, "video_badge")
    viewer = _open_in_viewer(qtbot, window, photos, "walk.mp4")
    qtbot.waitUntil(lambda: viewer.canvas.pixmap is not None, timeout=5000)
    assert viewer.canvas.is_video and viewer.play_button.isVisible()
    assert viewer.info.fields["Duration"].text() == "0:08"
    settle(qtbot, 100)
    screenshot(window, "viewer_video")
    center = viewer.canvas.play_rect().center().toPoint()
    qtbot.mouseClick(viewer.canvas, Qt.MouseButton.LeftButton, pos=center)
    assert (
        len(opened) == 1
        and opened[0].isLocalFile()
        and opened[0].toLocalFile().endswith("walk.mp4")
    )


def test_video_plays_inline_and_falls_back_to_the_system_player(
    qtbot, blank_window, tmp_path, shared_photos_dir, opened
) -> None:
    problem = viewer_module.inline_video_problem()
    if problem is not None:
        pytest.skip(f"inline playback is not possible on this machine: {problem}")
    window = blank_window
    folder = tmp_path / "videos"
    folder.mkdir()
    frame = cv2.imread(str(shared_photos_dir / "darknet" / "dog.jpg"))
    _write_video(folder / "walk.mp4", [frame] * 16)
    window.index_folder(folder)
    photos = window.page("photos")
    window.navigate(routes.PhotosRoute())
    _wait_gallery(qtbot, photos, 1)
    viewer = _open_in_viewer(qtbot, window, photos, "walk.mp4")
    qtbot.mouseClick(viewer.play_button, Qt.MouseButton.LeftButton)
    assert viewer.playing_inline() and not opened
    assert viewer.video_pane.player.source().toLocalFile() == str(folder / "walk.mp4")
    # The player gives up (a codec its backend lacks): the system's player takes over.
    viewer.video_pane.failed.emit("no decoder for this codec")
    assert not viewer.playing_inline()
    assert [u.toLocalFile() for u in opened] == [str(folder / "walk.mp4")]


# ---------------------------------------------------------------------- duplicates


def test_duplicates_view_lists_the_obama_group_and_keeps_one(
    qtbot, blank_window, tmp_path, shared_photos_dir, monkeypatch, messages_log
):
    from pictopy_desktop.ui import duplicates as dup_ui

    window = blank_window
    folder = tmp_path / "dups"
    folder.mkdir()
    for name in OBAMA_SIZES + ["biden.jpg"]:
        shutil.copy(shared_photos_dir / "face_recognition" / "examples" / name, folder / name)
    shutil.copy(shared_photos_dir / "darknet" / "dog.jpg", folder / "dog.jpg")
    window.index_folder(folder)
    window.navigate(routes.DuplicatesRoute())
    page = window.page("duplicates")
    qtbot.waitUntil(lambda: page.is_loaded, timeout=5000)
    assert len(page.group_widgets) == 1
    group = page.group_widgets[0]
    assert group.cards[0].photo.name == "obama-1080p.jpg"  # the suggested keeper: the largest
    assert {c.photo.name for c in group.cards} == set(OBAMA_SIZES)
    assert not group.group.exact
    qtbot.waitUntil(
        lambda: all(
            c.thumb.pixmap() is not None and not c.thumb.pixmap().isNull() for c in group.cards
        ),
        timeout=5000,
    )
    settle(qtbot, 200)
    screenshot(window, "duplicates")

    asked = []
    monkeypatch.setattr(dup_ui, "confirm", lambda parent, title, text: asked.append(text) or True)
    keep = next(c for c in group.cards if c.photo.name == "obama-720p.jpg")
    qtbot.mouseClick(keep.keep, Qt.MouseButton.LeftButton)
    assert asked and "obama-720p.jpg" in asked[0]
    assert sorted(p.name for p in folder.glob("obama-*.jpg")) == ["obama-720p.jpg"]
    trashed = sorted(p.name for p in (tmp_path / "xdg").rglob("obama-*.jpg"))  # trash_dir
    assert trashed == [
        "obama-1080p.jpg",
        "obama-240p.jpg",
        "obama-480p.jpg",
    ]  # moved to the trash, not deleted
    present = Image.select().where(Image.presence == Presence.PRESENT)
    assert [Path(i.path).name for i in present if Path(i.path).name.startswith("obama")] == [
        "obama-720p.jpg"
    ]
    assert any("moved 3 photos to the trash" in m.text for m in messages_log.messages)
    qtbot.waitUntil(lambda: page.is_loaded and not page.group_widgets, timeout=5000)
    assert page.empty.isVisible()
