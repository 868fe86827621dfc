"""A backup taken by a process that holds the library keeps every other process's edits.

The backup checks the library file's header first. Read with ``os.open``/``os.close`` in a
process whose SQLite connection holds the file, that close dropped SQLite's POSIX locks:
the next process to close its connection took itself for the last one, checkpointed and
deleted the WAL under the first, whose later writes put back pages the other had changed.
A tester lost four of six renames made during one ``pictopy index`` this way, and twice
the file's indexes were damaged. Now a file open through SQLite is never opened otherwise.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

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
