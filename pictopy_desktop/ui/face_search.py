"""Find by face: from a face in the viewer, or from an image file dropped onto the search field.

The search runs in a worker (``library.face_search``) with the embedder's own
same-person cut-off, and hands back a ``FaceSearchResult``: the photos ranked by how
alike their best face is, whether or not that face belongs to a named person.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pictopy_desktop.ui import messages
from pictopy_desktop.ui.context import AppContext
from pictopy_desktop.ui.qt import QEvent, QObject, Signal
from pictopy_desktop.ui.translations import translate

log = logging.getLogger(__name__)

DEFAULT_CLUSTER_DISTANCE = (
    0.5  # when no embedder is configured (the faces in the library still compare)
)


@dataclass
class FaceSearchResult:
    title: str
    image_ids: tuple[int, ...]  # best match first
    similarities: dict[int, float] = field(default_factory=dict)  # image id -> cosine similarity

    @property
    def best(self) -> float | None:
        return max(self.similarities.values()) if self.similarities else None


def _cutoff(library) -> float:
    from pictopy_desktop.library.face_search import similarity_cutoff

    analyzer = library.analyzer()
    distance = getattr(analyzer, "cluster_distance", None) if analyzer is not None else None
    return similarity_cutoff(float(distance if distance is not None else DEFAULT_CLUSTER_DISTANCE))


def _result(title: str, matches) -> FaceSearchResult:
    return FaceSearchResult(
        title, tuple(m.image_id for m in matches), {m.image_id: m.similarity for m in matches}
    )


def find_by_face(
    ctx: AppContext,
    face_id: int,
    on_result: Callable[[FaceSearchResult], None],
    title: str = "Photos with this face, most alike first",
) -> None:
    """The photos whose faces are nearest to face ``face_id`` (a face in the library)."""
    library = ctx.library

    def op() -> FaceSearchResult:
        from pictopy_desktop.library.face_search import similar_to_face

        return _result(title, similar_to_face(face_id, _cutoff(library)))

    ctx.read(
        op,
        on_result,
        on_failure=lambda exc: messages.exception(exc, "Finding photos with this face failed"),
    )


def find_by_file(
    ctx: AppContext, path: Path, on_result: Callable[[FaceSearchResult], None]
) -> None:
    """The photos with the (largest) face in the image file ``path``, which need not be in the library."""
    library = ctx.library

    def op() -> FaceSearchResult | None:
        from pictopy_desktop.library.face_search import (
            faces_in_file,
            similar_to_embedding,
        )

        faces = faces_in_file(path, library.analyzer())
        if not faces:
            return None
        face = max(faces, key=lambda f: (f.box[2] - f.box[0]) * (f.box[3] - f.box[1]))
        return _result(
            translate("pictopy", "Faces like {name}, most alike first").format(name=path.name),
            similar_to_embedding(face.embedding, _cutoff(library)),
        )

    def got(result: FaceSearchResult | None) -> None:
        if result is None:
            messages.info(translate("pictopy", "No face found in {name}.").format(name=path.name))
        else:
            on_result(result)

    ctx.read(
        op,
        got,
        on_failure=lambda exc: messages.exception(exc, f"Finding faces like {path.name} failed"),
    )


def dropped_image_file(mime) -> Path | None:
    """The one local image file in drop data, or None."""
    from pictopy_desktop.library.photo_files import is_image_candidate

    if mime is None or not mime.hasUrls() or len(mime.urls()) != 1:
        return None
    url = mime.urls()[0]
    if not url.isLocalFile():
        return None
    path = Path(url.toLocalFile())
    return path if path.is_file() and is_image_candidate(path) else None


class SearchFieldDrop(QObject):
    """Installed on the search field: an image file dropped there searches by its face; other
    files and folders go on to the window (which adds them to the library)."""

    image_dropped = Signal(object)  # Path

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if dropped_image_file(event.mimeData()) is not None:
                event.acceptProposedAction()
                return True
            if event.mimeData().hasUrls():
                event.ignore()  # not for the search field: the window takes it
                return True
        elif kind == QEvent.Type.Drop:
            path = dropped_image_file(event.mimeData())
            if path is not None:
                event.acceptProposedAction()
                self.image_dropped.emit(path)
                return True
        return False
