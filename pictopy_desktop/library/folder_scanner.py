"""Walking library folders: regular files only, links kept inside the library, one path per file.

A candidate is a regular file that looks like a photo or a video by extension or content.
Hostile things a folder can hold are skipped with a reason instead of being read: named
pipes (reading one waits for ever), sockets and devices (``/dev/zero`` never ends), links
that lead outside the library folders (a link to ``/`` would walk the whole system) and
link loops. Paths come back resolved (``os.path.realpath``) and each file, by
(device, inode), once: a photo reached through two links is one photo.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pictopy_desktop.library.image_decode import (
    IMAGE_EXTENSIONS,
    file_kind,
    image_format_of,
    read_head,
)
from pictopy_desktop.library.raw_decode import RAW_EXTENSIONS, raw_format_of
from pictopy_desktop.library.video_decode import VIDEO_EXTENSIONS, video_container_of
from pictopy_desktop.paths import is_pictopy_folder

log = logging.getLogger(__name__)

_MEDIA_EXTENSIONS = IMAGE_EXTENSIONS | VIDEO_EXTENSIONS | RAW_EXTENSIONS

LINK_OUTSIDE = "link leads outside the library folders"
LINK_BROKEN = "link leads nowhere (its target is missing or a link loop)"
OWN_FOLDER = "a PictoPy library's own folder (thumbnails or backups), not photos"


def is_media_candidate(path: Path) -> bool:
    """A photo or video by extension, else by content (one read of the file's first bytes)."""
    return _is_media(path.name, str(path))


def _is_media(name: str, path: str) -> bool:
    # On plain strings: building a Path for every file listed costs more than the walk itself.
    if os.path.splitext(name)[1].lower() in _MEDIA_EXTENSIONS:
        return True
    head = read_head(Path(path))
    return (
        image_format_of(head) is not None
        or video_container_of(head) is not None
        or raw_format_of(head) is not None
    )


@dataclass
class ScanResult:
    candidates: list[Path] = field(default_factory=list)
    # (path, reason) for folders that could not be read
    errors: list[tuple[str, str]] = field(default_factory=list)
    non_images: int = 0
    # (path, reason) for things deliberately not read: pipes, sockets, devices, links out or in a loop
    skipped: list[tuple[str, str]] = field(default_factory=list)


def _inside_pictopy_folder(path: str) -> bool:
    """Whether ``path`` or a folder above it is PictoPy's own (a thumbnails subfolder given
    to index directly)."""
    while True:
        if is_pictopy_folder(path):
            return True
        parent = os.path.dirname(path)
        if parent == path:
            return False
        path = parent


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _inside(path: str, roots: Sequence[str]) -> bool:
    """Whether the resolved ``path`` is one of ``roots`` or lies under one."""
    return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


class _Walk:
    """One walk: what was seen (folders and files by identity) and what was found."""

    def __init__(self, library_roots: Sequence[str], own_folders: Sequence[Path] = ()) -> None:
        self.roots = library_roots
        self.result = ScanResult()
        self.own: set[tuple[int, int]] = set()
        for folder in own_folders:
            try:
                st = os.stat(folder)
            except OSError:
                continue  # not made yet: nothing of ours in it
            self.own.add((st.st_dev, st.st_ino))
        self.seen_dirs: set[tuple[int, int]] = set()
        self.seen_files: set[tuple[int, int]] = set()
        self.seen_paths: set[str] = set()

    def skip(self, path: str, reason: str) -> None:
        log.info("Skipped %s: %s", path, reason)
        self.result.skipped.append((path, reason))

    def folder_error(self, path: str, exc: OSError) -> None:
        reason = (
            "permission denied" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
        )
        self.result.errors.append((path, f"folder unreadable: {reason}"))

    def enter(self, path: str, st: os.stat_result) -> bool:
        """Whether the folder at ``path`` is new to this walk (a loop or second link is not)."""
        key = (st.st_dev, st.st_ino)
        if key in self.seen_dirs:
            return False
        self.seen_dirs.add(key)
        if key in self.own or is_pictopy_folder(path):
            self.skip(path, OWN_FOLDER)
            return False
        return True

    def file(self, path: str, name: str, key: tuple[int, int]) -> bool:
        """Whether this regular file (``key``: its device and inode) is a new candidate; else it is counted."""
        # By path too: some file systems (overlayfs) list other inode numbers than stat gives.
        if key in self.seen_files or path in self.seen_paths:
            return False
        self.seen_files.add(key)
        self.seen_paths.add(path)
        if _is_media(name, path):
            return True
        self.result.non_images += 1
        return False

    def link(self, path: str) -> tuple[str, os.stat_result] | None:
        """Where a link inside the library leads (resolved, with its stat), or None when it is skipped."""
        target = os.path.realpath(path)
        if not _inside(target, self.roots):
            self.skip(path, LINK_OUTSIDE)
            return None
        try:
            return target, os.stat(target)
        except OSError:
            self.skip(path, LINK_BROKEN)
            return None

    def folder(self, dirpath: str, device: int) -> list[tuple[str, int]]:
        """Handle one folder's entries (``device``: the folder's); return the subfolders to walk next."""
        try:
            with os.scandir(dirpath) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            self.folder_error(dirpath, exc)
            return []
        subdirs: list[tuple[str, int]] = []
        base = Path(dirpath)
        for entry in entries:
            if _is_hidden(entry.name):
                continue
            path = entry.path
            try:
                if not entry.is_symlink() and entry.is_file(follow_symlinks=False):
                    # The common case, from the directory listing alone: no stat per photo.
                    if self.file(path, entry.name, (device, entry.inode())):
                        self.result.candidates.append(base / entry.name)
                    continue
                if entry.is_symlink():
                    resolved = self.link(path)
                    if resolved is None:
                        continue
                    path, st = resolved
                else:
                    st = entry.stat(follow_symlinks=False)
            except OSError as exc:  # vanished or unreadable between listing and looking
                self.skip(path, f"cannot be examined ({exc.strerror or exc})")
                continue
            if stat.S_ISDIR(st.st_mode):
                if self.enter(path, st):
                    subdirs.append((path, st.st_dev))
            elif stat.S_ISREG(st.st_mode):
                if self.file(path, os.path.basename(path), (st.st_dev, st.st_ino)):
                    self.result.candidates.append(Path(path))
            else:
                self.skip(path, f"{file_kind(st.st_mode)}, not a photo file")
        return subdirs


def walk_images(
    root: Path, library_roots: Sequence[Path] | None = None, own_folders: Sequence[Path] = ()
) -> ScanResult:
    """Find every photo or video candidate under the folder ``root``.

    ``library_roots`` are the library's folders: links may lead anywhere inside them
    (default: ``root`` only). ``own_folders`` (thumbnails, backups) are PictoPy's, never
    photos, wherever the data dir is. Candidates are resolved paths, each file once.
    """
    real_root = os.path.realpath(root)
    roots = [os.path.realpath(r) for r in (library_roots or [])] or [real_root]
    if not _inside(real_root, roots):
        roots.append(real_root)
    walk = _Walk(roots, own_folders)
    try:
        st = os.stat(real_root)
    except OSError as exc:
        walk.folder_error(real_root, exc)
        return walk.result
    if _inside_pictopy_folder(real_root):
        walk.skip(real_root, OWN_FOLDER)
        return walk.result
    if not walk.enter(real_root, st):
        return walk.result
    stack = [(real_root, st.st_dev)]
    while stack:
        # Depth first, in name order: children pushed reversed so the first is walked first.
        stack.extend(reversed(walk.folder(*stack.pop())))
    return walk.result
