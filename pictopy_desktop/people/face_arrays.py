"""Face rows as numpy arrays, read a chunk at a time.

A re-cluster and the assignment index read every face of the library: 300,000 rows
as Python tuples with their embedding blobs held 1.3 GB at once; read in chunks of
``_READ_CHUNK`` into arrays allocated once, they take about 160 MB (the embeddings).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import numpy as np
from peewee import Expression, fn

from pictopy_desktop.ml.face_clustering import normalize
from pictopy_desktop.storage.tables import Face

log = logging.getLogger(__name__)

_READ_CHUNK = 20_000  # rows at a time: no Python object per face outlives its chunk


def _column_chunks(cursor: Any, limit: int) -> Iterator[tuple[int, int, list[tuple]]]:
    """Up to ``limit`` rows of ``cursor`` as (first row, end row, columns), ``_READ_CHUNK`` at a
    time: no Python object per face outlives its chunk."""
    at = 0
    while at < limit:
        chunk = cursor.fetchmany(min(_READ_CHUNK, limit - at))
        if not chunk:
            return
        yield at, at + len(chunk), list(zip(*chunk))
        at += len(chunk)


def _unit_rows(blobs: tuple[bytes, ...], dim: int) -> np.ndarray:
    """Embedding blobs of ``dim`` floats each as unit float32 rows."""
    return normalize(np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(-1, dim))


def _whole_floats(length: Any) -> Any:
    """Faces with an embedding of whole float32s: a blob of another length is a damaged row,
    left out like a face without one (peewee's ``%`` is LIKE, so the modulo is spelt out)."""
    return Face.embedding.is_null(False) & (length > 0) & (Expression(length, "%", 4) == 0)


def read_face_arrays(where: Any, *, warn: bool = True) -> dict[str, np.ndarray]:
    """The faces matching ``where`` (a Peewee expression on ``Face``), in id order, as arrays.

    Keys: ``face_ids``, ``images``, ``persons`` (-1: none), ``confirmed``, ``boxes`` (n, 4),
    ``scores``, ``sharpness`` (NaN: unknown) and ``x``: unit float32 embeddings. Faces
    without an embedding are left out; of the rest, those of the most common embedding
    size are kept, the others (an embedder changed) left out, with a warning if ``warn``.
    """
    length = fn.LENGTH(Face.embedding)
    clusterable = where & _whole_floats(length)
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
    )
    # The bare cursor: peewee's per-column conversions cost more than SQLite's reading.
    cursor = Face._meta.database.execute(query)
    at = 0  # rows read
    for first, stop, cols in _column_chunks(cursor, n):
        out["face_ids"][first:stop] = cols[0]
        out["images"][first:stop] = cols[1]
        out["persons"][first:stop] = cols[2]
        out["confirmed"][first:stop] = cols[3]
        out["boxes"][first:stop] = np.array(cols[4:8], dtype=np.float64).T
        out["scores"][first:stop] = cols[8]
        out["sharpness"][first:stop] = np.array(cols[9], dtype=np.float64)
        out["x"][first:stop] = _unit_rows(cols[10], dim)
        at = stop
    if at < n:  # faces went away while reading: keep what was read
        out = {k: v[:at] for k, v in out.items()}
    return out


def read_embeddings(where: Any) -> dict[str, np.ndarray]:
    """The faces matching ``where``: ``face_ids``, ``images``, ``persons`` and unit ``x``, in id order.

    The lean read of ``read_face_arrays`` for the assignment index: four columns in one
    pass (300,000 faces: 0.7 s instead of 2.3 s), the arrays sized by the number of faces
    and trimmed in place. Embeddings of another size than the newest face's (an embedder
    changed) are left out: new faces come from the newest embedder.
    """
    db = Face._meta.database
    length = fn.LENGTH(Face.embedding)
    clusterable = where & _whole_floats(length)
    newest = (
        Face.select(fn.LENGTH(Face.embedding)).where(clusterable).order_by(Face.id.desc()).scalar()
    )
    size = int(newest or 0)
    (upper,) = db.execute_sql("SELECT COUNT(*) FROM face").fetchone()
    n, dim = (int(upper), size // 4) if size else (0, 0)
    out = {
        "face_ids": np.zeros(n, dtype=np.int64),
        "images": np.zeros(n, dtype=np.int64),
        "persons": np.zeros(n, dtype=np.int64),
        "x": np.zeros((n, dim), dtype=np.float32),
    }
    query = (
        Face.select(Face.id, Face.image, fn.COALESCE(Face.person, -1), Face.embedding)
        .where(clusterable & (fn.LENGTH(Face.embedding) == size))
        .order_by(Face.id)
    )
    cursor = db.execute(query) if n else None
    at = 0  # rows read
    for first, stop, cols in _column_chunks(cursor, n) if cursor is not None else ():
        out["face_ids"][first:stop] = cols[0]
        out["images"][first:stop] = cols[1]
        out["persons"][first:stop] = cols[2]
        out["x"][first:stop] = _unit_rows(cols[3], dim)
        at = stop
    for array in out.values():  # shrink to what was read, without a second copy
        array.resize((at, *array.shape[1:]), refcheck=False)
    if cursor is not None and at == n and (late := cursor.fetchall()):
        # Faces stored since the count (another writer): appended, at the cost of a copy.
        cols = list(zip(*late))
        extra = {
            "face_ids": np.array(cols[0], dtype=np.int64),
            "images": np.array(cols[1], dtype=np.int64),
            "persons": np.array(cols[2], dtype=np.int64),
            "x": _unit_rows(cols[3], dim),
        }
        out = {key: np.concatenate([out[key], extra[key]]) for key in out}
    return out
