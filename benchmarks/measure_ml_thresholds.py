"""Measure the numbers behind the ML defaults in resources/models.json.

Prints Markdown tables (pasted into docs/ml-measurements.md):
  (a) tag precision/recall vs confidence on ../shared/photos/{darknet,skimage}
  (b) face-detection recall / false positives vs dlib_faces boxes, per score threshold and input size
  (c) faces that gating face detection on a 'person' tag would miss
  (d) MobileFaceNet same- vs different-person cosine distances on the labelled identities

Usage: python benchmarks/measure_ml_thresholds.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageOps

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pictopy_desktop.ml import transforms
from pictopy_desktop.ml.face_detector import YuNetFaceDetector
from pictopy_desktop.ml.face_embedder import arcface112_embedder
from pictopy_desktop.ml.object_detector import YoloObjectDetector
from pictopy_desktop.ml.ort_session import create_session
from pictopy_desktop.ml.types import FaceDetection

# shared/README.md expectations; a tuple is "any of these" (dog.jpg's vehicle is a car or a truck)
TAG_EXPECTATIONS: dict[str, list[str | tuple[str, ...]]] = {
    "darknet/dog.jpg": ["dog", "bicycle", ("car", "truck")],
    "darknet/person.jpg": ["person", "horse", "dog"],
    "darknet/horses.jpg": ["horse"],
    "darknet/giraffe.jpg": ["giraffe", "zebra"],
    "darknet/kite.jpg": ["person", "kite"],
    "darknet/eagle.jpg": ["bird"],
    "darknet/scream.jpg": [],
    "skimage/chelsea.png": ["cat"],
    "skimage/coffee.png": ["cup"],
    "skimage/astronaut.png": ["person"],
    "skimage/motorcycle_left.png": ["motorcycle"],
}
IMAGE_EXT = {".jpg", ".jpeg", ".png"}


def load_rgb(path: Path) -> np.ndarray:
    with Image.open(path) as im:
        return np.asarray(ImageOps.exif_transpose(im).convert("RGB"))


def iou(a: np.ndarray, b: np.ndarray) -> float:
    x1, y1 = max(a[0], b[0]), max(a[1], b[1])
    x2, y2 = min(a[2], b[2]), min(a[3], b[3])
    inter = max(0.0, x2 - x1) * max(0.0, y2 - y1)
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


# ---------------------------------------------------------------- (a)


def measure_tags(models: Path, photos: Path) -> None:
    detector = YoloObjectDetector(create_session(models / "yolov8n_int8.onnx"), confidence=0.05)
    raw = {rel: detector.detect(load_rgb(photos / rel)) for rel in TAG_EXPECTATIONS}
    print("### (a) Object tags vs confidence (label level: one label per photo counts once)\n")
    print(
        "| confidence | tags predicted | correct | precision | expected found | recall | wrong tags |"
    )
    print("|---|---|---|---|---|---|---|")
    for conf in (0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8):
        pred_n = correct = found = total = 0
        wrong: list[str] = []
        for rel, expected in TAG_EXPECTATIONS.items():
            labels = {t.label for t in raw[rel] if t.confidence >= conf}
            ok = (
                set().union(*({e} if isinstance(e, str) else set(e) for e in expected))
                if expected
                else set()
            )
            pred_n += len(labels)
            correct += len(labels & ok)
            wrong += [f"{Path(rel).stem}:{lab}" for lab in sorted(labels - ok)]
            total += len(expected)
            found += sum(bool(labels & ({e} if isinstance(e, str) else set(e))) for e in expected)
        prec = correct / pred_n if pred_n else 1.0
        print(
            f"| {conf:.2f} | {pred_n} | {correct} | {prec:.2f} | {found}/{total} | {found / total:.2f} | {', '.join(wrong) or '-'} |"
        )
    print("\nPer-photo top scores (all ≥ 0.05):\n")
    for rel, tags in raw.items():
        best: dict[str, float] = {}
        for t in tags:
            best[t.label] = max(best.get(t.label, 0), t.confidence)
        top = sorted(best.items(), key=lambda kv: -kv[1])[:6]
        print(f"- `{rel}`: " + ", ".join(f"{k} {v:.2f}" for k, v in top))
    print()


# ---------------------------------------------------------------- (b)


def dlib_boxes(xml: Path, photos: Path) -> dict[Path, tuple[list[np.ndarray], list[np.ndarray]]]:
    out = {}
    for image in ET.parse(xml).getroot().iter("image"):
        path = photos / image.get("file", "")
        if not path.exists():
            continue
        keep, ignore = [], []
        for box in image.iter("box"):
            top, left, w, h = (float(box.get(k, 0)) for k in ("top", "left", "width", "height"))
            box_xyxy = np.array([left, top, left + w, top + h])
            (ignore if box.get("ignore") == "1" else keep).append(box_xyxy)
        out[path] = (keep, ignore)
    return out


def match(
    preds: list[FaceDetection], truth: list[np.ndarray], ignore: list[np.ndarray]
) -> tuple[int, int]:
    """Greedy IoU >= 0.3 matching, best score first; a prediction on an 'ignore' box is neither."""
    used = set()
    tp = fp = 0
    for p in sorted(preds, key=lambda f: -f.score):
        box = np.array(p.box)
        cands = [(iou(box, t), i) for i, t in enumerate(truth) if i not in used]
        best = max(cands, default=(0.0, -1))
        if best[0] >= 0.3:
            used.add(best[1])
            tp += 1
        elif not any(iou(box, g) >= 0.3 for g in ignore):
            fp += 1
    return tp, fp


class SquashedYuNet(YuNetFaceDetector):
    """PictoPy's old way, for comparison: the whole photo squashed to 640x640."""

    def detect(self, rgb: np.ndarray) -> list[FaceDetection]:
        h, w = rgb.shape[:2]
        faces = super().detect(cv2.resize(rgb, (640, 640)))
        sx, sy = w / 640, h / 640
        return [
            FaceDetection(
                (f.box[0] * sx, f.box[1] * sy, f.box[2] * sx, f.box[3] * sy), f.score, None
            )
            for f in faces
        ]


