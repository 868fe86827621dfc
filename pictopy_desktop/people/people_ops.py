"""What the user does to people: rename, merge, move a face, "not a face", hide, cover, name, confirm, reject.

Each operation is one transaction on the bound library database (the tables of
``storage/tables.py``), records one step of the undo journal (``undo_journal.py``)
and returns what it changed (``OpChanges``, or an ``OpResult`` with its answer). The
CLI and the GUI's workers both call these functions; none of them imports Qt.

Rules that make the user's word stick (the re-cluster honours them too):

* a face the user put somewhere is ``confirmed`` and stays with that person;
* a face the user took out of a person gets a ``FaceExclusion`` and never goes back;
* "not a face" sets ``ignored``: the face leaves every person and is never clustered;
* person ids are never reused, so undo can bring a deleted person back under its id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from peewee import fn

from pictopy_desktop.library.changes import NO_CHANGES, OpChanges, OpResult
from pictopy_desktop.people.people_store import (
    PeopleError,
    face_or_error,
    is_empty,
    new_person,
    person_or_error,
    refresh_covers,
    write_transaction,
)
from pictopy_desktop.people.undo_journal import UndoStep
from pictopy_desktop.storage.tables import Face, FaceExclusion, Person, UndoEntry


def person_label(person: Person) -> str:
    """How messages name a person: their name, else "Person N"."""
    return person.name if person.name else f"Person {person.id}"


def _label_of(person_id: int | None) -> str:
    """The name shown for a person id; "Unknown" for no person."""
    if person_id is None:
        return "Unknown"
    person = Person.get_or_none(Person.id == person_id)
    return f"Person {person_id}" if person is None else person_label(person)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _and(labels: Iterable[str]) -> str:
    items = list(labels)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _photo_count(face_ids: Sequence[int]) -> int:
    """How many photos the faces ``face_ids`` are in."""
    images: set[int] = set()
    for i in range(0, len(face_ids), 500):
        images.update(
            r[0]
            for r in Face.select(Face.image)
            .where(Face.id.in_(list(face_ids[i : i + 500])))
            .tuples()
        )
    return len(images)


def _clean_name(name: str) -> str:
    name = " ".join(str(name).split())
    if not name:
        raise PeopleError("A name cannot be empty.")
    if len(name) > 200:
        raise PeopleError("A name can be at most 200 characters long.")
    return name


def _add_exclusion(undo: UndoStep, face_id: int, person_id: int) -> None:
    if (
        not FaceExclusion.select()
        .where((FaceExclusion.face == face_id) & (FaceExclusion.person == person_id))
        .exists()
    ):
        FaceExclusion.insert(face=face_id, person=person_id).execute()
        undo.exclusions_added.append((face_id, person_id))


def _remove_exclusion(undo: UndoStep, face_id: int, person_id: int) -> None:
    n = (
        FaceExclusion.delete()
        .where((FaceExclusion.face == face_id) & (FaceExclusion.person == person_id))
        .execute()
    )
    if n:
        undo.exclusions_removed.append((face_id, person_id))


def _delete_person(undo: UndoStep, person: Person) -> None:
    """Delete a person, remembering it and the exclusions that go with it."""
    undo.person(person)
    for ex in FaceExclusion.select().where(FaceExclusion.person == person.id):
        if (ex.face_id, person.id) in undo.exclusions_added:
            undo.exclusions_added.remove((ex.face_id, person.id))
        else:
            undo.exclusions_removed.append((ex.face_id, person.id))
    for face in Face.select().where(Face.person == person.id):
        undo.face(face)
    Person.delete().where(Person.id == person.id).execute()


def drop_if_empty(undo: UndoStep, person_id: int | None) -> None:
    """An unnamed, visible person left without faces is deleted (undo brings it back)."""
    if person_id is None:
        return
    person = Person.get_or_none(Person.id == person_id)
    if person is not None and not person.user_named and not person.hidden and is_empty(person_id):
        _delete_person(undo, person)


def put_face(undo: UndoStep, face: Face, person_id: int) -> None:
    """Move ``face`` into ``person_id`` as the user's choice (confirmed; exclusion from the old one)."""
    undo.face(face)
    old = face.person_id
    if old is not None and old != person_id:
        old_person = Person.get_or_none(Person.id == old)
        if old_person is not None:
            undo.person(old_person)
            _add_exclusion(undo, face.id, old)
    _remove_exclusion(undo, face.id, person_id)
    Face.update(person=person_id, confirmed=True, ignored=False).where(Face.id == face.id).execute()
    if old is not None and old != person_id:
        refresh_covers([old])
        drop_if_empty(undo, old)


def rename_person(person_id: int, name: str) -> OpChanges:
    """Give ``person_id`` the name ``name`` (trimmed; must not be empty). Undoable."""
    with write_transaction():
        person = person_or_error(person_id)
        name = _clean_name(name)
        undo = UndoStep()
        undo.person(person)
        old = person_label(person)
        Person.update(name=name, user_named=True).where(Person.id == person.id).execute()
        return undo.save(f"Renamed {old} to {name}").changes


