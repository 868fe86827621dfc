"""A synthetic library of N photos (rows + small thumbnails) and N faces, for scale benchmarks."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image as PILImage

_CHUNK = 100_000  # rows per transaction

LABELS = [
    "person",
    "dog",
    "cat",
    "car",
    "bicycle",
    "bird",
    "cup",
    "chair",
    "tree",
    "boat",
    "horse",
    "kite",
]


def build(
    data_dir: Path,
    n_images: int,
    n_faces: int,
    n_people: int = 2000,
    dim: int = 128,
    seed: int = 0,
    files: list[Path] | None = None,
    thumbnail_of: Callable[[int], str] | None = None,
    gps_of: Callable[[int], tuple[float, float] | None] | None = None,
) -> float:
    """Fill ``data_dir`` with a library; returns seconds taken. Reuses it if already complete.

    By default the rows name files that don't exist and share 256 thumbnails; with
    ``files`` (real photos, e.g. ``_library_maker.make_small_library``) row ``i`` is
    ``files[i]`` with the thumbnail ``thumbnail_of(i)`` and the position ``gps_of(i)``.
    Rows go in with ``executemany`` in transactions of ``_CHUNK`` rows, with every column
    the app's defaults would fill; schema v6's triggers fill each photo's sort key and
    search text as it goes in (a million photos in about 7 minutes on 2 busy cores).
    """
    from pictopy_desktop.storage.database import open_database
    from pictopy_desktop.storage.tables import Image, path_to_db

    t0 = time.perf_counter()
    db = open_database(data_dir / "library.sqlite3")
    if Image.select().count() >= n_images:
        db.close()
        return 0.0
    rng = random.Random(seed)
    nprng = np.random.default_rng(seed)
    thumbs = data_dir / "thumbnails" / "ss"
    thumbs.mkdir(parents=True, exist_ok=True)
    n_thumbs = 256
    for i in range(n_thumbs if thumbnail_of is None else 0):
        color = tuple(int(c) for c in nprng.integers(0, 255, 3))
        img = PILImage.new("RGB", (160, 120), color)
        img.save(thumbs / f"t{i}.jpg", "JPEG", quality=70)
    conn = db.connection()
    base = dt.datetime(2005, 1, 1)
    added = str(dt.datetime(2024, 1, 1))
    step = dt.timedelta(minutes=20 * 365 * 24 * 60 // n_images)

    def image_row(i: int) -> tuple:
        gps = gps_of(i) if gps_of else None
        path = (
            str(files[i]) if files else f"/photos/{2005 + i % 20}/{i // 1000:03d}/IMG_{i:06d}.jpg"
        )
        return (
            path_to_db(path),
            3_000_000 + i,
            1.6e9 + i,
            f"{i:032x}",
            800 if files else 4000,
            600 if files else 3000,
            "JPEG",
            str(base + step * i),
            1,
            thumbnail_of(i) if thumbnail_of else f"ss/t{i % n_thumbs}.jpg",
            "done",
            "faces,objects",
            added,
            False,
            gps[0] if gps else None,
            gps[1] if gps else None,
            "photo",
            "present",
            0,
        )

    image_sql = (
        "INSERT INTO image (path, size, mtime, content_hash, width, height, format, taken_at,"
        " orientation, thumbnail, state, analyzed_with, added_at, favourite, latitude, longitude,"
        " media_type, presence, rotation) VALUES (" + ",".join("?" * 19) + ")"
    )
    for start in range(0, n_images, _CHUNK):
        with db.atomic():
            conn.executemany(image_sql, map(image_row, range(start, min(n_images, start + _CHUNK))))
    first_id = Image.select(Image.id).order_by(Image.id).first().id

    def tag_rows(start: int, stop: int):
        for i in range(start, stop):
            for label in rng.sample(LABELS, rng.randint(0, 3)):
                yield (first_id + i, label, 0.8, 0, 0, 10, 10)

    tag_sql = "INSERT INTO object_tag (image_id, label, confidence, x1, y1, x2, y2) VALUES (?,?,?,?,?,?,?)"
    for start in range(0, n_images, _CHUNK):
        with db.atomic():
            conn.executemany(tag_sql, tag_rows(start, min(n_images, start + _CHUNK)))
    with db.atomic():
        conn.executemany(
            "INSERT INTO person (name, user_named, hidden, created_at) VALUES (?,?,?,?)",
            (
                (f"Person {k}" if k < n_people // 10 else None, k < n_people // 10, False, added)
                for k in range(n_people)
            ),
        )
    first_person = db.execute_sql("SELECT min(id) FROM person").fetchone()[0]
    centroids = nprng.normal(size=(n_people, dim)).astype(np.float32)
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
    face_sql = (
        "INSERT INTO face (image_id, x1, y1, x2, y2, score, embedding, person_id, confirmed,"
        " ignored, source) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
    )
    for start in range(0, n_faces, _CHUNK):
        j = np.arange(start, min(n_faces, start + _CHUNK))
        k = j % n_people
        e = centroids[k] + nprng.normal(scale=0.03, size=(len(j), dim)).astype(np.float32)
        e /= np.linalg.norm(e, axis=1, keepdims=True)
        e = e.astype(np.float32)
        images = first_id + (j * 7919) % n_images
        with db.atomic():
            conn.executemany(
                face_sql,
                (
                    (
                        int(images[r]),
                        100,
                        100,
                        300,
                        300,
                        0.9,
                        e[r].tobytes(),
                        first_person + int(k[r]),
                        False,
                        False,
                        "detected",
                    )
                    for r in range(len(j))
                ),
            )
    db.execute_sql("ANALYZE")
    db.close()
    return time.perf_counter() - t0
