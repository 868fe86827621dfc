"""Which class serves each model family, and how a file of that family is loaded.

One table from family name (as ``models.json`` names it) to class and loader, as
Immich's machine-learning service maps a model type to its class
(``immich_ml/models/__init__.py::get_model_class``): the analyzer builds its stages
from it and ``model_manager.check_io`` tries a file with it, so neither imports the
other. A new family is one entry here (and its role in ``manifest.FAMILIES``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pictopy_desktop.ml.errors import ModelError
from pictopy_desktop.ml.face_detector import YoloFaceDetector, YuNetFaceDetector, check_yunet_io
from pictopy_desktop.ml.face_embedder import (
    FaceEmbedder,
    arcface112_embedder,
    facenet160_embedder,
)
from pictopy_desktop.ml.object_detector import YoloObjectDetector
from pictopy_desktop.ml.ort_session import CPU_ONLY, create_session, session_info

# (model file, thresholds, longest side the manifest allows, ORT intra-op threads) -> model
Loader = Callable[[Path, dict[str, float], int | None, int | None], Any]


@dataclass(frozen=True)
class ModelFamily:
    """A family of model files: the class that runs them and how one is loaded."""

    model_class: type
    load: Loader


def _yolov8(path: Path, t: dict[str, float], max_side: int | None, threads: int | None) -> Any:
    return YoloObjectDetector(
        create_session(path, intra_op_threads=threads),
        confidence=t.get("confidence", 0.35),
        iou=t.get("iou", 0.45),
    )


def _yolov8_face(path: Path, t: dict[str, float], max_side: int | None, threads: int | None) -> Any:
    return YoloFaceDetector(
        create_session(path, intra_op_threads=threads),
        confidence=t.get("confidence", 0.45),
        iou=t.get("iou", 0.45),
    )


def _yunet(path: Path, t: dict[str, float], max_side: int | None, threads: int | None) -> Any:
    # cv2 runs YuNet itself (on the CPU); ORT only checks that the file really is YuNet first,
    # on the CPU too, so no GPU session is made just to read names and shapes.
    check_yunet_io(session_info(create_session(path, intra_op_threads=1, providers=CPU_ONLY)))
    return YuNetFaceDetector(
        path,
        confidence=t.get("confidence", 0.7),
        iou=t.get("iou", 0.3),
        max_side=int(t.get("max_side", max_side or 1280)),
    )


def _arcface112(path: Path, t: dict[str, float], max_side: int | None, threads: int | None) -> Any:
    return arcface112_embedder(create_session(path, intra_op_threads=threads))


def _facenet160(path: Path, t: dict[str, float], max_side: int | None, threads: int | None) -> Any:
    return facenet160_embedder(create_session(path, intra_op_threads=threads))


MODEL_FAMILIES: dict[str, ModelFamily] = {
    "yolov8": ModelFamily(YoloObjectDetector, _yolov8),
    "yolov8_face": ModelFamily(YoloFaceDetector, _yolov8_face),
    "yunet": ModelFamily(YuNetFaceDetector, _yunet),
    "arcface112": ModelFamily(FaceEmbedder, _arcface112),
    "facenet160": ModelFamily(FaceEmbedder, _facenet160),
}


def model_family(family: str) -> ModelFamily:
    """The registry entry of ``family``; ModelError for a family PictoPy does not know."""
    entry = MODEL_FAMILIES.get(family)
    if entry is None:
        raise ModelError(f"Unknown model family {family!r}.")
    return entry


def build_model(
    family: str,
    path: Path,
    thresholds: dict[str, float],
    *,
    max_side: int | None = None,
    intra_op_threads: int | None = None,
) -> Any:
    """Load ``path`` as a model of ``family``; ModelError (with a readable message) if it can't be."""
    return model_family(family).load(path, thresholds, max_side, intra_op_threads)
