"""Favourites: a heart on a photo."""

from __future__ import annotations

from peewee import SqliteDatabase

from pictopy_desktop.library.changes import NO_CHANGES, OpChanges, OpResult
from pictopy_desktop.storage.tables import Image


def _changed(image_ids: list[int]) -> OpChanges:
    return OpChanges(favourites=True).with_images(set(image_ids))


def set_favourite(
    db: SqliteDatabase, image_ids: list[int], favourite: bool = True
) -> OpResult[int]:
    """Mark (or unmark) photos; returns how many rows changed (``value``)."""
    with db.atomic():
        n = Image.update(favourite=favourite).where(Image.id.in_(image_ids)).execute()
    return OpResult(n, _changed(image_ids) if n else NO_CHANGES)


def toggle_favourite(db: SqliteDatabase, image_id: int) -> OpResult[bool]:
    """Flip one photo's heart; returns the new state (``value``)."""
    with db.atomic():
        img = Image.get_by_id(image_id)
        Image.update(favourite=not img.favourite).where(Image.id == image_id).execute()
    return OpResult(not img.favourite, _changed([image_id]))
