"""Which neighbour search builds the "within eps" face graph, measured: time and what it finds.

For each size, on two kinds of synthetic 128-d faces:
- ``tight``: ``bench_clustering.synthetic_faces`` (a person's faces ~eps/2 apart);
- ``loose``: like MobileFaceNet's on real photos (``../shared`` faces: same person 0.45
  apart at the median, others 0.99), Zipf-sized people and 15% strangers;
compares
- exact: ``neighbour_graph(exact=True)`` with no cap on neighbours (DBSCAN's whole graph);
- exact, capped: ``neighbour_graph(exact=True)`` as clustering calls it (24 per face);
- cells: ``neighbour_cells.cell_neighbours`` (what clustering uses above EXACT_MAX_FACES);
and prints CPU seconds and how the graph's clusters (connected components) compare
with DBSCAN's: BCubed recall (1.0: no face split off) and precision (1.0: nothing joined
that DBSCAN keeps apart). ``--real CACHE`` also mixes the real embeddings cached by
``measure_people_recall.py --cache CACHE`` into the loose faces and reports whether each
real face's cluster is DBSCAN's. ``--sklearn`` adds scikit-learn's brute radius graph
and BallTree for the time (measured 1.4-6x and 8-31x slower than the exact search).

    python benchmarks/bench_neighbours.py [--sizes 20000 60000] [--eps 0.5] [--real CACHE]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_clustering import synthetic_faces
from pictopy_desktop.ml.face_clustering import (
    DEFAULT_NEIGHBORS,
    bcubed,
    cosine_to_euclidean,
    label_components,
    neighbour_graph,
    normalize,
)
from pictopy_desktop.ml.neighbour_cells import cell_neighbours


def loose_faces(n: int, dim: int = 128, seed: int = 0) -> np.ndarray:
    """Faces spread like real ones: same person ~0.4-0.48 apart, Zipf-sized people, 15% strangers."""
    rng = np.random.default_rng(seed)
    people = max(2, n // 40)
    centres = normalize(rng.standard_normal((people, dim)))
    weights = 1.0 / np.arange(1, people + 1) ** 1.1
    who = rng.choice(people, size=int(n * 0.85), p=weights / weights.sum())
    x = centres[who] + rng.normal(scale=0.08, size=(len(who), dim))
    return normalize(np.vstack([x, rng.standard_normal((n - len(who), dim))]))


def components(n: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    graph = coo_matrix((np.ones(len(i), dtype=np.int8), (i, j)), shape=(n, n))
    return label_components(connected_components(graph, directed=False)[1].astype(np.int64))


def cpu(fn):
    t0 = time.process_time()
    out = fn()
    return out, time.process_time() - t0


def compare(name: str, x: np.ndarray, eps: float, real: slice | None = None) -> None:
    n = len(x)
    full, full_s = cpu(lambda: neighbour_graph(x, eps, n_neighbors=n, exact=True))
    truth = components(n, full.i, full.j)
    alone = truth < 0
    truth_ids = truth.copy()
    truth_ids[alone] = -1 - np.arange(int(alone.sum()))  # each Unknown face is its own class
    capped, capped_s = cpu(lambda: neighbour_graph(x, eps, exact=True, exact_degree=False))
    cells, cells_s = cpu(lambda: cell_neighbours(x, eps, DEFAULT_NEIGHBORS))
    for method, seconds, (i, j) in (
        ("exact, every pair within eps", full_s, (full.i, full.j)),
        (f"exact, {DEFAULT_NEIGHBORS} per face", capped_s, (capped.i, capped.j)),
        ("cells", cells_s, cells[:2]),
    ):
        labels = components(n, i, j)
        score = bcubed(truth_ids, labels)
        line = f"{name:6s} {n:7d} {method:30s} {seconds:8.1f} {len(i):10d} {score.recall:8.4f} {score.precision:9.4f}"
        if real is not None:
            same = _same_clusters(truth[real], labels[real])
            line += f"   real faces in DBSCAN's cluster: {same:.4f}"
        print(line, flush=True)


def _same_clusters(truth: np.ndarray, labels: np.ndarray) -> float:
    """Share of faces whose cluster-mates (among these faces) are exactly DBSCAN's."""
    ok = 0
    for k in range(len(truth)):
        a = set(np.flatnonzero((truth == truth[k]) & (truth >= 0)).tolist())
        b = set(np.flatnonzero((labels == labels[k]) & (labels >= 0)).tolist())
        ok += (a or {k}) == (b or {k})
    return ok / max(1, len(truth))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[20_000, 60_000])
    ap.add_argument("--eps", type=float, default=0.5)
    ap.add_argument("--real", type=Path, help="measure_people_recall.py's embedding cache (.npz)")
    ap.add_argument("--sklearn", action="store_true", help="also time scikit-learn's searches")
    args = ap.parse_args(argv)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; CPU seconds")
    print(
        f"{'faces':6s} {'n':>7s} {'method':30s} {'cpu s':>8s} {'edges':>10s} {'recall':>8s} {'precision':>9s}"
    )
    for n in args.sizes:
        compare("tight", synthetic_faces(n, eps=args.eps)[0], args.eps)
        compare("loose", loose_faces(n), args.eps)
        if args.real is not None and args.real.is_file():
            emb = np.load(args.real)["emb"]
            x = np.vstack([normalize(emb), loose_faces(n - len(emb), seed=1)])
            compare("real+", x, args.eps, real=slice(0, len(emb)))
        if args.sklearn:
            _sklearn(synthetic_faces(n, eps=args.eps)[0], args.eps)
    return 0


def _sklearn(x: np.ndarray, eps: float) -> None:
    from sklearn.neighbors import BallTree, NearestNeighbors

    n = len(x)
    nn = NearestNeighbors(radius=eps, algorithm="brute", metric="cosine").fit(x)
    a, s = cpu(lambda: nn.radius_neighbors_graph(x, mode="connectivity"))
    print(f"tight  {n:7d} {'sklearn brute radius graph':30s} {s:8.1f} {(a.nnz - n) // 2:10d}")
    r = cosine_to_euclidean(eps)
    (tree, build_s) = cpu(lambda: BallTree(x))
    hits, q = cpu(lambda: tree.query_radius(x, r, count_only=True))
    edges = int((hits.sum() - n) // 2)
    print(f"tight  {n:7d} {'sklearn BallTree (count)':30s} {build_s + q:8.1f} {edges:10d}")


if __name__ == "__main__":
    sys.exit(main())
