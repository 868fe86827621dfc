"""Noticing that a photo's ``.xmp`` sidecar appeared, changed or went, so it is read again.

A photo whose own bytes did not change is not decoded again, but another program may
have written its sidecar since (digiKam adding a name, Lightroom a keyword). Each photo
whose metadata was read keeps a stamp of its sidecars (names, sizes, modification times,
in the ``Meta`` table under ``xmp_sidecar:<photo id>``); a rescan compares it with the
folder's listing, one listing per folder, no stat for photos without sidecars.
"""

from __future__ import annotations

import os
from pathlib import Path

from pictopy_desktop.library.metadata.xmp_reader import sidecar_paths
from pictopy_desktop.storage.tables import Meta

META_PREFIX = "xmp_sidecar:"


class SidecarListing:
    """The ``.xmp`` files of some folders, by name, listed once per folder."""

    def __init__(self) -> None:
        self._folders: dict[Path, dict[str, os.DirEntry[str]]] = {}

    def _folder(self, folder: Path) -> dict[str, os.DirEntry[str]]:
        found = self._folders.get(folder)
        if found is None:
            found = {}
            try:
                with os.scandir(folder) as it:
                    for entry in it:
                        if entry.name.lower().endswith(".xmp"):
                            found[entry.name] = entry
            except OSError:
                pass  # an unreadable folder has its own report; its sidecars wait
            self._folders[folder] = found
        return found

    def stamp(self, photo: Path) -> str:
        """Names, sizes and modification times of ``photo``'s sidecars; "" when it has none."""
        entries = self._folder(photo.parent)
        if not entries:
            return ""
        parts = []
        for path in sidecar_paths(photo):
            entry = entries.get(path.name)
            if entry is None:
                continue
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            parts.append(f"{path.name}:{st.st_size}:{st.st_mtime_ns}")
        return "\n".join(parts)


def stamp_of(photo: Path) -> str:
    """``photo``'s sidecar stamp, looked up on its own."""
    return SidecarListing().stamp(photo)


def stored_stamps() -> dict[int, str]:
    """The stamps recorded, by photo id (a photo without one had no sidecar when last read)."""
    return {
        int(key[len(META_PREFIX) :]): value
        for key, value in Meta.select(Meta.key, Meta.value)
        .where(Meta.key.startswith(META_PREFIX))
        .tuples()
    }


def record_stamp(image_id: int, stamp: str) -> None:
    """Remember ``stamp`` for a photo whose metadata was just read (call inside a transaction)."""
    key = f"{META_PREFIX}{image_id}"
    if stamp:
        Meta.insert(key=key, value=stamp).on_conflict_replace().execute()
    else:
        Meta.delete().where(Meta.key == key).execute()
