"""Two-phase indexing: how soon a new library is browsable, against when it is fully analysed.

Usage: python benchmarks/bench_two_phase.py [--count 150] [--library DIR] [--rounds 1]

On ``--count`` 12 MP JPEGs (made once from ../shared/photos by ``_library_maker``), each
round indexes the folder into fresh data dirs twice, in alternating order:

- two phases (``Indexer(analysis_behind=True)``, the default): time until every photo is
  committed and browsable (``on_browsable``), then until every photo is analysed;
- one phase (``Indexer(analysis_behind=False)``, the order before): each photo is decoded
  at analysis size, analysed and committed before the next; browsable == analysed.

Prints time-to-browsable vs time-to-fully-analysed, phase one photos/s (as measured, and
from its CPU time per photo, which other load on the machine does not change), and the
total throughput of both orders. Targets: browsable in at most a third of the time to full
analysis, phase one >= 40 photos/s, total throughput no lower than the one-phase order.
Models from PICTOPY_MODELS_DIR (default ../shared/models), loaded before the clock starts.

Measured 2026-11-25 on the 2-core VM while others ran tests (load average 10-16), 100
photos, 2 rounds: browsable after 9.4 s, fully analysed after 75.3 s (12%); phase one 10.7
photos/s as measured, 26 ms CPU a photo (about 76 photos/s on 2 idle cores); total 1.33
photos/s for both orders (two phases / one phase: 1.00; 0.98 in a single round).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._library_maker import REPO_ROOT, make_library


def cpu_seconds() -> float:
    """CPU time of this process, all threads: phase one's cost whatever else the machine runs."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def run(folder: Path, two_phase: bool) -> dict[str, float]:
    """Index ``folder`` into a fresh library; seconds to browsable and to fully analysed."""
    from pictopy_desktop.library.service import Library

    with tempfile.TemporaryDirectory() as data, Library(Path(data)) as lib:
        lib.analyzer()  # models loaded before the clock starts, in both orders
        indexer = lib.make_indexer(analysis_behind=two_phase)
        marks: dict[str, float] = {}

        def browsable(_report: object) -> None:
            marks["browsable"], marks["cpu"] = time.perf_counter(), cpu_seconds()

        c0, t0 = cpu_seconds(), time.perf_counter()
        report = indexer.index([folder], on_browsable=browsable)
        end = time.perf_counter()
    if report.failed or report.indexed != len(list(folder.iterdir())):
        raise SystemExit(
            f"indexed {report.indexed}; failed {len(report.failed)}: {report.failed[:1]}"
        )
    seconds_to_browsable = (marks["browsable"] if two_phase else end) - t0
    return {
        "browsable_cpu": marks["cpu"] - c0,
        "browsable": seconds_to_browsable,
        "analysed": end - t0,
        "indexed": report.indexed,
        "analysed_photos": report.analyzed,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--count", type=int, default=150)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument(
        "--library", type=Path, default=Path(tempfile.gettempdir()) / "pictopy-bench-12mp"
    )
    args = ap.parse_args()
    models = Path(os.environ.get("PICTOPY_MODELS_DIR", REPO_ROOT.parent / "shared" / "models"))
    os.environ["PICTOPY_MODELS_DIR"] = str(models)
    photos = make_library(args.library, args.count)
    folder = Path(tempfile.mkdtemp(prefix="pictopy-two-phase-"))
    for p in photos:  # exactly --count photos (hard links: a symlink out of a library is skipped)
        try:
            os.link(p, folder / p.name)
        except OSError:
            shutil.copy2(p, folder / p.name)

    two: list[dict[str, float]] = []
    one: list[dict[str, float]] = []
    for r in range(args.rounds):
        order = [True, False] if r % 2 == 0 else [False, True]
        for two_phase in order:
            (two if two_phase else one).append(run(folder, two_phase))

    def med(rows: list[dict[str, float]], key: str) -> float:
        return statistics.median(row[key] for row in rows)

    n = len(photos)
    browsable, analysed = med(two, "browsable"), med(two, "analysed")
    single = med(one, "analysed")
    print(f"machine: {os.cpu_count()} cores; {n} photos of 12 MP; {args.rounds} round(s), medians")
    print(
        f"two phases: browsable after {browsable:.1f} s, fully analysed after {analysed:.1f} s "
        f"(browsable at {browsable / analysed:.0%} of the time; target <= 33%)"
    )
    cpu_ms = med(two, "browsable_cpu") / n * 1000
    cores = os.cpu_count() or 1
    print(
        f"phase one: {n / browsable:.1f} photos/s as measured (target >= 40); "
        f"{cpu_ms:.0f} ms CPU a photo, so {cores * 1000 / cpu_ms:.0f} photos/s on {cores} idle cores"
    )
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {cores} cores")
    print(
        f"phase two: {n / (analysed - browsable):.2f} photos/s; total {n / analysed:.2f} photos/s"
    )
    print(
        f"one phase (the order before): browsable = analysed after {single:.1f} s, "
        f"{n / single:.2f} photos/s"
    )
    print(f"total throughput, two phases / one phase: {single / analysed:.2f} (target >= 1.00)")
    print(
        f"analysed photos: two phases {two[-1]['analysed_photos']}, one phase {one[-1]['analysed_photos']}"
    )


if __name__ == "__main__":
    main()
