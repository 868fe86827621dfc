"""What an index of a few new RAW+JPEG pairs costs in the pair bookkeeping on a big library.

``prepare(source, target, every)`` copies a library (the cached one stays as it was) and
makes every ``every``-th photo a RAW pair: its row moves under ``target/files`` where an
empty RAW with its name is created, names that RAW as its companion, and gets the RAW's
identity (``companion_identity``), as an index of RAW+JPEG folders leaves them.
``measure(target)`` then stores ``new`` new JPEGs with their RAWs in a new folder, as an
index run's first phase does, and times ``raw_pairs.record_companions`` for them (with the
folder the run saw), on a copy of the prepared library each time.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

_CHUNK = 20_000


def prepare(source: Path, target: Path, every: int = 10) -> int:
    """A copy of the library at ``source`` in ``target`` with every ``every``-th photo a RAW
    pair (reused when already there); returns the number of pairs."""
    from pictopy_desktop.library.companion_identity import CompanionIdentity, file_stamp
    from pictopy_desktop.storage.database import open_database
    from pictopy_desktop.storage.tables import Image, Meta

    done = target / "pairs.done"
    if done.exists():
        return int(done.read_text())
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.copy2(source / "library.sqlite3", target / "library.sqlite3")
    files = target / "files"
    db = open_database(target / "library.sqlite3")
    try:
        rows = [
            (image_id, path)
            for image_id, path in Image.select(Image.id, Image.path).order_by(Image.id).tuples()
            if image_id % every == 0
        ]
        for start in range(0, len(rows), _CHUNK):
            with db.atomic():
                for image_id, path in rows[start : start + _CHUNK]:
                    shown = files / path.lstrip("/")
                    raw = shown.with_suffix(".NEF")
                    raw.parent.mkdir(parents=True, exist_ok=True)
                    raw.touch()
                    st = os.stat(raw)
                    size, mtime_ns, inode, ctime_ns = file_stamp(st)
                    identity = CompanionIdentity(
                        str(raw), size, mtime_ns, "0" * 32, True, inode, ctime_ns
                    )
                    Image.update(path=str(shown), companion_path=str(raw)).where(
                        Image.id == image_id
                    ).execute()
                    Meta.insert(
                        key=f"raw_companion.{image_id}", value=json.dumps(asdict(identity))
                    ).on_conflict_replace().execute()
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    done.write_text(str(len(rows)))
    return len(rows)


def measure(prepared: Path, new: int = 10, runs: int = 3) -> dict[str, float]:
    """Seconds ``record_companions`` takes after an index of ``new`` new pairs: the best and the
    first of ``runs``, each on a fresh copy of the prepared library."""
    from pictopy_desktop.library import raw_pairs
    from pictopy_desktop.library.companion_identity import file_stamp
    from pictopy_desktop.storage.database import open_database
    from pictopy_desktop.storage.tables import Image

    took: list[float] = []
    for _ in range(runs):
        scratch = Path(tempfile.mkdtemp(prefix="pictopy-bench-pairs-", dir=prepared.parent))
        try:
            shutil.copy2(prepared / "library.sqlite3", scratch / "library.sqlite3")
            folder = scratch / "new"
            folder.mkdir()
            db = open_database(scratch / "library.sqlite3")
            pairs, stamps = {}, {}
            with db.atomic():
                for k in range(new):
                    shown, raw = folder / f"NEW_{k:04d}.JPG", folder / f"NEW_{k:04d}.NEF"
                    shown.write_bytes(b"jpeg")
                    raw.write_bytes(b"raw")
                    Image.create(path=str(shown), size=4, mtime=float(k))
                    pairs[shown], stamps[str(raw)] = raw, file_stamp(os.stat(raw))
            t = time.perf_counter()
            raw_pairs.record_companions(pairs, stamps, [folder])
            took.append(time.perf_counter() - t)
            assert Image.select().where(Image.companion_path.is_null(False)).count() > new
            db.close()
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return {"record_companions_s": min(took), "record_companions_first_s": took[0]}
