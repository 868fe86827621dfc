"""New faces between re-clusters: join the person of the nearest assigned face, or stay Unknown.

The indexer calls ``assign_new_faces`` once per stored photo, so this must be cheap:
the embeddings of every assigned face are cached in memory per library (unit rows,
owner person, photo) and refreshed only when people changed (the ``people_generation``
counter) or faces were assigned by another process. Per face it costs one
matrix-vector product over the assigned faces.

As in Immich, a face joins the person of its nearest already-assigned neighbour, and
only when that neighbour is within the embedder's cluster distance; otherwise it stays
Unknown instead of being forced into the nearest person. It never joins a person
the user took it out of, nor a person who already has a face in the same photo.
Low-quality faces (``face_quality``: tiny, uncertain, blurred) are never assigned
and, unless the user confirmed them, never serve as the neighbour that others join.
"""

from __future__ import annotations

import logging
import threading
import weakref
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from peewee import OperationalError

from pictopy_desktop.library.fatal_write import fatal_write_error
from pictopy_desktop.ml.face_clustering import nearest_by_distance, normalize
from pictopy_desktop.people import people_store
from pictopy_desktop.people.face_arrays import read_embeddings
from pictopy_desktop.people.face_quality import FaceQuality, thresholds_for
from pictopy_desktop.storage import meta_store
from pictopy_desktop.storage.tables import Face, FaceExclusion, Person, embedding_from_blob

log = logging.getLogger(__name__)

# Used only when neither the analyzer nor the manifest can say (e.g. ML not installed):
# MobileFaceNet's calibrated value (see docs/people.md).
FALLBACK_CLUSTER_DISTANCE = 0.5


def cluster_threshold(library: Any) -> float:
    """The cosine distance under which two faces are one person, for the configured embedder."""
    try:
        analyzer = library.analyzer()
    except Exception:  # a broken ML install must not stop people upkeep
        log.exception("No analyzer for the cluster distance")
        analyzer = None
    value = getattr(analyzer, "cluster_distance", None) if analyzer is not None else None
    if value is not None:
        return float(value)
    try:
        from pictopy_desktop.ml.manifest import load_manifest

        settings = getattr(library, "settings", None)
        set_name = getattr(settings, "model_set", "default") or "default"
        spec = load_manifest().by_role(set_name).get("face_embedder")
        if spec is not None and spec.cluster_distance is not None:
            return float(spec.cluster_distance)
    except Exception as exc:
        log.warning(
            "Model manifest unreadable for the cluster distance (%s); using %.2f",
            exc,
            FALLBACK_CLUSTER_DISTANCE,
        )
    return FALLBACK_CLUSTER_DISTANCE


