"""SQLite's page cache per connection (``storage/database.py`` PRAGMAS) against time and memory.

Each size runs in fresh processes (the sizes interleaved, ``--rounds`` times, so a busy
neighbour hurts them alike) on a copy of a big library (``bench_scale.py`` builds and caches
one; the cached file is never opened for writing). Printed per size, the median of the rounds:
- reads: the gallery's ids in display order (``read_model.ordered_ids``) and People
  (``read_model.people_rows``), first in the process (SQLite's cache empty) and a third time;
- writes, rolled back: 20 index batches of 200 new photos (the triggers fill sort key and
  search text) and every face's person rewritten 500 at a time, as a re-cluster does;
- the process's peak resident memory after the reads (each connection holds up to its cache).

Usage: python benchmarks/bench_cache_size.py [--library DIR] [--sizes -2000,-8000,-32000,-64000]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pictopy_desktop.storage.migrations import LATEST_VERSION  # noqa: E402

PROBE = r"""
import json, resource, sys, time
from pathlib import Path
from pictopy_desktop.storage import database
database.PRAGMAS["cache_size"] = int(sys.argv[2])
from pictopy_desktop.library import read_model as bq
db = database.open_database(Path(sys.argv[1]))
out = {}
for k in range(3):
    t = time.perf_counter()
    ids = bq.ordered_ids(bq.GalleryFilter())
    gallery = time.perf_counter() - t
    t = time.perf_counter()
    bq.people_rows()
    people = time.perf_counter() - t
    if k in (0, 2):
        out[f"gallery_{k}_s"], out[f"people_{k}_s"] = gallery, people
out["rss_reads_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
con = db.connection()
con.execute("BEGIN IMMEDIATE")
t = time.perf_counter()
for b in range(20):
    con.executemany(
        "INSERT INTO image (path, size, mtime, taken_at, state, favourite, media_type, presence,"
        " orientation, rotation, added_at) VALUES (?, 1, 1.0, '2019-05-05 10:00:00', 'waiting',"
        " 0, 'photo', 'present', 1, 0, '2024-01-01')",
        [(f"/bench-new/{b}/IMG_{k}.jpg",) for k in range(200)],
    )
out["insert_4000_s"] = time.perf_counter() - t
con.execute("ROLLBACK")
faces = [i for (i,) in con.execute("SELECT id FROM face")]
con.execute("BEGIN IMMEDIATE")
t = time.perf_counter()
for i in range(0, len(faces), 500):
    chunk = faces[i : i + 500]
    con.execute(f"UPDATE face SET person_id = NULL WHERE id IN ({','.join('?' * len(chunk))})", chunk)
out["faces_update_s"] = time.perf_counter() - t
con.execute("ROLLBACK")
print("RESULT " + json.dumps(out))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--library",
        type=Path,
        default=Path(tempfile.gettempdir())
        / "pictopy-bench-scale"
        / f"v{LATEST_VERSION}-1000000-300000",
        help="a data dir holding library.sqlite3 (copied first)",
    )
    ap.add_argument("--sizes", default="-2000,-8000,-32000,-64000", help="PRAGMA cache_size values")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[int, list[dict[str, float]]] = {s: [] for s in sizes}
    with tempfile.TemporaryDirectory(prefix="pictopy-bench-cache-", dir=args.library.parent) as tmp:
        copy = Path(tmp) / "library.sqlite3"
        shutil.copyfile(args.library / "library.sqlite3", copy)
        for _ in range(args.rounds):
            for size in sizes:
                out = subprocess.run(
                    [sys.executable, "-c", PROBE, str(copy), str(size)],
                    capture_output=True,
                    text=True,
                    cwd=REPO,
                    check=True,
                )
                line = next(x for x in out.stdout.splitlines() if x.startswith("RESULT "))
                results[size].append(json.loads(line[7:]))
    keys = list(results[sizes[0]][0])
    print(
        f"{'median of ' + str(args.rounds):22s}"
        + "".join(f"{f'{s // -1000} MB':>10s}" for s in sizes)
    )
    for key in keys:
        cells = "".join(f"{statistics.median(r[key] for r in results[s]):10.3f}" for s in sizes)
        print(f"{key:22s}{cells}")


if __name__ == "__main__":
    main()
