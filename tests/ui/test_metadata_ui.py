"""What other programs wrote (title, stars, label, keywords, time zone, names) in the viewer's info panel."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.ui.conftest import screenshot, settle
from tests.ui.test_gallery_features_ui import _open_in_viewer, _wait_gallery, blank_window  # noqa: F401

SAMPLES = Path(__file__).resolve().parent.parent / "sample_library"


def test_info_panel_shows_metadata_from_sidecars(qtbot, blank_window, tmp_path):  # noqa: F811
    window = blank_window
    folder = tmp_path / "samples"
    shutil.copytree(SAMPLES, folder, ignore=shutil.ignore_patterns("*.py", "*.json"))
    window.index_folder(folder)
    photos = window.photos_page
    _wait_gallery(qtbot, photos, 5)
    viewer = _open_in_viewer(qtbot, window, photos, "lightroom_beach.jpg")
    fields = viewer.info.fields
    assert fields["Title"].text() == "Evening swim"
    assert fields["Description"].text() == "Anna at the beach before sunset"
    assert fields["Rating"].text() == "★★★★★"
    assert fields["Label"].text() == "Green"
    assert fields["Keywords"].text() == "Places › France › Marseille, beach"
    assert fields["Date"].text().endswith("(UTC-04:00)")
    assert fields["People"].text() == "Anna Weber"
    assert all(not fields[k].isHidden() for k in ("Title", "Rating", "Label", "Keywords"))
    settle(qtbot, 200)
    screenshot(window, "viewer_metadata")
    viewer = _open_in_viewer(qtbot, window, photos, "rejected.jpg")
    assert all(fields[k].isHidden() for k in ("Title", "Rating", "Label", "Keywords"))
