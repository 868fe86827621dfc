"""The library file itself: refused when it is not a library, backed up, repaired when damaged."""

from __future__ import annotations

import datetime as dt
import os
import random
import sqlite3
import subprocess
from pathlib import Path

import pytest

from pictopy_desktop.cli import main
from pictopy_desktop.errors import CorruptLibraryError, DatabaseError
from pictopy_desktop.storage import backup
from pictopy_desktop.storage.database import open_database
from pictopy_desktop.storage.migrations import LATEST_VERSION
from pictopy_desktop.storage.tables import Album, AlbumImage, Face, Image, LibraryFolder, Person
from tests.old_schemas import strip_v6

IMAGES = 3000


def _make_library(data_dir: Path) -> Path:
    """A real library with a named person, an album and enough photos to span hundreds of pages."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "library.sqlite3"
    db = open_database(path)
    with db.atomic():
        folder = LibraryFolder.create(path="/photos")
        ann = Person.create(name="Ann", user_named=True)
        album = Album.create(name="Trip")
        for i in range(IMAGES):
            img = Image.create(
                path=f"/photos/{'x' * 120}-{i:05d}.jpg",
                folder=folder,
                size=1000 + i,
                mtime=1.0,
                content_hash=f"{i:032x}",
                state="done",
            )
            if i % 100 == 0:
                Face.create(
                    image=img, x1=0, y1=0, x2=9, y2=9, score=0.9, person=ann, confirmed=True
                )
                AlbumImage.create(album=album, image=img)
    db.close()  # the last connection checkpoints the WAL into the file
    return path


def _corrupt_middle(path: Path, pages: int = 6) -> bytes:
    """Overwrite ``pages`` pages in the middle of the file with noise; returns the damaged bytes."""
    data = bytearray(path.read_bytes())
    page_size = 4096
    middle = len(data) // page_size // 2
    rng = random.Random(7)
    for page in range(middle, middle + pages):
        data[page * page_size : (page + 1) * page_size] = rng.randbytes(page_size)
    path.write_bytes(bytes(data))
    return bytes(data)


def _one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err, err
    return err


@pytest.mark.parametrize(
    "content",
    [b"", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(5000)],
    ids=["zero-byte", "not-sqlite"],
)
def test_a_file_that_is_not_a_library_is_refused_and_untouched(
    tmp_path: Path, capsys, content: bytes
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    library = data_dir / "library.sqlite3"
    library.write_bytes(content)
    assert main(["--data-dir", str(data_dir), "status"]) == 1
    err = _one_line_error(capsys)
    assert str(library) in err and "pictopy repair" in err
    with pytest.raises(CorruptLibraryError):
        open_database(library)
    assert library.read_bytes() == content  # byte for byte: never replaced by an empty library
    assert sorted(p.name for p in data_dir.iterdir()) == ["library.sqlite3"]


def test_another_programs_sqlite_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (body TEXT)")
    con.execute("INSERT INTO notes VALUES ('keep me')")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(CorruptLibraryError, match="another program"):
        open_database(path)
    assert path.read_bytes() == before


@pytest.mark.slow
def test_damaged_library_gives_a_message_and_repair_restores_the_latest_backup(
    tmp_path: Path, capsys
) -> None:
    data_dir = tmp_path / "data"
    library = _make_library(data_dir)
    assert main(["--data-dir", str(data_dir), "backup"]) == 0
    damaged = _corrupt_middle(library)
    capsys.readouterr()

    # A one-letter word: too short for the search index, so every photo's row is read.
    assert main(["--data-dir", str(data_dir), "search", "x"]) == 1
    err = _one_line_error(capsys)
    assert "damaged" in err and "pictopy repair" in err

    # Without a terminal and without --yes, repair only says what it would do.
    assert main(["--data-dir", str(data_dir), "repair"]) == 1
    assert "pictopy repair --yes" in _one_line_error(capsys)
    assert library.read_bytes() == damaged

    assert main(["--data-dir", str(data_dir), "repair", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "Restored the backup" in out
    kept = [
        p
        for p in data_dir.iterdir()
        if ".damaged-" in p.name and not p.name.endswith(("-wal", "-shm"))
    ]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged  # never deleted
    db = open_database(library)
    assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert Person.get(Person.name == "Ann").user_named
    assert Album.get(Album.name == "Trip").entries.count() == IMAGES // 100
    assert Image.select().count() == IMAGES
    db.close()
    assert main(["--data-dir", str(data_dir), "repair"]) == 0
    assert "nothing to repair" in capsys.readouterr().out


@pytest.mark.slow
def test_without_a_backup_repair_rebuilds_keeping_every_readable_row(
    tmp_path: Path, capsys
) -> None:
    data_dir = tmp_path / "data"
    library = _make_library(data_dir)
    damaged = _corrupt_middle(library)
    assert main(["--data-dir", str(data_dir), "repair", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "Rebuilt the library" in out and "pictopy index" in out
    kept = [
        p
        for p in data_dir.iterdir()
        if ".damaged-" in p.name and not p.name.endswith(("-wal", "-shm"))
    ]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    db = open_database(library)
    assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert Person.get(Person.name == "Ann").user_named
    assert Album.get(Album.name == "Trip")
    images = Image.select().count()
    assert IMAGES // 2 < images < IMAGES  # the damaged pages' rows are gone, the rest kept
    assert Image.get(Image.path == f"/photos/{'x' * 120}-00000.jpg").content_hash == f"{0:032x}"
    assert Face.select().where(Face.person.is_null(False)).count() >= 1
    db.close()


def test_a_backup_is_made_before_a_migration(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    open_database(path).close()
    # Make it a schema v3 library (before file identity and trash records).
    con = sqlite3.connect(path)
    strip_v6(con)
    # Schema v5 columns and tables (rotation, ratings, keywords...).
    con.execute("DROP INDEX IF EXISTS image_rating")
    con.execute("DROP TABLE keyword")
    for column in (
        "rotation",
        "rating",
        "color_label",
        "title",
        "utc_offset_min",
        "companion_path",
    ):
        con.execute(f"ALTER TABLE image DROP COLUMN {column}")
    con.execute("ALTER TABLE face DROP COLUMN source")
    for index in ("image_presence", "image_device_inode"):
        con.execute(f"DROP INDEX IF EXISTS {index}")
    con.execute("DROP TABLE trash_record")
    con.execute("ALTER TABLE library_folder DROP COLUMN device")
    for column in ("device", "inode", "ctime", "presence", "missing_since"):
        con.execute(f"ALTER TABLE image DROP COLUMN {column}")
    con.execute(
        "INSERT INTO image (path, size, mtime, orientation, state, added_at, favourite, media_type) "
        "VALUES ('/p/a.jpg', 1, 1.0, 1, 'done', '2020-01-01', 1, 'photo')"
    )
    con.execute(
        "INSERT INTO person (name, user_named, hidden, created_at) VALUES ('Ann', 1, 0, '2020-01-01')"
    )
    con.execute("PRAGMA user_version = 3")
    con.commit()
    con.close()
    assert backup.list_backups(path) == []

    open_database(path).close()

    (made,) = backup.list_backups(path)
    assert made.reason == f"before-v{LATEST_VERSION}"  # named after the version it upgrades to
    old = sqlite3.connect(made.path)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 3
    assert old.execute("SELECT name FROM person").fetchall() == [("Ann",)]
    old.close()
    open_database(path).close()  # no migration, no new backup
    assert len(backup.list_backups(path)) == 1


def test_a_full_disk_during_the_upgrade_backup_leaves_nothing_behind(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    library = _make_library(data_dir)
    con = sqlite3.connect(library)
    strip_v6(con)  # a v5 library: opening it upgrades, after a backup
    con.commit()
    con.close()
    before = library.read_bytes()
    folder = backup.backups_dir(library)
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {mounted.stderr.strip()}")
    try:
        with pytest.raises(DatabaseError, match="Could not back up the library"):
            open_database(library)
        assert list(folder.iterdir()) == []  # no half-made backup, no journal of one
    finally:
        subprocess.run(["umount", str(folder)], check=True)
    assert library.read_bytes() == before  # not upgraded without its backup


def test_backups_keep_the_newest_few_and_fall_due_daily(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    open_database(path).close()
    assert backup.backup_is_due(path)
    made = [backup.make_backup(path, "manual") for _ in range(backup.KEEP + 2)]
    listed = backup.list_backups(path)
    assert [b.path for b in listed] == made[::-1][: backup.KEEP]  # newest first, oldest pruned
    assert not backup.backup_is_due(path)
    assert backup.backup_is_due(path, now=dt.datetime.now() + dt.timedelta(days=1, seconds=1))
    assert backup.backup_if_due(path) is None
    stale = path.parent / "backups" / "library-20200101-000000.sqlite3.partial"  # a killed backup
    stale.write_bytes(b"half")
    os.utime(stale, (1e9, 1e9))
    backup.make_backup(path, "manual")
    assert not stale.exists()


@pytest.mark.slow
def test_a_damaged_library_never_pushes_good_backups_out(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    library = _make_library(data_dir)
    good = backup.make_backup(library, "manual")
    _corrupt_middle(library)
    with pytest.raises(CorruptLibraryError, match="pictopy repair"):
        backup.make_backup(library, "daily")
    library.write_bytes(b"")  # an empty file would back up as a sound, empty database
    with pytest.raises(CorruptLibraryError, match="empty"):
        backup.make_backup(library, "daily")
    assert [b.path for b in backup.list_backups(library)] == [good]
    assert not any(p.name.endswith(".partial") for p in good.parent.iterdir())


@pytest.mark.slow
def test_repair_asks_on_a_terminal_and_no_changes_nothing(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    import io
    import sys

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    data_dir = tmp_path / "data"
    library = _make_library(data_dir)
    damaged = _corrupt_middle(library)
    monkeypatch.setattr(sys, "stdin", Terminal("n\n"))
    assert main(["--data-dir", str(data_dir), "repair"]) == 1
    out = capsys.readouterr().out
    assert (
        "Rebuild the library from every row that can still be read (there is no good backup)" in out
    )
    assert "Nothing was changed." in out and library.read_bytes() == damaged
    monkeypatch.setattr(sys, "stdin", Terminal("y\n"))
    assert main(["--data-dir", str(data_dir), "repair"]) == 0
    assert "Rebuilt the library" in capsys.readouterr().out


@pytest.mark.slow
def test_a_repair_that_cannot_finish_leaves_the_damaged_file_in_place(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    import os as os_module

    data_dir = tmp_path / "data"
    library = _make_library(data_dir)
    assert main(["--data-dir", str(data_dir), "backup"]) == 0
    damaged = _corrupt_middle(library)
    real_replace = os_module.replace

    def refuse_the_swap(src, dst, *args, **kwargs):
        if str(dst) == str(library):
            raise OSError(5, "Input/output error", str(dst))
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os_module, "replace", refuse_the_swap)
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "repair", "--yes"]) == 1
    err = capsys.readouterr().err.strip()
    assert "Could not restore" in err and "left as it was" in err and "\n" not in err
    assert library.read_bytes() == damaged  # still there, as it was
    assert not [p for p in data_dir.iterdir() if ".damaged-" in p.name or ".restoring" in p.name]


def test_indexing_from_the_command_line_keeps_a_daily_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A user who never opens the app still has a backup to repair from."""
    from PIL import Image as PILImage

    from pictopy_desktop.storage.backup import list_backups

    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(tmp_path / "no-models"))
    photos = tmp_path / "photos"
    photos.mkdir()
    PILImage.new("RGB", (32, 32), (200, 30, 30)).save(photos / "a.jpg")
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "index", str(photos)]) == 0
    assert list_backups(data / "library.sqlite3") == []  # nothing to lose yet
    assert main(["--data-dir", str(data), "index", str(photos)]) == 0
    assert main(["--data-dir", str(data), "index", str(photos)]) == 0
    (backup,) = list_backups(data / "library.sqlite3")  # one a day, not one a run
    con = sqlite3.connect(backup.path)
    assert con.execute("SELECT count(*) FROM image").fetchone() == (1,)
    con.close()
