"""UI test fixtures: a library indexed once per session from ../shared/photos, copied per test,
inline thread pools (deterministic background work), a window, and screenshots."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

SCREENSHOTS = REPO_ROOT / "test-output" / "screenshots"
PEOPLE_SETUP = {  # openface photos -> who is in them (unnamed people get None)
    "lennon-1.jpg": "John Lennon",
    "lennon-2.jpg": "John Lennon",
    "carell.jpg": "Steve Carell",
    "clapton-1.jpg": None,
    "clapton-2.jpg": None,
    "adams.jpg": None,
}


def _set_up_people() -> None:
    """Known people for the tests, whatever the clustering did: two named, two unnamed."""
    from pictopy_desktop.people import people_service as ps
    from pictopy_desktop.storage.tables import Face, FaceExclusion, Image, Person

    Face.update(person=None, confirmed=False).execute()
    FaceExclusion.delete().execute()
    Person.delete().execute()
    faces: dict[str, list[int]] = {}
    for face in Face.select(Face, Image).join(Image).order_by(Face.id):
        faces.setdefault(os.path.basename(face.image.path), []).append(face.id)
    unnamed: dict[str, int] = {}
    for name, who in PEOPLE_SETUP.items():
        if name not in faces:
            continue
        face_id = faces[name][0]
        if who:
            ps.name_face(face_id, who)
        else:
            key = name.split("-")[0]
            if key in unnamed:
                ps.move_face(face_id, unnamed[key])
            else:
                unnamed[key] = ps.move_face(face_id, None).value


@pytest.fixture(scope="session")
def indexed_template(tmp_path_factory, shared_photos_dir: Path, shared_models_dir: Path) -> dict:
    """darknet + openface indexed with the real models, once per session (read-only template)."""
    from pictopy_desktop.library.service import Library

    root = tmp_path_factory.mktemp("ui_template")
    photos = root / "photos"
    for sub in ("darknet", "openface"):
        shutil.copytree(shared_photos_dir / sub, photos / sub)
    data = root / "data"
    old = {k: os.environ.get(k) for k in ("PICTOPY_MODELS_DIR", "PICTOPY_DATA_DIR")}
    os.environ["PICTOPY_MODELS_DIR"] = str(shared_models_dir)
    os.environ["PICTOPY_DATA_DIR"] = str(data)
    try:
        lib = Library(data)
        report = lib.index([photos])
        assert report.indexed >= 14, report.to_dict()
        _set_up_people()
        lib.close()
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return {"data": data, "photos": photos, "models": shared_models_dir}


@pytest.fixture
def inline_pools():
    from pictopy_desktop.workers.tasks import Pools, set_pools

    set_pools(Pools.inline())
    yield
    set_pools(None)


class MessagesLog:
    def __init__(self, bridge, start: int) -> None:
        self.bridge = bridge
        self.start = start
        self.expect_errors = False

    @property
    def messages(self) -> list:
        return self.bridge.history[self.start :]


@pytest.fixture
def messages_log():
    """Messages shown during the test; the test fails on an unexpected error notification."""
    from pictopy_desktop.ui import messages

    bridge = messages.bridge()
    log = MessagesLog(bridge, len(bridge.history))
    yield log
    errors = [m for m in log.messages if m.level == messages.ERROR]
    if not log.expect_errors:
        assert not errors, (
            f"unexpected error notifications: {[(m.text, m.details[-800:]) for m in errors]}"
        )


@pytest.fixture
def library(indexed_template, tmp_path, monkeypatch):
    """A private copy of the indexed library for one test."""
    from pictopy_desktop import paths
    from pictopy_desktop.library.service import Library

    data = tmp_path / "data"
    shutil.copytree(indexed_template["data"], data)
    monkeypatch.setenv("PICTOPY_DATA_DIR", str(data))
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(indexed_template["models"]))
    paths.set_data_dir_override(None)
    lib = Library(data)
    yield lib
    lib.close()


def make_window(qtbot, lib):
    from pictopy_desktop.ui.app import create_app, open_window

    create_app()
    window = open_window(lib)
    qtbot.addWidget(window)
    window.resize(1280, 820)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window._library_empty is not None, timeout=5000)
    return window


@pytest.fixture
def window(qtbot, library, inline_pools, messages_log):
    w = make_window(qtbot, library)
    yield w
    w.close()


def settle(qtbot, ms: int = 50) -> None:
    """Let queued calls (page fetches, thumbnail loads) run."""
    for _ in range(6):
        qtbot.wait(ms // 6 + 1)


def screenshot(widget, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    assert widget.grab().save(str(path)), path
    return path


@pytest.fixture
def blank_window(qtbot, tmp_path, no_models, inline_pools, messages_log, trash_dir):
    """A window on an empty library without models; ``index(folder)`` adds photos through the GUI."""
    from pictopy_desktop.library.service import Library

    lib = Library(tmp_path / "data")
    window = make_window(qtbot, lib)

    def index(folder: Path) -> None:
        window.index_paths([folder])
        assert window.indexing.wait() and window.indexing.last_report.indexed > 0
        for (
            toast
        ) in window.notifications.toasts():  # "Done", "no models": not what the screenshots show
            toast.dismiss()

    window.index_folder = index
    yield window
    window.close()
    lib.close()
