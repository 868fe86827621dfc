"""Opening a library in another time zone: the sort keys from file times remade (schema v6).

On a copy of a synthetic library (``_synthetic_library.build``, cached under ``--dir`` as
``bench_scale.py`` caches it), each open in a fresh process, prints:
- an open in the zone the keys were made in (the zone's fingerprint is computed and compared),
- an open in another zone when every photo has an EXIF date (no key changes; one scan),
- the worst case: an open in another zone when no photo has one (every key rewritten).

Usage: python benchmarks/bench_zone_change.py [--photos 1000000] [--dir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks._synthetic_library import build  # noqa: E402
from pictopy_desktop.storage.migrations import LATEST_VERSION  # noqa: E402

ZONES = ("UTC0", "<+14>-14")
OPEN_PROBE = r"""
import json, sys, time
from pathlib import Path
from pictopy_desktop.storage.database import open_database
t = time.perf_counter()
db = open_database(Path(sys.argv[1]))
took = time.perf_counter() - t
changed = db.execute_sql("SELECT total_changes()").fetchone()[0]
db.close()
print(json.dumps({"open_s": took, "changed": changed}))
"""


def timed_open(library: Path, zone: str) -> dict:
    """Open ``library`` in a fresh process under the POSIX zone ``zone``."""
    out = subprocess.run(
        [sys.executable, "-c", OPEN_PROBE, str(library)],
        env=dict(os.environ, TZ=zone),
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--photos", type=int, default=1_000_000)
    ap.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "pictopy-bench-scale")
    args = ap.parse_args()
    cached = args.dir / f"v{LATEST_VERSION}-{args.photos}-0"
    took = build(cached, args.photos, 0)
    if took:
        print(f"built the {args.photos}-photo library in {took:.1f} s", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        library = Path(tmp) / "library.sqlite3"
        shutil.copyfile(cached / "library.sqlite3", library)
        first = timed_open(library, ZONES[0])  # records the zone (a cached library may lack it)
        same = timed_open(library, ZONES[0])
        dated = timed_open(library, ZONES[1])
        con_sql = "UPDATE image SET taken_at = NULL"  # the triggers make keys from file times
        subprocess.run(
            [
                sys.executable,
                "-c",
                f"import sqlite3; c = sqlite3.connect({str(library)!r});"
                f" c.execute({con_sql!r}); c.commit(); c.close()",
            ],
            env=dict(os.environ, TZ=ZONES[1]),
            check=True,
        )
        undated = timed_open(library, ZONES[0])
    print(f"first open (zone recorded, {first['changed']} rows changed): {first['open_s']:.2f} s")
    print(f"open in the same zone ({same['changed']} rows changed): {same['open_s']:.3f} s")
    print(
        f"open in another zone, every photo dated ({dated['changed']} rows changed):"
        f" {dated['open_s']:.2f} s"
    )
    print(
        f"open in another zone, no photo dated ({undated['changed']} rows changed):"
        f" {undated['open_s']:.2f} s"
    )


if __name__ == "__main__":
    main()
