"""The app indexes in two phases: browsable first, then "Finding people and things" with pause/resume."""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture
def fresh_library(tmp_path, monkeypatch, shared_models_dir):
    from pictopy_desktop import paths
    from pictopy_desktop.library.service import Library

    data = tmp_path / "fresh-data"
    monkeypatch.setenv("PICTOPY_DATA_DIR", str(data))
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(shared_models_dir))
    paths.set_data_dir_override(None)
    lib = Library(data)
    yield lib
    lib.close()


@pytest.mark.slow
def test_phase_two_follows_with_its_own_progress_pause_and_resume(
    qtbot, fresh_library, shared_photos_dir, tmp_path, messages_log
) -> None:
    from pictopy_desktop.storage.tables import Image, ImageState
    from pictopy_desktop.workers.indexing import ANALYSING, IndexingController
    from pictopy_desktop.workers.tasks import pools, set_pools

    set_pools(None)  # real threads: pause blocks a worker, not the test
    photos = tmp_path / "photos"
    shutil.copytree(shared_photos_dir / "openface", photos)
    controller = IndexingController(fresh_library)
    started: list[str] = []
    browsable: list[int] = []
    progress: list[tuple[str, int, int]] = []
    controller.started.connect(started.append)
    controller.browsable.connect(lambda r: browsable.append(r.indexed))
    controller.progress.connect(lambda p: progress.append((started[-1], p.done, p.total)))
    finished: list = []
    controller.finished.connect(finished.append)

    # Pause as soon as phase two starts: it waits before its first photo.
    controller.started.connect(lambda what: controller.set_paused(what == ANALYSING))
    controller.index([photos])
    qtbot.waitUntil(lambda: started[-1:] == [ANALYSING], timeout=60_000)
    assert browsable == [7] and not finished
    qtbot.wait(500)
    assert controller.paused and controller.running
    assert all(done == 0 for what, done, _ in progress if what == ANALYSING)
    with qtbot.waitSignal(controller.finished, timeout=120_000):
        controller.set_paused(False)
    assert len(finished) == 1  # one report for both phases
    report = finished[0]
    assert report.indexed == 7 and report.analyzed == 7 and not report.cancelled
    assert progress[-1] == (ANALYSING, 7, 7)
    assert Image.select().where(Image.state != ImageState.DONE).count() == 0
    pools().wait(10_000)
    set_pools(None)


@pytest.mark.slow
def test_folders_added_during_phase_two_become_browsable_first(
    qtbot, fresh_library, shared_photos_dir, tmp_path, messages_log
) -> None:
    from pictopy_desktop.workers.indexing import ANALYSING, IndexingController
    from pictopy_desktop.workers.tasks import pools, set_pools

    set_pools(None)
    first, second = tmp_path / "first", tmp_path / "second"
    shutil.copytree(shared_photos_dir / "openface", first)
    shutil.copytree(shared_photos_dir / "darknet", second)
    controller = IndexingController(fresh_library)
    started: list[str] = []
    controller.started.connect(started.append)
    controller.started.connect(lambda what: controller.set_paused(what == ANALYSING))
    finished: list = []
    controller.finished.connect(finished.append)
    controller.index([first])
    qtbot.waitUntil(lambda: started[-1:] == [ANALYSING], timeout=60_000)
    controller.index([second])  # queued while phase two is paused
    controller.set_paused(False)
    qtbot.waitUntil(lambda: len(started) >= 3, timeout=60_000)
    assert started[2].startswith("Adding second")  # phase two stepped aside
    qtbot.waitUntil(lambda: started[-1:] == [ANALYSING] and len(started) == 4, timeout=60_000)
    controller.set_paused(False)
    qtbot.waitUntil(lambda: bool(finished), timeout=180_000)
    assert len(finished) == 1
    report = finished[0]
    assert report.indexed == 14 and report.analyzed == 14 and not report.cancelled
    pools().wait(10_000)
    set_pools(None)
