"""How long the Things page waits for its keywords: ``read_model.keywords_listing()`` (and,
for comparison, ``tags_listing()``) and one keyword's gallery, on a synthetic library of N
photos carrying 0-3 keywords each out of a few hundred paths.

    python benchmarks/bench_keywords_listing.py [N] [DATA_DIR]   (default 200000; a temp dir)
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._synthetic_library import build
from pictopy_desktop.library import read_model
from pictopy_desktop.storage.database import open_database
from pictopy_desktop.storage.tables import Image, Keyword

PLACES = [f"Places|Country {c}|Town {t}" for c in range(20) for t in range(10)]
FLAT = [f"topic {k}" for k in range(100)]


def add_keywords(data_dir: Path, seed: int = 0) -> int:
    """0-3 keywords on every photo (once); the number of keyword rows."""
    db = open_database(data_dir / "library.sqlite3")
    if Keyword.select().exists():
        return Keyword.select().count()
    rng = random.Random(seed)
    ids = [i for (i,) in Image.select(Image.id).tuples()]
    rows = []
    for image_id in ids:
        for path in rng.sample(PLACES + FLAT, rng.randint(0, 3)):
            rows.append((image_id, path.rsplit("|", 1)[-1], path, "xmp"))
    conn = db.connection()
    for start in range(0, len(rows), 100_000):
        with db.atomic():
            conn.executemany(
                "INSERT INTO keyword (image_id, name, path, source) VALUES (?,?,?,?)",
                rows[start : start + 100_000],
            )
    return len(rows)


def timed(what: str, fn) -> object:
    start = time.perf_counter()
    result = fn()
    print(f"{what:45s} {time.perf_counter() - start:7.2f} s")
    return result


def main(n: int, data_dir: Path) -> None:
    print(f"building {n} photos in {data_dir} ...")
    build(data_dir, n, n_faces=0)
    print(f"{add_keywords(data_dir)} keyword rows")
    rows = timed("keywords_listing()", read_model.keywords_listing)
    timed("tags_listing()", read_model.tags_listing)
    path = rows[0].path  # type: ignore[index]
    f = read_model.GalleryFilter(read_model.KEYWORD, path)
    ids, _ = timed(f"gallery_index(keyword {path!r})", lambda: read_model.gallery_index(f))
    print(f"{len(rows)} keywords; {len(ids)} photos carry {path!r}")  # type: ignore[arg-type]


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    if len(sys.argv) > 2:
        main(count, Path(sys.argv[2]))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            main(count, Path(tmp))
