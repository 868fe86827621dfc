"""Scale: a synthetic library of 1,000,000 photos (rows + small thumbnails) and 300,000 faces.

Prints each figure beside its target and beside the same measurement on a 1,000-photo
library taken in the same run (the baseline):
- cold start to the first painted gallery (a fresh process: import, open, window, first paint) < 2 s
- opening People < 1 s
- a search < 200 ms: its first results painted (the whole result, with its count and
  months, is read behind them; printed too)
- jumping to a month (the rows of the page that month starts on) < 100 ms
- resident memory of the app, peak < 800 MB
- a full re-cluster of every face (read them, cluster, plan people; no writes) < 2 min,
  its peak resident memory < 800 MB
- adding 100 photos with 60 faces: people upkeep as an index run does it (each photo's faces
  assigned, then the end of the batch), on a scratch copy of the library; the assignment < 1 s
- upgrading the library from the previous schema (backup, then the migration), printed
- an index of 10 new RAW+JPEG pairs: the pair bookkeeping (``raw_pairs.record_companions``)
  on a copy where every 10th photo is a pair (cached beside the library), < 50 ms

The libraries are built once (``executemany`` in big transactions, a few minutes for a
million photos on 2 busy cores) and cached under ``--dir`` in a folder named after the
schema version, so a new schema never measures an old file. The upgrade is measured on a
copy of the cached library taken back to the previous version. Each measurement runs in
its own fresh process, one at a time.

Usage: python benchmarks/bench_scale.py [--photos 1000000] [--faces 300000] [--no-recluster]
       [--no-migration] [--no-raw-pairs]
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
from pictopy_desktop.storage.migrations import LATEST_VERSION  # noqa: E402

GUI_PROBE = r"""
import json, os, resource, sys, time
t0 = time.perf_counter()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from benchmarks._gui_probe import measure_startup
result = measure_startup(t0, sys.argv[1:])
result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print("RESULT " + json.dumps(result))
"""

# Jump to months spread over the whole timeline: the gallery holds every id in display
# order (one query at load), a jump fetches the rows of the page the month starts on.
MONTH_PROBE = r"""
import json, os, sys, time
from pathlib import Path
from pictopy_desktop.storage.database import open_database
from pictopy_desktop.library import read_model as bq
from pictopy_desktop.ui.gallery import PAGE_SIZE
db = open_database(Path(os.environ["PICTOPY_DATA_DIR"]) / "library.sqlite3")
f = bq.GalleryFilter()
t = time.perf_counter()
ids, groups = bq.gallery_index(f)
index_s = time.perf_counter() - t
starts, offset = [], 0
for g in groups:
    starts.append(offset)
    offset += g.count
