"""Export never writes through a symlink, leaves no temporary file on error, and refuses a file as a folder."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from pictopy_desktop.cli import main
from pictopy_desktop.library import transfer
from pictopy_desktop.storage.database import open_database
from pictopy_desktop.storage.tables import Image
from tests.safety.library_rows import make_library


@pytest.fixture
def library(tmp_path: Path) -> Path:
    photos = tmp_path / "photos"
    photos.mkdir()
    return make_library(tmp_path / "data", photos=photos)


def _all_ids() -> list[int]:
    return [i.id for i in Image.select(Image.id)]


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".")]


def test_symlinks_in_the_destination_are_never_written_through(
    library: Path, tmp_path: Path
) -> None:
    dest = tmp_path / "out"
    dest.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    victim = elsewhere / "victim.txt"
    victim.write_text("not yours")
    (dest / "photo1.jpg").symlink_to(victim)  # a link to an existing file
    (dest / "photo2.jpg").symlink_to(elsewhere / "created.jpg")  # a dangling link
    db = open_database(library)
    report = transfer.copy_photos(_all_ids(), dest)
    db.close()
    assert report.failed == []
    names = sorted(Path(p).name for p in report.copied)
    assert names == ["photo1-1.jpg", "photo2-1.jpg", "photo3.jpg", "photo4.jpg"]
    assert victim.read_text() == "not yours"
    assert sorted(p.name for p in elsewhere.iterdir()) == ["victim.txt"]
    assert os.readlink(dest / "photo1.jpg") == str(victim) and os.readlink(
        dest / "photo2.jpg"
    ) == str(elsewhere / "created.jpg")
    for name in names:
        copied = dest / name
        assert not copied.is_symlink()
        original = tmp_path / "photos" / (name.replace("-1", ""))
        assert copied.read_bytes() == original.read_bytes()
    assert _leftovers(dest) == []


def test_export_library_replaces_a_link_instead_of_writing_through_it(
    library: Path, tmp_path: Path, capsys
) -> None:
    export = ["--data-dir", str(library.parent), "export", "library"]
    victim = tmp_path / "victim.json"
    assert main([*export, str(victim)]) == 0  # an earlier export, which --replace may replace
    kept = victim.read_bytes()
    target = tmp_path / "names.json"
    target.symlink_to(victim)
    assert main([*export, str(target)]) == 1  # it exists: replaced only when asked
    assert main([*export, "--replace", str(target)]) == 0
    assert victim.read_bytes() == kept
    assert (
        not target.is_symlink()
        and json.loads(target.read_text())["format"] == "pictopy-library-export"
    )
    assert _leftovers(tmp_path) == []


def test_an_error_mid_export_leaves_no_temporary_file(
    library: Path, tmp_path: Path, monkeypatch
) -> None:
    dest = tmp_path / "out"
    real = shutil.copyfileobj
    calls = {"n": 0}

    def fail_on_the_second(src, dst, length=0):
        calls["n"] += 1
        if calls["n"] == 2:
            dst.write(b"half a photo")
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(src, dst, length)

    monkeypatch.setattr(shutil, "copyfileobj", fail_on_the_second)
    db = open_database(library)
    report = transfer.copy_photos(_all_ids(), dest)
    db.close()
    assert len(report.copied) == 3 and report.failed == [
        (str(tmp_path / "photos" / "photo2.jpg"), "No space left on device")
    ]
    assert sorted(p.name for p in dest.iterdir()) == ["photo1.jpg", "photo3.jpg", "photo4.jpg"]


def test_a_full_disk_leaves_no_partial_copy(library: Path, tmp_path: Path) -> None:
    dest = tmp_path / "small-disk"
    dest.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(dest)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {mounted.stderr.strip()}")
    try:
        big = tmp_path / "photos" / "photo4.jpg"
        big.write_bytes(os.urandom(64 * 1024))  # larger than the whole disk
        db = open_database(library)
        report = transfer.copy_photos(_all_ids(), dest)
        db.close()
        assert [Path(p).name for p in report.copied] == ["photo1.jpg", "photo2.jpg", "photo3.jpg"]
        assert report.failed == [(str(big), "No space left on device")]
        assert sorted(p.name for p in dest.iterdir()) == ["photo1.jpg", "photo2.jpg", "photo3.jpg"]
    finally:
        subprocess.run(["umount", str(dest)], check=True)


def test_a_destination_that_is_a_file_gives_one_line(library: Path, tmp_path: Path, capsys) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine")
    data_dir = str(library.parent)
    for dest in (a_file, a_file / "sub"):
        assert (
            main(["--data-dir", data_dir, "export", "photos", "--album", "Local", str(dest)]) == 1
        )
        err = capsys.readouterr().err.strip()
        assert "\n" not in err and "Traceback" not in err and "a file, not a folder" in err, err
    assert main(["--data-dir", data_dir, "export", "library", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "is a folder" in err, err
    assert main(["--data-dir", data_dir, "export", "library", str(a_file / "names.json")]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "is a file, not a folder" in err, err
    assert a_file.read_text() == "mine"


def test_a_pipe_in_a_photos_place_is_skipped_not_waited_on(library: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "photos" / "photo2.jpg"
    fifo.unlink()
    os.mkfifo(fifo)
    dest = tmp_path / "out"
    db = open_database(library)
    report = transfer.copy_photos(_all_ids(), dest)
    db.close()
    assert len(report.copied) == 3
    assert report.failed == [(str(fifo), "a named pipe, not a photo file")]
    assert sorted(p.name for p in dest.iterdir()) == ["photo1.jpg", "photo3.jpg", "photo4.jpg"]
