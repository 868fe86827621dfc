"""A synthetic library of N photos (rows + small thumbnails) and N faces, for scale benchmarks."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image as PILImage

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
    """
    from pictopy_desktop.storage.database import open_database
    from pictopy_desktop.storage.tables import Face, Image, ObjectTag, Person

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
    base = dt.datetime(2005, 1, 1)
    with db.atomic():
        rows = []
        for i in range(n_images):
            gps = gps_of(i) if gps_of else None
            rows.append(
                dict(
                    path=str(files[i])
                    if files
                    else f"/photos/{2005 + i % 20}/{i // 1000:03d}/IMG_{i:06d}.jpg",
                    size=3_000_000 + i,
                    mtime=1.6e9 + i,
                    content_hash=f"{i:032x}",
                    width=800 if files else 4000,
                    height=600 if files else 3000,
                    format="JPEG",
                    taken_at=base + dt.timedelta(minutes=i * (20 * 365 * 24 * 60 // n_images)),
                    thumbnail=thumbnail_of(i) if thumbnail_of else f"ss/t{i % n_thumbs}.jpg",
                    latitude=gps[0] if gps else None,
                    longitude=gps[1] if gps else None,
                    state="done",
                    analyzed_with="faces,objects",
                )
            )
            if len(rows) == 5000:
                Image.insert_many(rows).execute()
                rows = []
        if rows:
            Image.insert_many(rows).execute()
        first_id = Image.select(Image.id).order_by(Image.id).first().id
        tags = []
        for i in range(n_images):
            for label in rng.sample(LABELS, rng.randint(0, 3)):
                tags.append(
                    dict(image=first_id + i, label=label, confidence=0.8, x1=0, y1=0, x2=10, y2=10)
                )
            if len(tags) >= 5000:
                ObjectTag.insert_many(tags).execute()
                tags = []
        if tags:
            ObjectTag.insert_many(tags).execute()
        Person.insert_many(
            [
                dict(
                    name=f"Person {k}" if k < n_people // 10 else None,
                    user_named=k < n_people // 10,
                )
                for k in range(n_people)
            ]
        ).execute()
        first_person = Person.select(Person.id).order_by(Person.id).first().id
        centroids = nprng.normal(size=(n_people, dim)).astype(np.float32)
        centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
        faces = []
        for j in range(n_faces):
            k = j % n_people
            e = centroids[k] + nprng.normal(scale=0.03, size=dim).astype(np.float32)
            e /= np.linalg.norm(e)
            faces.append(
                dict(
                    image=first_id + (j * 7919) % n_images,
                    x1=100,
                    y1=100,
                    x2=300,
                    y2=300,
                    score=0.9,
                    embedding=e.astype(np.float32).tobytes(),
                    person=first_person + k,
                )
            )
            if len(faces) == 5000:
                Face.insert_many(faces).execute()
                faces = []
        if faces:
            Face.insert_many(faces).execute()
    db.execute_sql("ANALYZE")
    db.close()
    return time.perf_counter() - t0
