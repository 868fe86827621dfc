"""Favourites: a heart on a photo."""

from __future__ import annotations

from peewee import SqliteDatabase

from pictopy_desktop.storage.tables import Image


def set_favourite(db: SqliteDatabase, image_ids: list[int], favourite: bool = True) -> int:
    """Mark (or unmark) photos; returns how many rows changed."""
    with db.atomic():
        return Image.update(favourite=favourite).where(Image.id.in_(image_ids)).execute()


def toggle_favourite(db: SqliteDatabase, image_id: int) -> bool:
    """Flip one photo's heart; returns the new state."""
    with db.atomic():
        img = Image.get_by_id(image_id)
        Image.update(favourite=not img.favourite).where(Image.id == image_id).execute()
        return not img.favourite
