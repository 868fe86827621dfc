"""Scale: a synthetic library of 100,000 photos (rows + small thumbnails) and 100,000 faces.

Prints, each beside its target:
- cold start to the first painted gallery (a fresh process: import, open, window, first paint) < 2 s
- opening People < 1 s
- a search < 200 ms
- resident memory < 600 MB
The baseline printed beside them is the same measurement on a 1,000-photo library in the same run.

Usage: python benchmarks/bench_scale.py [--photos 100000] [--faces 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks._synthetic_library import build  # noqa: E402

PROBE = r"""
import json, os, resource, sys, time
t0 = time.perf_counter()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from benchmarks._gui_probe import measure_startup
result = measure_startup(t0, sys.argv[1:])
result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print("RESULT " + json.dumps(result))
"""


def run_probe(data_dir: Path, queries: list[str]) -> dict:
    env = dict(
        os.environ,
        PICTOPY_DATA_DIR=str(data_dir),
        PICTOPY_MODELS_DIR=str(data_dir / "no-models"),
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(REPO),
    )
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *queries],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    for line in out.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise SystemExit(f"probe failed:\n{out.stdout}\n{out.stderr}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--photos", type=int, default=100_000)
    ap.add_argument("--faces", type=int, default=100_000)
    ap.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "pictopy-bench-scale")
    args = ap.parse_args()
    queries = ["dog", "Person 7", "2019", "Person 3 dog"]
    results = {}
    for label, n_photos, n_faces in (
        ("baseline 1k", 1000, 1000),
        ("scale", args.photos, args.faces),
    ):
        d = args.dir / f"{n_photos}-{n_faces}"
        took = build(d, n_photos, n_faces)
        if took:
            print(f"built {label} library ({n_photos} photos, {n_faces} faces) in {took:.1f} s")
        results[label] = run_probe(d, queries)
    base, big = results["baseline 1k"], results["scale"]
    rows = [
        ("cold start to first painted gallery (s)", "first_paint_s", 2.0),
        ("open People, first paint (s)", "people_s", 1.0),
        (f"search, worst of {len(queries)} queries (s)", "search_worst_s", 0.2),
        ("resident memory, peak (MB)", "rss_mb", 600),
    ]
    print(f"{'measure':45s} {'1k baseline':>12s} {args.photos // 1000}k{'':>6s} ratio  target")
    for name, key, target in rows:
        ratio = big[key] / base[key] if base[key] else float("nan")
        ok = "ok" if big[key] < target else "MISSED"
        print(f"{name:45s} {base[key]:12.3f} {big[key]:10.3f} {ratio:6.2f}  < {target} {ok}")
    print("per-query search times (s):", json.dumps(big.get("search_s", {})))


if __name__ == "__main__":
    main()