def measure_face_detection(models: Path, photos: Path) -> None:
    model = models / "face_detection_yunet_2023mar.onnx"
    print("### (b) Face detection (YuNet) vs dlib_faces hand-drawn boxes\n")
    print(
        "Match rule: greedy IoU ≥ 0.3, best score first; detections on `ignore` boxes are not counted.\n"
    )
    for xml in ("testing.xml", "training.xml"):
        data = dlib_boxes(photos / "dlib_faces" / xml, photos / "dlib_faces")
        n_faces = sum(len(k) for k, _ in data.values())
        sizes = [max(im.shape[:2]) for im in (load_rgb(p) for p in data)]
        print(
            f"**{xml}**: {len(data)} photos present, {n_faces} faces, photo longest side {min(sizes)}–{max(sizes)} px.\n"
        )
        print("| input | score ≥ | recall | false positives |")
        print("|---|---|---|---|")
        variants = [
            ("longest side ≤ 1280 (default)", 1280, False),
            ("longest side ≤ 640", 640, False),
            ("longest side ≤ 320", 320, False),
            ("squashed to 640×640", 1280, True),
        ]
        images = {p: load_rgb(p) for p in data}
        for name, side, squash in variants:
            cls = SquashedYuNet if squash else YuNetFaceDetector
            det = cls(model, confidence=0.3, max_side=side)
            preds = {p: det.detect(img) for p, img in images.items()}
            for thr in (0.5, 0.6, 0.7, 0.8, 0.9):
                tp = fp = 0
                for p, (truth, ignore) in data.items():
                    a, b = match([f for f in preds[p] if f.score >= thr], truth, ignore)
                    tp, fp = tp + a, fp + b
                print(f"| {name} | {thr:.1f} | {tp}/{n_faces} = {tp / n_faces:.2f} | {fp} |")
        # photos in dlib_faces are small: does upscaling help?
        det = YuNetFaceDetector(model, confidence=0.3, max_side=4000)
        tp = fp = 0
        for p, (truth, ignore) in data.items():
            img = images[p]
            scale = 1280 / max(img.shape[:2])
            big = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_LINEAR)
            faces = [
                FaceDetection(tuple(v / scale for v in f.box), f.score, None)
                for f in det.detect(big)
                if f.score >= 0.7
            ]
            a, b = match(faces, truth, ignore)
            tp, fp = tp + a, fp + b
        print(
            f"| upscaled to 1280 (not used) | 0.7 | {tp}/{n_faces} = {tp / n_faces:.2f} | {fp} |\n"
        )


# ---------------------------------------------------------------- (c)


def measure_person_gating(models: Path, photos: Path, conf: float, face_conf: float) -> None:
    detector = YoloObjectDetector(create_session(models / "yolov8n_int8.onnx"), confidence=conf)
    faces_det = YuNetFaceDetector(
        models / "face_detection_yunet_2023mar.onnx", confidence=face_conf
    )
    files = sorted(p for p in photos.rglob("*") if p.suffix.lower() in IMAGE_EXT)
    total_faces = missed_photo = missed_box = photos_with_faces = 0
    misses: list[str] = []
    for f in files:
        rgb = load_rgb(f)
        faces = faces_det.detect(rgb)
        if not faces:
            continue
        photos_with_faces += 1
        persons = [np.array(t.box) for t in detector.detect(rgb) if t.label == "person"]
        total_faces += len(faces)
        if not persons:
            missed_photo += len(faces)
            misses.append(f"{f.relative_to(photos)} ({len(faces)})")
        for face in faces:
            cx, cy = (face.box[0] + face.box[2]) / 2, (face.box[1] + face.box[3]) / 2
            if not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in persons):
                missed_box += 1
    print("### (c) Gating face detection on the 'person' tag\n")
    print(
        f"{len(files)} photos under shared/photos, {photos_with_faces} with faces, {total_faces} faces "
        f"(YuNet score ≥ {face_conf}, YOLO confidence ≥ {conf}).\n"
    )
    print(
        f"- Skip photos without any 'person' tag: **{missed_photo}** faces lost ({100 * missed_photo / max(total_faces, 1):.0f}%)"
        + (f" in {', '.join(misses)}" if misses else "")
    )
    print(
        f"- Keep only faces whose centre lies in a 'person' box: **{missed_box}** faces lost ({100 * missed_box / max(total_faces, 1):.0f}%)\n"
    )