jumps = []
for k in range(0, len(starts), max(1, len(starts) // 24)):
    t = time.perf_counter()
    rows = bq.rows_by_id(ids[starts[k] : starts[k] + PAGE_SIZE])
    jumps.append(time.perf_counter() - t)
    assert rows
print("RESULT " + json.dumps({"index_s": index_s, "month_worst_s": max(jumps), "months": len(groups)}))
"""

# The re-cluster's own work, read-only: snapshot every face, then plan people.
RECLUSTER_PROBE = r"""
import json, os, resource, sys, time
from pathlib import Path
from pictopy_desktop.storage.database import open_database
from pictopy_desktop.people.recluster import _plan, _snapshot
db = open_database(Path(os.environ["PICTOPY_DATA_DIR"]) / "library.sqlite3")
t, cpu = time.perf_counter(), time.process_time()
snap = _snapshot()
read_s = time.perf_counter() - t
target, new_people, n_clusters = _plan(snap, float(sys.argv[1]))
total = time.perf_counter() - t
print("RESULT " + json.dumps({"recluster_s": total, "recluster_read_s": read_s,
    "recluster_cpu_s": time.process_time() - cpu,
    "clusters": n_clusters, "faces": len(snap.face_ids),
    "recluster_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


# The upgrade v5 -> v6 on a copy of the library taken back to v5: the whole open (backup
# included) and the migration step alone.
MIGRATION_PROBE = r"""
import json, os, shutil, sqlite3, sys, tempfile, time
from pathlib import Path
import pictopy_desktop.storage.migrations as migrations
from pictopy_desktop.storage.database import open_database
from tests.old_schemas import strip_v6
source = Path(os.environ["PICTOPY_DATA_DIR"]) / "library.sqlite3"
work = Path(tempfile.mkdtemp(prefix="pictopy-bench-migrate-", dir=source.parent.parent))
try:
    old = work / "library.sqlite3"
    shutil.copyfile(source, old)
    con = sqlite3.connect(old)
    strip_v6(con)
    con.commit()
    con.close()
    step = migrations.MIGRATIONS[-1]
    took = {}
    def timed(db):
        t = time.perf_counter()
        step(db)
        took["step"] = time.perf_counter() - t
    migrations.MIGRATIONS[-1] = timed
    t = time.perf_counter()
    open_database(old).close()
    total = time.perf_counter() - t
finally:
    shutil.rmtree(work, ignore_errors=True)
print("RESULT " + json.dumps({"migration_s": total, "migration_step_s": took["step"]}))
"""


# People upkeep when 100 photos with 60 faces arrive (benchmarks/_people_increment.py).
INCREMENT_PROBE = r"""
import json, os, sys
from pathlib import Path
from benchmarks._people_increment import measure
print("RESULT " + json.dumps(measure(Path(os.environ["PICTOPY_DATA_DIR"]))))
"""


# An index of 10 new pairs on a copy with every 10th photo a pair (benchmarks/_raw_pairs_increment.py).
RAW_PAIRS_PROBE = r"""
import json, os, sys
from pathlib import Path
from benchmarks._raw_pairs_increment import measure, prepare
source = Path(os.environ["PICTOPY_DATA_DIR"])
prepared = source.parent / f"{source.name}-raw-pairs"
pairs = prepare(source, prepared, every=10)
print("RESULT " + json.dumps({**measure(prepared, new=10), "raw_pairs": pairs}))
"""


def run_probe(code: str, data_dir: Path, args: list[str]) -> dict:
    """Run ``code`` in a fresh process on the library in ``data_dir``; its RESULT line."""
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
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=3600,
    )
    for line in out.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise SystemExit(f"probe failed:\n{out.stdout}\n{out.stderr}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--photos", type=int, default=1_000_000)
    ap.add_argument("--faces", type=int, default=300_000)
    ap.add_argument("--eps", type=float, default=0.5, help="cosine distance of one person")
    ap.add_argument(
        "--no-recluster", action="store_true", help="skip the re-cluster and the people upkeep"
    )
    ap.add_argument(
        "--no-migration", action="store_true", help="skip timing the upgrade from the last schema"
    )
    ap.add_argument(
        "--no-raw-pairs", action="store_true", help="skip the RAW pair bookkeeping of an index"
    )
    ap.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "pictopy-bench-scale")
    args = ap.parse_args()
    queries = ["dog", "Person 7", "2019", "Person 3 dog"]
    results = {}
    for label, n_photos, n_faces in (
        ("baseline", 1000, 1000),
        ("scale", args.photos, args.faces),
    ):
        d = args.dir / f"v{LATEST_VERSION}-{n_photos}-{n_faces}"
        took = build(d, n_photos, n_faces)
        if took:
            print(
                f"built the {n_photos}-photo library ({n_faces} faces) in {took:.1f} s", flush=True
            )
        r = run_probe(GUI_PROBE, d, queries)
        r.update(run_probe(MONTH_PROBE, d, []))
        if not args.no_recluster:
            r.update(run_probe(RECLUSTER_PROBE, d, [str(args.eps)]))
            r.update(run_probe(INCREMENT_PROBE, d, []))
        if not args.no_migration:
            r.update(run_probe(MIGRATION_PROBE, d, []))
        if not args.no_raw_pairs:
            r.update(run_probe(RAW_PAIRS_PROBE, d, []))
        r["load_average"] = os.getloadavg()[0]
        results[label] = r
        print(f"measured {label}: {json.dumps(r)}", flush=True)
    base, big = results["baseline"], results["scale"]
    rows = [
        ("cold start to first painted gallery (s)", "first_paint_s", 2.0),
        ("  to the whole gallery read (count, months) (s)", "gallery_read_s", None),
        ("open People, first paint (s)", "people_s", 1.0),
        (f"search, first results shown, worst of {len(queries)} (s)", "search_worst_s", 0.2),
        ("  the whole result read (count, months) (s)", "search_all_worst_s", None),
        ("jump to a month, worst of ~24 (s)", "month_worst_s", 0.1),
        ("app resident memory, peak (MB)", "rss_mb", 800),
    ]
    if not args.no_migration:
        rows += [
            (
                f"upgrade v{LATEST_VERSION - 1} -> v{LATEST_VERSION}, backup included (s)",
                "migration_s",
                None,
            ),
            ("  of which the migration step (s)", "migration_step_s", None),
        ]
    if not args.no_raw_pairs:
        rows += [
            (
                f"10 new RAW pairs among {big['raw_pairs']}: pair bookkeeping (s)",
                "record_companions_s",
                0.05,
            ),
        ]
    if not args.no_recluster:
        rows += [
            (f"full re-cluster, {big['faces']} faces (s)", "recluster_s", 120.0),
            ("  of which reading the faces (s)", "recluster_read_s", None),
            ("  its CPU time (s)", "recluster_cpu_s", None),
            ("  re-cluster resident memory, peak (MB)", "recluster_rss_mb", 800),
            ("100 photos, 60 faces: faces read ahead, 1st (s)", "read_ahead_first_s", None),
            ("  assignment, 1st batch (s)", "assign_first_s", 1.0),
            ("  its CPU time (s)", "assign_first_cpu_s", None),
            ("  end of that batch: a full re-cluster (s)", "batch_end_first_s", None),
            ("  assignment, 2nd batch (s)", "assign_second_s", 1.0),
            ("  its CPU time (s)", "assign_second_cpu_s", None),
            ("  end of that batch (s)", "batch_end_second_s", None),
            ("  upkeep resident memory, peak (MB)", "increment_rss_mb", None),
        ]
    size = f"{args.photos // 1000}k"
    print(f"{'measure':45s} {'1k baseline':>12s} {size:>10s}  ratio  target")
    for name, key, target in rows:
        ratio = big[key] / base[key] if base[key] else float("nan")
        verdict = (
            "" if target is None else f"< {target} " + ("ok" if big[key] < target else "MISSED")
        )
        print(f"{name:45s} {base[key]:12.3f} {big[key]:10.3f} {ratio:6.1f}  {verdict}")
    print("per-query search, first results shown (s):", json.dumps(big.get("search_s", {})))
    print("per-query search, whole result read (s):", json.dumps(big.get("search_all_s", {})))
    print(
        f"load average (1 min) after each library: {base['load_average']:.1f} (1k), "
        f"{big['load_average']:.1f} ({size}) on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
