"""The cell index used above EXACT_MAX_FACES: verified edges, the exact clusters, any row order."""

from __future__ import annotations

import numpy as np
import pytest

from pictopy_desktop.ml import face_clustering
from pictopy_desktop.ml.face_clustering import cluster_embeddings, neighbour_graph, normalize
from pictopy_desktop.ml.neighbour_cells import cell_neighbours


def _people(n: int, people: int, sigma: float, seed: int = 0, strangers: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = normalize(rng.standard_normal((people, 128)))
    x = centres[rng.integers(0, people, n)] + rng.standard_normal((n, 128)) * sigma
    return normalize(np.vstack([x, rng.standard_normal((strangers, 128))]))


def _pairs(i: np.ndarray, j: np.ndarray) -> set[tuple[int, int]]:
    return set(zip(i.tolist(), j.tolist()))


def _partition(labels: np.ndarray) -> set[frozenset[int]]:
    groups: dict[int, set[int]] = {}
    for face, label in enumerate(labels.tolist()):
        if label >= 0:
            groups.setdefault(label, set()).add(face)
    return {frozenset(g) for g in groups.values()}


def test_every_edge_is_a_true_neighbour_and_each_face_keeps_at_most_k():
    x = _people(3000, 60, sigma=0.06, strangers=200)
    eps, k = 0.3, 8
    i, j, s, found = cell_neighbours(x, eps, k, cell_size=64)
    assert len(i) and (i < j).all()
    exact = 1.0 - np.einsum("ij,ij->i", x[i], x[j])
    assert np.allclose(1.0 - s, exact, atol=1e-5)
    assert (exact <= eps + 1e-5).all()  # verified in full dimension: nothing made up
    assert len(i) <= len(x) * k and found.max() > k  # crowded faces kept only k each


def test_cells_find_the_same_clusters_as_dbscan():
    # Many small cells (64 faces each, 50 of them) so that people straddle cells; the
    # reference keeps every pair within eps (DBSCAN's graph, no cap on neighbours).
    x = _people(3000, 60, sigma=0.06, strangers=200)
    exact = neighbour_graph(x, 0.3, n_neighbors=len(x), exact=True, exact_degree=False)
    i, j, _, _ = cell_neighbours(x, 0.3, 24, cell_size=64)
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    def parts(a: np.ndarray, b: np.ndarray) -> set[frozenset[int]]:
        graph = coo_matrix((np.ones(len(a)), (a, b)), shape=(len(x), len(x)))
        comp = connected_components(graph, directed=False)[1]
        return _partition(face_clustering.label_components(comp.astype(np.int64)))

    assert parts(i, j) == parts(exact.i, exact.j)


def test_the_edges_do_not_depend_on_the_order_of_the_faces():
    x = _people(2000, 40, sigma=0.06, strangers=100, seed=3)
    i, j, _, _ = cell_neighbours(x, 0.3, 8, cell_size=64)
    perm = np.random.default_rng(7).permutation(len(x))
    pi, pj, _, _ = cell_neighbours(x[perm], 0.3, 8, cell_size=64)
    back_i, back_j = perm[pi], perm[pj]
    assert _pairs(np.minimum(back_i, back_j), np.maximum(back_i, back_j)) == _pairs(i, j)


def test_above_the_exact_limit_clustering_uses_cells_with_the_same_people(monkeypatch):
    x = _people(2500, 50, sigma=0.06, strangers=150, seed=5)
    photos = np.arange(len(x)) // 2  # two faces per photo: cannot-link applies
    exact = cluster_embeddings(x, 0.3, groups=photos)
    monkeypatch.setattr(face_clustering, "EXACT_MAX_FACES", 1000)
    called = []
    import pictopy_desktop.ml.neighbour_cells as cells

    real = cells.cell_neighbours
    monkeypatch.setattr(cells, "cell_neighbours", lambda *a, **k: called.append(1) or real(*a, **k))
    approx = cluster_embeddings(x, 0.3, groups=photos)
    assert called
    assert _partition(approx) == _partition(exact)


@pytest.mark.parametrize("n", [0, 1, 2])
def test_tiny_inputs(n):
    x = _people(n, 1, sigma=0.01) if n else np.zeros((0, 128), dtype=np.float32)
    i, j, s, found = cell_neighbours(x, 0.3, 4)
    assert _pairs(i, j) == ({(0, 1)} if n == 2 else set()) and len(found) == n


def test_the_exact_search_leaves_no_face_within_eps_of_someone_alone():
    """A face whose only neighbour is crowded (not among its k nearest) is still clustered, as in DBSCAN."""
    rng = np.random.default_rng(0)
    a, b = normalize(rng.standard_normal((2, 128)))
    b = normalize(b - b.dot(a) * a)[0]

    def at(degrees: float, wobble: float = 0.0) -> np.ndarray:
        t = np.radians(degrees)
        return normalize(np.cos(t) * a + np.sin(t) * b + wobble * rng.standard_normal(128))[0]

    # Face 0 sits 35 degrees from a tight group, face 4 40 degrees beyond it (cosine 0.23
    # from face 0 alone, 0.74 from the group); face 0's 2 nearest later faces are the group's.
    x = np.stack([at(35), at(0, 0.01), at(0, 0.01), at(0, 0.01), at(75)])
    graph = neighbour_graph(x, 0.3, n_neighbors=2, exact=True, exact_degree=False)
    assert (0, 4) in _pairs(graph.i, graph.j)
    labels = cluster_embeddings(x, 0.3, n_neighbors=2)
    assert (labels >= 0).all() and len(set(labels.tolist())) == 1
