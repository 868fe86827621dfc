"""RAW files in the app: a RAW badge on their tiles, their preview in the viewer, and the
full development the viewer asks for at 100 %."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pictopy_desktop.library.service import Library
from pictopy_desktop.ui.qt import QPixmap, Qt
from pictopy_desktop.workers.images import read_developed_raw, read_full_image
from tests.media_samples import make_dng, make_jpeg
from tests.ui.conftest import make_window, screenshot, settle


@pytest.fixture
def raw_library(data_dir: Path, no_models: Path, tmp_path: Path):
    folder = tmp_path / "camera"
    folder.mkdir()
    make_dng(folder / "DSC_0001.NEF", dt.datetime(2020, 5, 1, 10, 0), size=(192, 128), seed=1)
    make_jpeg(folder / "DSC_0002.JPG", dt.datetime(2020, 5, 1, 11, 0), size=(192, 128), seed=2)
    lib = Library()
    report = lib.index([folder])
    assert report.indexed == 2 and not report.failed, report.to_dict()
    yield lib, folder
    lib.close()


@pytest.mark.slow
def test_raw_badge_in_the_grid(qtbot, raw_library, inline_pools, messages_log) -> None:
    lib, folder = raw_library
    window = make_window(qtbot, lib)
    try:
        page = window.page("photos")
        qtbot.waitUntil(lambda: page.model.photo_count() == 2, timeout=5000)
        page.model.load_all_pages_now()
        rows = [page.model.gallery_row(r) for r in range(page.model.rowCount())]
        flags = {Path(r.path).name: r.raw for r in rows if r is not None}
        assert flags == {"DSC_0001.NEF": True, "DSC_0002.JPG": False}
        first = next(r for r in range(page.model.rowCount()) if page.model.gallery_row(r))
        qtbot.waitUntil(
            lambda: isinstance(
                page.model.index(first).data(Qt.ItemDataRole.DecorationRole), QPixmap
            ),
            timeout=5000,
        )
        settle(qtbot, 200)
        screenshot(window, "raw_badge")
    finally:
        window.close()


def test_viewer_reads_the_preview_and_develops_on_request(tmp_path: Path) -> None:
    path = make_dng(tmp_path / "IMG_1.CR2", size=(192, 128), orientation=8)
    preview = read_full_image(str(path))
    assert (preview.width(), preview.height()) == (128, 192)  # upright
    developed = read_developed_raw(str(path))
    assert (developed.width(), developed.height()) == (128, 192)
    with pytest.raises(OSError, match="cannot develop"):
        bad = tmp_path / "bad.orf"
        bad.write_bytes(b"IIRO" + b"\x00" * 200)
        read_developed_raw(str(bad))


def test_face_crop_and_thumbnail_rebuild_read_the_preview(tmp_path: Path) -> None:
    from pictopy_desktop.library.thumbnails import rebuild_thumbnail
    from pictopy_desktop.workers.images import face_crop_rgb

    path = make_dng(tmp_path / "IMG_2.RW2", size=(192, 128))
    crop = face_crop_rgb(str(path), (60.0, 30.0, 100.0, 70.0), (192, 128), size=64)
    assert crop.shape == (64, 64, 3)
    # The red block of the scene (x 64..96, y 32..64) is where the box is.
    assert crop[32, 32, 0] > 180 and crop[32, 32, 1] < 80
    pixels = rebuild_thumbnail(tmp_path / "cache", "ab/abc.jpg", [str(path)])
    assert pixels.shape[:2] == (128, 192) and (tmp_path / "cache" / "ab" / "abc.jpg").is_file()


@pytest.mark.slow
def test_viewer_develops_a_pairs_raw_and_shows_both_files(
    qtbot, blank_window, tmp_path: Path
) -> None:
    from pictopy_desktop.ui import routes
    from tests.ui.test_viewer_features_ui import _viewer_on

    window = blank_window
    folder = tmp_path / "card"
    folder.mkdir()
    make_jpeg(folder / "DSC_0042.JPG", dt.datetime(2020, 5, 1, 10, 0), size=(384, 256), seed=4)
    make_dng(folder / "DSC_0042.NEF", dt.datetime(2020, 5, 1, 10, 0), size=(384, 256), seed=4)
    make_jpeg(folder / "plain.jpg", dt.datetime(2020, 5, 2, 10, 0), size=(384, 256), seed=1)
    window.index_folder(folder)
    window.navigate(routes.PhotosRoute())
    viewer = _viewer_on(qtbot, window, "DSC_0042.JPG")
    info = viewer.info.fields["File"].text()
    assert "DSC_0042.JPG" in info and "DSC_0042.NEF (RAW)" in info
    qtbot.waitUntil(lambda: viewer.develop_action.isEnabled(), timeout=5000)
    viewer.develop_action.trigger()
    qtbot.waitUntil(lambda: viewer.canvas.zoom == 1.0, timeout=10000)
    assert (viewer.image.width(), viewer.image.height()) == (384, 256)  # the RAW, developed
    settle(qtbot, 100)
    screenshot(window, "viewer_raw_developed")
    # A photo with no RAW offers no development.
    viewer = _viewer_on(qtbot, window, "plain.jpg")
    qtbot.waitUntil(lambda: viewer.details.path.endswith("plain.jpg"), timeout=5000)
    assert not viewer.develop_action.isEnabled()
