"""Offline photos in the app: greyed with a badge, a clear message in the viewer, listed and forgettable in Settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from pictopy_desktop.library.changes import OpChanges
from pictopy_desktop.storage.tables import Image, Presence
from pictopy_desktop.ui.qt import QPixmap, Qt
from tests.ui.conftest import screenshot, settle


def _unplug(tmp_path: Path, folder: str) -> list[int]:
    """The photos of one folder as after an unplugged drive: their paths lead nowhere, marked offline."""
    gone = tmp_path / "unplugged"
    ids = []
    for img in Image.select().where(Image.path.contains(f"/{folder}/")):
        Image.update(path=str(gone / Path(img.path).name), presence=Presence.OFFLINE).where(
            Image.id == img.id
        ).execute()
        ids.append(img.id)
    return ids


@pytest.mark.slow
def test_offline_photos_in_gallery_viewer_and_settings(qtbot, window, tmp_path: Path) -> None:
    offline = _unplug(tmp_path, "darknet")
    window.ctx.broadcast(OpChanges.everything())
    page = window.page("photos")
    qtbot.waitUntil(lambda: page.model.is_loaded and page.model.photo_count() == 14, timeout=5000)
    page.model.load_all_pages_now()
    rows = [page.model.gallery_row(r) for r in range(page.model.rowCount())]
    shown = {r.id: r for r in rows if r is not None}
    assert {i for i, r in shown.items() if r.offline} == set(offline)  # still shown, flagged
    first = next(r for r in range(page.model.rowCount()) if page.model.image_id(r) in offline)
    tip = page.model.index(first).data(Qt.ItemDataRole.ToolTipRole)
    assert "Offline" in tip
    qtbot.waitUntil(
        lambda: isinstance(page.model.index(first).data(Qt.ItemDataRole.DecorationRole), QPixmap),
        timeout=5000,
    )
    settle(qtbot, 200)
    screenshot(window, "offline_gallery")

    # The viewer says where the photo is instead of failing to read it.
    window.open_viewer(page.model, first)
    viewer = window.page("viewer")
    qtbot.waitUntil(
        lambda: viewer.details is not None and viewer.details.id in offline, timeout=5000
    )
    settle(qtbot, 100)
    assert "offline" in viewer.canvas.message and "not connected" in viewer.canvas.message
    assert viewer.canvas.pixmap is None
    screenshot(window, "offline_viewer")
    window.back()

    # Settings → Library lists them; "Forget them" drops them for good.
    dialog = window.open_settings()
    panel = dialog.unavailable
    qtbot.waitUntil(lambda: panel.list.count() == len(offline), timeout=5000)
    assert (
        f"{len(offline)} photos offline" in panel.summary.text() and panel.forget_button.isEnabled()
    )
    dialog.resize(640, 520)
    screenshot(dialog, "settings_offline")
    panel.forget([p.id for p in panel.photos])
    qtbot.waitUntil(lambda: panel.list.count() == 0, timeout=5000)
    assert not Image.select().where(Image.id.in_(offline)).exists()
    assert "on hand" in panel.summary.text() and not panel.forget_button.isEnabled()
    qtbot.waitUntil(lambda: page.model.photo_count() == 14 - len(offline), timeout=5000)
    dialog.reject()


def test_face_crop_of_an_offline_photo_comes_from_its_thumbnail(qtbot, tmp_path) -> None:
    """People covers of photos on an unplugged drive still show the face, from the cached thumbnail."""
    import numpy as np
    from PIL import Image as PILImage

    from pictopy_desktop.workers.images import read_face_crop

    thumb = tmp_path / "thumb.jpg"
    pixels = np.zeros((150, 200, 3), dtype=np.uint8)
    pixels[30:90, 60:120] = (
        250,
        30,
        30,
    )  # the "face", in thumbnail pixels (a quarter of the photo)
    PILImage.fromarray(pixels).save(thumb, "JPEG", quality=95)
    crop = read_face_crop(
        str(tmp_path / "gone" / "photo.jpg"), (240, 120, 480, 360), (800, 600), 64, thumbnail=thumb
    )
    assert (crop.width(), crop.height()) == (64, 64)
    centre = crop.pixelColor(32, 32)
    assert centre.red() > 200 and centre.green() < 80
