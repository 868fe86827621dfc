"""Folders and photos dropped onto the window from a file manager: added to the library."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pictopy_desktop.library.photo_files import is_image_candidate
from pictopy_desktop.ui import messages
from pictopy_desktop.ui.gallery import image_ids_from_mime
from pictopy_desktop.ui.qt import QMimeData
from pictopy_desktop.ui.translations import n_


def local_paths_from_mime(mime: QMimeData) -> tuple[list[Path], list[str]]:
    """(folders and photos to add, names of anything else) from dropped data."""
    accepted: list[Path] = []
    refused: list[str] = []
    if not mime.hasUrls():
        if mime.hasText():
            refused.append(mime.text()[:60])
        return accepted, refused
    for url in mime.urls():
        if not url.isLocalFile():
            refused.append(url.toString()[:80])
            continue
        path = Path(url.toLocalFile())
        if path.is_dir() or (path.is_file() and is_image_candidate(path)):
            accepted.append(path)
        else:
            refused.append(path.name or str(path))
    return accepted, refused


def add_dropped(mime: QMimeData, index_paths: Callable[[list[Path]], None]) -> bool:
    """Index the folders and photos in ``mime``; anything else is refused with one message.
    Photos dragged from our own grids are not ours to take (they go to albums)."""
    if image_ids_from_mime(mime):
        return False
    accepted, refused = local_paths_from_mime(mime)
    if refused:
        sample = ", ".join(refused[:3]) + ("…" if len(refused) > 3 else "")
        messages.warning(
            n_(
                "Only folders and photos can be dropped here; %Ln item(s) ignored ({sample}).",
                len(refused),
            ).format(sample=sample),
            "\n".join(refused),
        )
    if accepted:
        index_paths(accepted)
        return True
    return False
