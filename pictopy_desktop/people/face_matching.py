"""Carry faces over when a photo's bytes change (a metadata write, a small edit).

When a changed photo is analysed again, the faces found in the new pixels are matched
to the faces stored before, so the user's word stays with them: a matched face keeps
its row (id, person, confirmed, "not a face", exclusions) and only its box, landmarks,
score, embedding and sharpness are refreshed. Pure and Qt-free: ``carry_over_faces``
returns a plan that the indexer writes.

Matching is one-to-one, best pair first. A pair can match when the boxes overlap
(IoU >= ``MIN_IOU`` in the upright image) or when the embeddings are nearly the same
face (cosine distance <= ``MAX_SAME_FACE_DISTANCE``; this catches a crop or a resize,
where the box moves). Measured on the 28 labelled portraits
(``benchmarks/measure_face_carry_over.py``): the same face after appended bytes, a
re-encode, brightness +10%, a 5% crop or a half-size resize moved at most 0.19 (median
0.00-0.04); different people were 0.75 and more apart (look-alikes 0.6, docs/people.md).

An old face that nothing matches is deleted, unless the user vouched for it (confirmed,
or in a named person): such a face is kept as it was while its box still lies inside
the new photo, since the detector may just have missed it after an edit; a face whose
box now lies outside the photo was cropped away and goes (its person keeps the name).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

MIN_IOU = 0.5
MAX_SAME_FACE_DISTANCE = 0.3  # cosine distance: edits moved a face <= 0.19, other people >= 0.6
# A kept face may reach this far (fraction of its own size) past the new photo's edge.
EDGE_TOLERANCE = 0.1

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class StoredFace:
    """A face row as it was before the photo changed."""

    id: int
    box: Box
    embedding: np.ndarray | None
    vouched: bool  # confirmed by the user, or in a named person


@dataclass(frozen=True)
class Detection:
    """A face found in the new pixels (box in full-size, upright image pixels)."""

    box: Box
    embedding: np.ndarray | None


@dataclass
class CarryOverPlan:
    """What to write: update matched rows, insert the rest, delete or keep the unmatched old ones."""

    matched: list[tuple[int, int]] = field(default_factory=list)  # (old face id, detection index)
    new: list[int] = field(default_factory=list)  # detection indices with no old face
    deleted: list[int] = field(default_factory=list)  # old face ids to delete
    kept: list[int] = field(default_factory=list)  # unmatched old faces the user vouched for, kept


def box_iou(a: Box, b: Box) -> float:
    """Intersection over union of two (x1, y1, x2, y2) boxes."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    inter = w * h
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return float(inter / union) if union > 0 else 0.0


def _distance(a: np.ndarray | None, b: np.ndarray | None) -> float:
    if a is None or b is None or len(a) != len(b):
        return float("inf")
    import numpy as np  # library import reaches this module from the app's start path

    na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    if na == 0 or nb == 0:
        return float("inf")
    return 1.0 - float(np.dot(a, b)) / (na * nb)


def _inside(box: Box, width: float | None, height: float | None) -> bool:
    if not width or not height:
        return True  # size unknown: nothing says the face left the photo
    mx = EDGE_TOLERANCE * (box[2] - box[0])
    my = EDGE_TOLERANCE * (box[3] - box[1])
    return box[0] >= -mx and box[1] >= -my and box[2] <= width + mx and box[3] <= height + my


def carry_over_faces(
    old_faces: Sequence[StoredFace],
    detections: Sequence[Detection],
    width: float | None = None,
    height: float | None = None,
) -> CarryOverPlan:
    """Match the new detections of a changed photo (``width`` x ``height``) to its old faces."""
    pairs = []
    for i, old in enumerate(old_faces):
        for j, det in enumerate(detections):
            iou = box_iou(old.box, det.box)
            dist = _distance(old.embedding, det.embedding)
            if iou >= MIN_IOU or dist <= MAX_SAME_FACE_DISTANCE:
                # Best first: the closest embedding, then the largest overlap.
                pairs.append((min(dist, 2.0) - iou, i, j))
    plan = CarryOverPlan()
    used_old: set[int] = set()
    used_new: set[int] = set()
    for _, i, j in sorted(pairs):
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        plan.matched.append((old_faces[i].id, j))
    plan.new = [j for j in range(len(detections)) if j not in used_new]
    for i, old in enumerate(old_faces):
        if i in used_old:
            continue
        if old.vouched and _inside(old.box, width, height):
            plan.kept.append(old.id)
        else:
            plan.deleted.append(old.id)
    return plan
