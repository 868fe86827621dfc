"""The model manifest (resources/models.json): which files exist, where to get them, defaults."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pictopy_desktop.ml.errors import ModelError

ROLES = ("object_detector", "face_detector", "face_embedder")
FAMILIES = {
    "yolov8": "object_detector",
    "yunet": "face_detector",
    "yolov8_face": "face_detector",
    "arcface112": "face_embedder",
    "facenet160": "face_embedder",
}
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class ModelSpec:
    id: str
    role: str
    family: str
    file: str
    input_size: tuple[int, int]
    url: str
    sha256: str
    licence: str
    size_bytes: int | None = None
    thresholds: dict[str, float] = field(default_factory=dict)
    embedding_size: int | None = None
    cluster_distance: float | None = None
    max_side: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class Manifest:
    models: dict[str, ModelSpec]
    sets: dict[str, tuple[str, ...]]

    def model_set(self, name: str) -> list[ModelSpec]:
        """The specs of set ``name``, one per role, in ROLES order."""
        if name not in self.sets:
            raise ModelError(
                f"Unknown model set {name!r}; known sets: {', '.join(sorted(self.sets))}."
            )
        specs = [self.models[i] for i in self.sets[name]]
        return sorted(specs, key=lambda s: ROLES.index(s.role))

    def by_role(self, name: str) -> dict[str, ModelSpec]:
        return {s.role: s for s in self.model_set(name)}


def manifest_path() -> Path:
    from pictopy_desktop.paths import resources_dir

    return resources_dir() / "models.json"


def _spec(raw: dict[str, Any]) -> ModelSpec:
    def need(key: str) -> Any:
        if key not in raw:
            raise ModelError(f"Model manifest entry {raw.get('id', '?')!r} lacks {key!r}.")
        return raw[key]

    size = tuple(int(v) for v in need("input_size"))
    if len(size) != 2 or min(size) <= 0:
        raise ModelError(f"Model {raw.get('id', '?')!r}: input_size must be [width, height].")
    spec = ModelSpec(
        id=str(need("id")),
        role=str(need("role")),
        family=str(need("family")),
        file=str(need("file")),
        input_size=(size[0], size[1]),
        url=str(need("url")),
        sha256=str(need("sha256")).lower(),
        licence=str(need("licence")),
        size_bytes=int(raw["size_bytes"]) if raw.get("size_bytes") is not None else None,
        thresholds={k: float(v) for k, v in (raw.get("thresholds") or {}).items()},
        embedding_size=int(raw["embedding_size"])
        if raw.get("embedding_size") is not None
        else None,
        cluster_distance=float(raw["cluster_distance"])
        if raw.get("cluster_distance") is not None
        else None,
        max_side=int(raw["max_side"]) if raw.get("max_side") is not None else None,
        notes=str(raw.get("notes", "")),
    )
    if spec.role not in ROLES:
        raise ModelError(
            f"Model {spec.id!r}: unknown role {spec.role!r} (expected one of {', '.join(ROLES)})."
        )
    if FAMILIES.get(spec.family) != spec.role:
        raise ModelError(
            f"Model {spec.id!r}: family {spec.family!r} does not fit role {spec.role!r}."
        )
    if not _SHA_RE.match(spec.sha256):
        raise ModelError(f"Model {spec.id!r}: sha256 must be 64 hex digits.")
    if spec.role == "face_embedder" and (
        spec.embedding_size is None or spec.cluster_distance is None
    ):
        raise ModelError(
            f"Model {spec.id!r}: a face embedder needs embedding_size and cluster_distance."
        )
    return spec


def parse_manifest(raw: dict[str, Any]) -> Manifest:
    """Validate a manifest already read from JSON."""
    models: dict[str, ModelSpec] = {}
    for entry in raw.get("models", []):
        spec = _spec(entry)
        if spec.id in models:
            raise ModelError(f"Model id {spec.id!r} appears twice in the manifest.")
        models[spec.id] = spec
    sets: dict[str, tuple[str, ...]] = {}
    for name, ids in (raw.get("sets") or {}).items():
        unknown = [i for i in ids if i not in models]
        if unknown:
            raise ModelError(f"Model set {name!r} names unknown models: {', '.join(unknown)}.")
        roles = sorted(models[i].role for i in ids)
        if roles != sorted(ROLES):
            raise ModelError(
                f"Model set {name!r} must hold exactly one model per role ({', '.join(ROLES)})."
            )
        sets[name] = tuple(ids)
    if "default" not in sets:
        raise ModelError("The model manifest has no 'default' set.")
    return Manifest(models, sets)


def load_manifest(path: Path | None = None) -> Manifest:
    """Read and validate the manifest (the packaged one unless ``path`` is given)."""
    path = path or manifest_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"The model manifest {path} is unreadable: {exc}") from exc
    return parse_manifest(raw)


def model_set(name: str = "default", manifest: Manifest | None = None) -> list[ModelSpec]:
    """Specs of a named set from the packaged manifest (or ``manifest``)."""
    return (manifest or load_manifest()).model_set(name)
