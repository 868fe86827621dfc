"""Empty Places and Memories say why, true to the library: no photos, photos without GPS,
dated photos that make no memory yet (the openface photos: two carry a date, none a GPS position)."""

from __future__ import annotations

import shutil
from pathlib import Path

from pictopy_desktop.library.memories import MIN_EVENT_PHOTOS
from pictopy_desktop.ui import routes
from tests.ui.conftest import screenshot, settle


def _show(qtbot, window, view: str, page) -> None:
    window.navigate({"memories": routes.MemoriesRoute(), "places": routes.PlacesRoute()}[view])
    qtbot.waitUntil(lambda: page.empty.isVisible(), timeout=5000)


def test_empty_places_and_memories_in_an_empty_library(qtbot, blank_window) -> None:
    window = blank_window
    _show(qtbot, window, "memories", window.page("memories"))
    assert (
        window.page("memories").empty.text().startswith("No memories yet.\nAdd a folder of photos")
    )
    _show(qtbot, window, "places", window.page("places"))
    assert window.page("places").empty.text().startswith("No places yet.\nAdd a folder of photos")


def test_empty_states_say_what_the_photos_lack(
    qtbot,
    blank_window,
    tmp_path: Path,
    shared_photos_dir: Path,
) -> None:
    window = blank_window
    photos = tmp_path / "openface"
    shutil.copytree(shared_photos_dir / "openface", photos)
    window.index_folder(photos)
    n = window.indexing.last_report.indexed

    memories = window.page("memories")
    _show(qtbot, window, "memories", memories)
    # Two photos have a capture date: the page must not say they have none.
    assert memories.empty.text() == (
        "No memories yet.\n2 of your photos have a capture date, but none was taken on this day "
        f"in an earlier year, and no day or trip holds {MIN_EVENT_PHOTOS} of them yet. "
        "Memories appear here as more dated photos arrive."
    )
    settle(qtbot, 200)
    screenshot(window, "memories_empty")

    places = window.page("places")
    _show(qtbot, window, "places", places)
    assert places.empty.text().startswith(
        f"No places yet.\nNone of your {n} photos carries a GPS position."
    )
    settle(qtbot, 200)
    screenshot(window, "places_empty")
