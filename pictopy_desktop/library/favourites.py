"""Favourites: a heart on a photo."""

from __future__ import annotations

from peewee import SqliteDatabase

from pictopy_desktop.library.changes import NO_CHANGES, OpChanges, OpResult
from pictopy_desktop.storage.tables import Image

FAVOURITES_CHANGED = OpChanges(favourites=True)  # a kind of its own: galleries watch it


def set_favourite(
    db: SqliteDatabase, image_ids: list[int], favourite: bool = True
) -> OpResult[int]:
    """Mark (or unmark) photos; returns how many rows changed (``value``)."""
    with db.atomic():
        n = Image.update(favourite=favourite).where(Image.id.in_(image_ids)).execute()
    return OpResult(n, FAVOURITES_CHANGED if n else NO_CHANGES)


def toggle_favourite(db: SqliteDatabase, image_id: int) -> OpResult[bool]:
    """Flip one photo's heart; returns the new state (``value``)."""
    with db.atomic():
        img = Image.get_by_id(image_id)
        Image.update(favourite=not img.favourite).where(Image.id == image_id).execute()
    return OpResult(not img.favourite, FAVOURITES_CHANGED)
