"""Live folders (changes outside the app are picked up) and the single running instance."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.ui.conftest import make_window


@pytest.fixture
def live_library(tmp_path: Path, shared_photos_dir: Path, shared_models_dir: Path, monkeypatch):
    from pictopy_desktop import paths
    from pictopy_desktop.library.service import Library
    from pictopy_desktop.people import people_service
    from pictopy_desktop.storage.tables import Face, Image

    folder = tmp_path / "photos"
    folder.mkdir()
    shutil.copy(shared_photos_dir / "openface/adams.jpg", folder)
    shutil.copy(shared_photos_dir / "darknet/dog.jpg", folder)
    data = tmp_path / "data"
    monkeypatch.setenv("PICTOPY_DATA_DIR", str(data))
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(shared_models_dir))
    paths.set_data_dir_override(None)
    lib = Library(data)
    lib.index([folder])
    adams = Image.get(Image.path == str(folder / "adams.jpg"))
    people_service.name_face(Face.get(Face.image == adams.id).id, "Amy")
    yield lib, folder, adams.id
    lib.close()


@pytest.mark.slow
def test_photos_added_moved_and_deleted_outside_the_app(
    qtbot, live_library, shared_photos_dir: Path, inline_pools, messages_log
) -> None:
    from pictopy_desktop.storage.tables import Face, Image, Presence
    from pictopy_desktop.ui.app import watch_library_folders

    lib, folder, adams_id = live_library
    window = make_window(qtbot, lib)
    watcher = watch_library_folders(window, lib)
    watcher._timer.setInterval(200)
    qtbot.waitUntil(lambda: str(folder) in watcher.watched(), timeout=5000)

    shutil.copy(shared_photos_dir / "darknet/eagle.jpg", folder)
    qtbot.waitUntil(lambda: Image.select().count() == 3, timeout=20000)

    (folder / "2024").mkdir()
    qtbot.waitUntil(lambda: str(folder / "2024") in watcher.watched(), timeout=5000)
    os.rename(folder / "adams.jpg", folder / "2024" / "amy.jpg")
    qtbot.waitUntil(
        lambda: Image.get_by_id(adams_id).path == str(folder / "2024" / "amy.jpg"), timeout=20000
    )
    assert Face.get(Face.image == adams_id).person.name == "Amy"  # the name moved with the photo

    (folder / "dog.jpg").unlink()
    # Gone from the gallery; kept as missing (with anything the user gave it) until forgotten.
    qtbot.waitUntil(
        lambda: Image.get(Image.path == str(folder / "dog.jpg")).presence == Presence.MISSING,
        timeout=20000,
    )
    window.close()


_CLIENT = """
import sys
from pictopy_desktop.ui.qt import QApplication
from pathlib import Path
from pictopy_desktop.ui.single_instance import forward_to_running_instance
app = QApplication([])
sys.exit(0 if forward_to_running_instance(Path(sys.argv[1]), sys.argv[2:], timeout_ms=3000) else 3)
"""


@pytest.mark.slow
def test_second_launch_hands_folders_to_the_running_instance(qtbot, tmp_path: Path) -> None:
    from pictopy_desktop.ui.app import create_app
    from pictopy_desktop.ui.single_instance import InstanceServer

    create_app()
    data = tmp_path / "data"
    data.mkdir()
    server = InstanceServer(data)
    assert server.is_listening()
    folder = tmp_path / "holiday"
    folder.mkdir()
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), QT_QPA_PLATFORM="offscreen")
    with qtbot.waitSignal(server.activated, timeout=15000) as blocker:
        client = subprocess.Popen([sys.executable, "-c", _CLIENT, str(data), str(folder)], env=env)
    assert blocker.args[0] == [str(folder.resolve())]
    assert client.wait(timeout=15) == 0

    # The real entry point takes the same path: it forwards and exits at once.
    with qtbot.waitSignal(server.activated, timeout=20000):
        launch = subprocess.Popen(
            [sys.executable, "-m", "pictopy_desktop", str(folder)],
            env=dict(env, PICTOPY_DATA_DIR=str(data)),
            stdout=subprocess.PIPE,
            text=True,
        )
    out, _ = launch.communicate(timeout=30)
    assert launch.returncode == 0 and "already running" in out
