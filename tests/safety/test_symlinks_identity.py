"""One file, one photo, as the scanner sees it: resolved paths, each (device, inode) once,
links followed inside the library and never out of it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from pictopy_desktop.library.folder_scanner import LINK_OUTSIDE, walk_images


@pytest.fixture
def photos(tmp_path: Path, shared_photos_dir: Path) -> Path:
    folder = tmp_path / "photos"
    (folder / "2019").mkdir(parents=True)
    shutil.copy(shared_photos_dir / "darknet" / "dog.jpg", folder / "dog.jpg")
    shutil.copy(shared_photos_dir / "darknet" / "eagle.jpg", folder / "2019" / "eagle.jpg")
    return folder


def test_folder_through_a_link_gives_the_real_paths(tmp_path: Path, photos: Path) -> None:
    link = tmp_path / "link-to-photos"
    link.symlink_to(photos, target_is_directory=True)
    direct = walk_images(photos)
    through_link = walk_images(link)
    assert (
        through_link.candidates
        == direct.candidates
        == [photos / "dog.jpg", photos / "2019" / "eagle.jpg"]
    )
    assert through_link.skipped == [] and through_link.errors == []


def test_links_inside_the_library_give_each_file_once(photos: Path) -> None:
    (photos / "dog-again.jpg").symlink_to(photos / "dog.jpg")
    (photos / "albums").mkdir()
    (photos / "albums" / "best").symlink_to(photos / "2019", target_is_directory=True)
    os.link(
        photos / "dog.jpg", photos / "albums" / "hard-linked-dog.jpg"
    )  # same inode, another name
    scan = walk_images(photos)
    assert scan.candidates == [photos / "dog.jpg", photos / "2019" / "eagle.jpg"]
    assert scan.skipped == []


def test_link_to_another_library_folder_is_followed_and_outside_is_not(
    tmp_path: Path, photos: Path, shared_photos_dir: Path
) -> None:
    other = tmp_path / "other-library-folder"
    other.mkdir()
    shutil.copy(shared_photos_dir / "darknet" / "person.jpg", other / "person.jpg")
    (photos / "other").symlink_to(other, target_is_directory=True)
    assert walk_images(photos).skipped == [(str(photos / "other"), LINK_OUTSIDE)]
    scan = walk_images(photos, library_roots=[photos, other])
    assert scan.candidates == [
        photos / "dog.jpg",
        photos / "2019" / "eagle.jpg",
        other / "person.jpg",
    ]
    assert scan.skipped == []


def test_folder_added_directly_and_through_a_link_is_one_library(
    data_dir: Path, tmp_path: Path, photos: Path
) -> None:
    from pictopy_desktop.library.service import Library
    from pictopy_desktop.storage.tables import Image, LibraryFolder

    link = tmp_path / "link-to-photos"
    link.symlink_to(photos, target_is_directory=True)
    (photos / "dog-again.jpg").symlink_to(photos / "dog.jpg")
    with Library() as lib:
        report = lib.index([photos, link])
        assert report.indexed == 2 and report.failed == [] and report.skipped_files == []
        assert sorted(r.path for r in Image.select()) == sorted(
            [str(photos / "dog.jpg"), str(photos / "2019" / "eagle.jpg")]
        )
        assert [f.path for f in LibraryFolder.select()] == [str(photos)]
        again = lib.index([link])
        assert (again.indexed, again.unchanged, again.removed) == (0, 2, 0)


def test_photos_reached_through_a_link_into_another_library_folder_stay_in_theirs(
    data_dir: Path, tmp_path: Path, photos: Path, shared_photos_dir: Path
) -> None:
    """Removing the folder that holds the link leaves the other folder's photos in the library."""
    from pictopy_desktop.library.folder_ops import remove_folder
    from pictopy_desktop.library.service import Library
    from pictopy_desktop.storage.tables import Image, LibraryFolder

    other = tmp_path / "other-library-folder"
    other.mkdir()
    (photos / "other").symlink_to(other, target_is_directory=True)
    with Library() as lib:
        lib.index([other])
        # A new photo in the other folder, first seen through the link (the next scan of this one).
        shutil.copy(shared_photos_dir / "darknet" / "person.jpg", other / "person.jpg")
        report = lib.index([photos])
        assert report.indexed == 3 and report.skipped_files == []
        person = Image.get(Image.path == str(other / "person.jpg"))
        assert person.folder.path == str(other)
        remove_folder(LibraryFolder.get(LibraryFolder.path == str(photos)).id, lib.thumbnails_dir)
        assert [r.path for r in Image.select()] == [str(other / "person.jpg")]
