"""A full disk or a read-only data dir: a clear error and no half-written database.

These mount small tmpfs file systems, so they need root (they skip otherwise).
"""

from __future__ import annotations

import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from pictopy_desktop.errors import DatabaseError
from pictopy_desktop.library.service import Library
from pictopy_desktop.storage.database import integrity_ok
from pictopy_desktop.storage.tables import Image, ImageState


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
