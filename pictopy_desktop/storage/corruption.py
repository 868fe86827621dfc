"""Telling a damaged library file from other database errors, and saying so in one sentence."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import peewee

SQLITE_HEADER = b"SQLite format 3\x00"  # the first 16 bytes of every SQLite database file
_CORRUPTION_WORDS = ("malformed", "file is not a database")


def is_corruption(exc: BaseException) -> bool:
    """True for SQLite's "file is not a database" / "database disk image is malformed"."""
    return isinstance(exc, (peewee.DatabaseError, sqlite3.DatabaseError)) and any(
        word in str(exc).lower() for word in _CORRUPTION_WORDS
    )


def corrupt_message(path: Path, exc: BaseException | str) -> str:
    """The one sentence for a damaged library, with the way out."""
    return (
        f"The library database {path} is damaged ({exc}): run `pictopy repair` to restore the latest "
        "backup or rebuild it from what can still be read (your photos are not touched)."
    )
