"""Near-duplicate grouping on bursts: chained groups (before) against groups around the keeper (now).

Makes bursts of frames by sliding a crop window across real photos of ``../shared/photos``
(each frame a few pixels from the next, as a panning or burst sequence is), indexes them
without models into a temporary library, and prints for the grouping that chains
(union of every pair within the distance, what PictoPy did before) and for the one
around keepers (what it does now):

* ``groups``, ``largest``: groups found and the largest one;
* ``would trash``: files ``duplicates --trash --near`` would move (all but one per group);
* ``worst distance``: the largest Hamming distance between a member and its keeper;
* ``worst shift``: the largest crop offset between a member and its keeper, in pixels
  and as a share of the frame width (a member that does not look like the keeper).

Then times the grouping on ``--scale`` synthetic photos (random hashes, 1 % near copies
of another): the band search that finds candidate sets, and the keeper grouping on top.

    python benchmarks/measure_duplicate_groups.py [--frames 143] [--scale 100000]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared"
SOURCES = ["darknet/horses.jpg", "darknet/dog.jpg", "skimage/astronaut.png"]


def make_burst(src: Path, dest: Path, frames: int) -> dict[str, int]:
    """Frames of a crop window (60 % of the photo) sliding left to right; returns each one's x offset."""
    from PIL import Image

    img = Image.open(src).convert("RGB")
    w, h = img.size
    cw, ch = int(w * 0.6), int(h * 0.6)
    top = (h - ch) // 2
    dest.mkdir(parents=True)
    offsets = {}
    for i in range(frames):
        x = round(i * (w - cw) / (frames - 1))
        path = dest / f"{src.stem}-{i:03d}.jpg"
        img.crop((x, top, x + cw, top + ch)).save(path, "JPEG", quality=92)
        offsets[str(path)] = x
    return offsets


def describe(name: str, groups: list[list], offsets: dict[str, int], width: int) -> None:
    worst_d = max(((g[0].phash ^ m.phash).bit_count() for g in groups for m in g[1:]), default=0)
    worst_x = max(
        (abs(offsets[m.path] - offsets[g[0].path]) for g in groups for m in g[1:]), default=0
    )
    print(
        f"  {name:<16} groups {len(groups):4d}  largest {max((len(g) for g in groups), default=0):4d}  "
        f"would trash {sum(len(g) - 1 for g in groups):4d}  worst distance {worst_d:3d}  "
        f"worst shift {worst_x:4d} px ({worst_x / width:.0%} of the frame)"
    )


def bursts(frames: int) -> None:
    from PIL import Image

    from pictopy_desktop.library import duplicates
    from pictopy_desktop.library.service import Library

    limit = duplicates.NEAR_DUPLICATE_DISTANCE
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["PICTOPY_MODELS_DIR"] = str(Path(tmp) / "no-models")
        for rel in SOURCES:
            src = SHARED / "photos" / rel
            if not src.exists():
                print(f"{src} is absent: skipped")
                continue
            folder = Path(tmp) / src.stem
            offsets = make_burst(src, folder, frames)
            width = int(Image.open(src).width * 0.6)
            with Library(Path(tmp) / f"data-{src.stem}") as lib:
                lib.index([folder])
                rows = [r for r in duplicates._present_rows() if r.phash is not None]
                print(
                    f"{rel}: {frames} frames, window {width} px wide, "
                    f"{(Image.open(src).width - width) / (frames - 1):.1f} px between frames"
                )
                old = [
                    sorted(c, key=lambda r: r.keeper_key)
                    for c in duplicates._near_candidates(rows, limit)
                ]
                new = [
                    g
                    for c in duplicates._near_candidates(rows, limit)
                    for g in duplicates._keeper_groups(c, limit)
                ]
                describe("chained (before)", old, offsets, width)
                describe("around keeper", new, offsets, width)


def scale(n: int) -> None:
    from pictopy_desktop.library import duplicates

    rng = random.Random(7)
    rows = []
    for i in range(n):
        if i % 100 < 1 and i >= 5:  # 1 %: near copies of an earlier photo, a few bits off
            base = rows[i - rng.randint(1, 5)].phash
            value = base ^ sum(1 << b for b in rng.sample(range(64), rng.randint(0, 4)))
        else:
            value = rng.getrandbits(64)
        rows.append(
            duplicates._Row(
                i + 1,
                f"/p/{i}.jpg",
                None,
                value,
                rng.randint(1, 12) * 10**6,
                rng.randint(10**5, 10**7),
                float(i),
            )
        )
    limit = duplicates.NEAR_DUPLICATE_DISTANCE
    t0, c0 = time.perf_counter(), time.process_time()
    candidates = duplicates._near_candidates(rows, limit)
    t1, c1 = time.perf_counter(), time.process_time()
    groups = [g for c in candidates for g in duplicates._keeper_groups(c, limit)]
    t2, c2 = time.perf_counter(), time.process_time()
    print(
        f"{n:,} synthetic photos: band search {t1 - t0:.2f} s wall / {c1 - c0:.2f} s CPU, keeper grouping on top "
        f"{t2 - t1:.3f} s wall / {c2 - c1:.3f} s CPU; {len(candidates)} candidate sets, {len(groups)} groups "
        f"(load average {os.getloadavg()[0]:.1f})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--frames", type=int, default=143, help="frames per burst (issue 11 had 143)"
    )
    parser.add_argument(
        "--scale", type=int, default=100_000, help="synthetic photos for the timing"
    )
    args = parser.parse_args()
    bursts(args.frames)
    scale(args.scale)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
