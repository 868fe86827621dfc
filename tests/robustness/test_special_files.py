"""Hostile folders: pipes, sockets, devices, links out of the library and link loops.

Indexing runs in a subprocess with a timeout, so a scanner that blocks on a pipe or
reads ``/dev/zero`` fails the test instead of hanging CI. The subprocess records every
file and folder it opens (Python audit events), so "nothing outside was read" is checked,
not assumed.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

TIMEOUT_S = 120

# Indexes one folder and prints the report and every path opened or listed meanwhile.
_INDEX_AND_RECORD = r"""
import json, os, sys
from pathlib import Path
from pictopy_desktop.library.service import Library

library, data = sys.argv[1], sys.argv[2]
touched = []

def hook(event, args):
    if event in ("open", "os.scandir", "os.listdir") and args and isinstance(args[0], (str, bytes)):
        touched.append(os.path.abspath(os.fsdecode(args[0])))

with Library(Path(data)) as lib:
    sys.addaudithook(hook)
    report = lib.index([Path(library)])
print(json.dumps({"report": report.to_dict(), "touched": touched}))
"""


def _run_python(code: str, *args: str) -> subprocess.CompletedProcess:
    """Run ``code`` with this repo importable; a hang fails the test with a message."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PICTOPY_MODELS_DIR", None)
    try:
        return subprocess.run(
            [sys.executable, "-c", code, *args],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            env=env,
            cwd=REPO_ROOT,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(
            f"did not finish within {TIMEOUT_S} s: something blocked on a pipe or read a device"
        )


def _index_and_record(library: Path, data: Path) -> tuple[dict, list[str]]:
    proc = _run_python(_INDEX_AND_RECORD, str(library), str(data))
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    return out["report"], out["touched"]


def _make_socket(path: Path) -> None:
    """A unix socket at ``path`` (bound by a relative name: socket paths are limited to ~100 bytes)."""
    cwd = os.getcwd()
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        os.chdir(path.parent)
        sock.bind(path.name)
    finally:
        os.chdir(cwd)
        sock.close()


@pytest.fixture
def hostile_folder(tmp_path: Path, shared_photos_dir: Path) -> tuple[Path, Path]:
    """A library folder with one photo beside every kind of thing that must not be read."""
    library = tmp_path / "library"
    outside = tmp_path / "outside"
    (library / "sub").mkdir(parents=True)
    outside.mkdir()
    shutil.copy(shared_photos_dir / "darknet" / "dog.jpg", library / "dog.jpg")
    shutil.copy(shared_photos_dir / "darknet" / "eagle.jpg", outside / "not-in-the-library.jpg")
    os.mkfifo(library / "pipe.jpg")
    os.mkfifo(library / "pipe")  # no extension: the content sniffing must not block on it either
    _make_socket(library / "socket.jpg")
    (library / "zero.jpg").symlink_to("/dev/zero")
    (library / "root").symlink_to("/", target_is_directory=True)
    (library / "elsewhere").symlink_to(outside, target_is_directory=True)
    (library / "loop-a").symlink_to(library / "loop-b")
    (library / "loop-b").symlink_to(library / "loop-a")
    (library / "sub" / "up").symlink_to(
        library, target_is_directory=True
    )  # a folder loop, inside the library
    return library, outside


@pytest.mark.slow
def test_hostile_folder_indexes_and_skips_each_thing_with_a_reason(
    data_dir: Path, hostile_folder
) -> None:
    library, outside = hostile_folder
    report, touched = _index_and_record(library, data_dir)

    assert report["indexed"] == 1 and report["failed"] == [], report
    reasons = {Path(s["path"]).name: s["reason"] for s in report["skipped_files"]}
    assert reasons == {
        "pipe.jpg": "a named pipe, not a photo file",
        "pipe": "a named pipe, not a photo file",
        "socket.jpg": "a socket, not a photo file",
        "zero.jpg": "link leads outside the library folders",
        "root": "link leads outside the library folders",
        "elsewhere": "link leads outside the library folders",
        "loop-a": "link leads nowhere (its target is missing or a link loop)",
        "loop-b": "link leads nowhere (its target is missing or a link loop)",
    }
    assert report["skipped"] == len(reasons)

    # Nothing outside the library was opened or listed (Python's own modules aside); no special file at all.
    allowed = [
        str(p) for p in (library, data_dir, REPO_ROOT, sys.prefix, sys.base_prefix, sys.exec_prefix)
    ]
    allowed += ["/proc/meminfo", "/sys/fs/cgroup"]  # free memory, read to size the decode workers
    assert [
        p for p in touched if not any(p == a or p.startswith(a + os.sep) for a in allowed)
    ] == []
    assert not any(p.startswith(str(outside)) for p in touched)
    specials = {str(library / n) for n in ("pipe.jpg", "pipe", "socket.jpg", "zero.jpg")}
    assert specials.isdisjoint(touched)
    assert str(library / "dog.jpg") in touched  # the recording itself works


@pytest.mark.slow
def test_hostile_folder_through_the_cli(data_dir: Path, hostile_folder) -> None:
    """`pictopy index` ends, prints each skipped thing with its reason, and the second run does too."""
    library, _ = hostile_folder
    for _ in range(2):
        proc = _run_python(
            "from pictopy_desktop.cli import main; raise SystemExit(main())",
            "--data-dir",
            str(data_dir),
            "index",
            str(library),
        )
        assert proc.returncode == 0, proc.stderr
        assert f"{library / 'pipe.jpg'}: a named pipe, not a photo file" in proc.stdout
        assert f"{library / 'root'}: link leads outside the library folders" in proc.stdout
        assert "failed 0" in proc.stdout


def test_reading_helpers_refuse_pipes_and_devices(tmp_path: Path) -> None:
    """`read_head` and `content_hash` never block on a FIFO nor read a device behind a link."""
    os.mkfifo(tmp_path / "fifo.jpg")
    (tmp_path / "zero.jpg").symlink_to("/dev/zero")
    code = r"""
import sys
from pathlib import Path
from pictopy_desktop.library.image_decode import NotRegularFileError, content_hash, read_head
for name in sys.argv[1:]:
    path = Path(name)
    assert read_head(path) == b"", name
    try:
        content_hash(path)
    except NotRegularFileError as exc:
        print(name, exc.strerror)
    else:
        raise AssertionError(f"{name} was hashed")
"""
    proc = _run_python(code, str(tmp_path / "fifo.jpg"), str(tmp_path / "zero.jpg"))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        f"{tmp_path / 'fifo.jpg'} a named pipe, not a photo file",
        f"{tmp_path / 'zero.jpg'} a character device, not a photo file",
    ]


