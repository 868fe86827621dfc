"""The Duplicates page (each copy's folder, resolution and size; "keep this one" through the same checks)
and the "Recently removed by PictoPy" view with its Restore button, in the desktop GUI."""

from __future__ import annotations

import shutil

import pytest

from pictopy_desktop.storage.tables import AlbumImage, Image, Presence, TrashRecord
from pictopy_desktop.ui import messages, routes
from pictopy_desktop.ui.qt import Qt
from tests.ui.conftest import make_window, screenshot, settle

OBAMA_SIZES = [f"obama-{s}.jpg" for s in ("240p", "480p", "720p", "1080p")]


@pytest.fixture
def dup_window(
    qtbot, tmp_path, no_models, inline_pools, messages_log, trash_dir, shared_photos_dir
):
    """A window on a library with the obama sizes in ``a/`` and dog.jpg in both ``a/`` and ``b/``."""
    from pictopy_desktop.library.service import Library

    photos = tmp_path / "photos"
    for sub in ("a", "b"):
        (photos / sub).mkdir(parents=True)
        shutil.copy2(shared_photos_dir / "darknet" / "dog.jpg", photos / sub / "dog.jpg")
    for name in OBAMA_SIZES:
        shutil.copy2(
            shared_photos_dir / "face_recognition" / "examples" / name, photos / "a" / name
        )
    lib = Library(tmp_path / "data")
    window = make_window(qtbot, lib)
    window.index_paths([photos])
    assert window.indexing.wait() and window.indexing.last_report.indexed == 6
    for toast in window.notifications.toasts():
        toast.dismiss()
    window.photos = photos
    yield window
    window.close()
    lib.close()


def _duplicates_page(qtbot, window):
    window.navigate(routes.DuplicatesRoute())
    page = window.page("duplicates")
    qtbot.waitUntil(lambda: page.is_loaded, timeout=5000)
    return page


def _confirm_yes(monkeypatch) -> list[str]:
    from pictopy_desktop.ui import duplicates as dup_ui

    asked: list[str] = []
    monkeypatch.setattr(dup_ui, "confirm", lambda parent, title, text: asked.append(text) or True)
    return asked


@pytest.mark.slow
def test_each_copy_shows_folder_resolution_size_and_keeping_one_can_be_undone(
    qtbot, dup_window, monkeypatch, messages_log
) -> None:
    window, photos = dup_window, dup_window.photos
    page = _duplicates_page(qtbot, window)
    exact, near = page.group_widgets
    assert exact.group.exact and not near.group.exact
    assert [c.photo.name for c in exact.cards] == ["dog.jpg", "dog.jpg"]
    assert sorted(c.folder.toolTip() for c in exact.cards) == [str(photos / "a"), str(photos / "b")]
    assert all(c.details == "768 × 576 · 164 KB" for c in exact.cards)
    assert next(c for c in near.cards if c.photo.name == "obama-240p.jpg").details.startswith(
        "427 × 240 · "
    )
    qtbot.waitUntil(
        lambda: all(
            c.thumb.pixmap() is not None and not c.thumb.pixmap().isNull()
            for g in page.group_widgets
            for c in g.cards
        ),
        timeout=5000,
    )
    settle(qtbot, 200)
    screenshot(window, "duplicates_folders")

    with (
        window.ctx.library.db.atomic()
    ):  # the copy to be trashed is in an album: that must not be lost
        from pictopy_desktop.library import albums

        pets = albums.create_album(
            "Pets", [Image.get(Image.path == str(photos / "b" / "dog.jpg")).id]
        ).value
    asked = _confirm_yes(monkeypatch)
    keep = next(c for c in exact.cards if c.folder.toolTip() == str(photos / "a"))
    qtbot.mouseClick(keep.keep, Qt.MouseButton.LeftButton)
    assert (
        asked and f"in {photos / 'b'}" in asked[0]
    )  # the confirmation names every file with its folder
    assert (photos / "a" / "dog.jpg").is_file() and not (photos / "b" / "dog.jpg").exists()
    kept = Image.get(Image.path == str(photos / "a" / "dog.jpg"))
    assert [a.album_id for a in AlbumImage.select().where(AlbumImage.image == kept.id)] == [pets]
    near = next(g for g in page.group_widgets if not g.group.exact)  # the list was refreshed
    qtbot.mouseClick(near.cards[0].keep, Qt.MouseButton.LeftButton)
    assert [p.name for p in (photos / "a").glob("obama-*")] == ["obama-1080p.jpg"]
    assert TrashRecord.select().count() == 4

    qtbot.mouseClick(page.removed_button, Qt.MouseButton.LeftButton)
    removed = window.page("removed")
    assert window.stack.currentWidget() is removed
    qtbot.waitUntil(lambda: removed.is_loaded and len(removed.entries) == 4, timeout=5000)
    assert removed.entries[-1].original_path == str(photos / "b" / "dog.jpg")  # most recent first
    assert removed.list.topLevelItem(3).text(1) == str(photos / "b")
    assert (
        removed.list.topLevelItem(3)
        .text(2)
        .startswith(f"Exact duplicate of {photos / 'a' / 'dog.jpg'}")
    )
    for toast in window.notifications.toasts():
        toast.dismiss()
    settle(qtbot, 200)
    screenshot(window, "recently_removed")

    dog = removed.entries[-1]
    qtbot.mouseClick(removed.buttons[dog.id], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dog.id not in removed.buttons, timeout=5000)
    assert (photos / "b" / "dog.jpg").read_bytes() == (photos / "a" / "dog.jpg").read_bytes()
    row = Image.get(Image.path == str(photos / "b" / "dog.jpg"))
    assert row.presence == Presence.PRESENT
    assert [a.album_id for a in AlbumImage.select().where(AlbumImage.image == row.id)] == [pets]
    assert any(m.text == f"Restored dog.jpg to {photos / 'b'}." for m in messages_log.messages)
    assert TrashRecord.get_by_id(dog.id).restored_at is not None


