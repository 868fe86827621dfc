"""Telling a damaged library file from other database errors, and saying so in one sentence.

``check_library_file`` refuses a file that is empty, not SQLite, or another program's
database before PictoPy's own connection touches it (which would turn it into a
library, or switch it to WAL).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import peewee

from pictopy_desktop.errors import CorruptLibraryError, DatabaseError
from pictopy_desktop.storage.data_files import SQLITE_HEADER, read_library_head

_CORRUPTION_WORDS = ("malformed", "file is not a database")


def is_corruption(exc: BaseException) -> bool:
    """True for SQLite's "file is not a database" / "database disk image is malformed"."""
    return isinstance(exc, (peewee.DatabaseError, sqlite3.DatabaseError)) and any(
        word in str(exc).lower() for word in _CORRUPTION_WORDS
    )


def corrupt_message(path: Path | None, exc: BaseException | str) -> str:
    """The one sentence for a damaged library (``path``: its file, where known), with the way out."""
    where = f" {path}" if path is not None else ""
    return (
        f"The library database{where} is damaged ({exc}): run `pictopy repair` to restore the latest "
        "backup or rebuild it from what can still be read (your photos are not touched)."
    )


def check_library_file(path: Path) -> None:
    """Refuse an existing library file that is empty or not SQLite; it is never opened or changed."""
    try:
        # Non-blocking and regular files only: a named pipe here must not hang the command.
        head = read_library_head(path, len(SQLITE_HEADER))
    except FileNotFoundError:
        return  # a new library
    except OSError as exc:
        raise DatabaseError(f"Cannot read the library file {path}: {exc.strerror or exc}.") from exc
    if not head:
        raise CorruptLibraryError(
            f"The library file {path} is empty (0 bytes), so it holds no library; it was left untouched: "
            "run `pictopy repair` to restore the latest backup or start a new library."
        )
    if head != SQLITE_HEADER:
        raise CorruptLibraryError(
            f"The library file {path} is not an SQLite database; it was left untouched: "
            "run `pictopy repair` to restore the latest backup or start a new library."
        )
    _refuse_foreign_database(path)


def _refuse_foreign_database(path: Path) -> None:
    """An SQLite file of another program (tables, but no schema version) must not get our tables.

    Read through a read-only connection: PictoPy's own connection would switch it to WAL.
    """
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            tables = (
                con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
                if version == 0
                else 0
            )
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        if is_corruption(exc):
            raise CorruptLibraryError(corrupt_message(path, exc)) from exc
        return  # anything else is reported by the real open below
    if tables:
        raise CorruptLibraryError(
            f"The library file {path} is an SQLite database of another program, not a PictoPy library; it was "
            "left untouched: move it away, or run `pictopy repair` to restore the latest backup."
        )
