"""Writing sidecars for many photos: ``pictopy export xmp [PATHS]`` and the write-back setting.

One photo at a time, each in its own short transaction: a photo that cannot take a
sidecar (offline, gone, a sidecar that can't be parsed, a read-only folder) is reported
in one sentence and the others go on.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from peewee import SqliteDatabase

from pictopy_desktop.errors import PictoPyError
from pictopy_desktop.library.metadata.xmp_writer import (
    WRITTEN_PREFIX,
    SidecarWriteError,
    photo_words,
    word_digest,
    write_sidecar,
)
from pictopy_desktop.storage.tables import Face, Image, Keyword, Meta, Person, Presence

log = logging.getLogger(__name__)


@dataclass
class SidecarReport:
    """What an export of sidecars did."""

    written: list[str] = field(default_factory=list)  # sidecar paths
    nothing_to_write: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (photo path, reason)


def photos_under(paths: Iterable[Path]) -> list[int]:
    """Ids of the library's photos that are ``paths`` or lie in them (folders)."""
    ids: list[int] = []
    for given in paths:
        real = Path(os.path.realpath(os.path.expanduser(str(given))))
        row = Image.get_or_none(Image.path == str(real))
        if row is not None:
            ids.append(row.id)
            continue
        prefix = str(real).rstrip(os.sep) + os.sep
        under = Image.select(Image.id).where(
            (Image.path >= prefix) & (Image.path < prefix + "\U0010ffff")
        )
        found = [i for (i,) in under.tuples()]
        if not found:
            raise PictoPyError(f"{given} is neither a photo nor a folder of photos in the library.")
        ids.extend(found)
    return list(dict.fromkeys(ids))


def photos_with_something_to_write() -> list[int]:
    """Photos with a named person, a keyword, a rating or a rotation."""
    named = (
        Face.select(Face.image)
        .join(Person)
        .where((Person.user_named == True) & (Face.ignored == False))
    )
    q = Image.select(Image.id).where(
        Image.id.in_(named)
        | Image.id.in_(Keyword.select(Keyword.image))
        | Image.rating.is_null(False)
        | (Image.rotation != 0)
    )
    return [i for (i,) in q.order_by(Image.id).tuples()]


def sidecars_to_refresh() -> list[int]:
    """Photos whose names, keywords, rating or rotation changed since their sidecar was last written."""
    written = {
        int(key[len(WRITTEN_PREFIX) :]): value
        for key, value in Meta.select(Meta.key, Meta.value)
        .where(Meta.key.startswith(WRITTEN_PREFIX))
        .tuples()
    }
    ids = photos_with_something_to_write()
    words = photo_words(ids)
    return [i for i in ids if written.get(i) != word_digest(words[i])]


def export_sidecars(
    db: SqliteDatabase,
    image_ids: Iterable[int],
    progress: Callable[[int, int], None] | None = None,
) -> SidecarReport:
    """Merge the library's word for each photo into its ``.xmp`` sidecar."""
    report = SidecarReport()
    ids = list(image_ids)
    for done, image_id in enumerate(ids, start=1):
        image = Image.get_or_none(Image.id == image_id)
        if image is None:
            continue
        if image.presence != Presence.PRESENT or not os.path.isfile(image.path):
            # Checked on disk right before writing: a sidecar beside nothing helps nobody.
            report.failed.append((image.path, "the photo is not there (offline or gone)"))
            continue
        try:
            with db.atomic():
                sidecar = write_sidecar(image)
        except SidecarWriteError as exc:
            report.failed.append((image.path, str(exc)))
            continue
        if sidecar is None:
            report.nothing_to_write += 1
        else:
            report.written.append(str(sidecar))
            log.info("Wrote %s", sidecar)
        if progress:
            progress(done, len(ids))
    return report
