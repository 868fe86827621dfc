"""Bits every CLI command shares: opening the library, printing JSON, a TTY progress bar."""

from __future__ import annotations

import json
import sys
import time
from typing import TYPE_CHECKING, Any

from pictopy_desktop.errors import PictoPyError

if TYPE_CHECKING:
    from pictopy_desktop.library.service import Library


def open_library() -> Library:
    """The library in the current data dir (imported here: `pictopy models` needs no database)."""
    from pictopy_desktop.library.service import Library

    return Library()


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


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


__all__ = ["PictoPyError", "ProgressBar", "fail", "open_library", "print_json"]
