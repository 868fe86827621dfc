"""The files PictoPy keeps beside its library must be regular files, checked before anything opens them.

A named pipe put where ``library.sqlite3`` or ``library.lock`` belongs would block every
command forever (opening a pipe waits for a writer); a folder named ``library.sqlite3-wal``
makes SQLite fail with a bare "disk I/O error". Each is refused here with one sentence
naming the file, and nothing in the data dir is changed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from pictopy_desktop.errors import DataDirError

LOCK_NAME = "library.lock"

# Non-blocking so that a pipe swapped in after the check still cannot hang the open.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, in words (for the reason shown to the user)."""
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def odd_file_message(path: Path, mode: int, role: str) -> str:
    """The sentence for ``path`` being a pipe, folder or device where PictoPy keeps ``role``."""
    kind = file_kind(mode)
    that = f"that {kind[2:]}" if kind.startswith("a ") else "it"
    return f"{path} is {kind}, not {role}; move {that} away and try again (nothing was changed)."


def _library_files(db_path: Path) -> list[tuple[Path, str]]:
    return [
        (db_path, "a library file"),
        (db_path.with_name(db_path.name + "-wal"), "the library's write-ahead log"),
        (db_path.with_name(db_path.name + "-shm"), "the library's shared-memory file"),
        (db_path.parent / LOCK_NAME, "PictoPy's lock file"),
    ]


def refuse_odd_library_files(db_path: Path) -> None:
    """Raise ``DataDirError`` when the library file, its ``-wal``/``-shm`` or the lock file is not a regular file.

    Missing files are fine (a new library); links are followed (a library kept elsewhere
    through a link is the user's choice). Only ``stat`` is used: nothing is opened.
    """
    for path, role in _library_files(db_path):
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise DataDirError(
                f"Cannot examine {path} ({exc.strerror or exc}): check the data dir, or choose another with --data-dir."
            ) from exc
        if not stat.S_ISREG(mode):
            raise DataDirError(odd_file_message(path, mode, role))


# Library files this process opened through SQLite. POSIX drops every lock a process holds on
# a file when the process closes any descriptor of that file: reading one with os.open/os.close
# while SQLite holds its locks let another process take this one for gone, checkpoint and
# delete the WAL under it, and its later writes undid the other's (lost edits, a damaged
# index, a SIGBUS; found by testers through the daily backup and a data dir inside a photo
# folder). So such a file is never opened outside SQLite again in this process, under any
# name: the file is recognised by what the library's paths hold now (device and inode),
# which a hard link, a bind mount or another spelling of the path shares, and which a
# deleted library's reused inode (soon a photo's) no longer matches.
_HELD: set[str] = set()  # the libraries' paths (absolute)
# Each library file's identity when opened: SQLite's own descriptor keeps it whatever its path
# holds later (a data dir renamed away and back); dropped once no descriptor has it open.
_HELD_IDS: set[tuple[int, int]] = set()
_SIDE_SUFFIXES = ("", "-wal", "-shm", "-journal")
SQLITE_HEADER = b"SQLite format 3\x00"  # the first 16 bytes of every SQLite database file


def note_open_through_sqlite(path: Path) -> None:
    """Record that this process holds ``path`` open through SQLite (see ``read_library_head``);
    its ``-wal`` and ``-shm`` with it: SQLite's locks live on them as much as on the file."""
    _HELD.add(os.path.abspath(path))
    try:
        st = os.stat(path)
    except OSError:
        return
    _HELD_IDS.add((st.st_dev, st.st_ino))


def _still_open(key: tuple[int, int]) -> bool:
    """Whether a descriptor of this process has the file ``key`` open (Linux: /proc/self/fd);
    True where that can't be told. A library file closed since, whose device and inode a new
    file took (a drive mounted again, a deleted file's inode), is not held any more."""
    fds = "/proc/self/fd"
    try:
        names = os.listdir(fds)
    except OSError:
        return True
    for name in names:
        try:
            st = os.stat(os.path.join(fds, name))
        except OSError:
            continue
        if (st.st_dev, st.st_ino) == key:
            return True
    _HELD_IDS.discard(key)
    return False


def _held_files() -> set[tuple[int, int]]:
    """(device, inode) of what the held libraries' paths and side files (-wal, -shm) hold now."""
    held: set[tuple[int, int]] = set()
    for library in _HELD:
        for suffix in _SIDE_SUFFIXES:
            try:
                st = os.stat(library + suffix)
            except OSError:
                continue  # not there now (renamed away, or not made yet)
            held.add((st.st_dev, st.st_ino))
    return held


def holds_through_sqlite(path: Path | str, st: os.stat_result | None = None) -> bool:
    """Whether ``path`` (``st``: its stat, where known) is a library file this process holds
    through SQLite, or its -wal/-shm, under whatever name: it must never be opened outside
    SQLite. A few stats per library held; nothing is opened."""
    if not _HELD:
        return False
    if st is None:
        try:
            st = os.stat(path)
        except OSError:
            return False
    key = (st.st_dev, st.st_ino)
    # The library's file as opened, wherever it is now, while SQLite still has it open.
    return key in _held_files() or (key in _HELD_IDS and _still_open(key))


def read_library_head(path: Path, size: int) -> bytes:
    """The first ``size`` bytes of the library file, opened without blocking and only if it is a regular file.

    A file this process holds open through SQLite is not opened again (closing that
    descriptor would drop SQLite's locks): its header is taken for SQLite's unless it is
    empty, and what else is wrong with it SQLite's own reading finds.
    Raises ``FileNotFoundError`` when it is absent, ``DataDirError`` when it is a pipe,
    folder or device (even one swapped in after the check), ``OSError`` otherwise.
    """
    st = os.stat(path)
    if holds_through_sqlite(path, st) and stat.S_ISREG(st.st_mode):
        # Emptied since (its size says so); anything else SQLite's own reading judges.
        return SQLITE_HEADER[:size] if st.st_size else b""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise DataDirError(odd_file_message(path, mode, "a library file"))
        return os.pread(fd, size, 0)
    finally:
        os.close(fd)
