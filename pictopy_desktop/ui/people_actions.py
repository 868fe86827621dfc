"""User actions on people and faces, shared by the People views and the viewer.

Every action runs the people operations on the writer thread and then broadcasts the
``OpChanges`` they return (with ``people``, and ``photos`` where galleries depend on it),
so every open view shows the change at once. The people modules are imported inside the
worker op, so the UI loads even where they are absent.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pictopy_desktop.library.changes import NO_CHANGES, OpChanges, OpResult
from pictopy_desktop.library.read_model import FaceRow, PersonRow
from pictopy_desktop.ui import messages
from pictopy_desktop.ui.context import AppContext
from pictopy_desktop.ui.merge_dialog import MergeDialog, merge_summary
from pictopy_desktop.ui.person_chooser import Choice, PersonChooser, choose_person, exact_match
from pictopy_desktop.ui.qt import QMenu, Qt, QWidget
from pictopy_desktop.ui.translations import n_, translate

NAME_CHANGES = OpChanges(people=True)
PEOPLE_CHANGES = OpChanges(people=True, photos=True)
# An undo or redo may take back any people edit, an album change or an import.
UNDO_CHANGES = OpChanges(people=True, photos=True, albums=True)


def _service():
    from pictopy_desktop.people import people_ops

    return people_ops


def _journal():
    from pictopy_desktop.people import undo_journal

    return undo_journal


def rename_person(
    ctx: AppContext, person_id: int, name: str, on_done: Callable | None = None
) -> None:
    name = name.strip()
    if not name:
        messages.warning(translate("pictopy", "A name can't be empty."))
        ctx.broadcast(NAME_CHANGES)  # show the true name again
        return
    ctx.write(
        lambda: _service().rename_person(person_id, name),
        on_done,
        NAME_CHANGES,
        translate("pictopy", "Renaming failed"),
    )


def merge_people(
    ctx: AppContext, target_id: int, other_ids: Sequence[int], on_done: Callable | None = None
) -> None:
    """Merge ``other_ids`` into ``target_id``; the message counts the photos that moved, by name."""
    others = [i for i in dict.fromkeys(other_ids) if i != target_id]
    if not others:
        return
    rows = {p.id: p for p in ctx.people}
    known = [rows[i] for i in others if i in rows]
    target = rows.get(target_id)

    def done(result) -> None:
        if target is not None and len(known) == len(others):
            _, what = merge_summary(target, known)
            messages.info(
                translate("pictopy", "Merged {what} into {name}. Ctrl+Z undoes it.").format(
                    what=what, name=target.name or translate("pictopy", "one person")
                )
            )
        else:
            messages.info(n_("Merged %Ln people. Ctrl+Z undoes it.", len(others) + 1))
        if on_done:
            on_done(result)

    ctx.write(
        lambda: _service().merge_people(target_id, others),
        done,
        PEOPLE_CHANGES,
        translate("pictopy", "Merging failed"),
    )


def move_face(
    ctx: AppContext, face_id: int, person_id: int | None, on_done: Callable | None = None
) -> None:
    ctx.write(
        lambda: _service().move_face(face_id, person_id),
        on_done,
        PEOPLE_CHANGES,
        translate("pictopy", "Moving the face failed"),
    )


def remove_face(ctx: AppContext, face_id: int, on_done: Callable | None = None) -> None:
    ctx.write(
        lambda: _service().remove_face(face_id),
        on_done,
        PEOPLE_CHANGES,
        translate("pictopy", "Removing the face failed"),
    )


def name_face(ctx: AppContext, face_id: int, name: str, on_done: Callable | None = None) -> None:
    name = name.strip()
    if not name:
        return
    ctx.write(
        lambda: _service().name_face(face_id, name),
        on_done,
        PEOPLE_CHANGES,
        translate("pictopy", "Naming the face failed"),
    )


def answer_suggestion(
    ctx: AppContext, face_id: int, person_id: int, yes: bool, on_done: Callable | None = None
) -> None:
    """ "Is this Alice?": yes puts the face with her, no keeps it from being suggested for her again.

    Each answer is one undoable step (Ctrl+Z); the undo message says what it was.
    """

    def op():
        from pictopy_desktop.people import suggestions

        if yes:
            return suggestions.confirm_suggestion(face_id, person_id)
        return suggestions.reject_suggestion(face_id, person_id)

    ctx.write(
        op,
        on_done,
        PEOPLE_CHANGES,
        translate("pictopy", "Confirming the face failed")
        if yes
        else translate("pictopy", "Rejecting the suggestion failed"),
    )


def regroup_faces(ctx: AppContext) -> None:
    """Re-cluster now, in the background; refused with a message while indexing holds the library."""
    library = ctx.library

    def op():
        from pictopy_desktop.people.recluster import recluster

        with library.write_lock():
            return recluster(library)

    def done(report) -> None:
        messages.info(
            translate(
                "pictopy", "Faces regrouped: {people} ({named} named), {unknown} still unknown."
            ).format(
                people=n_("%Ln person(s)", report.people),
                named=report.named_people,
                unknown=n_("%Ln face(s)", report.unknown_faces),
            )
        )

    ctx.write(op, done, PEOPLE_CHANGES, translate("pictopy", "Regrouping faces failed"))


def set_hidden(ctx: AppContext, person_id: int, hidden: bool) -> None:
    ctx.write(
        lambda: _service().set_hidden(person_id, hidden),
        None,
        NAME_CHANGES,
        translate("pictopy", "Hiding failed"),
    )


def set_cover(ctx: AppContext, person_id: int, face_id: int) -> None:
    ctx.images.forget(f"cover:{person_id}")
    ctx.write(
        lambda: _service().set_cover_face(person_id, face_id),
        None,
        NAME_CHANGES,
        translate("pictopy", "Setting the cover failed"),
    )


def undo(ctx: AppContext) -> None:
    def done(result: OpResult[str | None]) -> None:
        description = result.value
        if description:
            messages.info(translate("pictopy", "Undone: {what}").format(what=description))
        else:
            messages.info(translate("pictopy", "Nothing to undo."))

    ctx.write(
        lambda: _journal().undo_last(), done, UNDO_CHANGES, translate("pictopy", "Undo failed")
    )


def redo(ctx: AppContext) -> None:
    """Put back what the last undo took back; the message says what, by name."""

    def done(result: OpResult[str | None]) -> None:
        description = result.value
        messages.info(
            translate("pictopy", "Redone: {what}").format(what=description)
            if description
            else translate("pictopy", "Nothing to redo.")
        )

    ctx.write(
        lambda: _journal().redo_last(), done, UNDO_CHANGES, translate("pictopy", "Redo failed")
    )


# ------------------------------------------------------------------ dialogs and menus


def confirm_merge(
    ctx: AppContext,
    parent: QWidget,
    target: PersonRow,
    others: Sequence[PersonRow],
    on_done: Callable | None = None,
) -> MergeDialog:
    """Ask "Same person?" with both covers and the real counts; merge when the user says so."""
    dialog = MergeDialog(ctx, parent, target, others)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: merge_people(ctx, target.id, [o.id for o in others], on_done))
    dialog.open()
    return dialog


def name_person(
    ctx: AppContext, parent: QWidget, person: PersonRow, name: str, on_done: Callable | None = None
) -> None:
    """Give ``person`` a name; a name someone else already has means the same person: ask to merge."""
    name = " ".join(name.split())
    if not name or name == (person.name or ""):
        ctx.broadcast(NAME_CHANGES)  # show the true name again
        return
    same = exact_match([p for p in ctx.people if p.id != person.id], name)
    if same is not None:
        confirm_merge(ctx, parent, same, [person], on_done).rejected.connect(
            lambda: ctx.broadcast(NAME_CHANGES)
        )
    else:
        rename_person(ctx, person.id, name, on_done)


def ask_person_name(
    ctx: AppContext,
    parent: QWidget,
    person: PersonRow,
    on_done: Callable | None = None,
    face: FaceRow | None = None,
) -> PersonChooser:
    """ "Who is this?" for a whole person, showing ``face`` (else their cover); an existing name
    merges (after asking)."""

    def chosen(choice: Choice) -> None:
        if choice.person_id is not None:
            target = next((p for p in ctx.people if p.id == choice.person_id), None)
            if target is not None:
                confirm_merge(ctx, parent, target, [person], on_done)
        elif choice.name:
            name_person(ctx, parent, person, choice.name, on_done)

    faces = (
        [face]
        if face is not None
        else [person.cover_face_id]
        if person.cover_face_id is not None
        else []
    )
    return choose_person(
        ctx,
        parent,
        translate("pictopy", "Add a name"),
        translate("pictopy", "Who is this?"),
        chosen,
        faces=faces,
        exclude=[person.id],
        ok_text=translate("pictopy", "Name"),
    )


def ask_merge_into(
    ctx: AppContext, parent: QWidget, person: PersonRow, on_done: Callable | None = None
) -> PersonChooser:
    """Pick the person that ``person`` really is, then confirm the merge."""

    def chosen(choice: Choice) -> None:
        target = next((p for p in ctx.people if p.id == choice.person_id), None)
        if target is not None:
            confirm_merge(ctx, parent, target, [person], on_done)

    faces = [person.cover_face_id] if person.cover_face_id is not None else []
    return choose_person(
        ctx,
        parent,
        translate("pictopy", "Merge into"),
        translate("pictopy", "Who is {name} really?").format(name=person.name)
        if person.name
        else translate("pictopy", "Who is this really?"),
        chosen,
        faces=faces,
        allow_new=False,
        exclude=[person.id],
        ok_text=translate("pictopy", "Choose"),
    )


def ask_face_person(
    ctx: AppContext,
    parent: QWidget,
    faces: Sequence[FaceRow | int],
    current_person: int | None,
    on_done: Callable | None = None,
    move: bool = False,
) -> PersonChooser:
    """ "Who is this?" (or "Move to") for faces, showing them: a person, a new name, or a new person."""
    face_ids = [f.id if isinstance(f, FaceRow) else int(f) for f in faces]

    def chosen(choice: Choice) -> None:
        assign_faces(ctx, face_ids, choice, on_done)

    n = len(face_ids)
    if move:
        title = translate("pictopy", "Move to")
        prompt = n_("Move %Ln face(s) to…", n)
    else:
        title = translate("pictopy", "Name")
        prompt = (
            translate("pictopy", "Who is this?") if n == 1 else n_("Who are these %Ln face(s)?", n)
        )
    exclude = [current_person] if current_person is not None else []
    return choose_person(
        ctx,
        parent,
        title,
        prompt,
        chosen,
        faces=list(faces),
        exclude=exclude,
        ok_text=translate("pictopy", "Move") if move else translate("pictopy", "Name"),
        new_first=not move,
    )


def assign_faces(
    ctx: AppContext, face_ids: Sequence[int], choice: Choice, on_done: Callable | None = None
) -> None:
    """Put faces with the chosen person: an existing one, a new named one, or a new unnamed one."""
    face_ids = list(face_ids)
    if not face_ids:
        return

    def op() -> OpResult[int | None]:
        service = _service()
        changes = NO_CHANGES
        person: int | None
        if choice.person_id is not None:
            person = choice.person_id
            for face_id in face_ids:
                changes |= service.move_face(face_id, person).changes
        elif choice.name:
            person = None
            for face_id in face_ids:
                named = service.name_face(face_id, choice.name)
                person, changes = named.value, changes | named.changes
        else:
            first = service.move_face(face_ids[0], None)
            person, changes = first.value, first.changes
            for face_id in face_ids[1:]:
                changes |= service.move_face(face_id, person).changes
        return OpResult(person, changes)

    ctx.write(
        op,
        on_done,
        PEOPLE_CHANGES,
        translate("pictopy", "Moving the faces failed")
        if len(face_ids) > 1
        else translate("pictopy", "Moving the face failed"),
    )


def add_face_actions(
    menu: QMenu,
    ctx: AppContext,
    parent: QWidget,
    face: FaceRow | int,
    person_id: int | None,
    on_done: Callable | None = None,
) -> None:
    """Name / move / remove actions for one face (viewer, person page, unknown faces)."""
    face_id = face.id if isinstance(face, FaceRow) else int(face)
    name_act = menu.addAction(
        translate("pictopy", "Who is this?…")
        if person_id is None
        else translate("pictopy", "This is someone else…")
    )
    name_act.triggered.connect(lambda: ask_face_person(ctx, parent, [face], person_id, on_done))
    move = menu.addAction(translate("pictopy", "Move to…"))
    move.setToolTip(translate("pictopy", "Choose the person this face belongs to"))
    move.triggered.connect(
        lambda: ask_face_person(ctx, parent, [face], person_id, on_done, move=True)
    )
    if person_id is not None:
        cover = menu.addAction(translate("pictopy", "Use as cover photo"))
        cover.triggered.connect(lambda: set_cover(ctx, person_id, face_id))
    menu.addSeparator()
    rm = menu.addAction(
        translate("pictopy", "Not this person")
        if person_id is not None
        else translate("pictopy", "Not a face")
    )
    rm.setToolTip(
        translate(
            "pictopy", "Take the face out of this person; it will not be put back by re-clustering"
        )
    )
    rm.triggered.connect(lambda: remove_face(ctx, face_id, on_done))
