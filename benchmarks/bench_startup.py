"""The app's own start-up time: from a fresh interpreter to its first painted window.

On an existing library (the cached 1,000-photo synthetic one from ``bench_scale.py``),
each run is a fresh process that imports the app, opens the library and its window and
waits for the gallery's first paint. The baseline, measured in the same run the same
way, is ``python -c "import PySide6.QtWidgets"``: the floor no Qt app goes below. The
app's own time is the difference (target: under 0.5 s). A second probe starts the app
through ``run_app``, the real entry point (single instance, log folder, folder watcher,
the start-up recheck): the same first paint, with everything the app does at start.
Wall and CPU time (user + system, all threads) are both printed: on a busy machine the
wall time grows with the load, the CPU time much less. Then one run under
``python -X importtime`` lists the slowest imports before the first paint and which
heavy modules (ML, OpenCV, numpy, scipy) were loaded though the first page needs none.

    python benchmarks/bench_startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks._synthetic_library import build  # noqa: E402

PROBE = r"""
import os, sys, time
t0 = time.perf_counter()
# The app's modules first, as `pictopy` imports them (before the probe's helpers).
from pictopy_desktop.library.service import Library
from pictopy_desktop.ui.app import create_app, open_window
from benchmarks._gui_probe import PaintSpy, painted_after, wait_for
create_app()
window = open_window(Library())
window.resize(1280, 820)
photos = window.page("photos")
spy = PaintSpy(photos.view.viewport())
window.ui_settings.setValue("last_view", "photos")
window.show()
window.start()
wait_for(painted_after(spy, lambda: photos.model.rowCount() > 0))
heavy = [m for m in ("numpy", "cv2", "onnxruntime", "scipy", "sklearn", "PIL") if m in sys.modules]
print("LOADED " + ",".join(heavy))
sys.stdout.flush()
os._exit(0)
"""


# The same first paint reached through ``run_app``: the window it opens gets the paint spy.
RUN_APP_PROBE = r"""
import os, sys
import pictopy_desktop.ui.app as app_module
from benchmarks._gui_probe import PaintSpy
from pictopy_desktop.ui.qt import QTimer

open_window = app_module.open_window

def spied_window(library):
    window = open_window(library)
    window.ui_settings.setValue("last_view", "photos")
    photos = window.page("photos")
    spy = PaintSpy(photos.view.viewport())
    state = {"base": None}

    def poll():
        if state["base"] is None:
            if photos.model.rowCount() > 0:
                state["base"] = spy.paints
        elif spy.paints > state["base"]:
            heavy = [m for m in ("numpy", "cv2", "onnxruntime", "scipy", "sklearn", "PIL") if m in sys.modules]
            print("LOADED " + ",".join(heavy), flush=True)
            os._exit(0)

    timer = QTimer(window)
    timer.timeout.connect(poll)
    timer.start(1)
    return window

app_module.open_window = spied_window
app_module.run_app([])
"""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _env(data_dir: Path) -> dict[str, str]:
    env = dict(
        os.environ,
        PICTOPY_DATA_DIR=str(data_dir),
        PICTOPY_MODELS_DIR=str(data_dir / "no-models"),
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(REPO),
    )
    # Compiled modules cached as on a user's machine (and in the bundle), outside the repo.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "pictopy-bench-pycache")
    return env


def wall(args: list[str], env: dict[str, str]) -> tuple[float, str, str]:
    """Wall seconds of ``python args`` in a fresh process, with its stdout and stderr."""
    seconds, _, stdout, stderr = timed(args, env)
    return seconds, stdout, stderr


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float, str, str]:
    """Wall and CPU seconds of ``python args`` in a fresh process, with its stdout and stderr."""
    cpu, t = _children_cpu(), time.perf_counter()
    out = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=env, cwd=REPO, check=True
    )
    return time.perf_counter() - t, _children_cpu() - cpu, out.stdout, out.stderr


def slowest_imports(stderr: str, top: int = 12) -> list[tuple[float, str]]:
    """The top-level imports (by cumulative microseconds) in ``-X importtime`` output."""
    rows = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = line[len("import time:") :].split("|")
        if not name[1:].startswith(" "):  # no indent: imported by the probe itself
            rows.append((int(cumulative) / 1e6, name.strip()))
    return sorted(rows, reverse=True)[:top]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "pictopy-bench-scale")
    args = ap.parse_args()
    data_dir = args.dir / "1000-1000"
    build(data_dir, 1000, 1000)
    env = _env(data_dir)
    wall(["-c", PROBE], env)  # fills the OS file cache
    probes = {
        "baseline: python -c 'import PySide6.QtWidgets'": ["-c", "import PySide6.QtWidgets"],
        "app: fresh process to first painted gallery": ["-c", PROBE],
        "pictopy (run_app) to first painted gallery": ["-c", RUN_APP_PROBE],
    }
    walls: dict[str, list[float]] = {name: [] for name in probes}
    cpus: dict[str, list[float]] = {name: [] for name in probes}
    for _ in range(args.runs):  # interleaved, so all see the same machine load
        for name, probe_args in probes.items():
            seconds, cpu, _, _ = timed(probe_args, env)
            walls[name].append(seconds)
            cpus[name].append(cpu)
    print(f"median of {args.runs} runs                              wall      CPU")
    for name in probes:
        w, c = statistics.median(walls[name]), statistics.median(cpus[name])
        print(f"{name:<48} {w:6.3f} s {c:6.3f} s")
    base_name, *app_names = probes
    b, bc = statistics.median(walls[base_name]), statistics.median(cpus[base_name])
    for name in app_names:
        a, ac = statistics.median(walls[name]), statistics.median(cpus[name])
        verdict = "ok" if a - b < 0.5 else "MISSED"
        print(
            f"own time of {name.split(':')[0].split(' (')[0]:<8} (minus baseline)"
            f"         {a - b:6.3f} s {ac - bc:6.3f} s  target < 0.5 s (wall) {verdict}"
        )
    _, stdout, stderr = wall(["-X", "importtime", "-c", PROBE], env)
    loaded = next((ln[7:] for ln in stdout.splitlines() if ln.startswith("LOADED ")), "")
    print(f"heavy modules loaded before the first paint: {loaded or 'none'}")
    print("slowest top-level imports before the first paint (cumulative s):")
    for seconds, name in slowest_imports(stderr):
        print(f"  {seconds:6.3f}  {name}")


if __name__ == "__main__":
    main()
