"""What can be done to photos from the viewer and the grid: rotate, delete (with undo), copy, open.

Each action runs its core operation on the writer thread (rotation, trash) or decodes in
a worker (copy), then announces what changed; the viewer and the grid's context menu
call the same functions, so both behave alike.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

from pictopy_desktop.library import trash
from pictopy_desktop.library.changes import OpChanges
from pictopy_desktop.library.file_names import display_path
from pictopy_desktop.library.photo_trash import PhotoTrashOutcome, trash_photos
from pictopy_desktop.library.rotation import rotate
from pictopy_desktop.ui import messages
from pictopy_desktop.ui.context import AppContext
from pictopy_desktop.ui.core_texts import translated
from pictopy_desktop.ui.qt import QApplication, QImage, QTransform
from pictopy_desktop.ui.translations import n_, translate, trash_name

log = logging.getLogger(__name__)

# What a delete or its undo changes: the photo leaves (or returns to) every gallery,
# album, person and the "Recently removed" list.
TRASH_CHANGES = OpChanges(
    photos=True, people=True, tags=True, albums=True, favourites=True, trash=True
)


def rotate_photos(
    ctx: AppContext,
    image_ids: list[int],
    quarter_turns: int,
    on_done: Callable[[], None] | None = None,
) -> None:
    """Turn photos by ``quarter_turns`` × 90° clockwise, in the library only (the files stay as they are)."""
    if not image_ids:
        return

    def done(_changes) -> None:
        ctx.images.forget("face:")  # covers cached by face id: made again, turned
        if on_done is not None:
            on_done()

    ctx.write(
        lambda: rotate(image_ids, quarter_turns),
        done,
        OpChanges().with_images(set(image_ids)),
        translate("pictopy", "Rotating failed"),
    )


def delete_photos(
    ctx: AppContext,
    image_ids: list[int],
    on_done: Callable[[PhotoTrashOutcome], None] | None = None,
) -> None:
    """Move the photos' files to the system trash; the notification offers Undo."""
    if not image_ids:
        return

    def done(outcome: PhotoTrashOutcome) -> None:
        report_deleted(ctx, outcome)
        if on_done is not None:
            on_done(outcome)

    ctx.write(
        lambda: trash_photos(image_ids),
        done,
        TRASH_CHANGES,
        translate("pictopy", "Deleting failed"),
    )


def report_deleted(ctx: AppContext, outcome: PhotoTrashOutcome) -> None:
    """One notification for a delete: what went (with Undo) and what stayed, with why."""
    if outcome.refused:
        lines = "\n".join(f"{display_path(p)}: {translated(why)}" for p, why in outcome.refused)
        n = len(outcome.refused)
        first = display_path(os.path.basename(outcome.refused[0][0]))
        messages.warning(
            translate("pictopy", "{name} was not moved to the {trash}: {reason}.").format(
                name=first, trash=trash_name(), reason=translated(outcome.refused[0][1])
            )
            if n == 1
            else n_("%Ln file(s) were not moved to the {trash}; see the details.", n).format(
                trash=trash_name()
            ),
            lines,
        )
    entries = outcome.trashed
    if entries:
        what = (
            display_path(entries[0].name) if len(entries) == 1 else n_("%Ln file(s)", len(entries))
        )
        messages.info(
            translate(
                "pictopy", "Moved {what} to the {trash}. “Recently removed” lists it."
            ).format(what=what, trash=trash_name()),
            action=(translate("pictopy", "Undo"), lambda: undo_delete(ctx, entries)),
        )


def undo_delete(ctx: AppContext, entries: list[trash.TrashEntry]) -> None:
    """Put deleted files back where they were (never over another file) with everything they had."""

    def op() -> list[str]:
        problems = []
        for entry in entries:
            try:
                trash.restore(entry.id)
            except trash.TrashError as exc:  # the user reads why; the others still come back
                problems.append(str(exc))
        return problems

    def done(problems: list[str]) -> None:
        if problems:
            messages.warning(
                translate("pictopy", "Not everything came back from the trash."),
                "\n".join(translated(p) for p in problems),
            )
        else:
            n = len(entries)
            what = display_path(entries[0].name) if n == 1 else n_("%Ln file(s)", n)
            messages.info(translate("pictopy", "Restored {what}.").format(what=what))

    ctx.write(op, done, TRASH_CHANGES, translate("pictopy", "Restoring failed"))


def copy_image(ctx: AppContext, path: str, rotation: int = 0, image: QImage | None = None) -> None:
    """Put the picture on the clipboard, turned as shown, for pasting into any program."""

    def put(img: QImage) -> None:
        # The image alone: a QMimeData handed to the clipboard from Python crashes the
        # interpreter's exit (PySide6 6.11), so no file URL goes with it.
        QApplication.clipboard().setImage(img)
        messages.info(
            translate("pictopy", "Copied {name}.").format(name=display_path(os.path.basename(path)))
        )

    if image is not None and not image.isNull():
        put(image)
        return

    def load() -> QImage:
        from pictopy_desktop.workers.images import read_full_image  # in the worker

        img = read_full_image(path)
        return img.transformed(QTransform().rotate(rotation)) if rotation % 360 else img

    ctx.read(
        load,
        put,
        on_failure=lambda exc: messages.warning(
            translate("pictopy", "Could not copy {name}: {reason}").format(
                name=display_path(os.path.basename(path)), reason=exc
            )
        ),
    )
