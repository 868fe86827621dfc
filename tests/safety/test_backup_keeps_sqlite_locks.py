"""A backup taken by a process that holds the library keeps every other process's edits.

The backup checks the library file's header first. Read with ``os.open``/``os.close`` in a
process whose SQLite connection holds the file, that close dropped SQLite's POSIX locks:
the next process to close its connection took itself for the last one, checkpointed and
deleted the WAL under the first, whose later writes put back pages the other had changed.
A tester lost four of six renames made during one ``pictopy index`` this way, and twice
the file's indexes were damaged. Now a file open through SQLite is never opened otherwise.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pictopy_desktop.library.service import Library
from pictopy_desktop.people import people_ops
from pictopy_desktop.storage.backup import make_backup
from pictopy_desktop.storage.tables import Person

REPO = Path(__file__).resolve().parents[2]


def test_a_backup_in_a_process_holding_the_library_loses_no_edit_of_another(
    data_dir: Path, no_models: Path
) -> None:
    db_path = data_dir / "library.sqlite3"
    with Library():
        joe = Person.create(name="Joe", user_named=True).id
        eric = Person.create(name="Eric", user_named=True).id
    lib = Library()  # the app, or `pictopy index`, holding the library open
    try:
        make_backup(db_path, "daily")  # what it does at start, once a day
        for i in range(3):
            subprocess.run(
                [sys.executable, "-m", "pictopy_desktop", "people", "rename", str(joe), f"Joe{i}"],
                cwd=REPO,
                check=True,
                capture_output=True,
            )
            people_ops.rename_person(eric, f"Eric{i}")  # an edit of its own meanwhile
            assert Path(f"{db_path}-wal").exists()  # the other process left it in place
    finally:
        lib.close()
    con = sqlite3.connect(db_path)
    try:
        names = dict(con.execute("SELECT id, name FROM person").fetchall())
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    assert (names[joe], names[eric]) == ("Joe2", "Eric2")


def test_a_data_dir_inside_a_photo_folder_is_not_read_as_photos(
    tmp_path: Path, no_models: Path, photo_copy, monkeypatch
) -> None:
    """Indexing a folder that holds the data dir never opens the library's database outside
    SQLite (a tester's run lost edits, damaged the file and crashed the indexer with SIGBUS),
    and its thumbnails and backups are not photos (each index run added them again)."""
    from pictopy_desktop import paths
    from pictopy_desktop.storage.tables import Image

    photos = photo_copy("darknet")
    data = photos / "pictopy-data"
    data.mkdir()
    monkeypatch.setenv("PICTOPY_DATA_DIR", str(data))
    paths.set_data_dir_override(None)
    with Library() as lib:
        first = lib.index([photos])
        count = Image.select().count()
        # The database under other names too: a hard link looking like a photo, and one not.
        os.link(data / "library.sqlite3", photos / "lib.jpg")
        os.link(data / "library.sqlite3", photos / "library-snapshot.sqlite3")
        make_backup(data / "library.sqlite3", "daily")
        joe = Person.create(name="Joe", user_named=True).id
        for i in range(3):
            lib.index([photos])  # walks the data dir's folder: the database, -wal, -shm
            subprocess.run(
                [sys.executable, "-m", "pictopy_desktop", "people", "rename", str(joe), f"Joe{i}"],
                cwd=REPO,
                check=True,
                capture_output=True,
            )
            assert Path(f"{data / 'library.sqlite3'}-wal").exists()
        # No thumbnail, backup or database became a photo ("lib.jpg" is refused, unread).
        assert Image.select().where(Image.path.startswith(str(data))).count() == 0
        assert Image.select().where(~Image.path.endswith("lib.jpg")).count() == count
        linked = Image.get_or_none(Image.path.endswith("lib.jpg"))
        assert linked is None or linked.state == "failed"  # refused unread, never a photo
        assert first.failed == []
    con = sqlite3.connect(data / "library.sqlite3")
    try:
        assert con.execute("SELECT name FROM person WHERE id = ?", [joe]).fetchone()[0] == "Joe2"
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()


def test_exporting_names_never_replaces_the_library_a_photo_or_unasked_a_file(
    data_dir: Path, no_models: Path, photo_copy
) -> None:
    from pictopy_desktop.cli import main

    photos = photo_copy("darknet")
    photo = sorted(photos.rglob("*.jpg"))[0]
    before = photo.read_bytes()
    with Library() as lib:
        lib.index([photos])
    library_file = data_dir / "library.sqlite3"
    existing = data_dir / "names.json"
    existing.write_text("mine")
    # The same files under other names (a hard link, as a bind mount or a snapshot shows them).
    os.link(photo, data_dir / "photo-link.json")
    os.link(library_file, data_dir / "library-link.json")
    targets = (library_file, photo, data_dir / "photo-link.json", data_dir / "library-link.json")
    for target in (*targets, existing):
        assert main(["export", "library", str(target)]) == 1
    assert photo.read_bytes() == before and existing.read_text() == "mine"
    for target in (*targets, existing):  # --replace replaces an earlier export only
        assert main(["export", "library", "--replace", str(target)]) == 1
    assert photo.read_bytes() == before and existing.read_text() == "mine"
    with Library():
        pass  # the library still opens
    earlier = data_dir / "earlier.json"
    assert main(["export", "library", str(earlier)]) == 0
    assert main(["export", "library", "--replace", str(earlier)]) == 0
    assert earlier.read_text().startswith("{")


def test_another_librarys_thumbnails_and_backups_are_not_photos(
    tmp_path: Path, no_models: Path, photo_copy
) -> None:
    """A folder holding another PictoPy library's data dir: its thumbnails are not photos."""
    from pictopy_desktop.storage.tables import Image

    photos = photo_copy("darknet")
    other = photos / "old-library"
    with Library(other) as old:
        old.index([photos])  # the other library's thumbnails, inside the photo folder
    assert list((other / "thumbnails").rglob("*.jpg"))
    with Library(tmp_path / "mine") as lib:
        lib.index([photos])
        assert not Image.select().where(Image.path.startswith(str(other))).exists()
        assert Image.select().count() == len(list(photos.rglob("*.jpg"))) - len(
            list(other.rglob("*.jpg"))
        )


def _edits_of_another_process_are_kept(data: Path, person_id: int) -> None:
    """Another process renames ``person_id`` three times, this one renames it between: the
    other's last word stands and the write-ahead log stays in place throughout."""
    for i in range(3):
        people_ops.rename_person(person_id, f"Mine{i}")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pictopy_desktop",
                "people",
                "rename",
                str(person_id),
                f"Joe{i}",
            ],
            cwd=REPO,
            check=True,
            capture_output=True,
        )
        assert Path(f"{data / 'library.sqlite3'}-wal").exists()
    assert Person.get_by_id(person_id).name == "Joe2"


