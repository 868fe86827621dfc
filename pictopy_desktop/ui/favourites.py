"""The heart on a photo: one action shared by the grid (menu, "." key) and the viewer."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pictopy_desktop.library.changes import OpChanges
from pictopy_desktop.ui.context import AppContext

FAVOURITE_CHANGES = OpChanges(favourites=True)


def set_favourites(
    ctx: AppContext,
    image_ids: Sequence[int],
    favourite: bool,
    on_done: Callable[[bool], None] | None = None,
) -> None:
    """Mark (or unmark) photos on the writer thread; galleries refresh on the ``favourites`` change."""
    ids = list(image_ids)
    if not ids:
        return
    db = ctx.library.db

    def op() -> bool:
        from pictopy_desktop.library.favourites import set_favourite

        set_favourite(db, ids, favourite)
        return favourite

    ctx.write(op, on_done, FAVOURITE_CHANGES, "Changing favourites failed")


def toggle_favourite(
    ctx: AppContext, image_id: int, on_done: Callable[[bool], None] | None = None
) -> None:
    """Flip one photo's heart; ``on_done(new_state)``."""
    db = ctx.library.db

    def op() -> bool:
        from pictopy_desktop.library.favourites import toggle_favourite as toggle

        return toggle(db, image_id)

    ctx.write(op, on_done, FAVOURITE_CHANGES, "Changing favourites failed")
