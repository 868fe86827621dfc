"""A folder that can't be read is not a folder that was emptied: its photos go offline, never away.

Root reads everything, so the indexing runs as an unprivileged user (``setpriv``) in a
subprocess; the library and the photos are made that user's.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from pictopy_desktop.library.service import Library
from pictopy_desktop.storage.tables import Image, Presence
from tests.safety.library_helpers import at, give, make_photo, user_data

REPO_ROOT = Path(__file__).resolve().parents[2]
NOBODY = 65534


@pytest.fixture
def place() -> Iterator[Path]:
    """A folder an unprivileged user can reach (pytest's temp dirs are root's alone)."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip(
            "needs root and setpriv to index as an unprivileged user (root reads every folder)"
        )
    base = Path(tempfile.mkdtemp(prefix="pictopy-unreadable-"))
    base.chmod(0o755)
    try:
        yield base
    finally:
        for d in base.rglob("*"):
            if d.is_dir():
                d.chmod(0o755)
        shutil.rmtree(base)


def _give_to_nobody(*paths: Path) -> None:
    for top in paths:
        for p in [top, *top.rglob("*")]:
            os.chown(p, NOBODY, NOBODY, follow_symlinks=False)


def _index_as_nobody(data: Path, folder: Path, models: Path) -> dict:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(REPO_ROOT),
        "PICTOPY_MODELS_DIR": str(models),
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(data),
    }
    result = subprocess.run(
        [
            "setpriv",
            f"--reuid={NOBODY}",
            f"--regid={NOBODY}",
            "--clear-groups",
            sys.executable,
            "-m",
            "pictopy_desktop",
            "--data-dir",
            str(data),
            "index",
            str(folder),
            "--json",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=str(data),
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.slow
def test_unreadable_subfolder_goes_offline_and_comes_back(
    place: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, folder, models = place / "data", place / "photos", place / "no-models"
    for d in (data, models):
        d.mkdir()
    keep = make_photo(folder / "keep.jpg", seed=1)
    locked = [
        make_photo(folder / "private" / "x.jpg", seed=2),
        make_photo(folder / "private" / "deep" / "y.jpg", seed=3),
    ]
    _give_to_nobody(data, folder)
    assert _index_as_nobody(data, folder, models)["indexed"] == 3

    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(models))
    with Library(data):
        given = give(at(locked[0]), "Amy", "Secrets", "kept safe")
        ids = [at(p).id for p in locked]
    _give_to_nobody(data)  # what root wrote (the WAL) must stay the user's

    (folder / "private").chmod(0o000)
    report = _index_as_nobody(data, folder, models)
    assert report["offline"] == 2 and report["missing"] == 0 and report["removed"] == 0, report
    assert any("private" in f["path"] and "unreadable" in f["reason"] for f in report["failed"]), (
        report["failed"]
    )
    with Library(data):
        assert [Image.get_by_id(i).presence for i in ids] == [Presence.OFFLINE, Presence.OFFLINE]
        assert at(keep).presence == Presence.PRESENT
        assert user_data(ids[0]) == given
    assert all(p.exists() for p in locked)  # (root sees them) nothing was touched on disk

    (folder / "private").chmod(0o755)
    _give_to_nobody(data)
    report = _index_as_nobody(data, folder, models)
    assert report["returned"] == 2 and report["indexed"] == 0, report
    with Library(data):
        assert all(Image.get_by_id(i).presence == Presence.PRESENT for i in ids)
        assert user_data(ids[0]) == given


@pytest.mark.slow
def test_unreadable_library_folder_goes_offline(place: Path) -> None:
    data, folder, models = place / "data", place / "photos", place / "no-models"
    for d in (data, models):
        d.mkdir()
    photos = [make_photo(folder / "a.jpg", seed=4), make_photo(folder / "b.jpg", seed=5)]
    _give_to_nobody(data, folder)
    assert _index_as_nobody(data, folder, models)["indexed"] == 2
    folder.chmod(0o000)
    report = _index_as_nobody(data, folder, models)
    assert report["offline"] == 2 and report["missing"] == 0, report
    assert any("can't be read" in m for m in report["messages"]), report["messages"]
    folder.chmod(0o755)
    with Library(data):
        assert [at(p).presence for p in photos] == [Presence.OFFLINE, Presence.OFFLINE]
