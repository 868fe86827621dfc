"""Failures that un-stick: a file that could not be read is tried again once things change,
and a thumbnail cache that can't be written (or was deleted) never makes a photo unreadable.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

NOBODY = 65534
SPARE_GID = 4321  # a group the unprivileged indexing process is put in on the second run


def _index_as_nobody(data: Path, folder: Path, groups: list[int]) -> subprocess.CompletedProcess:
    """`pictopy index FOLDER` as an unprivileged user (root reads everything, so it can't test this)."""
    group_args = [f"--groups={','.join(map(str, groups))}"] if groups else ["--clear-groups"]
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(REPO_ROOT),
        "HOME": str(data),
        "LC_ALL": "C.UTF-8",
    }
    return subprocess.run(
        [
            "setpriv",
            f"--reuid={NOBODY}",
            f"--regid={NOBODY}",
            *group_args,
            sys.executable,
            "-m",
            "pictopy_desktop",
            "--data-dir",
            str(data),
            "index",
            str(folder),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd="/",
    )


@pytest.fixture
def world_dir():
    """A folder an unprivileged user can reach (pytest's tmp dirs are private to root)."""
    if os.geteuid() != 0:
        pytest.skip("needs root, to drop privileges for the indexing process with setpriv")
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv (util-linux) is not installed")
    probe = subprocess.run(
        [
            "setpriv",
            f"--reuid={NOBODY}",
            f"--regid={NOBODY}",
            "--clear-groups",
            sys.executable,
            "-c",
            "import pictopy_desktop",
        ],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO_ROOT)},
        cwd="/",
    )
    if probe.returncode != 0:
        pytest.skip(
            f"an unprivileged user cannot run PictoPy from this checkout: {probe.stderr.strip()[-200:]}"
        )
    base = Path(tempfile.mkdtemp(prefix="pictopy-retry-"))
    base.chmod(0o755)
    try:
        yield base
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.mark.slow
def test_permission_denied_is_retried_every_run(world_dir: Path, shared_photos_dir: Path) -> None:
    """A photo readable only by a group: denied, then the user joins the group (the file itself is untouched)."""
    from pictopy_desktop.library.service import Library
    from pictopy_desktop.storage.tables import Image, ImageState

    data, folder = world_dir / "data", world_dir / "photos"
    data.mkdir(mode=0o777)
    data.chmod(0o777)
    folder.mkdir(mode=0o755)
    shutil.copy(shared_photos_dir / "darknet" / "dog.jpg", folder / "dog.jpg")
    locked = folder / "eagle.jpg"
    shutil.copy(shared_photos_dir / "darknet" / "eagle.jpg", locked)
    (folder / "dog.jpg").chmod(0o644)
    os.chown(locked, 0, SPARE_GID)
    locked.chmod(0o640)
    before = os.stat(locked)

    first = _index_as_nobody(data, folder, groups=[])
    assert first.returncode == 0, first.stderr
    assert f"{locked}: permission denied" in first.stdout, first.stdout

    second = _index_as_nobody(data, folder, groups=[SPARE_GID])
    assert second.returncode == 0, second.stderr
    assert "Indexed 1," in second.stdout and "failed 0" in second.stdout, second.stdout
    after = os.stat(locked)
    assert (after.st_size, after.st_mtime, after.st_ctime) == (
        before.st_size,
        before.st_mtime,
        before.st_ctime,
    )
    with Library(data) as lib:
        row = Image.get(Image.path == str(locked))
        assert row.state == ImageState.WAITING and row.error is None and row.width
        assert (lib.thumbnails_dir / row.thumbnail).is_file()


def test_replaced_file_is_retried_even_with_the_same_size_and_mtime(
    data_dir: Path, tmp_path: Path, shared_photos_dir: Path
) -> None:
    """A broken file replaced by a good one of the same size, its mtime put back (as `cp -p` or a sync tool does):
    only its ctime tells, and that is enough."""
    from pictopy_desktop.library.service import Library
    from pictopy_desktop.storage.tables import Image, ImageState

    folder = tmp_path / "photos"
    folder.mkdir()
    good = (shared_photos_dir / "darknet" / "dog.jpg").read_bytes()
    photo = folder / "dog.jpg"
    photo.write_bytes(b"not a photo".ljust(len(good), b"\0"))
    with Library() as lib:
        first = lib.index([folder])
        assert first.indexed == 0 and len(first.failed) == 1
        again = lib.index([folder])  # nothing changed: not retried, still reported
        assert again.indexed == 0 and again.unchanged == 1 and len(again.failed) == 1
        st = photo.stat()
        photo.write_bytes(good)
        os.utime(photo, ns=(st.st_atime_ns, st.st_mtime_ns))
        assert (photo.stat().st_size, photo.stat().st_mtime) == (st.st_size, st.st_mtime)
        third = lib.index([folder])
        assert third.indexed == 1 and third.failed == []
        assert Image.get(Image.path == str(photo)).state == ImageState.WAITING


