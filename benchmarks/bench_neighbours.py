"""Which neighbour search builds the "within eps" face graph fastest, measured.

Compares, on the same synthetic 128-d faces (``bench_clustering.synthetic_faces``) and the
same radius (cosine ``eps``), the time of:
- ours: ``ml.face_clustering.neighbour_graph`` (blocked exact search with numpy BLAS);
- scikit-learn ``NearestNeighbors(algorithm="brute", metric="cosine").radius_neighbors_graph``;
- scikit-learn ``BallTree`` (euclidean radius on unit rows, the same graph).
Each must find the same edges; prints seconds per method and size and the ratio to ours.

    python benchmarks/bench_neighbours.py [--sizes 5000 20000] [--eps 0.5]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_clustering import synthetic_faces
from pictopy_desktop.ml.face_clustering import cosine_to_euclidean, neighbour_graph


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[5000, 20_000])
    ap.add_argument("--eps", type=float, default=0.5)
    args = ap.parse_args(argv)
    from sklearn.neighbors import BallTree, NearestNeighbors

    print(f"{'method':40s} {'faces':>7s} {'seconds':>8s} {'x ours':>7s} {'edges':>9s}")
    for n in args.sizes:
        x, _, _ = synthetic_faces(n, eps=args.eps)
        g, ours = timed(
            lambda x=x, n=n: neighbour_graph(x, args.eps, n_neighbors=n, exact_degree=False)
        )
        print(f"{'ours (blocked exact, numpy)':40s} {n:7d} {ours:8.2f} {1.0:7.2f} {len(g.i):9d}")
        nn = NearestNeighbors(radius=args.eps, algorithm="brute", metric="cosine").fit(x)
        a, s = timed(lambda nn=nn, x=x: nn.radius_neighbors_graph(x, mode="connectivity"))
        edges = (a.nnz - n) // 2  # each pair twice, plus every face with itself
        print(
            f"{'sklearn brute radius_neighbors_graph':40s} {n:7d} {s:8.2f} {s / ours:7.2f} {edges:9d}"
        )
        r = cosine_to_euclidean(args.eps)
        tree, build_s = timed(lambda x=x: BallTree(x))
        hits, q = timed(lambda tree=tree, x=x, r=r: tree.query_radius(x, r, count_only=True))
        s = build_s + q
        edges = int((hits.sum() - n) // 2)
        print(
            f"{'sklearn BallTree query_radius (count)':40s} {n:7d} {s:8.2f} {s / ours:7.2f} {edges:9d}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
