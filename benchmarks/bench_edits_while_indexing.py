"""How long a user's edit waits while indexing runs, beside the same edits on an idle library.

Usage: python benchmarks/bench_edits_while_indexing.py [--count 60] [--library DIR]

Indexes ``count`` 12 MP photos (with the default models from ../shared/models when
present) on one thread while the main thread keeps making edits (favourite on/off,
add to and take out of an album, rename a person), each its own transaction. Prints
each edit's latency (p50/p99/max) with the library idle (baseline) and while indexing,
how many edits failed (target: none), and the indexing rate meanwhile.
Every transaction takes the write lock at BEGIN (IMMEDIATE) and waits its turn, so
an edit waits at most about one photo's commit.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks._library_maker import make_library  # noqa: E402

MODELS = REPO.parent / "shared" / "models"


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))] if s else 0.0


def make_edit(i: int, photo_ids: list[int], album_id: int, person_id: int) -> None:
    from pictopy_desktop.library import albums
    from pictopy_desktop.library.favourites import set_favourite
    from pictopy_desktop.people import people_service as ps
    from pictopy_desktop.storage.tables import database_proxy

    photo = photo_ids[i % len(photo_ids)]
    kind = i % 4
    if kind == 0:
        set_favourite(database_proxy.obj, [photo], i % 8 == 0)
    elif kind == 1:
        albums.add_to_album(album_id, [photo])
    elif kind == 2:
        albums.remove_from_album(album_id, [photo])
    else:
        ps.rename_person(person_id, f"Person renamed {i}")


def timed_edits(
    should_go_on, photo_ids: list[int], album_id: int, person_id: int
) -> tuple[list[float], list[str]]:
    """Edits until ``should_go_on()`` is False; returns each edit's latency (ms) and the failures."""
    latencies: list[float] = []
    failures: list[str] = []
    i = 0
    while should_go_on(i):
        t0 = time.perf_counter()
        try:
            make_edit(i, photo_ids, album_id, person_id)
        except Exception as exc:
            failures.append(f"{type(exc).__name__}: {exc}")
        latencies.append((time.perf_counter() - t0) * 1000)
        i += 1
        time.sleep(0.005)  # a user (or a script) between edits
    return latencies, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--library", type=Path, help="reuse this photo folder")
    args = parser.parse_args()
    if MODELS.exists():
        os.environ.setdefault("PICTOPY_MODELS_DIR", str(MODELS))
    work = Path(tempfile.mkdtemp(prefix="pictopy-edits-"))
    folder = args.library or work / "photos"
    photos = make_library(folder, args.count)
    first, rest = photos[:8], photos[8:]

    from pictopy_desktop.library import albums
    from pictopy_desktop.library.service import Library
    from pictopy_desktop.people import people_service as ps
    from pictopy_desktop.storage.tables import Image

    with Library(work / "data") as lib:
        lib.index(first)
        photo_ids = [i for (i,) in Image.select(Image.id).tuples()]
        album_id = albums.create_album("Benchmark").value
        with lib.db.atomic():
            person_id = ps.new_person().id

        idle, idle_failures = timed_edits(lambda i: i < 200, photo_ids, album_id, person_id)

        done = threading.Event()
        result: dict = {}

        def index() -> None:
            t0 = time.perf_counter()
            try:
                result["report"] = lib.index(rest)
            finally:
                result["seconds"] = time.perf_counter() - t0
                lib.db.close()
                done.set()

        thread = threading.Thread(target=index)
        thread.start()
        busy, busy_failures = timed_edits(
            lambda i: not done.is_set(), photo_ids, album_id, person_id
        )
        thread.join()

    report = result["report"]
    rate = report.indexed / result["seconds"] if result["seconds"] else 0.0
    print(
        f"models: {'yes' if MODELS.exists() else 'no'}; photos indexed while editing: {report.indexed} "
        f"({rate:.1f} photos/s)"
    )
    print(
        f"edits idle:           {len(idle):5d}, failed {len(idle_failures)}, latency p50 {percentile(idle, 50):6.1f} ms, "
        f"p99 {percentile(idle, 99):6.1f} ms, max {max(idle):6.1f} ms"
    )
    print(
        f"edits while indexing: {len(busy):5d}, failed {len(busy_failures)}, latency p50 {percentile(busy, 50):6.1f} ms, "
        f"p99 {percentile(busy, 99):6.1f} ms, max {max(busy, default=0):6.1f} ms"
    )
    for failure in (idle_failures + busy_failures)[:5]:
        print(f"  failure: {failure}")


if __name__ == "__main__":
    main()
