"""1,000 edits from another thread and another process while a large folder indexes: none fails.

Every write takes SQLite's write lock when its transaction begins (IMMEDIATE) and waits
up to the busy timeout for it, so an edit queues behind the indexer's one-photo
transactions instead of failing with "database is locked".
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from dataclasses import asdict
from pathlib import Path

import pytest

from pictopy_desktop.library.service import Library
from pictopy_desktop.library.transfer import FORMAT, FORMAT_VERSION
from pictopy_desktop.people import people_service as ps
from pictopy_desktop.storage.database import integrity_ok
from pictopy_desktop.storage.tables import Album, AlbumImage, Image, Person
from tests.robustness.busy_library import REPO_ROOT, cli_env, make_photos
from tests.robustness.edit_streams import Outcome, Plan, outcome_from_json, run_edits

EDITS_PER_STREAM = 500
NEW_PHOTOS = 300
PACE_S = 0.02  # the indexer pauses between photos (outside any transaction) while edits go on


def _check(out: Outcome) -> None:
    for pid, favourite in out.favourites.items():
        assert Image.get_by_id(pid).favourite == favourite, pid
    for aid, album in out.albums.items():
        assert Album.get_by_id(aid).name == album["name"]
        members = {
            r[0]
            for r in AlbumImage.select(AlbumImage.image).where(AlbumImage.album == aid).tuples()
        }
        assert members == album["photos"], aid
    for person, name in out.person_names.items():
        assert Person.get_by_id(person).name == name


@pytest.mark.slow
def test_edits_while_indexing_never_fail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(tmp_path / "no-models"))
    data = tmp_path / "data"
    first = tmp_path / "first"
    make_photos(first, 60, seed=1)
    big = tmp_path / "big"
    make_photos(big, NEW_PHOTOS, (640, 480), seed=2)

    lib = Library(data)
    try:
        lib.index([first])
        photo_ids = [i for (i,) in Image.select(Image.id).order_by(Image.id).tuples()]
        with lib.db.atomic():
            people = [ps.new_person().id for _ in range(6)]
        shared = list(Image.select().where(Image.id.in_(photo_ids[40:])).order_by(Image.id))
        export = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "people": [{"name": "Imported Ivy", "hidden": False, "faces": []}],
            "not_faces": [],
            "albums": [
                {"name": "Imported album", "images": [img.content_hash for img in shared[:5]]}
            ],
            "favourites": [img.content_hash for img in shared[5:]],
        }
        in_thread = Plan(
            "thread", EDITS_PER_STREAM, photo_ids[:20], people[:3], export, str(big), seed=3
        )
        in_process = Plan(
            "process", EDITS_PER_STREAM, photo_ids[20:40], people[3:], export, str(big), seed=4
        )
        plan_file = tmp_path / "plan.json"
        plan_file.write_text(json.dumps(asdict(in_process)))

        started = threading.Event()
        edits_done = threading.Event()
        index_result: dict = {}

        def progress(done: int, total: int, current: str) -> None:
            if done:
                started.set()
            if not edits_done.is_set():
                # Spread the indexer's writes over the edits, and keep it running until they end.
                time.sleep(PACE_S)
                if done >= total - 1:
                    edits_done.wait(300)

        def index() -> None:
            try:
                index_result["report"] = lib.index([big], progress=progress)
            except BaseException as exc:
                index_result["error"] = exc
            finally:
                started.set()
                lib.db.close()  # this thread's connection

        indexer = threading.Thread(target=index, name="indexing")
        indexer.start()
        assert started.wait(120)
        assert "error" not in index_result, index_result
        t0 = time.monotonic()
        other = subprocess.Popen(
            [sys.executable, "-m", "tests.robustness.edit_streams", str(plan_file), str(data)],
            env=cli_env(data),
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        results: dict[str, Outcome] = {}

        def edit() -> None:
            try:
                results["thread"] = run_edits(in_thread)
            finally:
                lib.db.close()  # this thread's connection

        editor = threading.Thread(target=edit, name="editor")
        editor.start()
        out, err = other.communicate(timeout=600)
        editor.join(600)
        edits_s = time.monotonic() - t0
        indexing_during_edits = indexer.is_alive()
        edits_done.set()
        indexer.join(600)
        assert other.returncode == 0, err
        results["process"] = outcome_from_json(out.strip().splitlines()[-1])

        failures = results["thread"].failures + results["process"].failures
        done = results["thread"].done + results["process"].done
        print(
            f"{done} edits in {edits_s:.1f} s while indexing {NEW_PHOTOS} photos; {len(failures)} failed"
        )
        assert not failures, "\n".join(failures[:2])
        assert done == 2 * EDITS_PER_STREAM
        assert indexing_during_edits, "indexing must still run when the last edit lands"
        assert "error" not in index_result, index_result
        report = index_result["report"]
        assert report.indexed == NEW_PHOTOS and not report.failed

        # Every edit is visible at the end, and nothing else changed.
        assert integrity_ok(lib.db)
        assert Image.select().count() == 60 + NEW_PHOTOS
        _check(results["thread"])
        _check(results["process"])
        assert Person.select().where(Person.name == "Imported Ivy").count() == 1
        imported = Album.select().where(Album.name == "Imported album")
        assert imported.count() == 1
        assert AlbumImage.select().where(AlbumImage.album == imported[0].id).count() == 5
        assert all(Image.get_by_id(img.id).favourite for img in shared[5:])
    finally:
        lib.close()
