"""Honest state: the Photos header and the status bar count the same photos, and a file that
could not be read is announced once, not again at every start (the status bar keeps counting it)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pictopy_desktop.ui import messages
from tests.ui.conftest import make_window


@pytest.fixture
def library_with_a_broken_file(tmp_path, monkeypatch, no_models, shared_photos_dir: Path):
    """darknet's 7 photos and one file that is not a readable photo, in a library without models."""
    from pictopy_desktop import paths
    from pictopy_desktop.library.service import Library

    data = tmp_path / "data"
    monkeypatch.setenv("PICTOPY_DATA_DIR", str(data))
    paths.set_data_dir_override(None)
    photos = tmp_path / "photos"
    shutil.copytree(shared_photos_dir / "darknet", photos)
    (photos / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a photo")
    lib = Library(data)
    yield lib, photos
    lib.close()


def _failure_warnings(log) -> list:
    return [
        m for m in log.messages if m.level == messages.WARNING and "could not be read" in m.text
    ]


def test_header_and_status_bar_count_the_same_photos(
    qtbot, library_with_a_broken_file, inline_pools, messages_log
):
    lib, photos = library_with_a_broken_file
    report = lib.index([photos])
    assert report.indexed == 7 and len(report.failed) == 1
    window = make_window(qtbot, lib)
    model = window.page("photos").model
    qtbot.waitUntil(lambda: model.is_loaded and window.status_summary.text() != "", timeout=5000)
    assert model.photo_count() == 7
    assert window.page("photos").subtitle.text() == "7 photos"
    # The unreadable file is counted apart, never as a photo.
    assert window.status_summary.text().split(" · ")[0] == "7 photos"
    assert "1 file unreadable" in window.status_summary.text()
    window.close()


@pytest.mark.allow_log(r"^Done: .*\. 1 file could not be read\.")
def test_a_known_failure_is_announced_once(
    qtbot, library_with_a_broken_file, inline_pools, messages_log
):
    lib, photos = library_with_a_broken_file
    window = make_window(qtbot, lib)
    with qtbot.waitSignal(window.indexing.finished, timeout=20_000):
        window.index_paths([photos])
    first = _failure_warnings(messages_log)
    assert [m.text for m in first] == ["Done: 7 new or changed. 1 file could not be read."]

    # The start-up re-check (quiet) and a re-check the user asks for find the same file unreadable:
    # no new notification, and the status bar still says so.
    for quiet in (True, False):
        with qtbot.waitSignal(window.indexing.finished, timeout=20_000) as finished:
            window.index_paths([photos], quiet=quiet)
        assert finished.args[0].failed and not finished.args[0].new_failures
    assert len(_failure_warnings(messages_log)) == 1
    qtbot.waitUntil(lambda: "1 file unreadable" in window.status_summary.text(), timeout=5000)

    # A second file that fails is news again, and only it is named.
    (photos / "also-broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 nor this")
    with qtbot.waitSignal(window.indexing.finished, timeout=20_000):
        window.index_paths([photos], quiet=True)
    warnings = _failure_warnings(messages_log)
    assert [m.text for m in warnings[1:]] == ["Done: no changes. 1 file could not be read."]
    assert "also-broken.jpg" in warnings[-1].details and "/broken.jpg" not in warnings[-1].details
    window.close()
