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


# Where the small library's photos were taken: (latitude, longitude), a few per photo set.
PLACES = [
    (48.8566, 2.3522),  # Paris
    (41.9028, 12.4964),  # Rome
    (35.6762, 139.6503),  # Tokyo
    (40.7128, -74.0060),  # New York
    (-33.8688, 151.2093),  # Sydney
    (0.0, -30.0),  # at sea
]


def _gps(lat: float, lon: float) -> dict:
    import piexif

    def dms(value: float) -> tuple:
        d = int(value)
        m = int((value - d) * 60)
        s = round(((value - d) * 60 - m) * 60 * 100)
        return ((d, 1), (m, 1), (s, 100))

    return {
        piexif.GPSIFD.GPSLatitudeRef: b"N" if lat >= 0 else b"S",
        piexif.GPSIFD.GPSLatitude: dms(abs(lat)),
        piexif.GPSIFD.GPSLongitudeRef: b"E" if lon >= 0 else b"W",
        piexif.GPSIFD.GPSLongitude: dms(abs(lon)),
    }


def _make_one(args: tuple) -> str:
    import piexif
    from PIL import Image, ImageOps

    i, src, dest, *rest = args
    target = rest[0] if rest else TARGET
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
    size = target if cw >= ch else target[::-1]
    img = img.resize(size, Image.Resampling.BILINEAR)
    year = 2010 + i % 15
    exif = {
        "0th": {piexif.ImageIFD.Make: b"PictoPyBench", piexif.ImageIFD.Orientation: 1},
        "Exif": {
            piexif.ExifIFD.DateTimeOriginal: f"{year}:{1 + i % 12:02d}:{1 + i % 28:02d} 12:00:00".encode()
        },
    }
    if target != TARGET and i % 3 == 0:  # the small library: a third of the photos have GPS
        exif["GPS"] = _gps(*small_library_gps(i))
    img.save(dest, "JPEG", quality=88, exif=piexif.dump(exif))
    if len(rest) > 1 and rest[1]:  # and its thumbnail, as the indexer would make it
        img.thumbnail((320, 320), Image.Resampling.BILINEAR)
        img.save(rest[1], "JPEG", quality=80)
    return dest


def small_library_gps(i: int) -> tuple[float, float] | None:
    """Where photo ``i`` of the small library was taken (a third of them have a position)."""
    return PLACES[(i // 3) % len(PLACES)] if i % 3 == 0 else None


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


def small_thumbnail(i: int) -> str:
    """Photo ``i``'s thumbnail, relative to the thumbnail cache (one per photo, as in real use)."""
    return f"bench/{i // 1000:02d}/t{i:05d}.jpg"


def make_small_library(
    folder: Path, count: int, size: tuple[int, int] = (800, 600), thumbnails: Path | None = None
) -> list[Path]:
    """Create (or reuse) ``count`` small JPEGs (``size``) with dates and, for a third, GPS;
    with ``thumbnails`` (a thumbnail cache folder) their thumbnails too (``small_thumbnail``)."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = source_photos()
    jobs = []
    for i in range(count):
        dest = folder / f"{i // 1000:02d}" / f"IMG_{i:05d}.jpg"
        thumb = thumbnails / small_thumbnail(i) if thumbnails else None
        if not dest.exists() or (thumb and not thumb.exists()):
            dest.parent.mkdir(exist_ok=True)
            if thumb:
                thumb.parent.mkdir(parents=True, exist_ok=True)
            jobs.append((i, str(sources[i % len(sources)]), str(dest), size, thumb and str(thumb)))
    if jobs:
        print(f"Generating {len(jobs)} {size[0]}x{size[1]} photos in {folder} ...", flush=True)
        with ProcessPoolExecutor(2) as pool:
            list(pool.map(_make_one, jobs, chunksize=32))
    return [folder / f"{i // 1000:02d}" / f"IMG_{i:05d}.jpg" for i in range(count)]
