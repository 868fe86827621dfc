"""Add photos with faces to a copy of a big library as an index run does, and time people's upkeep.

``measure(data_dir, photos, faces)`` copies ``library.sqlite3`` to a scratch folder (the
cached library stays as it was), then adds ``photos`` photos carrying ``faces`` faces
(most near faces already there, some strangers), handing each photo's faces to
``assign_new_faces`` as the analysis queue does (a committed batch of photos at a time), and ends the batch with ``maybe_recluster`` as
``Library.index`` does. It does this twice: in the first batch the in-memory index of
assigned faces is read (once per session) on a thread while the photos are stored, as
``Library.index`` reads it during phase one; the assignment is timed after that read
(phase one of 100 photos takes longer than it: 1.1 s at 88 photos/s). The batch end
re-clusters and hands its result to that index, so the second batch finds it built.
"""

from __future__ import annotations

import resource
import shutil
import tempfile
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np


def _store(photos: int, faces: int, rng: np.random.Generator, tag: str) -> list[list[int]]:
    """Store the photos and faces; each photo's face ids (about 60% of photos have a face)."""
    from pictopy_desktop.storage.tables import Face, Image

    known = [
        np.frombuffer(blob, dtype=np.float32)
        for (blob,) in Face.select(Face.embedding)
        .where(Face.embedding.is_null(False))
        .order_by(Face.id.desc())
        .limit(5000)
        .tuples()
    ]
    dim = len(known[0]) if known else 128
    per_photo = np.zeros(photos, dtype=np.int64)
    per_photo[rng.choice(photos, size=min(faces, photos), replace=False)] = 1
    per_photo[rng.integers(0, photos, max(0, faces - photos))] += 1
    out = []
    for k in range(photos):
        image = Image.create(path=f"/increment/{tag}/IMG_{k:04d}.jpg", size=1, mtime=float(k))
        ids = []
        for _ in range(per_photo[k]):
            if known and rng.random() < 0.85:  # someone already in the library
                base = known[int(rng.integers(0, len(known)))]
                vec = base + rng.normal(scale=0.02, size=dim).astype(np.float32)
            else:  # a stranger
                vec = rng.normal(size=dim).astype(np.float32)
            vec /= np.linalg.norm(vec)
            face = Face.create(
                image=image.id,
                x1=100,
                y1=100,
                x2=300,
                y2=300,
                score=0.9,
                embedding=vec.astype(np.float32).tobytes(),
            )
            ids.append(face.id)
        out.append(ids)
    return out


def measure(data_dir: Path, photos: int = 100, faces: int = 60) -> dict[str, float]:
    """Seconds of people upkeep for two batches of ``photos`` photos with ``faces`` faces."""
    from pictopy_desktop import paths
    from pictopy_desktop.library.analysis_queue import BATCH_PHOTOS
    from pictopy_desktop.library.service import Library
    from pictopy_desktop.people import people_store
    from pictopy_desktop.people.face_assignment import assign_new_faces, warm_index
    from pictopy_desktop.people.recluster import maybe_recluster
    from pictopy_desktop.storage import meta_store

    scratch = Path(tempfile.mkdtemp(prefix="pictopy-bench-increment-"))
    try:
        shutil.copy2(data_dir / "library.sqlite3", scratch / "library.sqlite3")
        paths.set_data_dir_override(scratch)
        lib = Library(scratch)
        lib.analyzer = lambda: SimpleNamespace(cluster_distance=0.5)  # type: ignore[method-assign]
        # As in an app that re-clustered a moment ago (taking about a minute on 2 busy
        # cores at 300,000 faces): photos of an import wait for the gap, the batch end does not.
        meta_store.meta_set(people_store.META_LAST_RECLUSTER_AT, time.time())
        meta_store.meta_set(people_store.META_LAST_RECLUSTER_SECONDS, "60")
        rng = np.random.default_rng(0)
        result: dict[str, float] = {}
        for batch in ("first", "second"):
            # As ``Library.index`` does: the assigned faces are read on a thread of their own
            # while phase one makes the photos browsable (here: stores their rows).
            t = time.perf_counter()
            ahead = threading.Thread(target=warm_index, args=(lib,))
            ahead.start()
            ids = _store(photos, faces, rng, batch)
            ahead.join()
            result[f"read_ahead_{batch}_s"] = time.perf_counter() - t
            t, cpu = time.perf_counter(), time.process_time()
            # The analysis queue hands people the faces of each committed batch of photos.
            for start in range(0, len(ids), BATCH_PHOTOS):
                assign_new_faces(
                    lib, [f for photo in ids[start : start + BATCH_PHOTOS] for f in photo]
                )
            result[f"assign_{batch}_s"] = time.perf_counter() - t
            result[f"assign_{batch}_cpu_s"] = time.process_time() - cpu
            t, cpu = time.perf_counter(), time.process_time()
            report = maybe_recluster(lib)
            result[f"batch_end_{batch}_s"] = time.perf_counter() - t
            result[f"batch_end_{batch}_cpu_s"] = time.process_time() - cpu
            result[f"batch_end_{batch}_reclustered"] = float(report is not None)
        result["increment_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        lib.close()
        return result
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
