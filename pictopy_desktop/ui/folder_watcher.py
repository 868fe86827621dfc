"""Live library folders: changes made outside the app trigger a debounced incremental rescan.

QFileSystemWatcher reports a changed directory; several changes within the debounce
window become one rescan of the library folders they belong to. The rescan itself is the
core's incremental index (unchanged files cost one stat), so a moved photo keeps its
faces, tags, albums and names.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from pictopy_desktop.paths import is_pictopy_folder
from pictopy_desktop.ui.qt import QFileSystemWatcher, QObject, QTimer, Signal

log = logging.getLogger(__name__)

# inotify watches are a per-user budget; a huge tree falls back to watching its top levels.
MAX_WATCHED_DIRS = 4000


def folders_to_watch(roots: list[str | Path]) -> list[str]:
    """Every non-hidden folder under ``roots``, within the watch budget (walks the disk: a worker job)."""
    dirs: list[str] = []
    for root in roots:
        if not Path(root).is_dir():
            continue
        for dirpath, dirnames, _ in os.walk(root):
            # Not hidden ones, nor PictoPy's thumbnails and backups (a data dir inside a
            # photo folder): each thumbnail written would ask for a rescan.
            dirnames[:] = [
                d
                for d in dirnames
                if not d.startswith(".") and not is_pictopy_folder(os.path.join(dirpath, d))
            ]
            dirs.append(dirpath)
            if len(dirs) >= MAX_WATCHED_DIRS:
                return dirs
    return dirs


class FolderWatcher(QObject):
    """Watches library folders (recursively, within a budget) and asks for rescans."""

    rescan_requested = Signal(list)  # list[str]: library folders to rescan

    def __init__(self, debounce_ms: int = 1500, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_changed)
        self._watcher.fileChanged.connect(self._on_changed)
        self._roots: list[Path] = []
        self._pending: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._flush)

    def set_roots(self, roots: list[str | Path], dirs: list[str]) -> None:
        """Watch exactly these library folders; ``dirs`` from ``folders_to_watch`` (run it in a worker)."""
        old = self._watcher.directories() + self._watcher.files()
        if old:
            self._watcher.removePaths(old)
        self._roots = [Path(r) for r in roots]
        if dirs:
            failed = set(self._watcher.addPaths(dirs))
            if failed:
                log.info("Not watching %d folders (system limit)", len(failed))

    def watched(self) -> list[str]:
        return self._watcher.directories()

    def _root_of(self, path: str) -> str | None:
        p = Path(path)
        for root in self._roots:
            if p == root or p.is_relative_to(root):
                return str(root)
        return None

    def _on_changed(self, path: str) -> None:
        root = self._root_of(path)
        if root is None:
            return
        self._pending.add(root)
        # New subfolders need watching too.
        if os.path.isdir(path):
            try:
                subdirs = [
                    e.path
                    for e in os.scandir(path)
                    if e.is_dir() and not e.name.startswith(".") and not is_pictopy_folder(e.path)
                ]
            except OSError:
                subdirs = []
            new = [d for d in subdirs if d not in set(self._watcher.directories())]
            if new:
                self._watcher.addPaths(new)
        self._timer.start()

    def _flush(self) -> None:
        roots, self._pending = sorted(self._pending), set()
        if roots:
            self.rescan_requested.emit(roots)
