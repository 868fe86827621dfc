"""How long `pictopy --help` and `pictopy --version` take, against `python -c pass` measured
in the same run (the interpreter's own start is the floor no command can go below).

Wall time and CPU time (user + system) are both printed: on a busy machine the wall time
grows with the load, the CPU time much less, and it is what the start costs by itself.

    python benchmarks/bench_cli_startup.py [RUNS]   (default 20; medians are printed)
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def medians(args: list[str], runs: int) -> tuple[float, float]:
    """Median (wall, CPU) seconds of ``python args`` over ``runs`` runs (one warm-up first)."""
    walls, cpus = [], []
    for i in range(runs + 1):
        cpu0, start = _children_cpu(), time.perf_counter()
        subprocess.run([sys.executable, *args], cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
        if i:  # the first run fills the OS file cache
            walls.append(time.perf_counter() - start)
            cpus.append(_children_cpu() - cpu0)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    base_wall, base_cpu = medians(["-c", "pass"], runs)
    print(f"median of {runs}         wall      CPU")
    print(f"python -c pass     {base_wall * 1000:6.1f} ms {base_cpu * 1000:6.1f} ms  (baseline)")
    for flag in ("--help", "--version"):
        wall, cpu = medians(["-m", "pictopy_desktop", flag], runs)
        print(
            f"pictopy {flag:<10} {wall * 1000:6.1f} ms {cpu * 1000:6.1f} ms"
            f"  (+{(wall - base_wall) * 1000:.1f} ms wall, +{(cpu - base_cpu) * 1000:.1f} ms CPU)"
        )


if __name__ == "__main__":
    main()
