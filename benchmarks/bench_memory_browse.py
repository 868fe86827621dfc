"""Memory while browsing: does the app's resident memory stay flat on a big library?

Usage: python benchmarks/bench_memory_browse.py [--count 10000] [--steps 1000]

Builds (once, then reused) a library of ``--count`` small JPEGs (800x600 from
../shared/photos, with dates, a third with GPS; one thumbnail each; rows written
directly, no models), then in a
fresh process opens the app offscreen, browses every view, scrolls the whole Photos
grid (every thumbnail is loaded once) and steps through ``--steps`` photos in the
viewer. It prints the resident memory (RSS) after each phase and the caches' sizes.
Targets: growth from the first paint under 100 MB, total under 500 MB. The window is
1280x820 on a 1920x1200 offscreen screen (Qt's default offscreen screen is 800x800, which
would shrink the window and flatter the caches that follow its size).
With BENCH_TRIM=1 it also collects garbage and hands freed memory back (malloc_trim)
before each figure, and prints how much that gave back: what is freed but still held.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

GROWTH_TARGET_MB = 100
TOTAL_TARGET_MB = 500
WINDOW = (1280, 820)
SCREEN = {"name": "bench", "x": 0, "y": 0, "width": 1920, "height": 1200, "logicalDpi": 96}


def rss_mb() -> float:
    """Resident memory of this process now (Linux /proc)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def build(photos: Path, data: Path, count: int) -> None:
    """Real small JPEGs and their thumbnails, and library rows for them (no indexing run:
    that would take far longer than the browsing it sets up)."""
    from benchmarks._library_maker import make_small_library, small_library_gps, small_thumbnail
    from benchmarks._synthetic_library import build as build_rows

    t0 = time.perf_counter()
    files = make_small_library(photos, count, thumbnails=data / "thumbnails")
    build_rows(
        data,
        count,
        n_faces=count // 5,
        n_people=max(1, count // 50),
        files=files,
        thumbnail_of=small_thumbnail,
        gps_of=small_library_gps,
    )
    print(f"library of {count:,} photos ready in {time.perf_counter() - t0:.0f} s", flush=True)


def browse(data: Path, steps: int) -> None:
    """Runs in a fresh process: the figures are the app's own, not the indexing's."""
    from benchmarks._gui_probe import wait_for
    from pictopy_desktop.library.service import Library
    from pictopy_desktop.ui.app import create_app, open_window
    from pictopy_desktop.ui.qt import QApplication, QPixmapCache
    from pictopy_desktop.ui.registry import VIEWS
    from pictopy_desktop.workers.tasks import pools

    app = create_app()
    window = open_window(Library(data))
    window.ui_settings.remove("geometry")  # a size saved by an earlier run would win
    window.resize(*WINDOW)
    window.ui_settings.setValue("last_view", "photos")
    # The sidebar's views, in its order: Photos, Favourites, Memories, Places, People…
    top = sorted((v.sidebar for v in VIEWS if v.sidebar), key=lambda e: e.sort_key())
    window.show()
    window.start()
    photos = window.page("photos")
    loader = window.ctx.images

    def spin(seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.002)

    def idle() -> bool:
        busy = pools().general.activeThreadCount() or pools().writer.activeThreadCount()
        return not loader._pending and not loader._in_flight and not busy

    def settle(timeout_s: float = 5.0) -> None:
        """Until no image is queued or decoding and no view is still computing (a figure taken
        while Memories or Places compute would count their passing peak as growth)."""
        spin(0.05)
        wait_for(idle, timeout_s, "images and views")
        app.processEvents()

    figures: list[tuple[str, float]] = []

    def note(phase: str) -> None:
        if os.environ.get("BENCH_TRIM"):
            import gc

            from pictopy_desktop.library.memory_budget import release_free_memory

            before = rss_mb()
            gc.collect()
            release_free_memory()
            print(f"  trim: {before:.0f} -> {rss_mb():.0f} MB")
        figures.append((phase, rss_mb()))
        print(
            f"{phase:44s} RSS {figures[-1][1]:7.1f} MB   pixmap cache {len(loader.cache):5d} images"
            f" {loader.cache.size_bytes / 2**20:6.1f} MB",
            flush=True,
        )

    wait_for(lambda: photos.model.is_loaded and photos.model.photo_count() > 0, 60, "photos")
    settle()
    spin(1.0)
    viewport = photos.view.viewport().size()
    print(
        f"window {window.width()}x{window.height()}, grid {viewport.width()}x{viewport.height()}"
        f" in {photos.view.cell}-pixel tiles, image cache bound"
        f" {loader.cache.max_bytes / 2**20:.0f} MB",
        flush=True,
    )
    note(f"first paint ({photos.model.photo_count():,} photos)")

    per_view = []
    for entry in top:
        before = rss_mb()
        window.navigate(entry.route)
        spin(1.5)
        settle(30)
        per_view.append(f"{entry.icon} {rss_mb() - before:+.0f}")
    note("every view shown once")
    print(f"  first visit of each view (MB): {', '.join(per_view)}")

    window.navigate(top[0].route)
    bar = photos.view.verticalScrollBar()
    step = max(1, photos.view.viewport().height())
    value = 0
    while value <= bar.maximum():
        bar.setValue(value)
        settle(60)
        value += step
    note(f"Photos grid scrolled to the end ({bar.maximum() // step + 1} screens)")

    first = next(r for r in range(photos.model.rowCount()) if photos.model.image_id(r))
    window.open_viewer(photos.model, first)
    viewer = window.page("viewer")
    for _ in range(steps):
        request = viewer._request
        viewer.step(1)
        if viewer._request == request:
            break  # the last photo
        wait_for(lambda: viewer.canvas.pixmap is not None, 10, "the viewer's photo")
    note(f"viewer stepped through {steps:,} photos")
    window.back()
    for entry in top:
        window.navigate(entry.route)
        spin(0.5)
        settle(30)
    note("every view again")

    base, peak = figures[0][1], max(r for _, r in figures)
    end = figures[-1][1]
    print(f"QPixmapCache limit {QPixmapCache.cacheLimit() / 1024:.0f} MB")
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.1f}" for x in os.getloadavg()))
    print(
        f"growth after first paint: {end - base:+.1f} MB (target < {GROWTH_TARGET_MB} MB: "
        f"{'ok' if end - base < GROWTH_TARGET_MB else 'MISSED'}); peak {peak:.1f} MB (target < "
        f"{TOTAL_TARGET_MB} MB: {'ok' if peak < TOTAL_TARGET_MB else 'MISSED'})"
    )
    window.close()
    QApplication.processEvents()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--steps", type=int, default=1000)
    tmp = Path(tempfile.gettempdir())
    ap.add_argument("--photos", type=Path, default=tmp / "pictopy-bench-small")
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--browse-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    data = args.data or tmp / f"pictopy-bench-small-data-{args.count}"
    os.environ["PICTOPY_DATA_DIR"] = str(data)
    os.environ["PICTOPY_MODELS_DIR"] = str(data / "no-models")  # no analysis: memory of browsing
    if os.environ["QT_QPA_PLATFORM"] == "offscreen":
        screen = tmp / "pictopy-bench-screen.json"
        screen.write_text(json.dumps({"screens": [SCREEN]}))
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"
    if args.browse_only:
        browse(data, args.steps)
        return
    build(args.photos, data, args.count)
    command = [sys.executable, __file__, "--browse-only", "--count", str(args.count)]
    command += ["--steps", str(args.steps), "--data", str(data)]
    subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
