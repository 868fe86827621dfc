"""The library file at scale: backup, integrity check, export/import and repair of a large library.

Builds (or reuses) a synthetic library of N photos and N faces, then prints how long each
takes, beside the same on a 1,000-photo library measured in the same run:
- `pictopy backup` (SQLite online backup + quick_check of the copy)
- the integrity check `pictopy repair` starts with
- restoring the newest backup over a damaged library
- rebuilding a damaged library with no backup (pages in the middle overwritten)
- exporting names and albums, checking that file as an import does, and importing it

Usage: python benchmarks/bench_library_file.py [--photos 100000]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks._synthetic_library import build  # noqa: E402


def _timed(fn) -> tuple[float, object]:
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def _corrupt(path: Path) -> None:
    data = bytearray(path.read_bytes())
    pages = len(data) // 4096
    rng = random.Random(3)
    for page in range(pages // 2, pages // 2 + 8):
        data[page * 4096 : (page + 1) * 4096] = rng.randbytes(4096)
    path.write_bytes(bytes(data))


def measure(data_dir: Path, n: int) -> dict[str, float]:
    from pictopy_desktop.library import transfer
    from pictopy_desktop.library.export_file import (
        parse_export,
        read_export_file,
        write_export_file,
    )
    from pictopy_desktop.storage import backup, repair
    from pictopy_desktop.storage.database import open_database
    from pictopy_desktop.storage.tables import Album, AlbumImage, Face, Image, Person

    build(data_dir, n, n)
    db_path = data_dir / "library.sqlite3"
    db = open_database(db_path)
    with db.atomic():  # an album, so the export has one (a tenth of the people are named)
        album = Album.create(name="Best")
        AlbumImage.insert_many(
            [{"album": album.id, "image": i.id} for i in Image.select(Image.id).limit(n // 10)]
        ).execute()
    out: dict[str, float] = {"size_mb": db_path.stat().st_size / 1e6}
    out["export_s"], data = _timed(transfer.export_metadata)
    db.close()
    export_file = data_dir / "names.json"
    write_export_file(export_file, data)
    out["check_import_file_s"], checked = _timed(
        lambda: parse_export(read_export_file(export_file))
    )
    # Import on "the new machine": the same photos indexed, nobody named, no albums yet.
    machine = data_dir / "new-machine"
    machine.mkdir()
    shutil.copy2(db_path, machine / "library.sqlite3")
    db = open_database(machine / "library.sqlite3")
    with db.atomic():
        Face.update(person=None, confirmed=False).execute()
        Person.delete().execute()
        Album.delete().execute()
    out["import_s"], report = _timed(lambda: transfer.import_metadata(db, checked))
    out["import_faces"] = report.faces_assigned
    db.close()
    open_database(db_path).close()  # bind the tables to the library measured next
    for old in backup.list_backups(db_path):
        old.path.unlink()
    out["backup_s"], _ = _timed(lambda: backup.make_backup(db_path, "bench"))
    out["integrity_check_s"], _ = _timed(lambda: repair.integrity_problems(db_path))
    pristine = data_dir / "pristine.sqlite3"
    shutil.copy2(db_path, pristine)
    _corrupt(db_path)
    out["restore_s"], _ = _timed(
        lambda: repair.restore_backup(repair.diagnose(db_path), backup.list_backups(db_path)[0])
    )
    shutil.copy2(pristine, db_path)
    _corrupt(db_path)
    out["rebuild_s"], report = _timed(lambda: repair.rebuild(repair.diagnose(db_path)))
    out["rebuild_rows_kept"] = sum(report.kept.values())
    out["rebuild_rows_lost"] = sum(report.lost.values())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pictopy-bench-file-") as tmp:
        base = measure(Path(tmp) / "small", 1000)
        big = measure(Path(tmp) / "big", args.photos)
    print(f"{'':24} {'1,000 photos':>14} {args.photos:>12,} photos")
    for key in big:
        print(f"{key:24} {base[key]:>14.2f} {big[key]:>19.2f}")
    print("RESULT " + json.dumps({"baseline": base, "measured": big}))


if __name__ == "__main__":
    main()