def test_a_library_closed_and_opened_again_in_one_process_keeps_every_edit(
    data_dir: Path, no_models: Path, photo_copy
) -> None:
    """Closing a library does not make its file an ordinary one again: the index's workers
    may still hold connections, and reading the file at the next open dropped their locks."""
    photos = photo_copy("darknet")
    with Library() as lib:
        lib.index([photos])
        joe = Person.create(name="Joe", user_named=True).id
    lib = Library()
    try:
        _edits_of_another_process_are_kept(data_dir, joe)
    finally:
        lib.close()


def test_the_library_swapped_in_after_the_check_is_never_closed(
    data_dir: Path, no_models: Path, monkeypatch
) -> None:
    """The library file put in a photo's place between the check and the open: the descriptor
    stays open (closing it would drop SQLite's locks) and the read is refused."""
    from pictopy_desktop.library import photo_files

    lib = Library()
    try:
        joe = Person.create(name="Joe", user_named=True).id
        swapped = data_dir / "swapped.jpg"
        os.link(data_dir / "library.sqlite3", swapped)
        monkeypatch.setattr(photo_files, "check_regular", lambda path: None)  # the race
        kept = len(photo_files._KEPT_OPEN)
        with pytest.raises(OSError, match="library database"):
            photo_files.open_regular(swapped)
        assert len(photo_files._KEPT_OPEN) == kept + 1
        _edits_of_another_process_are_kept(data_dir, joe)
    finally:
        lib.close()


def test_thumbnails_are_never_photos_in_any_layout(
    tmp_path: Path, no_models: Path, photo_copy, monkeypatch
) -> None:
    """PictoPy's thumbnails folder carries a CACHEDIR.TAG: given directly, a subfolder of it,
    or another library's in the platform layout (no library file beside it), never photos."""
    from pictopy_desktop.storage.tables import Image

    photos = photo_copy("darknet")
    with Library(tmp_path / "first") as first:
        first.index([photos])
        thumbs = first.thumbnails_dir
    assert (thumbs / "CACHEDIR.TAG").read_bytes().startswith(b"Signature: 8a477f597d28d172")
    nested = photos / "cache" / "PictoPy"  # a platform-layout cache inside the photo folder
    nested.mkdir(parents=True)
    os.rename(thumbs, nested / "thumbnails")
    sub = next(p for p in (nested / "thumbnails").iterdir() if p.is_dir())
    with Library(tmp_path / "second") as lib:
        for root in (nested / "thumbnails", sub, photos):
            lib.index([root])
        assert not Image.select().where(Image.path.startswith(str(nested))).exists()
        assert Image.select().count() == len(list(photos.rglob("*.jpg"))) - len(
            list(nested.rglob("*.jpg"))
        )


def test_a_data_dir_renamed_away_and_back_stays_guarded(data_dir: Path, no_models: Path) -> None:
    """The library is known by the file SQLite opened, not only by its path: renamed away
    while held, its file under the new name (and back) is still never opened outside SQLite."""
    from pictopy_desktop.storage.data_files import holds_through_sqlite

    lib = Library()
    try:
        away = data_dir.with_name("data-away")
        os.rename(data_dir, away)
        assert holds_through_sqlite(away / "library.sqlite3")
        os.rename(away, data_dir)
        assert holds_through_sqlite(data_dir / "library.sqlite3")
    finally:
        lib.close()


def test_an_untagged_older_librarys_thumbnails_are_not_photos(
    tmp_path: Path, no_models: Path, photo_copy
) -> None:
    """A library made before thumbnails were tagged, nested in a photo folder: its thumbnails
    beside its library file are not photos either."""
    from pictopy_desktop.storage.tables import Image

    photos = photo_copy("darknet")
    other = photos / "old-library"
    with Library(other) as old:
        old.index([photos])
    (other / "thumbnails" / "CACHEDIR.TAG").unlink()
    with Library(tmp_path / "mine") as lib:
        lib.index([photos])
        assert not Image.select().where(Image.path.startswith(str(other))).exists()
