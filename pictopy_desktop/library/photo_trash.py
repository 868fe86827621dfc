"""Deleting photos the user chose: to the system trash, recorded, and restorable.

digiKam's way: "delete" moves the file to the system trash, never removes it. Each photo
is checked on disk right before it moves (still a regular file, its bytes hashed and
compared with the indexed ones, so a file that took its name is never trashed in its place);
its library row stays, marked missing, so names, albums, favourites and faces come back with
the file (``trash.restore``). A RAW companion shown with the photo goes to the trash with it,
checked the same way against the identity recorded when the pair was
(``companion_identity``): a pair goes whole or not at all, and restoring the photo brings
its RAW back too.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pictopy_desktop.library.changes import OpChanges
from pictopy_desktop.library.companion_identity import companion_problem
from pictopy_desktop.library.photo_files import content_hash
from pictopy_desktop.library.trash import (
    TrashEntry,
    TrashError,
    link_companion,
    move_to_trash,
    restore,
)
from pictopy_desktop.storage.tables import Image, Presence

log = logging.getLogger(__name__)

REASON = "deleted by you in PictoPy"


@dataclass
class PhotoTrashOutcome:
    """What went to the trash (with the record to restore it from) and what stayed, with why."""

    trashed: list[TrashEntry] = field(default_factory=list)  # photos: restoring one brings its RAW
    companions: list[TrashEntry] = field(default_factory=list)  # the RAWs that went with them
    refused: list[tuple[str, str]] = field(default_factory=list)  # (path, one-sentence reason)
    changes: OpChanges = field(default_factory=OpChanges)


def _problem(path: str) -> str | None:
    """Why ``path`` cannot go to the trash now, or None (checked right before it moves)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return "the file is no longer there"
    except OSError as exc:
        return f"the file cannot be reached ({exc.strerror or exc})"
    if not stat.S_ISREG(st.st_mode):
        return "it is not a regular file any more"
    return None


def _mark_missing(image_id: int) -> None:
    # The row stays with everything the user gave it; a restore brings it back.
    Image.update(presence=Presence.MISSING, missing_since=dt.datetime.now()).where(
        Image.id == image_id
    ).execute()


def _companion(row: Image) -> str | None:
    """The RAW shown with ``row`` that goes with it: None where there is none, or it is gone."""
    raw = row.companion_path
    return raw if raw and os.path.lexists(raw) else None


def _check(row: Image) -> tuple[str | None, str | None]:
    """(why ``row``'s files must not move now, the photo's content hash), read on disk."""
    problem = _problem(row.path)
    digest = None
    if problem is None:
        try:
            digest = content_hash(row.path)
        except OSError as exc:
            problem = f"it cannot be read ({exc.strerror or exc})"
    if problem is None and row.content_hash and digest != row.content_hash:
        # Another file took the name (renamed or swapped outside PictoPy): never trash it.
        problem = "it changed on disk since it was indexed; re-index first"
    raw = _companion(row)
    if problem is None and raw is not None:
        # Checked before the photo moves: a pair goes whole or stays whole.
        problem = companion_problem(row.id, raw)
    return problem, digest


def trash_companion(
    row: Image, entry: TrashEntry, reason: str, kept_path: str | None = None
) -> tuple[TrashEntry | None, str | None]:
    """Move ``row``'s RAW right after its photo went to the trash (``entry``), checked again first.

    Returns (the RAW's trash entry, None), (None, None) where the photo has no RAW now, or
    (None, why) where the RAW stayed: the photo is then brought back from the trash, so a
    pair is never split.
    """
    raw = _companion(row)
    if raw is None:
        return None, None
    problem = companion_problem(row.id, raw)
    if problem is None:
        try:
            raw_entry = move_to_trash(
                raw,
                f"RAW file shown with {os.path.basename(row.path)}, {reason}",
                kept_path=kept_path,
                digest=content_hash(Path(raw)),
                size=os.stat(raw).st_size,
            )
        except (TrashError, OSError) as exc:
            problem = (
                f"its RAW file could not go to the trash ({getattr(exc, 'strerror', None) or exc})"
            )
        else:
            link_companion(entry.id, raw_entry.id)
            return raw_entry, None
    # The RAW stays (changed in the moment its photo moved, or the trash refused it): the
    # photo comes back, so the pair stays whole.
    try:
        restore(entry.id)
    except TrashError as exc:  # it stays listed in Recently removed, restorable from there
        problem += f" ({os.path.basename(row.path)} could not be put back: {exc})"
    log.info("Not moving %s to the trash: %s", row.path, problem)
    return None, problem


def trash_photos(image_ids: Iterable[int]) -> PhotoTrashOutcome:
    """Move the files of ``image_ids`` (and their RAW companions) to the system trash."""
    outcome = PhotoTrashOutcome()
    done: set[int] = set()
    for image_id in dict.fromkeys(image_ids):
        row = Image.get_or_none(Image.id == image_id)
        if row is None or row.presence == Presence.MISSING:
            continue  # already gone from the library: nothing to move
        if row.presence == Presence.OFFLINE:
            outcome.refused.append(
                (row.path, "it is offline: connect its drive to move it to the trash")
            )
            continue
        problem, digest = _check(row)
        if problem is not None:
            log.info("Not moving %s to the trash: %s", row.path, problem)
            outcome.refused.append((row.path, problem))
            continue
        image_id = row.id

        def recorded(_record: object, image_id: int = image_id) -> None:
            _mark_missing(image_id)

        try:
            entry = move_to_trash(
                row.path,
                REASON,
                digest=digest,
                size=os.stat(row.path).st_size,
                on_recorded=recorded,
            )
        except TrashError as exc:
            outcome.refused.append((row.path, str(exc)))
            continue
        raw_entry, problem = trash_companion(row, entry, REASON)
        if problem is not None:
            outcome.refused.append((row.path, problem))
            continue
        outcome.trashed.append(entry)
        if raw_entry is not None:
            outcome.companions.append(raw_entry)
        done.add(row.id)
    outcome.changes = (
        OpChanges(trash=True, albums=True, favourites=True, people=True).with_images(done)
        if done
        else OpChanges()
    )
    return outcome
