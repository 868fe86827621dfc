"""Object tags on faces: which classes fire on a detected face, and with what confidence.

Runs the object detector (at a low confidence, 0.10, so weak strays are seen too) and
the face detector on every photo of ``../shared/photos`` and on close-up crops of the
labelled portraits (each face cut out with 30% margin and scaled to 640 px: the
close-ups where users saw "toilet", "cat" and "frisbee"). For each class it prints
how often it fires, its confidences, and how many of those boxes are essentially a
face (``analyzer.face_overlap`` >= ``FACE_OVERLAP``), before and after
``analyzer.suppress_face_tags`` at the product's confidence.

    python benchmarks/measure_tag_faces.py [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared"
PHOTOS = SHARED / "photos"
SUFFIXES = {".jpg", ".jpeg", ".png"}


def _images() -> list[tuple[str, np.ndarray]]:
    from PIL import Image

    out = []
    for path in sorted(PHOTOS.rglob("*")):
        if path.suffix.lower() in SUFFIXES and path.is_file():
            try:
                out.append(
                    (str(path.relative_to(PHOTOS)), np.asarray(Image.open(path).convert("RGB")))
                )
            except OSError:
                continue
    return out


def _closeups(detector: Any, images: list[tuple[str, np.ndarray]]) -> list[tuple[str, np.ndarray]]:
    from PIL import Image

    out = []
    for name, rgb in images:
        if not name.startswith(("face_recognition", "openface")):
            continue
        for k, f in enumerate(detector.detect(rgb)):
            x1, y1, x2, y2 = f.box
            w, h = x2 - x1, y2 - y1
            box = (
                max(0, int(x1 - 0.3 * w)),
                max(0, int(y1 - 0.3 * h)),
                min(rgb.shape[1], int(x2 + 0.3 * w)),
                min(rgb.shape[0], int(y2 + 0.3 * h)),
            )
            crop = Image.fromarray(rgb).crop(box)
            scale = 640 / max(crop.size)
            crop = crop.resize(
                (max(1, round(crop.width * scale)), max(1, round(crop.height * scale))),
                Image.LANCZOS,
            )
            out.append((f"closeup:{name}#{k}", np.asarray(crop)))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")
    from pictopy_desktop.ml.analyzer import (
        FACE_OVERLAP,
        ImageAnalyzer,
        face_overlap,
        suppress_face_tags,
    )

    analyzer = ImageAnalyzer.from_models_dir(
        Path(os.environ.get("PICTOPY_MODELS_DIR", SHARED / "models"))
    )
    analyzer.load()
    objects, faces_model = analyzer._model("object_detector"), analyzer._model("face_detector")
    product_conf = objects.confidence
    objects.confidence = 0.10
    images = _images()
    images += _closeups(faces_model, images)
    stats: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"conf": [], "on_face": [], "kept": 0, "where": []}
    )
    for name, rgb in images:
        tags = objects.detect(rgb)
        faces = faces_model.detect(rgb)
        kept = {
            id(t)
            for t in suppress_face_tags([t for t in tags if t.confidence >= product_conf], faces)
        }
        for t in tags:
            s = stats[t.label]
            s["conf"].append(t.confidence)
            overlap = max((face_overlap(t.box, f.box) for f in faces), default=0.0)
            s["on_face"].append(overlap >= FACE_OVERLAP)
            if t.confidence >= product_conf:
                s["kept"] += id(t) in kept
                if overlap >= FACE_OVERLAP:
                    s["where"].append(f"{name} {t.confidence:.2f}")
    rows = {}
    for label, s in sorted(stats.items(), key=lambda kv: -len(kv[1]["conf"])):
        conf = np.array(s["conf"])
        on = np.array(s["on_face"])
        at = conf >= product_conf
        rows[label] = {
            "tags >= 0.10": len(conf),
            f"tags >= {product_conf}": int(at.sum()),
            "median conf": round(float(np.median(conf)), 2),
            "max conf": round(float(conf.max()), 2),
            "on a face (>= 0.10)": int(on.sum()),
            f"on a face (>= {product_conf})": int((on & at).sum()),
            "max conf on a face": round(float(conf[on].max()), 2) if on.any() else None,
            "kept after suppression": s["kept"],
            "on-face examples": s["where"][:4],
        }
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(
        f"{len(images)} images ({sum(1 for n, _ in images if n.startswith('closeup:'))} close-ups); product confidence {product_conf}"
    )
    print(
        f"{'class':16s} {'n>=.10':>6s} {'n>=cut':>6s} {'median':>6s} {'max':>5s} {'face>=.10':>9s} {'face>=cut':>9s} {'maxface':>7s} {'kept':>5s}"
    )
    for label, r in rows.items():
        vals = list(r.values())
        mf = "-" if vals[6] is None else f"{vals[6]:.2f}"
        print(
            f"{label:16s} {vals[0]:6d} {vals[1]:6d} {vals[2]:6.2f} {vals[3]:5.2f} {vals[4]:9d} {vals[5]:9d} {mf:>7s} {vals[7]:5d}  {'; '.join(vals[8])}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
