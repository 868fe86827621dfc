"""Expected errors as one sentence a user can act on; the CLI and the app's notifications share it.

``explain(exc)`` gives the sentence for an error PictoPy expects to meet (its own
``PictoPyError``, an ``OSError`` from the file system, a SQLite error such as a locked
or full database) and None for anything else, which is a bug and gets a traceback.
No Qt here: the command line uses it too.
"""

from __future__ import annotations

import errno
import sqlite3

import peewee

from pictopy_desktop.errors import PictoPyError

DISK_FULL = "The disk{where} is full: free some space and try again."
LIBRARY_BUSY = (
    "Another program is busy with the library: wait for it to finish (or close it) and try again."
)

_SQLITE_ERRORS = (sqlite3.Error, peewee.PeeweeException)


def _where(exc: OSError) -> str:
    return f" ({exc.filename})" if exc.filename else ""


def _names(exc: OSError) -> str:
    """The file(s) an OSError is about, as the user should see them (a rename names both)."""
    if exc.filename is None:
        return "a file"
    if getattr(exc, "filename2", None) is not None:
        return f"{exc.filename} or {exc.filename2}"
    return str(exc.filename)


def explain_os_error(exc: OSError) -> str:
    """One sentence for a file-system error, chosen by its errno."""
    name = _names(exc)
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return DISK_FULL.format(where=f" holding {exc.filename}" if exc.filename else "")
    if code in (errno.EACCES, errno.EPERM):
        return (
            f"Permission denied on {name}: give your user access to it, or choose another location."
        )
    if code == errno.EROFS:
        return f"{name} is on a read-only disk: choose a writable location (for the library: --data-dir DIR)."
    if code == errno.ENOTDIR:
        return f"{name} is not a folder (a file is in its path): move that file or choose another location."
    if code == errno.EISDIR:
        return f"{name} is a folder where PictoPy needs a file: move it away or choose another location."
    if code == errno.EEXIST:
        return f"{name} already exists: move it away or choose another name."
    if code == errno.ENOENT:
        return f"{name} does not exist: check the path (is its disk plugged in?)."
    if code == errno.ENAMETOOLONG:
        return f"The name {name} is too long for this file system: use a shorter name or path."
    if code == errno.EIO:
        return f"The disk could not read or write {name} (input/output error): check the disk or its connection."
    if code in (errno.ETIMEDOUT, getattr(errno, "EHOSTDOWN", -1), getattr(errno, "ESTALE", -1)):
        return f"{name} cannot be reached ({exc.strerror}): check the network drive and try again."
    reason = exc.strerror or type(exc).__name__
    return f"{reason} on {name}: check it and try again."


def explain_database_error(exc: BaseException) -> str | None:
    """One sentence for a SQLite error (peewee's or sqlite3's), or None for one that is a bug."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return LIBRARY_BUSY
    if "full" in text:
        return DISK_FULL.format(where=" holding the library")
    if "readonly" in text or "read-only" in text:
        return "The library database is read-only: give your user write access to the data dir, or choose another with --data-dir."
    if "disk i/o error" in text:
        return "The disk could not read or write the library database (disk I/O error): check the disk and try again."
    if "unable to open database" in text:
        return (
            "The library database cannot be opened: check that the data dir exists and is writable."
        )
    # Imported here: `pictopy models` (and the ML layer behind it) loads no storage code.
    from pictopy_desktop.storage.corruption import corrupt_message, is_corruption

    if is_corruption(exc):
        return corrupt_message(None, exc)
    return None


def explain(exc: BaseException) -> str | None:
    """The one-sentence message for an expected error, or None when ``exc`` is unexpected (a bug)."""
    if isinstance(exc, PictoPyError):
        return str(exc)
    if isinstance(exc, OSError):
        return explain_os_error(exc)
    if isinstance(exc, _SQLITE_ERRORS):
        return explain_database_error(exc)
    if isinstance(exc, MemoryError):
        return "PictoPy ran out of memory: close other programs and try again."
    if isinstance(exc, OverflowError) and "sqlite integer" in str(exc).lower():
        # A number typed as an id that no row can have: SQLite ids stop at 2**63 - 1.
        return f"No photo, person, face or trash entry has a number that large (the largest is {2**63 - 1})."
    return None
