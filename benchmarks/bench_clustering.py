"""Re-clustering speed and memory on synthetic face embeddings.

Embeddings are 128-d unit vectors drawn as noisy clusters (people of Zipf-like sizes,
10% strangers seen once), like a photo library's faces. For each size, prints the
time and peak memory (tracemalloc: Python/numpy allocations; and the process's peak
RSS) of ``ml.face_clustering.cluster_embeddings`` with cannot-link groups, plus the
BCubed F1 against the truth. The baseline is scikit-learn's reference
``DBSCAN(metric="cosine")``, which builds the full n x n distance matrix, run at 10k
only (at 100k it would need 40 GB).

    python benchmarks/bench_clustering.py [--sizes 10000 100000] [--eps 0.5]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pictopy_desktop.ml.face_clustering import bcubed, cluster_embeddings, normalize


def synthetic_faces(n: int, dim: int = 128, seed: int = 0, eps: float = 0.5):
    """``(embeddings, identity labels, photo ids)``: within-person distances well under ``eps``."""
    rng = np.random.default_rng(seed)
    people = max(2, n // 20)
    centres = normalize(rng.standard_normal((people, dim)))
    weights = 1.0 / np.arange(1, people + 1) ** 0.8
    weights /= weights.sum()
    strangers = n // 10
    who = rng.choice(people, size=n - strangers, p=weights)
    # Noise so that two faces of one person sit at about eps / 2 cosine distance.
    r2 = (eps / 2) / (1 - eps / 2)
    sigma = np.sqrt(r2 / dim)
    x = centres[who] + rng.standard_normal((n - strangers, dim)).astype(np.float32) * sigma
    x = normalize(np.vstack([x, rng.standard_normal((strangers, dim))]))
    truth = np.concatenate([who, -1 - np.arange(strangers)])
    photos = rng.integers(0, n // 2, n)  # about two faces per photo, ...
    _, first = np.unique(np.stack([photos, truth], axis=1), axis=0, return_index=True)
    repeat = np.setdiff1d(np.arange(n), first)
    photos[repeat] = n + np.arange(len(repeat))  # ... never one person twice in a photo
    return x, truth, photos


def measure(fn):
    tracemalloc.start()
    t0 = time.perf_counter()
    out = fn()
    seconds = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return out, seconds, peak / 2**20


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument(
        "--eps", type=float, default=0.5, help="cosine distance (MobileFaceNet default 0.5)"
    )
    ap.add_argument("--no-baseline", action="store_true")
    args = ap.parse_args(argv)
    print(
        f"{'method':28s} {'faces':>7s} {'seconds':>8s} {'peak MB':>8s} {'max RSS MB':>10s} {'BCubed F1':>9s}"
    )
    ours_at: dict[int, tuple[float, float]] = {}
    for n in args.sizes:
        x, truth, photos = synthetic_faces(n, eps=args.eps)
        labels, seconds, peak = measure(
            lambda x=x, photos=photos: cluster_embeddings(x, args.eps, groups=photos)
        )
        f1 = bcubed(truth, labels).f1
        ours_at[n] = (seconds, peak)
        print(
            f"{'ours (cannot-link)':28s} {n:7d} {seconds:8.2f} {peak:8.0f} {max_rss_mb():10.0f} {f1:9.3f}"
        )
    if not args.no_baseline:
        n = 10_000
        x, truth, _ = synthetic_faces(n, eps=args.eps)
        from sklearn.cluster import DBSCAN

        labels, seconds, peak = measure(
            lambda: DBSCAN(eps=args.eps, min_samples=2, metric="cosine").fit_predict(x)
        )
        f1 = bcubed(truth, labels).f1
        print(
            f"{'reference DBSCAN (n x n)':28s} {n:7d} {seconds:8.2f} {peak:8.0f} {max_rss_mb():10.0f} {f1:9.3f}"
        )
        if n in ours_at:
            s, p = ours_at[n]
            print(
                f"at {n}: ours takes {s / seconds:.2f}x the time and {p / peak:.2f}x the peak memory of the reference"
            )
        print(
            "reference at 100000 faces: not run (its n x n cosine matrix alone is 100000^2 x 4 B = 37 GiB)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