@pytest.mark.slow
def test_device_node_in_a_photo_folder(
    data_dir: Path, tmp_path: Path, shared_photos_dir: Path
) -> None:
    """A character device (a copy of /dev/zero) named like a photo is skipped, never read."""
    library = tmp_path / "library"
    library.mkdir()
    shutil.copy(shared_photos_dir / "darknet" / "dog.jpg", library / "dog.jpg")
    try:
        os.mknod(library / "zero.jpg", stat.S_IFCHR | 0o600, os.makedev(1, 5))
    except OSError as exc:
        pytest.skip(
            f"cannot make a device node here ({exc.strerror}); it needs root outside a restricted container"
        )
    report, touched = _index_and_record(library, data_dir)
    assert report["indexed"] == 1
    assert [(Path(s["path"]).name, s["reason"]) for s in report["skipped_files"]] == [
        ("zero.jpg", "a character device, not a photo file")
    ]
    assert str(library / "zero.jpg") not in touched


@pytest.mark.slow
def test_pipe_given_by_name_or_swapped_in_after_the_scan(data_dir: Path, tmp_path: Path) -> None:
    """A FIFO named on the command line is skipped; one that replaces a photo later is refused by the decoders."""
    os.mkfifo(tmp_path / "late.jpg")
    proc = _run_python(
        "from pictopy_desktop.cli import main; raise SystemExit(main())",
        "--data-dir",
        str(data_dir),
        "index",
        str(tmp_path / "late.jpg"),
    )
    assert proc.returncode == 0, proc.stderr
    assert f"{tmp_path / 'late.jpg'}: a named pipe, not a photo file" in proc.stdout
    code = r"""
import sys
from pathlib import Path
from pictopy_desktop.errors import ImageReadError
from pictopy_desktop.library.indexer import decode_media
from pictopy_desktop.library.thumbnails import rebuild_thumbnail
fifo = Path(sys.argv[1])
try:
    decode_media(fifo)
except ImageReadError as exc:
    print(exc)
try:
    rebuild_thumbnail(Path(sys.argv[2]), "ab/abcd.jpg", [str(fifo)])
except OSError as exc:
    print("rebuild:", "a named pipe" in str(exc))
"""
    proc = _run_python(code, str(tmp_path / "late.jpg"), str(tmp_path / "cache"))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["a named pipe, not a photo file", "rebuild: True"]
