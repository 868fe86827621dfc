"""A full disk or a read-only data dir: a clear error and no half-written database.

These mount small tmpfs file systems, so they need root (they skip otherwise).
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from pictopy_desktop.errors import DatabaseError
from pictopy_desktop.library import analysis_queue
from pictopy_desktop.library.fatal_write import DISK_FULL
from pictopy_desktop.library.service import Library
from pictopy_desktop.storage.database import integrity_ok
from pictopy_desktop.storage.tables import Face, Image, ImageState


@pytest.fixture
def small_mount(tmp_path: Path):
    mounts: list[Path] = []

    def mount(size: str) -> Path:
        point = tmp_path / f"mnt-{uuid.uuid4().hex[:6]}"
        point.mkdir()
        r = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)], capture_output=True
        )
        if r.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here (needs root): {r.stderr.decode().strip()}")
        mounts.append(point)
        return point

    yield mount
    for m in mounts:
        subprocess.run(["umount", "-l", str(m)], capture_output=True)


@pytest.mark.slow
def test_full_disk_stops_with_a_clear_error(
    small_mount, photo_copy, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(tmp_path / "none"))
    folder = photo_copy("face_recognition")
    data = small_mount("600k")
    with pytest.raises(DatabaseError, match="disk holding the library is full"):
        with Library(data) as lib:
            lib.index([folder])
    # Free space, then the library opens intact and indexing completes.
    shutil.rmtree(data / "thumbnails", ignore_errors=True)
    with Library(data) as lib:
        assert integrity_ok(lib.db)
        for img in Image.select():
            assert img.state in (ImageState.WAITING, ImageState.FAILED)
            assert img.content_hash and (img.state == ImageState.FAILED or img.thumbnail)


def test_read_only_data_dir_is_refused_with_a_message(
    small_mount, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(tmp_path / "none"))
    data = small_mount("2m")
    Library(data).close()
    subprocess.run(["mount", "-o", "remount,ro", str(data)], check=True)
    with pytest.raises(DatabaseError, match="read-only"):
        Library(data)


def _fill(disk: Path) -> Path:
    """Write a ballast file until the disk is full; returns it (delete it to free the space)."""
    ballast = disk / "ballast"
    fd = os.open(ballast, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    try:
        for block in (1 << 16, 512, 1):  # unbuffered, down to the last byte
            try:
                while True:
                    os.write(fd, b"\0" * block)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    return ballast


@pytest.mark.slow
def test_full_disk_during_analysis_stops_it_with_the_same_message_and_it_resumes(
    small_mount, photo_copy, shared_models_dir: Path, monkeypatch
) -> None:
    """Phase two on a disk that fills up: the phase-one sentence, what was found is kept,
    nothing is marked failed, and the next run analyses the rest."""
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(shared_models_dir))
    monkeypatch.setattr(analysis_queue, "BATCH_PHOTOS", 1)  # one commit per photo
    examples = "face_recognition/examples/"
    folder = photo_copy(*(examples + n for n in ("obama_small.jpg", "two_people.jpg", "biden.jpg")))
    data = small_mount("8m")
    ballast: list[Path] = []

    def fill_after_first(done: int, total: int, current: str) -> None:
        if done >= 1 and not ballast:
            ballast.append(_fill(data))

    with Library(data) as lib:
        report = lib.index([folder], analysis=False)
        assert report.indexed == 3 and lib.waiting_for_analysis() == 3
        with pytest.raises(DatabaseError) as raised:
            lib.analyze_waiting(progress=fill_after_first)
        assert str(raised.value) == DISK_FULL.format(where=lib.db.database)
        done = Image.select().where(Image.state == ImageState.DONE).count()
        assert done >= 1 and lib.waiting_for_analysis() == 3 - done
        assert not Image.select().where(Image.error.is_null(False)).exists()
    ballast[0].unlink()
    with Library(data) as lib:
        assert integrity_ok(lib.db)
        report = lib.analyze_waiting()
        assert report.analyzed == 3 - done and report.failed == []
        assert {img.state for img in Image.select()} == {ImageState.DONE}
        assert Face.select().count() >= 4  # obama_small one face, two_people two, biden one


def test_full_disk_while_reclustering_stops_the_run_with_the_same_message(
    tmp_path: Path, monkeypatch
) -> None:
    """The end-of-analysis re-cluster on a full disk: the indexing sentence, not a logged trace."""
    from peewee import OperationalError

    from pictopy_desktop.people import recluster

    def full(library: Library) -> None:
        raise OperationalError("database or disk is full")

    monkeypatch.setattr(recluster, "maybe_recluster", full)
    with Library(tmp_path / "data") as lib:
        with pytest.raises(DatabaseError) as raised:
            lib.analyze_waiting()
        assert str(raised.value) == DISK_FULL.format(where=lib.db.database)


@pytest.mark.allow_log(r"Re-clustering after indexing failed", level=logging.ERROR)
def test_other_recluster_trouble_is_logged_and_the_run_goes_on(
    tmp_path: Path, monkeypatch, caplog
) -> None:
    """Trouble that is not the disk's (a busy database, say) costs the re-cluster, not the run."""
    from peewee import OperationalError

    from pictopy_desktop.people import recluster

    def busy(library: Library) -> None:
        raise OperationalError("database is locked")

    monkeypatch.setattr(recluster, "maybe_recluster", busy)
    with Library(tmp_path / "data") as lib, caplog.at_level("ERROR"):
        report = lib.analyze_waiting()
    assert report.failed == []
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == [
        "Re-clustering after indexing failed"
    ]


