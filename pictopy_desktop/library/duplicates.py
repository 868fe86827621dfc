"""Duplicate photos: exact (same bytes) and near (same picture at another size or quality).

Near-duplicates are found by perceptual hash within a small Hamming distance. The
64-bit hash is cut into bands: two hashes within ``max_distance`` < number of bands
differ in at most that many bands, so they share at least one band exactly (pigeonhole),
and only photos sharing a band are compared - no all-pairs scan.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from peewee import SqliteDatabase

from pictopy_desktop.library.indexer import remove_images
from pictopy_desktop.library.perceptual_hash import hamming
from pictopy_desktop.storage.tables import Image, ImageState

log = logging.getLogger(__name__)

NEAR_DUPLICATE_DISTANCE = 6  # of 64 bits; measured: resized copies differ by 0-4
_BANDS = 8


@dataclass
class DuplicateGroup:
    image_ids: list[int]  # the suggested keeper (largest, then oldest row) first
    exact: bool  # all members have identical bytes


def _find(parent: dict[int, int], x: int) -> int:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def backfill_perceptual_hashes(db: SqliteDatabase, thumbnails_dir: Path) -> int:
    """Hash photos indexed before perceptual hashes existed, from their cached thumbnails."""
    from PIL import Image as PILImage

    from pictopy_desktop.library.perceptual_hash import perceptual_hash

    missing = list(
        Image.select(Image.id, Image.thumbnail).where(
            Image.phash.is_null() & Image.thumbnail.is_null(False) & (Image.state != ImageState.FAILED)
        )
    )
    done = 0
    for img in missing:
        try:
            with PILImage.open(thumbnails_dir / img.thumbnail) as thumb:
                value = perceptual_hash(np.asarray(thumb.convert("RGB")))
        except OSError:
            continue
        with db.atomic():
            Image.update(phash=value).where(Image.id == img.id).execute()
        done += 1
    return done


def find_duplicates(max_distance: int = NEAR_DUPLICATE_DISTANCE) -> list[DuplicateGroup]:
    """Groups of two or more photos that are the same picture."""
    rows = list(
        Image.select(Image.id, Image.content_hash, Image.phash, Image.width, Image.height).where(
            Image.state != ImageState.FAILED
        ).tuples()
    )
    parent = {r[0]: r[0] for r in rows}

    def union(a: int, b: int) -> None:
        ra, rb = _find(parent, a), _find(parent, b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    by_hash: dict[str, int] = {}
    for image_id, digest, _, _, _ in rows:
        if digest:
            if digest in by_hash:
                union(by_hash[digest], image_id)
            else:
                by_hash[digest] = image_id
    band_bits = 64 // _BANDS
    buckets: dict[tuple[int, int], list[tuple[int, str]]] = {}
    for image_id, _, phash, _, _ in rows:
        if not phash:
            continue
        value = int(phash, 16)
        for band in range(_BANDS):
            key = (band, (value >> (band * band_bits)) & ((1 << band_bits) - 1))
            buckets.setdefault(key, []).append((image_id, phash))
    for members in buckets.values():
        if len(members) < 2 or len(members) > 2000:  # a flat-colour band says nothing
            continue
        for i, (a, ha) in enumerate(members):
            for b, hb in members[i + 1 :]:
                if _find(parent, a) != _find(parent, b) and hamming(ha, hb) <= max_distance:
                    union(a, b)
    info = {r[0]: r for r in rows}
    groups: dict[int, list[int]] = {}
    for image_id in parent:
        groups.setdefault(_find(parent, image_id), []).append(image_id)
    result = []
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda i: (-(info[i][3] or 0) * (info[i][4] or 0), i))
        exact = len({info[i][1] for i in members}) == 1
        result.append(DuplicateGroup(members, exact))
    result.sort(key=lambda g: g.image_ids[0])
    return result


def trash_duplicates(db: SqliteDatabase, keep_id: int, others: list[int], thumbnails_dir: Path) -> list[tuple[str, str]]:
    """Move ``others`` to the system trash (never deleted outright) and drop them from the library.

    Returns (path, reason) for files that could not be trashed; those stay in the library.
    """
    from send2trash import send2trash
    from send2trash.exceptions import TrashPermissionError

    failed: list[tuple[str, str]] = []
    trashed: list[int] = []
    for img in Image.select(Image.id, Image.path).where(Image.id.in_([i for i in others if i != keep_id])):
        try:
            if Path(img.path).exists():
                send2trash(img.path)
            trashed.append(img.id)
        except (OSError, TrashPermissionError) as exc:
            failed.append((img.path, str(exc)))
    remove_images(db, trashed, thumbnails_dir)
    log.info("Moved %d duplicates to the trash", len(trashed))
    return failed
