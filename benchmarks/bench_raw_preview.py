"""RAW files: reading the embedded preview (what indexing and the grid use) vs a full development.

Writes a camera-sized DNG (default 6000x4000, 24 MP: an 8-bit full-size preview and 16-bit
Bayer data, as ``tests/media_samples.make_dng`` lays them out) and prints the time of
``decode_raw`` at thumbnail and analysis sizes, of ``raw_preview`` (the preview alone, the
file not read whole: what checking a RAW against its JPEG reads, ``pair_check``) and of
``develop_raw`` (what the viewer's "Develop RAW at full size" runs), median of a few runs each.

    python benchmarks/bench_raw_preview.py [--width 6000 --height 4000 --runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pictopy_desktop.library.image_decode import ANALYSIS_MAX_SIDE
from pictopy_desktop.library.media_decode import PREVIEW_SIDE
from pictopy_desktop.library.pair_check import picture_hash
from pictopy_desktop.library.raw_decode import decode_raw, develop_raw, raw_preview
from tests.media_samples import make_dng


def _median_s(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--width", type=int, default=6000)
    parser.add_argument("--height", type=int, default=4000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = make_dng(Path(tmp) / "big.dng", size=(args.width, args.height))
        mb = path.stat().st_size / 1e6
        print(f"DNG {args.width}x{args.height}, {mb:.0f} MB, median of {args.runs} runs")
        for label, fn in [
            (f"preview at {PREVIEW_SIDE} px (browsing)", lambda: decode_raw(path, PREVIEW_SIDE)),
            (
                f"preview at {ANALYSIS_MAX_SIDE} px (analysis)",
                lambda: decode_raw(path, ANALYSIS_MAX_SIDE),
            ),
            (f"preview alone at {PREVIEW_SIDE} px", lambda: raw_preview(path, PREVIEW_SIDE)),
            ("pair check (preview's perceptual hash)", lambda: picture_hash(path)),
            ("full development (viewer at 100 %)", lambda: develop_raw(path)),
        ]:
            print(f"  {label:40s} {_median_s(fn, args.runs):7.3f} s")


if __name__ == "__main__":
    main()
