"""Offline is not deleted: an unplugged drive (a tmpfs unmounted) keeps every photo and what the user gave it."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from pictopy_desktop.cli import main
from pictopy_desktop.library import read_model
from pictopy_desktop.library import read_model as bq
from pictopy_desktop.library.service import Library
from pictopy_desktop.storage.tables import Image, Presence
from tests.safety.library_helpers import at, give, make_photo, user_data


class Drive:
    """A removable drive: a tmpfs mounted at ``mount_point``; unplugging keeps a copy to plug back in."""

    def __init__(self, mount_point: Path, keep: Path) -> None:
        self.mount_point = mount_point
        self.keep = keep
        self.mounted = False

    def plug(self) -> None:
        result = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(self.mount_point)],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            pytest.skip(
                f"cannot mount a tmpfs to play an unplugged drive: {result.stderr.strip() or result.returncode}"
            )
        self.mounted = True
        # Files get new inode numbers at each mount, as on FAT and exFAT drives.
        (self.mount_point / ".inode-shift").write_text("x")
        if self.keep.exists():  # the same files, times kept (a drive's content survives unplugging)
            shutil.copytree(
                self.keep, self.mount_point, dirs_exist_ok=True, copy_function=shutil.copy2
            )
            shutil.rmtree(self.keep)

    def unplug(self) -> None:
        shutil.copytree(self.mount_point, self.keep, copy_function=shutil.copy2)
        subprocess.run(["umount", str(self.mount_point)], check=True)
        self.mounted = False


@pytest.fixture
def drive(tmp_path: Path) -> Iterator[Drive]:
    if shutil.which("mount") is None:
        pytest.skip("no mount command to play an unplugged drive")
    mount_point = tmp_path / "media" / "usb"
    mount_point.mkdir(parents=True)
    d = Drive(mount_point, tmp_path / "drive-contents")
    d.plug()
    try:
        yield d
    finally:
        if d.mounted:
            subprocess.run(["umount", str(mount_point)], check=False)


@pytest.mark.parametrize("where", ["mount point", "folder on the drive"])
def test_unplugged_drive_keeps_everything_and_comes_back_whole(
    data_dir: Path, no_models: Path, drive: Drive, where: str, capsys
) -> None:
    folder = drive.mount_point if where == "mount point" else drive.mount_point / "Photos"
    a = make_photo(folder / "a.jpg", seed=1)
    b = make_photo(folder / "2023" / "b.jpg", seed=2)
    c = make_photo(folder / "2023" / "c.jpg", seed=3)
    with Library() as lib:
        assert lib.index([folder]).indexed == 3
        data = give(at(a), "Amy", "Holidays", "on the beach")
        ids = {p: at(p).id for p in (a, b, c)}
        thumbs = [lib.thumbnails_dir / at(p).thumbnail for p in (a, b, c)]

    drive.unplug()
    assert not a.exists()
    if where == "mount point":
        # Whatever sits in the bare mount point is not the drive.
        make_photo(folder / "stray.jpg", seed=9)
    with Library() as lib:
        report = lib.index([folder])  # what the app does at every start
        assert report.offline == 3 and report.missing == 0 and report.removed == 0, report.to_dict()
        assert any("offline" in m for m in report.messages), report.messages
        for p, image_id in ids.items():
            row = Image.get_by_id(image_id)
            assert row.path == str(p) and row.presence == Presence.OFFLINE
        assert Image.select().count() == 3  # the stray file was not taken for the drive's photos
        assert user_data(ids[a]) == data
        assert all(t.exists() for t in thumbs)
        # Still in the gallery and in search, flagged offline.
        shown = bq.rows_by_id(bq.ordered_ids(bq.GalleryFilter()))
        assert set(shown) == set(ids.values()) and all(r.offline for r in shown.values())
        assert read_model.search("Amy")["count"] == 1
        # A second start with the drive still away changes nothing.
        again = lib.index([folder])
        assert again.offline == 0 and again.missing == 0 and Image.select().count() == 3

    assert main(["status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert sorted(o["path"] for o in status["offline"]) == sorted(str(p) for p in ids)
    assert all(o["since"] for o in status["offline"]) and status["missing"] == []

    if where == "mount point":
        (folder / "stray.jpg").unlink()
    drive.plug()
    with Library() as lib:
        report = lib.index([folder])
        assert report.returned == 3 and report.indexed == 0 and report.offline == 0, (
            report.to_dict()
        )
        for p, image_id in ids.items():
            row = at(p)
            assert (
                row.id == image_id
                and row.presence == Presence.PRESENT
                and row.missing_since is None
            )
        assert user_data(ids[a]) == data

        # With the drive there, a photo deleted from it is confirmed gone: missing, not offline.
        b.unlink()
        report = lib.index([folder])
        assert report.missing == 1 and report.offline == 0, report.to_dict()
        assert Image.get_by_id(ids[b]).presence == Presence.MISSING


def test_nested_drive_inside_a_library_folder(
    data_dir: Path, no_models: Path, drive: Drive, tmp_path: Path
) -> None:
    """A drive mounted inside a library folder: its photos go offline, the folder's own stay."""
    library = drive.mount_point.parent  # media/, which holds the mount point usb/
    home = make_photo(library / "home.jpg", seed=4)
    away = make_photo(drive.mount_point / "away.jpg", seed=5)
    with Library() as lib:
        assert lib.index([library]).indexed == 2
        data = give(at(away), "Bob", "Trip", "far away")
    drive.unplug()
    with Library() as lib:
        report = lib.index([library])
        assert report.offline == 1 and report.missing == 0, report.to_dict()
        assert at(away).presence == Presence.OFFLINE and at(home).presence == Presence.PRESENT
        assert user_data(at(away).id) == data
    drive.plug()
    with Library() as lib:
        assert lib.index([library]).returned == 1
        assert at(away).presence == Presence.PRESENT and user_data(at(away).id) == data
