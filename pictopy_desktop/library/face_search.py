"""Find by face: the photos whose faces are nearest to a chosen face, ranked, with a cut-off.

Works for any face, named or not, and for a face in an image file that is not in the
library (dropped onto the search field). Embeddings are compared by cosine similarity
in one matrix product; 100,000 faces of 128 floats is 51 MB and a few milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from pictopy_desktop.errors import PictoPyError
from pictopy_desktop.library.image_decode import decode_image
from pictopy_desktop.storage.tables import Face, FaceSource, embedding_from_blob


@dataclass
class FaceMatch:
    image_id: int
    face_id: int
    similarity: float  # cosine similarity, 1.0 = the same face


def _embeddings() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rows = list(
        Face.select(Face.id, Face.image, Face.embedding)
        .where(Face.embedding.is_null(False) & (Face.ignored == False))
        .tuples()
    )
    if not rows:
        return np.empty(0, np.int64), np.empty(0, np.int64), np.empty((0, 0), np.float32)
    rows = [r for r in rows if embedding_from_blob(r[2]) is not None]  # damaged rows: skipped
    if not rows:
        return np.empty(0, np.int64), np.empty(0, np.int64), np.empty((0, 0), np.float32)
    ids = np.array([r[0] for r in rows], np.int64)
    images = np.array([r[1] for r in rows], np.int64)
    dims = {len(r[2]) for r in rows}
    size = max(dims)  # embeddings from another model (another size) are skipped
    matrix = np.stack(
        [
            np.frombuffer(r[2], np.float32)
            if len(r[2]) == size
            else np.zeros(size // 4, np.float32)
            for r in rows
        ]
    )
    return ids, images, matrix


def similar_to_embedding(
    query: np.ndarray, min_similarity: float, limit: int = 200, exclude_face: int | None = None
) -> list[FaceMatch]:
    """Photos ranked by their best face's similarity to ``query`` (best first)."""
    ids, images, matrix = _embeddings()
    if not len(ids) or matrix.shape[1] != query.shape[0]:
        return []
    q = query.astype(np.float32) / (np.linalg.norm(query) or 1.0)
    sims = matrix @ q
    order = np.argsort(-sims)
    best: dict[int, FaceMatch] = {}
    for k in order:
        s = float(sims[k])
        if s < min_similarity:
            break
        if exclude_face is not None and ids[k] == exclude_face:
            continue
        image = int(images[k])
        if image not in best:
            best[image] = FaceMatch(image, int(ids[k]), s)
            if len(best) >= limit:
                break
    return list(best.values())


def similar_to_face(face_id: int, min_similarity: float, limit: int = 200) -> list[FaceMatch]:
    face = Face.get_or_none(Face.id == face_id)
    if face is not None and face.embedding is None and face.source == FaceSource.METADATA:
        raise PictoPyError(
            f"Face {face_id} is a region another program named; the face detector has not "
            "found a face there, so there is nothing to compare it with."
        )
    if face is None or face.embedding is None:
        raise PictoPyError(f"Face {face_id} is not in the library (or has no embedding).")
    query = face.embedding_array()
    if query is None:
        raise PictoPyError(
            f"Face {face_id}'s stored embedding is damaged, so it cannot be compared with "
            "other faces (the other faces are not affected)."
        )
    _, _, matrix = _embeddings()
    if len(matrix) and matrix.shape[1] != query.shape[0]:
        raise PictoPyError(
            f"Face {face_id} was embedded by another face model than the library's other "
            "faces, so it cannot be compared with them."
        )
    return similar_to_embedding(query, min_similarity, limit, exclude_face=face_id)


def faces_in_file(path: Path, analyzer: Any) -> list[Any]:
    """Detect and embed the faces of an image file that need not be in the library."""
    if analyzer is None or not analyzer.has_faces:
        raise PictoPyError("Face models are not available: run `pictopy models download`.")
    decoded = decode_image(path)
    return analyzer.analyze(decoded.rgb).faces


def similarity_cutoff(cluster_distance: float) -> float:
    """The similarity that matches the embedder's own same-person distance."""
    return 1.0 - cluster_distance
