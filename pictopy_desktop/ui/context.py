"""What every view shares: the open library, the change broadcast, the image loader.

Views never call each other to refresh: an operation broadcasts what it changed, one
``OpChanges`` on ``AppContext.changed``, and every view that shows one of those kinds
refreshes itself (visible ones at once, hidden ones when next shown), so a rename shows
everywhere at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pictopy_desktop.library.changes import NO_CHANGES, OpChanges, changes_of
from pictopy_desktop.library.read_model import FaceRow
from pictopy_desktop.library.service import Library
from pictopy_desktop.ui import messages
from pictopy_desktop.ui.image_loader import ImageLoader, rotated_loader, thumbnail_loader
from pictopy_desktop.ui.qt import QObject, QPixmap, Signal
from pictopy_desktop.ui.translations import translate
from pictopy_desktop.workers.tasks import pools, run_in_background, set_thread_cleanup

log = logging.getLogger(__name__)


def thumbnail_key(rel: str, rotation: int = 0) -> str:
    """The image loader's key of a thumbnail shown turned by ``rotation`` degrees."""
    return f"thumb:{rel}" + (f"@{rotation % 360}" if rotation % 360 else "")


def face_key(face_id: int, rotation: int = 0) -> str:
    """The image loader's key of a face crop shown turned by ``rotation`` degrees."""
    return f"face:{face_id}" + (f"@{rotation % 360}" if rotation % 360 else "")


def face_id_of_key(key: str) -> int | None:
    """The face id in a face crop's key (``face:12`` or ``face:12@90``); None for other keys."""
    if not key.startswith("face:"):
        return None
    try:
        return int(key[5:].partition("@")[0])
    except ValueError:
        return None


class AppContext(QObject):
    changed = Signal(object)  # OpChanges: what one operation changed in the library
    people_list_ready = Signal()

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.images = ImageLoader(max(16, library.settings.thumbnail_cache_mb) << 20, self)
        self.people: list = []  # PersonRow list for menus, refreshed in the background
        self.albums: list = []  # AlbumRow list for menus, refreshed in the background
        self.changed.connect(self._on_changed)
        db = library.db
        set_thread_cleanup(lambda: db.close() if not db.is_closed() else None)
        from pictopy_desktop.ui.sidecar_write_back import SidecarWriteBack

        # Names, keywords, ratings and rotations out to .xmp sidecars, when the setting is on.
        self.sidecars = SidecarWriteBack(self)

    def broadcast(self, changes: OpChanges) -> None:
        """Tell every view what changed; nothing is sent when nothing changed."""
        if changes.any():
            self.changed.emit(changes)

    def _on_changed(self, changes: OpChanges) -> None:
        if changes.touches("people"):
            self.refresh_people()
        if changes.touches("albums"):
            self.refresh_albums()
        if changes.touches("photos"):
            self.images.retry_failed()

    # ------------------------------------------------------------ background work

    def read(
        self,
        op: Callable[[], Any],
        on_success: Callable[[Any], None],
        context: QObject | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        priority: int = 0,
    ) -> None:
        """A read-only query on the general pool (``priority``: see ``run_in_background``)."""
        run_in_background(op, on_success, on_failure, pools().general, context, priority)

    def write(
        self,
        op: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        changes: OpChanges = NO_CHANGES,
        what: str = "",
        context: QObject | None = None,
    ) -> None:
        """A change on the one writer thread; then broadcast what it changed.

        ``changes`` is what the caller knows the operation touches; an operation that returns
        (or carries) its own ``OpChanges`` adds to it (``changes_of``).
        """

        def succeeded(result: Any) -> None:
            self.broadcast(changes | changes_of(result))
            if on_success is not None:
                on_success(result)

        def failed(exc: BaseException) -> None:
            messages.exception(exc, what or None)
            self.broadcast(changes)  # show the true state after a failed change

        run_in_background(op, succeeded, failed, pools().writer, context)

    def refresh_people(self) -> None:
        from pictopy_desktop.library.read_model import people_rows

        def got(rows) -> None:
            self.people = rows
            self.people_list_ready.emit()

        self.read(people_rows, got, context=self)

    def refresh_albums(self) -> None:
        from pictopy_desktop.library.read_model import albums_listing

        def got(rows) -> None:
            self.albums = rows

        self.read(albums_listing, got, context=self)

    def person_name(self, person_id: int | None) -> str:
        for p in self.people:
            if p.id == person_id:
                return p.name or translate("pictopy", "Unnamed person")
        if person_id is None:
            return translate("pictopy", "Unknown")
        return translate("pictopy", "Unnamed person")

    # ----------------------------------------------------------------- images

    def thumbnail(self, rel: str | None, rotation: int = 0) -> QPixmap | None:
        """The cached thumbnail ``rel``, turned by the photo's ``rotation`` (in the worker)."""
        if not rel:
            return None
        load = thumbnail_loader(self.library.thumbnails_dir, rel)
        if rotation % 360:
            return self.images.get(thumbnail_key(rel, rotation), rotated_loader(load, rotation))
        return self.images.get(thumbnail_key(rel), load)

    def face(self, face: FaceRow) -> QPixmap | None:
        """The crop of ``face``, turned as its photo is shown (``Image.rotation``)."""

        def load():
            from pictopy_desktop.workers.images import (
                read_face_crop,  # the image stack, in the worker
            )

            return read_face_crop(
                face.path, face.box, face.image_size, thumbnail=self._thumb_path(face.thumbnail)
            )

        return self.images.get(
            face_key(face.id, face.rotation), rotated_loader(load, face.rotation)
        )

    def _thumb_path(self, rel: str | None) -> Path | None:
        return self.library.thumbnails_dir / rel if rel else None

    def face_by_id(self, face_id: int | None) -> QPixmap | None:
        """A face crop when only the id is known (covers): looks the face up in the worker."""
        if face_id is None:
            return None

        def load():
            from pictopy_desktop.library.read_model import face_row
            from pictopy_desktop.workers.images import read_face_crop

            row = face_row(face_id)
            if row is None:
                raise LookupError(f"face {face_id} is gone")
            crop = read_face_crop(
                row.path, row.box, row.image_size, thumbnail=self._thumb_path(row.thumbnail)
            )
            return rotated_loader(lambda: crop, row.rotation)()

        # A cover's crop: dropped from the cache when a photo turns (photo_actions.rotate_photos).
        return self.images.get(face_key(face_id), load)

    @property
    def thumbnails_dir(self) -> Path:
        return self.library.thumbnails_dir
