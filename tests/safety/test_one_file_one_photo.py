"""One file, one photo: links and nested folders never make a file two photos."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pictopy_desktop.library.service import Library
from pictopy_desktop.storage.tables import Image, LibraryFolder
from tests.safety.library_helpers import give, make_photo, user_data


@pytest.fixture
def photos(tmp_path: Path) -> Path:
    folder = tmp_path / "real"
    make_photo(folder / "a.jpg", seed=1)
    make_photo(folder / "sub" / "b.jpg", seed=2)
    return folder


def _paths() -> set[str]:
    return {p for (p,) in Image.select(Image.path).tuples()}


@pytest.mark.parametrize("first", ["direct", "link"])
def test_folder_added_directly_and_through_a_link(
    data_dir: Path, no_models: Path, photos: Path, tmp_path: Path, first: str
) -> None:
    link = tmp_path / "link-to-photos"
    link.symlink_to(photos, target_is_directory=True)
    order = [photos, link] if first == "direct" else [link, photos]
    with Library() as lib:
        lib.index([order[0]])
        second = lib.index([order[1]])
        assert second.indexed == 0 and second.unchanged == 2
        # Stored by real path, once; the second add says so.
        assert _paths() == {str(photos / "a.jpg"), str(photos / "sub" / "b.jpg")}
        assert [f.path for f in LibraryFolder.select()] == [str(photos)]
        if first == "direct":
            assert any(
                "through a link" in m and "nothing is added twice" in m for m in second.messages
            ), second.messages
        # Both at once: the same.
        both = lib.index([photos, link])
        assert both.indexed == 0 and Image.select().count() == 2


def test_nested_folder_add_says_so_and_adds_nothing(
    data_dir: Path, no_models: Path, photos: Path
) -> None:
    with Library() as lib:
        lib.index([photos])
        report = lib.index([photos / "sub"])
        assert report.indexed == 0
        assert any(f"inside {photos}" in m for m in report.messages), report.messages
        assert LibraryFolder.select().count() == 1 and Image.select().count() == 2


def test_parent_folder_added_later_keeps_the_photos(
    data_dir: Path, no_models: Path, photos: Path
) -> None:
    with Library() as lib:
        lib.index([photos / "sub"])
        b = Image.get(Image.path == str(photos / "sub" / "b.jpg"))
        data = give(b, "Amy", "Best", "hello")
        report = lib.index([photos])
        assert report.indexed == 1  # a.jpg only
        assert any("now holds the library folder" in m for m in report.messages), report.messages
        assert [f.path for f in LibraryFolder.select()] == [str(photos)]
        assert (
            Image.get(Image.path == str(photos / "sub" / "b.jpg")).id == b.id
            and user_data(b.id) == data
        )


def test_symlinked_and_hard_linked_files_are_one_photo(
    data_dir: Path, no_models: Path, photos: Path
) -> None:
    (photos / "alias.jpg").symlink_to(photos / "a.jpg")
    (photos / "sub" / "zz-alias-of-b.jpg").symlink_to(photos / "sub" / "b.jpg")
    os.link(photos / "a.jpg", photos / "zz-hard-link.jpg")
    with Library() as lib:
        report = lib.index([photos])
        assert report.indexed == 2, report.to_dict()
        assert _paths() == {str(photos / "a.jpg"), str(photos / "sub" / "b.jpg")}
        again = lib.index([photos])
        assert again.indexed == 0 and Image.select().count() == 2


def test_a_row_stored_through_a_link_gets_its_real_path(
    data_dir: Path, no_models: Path, photos: Path, tmp_path: Path
) -> None:
    """A library indexed before paths were resolved: its rows move to the real paths, keeping everything."""
    link = tmp_path / "link-to-photos"
    link.symlink_to(photos, target_is_directory=True)
    with Library() as lib:
        lib.index([photos])
        a = Image.get(Image.path == str(photos / "a.jpg"))
        data = give(a, "Amy", "Best", "hello")
        # What an older version stored: the folder and its photos under the link's name.
        LibraryFolder.update(path=str(link)).execute()
        for img in Image.select():
            Image.update(
                path=img.path.replace(str(photos), str(link)), device=None, inode=None
            ).where(Image.id == img.id).execute()
        report = lib.index([link])
        assert report.indexed == 0, report.to_dict()
        assert _paths() == {str(photos / "a.jpg"), str(photos / "sub" / "b.jpg")}
        assert [f.path for f in LibraryFolder.select()] == [str(photos)]
        assert Image.get(Image.path == str(photos / "a.jpg")).id == a.id and user_data(a.id) == data


def test_a_file_stored_twice_by_an_older_version_becomes_one_photo(
    data_dir: Path, no_models: Path, photos: Path, tmp_path: Path
) -> None:
    """A folder added directly and through a link before paths were resolved: two rows per file, merged keeping both's data."""
    from pictopy_desktop.storage.tables import Album, AlbumImage, Face, Person

    link = tmp_path / "link-to-photos"
    link.symlink_to(photos, target_is_directory=True)
    with Library() as lib:
        lib.index([photos])
        real_a = Image.get(Image.path == str(photos / "a.jpg"))
        # The old second copy of every row, under the link's name, as an older version stored it.
        old_folder = LibraryFolder.create(path=str(link))
        twins = {}
        for img in list(Image.select()):
            data = {k: v for k, v in img.__data__.items() if k not in ("id", "path", "folder")}
            twins[img.path] = Image.create(
                path=img.path.replace(str(photos), str(link)), folder=old_folder, **data
            )
        twin_a = twins[str(photos / "a.jpg")]
        # The user gave things to both copies: an album on the real one, a name, heart and caption on the twin.
        album = Album.create(name="Trip")
        AlbumImage.create(album=album, image=real_a)
        Face.create(image=real_a, x1=10, y1=10, x2=30, y2=30, score=0.9)
        amy = Person.create(name="Amy", user_named=True)
        Face.create(image=twin_a, x1=11, y1=10, x2=31, y2=30, score=0.9, person=amy, confirmed=True)
        Image.update(favourite=True, description="at the lake").where(
            Image.id == twin_a.id
        ).execute()
        assert Image.select().count() == 4

        report = lib.index([photos, link])
        assert any("stored twice" in m for m in report.messages), report.messages
        assert _paths() == {str(photos / "a.jpg"), str(photos / "sub" / "b.jpg")}
        assert [f.path for f in LibraryFolder.select()] == [str(photos)]
        a = Image.get(Image.path == str(photos / "a.jpg"))
        assert a.id == real_a.id and a.favourite and a.description == "at the lake"
        assert user_data(a.id).albums == ("Trip",) and user_data(a.id).names == (("Amy", True),)
        assert (
            Face.select().where(Face.image == a.id).count() == 1
        )  # the twin's face named the real one's
