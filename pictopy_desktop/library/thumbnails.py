"""The on-disk thumbnail cache, keyed by content hash so moved photos keep theirs."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from PIL import Image

THUMBNAIL_SIZE = 320


def thumbnail_relpath(content_hash: str) -> str:
    return f"{content_hash[:2]}/{content_hash}.jpg"


def write_thumbnail(rgb: np.ndarray, content_hash: str, cache_dir: Path) -> str:
    """Write a JPEG thumbnail of ``rgb`` (atomically) and return its path relative to the cache."""
    rel = thumbnail_relpath(content_hash)
    target = cache_dir / rel
    if target.exists():
        return rel
    target.parent.mkdir(parents=True, exist_ok=True)
    img = Image.fromarray(rgb)
    img.thumbnail((THUMBNAIL_SIZE, THUMBNAIL_SIZE), Image.Resampling.LANCZOS, reducing_gap=3.0)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    img.save(tmp, "JPEG", quality=85, optimize=False)
    os.replace(tmp, target)
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
