"""How long `pictopy --help` and `pictopy --version` take, against `python -c pass` measured
in the same run (the interpreter's own start is the floor no command can go below).

    python benchmarks/bench_cli_startup.py [RUNS]   (default 20; the median is printed)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def median_seconds(args: list[str], runs: int) -> float:
    """Median wall time of ``python args`` over ``runs`` runs (one warm-up run first)."""
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
        if i:  # the first run fills the OS file cache
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    base = median_seconds(["-c", "pass"], runs)
    print(f"python -c pass      {base * 1000:6.1f} ms  (baseline, median of {runs})")
    for flag in ("--help", "--version"):
        t = median_seconds(["-m", "pictopy_desktop", flag], runs)
        print(f"pictopy {flag:<11} {t * 1000:6.1f} ms  (+{(t - base) * 1000:.1f} ms over baseline)")


if __name__ == "__main__":
    main()
