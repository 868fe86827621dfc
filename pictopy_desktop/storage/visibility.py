"""Which photos the app and CLI show: one expression every query shares."""

from __future__ import annotations

from peewee import SQL, Expression, Field

from pictopy_desktop.storage.tables import Image, ImageState, Presence


def visible() -> Expression:
    """Photos read once and not confirmed gone.

    Offline photos (their drive is not connected) stay visible, greyed; missing ones are
    kept only for what the user gave them and show nowhere but in the offline/missing lists.
    """
    return (Image.state != ImageState.FAILED) & (Image.presence != Presence.MISSING)


def hidden_image_ids():
    """Ids of the photos ``visible()`` leaves out, as a subquery: few, so faster to exclude than joining every row."""
    return Image.select(Image.id).where(
        (Image.state == ImageState.FAILED) | (Image.presence == Presence.MISSING)
    )


def of_visible(image_column: Field) -> Expression:
    """``image_column`` (a face's or tag's photo) is a visible photo.

    A NOT IN over the few hidden photos rather than a join of every row, and no test at
    all when nothing is hidden (the usual case).
    """
    if not any_hidden():
        return SQL("1 = 1")
    return image_column.not_in(hidden_image_ids())


def any_hidden() -> bool:
    """Whether any photo is left out by ``visible()`` (two index look-ups)."""
    # Asked of each index apart: with the two tests OR-ed SQLite may scan every photo to
    # learn that none is hidden.
    return (
        Image.select().where(Image.state == ImageState.FAILED).exists()
        or Image.select().where(Image.presence == Presence.MISSING).exists()
    )
