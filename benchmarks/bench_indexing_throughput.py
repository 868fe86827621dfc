"""Indexing throughput: end-to-end photos/s against the bare per-photo model time.

Usage: python benchmarks/bench_indexing_throughput.py [--count 500] [--library DIR]

Prints the bare bound (decode + object detector + face detector + embedder, called
directly in a loop) and the end-to-end `Library.index` rate measured in the same run,
with their ratio. Target: end to end >= 85% of the bare bound and >= 10 photos/s.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._library_maker import REPO_ROOT, make_library


def cpu_seconds() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--count", type=int, default=500)
    ap.add_argument("--bare-sample", type=int, default=60, help="photos timed for the bare bound")
    ap.add_argument(
        "--library", type=Path, default=Path(tempfile.gettempdir()) / "pictopy-bench-12mp"
    )
    args = ap.parse_args()

    models = Path(os.environ.get("PICTOPY_MODELS_DIR", REPO_ROOT.parent / "shared" / "models"))
    os.environ["PICTOPY_MODELS_DIR"] = str(models)
    photos = make_library(args.library, args.count)

    from pictopy_desktop.library.image_decode import decode_image
    from pictopy_desktop.library.service import Library
    from pictopy_desktop.ml.analyzer import ImageAnalyzer

    analyzer = ImageAnalyzer.from_models_dir(models)
    analyzer.analyze(decode_image(photos[0]).rgb)  # warm-up: sessions created
    sample = photos[: args.bare_sample]
    t0 = time.perf_counter()
    for p in sample:
        analyzer.analyze(decode_image(p).rgb)
    bare = (time.perf_counter() - t0) / len(sample)
    bare_rate = 1.0 / bare
    del analyzer

    with tempfile.TemporaryDirectory() as data:
        lib = Library(Path(data))
        lib.analyzer()
        c0, t0 = cpu_seconds(), time.perf_counter()
        report = lib.index([args.library])
        wall = time.perf_counter() - t0
        cpu = cpu_seconds() - c0
        lib.close()
    rate = report.indexed / wall
    print(f"machine: {os.cpu_count()} cores; {len(photos)} photos of 12 MP")
    print(
        f"bare per-photo model time (decode+objects+faces+embed, 1 loop): {bare * 1000:.1f} ms -> {bare_rate:.2f} photos/s"
    )
    print(
        f"end to end (Library.index): {report.indexed} photos in {wall:.1f} s -> {rate:.2f} photos/s"
    )
    print(f"ratio end-to-end / bare bound: {rate / bare_rate:.2f}  (target >= 0.85)")
    print(f"CPU busy: {cpu / wall:.2f} cores on average (of {os.cpu_count()})")
    print(f"failed: {len(report.failed)}")


if __name__ == "__main__":
    main()
