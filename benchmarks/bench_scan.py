"""How fast the scanner walks a big folder tree, against a bare ``os.walk`` of the same tree.

The scanner checks every entry's type (regular files only), resolves links and keeps each
file once by identity; this prints what that costs over merely listing the folders.

    python benchmarks/bench_scan.py [FILES]   (default 100000, in a temp dir)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pictopy_desktop.library.folder_scanner import walk_images


def make_tree(root: Path, files: int, per_folder: int = 500) -> None:
    """``files`` empty photos in folders of ``per_folder``, a sidecar per ten photos, a link per folder."""
    for i in range(files):
        folder = root / f"{i // per_folder // 20:03d}" / f"{i // per_folder:04d}"
        if i % per_folder == 0:
            folder.mkdir(parents=True)
            (folder / "same-folder").symlink_to(folder, target_is_directory=True)
        (folder / f"IMG_{i:06d}.jpg").touch()
        if i % 10 == 0:
            (folder / f"IMG_{i:06d}.jpg.json").touch()


def best_of(runs: int, fn) -> float:
    """The least CPU time of ``runs`` calls (CPU, not wall: on a shared machine the wall clock says more about the neighbours)."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    files = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_tree(root, files)
        listed = best_of(3, lambda: sum(len(f) for _, _, f in os.walk(root)))
        result = walk_images(root)
        assert len(result.candidates) == files, len(result.candidates)
        scanned = best_of(3, lambda: walk_images(root))
        print(f"files: {files:,} photos (+{files // 10:,} sidecars, {files // 500:,} folder links)")
        print(f"os.walk (listing only): {listed:.3f} s CPU")
        print(
            f"walk_images:            {scanned:.3f} s CPU  ({files / scanned:,.0f} photos/s, {scanned / listed:.1f}x listing)"
        )


if __name__ == "__main__":
    main()
