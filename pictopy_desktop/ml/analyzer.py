"""ImageAnalyzer: objects, faces and face embeddings for one photo, from a models folder.

Missing or unsuitable models never raise here: the stage is switched off and a line
saying what is wrong and how to fix it goes into ``problems``.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from pictopy_desktop.ml.errors import ModelError, ModelMismatchError, ModelMissingError
from pictopy_desktop.ml.face_detector import FaceDetector
from pictopy_desktop.ml.face_embedder import FaceEmbedder
from pictopy_desktop.ml.manifest import ROLES, Manifest, ModelSpec, load_manifest
from pictopy_desktop.ml.model_manager import FIX_HINT, HashCache, ModelState, model_status
from pictopy_desktop.ml.model_registry import build_model
from pictopy_desktop.ml.object_detector import YoloObjectDetector
from pictopy_desktop.ml.types import AnalyzedFace, ImageAnalysis, ObjectTag

log = logging.getLogger(__name__)

_ROLE_WORDS = {
    "object_detector": "Object tagging",
    "face_detector": "Face detection",
    "face_embedder": "Face recognition",
}


OPENCV_CPU = "OpenCV DNN (CPU)"


@dataclass(frozen=True)
class ModelRuntime:
    """Which execution provider runs a loaded model (the first of ``providers``)."""

    what: str  # "Object tagging", "Face detection", "Face recognition"
    file: str
    providers: tuple[str, ...]  # as the session reports them, the one in use first

    @property
    def provider(self) -> str:
        return self.providers[0] if self.providers else "none"


@dataclass
class _Stage:
    role: str
    spec: ModelSpec
    path: Path
    model_id: str
    custom: bool
    thresholds: dict[str, float] = field(default_factory=dict)
    model: Any = None
    problem: str | None = None


class ImageAnalyzer:
    """Runs object detection, face detection and face embedding on RGB photos."""

    def __init__(
        self,
        stages: dict[str, _Stage],
        *,
        hash_cache: HashCache | None = None,
        intra_op_threads: int | None = None,
    ) -> None:
        self._stages = stages
        self._hash_cache = hash_cache
        self._threads = intra_op_threads
        self._loaded = False
        self._lock = threading.Lock()
        self.problems: list[str] = [s.problem for s in stages.values() if s.problem]

    @classmethod
    def from_models_dir(
        cls,
        models_dir: Path,
        set_name: str = "default",
        model_files: dict[str, str] | None = None,
        thresholds: dict[str, dict[str, float]] | None = None,
        *,
        manifest: Manifest | None = None,
        hash_cache: HashCache | None = None,
    ) -> ImageAnalyzer:
        """An analyzer for the models of ``set_name`` in ``models_dir``; models load on first use.

        ``model_files`` maps a role to a file (name in ``models_dir`` or a path) used instead
        of the set's; ``thresholds`` maps a role to overrides such as ``{"confidence": 0.5}``.
        """
        models_dir = Path(models_dir)
        model_files = model_files or {}
        thresholds = thresholds or {}
        stages: dict[str, _Stage] = {}
        try:
            manifest = manifest or load_manifest()
            by_role = manifest.by_role(set_name)
        except ModelError as exc:
            analyzer = cls({})
            analyzer.problems.append(f"No models can be used: {exc}")
            return analyzer
        by_file = {s.file: s for s in manifest.models.values()}
        for role in ROLES:
            spec = by_role[role]
            custom = bool(model_files.get(role))
            if custom:
                path = Path(model_files[role]).expanduser()
                path = path if path.is_absolute() else models_dir / path
                # A chosen file that the manifest knows brings its own family and defaults.
                known = by_file.get(path.name)
                if known is not None and known.role == role:
                    spec = known
                model_id = spec.id if known is spec else f"custom:{path.stem}"
            else:
                path, model_id = models_dir / spec.file, spec.id
            merged = {**spec.thresholds, **thresholds.get(role, {})}
            stage = _Stage(role, spec, path, model_id, custom, merged)
            if not path.is_file():
                stage.problem = f"{_ROLE_WORDS[role]} is off: model file {path.name} is not in {path.parent}; {FIX_HINT}."
            stages[role] = stage
        return cls(stages, hash_cache=hash_cache)

    def clone(self, intra_op_threads: int | None = None) -> ImageAnalyzer:
        """The same models in sessions of its own, for a worker thread that runs beside others."""
        stages = {role: replace(stage, model=None) for role, stage in self._stages.items()}
        twin = ImageAnalyzer(stages, hash_cache=self._hash_cache, intra_op_threads=intra_op_threads)
        twin.problems = list(self.problems)
        return twin

    # -------------------------------------------------------------- loading

    def load(self) -> None:
        """Create every usable session now (otherwise done on first use); never raises."""
        if self._loaded:
            return
        with self._lock:
            if self._loaded:
                return
            for stage in self._stages.values():
                if stage.problem is None:
                    self._load_stage(stage)
            self._loaded = True

    def _load_stage(self, stage: _Stage) -> None:
        words = _ROLE_WORDS[stage.role]
        try:
            if not stage.custom:
                status = model_status(stage.spec, stage.path.parent, hash_cache=self._hash_cache)
                if status.state is ModelState.WRONG:
                    raise ModelMismatchError(f"{status.detail}. Replace it: {FIX_HINT}")
            stage.model = build_model(
                stage.spec.family,
                stage.path,
                stage.thresholds,
                max_side=stage.spec.max_side,
                intra_op_threads=self._threads,
            )
        except ModelMissingError as exc:
            stage.problem = f"{words} is off: {exc} {FIX_HINT}."
        except ModelError as exc:
            stage.problem = f"{words} is off ({stage.path.name}): {exc}"
        except Exception as exc:  # an unexpected loader failure must not take the app down
            log.exception("Loading %s failed", stage.path)
            stage.problem = f"{words} is off: {stage.path.name} could not be loaded ({exc})."
        if stage.problem:
            stage.model = None
            self.problems.append(stage.problem)
            log.warning("%s", stage.problem)

    def _model(self, role: str) -> Any:
        self.load()
        stage = self._stages.get(role)
        return stage.model if stage else None

    def execution_providers(self) -> dict[str, ModelRuntime]:
        """What runs each model, read from the live sessions (nothing is loaded by asking).

        A role whose model is not loaded yet, or is off, is missing from the result.
        """
        found: dict[str, ModelRuntime] = {}
        for role, stage in self._stages.items():
            if stage.model is None:
                continue
            session = getattr(stage.model, "session", None)
            if session is not None:
                providers = tuple(session.get_providers())
            else:  # YuNet runs in OpenCV's own DNN module, on the CPU
                providers = (OPENCV_CPU,)
            found[role] = ModelRuntime(_ROLE_WORDS[role], stage.path.name, providers)
        return found

    # -------------------------------------------------------------- properties

    @property
    def has_objects(self) -> bool:
        return self._model("object_detector") is not None

    @property
    def has_faces(self) -> bool:
        """Faces need both a detector and an embedder."""
        return self._model("face_detector") is not None and self._model("face_embedder") is not None

    @property
    def signature(self) -> str:
        """Names the models in use, e.g. ``objects=yolov8n_int8;faces=yunet_2023mar;embeddings=mobilefacenet``."""
        self.load()

        def name(role: str) -> str:
            stage = self._stages.get(role)
            return stage.model_id if stage and stage.model is not None else "none"

        faces_on = self.has_faces
        return (
            f"objects={name('object_detector')};"
            f"faces={name('face_detector') if faces_on else 'none'};"
            f"embeddings={name('face_embedder') if faces_on else 'none'}"
        )

    @property
    def cluster_distance(self) -> float:
        """Cosine distance under which two faces look like one person, for this embedder."""
        stage = self._stages.get("face_embedder")
        if stage is None:
            return 0.5
        if "cluster_distance" in stage.thresholds:
            return float(stage.thresholds["cluster_distance"])
        return float(
            stage.spec.cluster_distance if stage.spec.cluster_distance is not None else 0.5
        )

    @property
    def embedding_size(self) -> int:
        model = self._model("face_embedder")
        if isinstance(model, FaceEmbedder):
            return model.embedding_size
        stage = self._stages.get("face_embedder")
        return int(stage.spec.embedding_size or 0) if stage else 0

    # -------------------------------------------------------------- analysis

    def analyze(self, rgb: np.ndarray) -> ImageAnalysis:
        """Tags and faces of an RGB uint8 HxWx3 image; boxes in its pixels."""
        rgb = _as_rgb(rgb)
        result = ImageAnalysis()
        detector: YoloObjectDetector | None = self._model("object_detector")
        if detector is not None:
            result.tags = detector.detect(rgb)
        if self.has_faces:
            face_detector: FaceDetector = self._model("face_detector")
            embedder: FaceEmbedder = self._model("face_embedder")
            faces = face_detector.detect(rgb)
            result.tags = suppress_face_tags(result.tags, faces)
            if faces:
                embeddings = embedder.embed(rgb, faces)
                result.faces = [
                    AnalyzedFace(f.box, f.score, f.landmarks, embedding=e)
                    for f, e in zip(faces, embeddings)
                ]
        return result


# Object tags whose box is essentially a person's face are dropped unless the class can
# be seen on a face: YOLOv8n calls close-up faces "toilet", "cat" or "frisbee" (an
# earring), and a search for "cat" must not return people. A face counts as a person's
# only inside a "person" box: the face detector also fires on dogs' faces (measured:
# dlib_faces/dogs.jpg), and their "dog" tag must stay. Measured per class in
# docs/people.md ("Tags you can trust", benchmarks/measure_tag_faces.py).
FACE_OVERLAP = 0.6  # share of the tag's box lying on the face (grown as below)
FACE_GROW_SIDES = 0.25  # each side, as a share of the face's width: ears, earrings
FACE_GROW_TOP = 0.15  # above, as a share of the face's height: hair; not below (ties, necklaces)
# Held to or worn at a face for real. Food is not here: the only food measured on a face
# was a false "donut" (0.84) on a close-up portrait.
CAN_BE_ON_A_FACE = frozenset(
    {"person", "tie", "toothbrush", "cell phone", "cup", "wine glass", "bottle", "spoon", "fork"}
)


def face_overlap(
    tag_box: tuple[float, float, float, float], face_box: tuple[float, float, float, float]
) -> float:
    """The share of ``tag_box`` that lies on the face ``face_box`` (grown to the sides and above)."""
    fx1, fy1, fx2, fy2 = face_box
    gw, gh = (fx2 - fx1) * FACE_GROW_SIDES, (fy2 - fy1) * FACE_GROW_TOP
    fx1, fy1, fx2 = fx1 - gw, fy1 - gh, fx2 + gw
    tx1, ty1, tx2, ty2 = tag_box
    area = max(0.0, tx2 - tx1) * max(0.0, ty2 - ty1)
    if area <= 0:
        return 0.0
    iw = max(0.0, min(tx2, fx2) - max(tx1, fx1))
    ih = max(0.0, min(ty2, fy2) - max(ty1, fy1))
    return iw * ih / area


def _inside(point: tuple[float, float], box: tuple[float, float, float, float]) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def suppress_face_tags(
    tags: list[ObjectTag],
    faces: list[Any],
    *,
    exempt: frozenset[str] = CAN_BE_ON_A_FACE,
    threshold: float = FACE_OVERLAP,
) -> list[ObjectTag]:
    """``tags`` without those whose box is essentially a person's face, unless the class can be on a face.

    ``faces``: anything with a ``.box``. A face is a person's when its centre lies in
    one of the "person" tags' boxes.
    """
    people = [t.box for t in tags if t.label == "person"]
    human = []
    for f in faces:
        centre = ((f.box[0] + f.box[2]) / 2, (f.box[1] + f.box[3]) / 2)
        if any(_inside(centre, p) for p in people):
            human.append(f.box)
    if not human:
        return list(tags)
    return [
        t
        for t in tags
        if t.label in exempt or max(face_overlap(t.box, b) for b in human) < threshold
    ]


def _as_rgb(image: np.ndarray) -> np.ndarray:
    image = np.asarray(image)
    if image.dtype != np.uint8:
        raise ValueError(f"expected a uint8 image, got {image.dtype}")
    if image.ndim == 2:
        image = np.repeat(image[:, :, None], 3, axis=2)
    if image.ndim != 3 or image.shape[2] not in (3, 4):
        raise ValueError(f"expected an HxWx3 RGB image, got shape {image.shape}")
    if image.shape[2] == 4:
        image = image[:, :, :3]
    return np.ascontiguousarray(image)