@pytest.mark.allow_log(r"^Moved 0 photos to the trash; 1 stayed where they are")
def test_keep_this_one_after_the_keeper_was_deleted_outside_moves_nothing(
    qtbot, dup_window, monkeypatch, messages_log
) -> None:
    window, photos = dup_window, dup_window.photos
    page = _duplicates_page(qtbot, window)
    exact = page.group_widgets[0]
    _confirm_yes(monkeypatch)
    keep = next(c for c in exact.cards if c.folder.toolTip() == str(photos / "a"))
    (photos / "a" / "dog.jpg").unlink()  # deleted in a file manager while the page was open
    qtbot.mouseClick(keep.keep, Qt.MouseButton.LeftButton)
    assert (photos / "b" / "dog.jpg").is_file() and TrashRecord.select().count() == 0
    (warning,) = [
        m for m in messages_log.messages if m.level == messages.WARNING and "stayed" in m.text
    ]
    assert "1 stayed where they are" in warning.text and "is gone" in warning.details


@pytest.mark.allow_log(r"^dog\.jpg was not restored\.")
@pytest.mark.slow
def test_restore_refused_when_a_file_took_the_place(
    qtbot, dup_window, monkeypatch, messages_log
) -> None:
    window, photos = dup_window, dup_window.photos
    page = _duplicates_page(qtbot, window)
    _confirm_yes(monkeypatch)
    keep = next(c for c in page.group_widgets[0].cards if c.folder.toolTip() == str(photos / "a"))
    qtbot.mouseClick(keep.keep, Qt.MouseButton.LeftButton)
    (photos / "b" / "dog.jpg").write_bytes(b"something new")
    window.navigate(routes.RemovedRoute())
    removed = window.page("removed")
    qtbot.waitUntil(lambda: removed.is_loaded and len(removed.entries) == 1, timeout=5000)
    qtbot.mouseClick(removed.buttons[removed.entries[0].id], Qt.MouseButton.LeftButton)
    (warning,) = [
        m for m in messages_log.messages if m.level == messages.WARNING and "restored" in m.text
    ]
    assert warning.text == "dog.jpg was not restored." and "will not overwrite" in warning.details
    assert (photos / "b" / "dog.jpg").read_bytes() == b"something new"
    assert removed.buttons[removed.entries[0].id].isEnabled()
