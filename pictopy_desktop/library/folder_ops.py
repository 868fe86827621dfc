"""Library folders: removing one from the library (its files on disk are never touched)."""

from __future__ import annotations

from peewee import fn

from pictopy_desktop.errors import PictoPyError
from pictopy_desktop.storage.tables import (
    Face,
    Image,
    LibraryFolder,
    Person,
    database_proxy,
)


def remove_folder(folder_id: int) -> int:
    """Forget a library folder and its photos (tags, faces, album entries go with them).

    Returns how many photos left the library. Named people are kept even if they lose
    all their faces, so re-adding the folder later finds them again.
    """
    with database_proxy.atomic():
        folder = LibraryFolder.get_or_none(LibraryFolder.id == folder_id)
        if folder is None:
            raise PictoPyError("That folder is no longer in the library.")
        ids = [i for (i,) in Image.select(Image.id).where(Image.folder == folder_id).tuples()]
        for i in range(0, len(ids), 500):
            Image.delete().where(Image.id.in_(ids[i : i + 500])).execute()
        folder.delete_instance()
        empty = Person.select(Person.id).where(
            (Person.user_named == False)
            & ~fn.EXISTS(Face.select(Face.id).where(Face.person == Person.id))
        )
        Person.delete().where(Person.id.in_(empty)).execute()
    return len(ids)
