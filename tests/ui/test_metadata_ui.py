"""What other programs wrote (title, stars, label, keywords, time zone, names) in the viewer's info panel."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocumentFragment

from tests.metadata.sidecars import copy_samples
from tests.ui.conftest import screenshot, settle
from tests.ui.test_gallery_features_ui import _open_in_viewer, _wait_gallery


def test_info_panel_shows_metadata_from_sidecars(qtbot, blank_window, tmp_path):
    window = blank_window
    folder = copy_samples(tmp_path / "samples")
    window.index_folder(folder)
    photos = window.page("photos")
    _wait_gallery(qtbot, photos, 5)
    viewer = _open_in_viewer(qtbot, window, photos, "lightroom_beach.jpg")
    fields = viewer.info.fields
    assert fields["Title"].text() == "Evening swim"
    assert fields["Description"].text() == "Anna at the beach before sunset"
    assert fields["Rating"].text() == "★★★★★"
    assert fields["Label"].text() == "Green"
    keywords = QTextDocumentFragment.fromHtml(fields["Keywords"].text()).toPlainText()
    assert keywords == "Places › France › Marseille, beach"  # each a link to its photos
    assert fields["Time zone"].text() == "UTC−04:00"
    assert fields["People"].text() == "Anna Weber"
    assert all(not fields[k].isHidden() for k in ("Title", "Rating", "Label", "Keywords"))
    settle(qtbot, 200)
    screenshot(window, "viewer_metadata")
    viewer = _open_in_viewer(qtbot, window, photos, "rejected.jpg")
    assert all(fields[k].isHidden() for k in ("Title", "Rating", "Label", "Keywords"))


@pytest.mark.slow
def test_write_back_setting_writes_sidecars_after_changes(qtbot, blank_window, tmp_path):
    from pictopy_desktop.library.changes import OpChanges
    from pictopy_desktop.people import people_service as ps
    from pictopy_desktop.settings import load_settings
    from pictopy_desktop.storage.tables import Face, Image
    from pictopy_desktop.ui.settings_dialog import SettingsDialog

    window = blank_window
    folder = copy_samples(tmp_path / "samples")
    photo = folder / "picasa_family.jpg"
    photo_bytes = photo.read_bytes()
    window.index_folder(folder)
    sidecar = folder / "picasa_family.jpg.xmp"
    assert not sidecar.exists()  # off by default: nothing is written
    dialog = SettingsDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    assert not dialog.write_sidecars.isChecked() and dialog.five_stars.isChecked()
    tab_names = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    dialog.tabs.setCurrentIndex(tab_names.index("Metadata"))
    dialog.show()
    settle(qtbot, 100)
    dialog.write_sidecars.setChecked(True)
    screenshot(dialog, "settings_metadata")
    dialog.save()
    assert load_settings(window.ctx.library.data_dir / "settings.json").write_xmp_sidecars
    qtbot.waitUntil(sidecar.exists, timeout=5000)  # what the library knew went out at once
    assert "Grandma Rose" in sidecar.read_text(encoding="utf-8")
    # A rename reaches the sidecar shortly after.
    image = Image.get(Image.path == str(photo))
    face = Face.select().where(Face.image == image.id).order_by(Face.id).first()
    ps.rename_person(face.person_id, "Rose Müller")
    window.ctx.broadcast(OpChanges(people=True))
    qtbot.waitUntil(lambda: "Rose Müller" in sidecar.read_text(encoding="utf-8"), timeout=10000)
    assert photo.read_bytes() == photo_bytes