def merge_people(target_id: int, other_ids: Sequence[int]) -> OpResult[int]:
    """Move every face of ``other_ids`` into ``target_id`` and delete the others. Undoable.

    The faces of the merged person become confirmed, so a re-cluster keeps them
    together. An unnamed target takes the name of the first named other person.
    Returns ``target_id`` (``value``) and what changed.
    """
    with write_transaction():
        target = person_or_error(target_id)
        others = []
        for oid in dict.fromkeys(int(o) for o in other_ids):
            if oid == target.id:
                continue
            others.append(person_or_error(oid))
        if not others:
            raise PeopleError("Merging needs at least one other person than the target.")
        undo = UndoStep()
        undo.split = {"target": target.id, "others": [o.id for o in others]}
        undo.person(target)
        for face in Face.select().where((Face.person == target.id) & (Face.ignored == False)):
            undo.face(face)
        moved_ids: list[int] = []
        for other in others:
            undo.person(other)
            for face in Face.select().where(Face.person == other.id):
                undo.face(face)
                moved_ids.append(face.id)
        # Exclusions from an absorbed person carry over to the target, except for faces
        # that are (or now become) the target's: the user took such a face out of the
        # absorbed person and put it where it is now, so it must not be evicted from there.
        members = {f.id for f in Face.select(Face.id).where(Face.person == target.id)} | set(
            moved_ids
        )
        for other in others:
            for ex in FaceExclusion.select().where(FaceExclusion.person == other.id):
                if ex.face_id not in members:
                    _add_exclusion(undo, ex.face_id, target.id)
        for i in range(0, len(moved_ids), 500):
            Face.update(person=target.id).where(Face.id.in_(moved_ids[i : i + 500])).execute()
        Face.update(confirmed=True).where(
            (Face.person == target.id) & (Face.ignored == False)
        ).execute()
        # Faces that the user once took out of the target stay out, merge or not.
        excluded = [
            ex.face_id
            for ex in FaceExclusion.select().where(FaceExclusion.person == target.id)
            if ex.face_id in set(moved_ids)
        ]
        if excluded:
            Face.update(person=None, confirmed=False).where(Face.id.in_(excluded)).execute()
        if not target.user_named:
            named = next((o for o in others if o.user_named and o.name), None)
            if named is not None:
                Person.update(name=named.name, user_named=True).where(
                    Person.id == target.id
                ).execute()
        if target.hidden and not all(o.hidden for o in others):
            Person.update(hidden=False).where(Person.id == target.id).execute()
        for other in others:
            _delete_person(undo, other)
        refresh_covers([target.id])
        target_label = person_label(Person.get_by_id(target.id))
        moved_photos = _photo_count(sorted(set(moved_ids) - set(excluded)))
        saved = undo.save(
            f"Merged {_count(moved_photos, 'photo')} of {_and(person_label(o) for o in others)} into {target_label}"
        )
        return OpResult(target.id, saved.changes)


def move_face(face_id: int, person_id: int | None) -> OpResult[int]:
    """Put a face with ``person_id`` (None: a new unnamed person). Undoable.

    The face becomes confirmed there, and is never re-clustered back into the person
    it left. Returns the id of the person the face is now with (``value``) and what changed.
    """
    with write_transaction():
        face = face_or_error(face_id)
        undo = UndoStep()
        if person_id is None:
            person = new_person(cover_face_id=face.id)
            undo.created_people.append(person.id)
        else:
            person = person_or_error(person_id)
            undo.person(person)
        if face.person_id == person.id and face.confirmed and not face.ignored:
            return OpResult(person.id, NO_CHANGES)
        before = _label_of(face.person_id)
        put_face(undo, face, person.id)
        refresh_covers([person.id])
        saved = undo.save(f"Moved a face from {before} to {person_label(person)}")
        return OpResult(person.id, saved.changes)


def remove_face(face_id: int) -> OpChanges:
    """Mark a detection as "not a face": it leaves its person and is never clustered. Undoable."""
    with write_transaction():
        face = face_or_error(face_id)
        if face.ignored:
            return NO_CHANGES
        undo = UndoStep()
        undo.face(face)
        old = face.person_id
        description = f"Marked a face of {_label_of(old)} as not a face"
        if old is not None:
            person = Person.get_or_none(Person.id == old)
            if person is not None:
                undo.person(person)
        Face.update(ignored=True, person=None, confirmed=False).where(Face.id == face.id).execute()
        if old is not None:
            refresh_covers([old])
            drop_if_empty(undo, old)
        return undo.save(description).changes


def set_hidden(person_id: int, hidden: bool) -> OpChanges:
    """Hide a person from the people view (or show them again). Undoable."""
    with write_transaction():
        person = person_or_error(person_id)
        if bool(person.hidden) == bool(hidden):
            return NO_CHANGES
        undo = UndoStep()
        undo.person(person)
        Person.update(hidden=bool(hidden)).where(Person.id == person.id).execute()
        return undo.save(
            f"Hid {person_label(person)}" if hidden else f"Showed {person_label(person)} again"
        ).changes


