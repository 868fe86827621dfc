"""Rotating photos in the library only: ``Image.rotation`` on top of the EXIF orientation.

The file is never touched (digiKam's "rotate" without "write to file"): the degrees live
in the library and every place that shows or exports the photo applies them. Face boxes
stay stored in the photo's EXIF-oriented pixels; ``rotate_box`` maps one to the rotated
picture where a view draws it.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable

from peewee import SQL

from pictopy_desktop.library.changes import OpChanges
from pictopy_desktop.storage.tables import Image, database_proxy

QUARTER = 90


def normalised(degrees: int | None) -> int:
    """0, 90, 180 or 270 (clockwise) for any multiple of 90; None counts as 0."""
    return (int(degrees or 0) // QUARTER % 4) * QUARTER


def rotate(image_ids: Iterable[int], quarter_turns: int) -> OpChanges:
    """Turn photos by ``quarter_turns`` × 90° clockwise (negative: anticlockwise), in one transaction."""
    ids = sorted({int(i) for i in image_ids})
    delta = normalised(quarter_turns * QUARTER)
    if not ids or delta == 0:
        return OpChanges()
    with database_proxy.atomic():
        # Raw SQL for the modulo: peewee reads ``%`` on a column as LIKE.
        turned = SQL("(COALESCE(rotation, 0) + ?) % 360", (delta,))
        for k in range(0, len(ids), 500):
            Image.update(rotation=turned).where(Image.id.in_(ids[k : k + 500])).execute()
    return OpChanges().with_images(set(ids))


def rotations_of(image_ids: Iterable[int]) -> dict[int, int]:
    """The rotation of each photo (photos not in the library are left out)."""
    ids = list(image_ids)
    out: dict[int, int] = {}
    for k in range(0, len(ids), 500):
        q = Image.select(Image.id, Image.rotation).where(Image.id.in_(ids[k : k + 500]))
        out.update((i, normalised(r)) for i, r in q.tuples())
    return out


def display_aspects(image_ids) -> array:
    """Width / height of each photo as shown (EXIF orientation and rotation applied), in order.

    1.0 where the size is unknown. One pass over the table for a big gallery, lookups by
    key for a small one.
    """
    ids = list(image_ids)
    shapes: dict[int, tuple[int | None, int | None, int | None]] = {}
    query = Image.select(Image.id, Image.width, Image.height, Image.rotation)
    if len(ids) > 5000:
        shapes = {i: (w, h, r) for i, w, h, r in query.tuples()}
    else:
        for k in range(0, len(ids), 500):
            batch = query.where(Image.id.in_(ids[k : k + 500]))
            shapes.update((i, (w, h, r)) for i, w, h, r in batch.tuples())
    out = array("f")
    for i in ids:
        w, h, r = shapes.get(i, (None, None, None))
        if w and h:
            w, h = rotated_size(w, h, r or 0)
            out.append(w / h)
        else:
            out.append(1.0)
    return out


def rotated_size(width: int, height: int, rotation: int) -> tuple[int, int]:
    """The size of a ``width`` × ``height`` picture once turned by ``rotation`` degrees."""
    return (height, width) if normalised(rotation) in (90, 270) else (width, height)


def rotate_box(
    box: tuple[float, float, float, float], width: float, height: float, rotation: int
) -> tuple[float, float, float, float]:
    """A box (x1, y1, x2, y2) in a ``width`` × ``height`` picture, in the picture turned clockwise."""
    x1, y1, x2, y2 = box
    r = normalised(rotation)
    if r == 90:  # (x, y) -> (height - y, x)
        return (height - y2, x1, height - y1, x2)
    if r == 180:
        return (width - x2, height - y2, width - x1, height - y1)
    if r == 270:  # (x, y) -> (y, width - x)
        return (y1, width - x2, y2, width - x1)
    return (x1, y1, x2, y2)