@pytest.mark.slow
def test_full_disk_while_reclustering_during_an_import_stops_it_and_it_resumes(
    small_mount, photo_copy, shared_models_dir: Path, monkeypatch, caplog
) -> None:
    """The re-cluster that runs between photos of a long import, on a disk that fills up as it
    starts: the phase-one sentence instead of a logged trace, and the next run re-clusters."""
    from pictopy_desktop.people import people_store
    from pictopy_desktop.people import recluster as rc
    from pictopy_desktop.storage import meta_store

    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(shared_models_dir))
    monkeypatch.setattr(analysis_queue, "BATCH_PHOTOS", 1)  # people upkeep after each photo
    examples = "face_recognition/examples/"
    folder = photo_copy(*(examples + n for n in ("obama_small.jpg", "two_people.jpg", "biden.jpg")))
    data = small_mount("8m")
    ballast: list[Path] = []
    real_recluster = rc.recluster

    def fill_then_recluster(library: Library) -> rc.ReclusterReport:
        # The disk fills up right as the re-cluster starts: its write is the first to fail.
        if not ballast:
            ballast.append(_fill(data))
        return real_recluster(library)

    monkeypatch.setattr(rc, "recluster", fill_then_recluster)
    with Library(data) as lib:
        lib.settings.recluster_every_photos = 1  # re-cluster during the import, after a photo
        assert lib.index([folder], analysis=False).indexed == 3
        with pytest.raises(DatabaseError) as raised:
            lib.analyze_waiting()
        assert str(raised.value) == DISK_FULL.format(where=lib.db.database)
        assert ballast, "the re-cluster during the import did not run"
        # Stopped by the re-cluster's own write, not logged and left to the next photo's.
        assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
        done = Image.select().where(Image.state == ImageState.DONE).count()
        assert 1 <= done < 3
        assert meta_store.meta_int(people_store.META_PHOTOS_SINCE_RECLUSTER) == done
        assert meta_store.meta_get(people_store.META_LAST_RECLUSTER_AT) is None
    ballast[0].unlink()
    with Library(data) as lib:
        assert integrity_ok(lib.db)
        report = lib.analyze_waiting()
        assert report.analyzed == 3 - done and report.failed == []
        assert {img.state for img in Image.select()} == {ImageState.DONE}
        assert meta_store.meta_int(people_store.META_PHOTOS_SINCE_RECLUSTER) == 0
        assert meta_store.meta_get(people_store.META_LAST_RECLUSTER_AT) is not None
