"""Offline and missing photos: listing them, and forgetting them for good.

A photo whose drive is not connected is OFFLINE; one whose file is confirmed gone is
MISSING. Both keep their row (and so their names, albums, favourites and faces) until
the user forgets them here (`pictopy prune`, the app's "Forget them" button) or, for
missing ones, until the grace period in the settings runs out.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from peewee import SqliteDatabase

from pictopy_desktop.library.changes import NO_CHANGES, PHOTO_SET_CHANGED, OpResult
from pictopy_desktop.library.photo_store import remove_images, shown_path
from pictopy_desktop.storage.tables import Image, Presence


@dataclass(frozen=True)
class UnavailablePhoto:
    id: int
    path: str  # where the file was (readable, also for a photo whose path another took)
    presence: str  # Presence.OFFLINE | Presence.MISSING
    since: dt.datetime | None

    @property
    def offline(self) -> bool:
        """Its drive or folder can't be seen now (else its file is confirmed gone: missing)."""
        return self.presence == Presence.OFFLINE

    def to_dict(self) -> dict[str, str | None]:
        return {
            "path": self.path,
            "since": self.since.isoformat(timespec="seconds") if self.since else None,
        }


def unavailable_photos() -> list[UnavailablePhoto]:
    """Offline and missing photos, offline first, each by path."""
    q = (
        Image.select(Image.id, Image.path, Image.presence, Image.missing_since)
        .where(Image.presence.in_([Presence.OFFLINE, Presence.MISSING]))
        .tuples()
    )
    rows = [UnavailablePhoto(i, shown_path(p), presence, since) for i, p, presence, since in q]
    rows.sort(key=lambda r: (r.presence != Presence.OFFLINE, r.path))
    return rows


def unavailable_summary() -> dict[str, list[dict[str, str | None]]]:
    """``{"offline": [{path, since}], "missing": [...]}`` for `pictopy status --json`."""
    out: dict[str, list[dict[str, str | None]]] = {"offline": [], "missing": []}
    for photo in unavailable_photos():
        out[photo.presence].append(photo.to_dict())
    return out


def save_user_data(data_dir: Path) -> Path:
    """Write names, albums and favourites (keyed by content hash) to a file `pictopy import` reads back.

    Forgetting photos is the one step that drops what the user gave them; this file is
    its undo: if the photos come back, importing it restores their names and albums.
    """
    from pictopy_desktop.library.transfer import export_metadata

    folder = data_dir / "forgotten"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"before-forgetting-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    tmp = target.with_suffix(".tmp")
    try:
        tmp.write_text(
            json.dumps(export_metadata(), ensure_ascii=False, indent=1), encoding="utf-8"
        )
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def forget_unavailable(
    db: SqliteDatabase, thumbnails_dir: Path, ids: list[int] | None = None
) -> OpResult[list[UnavailablePhoto]]:
    """Forget offline and missing photos (all, or those of ``ids``) for good; returns what was forgotten (``value``).

    Checked on disk right before: a photo whose file is back where it was is kept (the
    next scan shows it again), and only rows still offline or missing are touched.
    """
    wanted = None if ids is None else set(ids)
    with db.atomic():
        chosen = [p for p in unavailable_photos() if wanted is None or p.id in wanted]
        gone = [p for p in chosen if not _back_on_disk(p)]
        remove_images(db, [p.id for p in gone], thumbnails_dir)
    return OpResult(gone, PHOTO_SET_CHANGED if gone else NO_CHANGES)


def _back_on_disk(photo: UnavailablePhoto) -> bool:
    """Whether the photo's file is at its path again (for a missing one: a file no other photo holds)."""
    if not os.path.lexists(photo.path):
        return False
    if photo.presence == Presence.OFFLINE:
        return True
    return not Image.select().where((Image.path == photo.path) & (Image.id != photo.id)).exists()
