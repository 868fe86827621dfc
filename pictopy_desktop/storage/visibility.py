"""Which photos the app and CLI show: one expression every query shares."""

from __future__ import annotations

from peewee import Expression

from pictopy_desktop.storage.tables import Image, ImageState, Presence


def visible() -> Expression:
    """Photos read once and not confirmed gone.

    Offline photos (their drive is not connected) stay visible, greyed; missing ones are
    kept only for what the user gave them and show nowhere but in the offline/missing lists.
    """
    return (Image.state != ImageState.FAILED) & (Image.presence != Presence.MISSING)
