"""The on-disk thumbnail cache, keyed by content hash so moved photos keep theirs.

The cache is disposable: a thumbnail that is missing (the cache folder was deleted, or
could not be written while indexing) or unreadable is made again from its photo when it
is needed, so a cache problem never makes a photo unreadable.
"""

from __future__ import annotations

import io
import logging
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from pictopy_desktop.library.export_file import replace_file_atomically
from pictopy_desktop.paths import CACHEDIR_TAG
from pictopy_desktop.storage.tables import Image as ImageRow
from pictopy_desktop.storage.tables import ImageState, Presence

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image

log = logging.getLogger(__name__)

THUMBNAIL_SIZE = 320


def thumbnail_relpath(content_hash: str) -> str:
    return f"{content_hash[:2]}/{content_hash}.jpg"


def _thumbnail_image(rgb: np.ndarray) -> Image.Image:
    # Pillow here, not at the top: the app's start path lists the cache but never draws one.
    from PIL import Image

    img = Image.fromarray(rgb)
    img.thumbnail((THUMBNAIL_SIZE, THUMBNAIL_SIZE), Image.Resampling.LANCZOS, reducing_gap=3.0)
    return img


def _save(img: Image.Image, target: Path) -> None:
    """Write ``img`` as ``target`` atomically (a unique temp file, so two writers never collide).

    Not fsynced: the cache is made again where a crash leaves a thumbnail damaged, and the
    fsync waits about 6 ms a thumbnail here, beside about 20 ms of CPU for the whole photo.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    data = io.BytesIO()
    img.save(data, "JPEG", quality=85, optimize=False)
    replace_file_atomically(target, data.getvalue(), durable=False)


def write_thumbnail(rgb: np.ndarray, content_hash: str, cache_dir: Path) -> str:
    """Write a JPEG thumbnail of ``rgb`` (atomically) and return its path relative to the cache."""
    rel = thumbnail_relpath(content_hash)
    target = cache_dir / rel
    if target.exists():
        return rel
    _save(_thumbnail_image(rgb), target)
    return rel


def delete_thumbnails(cache_dir: Path, relpaths: set[str]) -> int:
    """Delete these cached thumbnails (of photos that left the library); return how many went."""
    removed = 0
    for rel in relpaths:
        try:
            (cache_dir / rel).unlink()
            removed += 1
        except OSError:
            pass
    return removed


def cache_write_problem(cache_dir: Path) -> OSError | None:
    """Why nothing can be written to the cache now (a probe file is made and removed), or None."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=cache_dir):
            pass
    except OSError as exc:
        return exc
    return None


def _usable():
    """Rows whose photo can be read now: not failed, not offline or missing."""
    return (
        (ImageRow.state != ImageState.FAILED)
        & (ImageRow.presence == Presence.PRESENT)
        & ImageRow.content_hash.is_null(False)
    )


def _cache_is_empty(cache_dir: Path) -> bool:
    """No thumbnail in it: only, at most, the cache tag the open wrote (``paths.tag_as_cache``)."""
    try:
        with os.scandir(cache_dir) as it:
            return all(entry.name == CACHEDIR_TAG for entry in it)
    except OSError:  # gone (deleted by the user or a cleaner), or not a folder
        return True


def thumbnails_to_rebuild(cache_dir: Path) -> dict[str, list[str]]:
    """Thumbnails to make at index time: relative path -> paths of the photos that have it.

    Those never written (the cache could not be written when the photo was indexed) and,
    when the cache folder is gone or empty, all of them. One missing file is cheaper to
    notice where it is shown, so the app's loader makes those (``ui.image_loader``).
    """
    condition = (
        _usable() if _cache_is_empty(cache_dir) else _usable() & ImageRow.thumbnail.is_null()
    )
    query = ImageRow.select(ImageRow.thumbnail, ImageRow.content_hash, ImageRow.path).where(
        condition
    )
    wanted: dict[str, list[str]] = {}
    for rel, digest, path in query.tuples():
        wanted.setdefault(rel or thumbnail_relpath(digest), []).append(path)
    return wanted


def thumbnail_sources(rel: str) -> list[str]:
    """Paths of the library's photos whose thumbnail is ``rel`` (same bytes, so any of them will do)."""
    rows = ImageRow.select(ImageRow.path).where((ImageRow.thumbnail == rel) & _usable())
    return [path for (path,) in rows.tuples()]


def rebuild_thumbnail(cache_dir: Path, rel: str, sources: Iterable[str]) -> np.ndarray:
    """Make the thumbnail ``rel`` again from the first of ``sources`` that decodes; return its pixels.

    The cache file is replaced (a damaged one included); when the cache cannot be written
    the pixels are still returned, so the photo shows. Raises ``OSError`` when no source
    can be read.
    """
    # Imported here: decoding pulls in numpy, Pillow plugins and OpenCV, which listing the cache never needs.
    import numpy as np

    from pictopy_desktop.errors import ImageReadError
    from pictopy_desktop.library.image_decode import check_regular
    from pictopy_desktop.library.media_decode import decode_media

    problems: list[str] = []
    for source in sources:
        path = Path(source)
        try:
            check_regular(
                path
            )  # a pipe or device put in the photo's place must not block or flood us
            decoded = decode_media(path)
        except (ImageReadError, OSError) as exc:
            problems.append(f"{source}: {exc}")
            continue
        img = _thumbnail_image(decoded.rgb)
        try:
            _save(img, cache_dir / rel)
        except OSError as exc:  # the cache is unwritable: show the photo anyway
            log.info("Could not write thumbnail %s: %s", cache_dir / rel, exc)
        return np.asarray(img)
    raise OSError(
        f"cannot rebuild thumbnail {rel}: "
        + ("; ".join(problems) or "no photo in the library has it")
    )
