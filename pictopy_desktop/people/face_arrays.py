"""Face rows as numpy arrays, read a chunk at a time.

A re-cluster and the assignment index read every face of the library: 300,000 rows
as Python tuples with their embedding blobs held 1.3 GB at once; read in chunks of
``_READ_CHUNK`` into arrays allocated once, they take about 160 MB (the embeddings).
"""

from __future__ import annotations

import itertools
import logging
from typing import Any

import numpy as np
from peewee import fn

from pictopy_desktop.ml.face_clustering import normalize
from pictopy_desktop.storage.tables import Face

log = logging.getLogger(__name__)

_READ_CHUNK = 20_000  # rows at a time: no Python object per face outlives its chunk


def read_face_arrays(where: Any, *, warn: bool = True) -> dict[str, np.ndarray]:
    """The faces matching ``where`` (a Peewee expression on ``Face``), in id order, as arrays.

    Keys: ``face_ids``, ``images``, ``persons`` (-1: none), ``confirmed``, ``boxes`` (n, 4),
    ``scores``, ``sharpness`` (NaN: unknown) and ``x``: unit float32 embeddings. Faces
    without an embedding are left out; of the rest, those of the most common embedding
    size are kept, the others (an embedder changed) left out, with a warning if ``warn``.
    """
    clusterable = where & Face.embedding.is_null(False)
    length = fn.LENGTH(Face.embedding)
    sizes = dict(
        Face.select(length, fn.COUNT(Face.id)).where(clusterable).group_by(length).tuples()
    )
    if not sizes:
        sizes = {0: 0}
    size = max(sizes, key=lambda b: (sizes[b], b))
    if len(sizes) > 1 and warn:
        log.warning(
            "Face embeddings of several sizes %s: clustering those of size %d",
            {b // 4: c for b, c in sizes.items()},
            size // 4,
        )
    n, dim = sizes[size], size // 4
    out = {
        "face_ids": np.zeros(n, dtype=np.int64),
        "images": np.zeros(n, dtype=np.int64),
        "persons": np.zeros(n, dtype=np.int64),
        "confirmed": np.zeros(n, dtype=bool),
        "boxes": np.zeros((n, 4), dtype=np.float64),
        "scores": np.zeros(n, dtype=np.float64),
        "sharpness": np.zeros(n, dtype=np.float64),
        "x": np.zeros((n, dim), dtype=np.float32),
    }
    query = (
        Face.select(
            Face.id,
            Face.image,
            fn.COALESCE(Face.person, -1),
            Face.confirmed,
            Face.x1,
            Face.y1,
            Face.x2,
            Face.y2,
            Face.score,
            fn.COALESCE(Face.sharpness, float("nan")),
            Face.embedding,
        )
        .where(clusterable & (length == size))
        .order_by(Face.id)
        .tuples()
        .iterator()
    )
    at = 0
    while at < n:
        chunk = list(itertools.islice(query, min(_READ_CHUNK, n - at)))
        if not chunk:
            break
        stop = at + len(chunk)
        cols = list(zip(*chunk))
        out["face_ids"][at:stop] = cols[0]
        out["images"][at:stop] = cols[1]
        out["persons"][at:stop] = cols[2]
        out["confirmed"][at:stop] = cols[3]
        out["boxes"][at:stop] = np.array(cols[4:8], dtype=np.float64).T
        out["scores"][at:stop] = cols[8]
        out["sharpness"][at:stop] = np.array(cols[9], dtype=np.float64)
        out["x"][at:stop] = normalize(
            np.frombuffer(b"".join(cols[10]), dtype=np.float32).reshape(-1, dim)
        )
        at = stop
        del chunk, cols
    if at < n:  # faces went away while reading: keep what was read
        out = {k: v[:at] for k, v in out.items()}
    return out