def set_cover_face(person_id: int, face_id: int) -> OpChanges:
    """Show ``face_id`` as the person's picture; it must be one of their faces. Undoable."""
    with write_transaction():
        person = person_or_error(person_id)
        face = face_or_error(face_id)
        if face.person_id != person.id or face.ignored:
            raise PeopleError(f"Face {face.id} is not one of {person_label(person)}'s faces.")
        undo = UndoStep()
        undo.person(person)
        Person.update(cover_face_id=face.id).where(Person.id == person.id).execute()
        return undo.save(f"Changed the picture of {person_label(person)}").changes


def name_face(face_id: int, name: str) -> OpResult[int]:
    """Give one face a name. Undoable.

    A face of an unnamed (visible) person names that whole person, as in Google Photos:
    the group is renamed, or merged into the named person already called ``name``; to
    take one face out of a group, move it (``move_face``). Any other face joins the
    named person called ``name`` (exact name first, then ignoring case) or, if there is
    none, becomes a new named person on its own: a person seen in a single photo can be
    named, and later faces of them join by similarity. The face is confirmed there and
    never goes back to the person it left. Returns the person id (``value``) and what changed.
    """
    with write_transaction():
        face = face_or_error(face_id)
        name = _clean_name(name)
        undo = UndoStep()
        person = (
            Person.get_or_none((Person.name == name) & (Person.user_named == True))
            or Person.select()
            .where((fn.LOWER(Person.name) == name.lower()) & (Person.user_named == True))
            .order_by(Person.id)
            .first()
        )
        group = (
            Person.get_or_none(Person.id == face.person_id) if face.person_id is not None else None
        )
        if group is not None and not group.user_named and not group.hidden and not face.ignored:
            if person is not None:
                return OpResult(person.id, merge_people(person.id, [group.id]).changes)
            undo.person(group)
            undo.face(face)
            Person.update(name=name, user_named=True).where(Person.id == group.id).execute()
            Face.update(confirmed=True).where(Face.id == face.id).execute()
            saved = undo.save(f"Named {person_label(group)} {name}")
            return OpResult(group.id, saved.changes)
        if person is None:
            person = new_person(name=name, user_named=True, cover_face_id=face.id)
            undo.created_people.append(person.id)
        else:
            undo.person(person)
            if face.person_id == person.id and face.confirmed and not face.ignored:
                return OpResult(person.id, NO_CHANGES)
        before = _label_of(face.person_id)
        put_face(undo, face, person.id)
        refresh_covers([person.id])
        was = "" if before == "Unknown" else f" (was {before})"
        saved = undo.save(f"Named a face {person_label(person)}{was}")
        return OpResult(person.id, saved.changes)


def confirm_face(face_id: int, person_id: int) -> OpResult[str]:
    """The user said yes to "Is this <person>?". One undoable step; returns its description and changes.

    An Unknown face joins ``person_id`` (confirmed). A face of an unnamed person (a
    small group) brings that whole group along, as a merge. A face already there is
    confirmed in place.
    """
    with write_transaction():
        face = face_or_error(face_id)
        person = person_or_error(person_id)
        if face.ignored:
            raise PeopleError(f"Face {face.id} was marked as not a face.")
        current = (
            Person.get_or_none(Person.id == face.person_id) if face.person_id is not None else None
        )
        if current is not None and current.id != person.id:
            if current.user_named:
                raise PeopleError(
                    f"That face is already {person_label(current)}; move it to {person_label(person)} instead."
                )
            merged = merge_people(person.id, [current.id])
            description = UndoEntry.select().order_by(UndoEntry.id.desc()).first().description
            return OpResult(str(description), merged.changes)
        undo = UndoStep()
        undo.person(person)
        put_face(undo, face, person.id)
        refresh_covers([person.id])
        return undo.save(f"Added {_count(1, 'photo')} to {person_label(person)}")


def reject_face(face_id: int, person_id: int) -> OpResult[str]:
    """The user said no to "Is this <person>?". One undoable step; returns its description and changes.

    Records a cannot-link (``FaceExclusion``) so the face is never suggested for, nor
    clustered into, that person again. For a face of an unnamed person (a small group)
    the whole group is kept apart from ``person_id``; a face that is in ``person_id``
    leaves it and becomes Unknown.
    """
    with write_transaction():
        face = face_or_error(face_id)
        person = person_or_error(person_id)
        undo = UndoStep()
        undo.person(person)
        current = (
            Person.get_or_none(Person.id == face.person_id) if face.person_id is not None else None
        )
        if current is not None and current.id == person.id:
            undo.face(face)
            _add_exclusion(undo, face.id, person.id)
            Face.update(person=None, confirmed=False).where(Face.id == face.id).execute()
            refresh_covers([person.id])
            return undo.save(f"Took a face out of {person_label(person)}")
        if current is not None and not current.user_named:
            group = [
                f.id
                for f in Face.select(Face.id).where(
                    (Face.person == current.id) & (Face.ignored == False)
                )
            ]
            for fid in group:
                _add_exclusion(undo, fid, person.id)
            return undo.save(f"Kept {person_label(current)} apart from {person_label(person)}")
        _add_exclusion(undo, face.id, person.id)
        return undo.save(f"Marked a face as not {person_label(person)}")
