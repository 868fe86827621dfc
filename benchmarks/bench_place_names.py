"""How long the viewer's info panel waits for a town's name: the first look-up of a place
(the offline gazetteer is loaded for it, then let go), and one already named (the cell cache).

The viewer names the place in a worker (``ViewerPage._read_place``), never on the GUI
thread: these figures say why.

    python benchmarks/bench_place_names.py [RUNS]   (default 5; medians are printed)
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pictopy_desktop.library import places

SPOTS = [(48.8566, 2.3522), (35.6812, 139.7671), (-33.8568, -70.6483), (40.7128, -74.006)]


def main(runs: int) -> None:
    cold, warm = [], []
    for i in range(runs):
        places.cell_names = places._CellNames()  # nothing named yet: every spot is new
        lat, lon = SPOTS[i % len(SPOTS)]
        start = time.perf_counter()
        name = places.place_at(lat, lon)
        cold.append(time.perf_counter() - start)
        start = time.perf_counter()
        for _ in range(1000):
            places.place_at(lat, lon)
        warm.append((time.perf_counter() - start) / 1000)
        print(f"  {name.label or 'nowhere':30s} first {cold[-1] * 1000:7.1f} ms")
    print(
        f"first look-up of a place (loads the gazetteer): {statistics.median(cold) * 1000:.0f} ms"
    )
    print(f"a place already named (cell cache):            {statistics.median(warm) * 1e6:.1f} µs")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
