"""People quality: index labelled folders, then score the people found against the identities.

Each folder holds an ``identities.json`` mapping person -> files (relative paths; keys
starting with ``_`` are notes or multi-person photos and are not scored). A file whose
bytes equal a listed file counts as that person too (byte-identical copies are listed
once). The largest face of each labelled photo is scored; Unknown faces count as
singletons. Prints BCubed precision, recall and F1 and the number of labelled faces
left Unknown. Each labelled set is indexed all at once and, in random order, 1, 3
and 5 photos per ``index`` run (``--batches``), scored after every run (a
checkpoint): it prints the lowest F1 and precision over the checkpoints and the
final P/R/F1.

    python benchmarks/bench_people_quality.py [FOLDER ...] [--batches 1,3,5] [--seed 0] [--json]

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
    return sorted(
        p
        for f in folders
        for p in Path(f).resolve().rglob("*")
        if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES
    )


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


def run_batches(
    folders: list[Path], data_dir: Path, batch: int | None, seed: int = 0
) -> dict[str, Any]:
    """Index the photos ``batch`` at a time in random order (None: all in one run), scoring after each run.

    Nothing is forced: what happens after each run is what ``pictopy index`` (a
    live-folder update, an import in the app) does. Returns the final score plus the
    lowest F1 and precision seen at any checkpoint.
    """
    files = photo_files(folders)
    random.Random(seed).shuffle(files)
    labels = load_labels(folders)
    lib = _open_library(data_dir)
    try:
        t0 = time.perf_counter()
        checkpoints = []
        chunks = (
            [files]
            if batch is None
            else [files[i : i + batch] for i in range(0, len(files), batch)]
        )
        for chunk in chunks:
            lib.index(chunk)
            checkpoints.append(evaluate(labels))
        result = dict(checkpoints[-1])
        result["checkpoints"] = len(checkpoints)
        result["min_f1"] = min(c["f1"] for c in checkpoints)
        result["min_precision"] = min(c["precision"] for c in checkpoints)
        result["seconds"] = round(time.perf_counter() - t0, 2)
        return result
    finally:
        lib.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="*", type=Path, default=DEFAULT_FOLDERS)
    ap.add_argument(
        "--batches",
        default="1,3,5",
        help="batch sizes to try besides all at once (comma-separated)",
    )
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    os.environ.setdefault("PICTOPY_MODELS_DIR", str(SHARED / "models"))
    os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")
    missing = [f for f in args.folders if not (f / "identities.json").is_file()]
    if missing:
        print(f"no identities.json in: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    sizes: list[int | None] = [None] + [int(b) for b in args.batches.split(",") if b.strip()]
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="pictopy-quality-") as tmp:
        for folder in args.folders:
            runs = results.setdefault(folder.name, {})
            for size in sizes:
                name = "all at once" if size is None else f"batches of {size}"
                runs[name] = run_batches(
                    [folder], Path(tmp) / f"{folder.name}-{size}", size, args.seed
                )
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(
        f"{'set':18s} {'run':16s} {'runs':>4s} {'min F1':>7s} {'min P':>6s} {'P':>6s} {'R':>6s} {'F1':>6s} {'people':>6s} {'unknown':>7s}"
    )
    for set_name, runs in results.items():
        for name, r in runs.items():
            print(
                f"{set_name:18s} {name:16s} {r['checkpoints']:4d} {r['min_f1']:7.3f} {r['min_precision']:6.3f} "
                f"{r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} {r['people_found']:6d} {r['unknown']:7d}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
