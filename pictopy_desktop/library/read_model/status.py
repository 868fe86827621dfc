"""The library's counts for ``pictopy status``, the status bar and Settings: photos, faces, people, tags.

Missing photos are left out of the counts (they are listed apart, with offline ones,
by ``library/unavailable.py``); unreadable files are counted and listed with why.
"""

from __future__ import annotations

from typing import Any

from peewee import fn

from pictopy_desktop.storage.tables import (
    Album,
    Face,
    Image,
    ImageState,
    LibraryFolder,
    ObjectTag,
    Person,
    Presence,
)
from pictopy_desktop.storage.visibility import of_visible


def library_status() -> dict[str, Any]:
    """Counts for ``pictopy status --json``, the status bar and the Photos header's number.

    ``images.total`` is the photos shown (the Photos view's rows); unreadable files
    (``images.failed``) and missing photos are counted apart.
    """
    by_state = dict(Image.select(Image.state, fn.COUNT(Image.id)).group_by(Image.state).tuples())
    # Missing photos are few: counted apart (on the presence index) rather than filtering every row.
    missing = Image.presence == Presence.MISSING
    # exists() of the plain rows: an aggregate's query always has a row, so it would always run.
    if Image.select().where(missing).exists():
        for state, n in (
            Image.select(Image.state, fn.COUNT(Image.id)).where(missing).group_by(Image.state)
        ).tuples():
            by_state[state] -= n
    faces = Face.select().where((Face.ignored == False) & of_visible(Face.image))
    return {
        "images": {
            # The photos shown: ``visible()``, what the Photos view lists, so every count agrees.
            # Unreadable files are counted apart, never as photos.
            "total": sum(n for state, n in by_state.items() if state != ImageState.FAILED),
            "analyzed": by_state.get(ImageState.DONE, 0),
            "waiting_for_analysis": by_state.get(ImageState.WAITING, 0),
            "failed": by_state.get(ImageState.FAILED, 0),
        },
        "faces": faces.count(),
        "people": Person.select().count(),
        "named_people": Person.select().where(Person.user_named == True).count(),
        "tags": ObjectTag.select(ObjectTag.label)
        .where(of_visible(ObjectTag.image))
        .distinct()
        .count(),
        "albums": Album.select().count(),
        "folders": folder_paths(),
    }


def folder_paths() -> list[str]:
    """The library folders, by path."""
    return [f.path for f in LibraryFolder.select(LibraryFolder.path).order_by(LibraryFolder.path)]


def failed_images() -> list[dict[str, str]]:
    """Files that could not be read, by path, with the reason (``pictopy status --json``'s ``failed``)."""
    return [
        {"path": img.path, "reason": img.error or "unreadable"}
        for img in Image.select(Image.path, Image.error)
        .where((Image.state == ImageState.FAILED) & (Image.presence != Presence.MISSING))
        .order_by(Image.path)
    ]
