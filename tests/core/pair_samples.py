"""The sample library's RAW+JPEG files that the pair tests copy into their folders."""

from __future__ import annotations

import shutil
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "sample_library"
PARIS_JPEG = SAMPLES / "paris_pair.jpg"
PARIS_RAW = SAMPLES / "paris_pair.dng"
TOKYO_RAW = SAMPLES / "tokyo_raw.dng"


def copy_sample(sample: Path, to: Path) -> Path:
    """``sample`` copied to ``to`` (its folder made), the copy's path."""
    to.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(sample, to)
    return to
