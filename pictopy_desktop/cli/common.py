"""Bits every CLI command shares: opening the library, printing JSON, a TTY progress bar,
and the one place where errors, Ctrl+C and a closed pipe become an exit status.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from pictopy_desktop import __version__
from pictopy_desktop.errors import PictoPyError

if TYPE_CHECKING:
    from pictopy_desktop.library.service import Library


def open_library() -> Library:
    """The library in the current data dir (imported here: `pictopy models` needs no database)."""
    from pictopy_desktop import paths
    from pictopy_desktop.library.service import Library
    from pictopy_desktop.log_files import start_in_log_folder
    from pictopy_desktop.storage.database import needs_upgrade

    if needs_upgrade(paths.database_path()):
        # on stderr: a --json answer on stdout stays JSON
        print("Upgrading the library (a backup is made first)…", file=sys.stderr, flush=True)
    library = Library()
    start_in_log_folder(create=True)  # the data dir holds a library: its log folder may be made
    try:
        follow_time_zone_now(library)
    except BaseException:  # Ctrl+C: the chunks done are kept; the library closes as after a command
        library.close()
        raise
    return library


def follow_time_zone_now(library: Library) -> None:
    """Finish re-sorting photos without a capture date for this time zone, before the command.

    The window re-sorts after its first paint and shows the old order meanwhile; a command
    has nothing to show meanwhile, and its answer (a month search, a list in gallery order,
    a script comparing runs) must be right in the zone it runs in. The chunks still let a
    window open on the library write between them; Ctrl+C keeps the chunks done.
    """
    from pictopy_desktop.storage.zone_resort import ZoneResort, resort_due

    if not resort_due(library.db):
        return
    if sys.stderr.isatty():
        print("Re-sorting photos without a capture date for this time zone…", file=sys.stderr)
    ZoneResort(library.db).run()


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` with ``word`` in the right number: "1 photo", "2 photos", ``plural(n, "person", "people")``."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def fail(message: str, code: int = 1) -> int:
    print(f"pictopy: {message}", file=sys.stderr)
    return code


class ProgressBar:
    """A one-line progress bar on stderr, drawn only on a terminal."""

    def __init__(self, label: str, stream=None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.start = time.monotonic()
        self._last = 0.0

    def __call__(self, done: int, total: int, current: str) -> None:
        if not self.enabled or total <= 0:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        width = 30
        filled = int(width * done / total)
        rate = done / max(now - self.start, 1e-6)
        eta = (total - done) / rate if rate > 0 else 0
        name = current[-40:]
        self.stream.write(
            f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} "
            f"{rate:4.1f}/s ETA {eta:4.0f}s {name:<40}"
        )
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


log = logging.getLogger(__name__)

EXIT_ERROR = 1  # an expected error, explained in one sentence
EXIT_BUG = 70  # an unexpected error (EX_SOFTWARE); the traceback went to a log file
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells expect after Ctrl+C
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a process killed by a closed pipe returns

DEBUG_ENV = "PICTOPY_DEBUG"


def debug_enabled() -> bool:
    """``PICTOPY_DEBUG=1``: let tracebacks through instead of one-line messages."""
    return os.environ.get(DEBUG_ENV, "").strip() not in ("", "0")


def run_guarded(command: Callable[[], int]) -> int:
    """Run ``command`` and turn whatever escapes it into a message on stderr and an exit status.

    Expected errors (``user_errors.explain``) print one sentence, exit 1; Ctrl+C exits 130;
    a closed stdout (``pictopy ... | head``) exits 141 without a word; anything else is a
    bug: one line saying where its traceback was written, exit 70.
    """
    try:
        code = command()
        sys.stdout.flush()  # a closed pipe surfaces here rather than at interpreter exit
        return code
    except BrokenPipeError:
        return _quiet_after_broken_pipe()
    except KeyboardInterrupt:
        if debug_enabled():
            raise
        return fail("stopped (Ctrl+C); what was finished is kept.", EXIT_INTERRUPTED)
    except Exception as exc:
        if debug_enabled():
            raise
        # Imported here: it loads Peewee, which `pictopy --help` must not wait for.
        from pictopy_desktop.user_errors import explain

        message = explain(exc)
        if message is not None:
            log.debug("Expected error", exc_info=True)
            return fail(message)
        where = write_crash_log(exc)
        return fail(
            f"unexpected error ({type(exc).__name__}: {exc}); the details are in {where}. "
            f"Please report it (set {DEBUG_ENV}=1 to see them here).",
            EXIT_BUG,
        )


def _quiet_after_broken_pipe() -> int:
    """Python's "Note on SIGPIPE": point stdout at devnull so the exit flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real stdout (tests swap it): nothing left to flush
        pass
    return EXIT_BROKEN_PIPE


def write_crash_log(exc: BaseException) -> Path:
    """Write ``exc``'s traceback to the log folder (else the temp dir) and return the file."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    text = (
        f"PictoPy {__version__}, {dt.datetime.now().isoformat(timespec='seconds')}\n"
        f"command: {' '.join(sys.argv)}\n\n"
        + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    )
    for folder in _log_folders():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"crash-{stamp}-{os.getpid()}.log"
            path.write_text(text, encoding="utf-8", errors="backslashreplace")
            return path
        except (OSError, PictoPyError):
            continue
    sys.stderr.write(text)  # nowhere to write it: the traceback is better on screen than lost
    return Path("stderr")


def _log_folders() -> list[Path]:
    from pictopy_desktop import paths

    folders = []
    try:
        folders.append(paths.log_dir())
    except (OSError, PictoPyError):
        pass
    folders.append(Path(tempfile.gettempdir()) / "pictopy-logs")
    return folders


class StopOnCtrlC:
    """The first Ctrl+C asks a long command to stop at its next safe point; a second one stops at once.

    ``should_stop`` is meant for the core's ``should_stop`` callbacks, so the indexer
    finishes the photos in hand, commits them and returns a cancelled report.
    """

    def __init__(self) -> None:
        self._event = threading.Event()
        self._previous: Any = None
        self._installed = False

    def __enter__(self) -> StopOnCtrlC:
        # Signal handlers can only be set from the main thread (tests may run elsewhere).
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._on_sigint)
            self._installed = True
        return self

    def __exit__(self, *exc: object) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, self._previous)
            self._installed = False

    def _on_sigint(self, signum: int, frame: FrameType | None) -> None:
        if self._event.is_set():
            raise KeyboardInterrupt
        self._event.set()
        sys.stderr.write(
            "\npictopy: stopping after the photos in hand (Ctrl+C again to stop at once)\n"
        )
        sys.stderr.flush()

    @property
    def pressed(self) -> bool:
        return self._event.is_set()

    def should_stop(self) -> bool:
        return self._event.is_set()


class ProgressTracker:
    """A progress callback that remembers where a run got to, and passes it on."""

    def __init__(self, inner: Callable[[int, int, str], None] | None = None) -> None:
        self.inner = inner
        self.done = 0
        self.total = 0

    def __call__(self, done: int, total: int, current: str) -> None:
        self.done, self.total = done, total
        if self.inner is not None:
            self.inner(done, total, current)

    @property
    def left(self) -> int:
        return max(0, self.total - self.done)


__all__ = [
    "EXIT_INTERRUPTED",
    "PictoPyError",
    "ProgressBar",
    "ProgressTracker",
    "StopOnCtrlC",
    "fail",
    "open_library",
    "plural",
    "print_json",
    "run_guarded",
]
