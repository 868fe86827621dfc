"""Opening a library in another time zone: the open, then the re-sort in chunks after it.

On a copy of a synthetic library (``_synthetic_library.build``, cached under ``--dir`` as
``bench_scale.py`` caches it) where no photo has a capture date (the worst case: every
photo's key comes from its file time), each step in a fresh process, prints:
- the open in another zone now (compare the zones, mark the job) against the open before
  (the same, then the old one-statement update of every key in one transaction, run on a
  second copy in the same run);
- the re-sort job after the open, for each of ``--runs`` (photos per chunk and the pause
  between chunks; zones alternate, so each run rewrites every key): its total time, its
  number of chunks, its longest chunk (the write lock held), and the longest wait of another
  connection writing a small row every 20 ms during the job, as the indexer or another
  process would (SQLite's busy handler sleeps between tries: without a pause it can miss
  every gap between two chunks).

Usage: python benchmarks/bench_zone_change.py [--photos 1000000] [--faces 0] [--dir DIR]
       [--runs 10000:-1,10000:0,5000:-1,20000:-1]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks._synthetic_library import build  # noqa: E402
from pictopy_desktop.storage.migrations import LATEST_VERSION  # noqa: E402
from pictopy_desktop.storage.zone_resort import CHUNK_ROWS, PAUSE_S  # noqa: E402

ZONES = ("UTC0", "<+14>-14")
APP = -1  # the pause the app makes (``ZoneResort.pause_s``)
PROBE = r"""
import json, sqlite3, sys, threading, time
from pathlib import Path
from pictopy_desktop.storage.database import open_database
from pictopy_desktop.storage.gallery_order import SORT_KEY_SQL, record_time_zone
from pictopy_desktop.storage.zone_resort import DONE_KEY, TARGET_KEY, ZoneResort

mode, library, rows, pause_s = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
t = time.perf_counter()
db = open_database(library)
out = {"open_s": time.perf_counter() - t}
if mode == "prepare":  # no photo dated, every key made in this zone (the triggers), no job left
    with db.atomic():
        db.execute_sql("UPDATE image SET taken_at = NULL")
        record_time_zone(db)
        db.execute_sql("DELETE FROM meta WHERE key IN (?, ?)", [TARGET_KEY, DONE_KEY])
elif mode == "old":  # what the open did after that before: one statement, one transaction
    value = SORT_KEY_SQL.format(r="image")
    t = time.perf_counter()
    with db.atomic():
        out["changed"] = db.execute_sql(
            f"UPDATE image SET sort_key = {value} WHERE taken_at IS NULL AND sort_key IS NOT {value}"
        ).rowcount
        record_time_zone(db)
    out["statement_s"] = time.perf_counter() - t
else:  # the job, with another connection writing a small row every 20 ms meanwhile
    waits, stop = [], threading.Event()

    def other_writer():
        con = sqlite3.connect(library, timeout=120, isolation_level=None)
        while not stop.is_set():
            t0 = time.perf_counter()
            con.execute("BEGIN IMMEDIATE")
            con.execute("INSERT OR REPLACE INTO meta VALUES ('bench_other_writer', ?)", [t0])
            con.execute("COMMIT")
            waits.append(time.perf_counter() - t0)
            time.sleep(0.02)
        con.execute("DELETE FROM meta WHERE key = 'bench_other_writer'")
        con.close()

    writer = threading.Thread(target=other_writer)
    writer.start()
    job, chunks = ZoneResort(db, rows), []
    t = time.perf_counter()
    while True:
        t0 = time.perf_counter()
        more = job.step()
        chunks.append(time.perf_counter() - t0)
        if not more:
            break
        time.sleep(job.pause_s if pause_s < 0 else pause_s)
    out.update(job_s=time.perf_counter() - t, chunks=len(chunks), longest_s=max(chunks))
    out.update(changed=job.changed, finished=job.finished)
    stop.set()
    writer.join()
    out.update(writes=len(waits), longest_wait_s=max(waits, default=0.0))
db.close()
print(json.dumps(out))
"""


def probe(mode: str, library: Path, zone: str, rows: int = 0, pause_ms: int = 0) -> dict:
    """Run one step in a fresh process under the POSIX zone ``zone``."""
    out = subprocess.run(
        [sys.executable, "-c", PROBE, mode, str(library), str(rows), str(pause_ms / 1000)],
        env=dict(os.environ, TZ=zone),
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def pause_text(pause_ms: int) -> str:
    if pause_ms == APP:
        low, high = (round(p * 1000) for p in PAUSE_S)
        return f"the app's pauses (the chunk's time, {low}-{high} ms)"
    return f"{pause_ms} ms apart"


def cached_library(folder: Path, photos: int, faces: int) -> Path:
    """The cached library, built when missing (a complete one is only read, never opened)."""
    library = folder / "library.sqlite3"
    if library.is_file():
        con = sqlite3.connect(f"{library.as_uri()}?mode=ro", uri=True)
        try:
            complete = con.execute("SELECT COUNT(*) FROM image").fetchone()[0] >= photos
        except sqlite3.Error:
            complete = False
        con.close()
        if complete:
            return library
    took = build(folder, photos, faces)
    print(f"built the {photos}-photo library in {took:.1f} s", flush=True)
    return library


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--photos", type=int, default=1_000_000)
    ap.add_argument("--faces", type=int, default=0, help="picks the cached library too")
    ap.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "pictopy-bench-scale")
    ap.add_argument(
        "--runs",
        default=f"{CHUNK_ROWS}:{APP},{CHUNK_ROWS}:0,5000:{APP},20000:{APP}",
        help="job runs, each PHOTOS_PER_CHUNK:PAUSE_MS (-1: the app's pause; the app's first)",
    )
    args = ap.parse_args()
    cached = cached_library(
        args.dir / f"v{LATEST_VERSION}-{args.photos}-{args.faces}", args.photos, args.faces
    )
    with tempfile.TemporaryDirectory() as tmp:
        library, before = Path(tmp) / "library.sqlite3", Path(tmp) / "before.sqlite3"
        shutil.copyfile(cached, library)
        probe("prepare", library, ZONES[0])
        print(f"{args.photos} photos, none dated, keys made in {ZONES[0]}", flush=True)
        shutil.copyfile(library, before)
        old = probe("old", before, ZONES[1])
        before.unlink()
        print(
            f"open in {ZONES[1]} before: {old['open_s'] + old['statement_s']:.2f} s"
            f" (the one-statement update of {old['changed']} keys: {old['statement_s']:.2f} s,"
            " the write lock held throughout)",
            flush=True,
        )
        for n, spec in enumerate(args.runs.split(",")):
            rows, pause_ms = (int(x) for x in spec.split(":"))
            zone = ZONES[(n + 1) % 2]
            run = probe("job", library, zone, rows, pause_ms)
            print(
                f"open in {zone} now: {run['open_s'] * 1000:.0f} ms; then the job,"
                f" {rows} photos a chunk, {pause_text(pause_ms)}:"
                f" {run['changed']} keys in {run['job_s']:.2f} s,"
                f" {run['chunks']} chunks, longest {run['longest_s'] * 1000:.0f} ms;"
                f" another writer's longest wait {run['longest_wait_s'] * 1000:.0f} ms"
                f" ({run['writes']} writes)",
                flush=True,
            )


if __name__ == "__main__":
    main()
