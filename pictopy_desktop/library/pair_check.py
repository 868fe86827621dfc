"""Whether a RAW and a JPEG show the same picture: the one test every pairing route makes.

A camera's RAW and the JPEG it wrote beside it share a name; so can two unrelated files
(a renumbered card, a file copied in from elsewhere). They are one photo only when the
RAW's embedded preview and the JPEG have close perceptual hashes (the distance that marks
a near-duplicate: a resized or recompressed copy). A picture that can't be read counts as
another picture, so a RAW is never hidden behind a JPEG on a guess: it stays a photo of its
own, where a failure to read it is shown.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from pictopy_desktop.errors import ImageReadError
from pictopy_desktop.library.duplicates import NEAR_DUPLICATE_DISTANCE
from pictopy_desktop.library.perceptual_hash import hamming
from pictopy_desktop.library.photo_files import is_file_read
from pictopy_desktop.library.raw_decode import is_raw_path
from pictopy_desktop.storage.tables import Image

log = logging.getLogger(__name__)


def same_picture(a: str | None, b: str | None) -> bool:
    """Whether two perceptual hashes show one picture; an unknown one never does."""
    if not a or not b:
        return False
    return hamming(a, b) <= NEAR_DUPLICATE_DISTANCE


def picture_hash(path: Path) -> str | None:
    """The perceptual hash of the file at ``path`` as indexing computes it (a RAW's embedded
    preview, a photo's pixels at thumbnail size), or None where it can't be read."""
    # The decoders load when a pair is compared, not with the module (video decoding among them).
    from pictopy_desktop.library.media_decode import PREVIEW_SIDE, decode_media
    from pictopy_desktop.library.perceptual_hash import perceptual_hash
    from pictopy_desktop.library.raw_decode import raw_preview

    try:
        if is_raw_path(path):
            return perceptual_hash(
                raw_preview(path, PREVIEW_SIDE)
            )  # the preview only, not the file
        return perceptual_hash(decode_media(path).rgb)
    except (ImageReadError, OSError) as exc:
        log.info("Could not read %s to compare it with its pair: %s", path, exc)
        return None


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


def shows_same_picture(raw: Path, shown: Path, shown_row: Image | None = None) -> bool:
    """Whether the RAW at ``raw`` shows the picture of the JPEG (or HEIF) at ``shown``,
    whose row (if it has one) is ``shown_row``."""
    shown_hash = row_hash(shown_row, shown)
    return shown_hash is not None and same_picture(picture_hash(raw), shown_hash)
