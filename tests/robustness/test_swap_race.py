"""A named pipe swapped in for a photo between the check and the open is refused, never waited on.

The swap is made exact by wrapping ``photo_files.check_regular``: the real check passes on
the photo, then the photo is replaced by a FIFO before the caller opens it. Everything runs
in a subprocess with a timeout, so an open that blocks (waiting for a writer that never
comes) fails the test instead of hanging CI.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

TIMEOUT_S = 120

# Swaps argv[1] for a FIFO right after its argv[4]-th check passes, then runs the reader named in argv[2].
_SWAP_THEN_READ = r"""
import json, os, sys
from pathlib import Path
from pictopy_desktop.library import image_decode, photo_files

photo, reader, data, swap_at = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
real_check = photo_files.check_regular
checks = []

def check_then_swap(path):
    real_check(path)
    if Path(path) == photo:
        checks.append(path)
    if Path(path) == photo and len(checks) == swap_at and not os.path.exists(str(photo) + ".swapped"):
        os.replace(photo, str(photo) + ".swapped")
        os.mkfifo(photo)

photo_files.check_regular = check_then_swap
result = {}
if reader == "decode":
    try:
        image_decode.decode_image(photo)
    except image_decode.ImageReadError as exc:
        result["error"] = str(exc)
elif reader == "crop":
    from pictopy_desktop.workers.images import face_crop_rgb
    try:
        face_crop_rgb(str(photo), (10.0, 10.0, 60.0, 60.0), (768, 576))
    except OSError as exc:
        result["error"] = str(exc)
elif reader == "viewer":
    from pictopy_desktop.workers.images import read_full_image
    try:
        read_full_image(str(photo))
    except OSError as exc:
        result["error"] = str(exc)
else:
    from pictopy_desktop.library.service import Library
    with Library(Path(data)) as lib:
        result["report"] = lib.index([photo.parent]).to_dict()
print(json.dumps(result))
"""


def _swap_then_read(photo: Path, reader: str, data: Path, swap_at: int = 1) -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PICTOPY_MODELS_DIR", None)
    try:
        proc = subprocess.run(
            [sys.executable, "-c", _SWAP_THEN_READ, str(photo), reader, str(data), str(swap_at)],
            check=False,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            env=env,
            cwd=REPO_ROOT,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(
            f"{reader} did not finish within {TIMEOUT_S} s: it blocked opening a named pipe"
        )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.fixture
def photo(tmp_path: Path, shared_photos_dir: Path) -> Path:
    """One JPEG alone in a library folder."""
    folder = tmp_path / "library"
    folder.mkdir()
    return Path(shutil.copy(shared_photos_dir / "darknet" / "dog.jpg", folder / "dog.jpg"))


@pytest.mark.parametrize("reader", ["decode", "crop", "viewer"])
@pytest.mark.slow
def test_pipe_swapped_in_after_the_check_is_refused(
    photo: Path, tmp_path: Path, reader: str
) -> None:
    result = _swap_then_read(photo, reader, tmp_path / "data")
    assert "a named pipe, not a photo file" in result["error"]
    assert os.path.exists(str(photo) + ".swapped")  # the swap really happened before the open


def test_index_ends_and_names_the_pipe_swapped_in_before_the_decode(
    photo: Path, tmp_path: Path
) -> None:
    """The first check is the content hash's; the second is the decode's open, where `pictopy index` hung."""
    report = _swap_then_read(photo, "index", tmp_path / "data", swap_at=2)["report"]
    reasons = [
        entry[1] if isinstance(entry, list) else entry.get("reason") for entry in report["failed"]
    ]
    reasons += [s["reason"] for s in report["skipped_files"]]
    assert reasons == ["a named pipe, not a photo file"], report
    assert report["indexed"] == 0
