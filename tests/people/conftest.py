"""A library with synthetic faces (no models needed) for people tests."""

from __future__ import annotations

import itertools
from types import SimpleNamespace

import numpy as np
import pytest

from pictopy_desktop.ml.face_clustering import normalize

DIM = 128


class FaceMaker:
    """Makes photos with faces whose embeddings sit near chosen identities."""

    def __init__(self, library, seed: int = 0) -> None:
        self.library = library
        self.rng = np.random.default_rng(seed)
        self.identities: dict[str, np.ndarray] = {}
        self._n = itertools.count()

    def identity(self, name: str) -> np.ndarray:
        if name not in self.identities:
            self.identities[name] = normalize(self.rng.standard_normal(DIM))[0]
        return self.identities[name]

    def vector(self, who: str | np.ndarray, sigma: float = 0.03) -> np.ndarray:
        base = self.identity(who) if isinstance(who, str) else who
        return normalize(base + self.rng.standard_normal(DIM).astype(np.float32) * sigma)[0]

    def named(self, *names: str) -> list[int]:
        """Three photos of each of ``names``, re-clustered into people named after them
        (capitalised); their person ids, in the order given."""
        from pictopy_desktop.people import people_ops
        from pictopy_desktop.people.recluster import recluster
        from pictopy_desktop.storage.tables import Face

        for _ in range(3):
            for name in names:
                self.photo(name)
        recluster(self.library)
        ids = [Face.get_by_id(self.photo(name, assign=True)[0]).person_id for name in names]
        for person_id, name in zip(ids, names, strict=True):
            people_ops.rename_person(person_id, name.capitalize())
        return ids

    def photo(self, *who: str | np.ndarray, assign: bool = False) -> list[int]:
        """One photo with one face per entry of ``who``; returns the face ids."""
        from pictopy_desktop.storage.tables import Face, Image

        k = next(self._n)
        image = Image.create(
            path=f"/synthetic/photo{k:05d}.jpg", size=1, mtime=float(k), state="done"
        )
        ids = []
        for j, w in enumerate(who):
            vec = self.vector(w)
            face = Face.create(
                image=image.id,
                x1=10.0 + 100 * j,
                y1=10.0,
                x2=90.0 + 100 * j,
                y2=100.0,
                score=0.9,
                embedding=np.asarray(vec, dtype=np.float32).tobytes(),
            )
            ids.append(face.id)
        if assign:
            from pictopy_desktop.people.face_assignment import assign_new_faces

            assign_new_faces(self.library, ids)
        return ids


@pytest.fixture
def library(data_dir, monkeypatch):
    from pictopy_desktop.library.service import Library

    lib = Library(data_dir)
    lib.settings.recluster_every_photos = 0  # tests re-cluster explicitly
    lib.analyzer = lambda: SimpleNamespace(cluster_distance=0.3)  # type: ignore[method-assign]
    yield lib
    from pictopy_desktop.people.face_assignment import forget_cache

    forget_cache(lib)
    lib.close()


@pytest.fixture
def faces(library) -> FaceMaker:
    return FaceMaker(library)
