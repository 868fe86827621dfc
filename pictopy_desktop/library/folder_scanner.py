"""Walking library folders: recursive, hidden dirs skipped, symlink loops survived.

A candidate is a file that looks like a photo or a video by extension or content."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from pictopy_desktop.library.image_decode import IMAGE_EXTENSIONS, image_format_of, read_head
from pictopy_desktop.library.video_decode import VIDEO_EXTENSIONS, video_container_of

_MEDIA_EXTENSIONS = IMAGE_EXTENSIONS | VIDEO_EXTENSIONS


def is_media_candidate(path: Path) -> bool:
    """A photo or video by extension, else by content (one read of the file's first bytes)."""
    if path.suffix.lower() in _MEDIA_EXTENSIONS:
        return True
    head = read_head(path)
    return image_format_of(head) is not None or video_container_of(head) is not None


@dataclass
class ScanResult:
    candidates: list[Path] = field(default_factory=list)
    # (path, reason) for folders that could not be read
    errors: list[tuple[str, str]] = field(default_factory=list)
    non_images: int = 0


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def walk_images(root: Path) -> ScanResult:
    """Find every image candidate under ``root`` (a folder), recording unreadable dirs."""
    result = ScanResult()
    seen_dirs: set[tuple[int, int]] = set()

    def onerror(exc: OSError) -> None:
        reason = "permission denied" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
        result.errors.append((str(exc.filename or root), f"folder unreadable: {reason}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror, followlinks=True):
        try:
            st = os.stat(dirpath)
        except OSError as exc:
            onerror(exc)
            dirnames[:] = []
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:  # a symlink loop, or a second link to a folder already walked
            dirnames[:] = []
            continue
        seen_dirs.add(key)
        dirnames[:] = sorted(d for d in dirnames if not _is_hidden(d))
        for name in sorted(filenames):
            if _is_hidden(name):
                continue
            path = Path(dirpath) / name
            if is_media_candidate(path):
                result.candidates.append(path)
            else:
                result.non_images += 1
    return result

