"""User actions on people and faces, shared by the People views and the viewer.

Every action runs the people service on the writer thread and then announces
``people_changed`` (and ``images_changed`` where galleries depend on it), so every
open view shows the change at once. The people service is imported inside the worker
op, so the UI loads even where it is absent.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pictopy_desktop.ui import messages
from pictopy_desktop.ui.context import AppContext
from pictopy_desktop.ui.qt import QInputDialog, QLineEdit, QMenu, QWidget

PEOPLE_CHANGES = ("people_changed", "images_changed")


def _service():
    from pictopy_desktop.people import people_service

    return people_service


def rename_person(ctx: AppContext, person_id: int, name: str, on_done: Callable | None = None) -> None:
    name = name.strip()
    if not name:
        messages.warning("A name can't be empty.")
        ctx.events.people_changed.emit()
        return
    ctx.write(lambda: _service().rename_person(person_id, name), on_done, ("people_changed",), "Renaming failed")


def merge_people(ctx: AppContext, target_id: int, other_ids: Sequence[int], on_done: Callable | None = None) -> None:
    others = [i for i in other_ids if i != target_id]
    if not others:
        return

    def done(moved) -> None:
        messages.info(f"Merged {len(others) + 1} people ({moved} faces moved). Ctrl+Z undoes it.")
        if on_done:
            on_done(moved)

    ctx.write(lambda: _service().merge_people(target_id, others), done, PEOPLE_CHANGES, "Merging failed")


def move_face(ctx: AppContext, face_id: int, person_id: int | None, on_done: Callable | None = None) -> None:
    ctx.write(lambda: _service().move_face(face_id, person_id), on_done, PEOPLE_CHANGES, "Moving the face failed")


def remove_face(ctx: AppContext, face_id: int, on_done: Callable | None = None) -> None:
    ctx.write(lambda: _service().remove_face(face_id), on_done, PEOPLE_CHANGES, "Removing the face failed")


def name_face(ctx: AppContext, face_id: int, name: str, on_done: Callable | None = None) -> None:
    name = name.strip()
    if not name:
        return
    ctx.write(lambda: _service().name_face(face_id, name), on_done, PEOPLE_CHANGES, "Naming the face failed")


def regroup_faces(ctx: AppContext) -> None:
    """Re-cluster now, in the background; refused with a message while indexing holds the library."""
    library = ctx.library

    def op():
        from pictopy_desktop.people.recluster import recluster

        with library.write_lock():
            return recluster(library)

    def done(report) -> None:
        messages.info(
            f"Faces regrouped: {report.people} people ({report.named_people} named), "
            f"{report.unknown_faces} faces still unknown."
        )

    ctx.write(op, done, PEOPLE_CHANGES, "Regrouping faces failed")


def set_hidden(ctx: AppContext, person_id: int, hidden: bool) -> None:
    ctx.write(lambda: _service().set_hidden(person_id, hidden), None, ("people_changed",), "Hiding failed")


def set_cover(ctx: AppContext, person_id: int, face_id: int) -> None:
    ctx.images.forget(f"cover:{person_id}")
    ctx.write(lambda: _service().set_cover_face(person_id, face_id), None, ("people_changed",), "Setting the cover failed")


def undo(ctx: AppContext) -> None:
    def done(description) -> None:
        if description:
            messages.info(f"Undone: {description}")
        else:
            messages.info("Nothing to undo.")

    ctx.write(lambda: _service().undo_last(), done, PEOPLE_CHANGES + ("albums_changed",), "Undo failed")


# ------------------------------------------------------------------ dialogs and menus


def ask_name(parent: QWidget, title: str, current: str = "", ctx: AppContext | None = None) -> str | None:
    """A small name prompt; known names are offered for completion."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText("Name:")
    dialog.setTextValue(current)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    if ctx is not None:
        names = sorted({p.name for p in ctx.people if p.name})
        if names:
            dialog.setComboBoxItems([current] + [n for n in names if n != current] if current else [""] + names)
            dialog.setComboBoxEditable(True)
    if dialog.exec():
        return dialog.textValue().strip() or None
    return None


def add_face_actions(menu: QMenu, ctx: AppContext, parent: QWidget, face_id: int, person_id: int | None,
                     on_done: Callable | None = None) -> None:
    """Name / move / remove actions for one face (viewer, person page, unknown faces)."""
    name_act = menu.addAction("Name this face…" if person_id is None else "This is someone else…")
    name_act.triggered.connect(lambda: _name_face_prompt(ctx, parent, face_id, on_done))
    move = menu.addMenu("Move to")
    for pid, name in _people_choices(ctx):
        if pid == person_id:
            continue
        act = move.addAction(name)
        act.triggered.connect(lambda _=False, pid=pid: move_face(ctx, face_id, pid, on_done))
    move.addSeparator()
    new = move.addAction("New person")
    new.triggered.connect(lambda: move_face(ctx, face_id, None, on_done))
    if person_id is not None:
        cover = menu.addAction("Use as cover photo")
        cover.triggered.connect(lambda: set_cover(ctx, person_id, face_id))
    menu.addSeparator()
    rm = menu.addAction("Not this person" if person_id is not None else "Not a face")
    rm.setToolTip("Take the face out of this person; it will not be put back by re-clustering")
    rm.triggered.connect(lambda: remove_face(ctx, face_id, on_done))


def _people_choices(ctx: AppContext) -> list[tuple[int, str]]:
    rows = sorted(ctx.people, key=lambda r: (not r.has_name, (r.name or "").lower(), r.id))
    return [(r.id, r.name or f"Unnamed person #{r.id}") for r in rows][:60]


def _name_face_prompt(ctx: AppContext, parent: QWidget, face_id: int, on_done: Callable | None) -> None:
    name = ask_name(parent, "Who is this?", "", ctx)
    if name:
        name_face(ctx, face_id, name, on_done)
