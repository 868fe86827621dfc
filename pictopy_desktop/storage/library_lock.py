"""One writer per library: an OS file lock that dies with its process (no stale locks)."""

from __future__ import annotations

import os
import stat
import sys
import threading
import time
from pathlib import Path

from pictopy_desktop.errors import DataDirError, LibraryBusyError
from pictopy_desktop.storage.data_files import odd_file_message

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class LibraryLock:
    """Held while a process writes the library in bulk (indexing, re-clustering)."""

    # Locks this process holds, whichever thread took them: the app's exit releases them
    # even while the worker that holds one is stuck (``release_all``).
    _held: set[LibraryLock] = set()
    _held_guard = threading.Lock()

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._release_guard = threading.Lock()

    @classmethod
    def release_all(cls) -> int:
        """Release every lock this process holds (on the way out); returns how many."""
        with cls._held_guard:
            held = list(cls._held)
        for lock in held:
            lock.release()
        return len(held)

    def acquire(self, wait_s: float = 0.0) -> None:
        """Take the lock, waiting up to ``wait_s``; raise ``LibraryBusyError`` if it stays held."""
        fd = self._open()
        deadline = time.monotonic() + wait_s
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                holder = self._holder(fd)
                os.close(fd)
                raise LibraryBusyError(
                    f"Another PictoPy process{holder} is updating this library "
                    f"({self.path.parent}). Wait for it to finish, or close it, and try again."
                )
            time.sleep(0.2)
        try:  # the holder's pid, for the "busy" message of the next process
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
        except OSError as exc:
            _unlock(fd)
            os.close(fd)
            raise DataDirError(
                f"Cannot write the library's lock file {self.path} ({exc.strerror or exc}): "
                "check the data dir's disk, or choose another data dir with --data-dir DIR."
            ) from exc
        self._fd = fd
        with self._held_guard:
            self._held.add(self)

    def _open(self) -> int:
        """Open (creating) the lock file; refuse a folder, pipe or device in its place."""
        # Checked before opening (a folder cannot be opened for writing; a device must not be)
        # and on the descriptor; O_NONBLOCK so a pipe swapped in between cannot hang us.
        try:
            mode = os.stat(self.path).st_mode
        except FileNotFoundError:
            mode = None
        except OSError as exc:
            raise self._cannot_open(exc) from exc
        if mode is not None and not stat.S_ISREG(mode):
            raise DataDirError(odd_file_message(self.path, mode, "PictoPy's lock file"))
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | _NONBLOCK | _CLOEXEC, 0o644)
        except OSError as exc:
            raise self._cannot_open(exc) from exc
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            os.close(fd)
            raise DataDirError(odd_file_message(self.path, mode, "PictoPy's lock file"))
        return fd

    def _cannot_open(self, exc: OSError) -> DataDirError:
        return DataDirError(
            f"Cannot open the library's lock file {self.path} ({exc.strerror or exc}): "
            "check that the data dir is writable, or choose another with --data-dir DIR."
        )

    @staticmethod
    def _holder(fd: int) -> str:
        try:
            pid = os.pread(fd, 32, 0).decode().strip()
            return f" (pid {pid})" if pid.isdigit() else ""
        except OSError:
            return ""

    def release(self) -> None:
        """Give the lock back (again is harmless: the worker and the app's exit may both call it)."""
        with self._release_guard:
            fd, self._fd = self._fd, None
            with self._held_guard:
                self._held.discard(self)
            if fd is not None:
                try:
                    _unlock(fd)
                finally:
                    os.close(fd)

    def __enter__(self) -> LibraryLock:
        if self._fd is None:
            self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
