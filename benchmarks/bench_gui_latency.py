"""GUI responsiveness while indexing: the event loop's latency, measured by a QTimer heartbeat.

Usage: python benchmarks/bench_gui_latency.py [--count 120] [--library DIR]

The window is open (offscreen) while a library of 12 MP photos is indexed with the
default models through the app's own indexing controller. A 10 ms heartbeat timer
records how late each tick arrives; p50/p99/max are printed beside the same measure
with the app idle (the baseline). Target while indexing: p99 < 50 ms, max < 200 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks._library_maker import make_library  # noqa: E402

TICK_MS = 10


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))] if s else 0.0


class Heartbeat:
    def __init__(self) -> None:
        from pictopy_desktop.ui.qt import QTimer

        self.late_ms: list[float] = []
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.late_ms.append(max(0.0, (now - self._last) * 1000 - TICK_MS))
        self._last = now

    def start(self) -> None:
        self.late_ms.clear()
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> list[float]:
        self.timer.stop()
        return list(self.late_ms)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--count", type=int, default=120)
    ap.add_argument(
        "--library", type=Path, default=Path(tempfile.gettempdir()) / "pictopy-bench-12mp"
    )
    args = ap.parse_args()
    os.environ.setdefault("PICTOPY_MODELS_DIR", str(REPO.parent / "shared" / "models"))
    photos = make_library(args.library, args.count)
    folder = args.library if len(list(args.library.glob("*.jpg"))) == args.count else None
    if folder is None:  # index exactly --count photos
        folder = Path(tempfile.mkdtemp(prefix="pictopy-latency-"))
        for p in photos:  # hard links (copies across drives): a symlink out of a library is skipped
            try:
                os.link(p, folder / p.name)
            except OSError:
                shutil.copy2(p, folder / p.name)

    data = Path(tempfile.mkdtemp(prefix="pictopy-latency-data-"))
    os.environ["PICTOPY_DATA_DIR"] = str(data)
    from pictopy_desktop.library.service import Library
    from pictopy_desktop.ui.app import create_app, open_window
    from pictopy_desktop.ui.qt import QApplication

    app = create_app()
    window = open_window(Library(data))
    window.resize(1280, 820)
    window.show()
    window.start()
    beat = Heartbeat()

    def spin(seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.001)

    spin(1.0)
    beat.start()
    spin(3.0)
    idle = beat.stop()

    done = []
    window.indexing.finished.connect(done.append)
    beat.start()
    t0 = time.perf_counter()
    window.index_paths([folder])
    while not done:
        QApplication.processEvents()
        time.sleep(0.001)
    took = time.perf_counter() - t0
    busy = beat.stop()
    report = done[0]
    window.close()

    print(
        f"indexed {report.indexed} photos in {took:.1f} s with the window open ({report.indexed / took:.2f} photos/s)"
    )
    print(f"{'event-loop lateness (ms)':28s} {'p50':>8s} {'p99':>8s} {'max':>8s}  ticks")
    for name, v in (("idle (baseline)", idle), ("while indexing", busy)):
        print(
            f"{name:28s} {percentile(v, 50):8.1f} {percentile(v, 99):8.1f} {max(v):8.1f}  {len(v)}"
        )
    p99, mx = percentile(busy, 99), max(busy)
    print(
        f"targets: p99 < 50 ms {'ok' if p99 < 50 else 'MISSED'}, max < 200 ms {'ok' if mx < 200 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