def test_retry_failed_flag(
    data_dir: Path, tmp_path: Path, shared_photos_dir: Path, monkeypatch, capsys
) -> None:
    """A failure that nothing on disk explains (a decoder bug fixed by an update) waits for `--retry-failed`."""
    from pictopy_desktop.cli import main
    from pictopy_desktop.errors import ImageReadError
    from pictopy_desktop.library import indexer
    from pictopy_desktop.library.service import Library
    from pictopy_desktop.storage.tables import Image, ImageState

    folder = tmp_path / "photos"
    folder.mkdir()
    shutil.copy(shared_photos_dir / "darknet" / "dog.jpg", folder / "dog.jpg")
    real = indexer.decode_media

    def broken(path: Path):
        raise ImageReadError("not an image PictoPy can read")

    monkeypatch.setattr(indexer, "decode_media", broken)
    assert main(["index", str(folder)]) == 0
    assert "failed 1" in capsys.readouterr().out
    monkeypatch.setattr(indexer, "decode_media", real)
    assert main(["index", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "Indexed 0," in out and "failed 1" in out  # unchanged: not tried again
    # Without a path, the library's folders.
    assert main(["index", "--retry-failed"]) == 0
    out = capsys.readouterr().out
    assert "Indexed 1," in out and "failed 0" in out
    with Library():
        assert Image.get(Image.path == str(folder / "dog.jpg")).state == ImageState.WAITING


def test_index_without_paths_on_an_empty_library_says_what_to_do(data_dir: Path, capsys) -> None:
    from pictopy_desktop.cli import main

    assert main(["index"]) == 1
    assert "the library has no folders yet" in capsys.readouterr().err


def test_unwritable_thumbnail_cache_costs_no_photo(
    data_dir: Path, tmp_path: Path, shared_photos_dir: Path
) -> None:
    """The cache can't be written (a file where its folder should be: root ignores permissions):
    photos are indexed and browsable, one message says why, and the next run makes the thumbnails."""
    from pictopy_desktop.library.service import Library
    from pictopy_desktop.storage.tables import Image, ImageState

    folder = tmp_path / "photos"
    folder.mkdir()
    for name in ("dog.jpg", "eagle.jpg"):
        shutil.copy(shared_photos_dir / "darknet" / name, folder / name)
    with Library() as lib:
        shutil.rmtree(lib.thumbnails_dir)  # made (and tagged a cache) at the open
        lib.thumbnails_dir.write_text("in the way")
        first = lib.index([folder])
        assert first.indexed == 2 and first.failed == []
        notes = [m for m in first.messages if m.startswith("Thumbnails could not be written")]
        assert len(notes) == 1 and "made when next needed" in notes[0]
        assert all(
            r.state == ImageState.WAITING and r.error is None and r.width for r in Image.select()
        )
        again = lib.index(
            [folder]
        )  # still unwritable: the same one message, nothing decoded in vain
        assert (
            again.thumbnails_rebuilt == 0
            and len([m for m in again.messages if m.startswith("Thumbnails")]) == 1
        )

        lib.thumbnails_dir.unlink()
        second = lib.index([folder])
        assert second.unchanged == 2 and second.thumbnails_rebuilt == 2
        rows = list(Image.select())
        assert all(r.thumbnail and (lib.thumbnails_dir / r.thumbnail).is_file() for r in rows)
        assert not any(m.startswith("Thumbnails could not be written") for m in second.messages)


def test_deleted_thumbnail_cache_is_rebuilt(
    data_dir: Path, tmp_path: Path, shared_photos_dir: Path
) -> None:
    from pictopy_desktop.library.service import Library
    from pictopy_desktop.storage.tables import Image

    folder = tmp_path / "photos"
    folder.mkdir()
    for name in ("dog.jpg", "eagle.jpg", "person.jpg"):
        shutil.copy(shared_photos_dir / "darknet" / name, folder / name)
    with Library() as lib:
        lib.index([folder])
        thumbs = {r.thumbnail for r in Image.select()}
        shutil.rmtree(lib.thumbnails_dir)
        report = lib.index([folder])
        assert report.thumbnails_rebuilt == 3 and report.unchanged == 3
        assert all((lib.thumbnails_dir / t).is_file() for t in thumbs)
        assert lib.index([folder]).thumbnails_rebuilt == 0  # nothing left to do


def test_app_rebuilds_a_missing_or_damaged_thumbnail_in_the_worker(
    data_dir: Path, tmp_path: Path, shared_photos_dir: Path
) -> None:
    """What the gallery's loader runs in its worker: a thumbnail gone or damaged is made again from the photo."""
    from pictopy_desktop.library.service import Library
    from pictopy_desktop.library.thumbnails import THUMBNAIL_SIZE
    from pictopy_desktop.storage.tables import Image
    from pictopy_desktop.ui.image_loader import thumbnail_loader

    folder = tmp_path / "photos"
    folder.mkdir()
    shutil.copy(shared_photos_dir / "darknet" / "dog.jpg", folder / "dog.jpg")
    with Library() as lib:
        lib.index([folder])
        rel = Image.get().thumbnail
        target = lib.thumbnails_dir / rel
        for damage in (target.unlink, lambda: target.write_bytes(b"\xff\xd8\xff garbage")):
            damage()
            image = thumbnail_loader(lib.thumbnails_dir, rel)()
            assert not image.isNull() and max(image.width(), image.height()) == THUMBNAIL_SIZE
            with open(target, "rb") as fh:
                assert fh.read(3) == b"\xff\xd8\xff" and len(fh.read()) > 1000  # a whole JPEG again
