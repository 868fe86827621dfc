"""Copying an album's or a person's photos out, and exporting/importing names, from the app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pictopy_desktop.ui.qt import QFileDialog


@pytest.mark.slow
def test_export_album_person_and_names(
    window, qtbot, tmp_path: Path, monkeypatch, messages_log
) -> None:
    from pictopy_desktop.library import albums
    from pictopy_desktop.storage.tables import Image, Person
    from pictopy_desktop.ui import export_actions

    lib = window.ctx.library
    album = albums.create_album("Best of").value
    ids = [img.id for img in Image.select().limit(3)]
    albums.add_to_album(album, ids)
    out = tmp_path / "out"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(out)))
    export_actions.export_album_photos(window.ctx, window, album, "Best of")
    qtbot.waitUntil(lambda: len(list(out.glob("*"))) == 3, timeout=5000)

    lennon = Person.get(Person.name == "John Lennon")
    person_out = tmp_path / "lennon"
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(person_out))
    )
    export_actions.export_person_photos(window.ctx, window, lennon.id, "John Lennon")
    qtbot.waitUntil(
        lambda: sorted(p.name for p in person_out.glob("*")) == ["lennon-1.jpg", "lennon-2.jpg"],
        timeout=5000,
    )

    names = tmp_path / "names.json"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(names), ""))
    )
    export_actions.export_library_dialog(window.ctx, window)
    qtbot.waitUntil(names.exists, timeout=5000)
    data = json.loads(names.read_text())
    assert {"John Lennon", "Steve Carell"} <= {p["name"] for p in data["people"]}
    assert data["albums"][0]["name"] == "Best of"
    assert lib is window.ctx.library
