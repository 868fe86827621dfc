"""Perceptual hashes: the same photo at another size or quality hashes (nearly) the same."""

from __future__ import annotations

import imagehash
import numpy as np
from PIL import Image

HASH_BITS = 64


def perceptual_hash(rgb: np.ndarray) -> str:
    """A 64-bit DCT hash (imagehash.phash) as 16 hex digits."""
    return str(imagehash.phash(Image.fromarray(rgb)))


def hamming(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()
