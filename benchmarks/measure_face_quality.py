"""Face quality gate: do tiny, uncertain or blurred faces cause false merges, and does the gate lose people?

Indexes all of ``../shared/photos`` (models from ``PICTOPY_MODELS_DIR``, default
``../shared/models``) into a temporary data dir, plus degraded copies of the labelled
portraits (``face_recognition`` and ``openface`` ``identities.json``) made in a temp
folder: each photo shrunk so its face is ``TINY_SIDES`` pixels high and pasted into a
larger canvas (a small face in a big photo), and blurred with a Gaussian of sigma
``BLUR_SIGMAS`` times the face side (an out-of-focus face). The half-face photos
(``face_recognition/tests/test_images/*partial*``), the group photos of ``dlib_faces``
(many small faces), ``darknet`` and ``skimage`` are in the library as they are.

For each gate setting, people are re-clustered from scratch with the product's
cluster distance and scored:

* BCubed P/R/F1 on the labelled faces (the largest face of each labelled photo, and
  of each degraded copy, labelled with its original's identity);
* ``people``: people found; ``merges``: false merges, i.e. people holding faces of two
  or more identities, where every face of a ``dlib_faces``/``darknet``/``skimage``
  photo counts as its own identity (none of them is a labelled person, and no one is
  in two of those photos);
* ``found``: labelled identities with two or more original photos that end up as a
  person holding at least two of their original photos (a lost person lowers it);
* ``gated``: faces the gate leaves out (all faces / labelled originals / degraded copies).

    python benchmarks/measure_face_quality.py [--detector-confidence 0.5] [--eps 0.5] [--json]

``--detector-confidence`` stores faces the default detector cut (0.7) would drop, so
that the ``min_score`` gate has something to judge (settings ``min_score 0.7``
reproduce the default detector).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import asdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
SHARED = REPO.parent / "shared"
PHOTOS = SHARED / "photos"
LABELLED = ("face_recognition", "openface")
DISTRACTORS = ("dlib_faces", "darknet", "skimage")

TINY_SIDES = (20, 28, 36)  # face height in pixels after shrinking
BLUR_SIGMAS = (0.04, 0.08)  # Gaussian sigma as a fraction of the face side

# name -> settings thresholds.face_quality (min_side px, min_score, min_sharpness)
SETTINGS: dict[str, dict[str, float]] = {
    "no gate": {"min_side": 0, "min_score": 0, "min_sharpness": 0},
    "score 0.7": {"min_side": 0, "min_score": 0.7, "min_sharpness": 0},
    "side 24": {"min_side": 24, "min_score": 0, "min_sharpness": 0},
    "side 32": {"min_side": 32, "min_score": 0, "min_sharpness": 0},
    "side 40": {"min_side": 40, "min_score": 0, "min_sharpness": 0},
    "side 48": {"min_side": 48, "min_score": 0, "min_sharpness": 0},
    "score 0.8": {"min_side": 0, "min_score": 0.8, "min_sharpness": 0},
    "sharp 15": {"min_side": 0, "min_score": 0, "min_sharpness": 15},
    "sharp 25": {"min_side": 0, "min_score": 0, "min_sharpness": 25},
    "sharp 40": {"min_side": 0, "min_score": 0, "min_sharpness": 40},
    "sharp 80": {"min_side": 0, "min_score": 0, "min_sharpness": 80},
    "defaults": {},
    "defaults, side 32": {"min_side": 32},
    "defaults, sharp 40": {"min_sharpness": 40},
    "defaults, score 0.7": {"min_score": 0.7},
    "defaults, score 0.8": {"min_score": 0.8},
}


def _quiet_cv2_env() -> None:
    os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")


def make_degraded(
    labels: dict[str, str], boxes: dict[str, tuple[float, float, float, float]], out: Path
) -> dict[str, tuple[str, str]]:
    """Degraded copies of each labelled photo under ``out``: path -> (identity, kind)."""
    import cv2
    import numpy as np

    rng = random.Random(0)
    made: dict[str, tuple[str, str]] = {}
    seen: set[str] = set()
    out.mkdir(parents=True, exist_ok=True)
    for k, (path, identity) in enumerate(sorted(labels.items())):
        box = boxes.get(path)
        if box is None:
            continue
        bgr = cv2.imread(path, cv2.IMREAD_COLOR)
        if bgr is None or bgr.tobytes()[:4096] in seen:
            continue
        seen.add(bgr.tobytes()[:4096])
        side = max(1.0, min(box[2] - box[0], box[3] - box[1]))
        for target in TINY_SIDES:
            f = target / side
            if f >= 1:
                continue
            small = cv2.resize(bgr, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
            canvas = np.full(
                (max(600, small.shape[0] + 40), max(800, small.shape[1] + 40), 3), 128, np.uint8
            )
            canvas[:] = np.array([rng.randrange(60, 200) for _ in range(3)], np.uint8)
            y, x = (
                20 + rng.randrange(canvas.shape[0] - small.shape[0] - 39),
                20 + rng.randrange(canvas.shape[1] - small.shape[1] - 39),
            )
            canvas[y : y + small.shape[0], x : x + small.shape[1]] = small
            p = out / f"{k:03d}_tiny{target}.jpg"
            cv2.imwrite(str(p), canvas, [cv2.IMWRITE_JPEG_QUALITY, 92])
            made[str(p)] = (identity, f"tiny {target}px")
        for sigma in BLUR_SIGMAS:
            blurred = cv2.GaussianBlur(bgr, (0, 0), sigma * side)
            p = out / f"{k:03d}_blur{int(sigma * 100):02d}.jpg"
            cv2.imwrite(str(p), blurred, [cv2.IMWRITE_JPEG_QUALITY, 92])
            made[str(p)] = (identity, f"blur {sigma:g}")
    return made


def largest_face(image) -> Any:
    faces = [f for f in image.faces if not f.ignored]
    return max(faces, key=lambda f: (f.x2 - f.x1) * (f.y2 - f.y1)) if faces else None


def reset_people() -> None:
    from pictopy_desktop.people import people_service as ps
    from pictopy_desktop.storage.tables import Face, FaceExclusion, Person, UndoEntry

    with ps.write_transaction():
        Face.update(person=None, confirmed=False).execute()
        FaceExclusion.delete().execute()
        UndoEntry.delete().execute()
        Person.delete().execute()
        ps.bump_generation()


def score(truth: dict[int, str], kinds: dict[int, str], gate) -> dict[str, Any]:
    """Score the people of the open library; ``truth``: face id -> identity (see the module doc)."""
    from pictopy_desktop.ml.face_clustering import bcubed
    from pictopy_desktop.people.face_quality import is_good_face
    from pictopy_desktop.storage.tables import Face

    faces = {f.id: f for f in Face.select().where(Face.ignored == False)}
    persons = {fid: (f.person_id if f.person_id is not None else -1) for fid, f in faces.items()}
    labelled = [fid for fid in truth if fid in faces and kinds[fid] != "distractor"]
    originals = [fid for fid in labelled if kinds[fid] == "original"]
    result: dict[str, Any] = {}
    for name, ids in (("", labelled), ("orig_", originals)):
        b = bcubed(
            [truth[i] for i in ids], [persons[i] if persons[i] >= 0 else -1 - i for i in ids]
        )
        result[name + "precision"], result[name + "recall"], result[name + "f1"] = (
            round(b.precision, 3),
            round(b.recall, 3),
            round(b.f1, 3),
        )
    members: dict[int, set[str]] = defaultdict(set)
    for fid, ident in truth.items():
        if fid in faces and persons[fid] >= 0:
            members[persons[fid]].add(ident)
    result["people"] = len({p for p in persons.values() if p >= 0})
    result["merges"] = sum(1 for ids in members.values() if len(ids) >= 2)
    result["merge_detail"] = sorted(sorted(ids) for ids in members.values() if len(ids) >= 2)
    per_identity = Counter(truth[i] for i in originals)
    found = 0
    for ident, n in per_identity.items():
        if n < 2:
            continue
        held = Counter(persons[i] for i in originals if truth[i] == ident and persons[i] >= 0)
        found += any(c >= 2 for c in held.values())
    result["found"] = found
    # Per kind of labelled face: with the right person / Unknown / with a wrong person,
    # "right" being the person holding most of that identity's original photos.
    home: dict[str, int] = {}
    for ident in per_identity:
        held = Counter(persons[i] for i in originals if truth[i] == ident and persons[i] >= 0)
        if held:
            home[ident] = held.most_common(1)[0][0]
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for i in labelled:
        p = persons[i]
        by_kind[kinds[i]][0 if p >= 0 and home.get(truth[i]) == p else 1 if p < 0 else 2] += 1
    result["by_kind"] = {k: "/".join(map(str, v)) for k, v in sorted(by_kind.items())}
    result["identities"] = sum(1 for n in per_identity.values() if n >= 2)
    gated = {fid for fid, f in faces.items() if not is_good_face(f, gate)}
    result["gated"] = len(gated)
    result["gated_orig"] = sum(1 for i in originals if i in gated)
    result["gated_degraded"] = sum(1 for i in labelled if kinds[i] != "original" and i in gated)
    result["gated_distractor"] = sum(
        1 for i, k in kinds.items() if k == "distractor" and i in gated
    )
    result["faces"] = len(faces)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--detector-confidence",
        type=float,
        default=None,
        help="face detector confidence for indexing",
    )
    ap.add_argument(
        "--eps", type=float, default=None, help="cluster distance (default: the embedder's)"
    )
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--keep", type=Path, default=None, help="keep the data dir here")
    args = ap.parse_args(argv)
    _quiet_cv2_env()
    os.environ.setdefault("PICTOPY_MODELS_DIR", str(SHARED / "models"))
    from bench_people_quality import _open_library, load_labels

    from pictopy_desktop.people.face_quality import thresholds_for
    from pictopy_desktop.people.recluster import recluster
    from pictopy_desktop.storage.tables import Image

    tmp = Path(tempfile.mkdtemp(prefix="pictopy-face-quality-"))
    data_dir = args.keep or tmp / "data"
    lib = _open_library(data_dir)
    try:
        lib.settings.recluster_every_photos = 0
        if args.detector_confidence is not None:
            lib.settings.thresholds["face_detector"] = {"confidence": args.detector_confidence}
        if args.eps is not None:
            lib.settings.thresholds["face_embedder"] = {"cluster_distance": args.eps}
        t0 = time.perf_counter()
        lib.index([PHOTOS])
        labels = load_labels([PHOTOS / name for name in LABELLED])
        boxes = {}
        for image in Image.select().where(Image.path.in_(list(labels))):
            face = largest_face(image)
            if face is not None:
                boxes[image.path] = (face.x1, face.y1, face.x2, face.y2)
        degraded = make_degraded(labels, boxes, tmp / "degraded")
        lib.index([tmp / "degraded"])
        index_s = time.perf_counter() - t0

        truth: dict[int, str] = {}
        kinds: dict[int, str] = {}
        resolved = {str(Path(p).resolve()): v for p, v in labels.items()}
        for image in Image.select():
            path = str(Path(image.path).resolve())
            rel = (
                Path(image.path).resolve().relative_to(PHOTOS.resolve()).parts[0]
                if path.startswith(str(PHOTOS.resolve()))
                else None
            )
            if rel in DISTRACTORS:
                for f in image.faces:
                    truth[f.id], kinds[f.id] = f"{rel}:{Path(path).name}:{f.id}", "distractor"
                continue
            face = largest_face(image)
            if face is None:
                continue
            if path in resolved:
                truth[face.id], kinds[face.id] = resolved[path], "original"
            elif image.path in degraded:
                truth[face.id], kinds[face.id] = degraded[image.path][0], degraded[image.path][1]

        detected = Counter(kinds.values())
        results: dict[str, Any] = {
            "index_seconds": round(index_s, 1),
            "detected": dict(detected),
            "settings": {},
        }
        for name, overrides in SETTINGS.items():
            lib.settings.thresholds["face_quality"] = dict(overrides)
            reset_people()
            report = recluster(lib)
            r = score(truth, kinds, thresholds_for(lib))
            r["gate"] = asdict(thresholds_for(lib))
            r["eps"] = report.threshold
            results["settings"][name] = r
        if args.json:
            print(json.dumps(results, indent=2))
        else:
            print(
                f"indexed in {results['index_seconds']}s; scored faces by kind: {results['detected']}"
            )
            print(
                f"{'setting':22s} {'side':>5s} {'score':>5s} {'sharp':>5s} | {'P':>5s} {'R':>5s} {'F1':>5s} | orig F1 | people merges found | gated all/orig/degr/distr"
            )
            for name, r in results["settings"].items():
                g = r["gate"]
                print(
                    f"{name:22s} {g['min_side']:5.0f} {g['min_score']:5.2f} {g['min_sharpness']:5.0f} | "
                    f"{r['precision']:.3f} {r['recall']:.3f} {r['f1']:.3f} |  {r['orig_f1']:.3f}  | "
                    f"{r['people']:6d} {r['merges']:6d} {r['found']:2d}/{r['identities']} | "
                    f"{r['gated']}/{r['gated_orig']}/{r['gated_degraded']}/{r['gated_distractor']}"
                )
            print("labelled faces by kind, with their person / Unknown / with a wrong person:")
            for name, r in results["settings"].items():
                print(f"  {name:22s} " + "  ".join(f"{k}: {v}" for k, v in r["by_kind"].items()))
            for name, r in results["settings"].items():
                if r["merge_detail"]:
                    print(f"  {name}: false merges {r['merge_detail']}")
    finally:
        lib.close()
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
