"""Database errors that stop an indexing run, in both phases: every later write would fail the same way.

A full disk or a read-only library file is not one photo's trouble: the run stops with
one sentence, keeping what it committed (the next run goes on from there), instead of
failing photo after photo or surfacing SQLite's own words.
"""

from __future__ import annotations

import errno

from peewee import OperationalError

from pictopy_desktop.errors import DatabaseError

DISK_FULL = (
    "The disk holding the library is full ({where}). Indexing stopped; everything indexed so far "
    "is kept. Free some space and index again to continue."
)


def disk_full_error(where: object) -> DatabaseError:
    """The error that stops a run on a full disk; ``where``: the file that could not be written."""
    return DatabaseError(DISK_FULL.format(where=where))


def is_disk_full(exc: OSError) -> bool:
    """Whether a file-system error means the disk (or the user's quota) is full."""
    return exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


def fatal_write_error(exc: OperationalError, database: object) -> DatabaseError | None:
    """The error that stops the run for a failed write to ``database``, or None for one photo's trouble."""
    text = str(exc).lower()
    if "full" in text:
        return disk_full_error(database)
    if "readonly" in text or "read-only" in text:
        return DatabaseError(f"The library database {database} is read-only: {exc}")
    return None
