"""People quality: index labelled folders, then score the people found against the identities.

Each folder holds an ``identities.json`` mapping person -> files (relative paths; keys
starting with ``_`` are notes or multi-person photos and are not scored). A file whose
bytes equal a listed file counts as that person too (byte-identical copies are listed
once). The largest face of each labelled photo is scored; Unknown faces count as
singletons. Prints BCubed precision, recall and F1 and the number of labelled faces
left Unknown, for the all-at-once run and (``--incremental``) for the same photos
indexed a few at a time in random order.

    python benchmarks/bench_people_quality.py [FOLDER ...] [--incremental] [--batch 3] [--seed 0]

Defaults: ../shared/photos/face_recognition and ../shared/photos/openface.
Models: PICTOPY_MODELS_DIR (default ../shared/models).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared"
DEFAULT_FOLDERS = [SHARED / "photos" / "face_recognition", SHARED / "photos" / "openface"]
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff", ".gif"}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_labels(folders: list[Path]) -> dict[str, str]:
    """Absolute photo path -> identity, for every photo under ``folders`` with a known identity."""
    labels: dict[str, str] = {}
    for folder in folders:
        folder = Path(folder).resolve()
        spec = json.loads((folder / "identities.json").read_text(encoding="utf-8"))
        by_hash: dict[str, str] = {}
        for person, files in spec.items():
            if person.startswith("_") or not isinstance(files, list):
                continue
            for rel in files:
                by_hash[_digest(folder / rel)] = f"{folder.name}/{person}"
        for path in folder.rglob("*"):
            if path.is_file() and path.suffix.lower() in IMAGE_SUFFIXES:
                identity = by_hash.get(_digest(path))
                if identity is not None:
                    labels[str(path)] = identity
    return labels


def photo_files(folders: list[Path]) -> list[Path]:
    return sorted(p for f in folders for p in Path(f).resolve().rglob("*") if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)


def evaluate(labels: dict[str, str]) -> dict[str, Any]:
    """Score the people of the open library: BCubed P/R/F1 over the largest face of each labelled photo."""
    from pictopy_desktop.ml.face_clustering import bcubed
    from pictopy_desktop.storage.tables import Image

    truth: list[str] = []
    predicted: list[int] = []
    for image in Image.select().where(Image.path.in_(list(labels))):
        faces = [f for f in image.faces if not f.ignored]
        if not faces:
            truth.append(labels[image.path])
            predicted.append(-1)  # a missed face is as good as Unknown
            continue
        face = max(faces, key=lambda f: (f.x2 - f.x1) * (f.y2 - f.y1))
        truth.append(labels[image.path])
        predicted.append(face.person_id if face.person_id is not None else -1)
    score = bcubed(truth, predicted)
    people = {p for p in predicted if p >= 0}
    return {
        "faces_scored": len(truth),
        "identities": len(set(truth)),
        "people_found": len(people),
        "precision": round(score.precision, 4),
        "recall": round(score.recall, 4),
        "f1": round(score.f1, 4),
        "unknown": sum(1 for p in predicted if p < 0),
        "partition": sorted(sorted(t for t, p in zip(truth, predicted) if p == q) for q in people),
    }


def _open_library(data_dir: Path):
    from pictopy_desktop import paths
    from pictopy_desktop.library.service import Library

    paths.set_data_dir_override(data_dir)
    return Library(data_dir)


def run_all_at_once(folders: list[Path], data_dir: Path) -> dict[str, Any]:
    lib = _open_library(data_dir)
    try:
        t0 = time.perf_counter()
        lib.index(folders)
        from pictopy_desktop.people.recluster import maybe_recluster

        maybe_recluster(lib, force=True)  # fewer photos than the interval still get clustered
        result = evaluate(load_labels(folders))
        result["seconds"] = round(time.perf_counter() - t0, 2)
        return result
    finally:
        lib.close()


def run_incremental(folders: list[Path], data_dir: Path, batch: int = 3, seed: int = 0) -> dict[str, Any]:
    """Index the photos in random order, ``batch`` at a time (re-clustering at the interval)."""
    files = photo_files(folders)
    random.Random(seed).shuffle(files)
    lib = _open_library(data_dir)
    try:
        t0 = time.perf_counter()
        for i in range(0, len(files), batch):
            lib.index(files[i : i + batch])
        from pictopy_desktop.people.recluster import maybe_recluster

        maybe_recluster(lib)  # what is left below the interval waits, as in the app
        result = evaluate(load_labels(folders))
        result["seconds"] = round(time.perf_counter() - t0, 2)
        return result
    finally:
        lib.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="*", type=Path, default=DEFAULT_FOLDERS)
    ap.add_argument("--incremental", action="store_true", help="also index a few at a time in random order")
    ap.add_argument("--batch", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    os.environ.setdefault("PICTOPY_MODELS_DIR", str(SHARED / "models"))
    missing = [f for f in args.folders if not (f / "identities.json").is_file()]
    if missing:
        print(f"no identities.json in: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="pictopy-quality-") as tmp:
        results["all_at_once"] = run_all_at_once(args.folders, Path(tmp) / "once")
        if args.incremental:
            results["incremental"] = run_incremental(args.folders, Path(tmp) / "incr", args.batch, args.seed)
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    for name, r in results.items():
        print(
            f"{name:12s} faces {r['faces_scored']:3d}  identities {r['identities']:2d}  people {r['people_found']:2d}  "
            f"BCubed P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.3f}  unknown {r['unknown']}  ({r['seconds']}s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