@dataclass
class _AssignedIndex:
    """Assigned faces in memory: grows by appending, rebuilt when people change."""

    generation: int
    last_face_id: int
    gate: FaceQuality = field(default_factory=FaceQuality)
    dim: int = 0
    count: int = 0
    vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))
    owners: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    images: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def add(self, vectors: np.ndarray, owners: np.ndarray, images: np.ndarray) -> None:
        if not len(vectors):
            return
        if self.dim == 0:
            self.dim = vectors.shape[1]
            self.vectors = np.zeros((0, self.dim), dtype=np.float32)
        if vectors.shape[1] != self.dim:  # embedder changed: those faces cannot be compared
            keep = np.zeros(len(vectors), dtype=bool)
            log.warning(
                "Face embeddings of size %d next to size %d: not compared",
                vectors.shape[1],
                self.dim,
            )
            vectors, owners, images = vectors[keep], owners[keep], images[keep]
        need = self.count + len(vectors)
        if need > len(self.vectors):
            # Grow by a quarter, not double: at 300,000 faces a doubling would hold 150 MB idle.
            cap = max(need + 1024, len(self.vectors) + len(self.vectors) // 4, 256)
            grown = np.zeros((cap, self.dim), dtype=np.float32)
            grown[: self.count] = self.vectors[: self.count]
            self.vectors = grown
            self.owners = np.resize(self.owners, cap)
            self.images = np.resize(self.images, cap)
        self.vectors[self.count : need] = vectors
        self.owners[self.count : need] = owners
        self.images[self.count : need] = images
        self.count = need

    def view(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return self.vectors[: self.count], self.owners[: self.count], self.images[: self.count]


_indexes: weakref.WeakKeyDictionary[Any, _AssignedIndex] = weakref.WeakKeyDictionary()
_fallback_indexes: dict[int, _AssignedIndex] = {}
# One reader of the assigned faces at a time: the first photo analysed waits for the
# index ``warm_index`` is reading instead of reading it a second time.
_INDEX_LOCK = threading.RLock()


def _assigned_faces(gate: FaceQuality, after_id: int = 0) -> dict[str, np.ndarray]:
    """Assigned faces that may serve as a neighbour (good, or confirmed), after ``after_id``."""
    return read_embeddings(
        Face.person.is_null(False)
        & (Face.ignored == False)
        & (Face.id > after_id)
        & ((Face.confirmed == True) | gate.good_expression())
    )


def _index_for(library: Any, gate: FaceQuality) -> _AssignedIndex:
    gen = people_store.generation()
    try:
        index = _indexes.get(library)
    except TypeError:
        index = _fallback_indexes.get(id(library))
    if index is None or index.generation != gen or index.gate != gate:
        index = _AssignedIndex(generation=gen, last_face_id=0, gate=gate)
        faces = _assigned_faces(gate)
        index.add(faces["x"], faces["persons"], faces["images"])
        last = int(faces["face_ids"].max(initial=0))
        index.last_face_id = max(last, Face.select(Face.id).order_by(Face.id.desc()).scalar() or 0)
        _keep_index(library, index)
    else:
        # Faces assigned by another process since we last looked.
        faces = _assigned_faces(gate, index.last_face_id)
        if len(faces["face_ids"]):
            index.add(faces["x"], faces["persons"], faces["images"])
            index.last_face_id = max(index.last_face_id, int(faces["face_ids"].max()))
    return index


def warm_index(library: Any) -> None:
    """Read the assigned faces into the index ahead of the first photo analysed.

    Run on a thread of its own while an index run's first phase makes photos browsable:
    at 300,000 faces the read takes seconds, which the first batch of new faces would
    otherwise wait for (inside its write transaction). Never raises: a failure only
    means the first batch reads the faces itself.
    """
    try:
        with _INDEX_LOCK:
            _index_for(library, thresholds_for(library))
    except Exception:
        log.exception("Reading the assigned faces ahead of analysis failed")
    finally:
        Face._meta.database.close()  # this thread's connection


def _keep_index(library: Any, index: _AssignedIndex) -> None:
    try:
        _indexes[library] = index
    except TypeError:
        _fallback_indexes[id(library)] = index


def adopt_index(
    library: Any,
    gate: FaceQuality,
    face_ids: np.ndarray,
    x: np.ndarray,
    owners: np.ndarray,
    images: np.ndarray,
    eligible: np.ndarray,
) -> None:
    """Take a re-cluster's result as the index of assigned faces, instead of reading them again.

    A re-cluster changes people (the generation), which would make the next photo re-read
    every assigned embedding (300,000 faces: seconds); it has them all in memory. ``x``:
    the unit rows it clustered, ``owners`` each one's person after it (-1: none),
    ``eligible`` those that may serve as a neighbour (good or confirmed). Call inside the
    re-cluster's write transaction, after the generation moved.
    """
    keep = (owners >= 0) & eligible
    index = _AssignedIndex(generation=people_store.generation(), last_face_id=0, gate=gate)
    if keep.any():  # the index takes these copies as they are (one copy, no growth buffer)
        index.vectors = np.ascontiguousarray(x[keep], dtype=np.float32)
        index.owners, index.images = owners[keep], images[keep]
        index.dim, index.count = index.vectors.shape[1], int(keep.sum())
    top = Face.select(Face.id).order_by(Face.id.desc()).scalar() or 0
    index.last_face_id = max(int(face_ids.max(initial=0)), top)
    _keep_index(library, index)


def forget_cache(library: Any) -> None:
    """Drop the in-memory index of ``library`` (tests; a library being closed)."""
    try:
        _indexes.pop(library, None)
    except TypeError:
        pass
    _fallback_indexes.pop(id(library), None)


def _distances(vectors: np.ndarray, queries: np.ndarray) -> np.ndarray:
    """Cosine distances (n, m) of unit ``vectors`` to unit ``queries``, 16 queries per pass."""
    from threadpoolctl import threadpool_limits

    out = np.empty((len(vectors), len(queries)), dtype=np.float32)
    # One BLAS thread: the product is thin (16 columns) and memory-bound; a second thread
    # only spins (see ml/neighbour_cells.py).
    with threadpool_limits(limits=1, user_api="blas"):
        for start in range(0, len(queries), 16):
            block = out[:, start : start + 16]
            np.matmul(vectors, queries[start : start + 16].T, out=block)
            np.subtract(1.0, block, out=block)
    return out


def assign_new_faces(library: Any, face_ids: list[int]) -> None:
    """Put each new face with the person of its nearest assigned face within the threshold.

    Faces farther than the threshold from every assigned face stay Unknown, and so do
    low-quality faces (``face_quality``) the user has not confirmed. Counts the
    photos added since the last re-cluster, and may start a debounced re-cluster
    (see ``recluster.maybe_recluster``).
    """
    if not face_ids:
        return
    eps = cluster_threshold(library)
    gate = thresholds_for(library)
    rows = list(
        Face.select(Face.id, Face.embedding, Face.image, Face.person, Face.ignored)
        .where(Face.id.in_(list(face_ids)) & ((Face.confirmed == True) | gate.good_expression()))
        .order_by(Face.id)
        .tuples()
    )
    new_images = {r[0] for r in Face.select(Face.image).where(Face.id.in_(list(face_ids))).tuples()}
    if not new_images:
        return
    with _INDEX_LOCK:
        # Read (or catch up) the index before taking the write lock: reading 300,000
        # faces inside it would hold every other writer for seconds.
        _index_for(library, gate)
    with _INDEX_LOCK, people_store.write_transaction():
        index = _index_for(library, gate)
        exclusions: dict[int, set[int]] = {}
        for face_id, person_id in (
            FaceExclusion.select(FaceExclusion.face, FaceExclusion.person)
            .where(FaceExclusion.face.in_([r[0] for r in rows]))
            .tuples()
        ):
            exclusions.setdefault(face_id, set()).add(person_id)
        assignments: dict[int, list[int]] = {}
        todo = [
            (face_id, normalize(vector), image_id)
            for face_id, blob, image_id, person_id, ignored in rows
            if (vector := embedding_from_blob(blob)) is not None
            and not ignored
            and person_id is None
        ]
        if index.dim:
            todo = [t for t in todo if t[1].shape[1] == index.dim]
        # One pass over the assigned faces for all of them (300,000 faces are 150 MB to read
        # per pass); faces assigned during this call are compared one by one below.
        before = index.count
        base = (
            _distances(index.vectors[:before], np.vstack([t[1] for t in todo]))
            if todo and before
            else None
        )
        for k, (face_id, q, image_id) in enumerate(todo):
            vectors, owners, images = index.view()
            added = vectors[before:]
            dist = 1.0 - added @ q[0] if len(added) else np.zeros(0, dtype=np.float32)
            if base is not None:
                dist = np.concatenate([base[:, k], dist])
            refused = set(exclusions.get(face_id, ()))
            refused.update(int(o) for o in owners[images == image_id])
            hit = nearest_by_distance(dist, eps, owners, refused)
            if hit is None:
                continue
            found = hit[0]
            assignments.setdefault(found, []).append(face_id)
            index.add(q, np.array([found], dtype=np.int64), np.array([image_id], dtype=np.int64))
        for person_id, ids in assignments.items():
            Face.update(person=person_id).where(Face.id.in_(ids)).execute()
        if assignments:
            no_cover = Person.select(Person.id).where(
                Person.id.in_(list(assignments)) & Person.cover_face_id.is_null()
            )
            people_store.refresh_covers([p.id for p in no_cover])
        index.last_face_id = max(index.last_face_id, max(face_ids))
        meta_store.meta_add(people_store.META_PHOTOS_SINCE_RECLUSTER, len(new_images))
    try:
        from pictopy_desktop.people.recluster import maybe_recluster_during_import

        maybe_recluster_during_import(library)
    except OperationalError as exc:
        # A full disk or a read-only library fails every later write too: it goes up to
        # the analysis, which stops the run with its one sentence (``fatal_write``); the
        # photo count since the last re-cluster stays, so the next run re-clusters.
        if fatal_write_error(exc, library.db.database) is not None:
            raise
        log.exception("Re-clustering during indexing failed")
    except Exception:
        # Anything else (a clustering bug, odd embeddings) costs only this re-cluster: the
        # new faces are already stored and assigned, and the end of the batch tries again.
        log.exception("Re-clustering during indexing failed")
