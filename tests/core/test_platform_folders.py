"""Each kind of file where the platform expects it, and the one-folder layout moved over once
without losing anything, even when the move is cut short by a crash."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pictopy_desktop import paths
from pictopy_desktop.folder_move import PARTIAL, move_safely, move_to_platform_folders
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="the XDG variables that place the folders are Linux's"
)


@pytest.fixture
def platform_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_models: Path) -> dict:
    """No --data-dir: the platform's folders, under tmp_path through the XDG variables."""
    monkeypatch.delenv("PICTOPY_DATA_DIR", raising=False)
    paths.set_data_dir_override(None)
    env = {
        "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
        "XDG_CACHE_HOME": str(tmp_path / "xdg-cache"),
        "XDG_STATE_HOME": str(tmp_path / "xdg-state"),
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return {**os.environ, **env, "PICTOPY_MODELS_DIR": str(no_models)}


def pictopy(env: dict, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in env.items() if k != "PICTOPY_DATA_DIR"}
    return subprocess.run(
        [sys.executable, "-m", "pictopy_desktop", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_each_kind_in_its_platform_folder(platform_env: dict, tmp_path: Path) -> None:
    f = paths.folders()
    assert f == paths.Folders.platform()
    assert f.database == tmp_path / "xdg-data" / "PictoPy" / "library.sqlite3"
    assert f.thumbnails == tmp_path / "xdg-cache" / "PictoPy" / "thumbnails"
    assert f.settings == tmp_path / "xdg-config" / "PictoPy" / "settings.json"
    assert f.logs == tmp_path / "xdg-state" / "PictoPy" / "log"


def test_data_dir_keeps_everything_in_one_folder(tmp_path: Path) -> None:
    paths.set_data_dir_override(tmp_path / "mine")
    try:
        f = paths.folders()
        assert f == paths.Folders.all_in(tmp_path / "mine")
        assert (f.thumbnails, f.settings, f.logs) == (
            tmp_path / "mine" / "thumbnails",
            tmp_path / "mine" / "settings.json",
            tmp_path / "mine" / "logs",
        )
    finally:
        paths.set_data_dir_override(None)


@pytest.mark.slow
def test_cleared_cache_is_rebuilt_by_the_cli(platform_env: dict, photo_copy) -> None:
    photos = photo_copy("darknet/dog.jpg", "darknet/eagle.jpg")
    first = pictopy(platform_env, "index", str(photos))
    assert first.returncode == 0, first.stderr
    f = paths.Folders.platform()
    assert f.database.is_file() and not (f.data / "thumbnails").exists()
    thumbs = sorted(p.name for p in f.thumbnails.rglob("*.jpg"))
    assert len(thumbs) == 2 and (f.thumbnails / "CACHEDIR.TAG").is_file()
    import shutil

    shutil.rmtree(f.cache)  # the user (or a cleaner) empties the cache folder
    again = pictopy(platform_env, "index")
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in f.thumbnails.rglob("*.jpg")) == thumbs


def _old_layout(data: Path) -> dict[str, bytes]:
    """What 0.1 kept in the data folder beside the library; returns relative path -> bytes."""
    files = {
        "settings.json": json.dumps({"recluster_every_photos": 7}).encode(),
        "ui.ini": b"[window]\ngeometry=1\n",
        "thumbnails/ab/abcdef.jpg": b"\xff\xd8thumb-1",
        "thumbnails/cd/cdef01.jpg": b"\xff\xd8thumb-2",
        "logs/crash-20260101-1.log": b"Traceback: old crash\n",
    }
    for rel, content in files.items():
        (data / rel).parent.mkdir(parents=True, exist_ok=True)
        (data / rel).write_bytes(content)
    return files


def _new_place(f: paths.Folders, rel: str) -> Path:
    head, _, rest = rel.partition("/")
    return {
        "settings.json": f.settings,
        "ui.ini": f.config / "ui.ini",
        "thumbnails": f.thumbnails / rest,
        "logs": f.logs / rest,
    }[head]


@pytest.mark.slow
def test_old_layout_moves_once_with_one_line_and_the_library_stays(
    platform_env: dict, photo_copy
) -> None:
    f = paths.Folders.platform()
    old = dict(platform_env, PICTOPY_DATA_DIR=str(f.data))
    photos = photo_copy("darknet/dog.jpg")
    made = subprocess.run(
        [sys.executable, "-m", "pictopy_desktop", "index", str(photos)],
        cwd=REPO_ROOT,
        env=old,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert made.returncode == 0, made.stderr
    files = _old_layout(f.data)

    moved = pictopy(platform_env, "status", "--json")
    assert moved.returncode == 0, moved.stderr
    lines = moved.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("pictopy: PictoPy moved its settings")
    assert str(f.config) in lines[0] and str(f.cache) in lines[0]
    assert json.loads(moved.stdout)["images"]["total"] == 1  # the library itself did not move
    for rel, content in files.items():
        assert _new_place(f, rel).read_bytes() == content
    left = {p.name for p in f.data.iterdir()} & {"settings.json", "ui.ini", "thumbnails", "logs"}
    assert not left
    assert json.loads(f.settings.read_text())["recluster_every_photos"] == 7
    assert (f.logs / "pictopy.log").is_file()  # this run's log went to the new log folder

    quiet = pictopy(platform_env, "status")
    assert quiet.returncode == 0 and quiet.stderr == ""


_CRASH_MID_COPY = """
import errno, os, shutil, signal, sys
from pictopy_desktop import folder_move

real_rename, real_copy2 = os.rename, shutil.copy2
copies = []

def other_volume(src, dst):
    if not str(src).endswith(folder_move.PARTIAL):
        raise OSError(errno.EXDEV, "Invalid cross-device link", str(src))
    real_rename(src, dst)

def copy_then_die(src, dst, **kw):
    copies.append(src)
    if len(copies) == int(sys.argv[1]):
        os.kill(os.getpid(), signal.SIGKILL)  # power cut in the middle of the copy
    return real_copy2(src, dst, **kw)

os.rename = other_volume
shutil.copy2 = copy_then_die
print(folder_move.move_to_platform_folders().message(folder_move.Folders.platform()))
"""


@pytest.mark.parametrize("die_at_copy", [2, 4])
def test_a_crash_in_the_middle_of_a_copy_loses_nothing(platform_env: dict, die_at_copy) -> None:
    """Another volume (copy, verify, rename, remove): killed mid-copy, then run again."""
    f = paths.Folders.platform()
    files = _old_layout(f.data)
    env = {k: v for k, v in platform_env.items() if k != "PICTOPY_DATA_DIR"}
    run = [sys.executable, "-c", _CRASH_MID_COPY]
    crashed = subprocess.run([*run, str(die_at_copy)], cwd=REPO_ROOT, env=env, timeout=120)
    assert crashed.returncode == -9
    # Every file is whole in one place or the other; a half copy is never in a real place.
    for rel, content in files.items():
        at_old, at_new = f.data / rel, _new_place(f, rel)
        assert (at_old.exists() and at_old.read_bytes() == content) or (
            at_new.read_bytes() == content
        )
    from pictopy_desktop.settings import load_settings

    assert (
        load_settings(
            f.settings if f.settings.exists() else f.data / "settings.json"
        ).recluster_every_photos
        == 7
    )

    # The next start (same volume now) finishes the move and the library works.
    finished = pictopy(platform_env, "status", "--json")
    assert finished.returncode == 0, finished.stderr
    assert "PictoPy moved its" in finished.stderr
    assert json.loads(finished.stdout)["images"]["total"] == 0
    for rel, content in files.items():
        assert _new_place(f, rel).read_bytes() == content
        assert not (f.data / rel).exists()
    leftovers = [p for p in f.cache.rglob("*") if p.name.endswith(PARTIAL)]
    leftovers += [p for p in f.config.rglob("*") if p.name.endswith(PARTIAL)]
    assert leftovers == []


def test_a_copy_that_reads_back_different_keeps_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pictopy_desktop import folder_move

    src = tmp_path / "old" / "settings.json"
    src.parent.mkdir()
    src.write_text('{"a": 1}')
    dest = tmp_path / "new" / "settings.json"

    def other_volume(a, b):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(folder_move.os, "rename", other_volume)
    monkeypatch.setattr(folder_move, "same_content", lambda a, b: False)
    with pytest.raises(OSError, match="did not read back the same"):
        move_safely(src, dest)
    assert src.read_text() == '{"a": 1}'
    assert not dest.exists() and not list(dest.parent.glob("*" + PARTIAL))


@pytest.mark.allow_log(r"both exist and differ: keeping both")
def test_both_places_filled_keeps_a_different_file_and_drops_an_identical_one(
    tmp_path: Path,
) -> None:
    new = paths.Folders(
        data=tmp_path / "data", cache=tmp_path / "c", config=tmp_path / "cfg", logs=tmp_path / "l"
    )
    old = paths.Folders.all_in(new.data)
    for f in (old.settings, new.settings, old.config / "ui.ini", new.config / "ui.ini"):
        f.parent.mkdir(parents=True, exist_ok=True)
    old.settings.write_text("same")
    new.settings.write_text("same")
    (old.config / "ui.ini").write_text("old window")
    (new.config / "ui.ini").write_text("newer window")
    report = move_to_platform_folders(new)
    assert report.moved == ["settings"] and not old.settings.exists()
    assert (old.config / "ui.ini").read_text() == "old window"
    assert (new.config / "ui.ini").read_text() == "newer window"
    assert move_to_platform_folders(new).message(new) is None


def test_the_app_is_told_once(platform_env: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app gets the one-line notice on the start that moved the files, and never again."""
    from pictopy_desktop.cli import main
    from pictopy_desktop.ui import app

    _old_layout(paths.Folders.platform().data)
    notices: list[str | None] = []
    monkeypatch.setattr(app, "run_app", lambda argv, notice=None: notices.append(notice) or 0)
    assert main([]) == 0
    assert main([]) == 0
    assert notices[0] is not None and notices[0].startswith("PictoPy moved its settings")
    assert notices[1] is None
