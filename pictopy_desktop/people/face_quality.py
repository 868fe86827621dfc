"""Face quality gate: tiny, uncertain or blurred faces never form or extend people.

Such faces are stored like any other, but clustering (``recluster``) and the
assignment of new faces (``face_assignment``) leave them out, so they stay Unknown;
once the user puts one with a person (it is then ``confirmed``) it counts like any
other face. A face is low quality when any of these holds:

* its box's shorter side is under ``min_side`` pixels of the full-size photo
  (what the embedder has to work with, whatever the size of the photo);
* the detector's confidence is under ``min_score``;
* its ``sharpness`` (variance of the Laplacian of the crop resized to 112x112, see
  ``library.indexer.face_sharpness``) is under ``min_sharpness``. A face indexed
  before sharpness was stored has none, and is not judged on it.

The defaults were measured on ``../shared/photos`` (``benchmarks/measure_face_quality.py``,
docs/people.md "Face quality gate"); settings ``thresholds.face_quality`` overrides
any of them, e.g. ``{"face_quality": {"min_side": 48}}``. No Qt, no database writes.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

SETTINGS_KEY = "face_quality"  # in Settings.thresholds


@dataclass(frozen=True)
class FaceQuality:
    """Thresholds of the face quality gate (a face below any of them is low quality)."""

    min_side: float = 24.0  # pixels of the full-size photo, shorter side of the face box
    min_score: float = 0.6  # detector confidence
    min_sharpness: float = 25.0  # variance of the Laplacian on the 112x112 face crop

    def is_good(
        self, x1: float, y1: float, x2: float, y2: float, score: float, sharpness: float | None
    ) -> bool:
        side = min(x2 - x1, y2 - y1)
        if side < self.min_side or score < self.min_score:
            return False
        return sharpness is None or sharpness >= self.min_sharpness

    def good_mask(
        self,
        boxes: np.ndarray,
        scores: np.ndarray,
        sharpness: np.ndarray,
    ) -> np.ndarray:
        """Vectorised ``is_good``: boxes (n, 4) x1 y1 x2 y2, scores (n,), sharpness (n,) with NaN for unknown."""
        import numpy as np  # the read model imports this module on the app's start path

        boxes = np.asarray(boxes, dtype=np.float64).reshape(-1, 4)
        side = np.minimum(boxes[:, 2] - boxes[:, 0], boxes[:, 3] - boxes[:, 1])
        sharp = np.asarray(sharpness, dtype=np.float64)
        sharp_ok = np.isnan(sharp) | (sharp >= self.min_sharpness)
        return (
            (side >= self.min_side)
            & (np.asarray(scores, dtype=np.float64) >= self.min_score)
            & sharp_ok
        )

    def good_expression(self) -> Any:
        """The same test as a Peewee expression on ``Face`` (for queries)."""
        from pictopy_desktop.storage.tables import Face

        return (
            (Face.x2 - Face.x1 >= self.min_side)
            & (Face.y2 - Face.y1 >= self.min_side)
            & (Face.score >= self.min_score)
            & (Face.sharpness.is_null() | (Face.sharpness >= self.min_sharpness))
        )

    def with_overrides(self, overrides: Mapping[str, Any] | None) -> FaceQuality:
        """A copy with the known keys of ``overrides`` (numbers) applied; others are logged and ignored."""
        if not overrides:
            return self
        known = {f.name for f in fields(self)}
        values: dict[str, float] = {}
        for key, value in overrides.items():
            try:
                if key not in known:
                    raise KeyError(key)
                values[key] = float(value)
            except (KeyError, TypeError, ValueError):
                log.warning("Ignoring face quality setting %r = %r", key, value)
        return replace(self, **values)


DEFAULT_QUALITY = FaceQuality()


def thresholds_for(library: Any) -> FaceQuality:
    """The gate for ``library``: the defaults with settings ``thresholds.face_quality`` applied."""
    settings = getattr(library, "settings", None)
    thresholds = getattr(settings, "thresholds", None) or {}
    overrides = thresholds.get(SETTINGS_KEY) if isinstance(thresholds, Mapping) else None
    return DEFAULT_QUALITY.with_overrides(overrides if isinstance(overrides, Mapping) else None)


def _value(face: Any, name: str) -> Any:
    if isinstance(face, Mapping):
        return face.get(name)
    return getattr(face, name, None)


def is_good_face(face: Any, quality: FaceQuality | None = None) -> bool:
    """Whether a face may form or extend people on its own (not counting the user's confirmation).

    ``face`` is a ``Face`` row or anything with (or a mapping of) ``x1, y1, x2, y2,
    score`` and optionally ``sharpness`` (None: unknown, not judged).
    """
    q = quality or DEFAULT_QUALITY
    sharpness = _value(face, "sharpness")
    return q.is_good(
        float(_value(face, "x1")),
        float(_value(face, "y1")),
        float(_value(face, "x2")),
        float(_value(face, "y2")),
        float(_value(face, "score")),
        None if sharpness is None else float(sharpness),
    )


def counts_for_people(face: Any, quality: FaceQuality | None = None) -> bool:
    """A face forms or extends people if it is good, or if the user confirmed it."""
    return bool(_value(face, "confirmed")) or is_good_face(face, quality)
