"""Any file name the OS gives: not valid UTF-8 (a Latin-1 ``café.jpg``) or 255 bytes long.

Indexed, stored losslessly, printed by the CLI without an error (JSON that ``json.loads``
turns back into the exact name), thumbnailed, shown readably and opened in the viewer.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image as PILImage

from tests.conftest import REPO_ROOT

LATIN1_NAME = b"caf\xe9.jpg"  # what an old camera or a Windows share writes
LONG_NAME = "l" * 251 + ".jpg"  # 255 bytes, the longest name most file systems allow


def _pictopy(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    """The real CLI with a real stdout (not pytest's capture), in a UTF-8 locale."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": ""}
    env.pop("PICTOPY_MODELS_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "pictopy_desktop", "--data-dir", str(data_dir), *args],
        capture_output=True,
        timeout=300,
        env=env,
        cwd=REPO_ROOT,
    )


@pytest.fixture
def odd_names(tmp_path: Path, shared_photos_dir: Path) -> tuple[Path, str, str]:
    """A folder with a valid JPEG under a Latin-1 name, one under a 255-byte name, and a decoy."""
    folder = tmp_path / "photos"
    folder.mkdir()
    latin1 = os.path.join(os.fsencode(folder), LATIN1_NAME)
    shutil.copy(shared_photos_dir / "darknet" / "dog.jpg", latin1)
    shutil.copy(shared_photos_dir / "darknet" / "eagle.jpg", folder / LONG_NAME)
    # What Qt would open if it dropped the odd byte: a different picture.
    PILImage.new("RGB", (64, 48), (255, 0, 0)).save(folder / "caf.jpg")
    return folder, os.fsdecode(latin1), str(folder / LONG_NAME)


@pytest.mark.slow
def test_odd_names_through_the_cli(data_dir: Path, odd_names) -> None:
    folder, latin1, long_name = odd_names
    proc = _pictopy(data_dir, "index", str(folder), "--json")
    assert proc.returncode == 0, proc.stderr.decode()
    report = json.loads(proc.stdout)
    assert report["indexed"] == 3 and report["failed"] == []

    proc = _pictopy(data_dir, "index", str(folder))  # the text report, with the names in it
    assert proc.returncode == 0 and b"Indexed 0" in proc.stdout, proc.stderr.decode()

    proc = _pictopy(data_dir, "search", "caf", "--json")
    assert proc.returncode == 0, proc.stderr.decode()
    # The odd byte is a JSON escape that decodes back to the exact OS name.
    assert b"caf\\udce9.jpg" in proc.stdout
    found = {r["path"] for r in json.loads(proc.stdout)["results"]}
    assert latin1 in found and os.fsencode(latin1).endswith(LATIN1_NAME)

    proc = _pictopy(data_dir, "search", "llll", "--json")
    assert [r["path"] for r in json.loads(proc.stdout)["results"]] == [long_name]

    proc = _pictopy(data_dir, "status", "--json")
    assert proc.returncode == 0, proc.stderr.decode()
    status = json.loads(proc.stdout)
    assert status["images"]["total"] == 3 and status["failed"] == []


def test_odd_names_stored_losslessly_with_thumbnails(data_dir: Path, odd_names) -> None:
    from pictopy_desktop.library.service import Library
    from pictopy_desktop.storage.tables import Image, ImageState

    folder, latin1, long_name = odd_names
    with Library() as lib:
        report = lib.index([folder])
        assert report.indexed == 3 and report.failed == []
        for path in (latin1, long_name):
            row = Image.get(Image.path == path)
            assert row.state == ImageState.WAITING and row.width
            assert os.path.exists(row.path)  # the stored name opens the very file
            assert (lib.thumbnails_dir / row.thumbnail).is_file()
        dog = Image.get(Image.path == latin1)
        assert (dog.width, dog.height) == PILImage.open(os.fsencode(latin1)).size


def test_odd_names_shown_readably_and_opened_in_the_viewer(data_dir: Path, odd_names) -> None:
    from pictopy_desktop.library.file_names import display_path
    from pictopy_desktop.library.service import Library
    from pictopy_desktop.storage.tables import Image
    from pictopy_desktop.ui.links import local_file_url
    from pictopy_desktop.workers.images import read_full_image

    folder, latin1, long_name = odd_names
    with Library() as lib:
        lib.index([folder])
        dog = Image.get(Image.path == latin1)
    assert display_path(latin1) == str(folder / "caf\ufffd.jpg")
    assert display_path(long_name) == long_name
    # The viewer opens the photo itself, not the decoy Qt would find by dropping the odd byte.
    image = read_full_image(latin1)
    assert (image.width(), image.height()) == (dog.width, dog.height)
    decoy = read_full_image(str(folder / "caf.jpg"))
    assert (decoy.width(), decoy.height()) == (64, 48)
    # Handing the file to the system player keeps its bytes.
    url = local_file_url(latin1)
    assert url.isLocalFile() and url.toEncoded().data().endswith(b"/caf%E9.jpg")


def test_long_names_have_no_room_for_a_sidecar(tmp_path: Path, shared_photos_dir: Path) -> None:
    """A 255-byte photo name: the sidecar check asks about no impossible name (it used to raise)."""
    from pictopy_desktop.library.takeout_sidecar import read_sidecar, sidecar_candidates

    photo = tmp_path / LONG_NAME
    shutil.copy(shared_photos_dir / "darknet" / "eagle.jpg", photo)
    assert read_sidecar(photo) is None
    assert all(len(os.fsencode(c.name)) <= 255 for c in sidecar_candidates(photo))
    # Older Takeout exports cut the name at 46 characters: that sidecar is still found.
    (tmp_path / f"{LONG_NAME[:46]}.json").write_text(json.dumps({"description": "long way home"}))
    info = read_sidecar(photo)
    assert info is not None and info.description == "long way home"


@pytest.mark.slow
def test_video_with_a_latin1_name(data_dir: Path, tmp_path: Path) -> None:
    """OpenCV segfaults on such a name; the video is indexed and its poster read (in subprocesses, so a crash fails the test)."""
    import cv2
    import numpy as np

    folder = tmp_path / "videos"
    folder.mkdir()
    writer = cv2.VideoWriter(
        str(folder / "clip.mp4"), cv2.VideoWriter_fourcc(*"mp4v"), 10, (64, 48)
    )
    if not writer.isOpened():
        pytest.skip("this OpenCV build cannot write MP4 files to make the test video")
    for i in range(20):
        writer.write(np.full((48, 64, 3), i * 10, np.uint8))
    writer.release()
    latin1 = os.path.join(os.fsencode(folder), b"vid\xe9o.mp4")
    os.rename(folder / "clip.mp4", latin1)

    proc = _pictopy(data_dir, "index", str(folder), "--json")
    assert proc.returncode == 0, (proc.returncode, proc.stderr.decode()[-2000:])
    report = json.loads(proc.stdout)
    assert report["indexed"] == 1 and report["failed"] == []
    code = "import sys; from pictopy_desktop.workers.images import read_video_poster; print(read_video_poster(sys.argv[1]).size().toTuple())"
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "QT_QPA_PLATFORM": "offscreen"}
    poster = subprocess.run(
        [sys.executable, "-c", code, latin1], capture_output=True, text=True, timeout=120, env=env
    )
    assert poster.returncode == 0, (poster.returncode, poster.stderr[-2000:])
    assert poster.stdout.strip() == "(64, 48)"
