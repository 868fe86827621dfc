"""Replay photos with known face embeddings into a library, batch by batch, as indexing does.

Each batch stores its photos and faces, hands each photo's new faces to
``assign_new_faces`` (what the indexer's ``on_faces_added`` hook does) and ends with
``maybe_recluster`` (what ``Library.index`` does after every run: ``pictopy index``, a
live-folder update, an import in the app). No models are needed.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import numpy as np


@dataclass
class FaceSpec:
    embedding: np.ndarray
    box: tuple[float, float, float, float] = (10.0, 10.0, 90.0, 100.0)
    score: float = 0.9
    sharpness: float | None = None


@dataclass
class PhotoSpec:
    path: str
    faces: list[FaceSpec]


Partition = frozenset  # of frozensets of (photo path, face index)


def open_library(data_dir: Path, cluster_distance: float):
    """A library in ``data_dir`` whose embedder's cluster distance is ``cluster_distance`` (no models)."""
    from pictopy_desktop import paths
    from pictopy_desktop.library.service import Library

    data_dir.mkdir(parents=True, exist_ok=True)
    paths.set_data_dir_override(data_dir)
    lib = Library(data_dir)
    lib.analyzer = lambda: SimpleNamespace(cluster_distance=cluster_distance)  # type: ignore[method-assign]
    return lib


def store(photos: Sequence[PhotoSpec]) -> list[list[int]]:
    """Store photos and their faces; returns each photo's face ids."""
    from pictopy_desktop.storage.tables import Face, Image

    out = []
    for k, photo in enumerate(photos):
        image = Image.create(path=photo.path, size=1, mtime=float(k), state="done")
        out.append(
            [
                Face.create(
                    image=image.id,
                    x1=f.box[0],
                    y1=f.box[1],
                    x2=f.box[2],
                    y2=f.box[3],
                    score=f.score,
                    sharpness=f.sharpness,
                    embedding=np.asarray(f.embedding, dtype=np.float32).tobytes(),
                ).id
                for f in photo.faces
            ]
        )
    return out


def people_partition() -> Partition:
    """Who is with whom now, as sets of (photo path, face index within the photo)."""
    from pictopy_desktop.storage.tables import Face, Image

    groups: dict[int, set[tuple[str, int]]] = {}
    index_in_photo: dict[int, int] = {}
    rows = (
        Face.select(Face.id, Face.image, Face.person, Image.path)
        .join(Image)
        .order_by(Face.id)
        .tuples()
    )
    for _face_id, image_id, person, path in rows:
        k = index_in_photo[image_id] = index_in_photo.get(image_id, -1) + 1
        if person is not None:
            groups.setdefault(person, set()).add((str(path), k))
    return frozenset(frozenset(g) for g in groups.values())


def replay(
    lib,
    photos: Sequence[PhotoSpec],
    batch: int,
    seed: int | None = None,
    checkpoint: Callable[[list[PhotoSpec]], None] | None = None,
) -> Partition:
    """Index ``photos`` ``batch`` at a time (shuffled with ``seed``), settling people after each batch."""
    from pictopy_desktop.people.face_assignment import assign_new_faces
    from pictopy_desktop.people.recluster import maybe_recluster

    order = list(photos)
    if seed is not None:
        random.Random(seed).shuffle(order)
    done: list[PhotoSpec] = []
    for start in range(0, len(order), batch):
        chunk = order[start : start + batch]
        for ids in store(chunk):
            assign_new_faces(lib, ids)
        maybe_recluster(lib)
        done += chunk
        if checkpoint is not None:
            checkpoint(done)
    return people_partition()
