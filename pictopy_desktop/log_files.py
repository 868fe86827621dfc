"""The log file of the app and the CLI, and where native crashes leave their trace.

Records of INFO and above go to a rotating ``pictopy.log`` in the log folder (a few
megabytes at most, older ones as ``pictopy.log.1`` ...). ``faulthandler`` writes the
Python stack of a native crash (a segfault in a decoder or a model runtime) to
``crash-native.log`` beside it, which no ``logging`` call could.
``last_problems`` reads the newest warnings and errors back for ``pictopy diagnostics``.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import re
from pathlib import Path
from typing import IO

LOG_FILE = "pictopy.log"
NATIVE_CRASH_FILE = "crash-native.log"
MAX_BYTES = 2_000_000
BACKUPS = 3
FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"
_RECORD_START = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (DEBUG|INFO|WARNING|ERROR|CRITICAL) "
)

_handler: logging.Handler | None = None
_crash_file: IO[str] | None = None


class _QuietRotatingHandler(logging.handlers.RotatingFileHandler):
    """A log file that cannot be written (disk full, removed folder) never disturbs the program."""

    def handleError(self, record: logging.LogRecord) -> None:
        pass


def start_log_files(folder: Path, level: int = logging.INFO) -> Path:
    """Log to ``folder/pictopy.log`` (rotating) and send native crash traces beside it.

    Called again with another folder (tests, ``--data-dir``), it moves both there. A
    ``faulthandler`` already enabled by someone else (``python -X faulthandler``, pytest)
    is left as it is: they asked for the trace where it goes now.
    """
    global _handler, _crash_file
    path = folder / LOG_FILE
    root = logging.getLogger()
    if _handler is not None and getattr(_handler, "baseFilename", None) == str(path):
        return path
    stop_log_files()
    if not root.handlers:
        # Nothing showed warnings on stderr but Python's last-resort handler, which a file
        # handler would silence: keep them on stderr as well.
        console = logging.StreamHandler()
        console.setLevel(logging.WARNING)
        root.addHandler(console)
    handler = _QuietRotatingHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
    )
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    if root.getEffectiveLevel() > level:
        root.setLevel(level)
    _handler = handler
    if not faulthandler.is_enabled():
        # Kept open for the process's life: faulthandler writes to its descriptor on a crash.
        _crash_file = open(folder / NATIVE_CRASH_FILE, "a", encoding="utf-8")
        faulthandler.enable(_crash_file)
    return path


def start_in_log_folder(*, create: bool) -> Path | None:
    """Start the log files in this process's log folder (``paths.folders().logs``).

    ``create=False`` starts them only where that folder exists already: a ``--data-dir``
    holds its logs inside it, and a folder not yet known to be a library (a pipe or a
    stranger's file where the database belongs) must be left exactly as it was. A log
    folder that cannot be made costs the log file, never the command.
    """
    from pictopy_desktop import paths
    from pictopy_desktop.errors import PictoPyError

    try:
        if not create and not paths.folders().logs.is_dir():
            return None
        return start_log_files(paths.log_dir())
    except (OSError, PictoPyError) as exc:
        logging.getLogger(__name__).debug("No log file: %s", exc)
        return None


def stop_log_files() -> None:
    """Close the log file and the native crash file (if this module opened them)."""
    global _handler, _crash_file
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None
    if _crash_file is not None:
        faulthandler.disable()
        _crash_file.close()
        _crash_file = None


def last_problems(folder: Path, limit: int = 10) -> list[str]:
    """The newest ``limit`` WARNING/ERROR/CRITICAL records of the log files, oldest first
    (first line of each), then any native crash trace's first lines."""
    problems: list[str] = []
    for path in sorted(folder.glob(LOG_FILE + "*"), key=_age_order):
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        for line in lines:
            match = _RECORD_START.match(line)
            if match and match.group(1) in ("WARNING", "ERROR", "CRITICAL"):
                problems.append(line)
    problems = problems[-limit:]
    try:
        native = (folder / NATIVE_CRASH_FILE).read_text(encoding="utf-8", errors="replace")
    except OSError:
        native = ""
    if native.strip():
        problems.append("Native crash trace (" + str(folder / NATIVE_CRASH_FILE) + "):")
        problems.extend(native.strip().splitlines()[-12:])
    return problems


def _age_order(path: Path) -> int:
    """pictopy.log.3 (oldest) first, pictopy.log (newest) last."""
    suffix = path.name[len(LOG_FILE) + 1 :]
    return -int(suffix) if suffix.isdigit() else 0
