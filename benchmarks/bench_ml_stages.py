"""Milliseconds per stage of indexing on real photos, and end-to-end photos/s.

For each photo (default: every image under ../shared/photos; --photos DIR for others, e.g.
the 12 MP set bench_indexing_throughput.py generates) times: decode (the product's
reduced-size decode), thumbnail, object detection, face detection, alignment + embedding
(all faces of the photo), the DB write of the photo's row, tags and faces (one
transaction), plus the bare model time inside session.run. Then indexes the same photos
with Library.index in a fresh data dir and prints photos/s end to end.

Usage: python benchmarks/bench_ml_stages.py [-n N] [--photos DIR] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pictopy_desktop.library.image_decode import decode_image
from pictopy_desktop.library.thumbnails import write_thumbnail
from pictopy_desktop.ml.analyzer import ImageAnalyzer
from pictopy_desktop.ml.ort_session import choose_providers, default_threads
from pictopy_desktop.storage.database import open_database

IMAGE_EXT = {".jpg", ".jpeg", ".png"}


def db_write(image_no: int, analysis) -> None:
    """The writer's work for one photo: its row, tags and faces in one transaction."""
    from pictopy_desktop.storage.tables import Face, ObjectTag
    from pictopy_desktop.storage.tables import Image as ImageRow

    with ImageRow._meta.database.atomic():
        row = ImageRow.create(
            path=f"/bench/{image_no}.jpg",
            size=1,
            mtime=1.0,
            content_hash=f"{image_no:032x}",
            width=1,
            height=1,
            state="done",
        )
        if analysis.tags:
            ObjectTag.insert_many(
                [
                    dict(
                        image=row.id,
                        label=t.label,
                        confidence=t.confidence,
                        x1=t.box[0],
                        y1=t.box[1],
                        x2=t.box[2],
                        y2=t.box[3],
                    )
                    for t in analysis.tags
                ]
            ).execute()
        for f in analysis.faces:
            Face.create(
                image=row.id,
                x1=f.box[0],
                y1=f.box[1],
                x2=f.box[2],
                y2=f.box[3],
                score=f.score,
                embedding=np.asarray(f.embedding, np.float32).tobytes(),
            )


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
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parent.parent.parent / "shared"
    )
    parser.add_argument("-n", type=int, default=0, help="number of photos (default: all)")
    parser.add_argument("--set", default="default")
    parser.add_argument(
        "--photos", type=Path, default=None, help="folder of photos (default: ../shared/photos)"
    )
    args = parser.parse_args()

    files = sorted(
        p
        for p in (args.photos or args.shared / "photos").rglob("*")
        if p.suffix.lower() in IMAGE_EXT
    )
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
    warm = decode_image(files[0]).rgb
    analyzer.analyze(warm)
    work = Path(tempfile.mkdtemp(prefix="pictopy-stages-"))
    db = open_database(work / "bench.sqlite3")

    rows: dict[str, list[float]] = {
        "decode": [],
        "thumbnail": [],
        "db_write": [],
        "objects": [],
        "faces": [],
        "embed": [],
        "embed_per_face": [],
        "obj_model": [],
        "emb_model": [],
        "total": [],
    }
    n_faces = 0
    for k, f in enumerate(files):
        t = time.perf_counter()
        rgb = decode_image(f).rgb
        rows["decode"].append((time.perf_counter() - t) * 1e3)
        t = time.perf_counter()
        write_thumbnail(rgb, f"{k:032x}", work / "thumbs")
        rows["thumbnail"].append((time.perf_counter() - t) * 1e3)
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
        analysis = analyzer.analyze(rgb)
        t = time.perf_counter()
        db_write(k, analysis)
        rows["db_write"].append((time.perf_counter() - t) * 1e3)

    print(
        f"{len(files)} photos, {n_faces} faces; providers {choose_providers()}, {default_threads()} intra-op threads; "
        f"signature {analyzer.signature}; models loaded in {load_s * 1e3:.0f} ms"
    )
    print(f"{'stage':<36} {'mean ms':>8} {'median':>8} {'p90':>8} {'max':>8}")
    labels = {
        "decode": "decode (reduced size, EXIF-rotated)",
        "thumbnail": "thumbnail (resize + JPEG write)",
        "objects": "object detection (letterbox+run+NMS)",
        "obj_model": "  of which bare YOLO session.run",
        "faces": "face detection (YuNet, cv2)",
        "embed": "alignment + embedding, per photo",
        "embed_per_face": "alignment + embedding, per face",
        "emb_model": "  of which bare embedder runs",
        "total": "models, whole photo",
        "db_write": "DB write (row + tags + faces)",
    }
    for key, label in labels.items():
        v = rows[key]
        if v:
            print(
                f"{label:<36} {statistics.mean(v):8.1f} {statistics.median(v):8.1f} {np.percentile(v, 90):8.1f} {max(v):8.1f}"
            )

    db.close()
    end_to_end(files, args.shared / "models")


def end_to_end(files: list[Path], models: Path) -> None:
    """Library.index on the same photos, in a fresh data dir."""
    import os

    from pictopy_desktop.library.service import Library

    os.environ["PICTOPY_MODELS_DIR"] = str(models)
    with tempfile.TemporaryDirectory() as data:
        lib = Library(Path(data))
        lib.analyzer().load()
        t = time.perf_counter()
        report = lib.index(files)
        took = time.perf_counter() - t
        lib.close()
    print(
        f"end to end (Library.index, {len(files)} photos): {took:.1f} s -> {report.indexed / took:.2f} photos/s"
    )


if __name__ == "__main__":
    main()
