"""Whether a RAW and a JPEG show the same picture: the one test every pairing route makes.

A camera's RAW and the JPEG it wrote beside it share a name; so can two unrelated files
(a renumbered card, a file copied in from elsewhere). They are one photo only when the
RAW's embedded preview and the JPEG have close perceptual hashes (the distance that marks
a near-duplicate: a resized or recompressed copy). A picture that can't be read counts as
another picture, so a RAW is never hidden behind a JPEG on a guess: it stays a photo of its
own, where a failure to read it is shown.

A flat picture (a lens-cap frame, a clear sky, a white wall) has no structure for the hash
to see: every uniform picture hashes to nearly all bits equal, so a black RAW and a blue
JPEG hash alike. Where either hash is that flat, the two small decoded pictures must also
have the same shape and the same mean colour (``_looks_alike``), or they are not one photo.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pictopy_desktop.errors import ImageReadError
from pictopy_desktop.library.duplicates import NEAR_DUPLICATE_DISTANCE
from pictopy_desktop.library.perceptual_hash import HASH_BITS, hamming
from pictopy_desktop.library.photo_files import is_file_read
from pictopy_desktop.library.raw_decode import is_raw_path
from pictopy_desktop.storage.tables import Image

log = logging.getLogger(__name__)


# A DCT hash thresholds at the median, so any picture with structure sets about half its
# bits; a flat one sets (or clears) nearly all of them (duplicates.py skips those too).
_FLAT_BITS = 8
# Two decoded pictures of one flat frame: mean colour per channel within this (0-255; a
# camera's JPEG and its RAW's preview are rendered alike) and the same shape within 3 %.
_MEAN_TOLERANCE = 16.0
_ASPECT_TOLERANCE = 0.03


def is_flat(phash: str) -> bool:
    """Whether a perceptual hash is of a flat picture (nearly all bits equal): it proves nothing."""
    bits = int(phash, 16).bit_count()
    return bits <= _FLAT_BITS or bits >= HASH_BITS - _FLAT_BITS


def same_picture(a: str | None, b: str | None) -> bool:
    """Whether two perceptual hashes prove one picture: an unknown or flat one never does
    (``pictures_match`` looks at the decoded pictures then)."""
    if not a or not b or is_flat(a) or is_flat(b):
        return False
    return hamming(a, b) <= NEAR_DUPLICATE_DISTANCE


@dataclass(frozen=True)
class _Look:
    """A decoded picture as the second check sees it: its mean colour and its shape."""

    mean: tuple[float, float, float]
    aspect: float  # long side over short side, so a turned preview has the same


def _look(path: Path) -> _Look | None:
    """The look of the picture at ``path`` (a RAW's preview), or None where it can't be read."""
    rgb = _decode(path)
    if rgb is None:
        return None
    h, w = rgb.shape[:2]
    mean = rgb.reshape(-1, rgb.shape[2])[:, :3].mean(axis=0)
    return _Look((float(mean[0]), float(mean[1]), float(mean[2])), max(h, w) / max(1, min(h, w)))


def _looks_alike(a: _Look, b: _Look) -> bool:
    return max(abs(x - y) for x, y in zip(a.mean, b.mean, strict=True)) <= _MEAN_TOLERANCE and abs(
        a.aspect - b.aspect
    ) <= _ASPECT_TOLERANCE * min(a.aspect, b.aspect)


def _decode(path: Path) -> np.ndarray | None:
    """The pixels indexing hashes for ``path`` (a RAW's embedded preview only, not the file),
    or None where it can't be read."""
    # The decoders load when a pair is compared, not with the module (video decoding among them).
    from pictopy_desktop.library.media_decode import PREVIEW_SIDE, decode_media
    from pictopy_desktop.library.raw_decode import raw_preview

    try:
        if is_raw_path(path):
            return raw_preview(path, PREVIEW_SIDE)
        return decode_media(path).rgb
    except (ImageReadError, OSError) as exc:
        log.info("Could not read %s to compare it with its pair: %s", path, exc)
        return None


def picture_hash(path: Path) -> str | None:
    """The perceptual hash of the file at ``path`` as indexing computes it (a RAW's embedded
    preview, a photo's pixels at thumbnail size), or None where it can't be read."""
    from pictopy_desktop.library.perceptual_hash import perceptual_hash

    rgb = _decode(path)
    return None if rgb is None else perceptual_hash(rgb)


def row_hash(row: Image | None, path: Path) -> str | None:
    """The hash of the picture at ``path``: ``row``'s stored one while the file is the one
    indexed (same size, times and inode: ``is_file_read``; None for a file that did not read),
    else read from the file now (written over in place, or another file renamed over it)."""
    if row is not None:
        try:
            st = os.stat(path)
        except OSError:
            return None
        if is_file_read(row, st):
            return row.phash
    return picture_hash(path)


def pictures_match(
    raw: Path, shown: Path, raw_row: Image | None = None, shown_row: Image | None = None
) -> bool:
    """Whether the RAW at ``raw`` shows the picture of the JPEG (or HEIF) at ``shown``; each
    file's row (if it has one) gives its stored hash while it is the file indexed.

    Close hashes prove it; where either is flat, the two decoded pictures must also look
    alike (same mean colour and shape)."""
    raw_hash = row_hash(raw_row, raw)
    shown_hash = row_hash(shown_row, shown)
    if not raw_hash or not shown_hash or hamming(raw_hash, shown_hash) > NEAR_DUPLICATE_DISTANCE:
        return False
    if same_picture(raw_hash, shown_hash):
        return True
    a, b = _look(raw), _look(shown)
    alike = a is not None and b is not None and _looks_alike(a, b)
    if not alike:
        log.info("%s and %s are flat pictures that do not look alike", raw.name, shown.name)
    return alike


def shows_same_picture(raw: Path, shown: Path, shown_row: Image | None = None) -> bool:
    """Whether the RAW at ``raw`` shows the picture of the JPEG (or HEIF) at ``shown``,
    whose row (if it has one) is ``shown_row`` (``pictures_match``)."""
    return pictures_match(raw, shown, None, shown_row)
