"""The app with a photo whose name is not valid UTF-8: shown readably, opened, dragged out whole."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PIL import Image as PILImage

from pictopy_desktop.ui.qt import QPixmap, Qt
from tests.ui.conftest import make_window, screenshot, settle

LATIN1_NAME = b"caf\xe9.jpg"


@pytest.fixture
def with_models(shared_models_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The real models, so the app has no "models missing" warning to show."""
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(shared_models_dir))
    return shared_models_dir


@pytest.mark.slow
def test_latin1_name_in_gallery_and_viewer(
    qtbot,
    data_dir: Path,
    with_models: Path,
    tmp_path: Path,
    shared_photos_dir: Path,
    inline_pools,
    messages_log,
) -> None:
    from pictopy_desktop.library.service import Library
    from pictopy_desktop.storage.tables import Image

    folder = tmp_path / "photos"
    folder.mkdir()
    latin1 = os.fsdecode(os.path.join(os.fsencode(folder), LATIN1_NAME))
    shutil.copy(shared_photos_dir / "darknet" / "dog.jpg", latin1)
    PILImage.new("RGB", (64, 48), (255, 0, 0)).save(
        folder / "caf.jpg"
    )  # what Qt would find by dropping the byte
    lib = Library(data_dir)
    try:
        assert lib.index([folder]).indexed == 2
        dog = Image.get(Image.path == latin1)
        window = make_window(qtbot, lib)
        model = window.page("photos").model

        def loaded_rows() -> dict[str, int]:
            return {
                model.gallery_row(r).path: r
                for r in range(model.rowCount())
                if model.gallery_row(r) is not None
            }

        qtbot.waitUntil(lambda: model.is_loaded and len(loaded_rows()) == 2, timeout=5000)
        rows = loaded_rows()
        row = rows[latin1]
        assert model.index(row).data(Qt.ItemDataRole.DisplayRole) == "caf\ufffd.jpg"
        qtbot.waitUntil(
            lambda: isinstance(model.index(row).data(Qt.ItemDataRole.DecorationRole), QPixmap),
            timeout=5000,
        )
        # Dragged out, the file keeps its bytes (not the decoy's name).
        url = model.mimeData([model.index(row)]).urls()[0]
        assert url.toEncoded().data().endswith(b"/caf%E9.jpg")

        window.page("photos").view.setCurrentIndex(model.index(row))
        qtbot.keyClick(window.page("photos").view, Qt.Key.Key_Return)
        viewer = window.page("viewer")
        qtbot.waitUntil(
            lambda: viewer.canvas.pixmap is not None and not viewer.canvas.pixmap.isNull(),
            timeout=5000,
        )
        assert viewer.title.text() == "caf\ufffd.jpg"
        assert (viewer.canvas.pixmap.width(), viewer.canvas.pixmap.height()) == (
            dog.width,
            dog.height,
        )
        settle(qtbot, 200)
        screenshot(viewer, "viewer-latin1-name")
        window.close()
    finally:
        lib.close()


@pytest.mark.slow
def test_app_says_what_it_did_not_read(
    qtbot,
    data_dir: Path,
    with_models: Path,
    tmp_path: Path,
    shared_photos_dir: Path,
    inline_pools,
    messages_log,
) -> None:
    from pictopy_desktop.library.service import Library

    folder = tmp_path / "photos"
    folder.mkdir()
    shutil.copy(shared_photos_dir / "darknet" / "dog.jpg", folder / "dog.jpg")
    os.mkfifo(folder / "pipe.jpg")
    (folder / "system").symlink_to("/", target_is_directory=True)
    lib = Library(data_dir)
    try:
        window = make_window(qtbot, lib)
        window.index_paths([str(folder)])

        def note():
            return next((m for m in messages_log.messages if "were not read" in m.text), None)

        qtbot.waitUntil(lambda: note() is not None, timeout=10_000)
        assert note().text.startswith("2 items were not read")
        assert note().details.splitlines() == [
            f"{folder / 'pipe.jpg'}: a named pipe, not a photo file",
            f"{folder / 'system'}: link leads outside the library folders",
        ]
        window.close()
    finally:
        lib.close()


def test_latin1_folder_in_settings_and_folders_view(
    qtbot, data_dir: Path, tmp_path: Path, shared_photos_dir: Path, inline_pools
) -> None:
    """A library folder whose name is not UTF-8 shows readably and is rescanned by its exact name."""
    from pictopy_desktop.library.service import Library
    from pictopy_desktop.ui.collection_pages import _folder_items
    from pictopy_desktop.ui.context import AppContext
    from pictopy_desktop.ui.settings_dialog import SettingsDialog

    folder = os.fsdecode(os.path.join(os.fsencode(tmp_path), b"f\xf6to"))
    os.mkdir(folder)
    shutil.copy(shared_photos_dir / "darknet" / "dog.jpg", os.path.join(folder, "dog.jpg"))
    lib = Library(data_dir)
    try:
        assert lib.index([Path(folder)]).indexed == 1
        [item] = _folder_items()
        assert item.title == "f\ufffdto" and item.payload.path == folder
        dialog = SettingsDialog(AppContext(lib))
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.folders.count() == 1, timeout=5000)
        assert dialog.folders.item(0).text().startswith(str(tmp_path / "f\ufffdto"))
        asked = []
        dialog.rescan.connect(asked.append)
        dialog._rescan()
        assert asked == [[folder]]
    finally:
        lib.close()
