"""What the models find in one photo or video: pure functions over decoded pixels.

``run_analysis`` runs an analyzer on a photo (or on a video's sampled frames, keeping each
tag's best frame and each face once); ``face_sharpness`` scores a face crop. Storing the
results is ``library.analysis_queue``'s job.
"""

from __future__ import annotations

import queue
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

import numpy as np

from pictopy_desktop.library.image_decode import DecodedImage
from pictopy_desktop.library.video_decode import DecodedVideo
from pictopy_desktop.storage.tables import Image

STAGE_OBJECTS = "objects"
STAGE_FACES = "faces"
ALL_STAGES = frozenset({STAGE_OBJECTS, STAGE_FACES})


class Analyzer(Protocol):
    """What the indexer needs of ``ml.analyzer.ImageAnalyzer``."""

    has_objects: bool
    has_faces: bool
    problems: list[str]

    def analyze(self, rgb: np.ndarray) -> Any: ...


class AnalyzerPool:
    """Analyzers for the decode workers, so several photos are analysed at once.

    Each job borrows one; each has sessions of its own with one intra-op thread, which on
    a small machine beats one multi-threaded session fed by a single thread. They are
    kept across runs, so a rescan pays no model loading.
    """

    def __init__(self, factory: Callable[[], Analyzer]) -> None:
        self._factory = factory
        self._free: queue.SimpleQueue[Analyzer] = queue.SimpleQueue()

    @contextmanager
    def borrow(self) -> Iterator[Analyzer]:
        try:
            analyzer = self._free.get_nowait()
        except queue.Empty:
            analyzer = self._factory()
        try:
            yield analyzer
        finally:
            self._free.put(analyzer)


def analyze_video_frames(analyzer: Analyzer, video: DecodedVideo) -> tuple[Any, list[float]]:
    """Analyse sampled frames: each tag once (its best frame); each face once per person-looking cluster.

    Returns an analysis-like object plus, per face, the time of the frame it came from.
    """
    from types import SimpleNamespace

    best_tags: dict[str, Any] = {}
    faces: list[Any] = []
    times: list[float] = []
    for t, rgb in video.frames:
        result = analyzer.analyze(rgb)
        for tag in result.tags:
            if tag.label not in best_tags or tag.confidence > best_tags[tag.label].confidence:
                best_tags[tag.label] = tag
        for face in result.faces:
            emb = np.asarray(face.embedding, dtype=np.float32)
            # The same face in the next sampled frame is one sighting, not a new face.
            same = [i for i, g in enumerate(faces) if float(np.dot(emb, g.embedding)) > 0.7]
            if same:
                if face.score > faces[same[0]].score:
                    faces[same[0]], times[same[0]] = face, t
                continue
            faces.append(face)
            times.append(t)
    return SimpleNamespace(tags=list(best_tags.values()), faces=faces), times


def run_analysis(analyzer: Analyzer, decoded: DecodedImage) -> tuple[Any, list[float] | None]:
    """Tags and faces of a photo, or of a video's sampled frames (with each face's frame time)."""
    if isinstance(decoded, DecodedVideo):
        return analyze_video_frames(analyzer, decoded)
    return analyzer.analyze(decoded.rgb), None


def frame_rgb(
    decoded: DecodedImage, frame_times: list[float] | None, face_index: int
) -> np.ndarray:
    """The pixels a face was found in: the photo, or the video frame it came from."""
    if isinstance(decoded, DecodedVideo) and frame_times:
        wanted = frame_times[face_index]
        for t, rgb in decoded.frames:
            if t == wanted:
                return rgb
    return decoded.rgb


def face_sharpness(rgb: np.ndarray, box: tuple[float, float, float, float]) -> float | None:
    """Variance of the Laplacian over the face crop: low means blurred."""
    import cv2

    h, w = rgb.shape[:2]
    x1, y1 = max(0, int(box[0])), max(0, int(box[1]))
    x2, y2 = min(w, int(box[2])), min(h, int(box[3]))
    if x2 - x1 < 4 or y2 - y1 < 4:
        return None
    gray = cv2.cvtColor(np.ascontiguousarray(rgb[y1:y2, x1:x2]), cv2.COLOR_RGB2GRAY)
    # Compare crops at one size, so small faces are not judged sharper than large ones.
    gray = cv2.resize(gray, (112, 112), interpolation=cv2.INTER_AREA)
    return float(cv2.Laplacian(gray, cv2.CV_64F).var())


def stages_of(image: Image) -> set[str]:
    """The model stages whose results ``image`` holds."""
    return set(filter(None, (image.analyzed_with or "").split(",")))


def analyzer_stages(analyzer: Analyzer | None) -> set[str]:
    """The stages ``analyzer`` can run (none without an analyzer)."""
    if analyzer is None:
        return set()
    return {
        s
        for s, ok in ((STAGE_OBJECTS, analyzer.has_objects), (STAGE_FACES, analyzer.has_faces))
        if ok
    }
