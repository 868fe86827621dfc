"""Moving the files of the one-folder layout to the folders the platform expects, once.

Up to 0.1 everything lived in the data folder: settings, the window's state, thumbnails
and logs beside the library. They now go to the config, cache and log folders
(``paths.Folders.platform``); the library database, its backups and the models stay.

Nothing is lost, whatever happens: an item is renamed where it can be (one step on the
same volume); otherwise it is copied beside its new place under a temporary name,
compared byte for byte, renamed into place, and only then removed from the old one. A
crash at any point leaves either the old copy whole, or the new one whole (and the old
one removed on the next start); a half-made copy is never used and is cleared next time.
"""

from __future__ import annotations

import errno
import filecmp
import logging
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pictopy_desktop.paths import Folders

log = logging.getLogger(__name__)

PARTIAL = ".partial-move"  # suffix of a copy not yet verified: never used, cleared next time


@dataclass
class MoveReport:
    """What one pass moved, and what it could not (each with its reason)."""

    moved: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def message(self, new: Folders) -> str | None:
        """One line for the user, or None when nothing was there to move."""
        if not self.moved and not self.failed:
            return None
        parts = []
        if self.moved:
            parts.append(
                f"PictoPy moved its {_words(self.moved)} to the folders this system expects "
                f"(settings: {new.config}, thumbnails: {new.cache}, logs: {new.logs})."
            )
        if self.failed:
            parts.append(f"Not moved, still in the old place: {'; '.join(self.failed)}.")
        return " ".join(parts)


def _words(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _items(old: Folders, new: Folders) -> Iterator[tuple[str, Path, Path]]:
    """(what, old path, new path) of each thing whose place changed."""
    yield "settings", old.settings, new.settings
    yield "window layout", old.config / "ui.ini", new.config / "ui.ini"
    yield "thumbnails", old.thumbnails, new.thumbnails
    yield "logs", old.logs, new.logs


def move_to_platform_folders(new: Folders | None = None) -> MoveReport:
    """Move what the one-folder layout in ``new.data`` holds to ``new``'s folders (a no-op
    once done, or when nothing is there). Never raises for a file it cannot move: that
    one stays where it is, named in the report, and is tried again next time."""
    new = new or Folders.platform()
    old = Folders.all_in(new.data)
    report = MoveReport()
    for what, src, dest in _items(old, new):
        if src == dest:
            continue
        try:
            if move_safely(src, dest):
                report.moved.append(what)
        except OSError as exc:
            log.warning("Could not move %s from %s to %s: %s", what, src, dest, exc)
            report.failed.append(f"{what} ({src}: {exc.strerror or exc})")
    return report


def _partial(dest: Path) -> Path:
    return dest.with_name(dest.name + PARTIAL)


def _clear_partial(dest: Path) -> None:
    """Remove a copy a crash left unverified (the original is still in its old place)."""
    partial = _partial(dest)
    if partial.is_dir() and not partial.is_symlink():
        shutil.rmtree(partial, ignore_errors=True)
    elif partial.exists() or partial.is_symlink():
        partial.unlink(missing_ok=True)


def move_safely(src: Path, dest: Path) -> bool:
    """Move file or folder ``src`` to ``dest``; True when something moved.

    Where ``dest`` exists already (a move that crashed before removing the original, or a
    newer file written since), a folder's entries are moved one by one into it and a file
    that is the same byte for byte is removed; a different file stays, untouched.
    """
    _clear_partial(dest)
    if not (src.exists() or src.is_symlink()):
        return False
    if dest.exists():
        return _merge_into(src, dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.rename(src, dest)  # one step on the same volume: nothing in between to lose
        return True
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
    partial = _partial(dest)
    if src.is_dir():
        shutil.copytree(src, partial, symlinks=True, copy_function=shutil.copy2)
    else:
        shutil.copy2(src, partial, follow_symlinks=False)
    if not same_content(src, partial):
        _clear_partial(dest)
        raise OSError(errno.EIO, "the copy did not read back the same", str(dest))
    os.rename(partial, dest)
    _remove(src)
    return True


def _merge_into(src: Path, dest: Path) -> bool:
    if src.is_dir() and dest.is_dir():
        moved = False
        for child in sorted(src.iterdir()):
            moved = move_safely(child, dest / child.name) or moved
        try:
            src.rmdir()
        except OSError:  # something different stayed behind: keep it
            return moved
        return True
    if src.is_file() and dest.is_file() and filecmp.cmp(src, dest, shallow=False):
        src.unlink()  # the move had finished; only the removal was left
        return True
    log.warning("%s and %s both exist and differ: keeping both, using %s", src, dest, dest)
    return False


def same_content(a: Path, b: Path) -> bool:
    """True when file or folder trees ``a`` and ``b`` hold the same names and bytes."""
    if a.is_symlink() or b.is_symlink():
        return a.is_symlink() and b.is_symlink() and os.readlink(a) == os.readlink(b)
    if a.is_file() and b.is_file():
        return filecmp.cmp(a, b, shallow=False)
    if not (a.is_dir() and b.is_dir()):
        return False
    names_a = sorted(p.name for p in a.iterdir())
    if names_a != sorted(p.name for p in b.iterdir()):
        return False
    return all(same_content(a / name, b / name) for name in names_a)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()
