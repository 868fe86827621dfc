"""The heart on a photo: one action shared by the grid (menu, "." key) and the viewer."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pictopy_desktop.library.changes import OpChanges, OpResult
from pictopy_desktop.ui.context import AppContext
from pictopy_desktop.ui.translations import translate

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

    def op() -> OpResult[bool]:
        from pictopy_desktop.library.favourites import set_favourite

        return OpResult(favourite, set_favourite(db, ids, favourite).changes)

    ctx.write(
        op,
        _value_to(on_done),
        FAVOURITE_CHANGES,
        translate("pictopy", "Changing favourites failed"),
    )


def toggle_favourite(
    ctx: AppContext, image_id: int, on_done: Callable[[bool], None] | None = None
) -> None:
    """Flip one photo's heart; ``on_done(new_state)``."""
    db = ctx.library.db

    def op() -> OpResult[bool]:
        from pictopy_desktop.library.favourites import toggle_favourite as toggle

        return toggle(db, image_id)

    ctx.write(
        op,
        _value_to(on_done),
        FAVOURITE_CHANGES,
        translate("pictopy", "Changing favourites failed"),
    )


def _value_to(on_done: Callable[[bool], None] | None) -> Callable[[OpResult[bool]], None] | None:
    """``on_done`` called with the new state the write returned."""
    if on_done is None:
        return None
    return lambda result: on_done(result.value)
