"""Library folders: removing one from the library (its files on disk are never touched)."""

from __future__ import annotations

from pathlib import Path

from pictopy_desktop.errors import PictoPyError
from pictopy_desktop.library.changes import PHOTO_SET_CHANGED, OpChanges, OpResult
from pictopy_desktop.library.photo_store import remove_images
from pictopy_desktop.library.unavailable import save_user_data
from pictopy_desktop.storage.tables import Image, LibraryFolder, database_proxy


def remove_folder(
    folder_id: int, thumbnails_dir: Path, data_dir: Path | None = None
) -> OpResult[tuple[int, Path | None]]:
    """Forget a library folder and its photos (tags, faces, album entries and thumbnails go with them).

    With ``data_dir``, the names, albums and favourites are saved first to a file that
    `pictopy import` reads back, so adding the folder again can restore them. Named
    people are kept even if they lose all their faces. Returns (photos forgotten, saved file)
    as ``value``, with what changed.
    """
    folder = LibraryFolder.get_or_none(LibraryFolder.id == folder_id)
    if folder is None:
        raise PictoPyError("That folder is no longer in the library.")
    saved = save_user_data(data_dir) if data_dir is not None else None
    with database_proxy.atomic():
        ids = [i for (i,) in Image.select(Image.id).where(Image.folder == folder_id).tuples()]
        remove_images(database_proxy, ids, thumbnails_dir)
        LibraryFolder.delete().where(LibraryFolder.id == folder_id).execute()
    return OpResult((len(ids), saved), PHOTO_SET_CHANGED | OpChanges(folders=True))