# ---------------------------------------------------------------- (d)


def labelled(photos: Path) -> list[tuple[str, Path]]:
    rows = []
    for folder in ("face_recognition", "openface"):
        ids = json.loads((photos / folder / "identities.json").read_text())
        for person, files in ids.items():
            if not person.startswith("_"):
                rows += [(person, photos / folder / f) for f in files if "partial" not in f]
    return rows


def stats(values: list[float]) -> str:
    v = np.array(values)
    return (
        f"{len(v)} | {v.min():.3f} | {np.percentile(v, 5):.3f} | {np.median(v):.3f} | "
        f"{np.percentile(v, 95):.3f} | {v.max():.3f}"
    )


def measure_embeddings(models: Path, photos: Path) -> None:
    det = YuNetFaceDetector(models / "face_detection_yunet_2023mar.onnx")
    emb = arcface112_embedder(create_session(models / "MobileFaceNet.onnx"))
    rows = labelled(photos)
    aligned: dict[Path, np.ndarray] = {}
    unaligned: dict[Path, np.ndarray] = {}
    for _, path in rows:
        rgb = load_rgb(path)
        faces = det.detect(rgb)
        if len(faces) != 1:
            print(f"- skipped {path.name}: {len(faces)} faces")
            continue
        aligned[path] = emb.embed(rgb, faces)[0]
        unaligned[path] = emb.embed_crops(
            transforms.margin_crop(rgb, faces[0].box, 112, 0.1)[None]
        )[0]
    person = {p: n for n, p in rows}

    def dists(
        vecs: dict[Path, np.ndarray], skip_resized_copies: bool = False
    ) -> tuple[list[float], list[float]]:
        same, diff = [], []
        for a, b in itertools.combinations(vecs, 2):
            if skip_resized_copies and a.stem.startswith("obama-") and b.stem.startswith("obama-"):
                continue
            d = 1.0 - float(vecs[a] @ vecs[b])
            (same if person[a] == person[b] else diff).append(d)
        return same, diff

    print("### (d) MobileFaceNet cosine distance (1 − cos) on labelled identities\n")
    print(
        f"{len(aligned)} single-face portraits of {len(set(person[p] for p in aligned))} people.\n"
    )
    print("| crops | pairs | n | min | p5 | median | p95 | max |")
    print("|---|---|---|---|---|---|---|---|")
    for name, vecs in (
        ("5-point aligned (used)", aligned),
        ("box + 10% margin, unaligned", unaligned),
    ):
        same, diff = dists(vecs)
        print(f"| {name} | same person | {stats(same)} |")
        print(f"| {name} | same, without obama-240p…1080p copies | {stats(dists(vecs, True)[0])} |")
        print(f"| {name} | different people | {stats(diff)} |")
    same, diff = dists(aligned)
    print(
        f"\nAligned: largest same-person distance {max(same):.3f}, smallest different-person distance {min(diff):.3f}; "
        f"gap midpoint {(max(same) + min(diff)) / 2:.3f}."
    )
    print("\nHistogram (aligned), distance bin: same / different\n")
    bins = np.arange(0.0, 1.3, 0.1)
    hs, _ = np.histogram(same, bins)
    hd, _ = np.histogram(diff, bins)
    for lo, a, b in zip(bins[:-1], hs, hd):
        print(f"    {lo:.1f}–{lo + 0.1:.1f}: {a:3d} / {b:3d}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parent.parent.parent / "shared"
    )
    parser.add_argument("--only", choices=["a", "b", "c", "d"], action="append")
    args = parser.parse_args()
    models, photos = args.shared / "models", args.shared / "photos"
    only = set(args.only or "abcd")
    if "a" in only:
        measure_tags(models, photos)
    if "b" in only:
        measure_face_detection(models, photos)
    if "c" in only:
        measure_person_gating(models, photos, conf=0.35, face_conf=0.7)
    if "d" in only:
        measure_embeddings(models, photos)


if __name__ == "__main__":
    main()
