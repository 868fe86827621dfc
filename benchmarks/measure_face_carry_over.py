"""How far a face's embedding moves when its photo is edited (people/face_matching.py).

For every labelled photo (``../shared/photos/face_recognition``, ``openface``) the
largest face is detected and embedded in the original and in edited copies: bytes
appended (a metadata write), a JPEG re-encode at quality 90, brightness +10%, a crop
of 5% off each side, a half-size resize. Prints, per edit, the cosine distance from
the original face to the nearest face of the edited photo, and the closest pair of
different labelled people, which bounds ``MAX_SAME_FACE_DISTANCE`` from above.

    PICTOPY_MODELS_DIR=../shared/models python benchmarks/measure_face_carry_over.py
"""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import numpy as np
from PIL import Image as PILImage
from PIL import ImageEnhance

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _edits(img: PILImage.Image, raw: bytes) -> dict[str, PILImage.Image]:
    w, h = img.size
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=90)
    return {
        "appended bytes": PILImage.open(io.BytesIO(raw + b"XMP")).convert("RGB"),
        "re-encode q90": PILImage.open(io.BytesIO(buf.getvalue())).convert("RGB"),
        "brightness +10%": ImageEnhance.Brightness(img).enhance(1.1),
        "crop 5% a side": img.crop((w // 20, h // 20, w - w // 20, h - h // 20)),
        "resize 50%": img.resize((w // 2, h // 2)),
    }


def main() -> int:
    if not SHARED.is_dir():
        print(f"{SHARED} is absent: nothing to measure")
        return 0
    from pictopy_desktop.ml.analyzer import ImageAnalyzer

    analyzer = ImageAnalyzer.from_models_dir(
        Path(os.environ.get("PICTOPY_MODELS_DIR", SHARED / "models"))
    )
    label_of: dict[Path, str] = {}
    for folder in ("face_recognition", "openface"):
        base = SHARED / "photos" / folder
        for who, rels in json.loads((base / "identities.json").read_text()).items():
            if who.startswith("_"):  # group photos and notes
                continue
            label_of.update(
                {base / rel: who for rel in rels if isinstance(rel, str) and (base / rel).is_file()}
            )
    files = sorted(label_of)
    distances: dict[str, list[float]] = {}
    originals: list[tuple[str, np.ndarray]] = []
    for path in files:
        raw = path.read_bytes()
        img = PILImage.open(io.BytesIO(raw)).convert("RGB")
        faces = analyzer.analyze(np.asarray(img)).faces
        if not faces:
            continue
        face = max(faces, key=lambda f: (f.box[2] - f.box[0]) * (f.box[3] - f.box[1]))
        emb = np.asarray(face.embedding, dtype=np.float32)
        originals.append((label_of[path], emb))
        for name, edited in _edits(img, raw).items():
            found = analyzer.analyze(np.asarray(edited)).faces
            d = min(
                (1 - float(np.dot(emb, np.asarray(f.embedding, dtype=np.float32))) for f in found),
                default=np.inf,
            )
            distances.setdefault(name, []).append(d)
    print(f"{len(originals)} labelled faces")
    print(f"{'edit':18} {'median':>7} {'max':>7} {'not found':>9}")
    for name, ds in distances.items():
        finite = [d for d in ds if np.isfinite(d)]
        print(f"{name:18} {np.median(finite):7.3f} {max(finite):7.3f} {len(ds) - len(finite):9d}")
    closest = min(
        1 - float(np.dot(a, b))
        for i, (la, a) in enumerate(originals)
        for lb, b in originals[i + 1 :]
        if la != lb
    )
    print(f"closest pair of different people (identities.json): {closest:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
