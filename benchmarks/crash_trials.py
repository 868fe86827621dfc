"""SIGKILL during indexing at random moments, many times; each trial checks the library after restart.

Usage: python benchmarks/crash_trials.py [--trials 20]

Per trial: a library with a named person and an album is extended by indexing a new
folder; the indexer is killed with SIGKILL at a random moment, then run again. Checks:
PRAGMA integrity_check ok, no duplicated image or face, the name and the album still
there, and indexing completes. Prints one line per trial and a summary.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def run_cli(env: dict, data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pictopy_desktop", "--data-dir", str(data), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def check(db: Path) -> list[str]:
    problems = []
    con = sqlite3.connect(db)
    try:
        if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            problems.append("integrity_check failed")
        if con.execute("SELECT COUNT(*) - COUNT(DISTINCT path) FROM image").fetchone()[0]:
            problems.append("duplicated image rows")
        dup = con.execute(
            "SELECT COUNT(*) FROM (SELECT image_id, x1, y1 FROM face GROUP BY 1, 2, 3 HAVING COUNT(*) > 1)"
        ).fetchone()[0]
        if dup:
            problems.append(f"{dup} duplicated faces")
        if not con.execute(
            "SELECT COUNT(*) FROM person WHERE name = 'Barack' AND user_named = 1"
        ).fetchone()[0]:
            problems.append("the named person is gone")
        if not con.execute(
            "SELECT COUNT(*) FROM face f JOIN person p ON f.person_id = p.id WHERE p.name = 'Barack'"
        ).fetchone()[0]:
            problems.append("the named person lost their faces")
        if (
            con.execute(
                "SELECT COUNT(*) FROM album_image ai JOIN album a ON ai.album_id = a.id WHERE a.name = 'Keep'"
            ).fetchone()[0]
            != 2
        ):
            problems.append("the album lost photos")
        if con.execute("SELECT COUNT(*) FROM image WHERE state != 'done'").fetchone()[0]:
            problems.append("indexing did not complete")
    finally:
        con.close()
    return problems


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--trials", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    env = dict(os.environ, PICTOPY_MODELS_DIR=str(SHARED / "models"), PYTHONPATH=str(REPO))
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        first = tmp / "first"
        shutil.copytree(SHARED / "photos" / "openface", first)
        shutil.copy(SHARED / "photos/face_recognition/examples/obama.jpg", first)
        template = tmp / "template-data"
        run_cli(env, template, "index", str(first))
        sys.path.insert(0, str(REPO))
        from pictopy_desktop.library.service import Library
        from pictopy_desktop.people import people_service
        from pictopy_desktop.storage.tables import Album, AlbumImage, Face, Image

        with Library(template):
            obama = Image.get(Image.path == str(first / "obama.jpg"))
            people_service.name_face(Face.get(Face.image == obama.id).id, "Barack")
            album = Album.create(name="Keep")
            for img in Image.select().limit(2):
                AlbumImage.create(album=album, image=img)
        second = tmp / "second"
        shutil.copytree(SHARED / "photos" / "face_recognition", second)
        shutil.copytree(SHARED / "photos" / "darknet", second / "darknet")
        # Kill anywhere in a full run: time one first.
        timing = tmp / "timing-data"
        shutil.copytree(template, timing)
        t0 = time.monotonic()
        run_cli(env, timing, "index", str(second))
        full_run = time.monotonic() - t0
        print(
            f"a full run takes {full_run:.1f} s; kills land between 0.3 s and 95% of that",
            flush=True,
        )
        for trial in range(args.trials):
            data = tmp / f"trial-{trial}"
            shutil.copytree(template, data)
            cmd = [
                sys.executable,
                "-m",
                "pictopy_desktop",
                "--data-dir",
                str(data),
                "index",
                str(second),
            ]
            proc = subprocess.Popen(
                cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            delay = rng.uniform(0.3, 0.95 * full_run)
            time.sleep(delay)
            killed = proc.poll() is None
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            again = run_cli(env, data, "index", str(second))
            problems = check(data / "library.sqlite3")
            if again.returncode != 0:
                problems.append(f"second run failed: {again.stderr.strip()[-200:]}")
            failures += bool(problems)
            state = "killed" if killed else "finished before the kill"
            print(
                f"trial {trial + 1:2d}: {state} at {delay:.2f} s -> {'ok' if not problems else '; '.join(problems)}",
                flush=True,
            )
            shutil.rmtree(data)
    print(f"{args.trials - failures} passed, {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
