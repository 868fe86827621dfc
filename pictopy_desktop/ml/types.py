"""Plain result types of the ML pipeline (no behaviour, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

Box = tuple[float, float, float, float]
"""x1, y1, x2, y2 in pixels of the array handed to the analyzer."""


@dataclass(frozen=True)
class ObjectTag:
    label: str
    confidence: float
    box: Box


@dataclass
class FaceDetection:
    box: Box
    score: float
    # (5, 2) float32 in image pixels: right eye, left eye, nose, right and left mouth
    # corner (the person's right, i.e. the image-left eye comes first); None when the
    # detector has no landmarks.
    landmarks: np.ndarray | None


@dataclass
class AnalyzedFace(FaceDetection):
    embedding: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    """L2-normalised float32 vector."""


@dataclass
class ImageAnalysis:
    tags: list[ObjectTag] = field(default_factory=list)
    faces: list[AnalyzedFace] = field(default_factory=list)
