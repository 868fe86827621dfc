"""People recall without risking merges: flip test-time augmentation, average linking, margins.

Embeds the labelled faces of ``../shared/photos`` once (cached in a ``.npz``; pass
``--cache``), plus harder variants made from them, then clusters each set with the
product's settings and with each candidate change, and prints BCubed P/R/F1:

* ``portraits``: the largest face of each photo listed in ``face_recognition`` and
  ``openface`` ``identities.json`` (byte-identical copies left out);
* ``gray``: the same photos in grayscale; ``lowres`` and ``lowres24``: shrunk so the
  face is 32 or 24 pixels high (``LOWRES_SIDES``; the quality gate starts at 24 px);
* ``group``: the portraits plus every face of the group photos (two people side by
  side, a family on a stage), labelled by hand by position; faces of nobody labelled
  are identities of their own;
* ``lookalikes``: the 24 faces of ``dlib_faces/bald_guys.jpg``, four look-alike bald
  actors, labelled by hand by position, each face treated as a photo of its own;
* ``all``: everything above together (gray and low-resolution copies next to their
  originals, look-alikes next to portraits).

Cannot-link (two faces of one photo are never one person) applies as in the product.

    python benchmarks/measure_people_recall.py [--cache /tmp/pictopy-people-emb.npz] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared"
PHOTOS = SHARED / "photos"
LABELLED = ("face_recognition", "openface")
LOWRES_SIDES = {"lowres": 32, "lowres24": 24}  # set name -> face height in pixels

# Group photos: (relative path, [(box centre x, centre y, identity)]); faces nearest a
# listed centre get its identity, any other face is an identity of its own.
GROUPS = [
    (
        "face_recognition/examples/knn_examples/test/obama_and_biden.jpg",
        [(1231, 483, "face_recognition/obama"), (842, 521, "face_recognition/biden")],
    ),
    (
        "face_recognition/examples/knn_examples/test/kit_with_rose.jpg",
        [(305, 140, "face_recognition/kit_harington"), (118, 162, "face_recognition/rose_leslie")],
    ),
    (
        "face_recognition/examples/two_people.jpg",
        [(308, 123, "face_recognition/obama"), (864, 152, "face_recognition/biden")],
    ),
    ("openface/longoria-cooper.jpg", []),
]
_BALD = {
    "diesel": [(139, 457), (145, 149), (151, 1373), (387, 292), (645, 512), (634, 181)],
    "statham": [(962, 473), (143, 767), (496, 908), (391, 102), (394, 514), (955, 175)],
    "willis": [(1148, 835), (855, 895), (1185, 1138), (849, 1313), (451, 1332), (125, 1054)],
    "johnson": [(1164, 1390), (1880, 485), (1602, 242), (1696, 748), (1871, 1389), (1514, 1394)],
}
LOOKALIKES = (
    "dlib_faces/bald_guys.jpg",
    [(x, y, f"bald/{who}") for who, pts in _BALD.items() for x, y in pts],
)


def _analyzer():
    from pictopy_desktop.ml.analyzer import ImageAnalyzer

    a = ImageAnalyzer.from_models_dir(Path(os.environ.get("PICTOPY_MODELS_DIR", SHARED / "models")))
    a.load()
    return a._model("face_detector"), a._model("face_embedder")


def _embed(
    detector: Any, embedder: Any, rgb: np.ndarray
) -> list[tuple[Any, np.ndarray, np.ndarray]]:
    """Every detected face with its embedding and the embedding of its mirrored crop."""
    from pictopy_desktop.ml.face_embedder import face_crop

    faces = detector.detect(rgb)
    if not faces:
        return []
    crops = np.stack([face_crop(rgb, f, embedder.crop_size) for f in faces])
    both = embedder.embed_crops(np.concatenate([crops, crops[:, :, ::-1]]))
    return [(f, both[k], both[len(faces) + k]) for k, f in enumerate(faces)]


def _largest(found: list) -> tuple | None:
    return (
        max(found, key=lambda t: (t[0].box[2] - t[0].box[0]) * (t[0].box[3] - t[0].box[1]))
        if found
        else None
    )


def _by_position(
    found: list, labels: list[tuple[float, float, str]], photo: str
) -> list[tuple[str, Any]]:
    out = []
    for k, item in enumerate(found):
        x1, y1, x2, y2 = item[0].box
        cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
        best = min(labels, key=lambda t: (t[0] - cx) ** 2 + (t[1] - cy) ** 2, default=None)
        near = best is not None and (best[0] - cx) ** 2 + (best[1] - cy) ** 2 < ((x2 - x1) / 2) ** 2
        out.append((best[2] if near else f"{photo}#{k}", item))
    return out


def build(cache: Path) -> dict[str, np.ndarray]:
    """Embed every face of every set (or read them from ``cache``)."""
    if cache.is_file():
        return dict(np.load(cache, allow_pickle=False))
    from PIL import Image

    detector, embedder = _analyzer()
    rows: dict[str, list] = {k: [] for k in ("set", "identity", "photo", "emb", "flip", "side")}

    def add(set_name: str, identity: str, photo: str, item: tuple) -> None:
        f, e, fl = item
        rows["set"].append(set_name)
        rows["identity"].append(identity)
        rows["photo"].append(photo)
        rows["emb"].append(e)
        rows["flip"].append(fl)
        rows["side"].append(min(f.box[2] - f.box[0], f.box[3] - f.box[1]))

    for folder in LABELLED:
        spec = json.loads((PHOTOS / folder / "identities.json").read_text())
        for person, files in spec.items():
            if person.startswith("_") or not isinstance(files, list):
                continue
            for rel in files:
                path = PHOTOS / folder / rel
                img = Image.open(path).convert("RGB")
                identity, photo = f"{folder}/{person}", f"{folder}/{rel}"
                item = _largest(_embed(detector, embedder, np.asarray(img)))
                if item is None:
                    continue
                add("portraits", identity, photo, item)
                gray = _largest(
                    _embed(detector, embedder, np.asarray(img.convert("L").convert("RGB")))
                )
                if gray is not None:
                    add("gray", identity, photo + "#gray", gray)
                face_h = item[0].box[3] - item[0].box[1]
                for set_name, side in LOWRES_SIDES.items():
                    scale = side / max(face_h, 1.0)
                    if scale < 1:
                        size = (max(1, round(img.width * scale)), max(1, round(img.height * scale)))
                        low = _largest(
                            _embed(detector, embedder, np.asarray(img.resize(size, Image.LANCZOS)))
                        )
                        if low is not None:
                            add(set_name, identity, f"{photo}#{set_name}", low)
    for rel, labels in GROUPS:
        found = _embed(detector, embedder, np.asarray(Image.open(PHOTOS / rel).convert("RGB")))
        for identity, item in _by_position(found, labels, rel):
            add("group", identity, rel, item)
    rel, labels = LOOKALIKES
    found = _embed(detector, embedder, np.asarray(Image.open(PHOTOS / rel).convert("RGB")))
    for k, (identity, item) in enumerate(_by_position(found, labels, rel)):
        add(
            "lookalikes", identity, f"{rel}#{k}", item
        )  # a collage: each face is a photo of its own
    data = {
        "set": np.array(rows["set"]),
        "identity": np.array(rows["identity"]),
        "photo": np.array(rows["photo"]),
        "emb": np.stack(rows["emb"]).astype(np.float32),
        "flip": np.stack(rows["flip"]).astype(np.float32),
        "side": np.array(rows["side"], dtype=np.float32),
    }
    cache.parent.mkdir(parents=True, exist_ok=True)
    np.savez(cache, **data)
    return data


SETS = {
    "portraits": ("portraits",),
    "gray": ("gray",),
    "lowres": ("lowres",),
    "lowres24": ("lowres24",),
    "group": ("portraits", "group"),
    "lookalikes": ("lookalikes",),
    "all": ("portraits", "gray", "lowres", "lowres24", "group", "lookalikes"),
}


def methods(eps: float) -> dict[str, dict[str, Any]]:
    """Candidate settings of ``people_clusters`` (product: flip on, average linking on)."""
    return {
        "single link (before)": dict(flip=False, link_distance=None),
        "flip TTA": dict(flip=True, link_distance=None),
        "average link 0.60": dict(flip=False, link_distance=0.60),
        "flip + average link 0.55": dict(flip=True, link_distance=0.55),
        "flip + average link 0.60": dict(flip=True, link_distance=0.60),
        "flip + average link 0.65": dict(flip=True, link_distance=0.65),
        "flip + avg 0.60 + margin 0.05": dict(flip=True, link_distance=0.60, margin=0.05),
        "flip + avg 0.65 + margin 0.05": dict(flip=True, link_distance=0.65, margin=0.05),
        "flip + avg 0.65 + margin 0.10": dict(flip=True, link_distance=0.65, margin=0.10),
        "single link eps 0.55": dict(flip=False, link_distance=None, eps=0.55),
        "flip, single link eps 0.55": dict(flip=True, link_distance=None, eps=0.55),
    }


def score(
    data: dict[str, np.ndarray], members: tuple[str, ...], default_eps: float, **options: Any
) -> dict[str, float]:
    from pictopy_desktop.ml.face_clustering import bcubed
    from pictopy_desktop.ml.face_linking import cluster_faces

    keep = np.isin(data["set"], members)
    x = data["emb"][keep]
    flip = data["flip"][keep] if options.pop("flip", False) else None
    _, groups = np.unique(data["photo"][keep], return_inverse=True)
    labels = cluster_faces(
        x, options.pop("eps", default_eps), flipped=flip, groups=groups, **options
    )
    s = bcubed(list(data["identity"][keep]), labels)
    return {
        "faces": int(keep.sum()),
        "P": round(s.precision, 3),
        "R": round(s.recall, 3),
        "F1": round(s.f1, 3),
    }


def distances(
    data: dict[str, np.ndarray], members: tuple[str, ...], flip: bool
) -> dict[str, float]:
    """Closest different-person pair, and the farthest nearest same-person neighbour."""
    from pictopy_desktop.ml.face_clustering import normalize

    keep = np.isin(data["set"], members)
    x = data["emb"][keep] + (data["flip"][keep] if flip else 0)
    x = normalize(x)
    ident = data["identity"][keep]
    photo = data["photo"][keep]
    d = 1.0 - x @ x.T
    same = ident[:, None] == ident[None, :]
    other_photo = photo[:, None] != photo[None, :]
    np.fill_diagonal(d, np.inf)
    diff = np.where(~same & other_photo, d, np.inf)
    same_d = np.where(same, d, np.inf)
    has_same = np.isfinite(same_d).any(axis=1)
    return {
        "closest different people": round(float(diff.min()), 3),
        "farthest nearest same person": round(float(same_d.min(axis=1)[has_same].max()), 3)
        if has_same.any()
        else float("nan"),
    }


ADOPTED = dict(flip=True, link_distance=0.60, margin=0.05)
BANDS = (0.1, 0.15, 0.2, 0.25, 0.3)


def suggestion_band(
    data: dict[str, np.ndarray], members: tuple[str, ...], eps: float
) -> dict[str, Any]:
    """How wide the suggestion band must be: Unknown faces after the adopted clustering, and their nearest person.

    For each band: questions asked (Unknown faces whose nearest person, by nearest
    face, is within ``eps + band``), how many of them are right, and how many Unknown
    faces whose person exists are left unasked.
    """
    from pictopy_desktop.ml.face_clustering import normalize
    from pictopy_desktop.ml.face_linking import cluster_faces

    keep = np.isin(data["set"], members)
    x = normalize(normalize(data["emb"][keep]) + normalize(data["flip"][keep]))
    ident = data["identity"][keep]
    _, groups = np.unique(data["photo"][keep], return_inverse=True)
    labels = cluster_faces(
        x, eps, groups=groups, link_distance=ADOPTED["link_distance"], margin=ADOPTED["margin"]
    )
    people = {lab: ident[labels == lab] for lab in np.unique(labels[labels >= 0])}
    owner = {lab: max(set(v), key=list(v).count) for lab, v in people.items()}
    rows = []
    for k in np.flatnonzero(labels < 0):
        best, best_d = None, np.inf
        for lab in people:
            members_k = np.flatnonzero(labels == lab)
            if groups[k] in set(groups[members_k]):
                continue
            d = float((1.0 - x[members_k] @ x[k]).min())
            if d < best_d:
                best, best_d = lab, d
        has_person = any(owner[lab] == ident[k] for lab in people)
        rows.append((best_d, best is not None and owner[best] == ident[k], has_person))
    out = {}
    for band in BANDS:
        asked = [r for r in rows if r[0] <= eps + band]
        out[f"{band:.2f}"] = {
            "asked": len(asked),
            "right": sum(1 for r in asked if r[1]),
            "left unasked with a person": sum(1 for r in rows if r[2] and r[0] > eps + band),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, default=Path("/tmp/pictopy-people-emb.npz"))
    ap.add_argument("--eps", type=float, default=0.5)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")
    if not PHOTOS.is_dir() and not args.cache.is_file():
        print(f"{PHOTOS} is absent", file=sys.stderr)
        return 2
    data = build(args.cache)
    results: dict[str, Any] = {}
    for name, opts in methods(args.eps).items():
        results[name] = {
            s: score(data, members, args.eps, **dict(opts)) for s, members in SETS.items()
        }
    gaps = {
        s: {"plain": distances(data, m, False), "flip": distances(data, m, True)}
        for s, m in SETS.items()
    }
    bands = suggestion_band(data, SETS["all"], args.eps)
    if args.json:
        print(
            json.dumps({"scores": results, "distances": gaps, "suggestion_band": bands}, indent=2)
        )
        return 0
    print(f"{'method':32s} " + " ".join(f"{s:>17s}" for s in SETS))
    print(f"{'':32s} " + " ".join(f"{'P    R    F1':>17s}" for _ in SETS))
    for name, row in results.items():
        print(
            f"{name:32s} "
            + " ".join(f"{r['P']:.3f} {r['R']:.3f} {r['F1']:.3f}".rjust(17) for r in row.values())
        )
    print(
        "faces: " + ", ".join(f"{s} {r['faces']}" for s, r in next(iter(results.values())).items())
    )
    for s, g in gaps.items():
        print(f"{s:11s} plain {g['plain']}  flip {g['flip']}")
    print("suggestion band above eps (set 'all', adopted clustering): " + json.dumps(bands))
    return 0


if __name__ == "__main__":
    sys.exit(main())
