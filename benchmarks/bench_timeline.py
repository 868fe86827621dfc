"""The timeline's layout at library scale: relayout (a resize or a new tile size) and lookups.

Usage: python benchmarks/bench_timeline.py [--photos 100000] [--months 250]

The layout keeps numbers per month, never per photo, so a resize of a 1,000,000-photo
timeline costs what a few thousand months cost. Prints the time of one relayout, of the
rows on one screen (a paint), of a hit test and of a keyboard move, median of repeats.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pictopy_desktop.ui.timeline_layout import SectionSpec, TimelineLayout


def sections(photos: int, months: int) -> list[SectionSpec]:
    per, extra = divmod(photos, months)
    specs, row = [], 0
    for k in range(months):
        n = per + (1 if k < extra else 0)
        key = f"{2030 - k // 12}-{12 - k % 12:02d}"
        specs.append(SectionSpec(row, n, key, key))
        row += n + 1
    return specs


def median_ms(fn, repeat: int = 25) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=100_000)
    parser.add_argument("--months", type=int, default=250)
    args = parser.parse_args()
    specs = sections(args.photos, args.months)
    layout = TimelineLayout(specs, 1400, 168)
    middle = layout.height // 2
    last_row = specs[-1].header_row + specs[-1].count
    print(f"{args.photos:,} photos in {args.months:,} months, {layout.columns} columns")
    print(f"  relayout:        {median_ms(lambda: TimelineLayout(specs, 1400, 168)):8.3f} ms")
    print(
        f"  one screen:      {median_ms(lambda: layout.rows_between(middle, middle + 900)):8.3f} ms"
    )
    print(f"  hit test:        {median_ms(lambda: layout.row_at(700, middle)):8.4f} ms")
    print(f"  key down:        {median_ms(lambda: layout.row_below(last_row // 2, 1)):8.4f} ms")
    print(f"  scrubber marks:  {median_ms(layout.markers):8.3f} ms")


if __name__ == "__main__":
    main()
