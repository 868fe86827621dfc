"""Clustering on synthetic embeddings: DBSCAN behaviour, constraints, no n x n matrix."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from pictopy_desktop.ml.face_clustering import (
    NOISE,
    bcubed,
    centroids,
    cluster_embeddings,
    nearest_within,
    neighbour_graph,
    normalize,
)


def noisy_people(n: int, people: int, sigma: float = 0.05, dim: int = 128, seed: int = 0):
    rng = np.random.default_rng(seed)
    centres = normalize(rng.standard_normal((people, dim)))
    truth = rng.integers(0, people, n)
    x = centres[truth] + rng.standard_normal((n, dim)).astype(np.float32) * sigma
    return normalize(x), truth


@pytest.mark.slow
def test_matches_reference_dbscan():
    from sklearn.cluster import DBSCAN
    from sklearn.metrics import adjusted_rand_score

    x, _ = noisy_people(600, 40)
    strangers = normalize(np.random.default_rng(1).standard_normal((60, 128)))
    x = np.vstack([x, strangers])
    ref = DBSCAN(eps=0.3, min_samples=2, metric="cosine").fit_predict(x)
    ours = cluster_embeddings(x, 0.3)
    assert adjusted_rand_score(ref, ours) == pytest.approx(1.0)
    assert np.array_equal(ref == -1, ours == NOISE)


def test_single_face_far_from_everyone_is_noise():
    x, _ = noisy_people(50, 5)
    lone = normalize(np.random.default_rng(7).standard_normal((1, 128)))
    labels = cluster_embeddings(np.vstack([x, lone]), 0.3)
    assert labels[-1] == NOISE
    assert (labels[:-1] >= 0).all()


def test_cannot_link_faces_of_one_photo():
    x, truth = noisy_people(40, 2, sigma=0.01)
    groups = np.arange(40)
    same_photo = np.flatnonzero(truth == 0)[:2]
    groups[same_photo[1]] = groups[same_photo[0]]
    labels = cluster_embeddings(x, 0.3, groups=groups)
    assert labels[same_photo[0]] != labels[same_photo[1]] or labels[same_photo[0]] == NOISE


def test_all_faces_in_one_photo_never_cluster():
    x, _ = noisy_people(10, 1, sigma=0.01)
    assert (cluster_embeddings(x, 0.3, groups=np.zeros(10, dtype=int)) == NOISE).all()


def test_differently_anchored_faces_never_share_a_cluster():
    rng = np.random.default_rng(3)
    a = normalize(rng.standard_normal((1, 64)))
    b = normalize(a + 0.6 * normalize(rng.standard_normal((1, 64))))
    # A chain of faces from a to b, every step within eps.
    chain = normalize(np.vstack([a + (b - a) * t for t in np.linspace(0, 1, 12)]))
    anchors = np.full(12, -1)
    anchors[0], anchors[-1] = 100, 200
    plain = cluster_embeddings(chain, 0.05)
    assert len(set(plain)) == 1  # the chain merges both ends
    labels = cluster_embeddings(chain, 0.05, anchors=anchors)
    assert labels[0] != labels[-1]


def test_forbidden_face_is_kept_away_from_that_person():
    x, _ = noisy_people(30, 1, sigma=0.02)
    anchors = np.full(30, -1)
    anchors[:5] = 9
    labels = cluster_embeddings(x, 0.3, anchors=anchors, forbidden={20: {9}})
    assert labels[20] != labels[0]
    assert len(set(labels[:5])) == 1


def test_noise_stays_unknown_beyond_threshold_in_assignment():
    x, truth = noisy_people(100, 4)
    ids, cents = centroids(x, truth)
    assert list(ids) == [0, 1, 2, 3]
    owner, dist = nearest_within(x[0], cents, 0.3, ids)
    assert owner == truth[0] and dist < 0.3
    far = normalize(np.random.default_rng(11).standard_normal(128))
    assert nearest_within(far, cents, 0.3, ids) is None
    assert nearest_within(x[0], cents, 0.3, ids, refused={truth[0]}) is None


def test_bcubed():
    assert bcubed(["a", "a", "b"], [0, 0, 1]).f1 == pytest.approx(1.0)
    merged = bcubed(["a", "a", "b", "b"], [0, 0, 0, 0])
    assert merged.recall == 1.0 and merged.precision == pytest.approx(0.5)
    split = bcubed(["a", "a"], [-1, -1])  # Unknown faces are singletons
    assert split.precision == 1.0 and split.recall == pytest.approx(0.5)


@pytest.mark.slow
def test_twenty_thousand_faces_without_n_by_n_memory():
    """Its time is a benchmark's (``benchmarks/bench_clustering.py``), not a test's."""
    x, truth = noisy_people(20_000, 800, sigma=0.05)
    tracemalloc.start()
    try:
        labels = cluster_embeddings(x, 0.3)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    n_by_n = 20_000 * 20_000 * 4  # 1.6 GB as float32
    assert peak < n_by_n / 8, f"peak {peak / 1e6:.0f} MB"
    assert bcubed(truth, labels).f1 > 0.98


def test_neighbour_graph_keeps_at_most_k_per_face():
    x, _ = noisy_people(500, 1, sigma=0.01)  # one huge person: everyone is everyone's neighbour
    graph = neighbour_graph(x, 0.3, n_neighbors=8)
    assert len(graph.i) <= 500 * 8
    assert (cluster_embeddings(x, 0.3, n_neighbors=8) == 0).all()
