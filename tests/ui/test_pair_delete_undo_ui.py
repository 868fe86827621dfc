"""Deleting a RAW+JPEG pair from the app and pressing Undo brings both files back, with no
"not everything came back" warning (the RAW comes back with its photo)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pictopy_desktop.library import trash
from pictopy_desktop.storage.tables import Image
from pictopy_desktop.ui import messages, photo_actions
from tests.media_samples import make_dng, make_jpeg

SHOT = dt.datetime(2023, 4, 9, 11, 0, 0)


def test_undo_of_a_deleted_pair_brings_both_files_back(
    qtbot, blank_window, tmp_path: Path, messages_log
) -> None:
    window = blank_window
    card = tmp_path / "card"
    card.mkdir()
    jpeg = make_jpeg(card / "IMG_9.JPG", SHOT, seed=8)
    raw = make_dng(card / "IMG_9.RW2", SHOT, seed=8)
    before = (jpeg.read_bytes(), raw.read_bytes())
    window.index_folder(card)
    row = Image.get(Image.path == str(jpeg))
    assert row.companion_path == str(raw)

    photo_actions.delete_photos(window.ctx, [row.id])
    qtbot.waitUntil(lambda: not jpeg.exists() and not raw.exists(), timeout=5000)
    note = [m for m in messages_log.messages if m.level == messages.INFO][-1]
    assert note.action is not None and note.action[0] == "Undo"
    assert [e.original_path for e in trash.recently_removed()] == [str(raw), str(jpeg)]

    note.action[1]()  # Undo
    qtbot.waitUntil(lambda: jpeg.exists() and raw.exists(), timeout=5000)
    assert (jpeg.read_bytes(), raw.read_bytes()) == before
    qtbot.waitUntil(
        lambda: (
            [m.text for m in messages_log.messages if m.level == messages.INFO][-1]
            == "Restored IMG_9.JPG."
        ),
        timeout=5000,
    )
    warnings = [m.text for m in messages_log.messages if m.level == messages.WARNING]
    assert not [w for w in warnings if "model file" not in w]  # no models in this test: said once
