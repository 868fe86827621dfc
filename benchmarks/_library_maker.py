"""Make benchmark libraries: realistic 12 MP JPEGs with EXIF, generated from ../shared/photos."""

from __future__ import annotations

import random
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_PHOTOS = REPO_ROOT.parent / "shared" / "photos"
TARGET = (4000, 3000)  # 12 megapixels


def source_photos() -> list[Path]:
    if not SHARED_PHOTOS.exists():
        raise SystemExit(f"{SHARED_PHOTOS} is absent: benchmarks read the shared photos in place.")
    return sorted(
        p for p in SHARED_PHOTOS.rglob("*") if p.suffix.lower() in {".jpg", ".jpeg", ".png"}
    )


def _make_one(args: tuple[int, str, str]) -> str:
    import piexif
    from PIL import Image, ImageOps

    i, src, dest = args
    rng = random.Random(i)
    img = Image.open(src).convert("RGB")
    # Crop a random 70-100% window, maybe flip, then scale to 12 MP (landscape or portrait).
    w, h = img.size
    f = rng.uniform(0.7, 1.0)
    cw, ch = int(w * f), int(h * f)
    x, y = rng.randint(0, w - cw), rng.randint(0, h - ch)
    img = img.crop((x, y, x + cw, y + ch))
    if rng.random() < 0.5:
        img = ImageOps.mirror(img)
    size = TARGET if cw >= ch else TARGET[::-1]
    img = img.resize(size, Image.Resampling.BILINEAR)
    year = 2010 + i % 15
    exif = {
        "0th": {piexif.ImageIFD.Make: b"PictoPyBench", piexif.ImageIFD.Orientation: 1},
        "Exif": {
            piexif.ExifIFD.DateTimeOriginal: f"{year}:{1 + i % 12:02d}:{1 + i % 28:02d} 12:00:00".encode()
        },
    }
    img.save(dest, "JPEG", quality=88, exif=piexif.dump(exif))
    return dest


def make_library(folder: Path, count: int) -> list[Path]:
    """Create (or reuse) ``count`` 12 MP photos in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = source_photos()
    jobs = []
    for i in range(count):
        dest = folder / f"IMG_{i:05d}.jpg"
        if not dest.exists():
            jobs.append((i, str(sources[i % len(sources)]), str(dest)))
    if jobs:
        print(f"Generating {len(jobs)} 12 MP photos in {folder} ...", flush=True)
        with ProcessPoolExecutor(2) as pool:
            list(pool.map(_make_one, jobs, chunksize=8))
    return [folder / f"IMG_{i:05d}.jpg" for i in range(count)]
