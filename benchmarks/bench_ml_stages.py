"""Milliseconds per ML stage on real photos.

For each photo (default: every image under ../shared/photos) times object detection,
face detection, alignment + embedding (all faces of the photo), and the bare model
time of one object-detector run (session.run only, no pre/post-processing).

Usage: python benchmarks/bench_ml_stages.py [-n N] [--threads T] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pictopy_desktop.ml.analyzer import ImageAnalyzer  # noqa: E402
from pictopy_desktop.ml.ort_session import choose_providers, default_threads  # noqa: E402

IMAGE_EXT = {".jpg", ".jpeg", ".png"}


def load_rgb(path: Path) -> np.ndarray:
    with Image.open(path) as im:
        return np.asarray(ImageOps.exif_transpose(im).convert("RGB"))


class TimedSession:
    """Wraps a session to add up time spent inside run()."""

    def __init__(self, inner: object) -> None:
        self.inner, self.seconds = inner, 0.0

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)

    def run(self, names: object, feed: object) -> object:
        t = time.perf_counter()
        try:
            return self.inner.run(names, feed)  # type: ignore[attr-defined]
        finally:
            self.seconds += time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parent.parent.parent / "shared")
    parser.add_argument("-n", type=int, default=0, help="number of photos (default: all)")
    parser.add_argument("--set", default="default")
    args = parser.parse_args()

    files = sorted(p for p in (args.shared / "photos").rglob("*") if p.suffix.lower() in IMAGE_EXT)
    if args.n:
        files = files[: args.n]
    t0 = time.perf_counter()
    analyzer = ImageAnalyzer.from_models_dir(args.shared / "models", args.set)
    analyzer.load()
    load_s = time.perf_counter() - t0
    if analyzer.problems:
        print("\n".join(analyzer.problems))
    obj = analyzer._model("object_detector")
    fdet = analyzer._model("face_detector")
    femb = analyzer._model("face_embedder")
    obj.session = obj_timer = TimedSession(obj.session)
    femb.session = emb_timer = TimedSession(femb.session)

    # warm-up: first runs allocate buffers
    warm = load_rgb(files[0])
    analyzer.analyze(warm)

    rows: dict[str, list[float]] = {
        "objects": [],
        "faces": [],
        "embed": [],
        "embed_per_face": [],
        "obj_model": [],
        "emb_model": [],
        "total": [],
    }
    n_faces = 0
    for f in files:
        rgb = load_rgb(f)
        obj_timer.seconds = emb_timer.seconds = 0.0
        t = time.perf_counter()
        obj.detect(rgb)
        t_obj = time.perf_counter() - t
        t = time.perf_counter()
        faces = fdet.detect(rgb)
        t_face = time.perf_counter() - t
        t = time.perf_counter()
        if faces:
            femb.embed(rgb, faces)
        t_emb = time.perf_counter() - t
        n_faces += len(faces)
        rows["objects"].append(t_obj * 1e3)
        rows["faces"].append(t_face * 1e3)
        rows["embed"].append(t_emb * 1e3)
        if faces:
            rows["embed_per_face"].append(t_emb * 1e3 / len(faces))
        rows["obj_model"].append(obj_timer.seconds * 1e3)
        rows["emb_model"].append(emb_timer.seconds * 1e3)
        rows["total"].append((t_obj + t_face + t_emb) * 1e3)

    print(
        f"{len(files)} photos, {n_faces} faces; providers {choose_providers()}, {default_threads()} intra-op threads; "
        f"signature {analyzer.signature}; models loaded in {load_s * 1e3:.0f} ms"
    )
    print(f"{'stage':<36} {'mean ms':>8} {'median':>8} {'p90':>8} {'max':>8}")
    labels = {
        "objects": "object detection (letterbox+run+NMS)",
        "obj_model": "  of which bare YOLO session.run",
        "faces": "face detection (YuNet, cv2)",
        "embed": "alignment + embedding, per photo",
        "embed_per_face": "alignment + embedding, per face",
        "emb_model": "  of which bare embedder runs",
        "total": "whole photo",
    }
    for key, label in labels.items():
        v = rows[key]
        if v:
            print(
                f"{label:<36} {statistics.mean(v):8.1f} {statistics.median(v):8.1f} {np.percentile(v, 90):8.1f} {max(v):8.1f}"
            )


if __name__ == "__main__":
    main()
