"""What the user does to people: rename, merge, move a face, "not a face", hide, cover, undo.

Each operation is one transaction on the bound library database (the tables of
``storage/tables.py``) and records one ``UndoEntry`` holding exactly what is needed
to put things back, so a wrong merge is split back face for face. The CLI and the
GUI's workers both call these functions; none of them imports Qt.

Rules that make the user's word stick (the re-cluster honours them too):

* a face the user put somewhere is ``confirmed`` and stays with that person;
* a face the user took out of a person gets a ``FaceExclusion`` and never goes back;
* "not a face" sets ``ignored``: the face leaves every person and is never clustered;
* person ids are never reused, so undo can bring a deleted person back under its id.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from peewee import fn

from pictopy_desktop.errors import PictoPyError
from pictopy_desktop.library.changes import NO_CHANGES, OpChanges, OpResult
from pictopy_desktop.people.face_quality import FaceQuality, is_good_face
from pictopy_desktop.storage.tables import (
    Album,
    AlbumImage,
    Face,
    FaceExclusion,
    Image,
    Meta,
    ObjectTag,
    Person,
    TagExclusion,
    UndoEntry,
    database_proxy,
)
from pictopy_desktop.storage.visibility import visible

# Meta keys shared by the people modules.
META_GENERATION = (
    "people_generation"  # bumped by every change of who is who, except new-face assignment
)
META_PHOTOS_SINCE_RECLUSTER = "photos_since_recluster"
META_LAST_RECLUSTER_AT = "last_recluster_at"  # time.time() of the last full re-cluster
META_LAST_RECLUSTER_SECONDS = "last_recluster_seconds"
META_MAX_PERSON_ID = "max_person_id"  # high-water mark: ids of deleted people are never reused
META_REDO = "people_redo"  # JSON list of undone operations that redo can put back, newest last

UNDO_KEEP = 200  # undo entries kept; older ones are dropped
REDO_KEEP = 50  # undone operations kept for redo


class PeopleError(PictoPyError):
    """A people operation could not be done; the message says why."""


class NoSuchPersonError(PeopleError):
    """The person id does not exist (any more)."""


class NoSuchFaceError(PeopleError):
    """The face id does not exist (any more)."""


# ----------------------------------------------------------------- small shared helpers


def meta_get(key: str, default: str | None = None) -> str | None:
    row = Meta.get_or_none(Meta.key == key)
    return default if row is None else row.value


def meta_set(key: str, value: object) -> None:
    Meta.insert(key=key, value=str(value)).on_conflict_replace().execute()


def meta_int(key: str, default: int = 0) -> int:
    try:
        return int(float(meta_get(key, str(default)) or default))
    except ValueError:
        return default


def meta_add(key: str, amount: int) -> int:
    value = meta_int(key) + amount
    meta_set(key, value)
    return value


def generation() -> int:
    """Changes whenever people change other than by new faces joining (cache key)."""
    return meta_int(META_GENERATION)


def bump_generation() -> None:
    meta_add(META_GENERATION, 1)


def write_transaction():
    """A write transaction that takes SQLite's write lock at once (no upgrade deadlocks)."""
    return database_proxy.atomic("IMMEDIATE")


def new_person(**fields: Any) -> Person:
    """Create a person with an id never used before (deleted ids stay retired for undo)."""
    top = max(meta_int(META_MAX_PERSON_ID), Person.select(fn.MAX(Person.id)).scalar() or 0)
    person_id = top + 1
    Person.insert(id=person_id, **fields).execute()
    meta_set(META_MAX_PERSON_ID, person_id)
    return Person.get_by_id(person_id)


def best_cover_face(person_id: int) -> int | None:
    """The face that shows a person best: confirmed first, then the largest, most certain."""
    row = (
        Face.select(Face.id)
        .where((Face.person == person_id) & (Face.ignored == False))
        .order_by(
            Face.confirmed.desc(),
            ((Face.x2 - Face.x1) * (Face.y2 - Face.y1) * Face.score).desc(),
            Face.id,
        )
        .first()
    )
    return None if row is None else row.id


def refresh_covers(person_ids: Iterable[int]) -> None:
    """Keep each person's cover if it is still one of their faces, else pick the best."""
    for pid in set(person_ids):
        person = Person.get_or_none(Person.id == pid)
        if person is None:
            continue
        cover = person.cover_face_id
        if cover is not None:
            still = Face.select(Face.id).where(
                (Face.id == cover) & (Face.person == pid) & (Face.ignored == False)
            )
            if still.exists():
                continue
        Person.update(cover_face_id=best_cover_face(pid)).where(Person.id == pid).execute()


def is_empty(person_id: int) -> bool:
    return (
        not Face.select(Face.id)
        .where((Face.person == person_id) & (Face.ignored == False))
        .exists()
    )


def _person(person_id: int) -> Person:
    person = Person.get_or_none(Person.id == int(person_id))
    if person is None:
        raise NoSuchPersonError(f"There is no person with id {person_id}.")
    return person


def _face(face_id: int) -> Face:
    face = Face.get_or_none(Face.id == int(face_id))
    if face is None:
        raise NoSuchFaceError(f"There is no face with id {face_id}.")
    return face


def _label(person: Person) -> str:
    return person.name if person.name else f"Person {person.id}"


def _label_of(person_id: int | None) -> str:
    """The name shown for a person id; "Unknown" for no person."""
    if person_id is None:
        return "Unknown"
    person = Person.get_or_none(Person.id == person_id)
    return f"Person {person_id}" if person is None else _label(person)


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


# ----------------------------------------------------------------- undo records


def _person_state(person: Person) -> dict[str, Any]:
    return {
        "id": person.id,
        "name": person.name,
        "user_named": bool(person.user_named),
        "cover_face_id": person.cover_face_id,
        "hidden": bool(person.hidden),
        "created_at": person.created_at.isoformat() if person.created_at else None,
    }


def _face_state(face: Face) -> dict[str, Any]:
    return {
        "id": face.id,
        "person": face.person_id,
        "confirmed": bool(face.confirmed),
        "ignored": bool(face.ignored),
    }


class _Undo:
    """Collects the before-state of what an operation touches."""

    def __init__(self) -> None:
        self.people: dict[int, dict[str, Any]] = {}
        self.faces: dict[int, dict[str, Any]] = {}
        self.created_people: list[int] = []
        self.exclusions_added: list[tuple[int, int]] = []
        self.exclusions_removed: list[tuple[int, int]] = []
        # An import (library/transfer.py) is one undo step: it also adds albums, album photos, favourites.
        self.albums_created: list[int] = []
        self.album_images_added: list[tuple[int, int]] = []
        self.favourites_set: list[int] = []
        # Object tags (the journal is shared: Ctrl+Z undoes a tag removal too).
        self.tags_removed: list[dict[str, Any]] = []  # ObjectTag rows deleted; undo puts them back
        self.tags_added: list[dict[str, Any]] = []  # ObjectTag rows inserted; undo deletes them
        self.tag_exclusions_added: list[tuple[int, str]] = []
        self.tag_exclusions_removed: list[tuple[int, str]] = []

    def person(self, person: Person) -> None:
        self.people.setdefault(person.id, _person_state(person))

    def face(self, face: Face) -> None:
        self.faces.setdefault(face.id, _face_state(face))

    def payload(self) -> dict[str, Any]:
        return {
            "people": list(self.people.values()),
            "faces": list(self.faces.values()),
            "created_people": self.created_people,
            "exclusions_added": self.exclusions_added,
            "exclusions_removed": self.exclusions_removed,
            "albums_created": self.albums_created,
            "album_images_added": self.album_images_added,
            "favourites_set": self.favourites_set,
            "tags_removed": self.tags_removed,
            "tags_added": self.tags_added,
            "tag_exclusions_added": self.tag_exclusions_added,
            "tag_exclusions_removed": self.tag_exclusions_removed,
        }

    def save(self, description: str) -> OpResult[str]:
        """Record the operation as one undo step (a new operation ends what redo could put back).

        Returns the step's description with what the operation changed.
        """
        payload = self.payload()
        _push_undo(description, payload)
        meta_set(META_REDO, "[]")
        bump_generation()
        return OpResult(description, payload_changes(payload))


def payload_changes(payload: dict[str, Any]) -> OpChanges:
    """What applying (or undoing) an undo payload changes: the kinds it holds and the photos it touches."""
    face_ids = [s["id"] for s in payload.get("faces", [])]
    people = bool(
        payload.get("people")
        or face_ids
        or payload.get("created_people")
        or payload.get("exclusions_added")
        or payload.get("exclusions_removed")
    )
    album_keys = ("albums_created", "album_images_added", "albums_removed", "album_images_removed")
    albums = any(payload.get(k) for k in album_keys)
    favourite_ids = list(payload.get("favourites_set", [])) + list(
        payload.get("favourites_cleared", [])
    )
    tag_rows = list(payload.get("tags_removed", [])) + list(payload.get("tags_added", []))
    tag_exclusions = list(payload.get("tag_exclusions_added", [])) + list(
        payload.get("tag_exclusions_removed", [])
    )
    image_ids = {int(i) for i in favourite_ids}
    image_ids |= {int(r["image"]) for r in tag_rows}
    image_ids |= {int(image_id) for image_id, _ in tag_exclusions}
    for i in range(0, len(face_ids), 500):
        image_ids.update(
            r[0] for r in Face.select(Face.image).where(Face.id.in_(face_ids[i : i + 500])).tuples()
        )
    changes = OpChanges(
        people=people,
        albums=albums,
        favourites=bool(favourite_ids),
        tags=bool(tag_rows or tag_exclusions),
    )
    return changes.with_images(image_ids) if image_ids else changes


def _push_undo(description: str, payload: dict[str, Any]) -> None:
    UndoEntry.create(description=description, payload=json.dumps(payload))
    old = UndoEntry.select(UndoEntry.id).order_by(UndoEntry.id.desc()).offset(UNDO_KEEP)
    UndoEntry.delete().where(UndoEntry.id.in_(old)).execute()


def _add_exclusion(undo: _Undo, face_id: int, person_id: int) -> None:
    if (
        not FaceExclusion.select()
        .where((FaceExclusion.face == face_id) & (FaceExclusion.person == person_id))
        .exists()
    ):
        FaceExclusion.insert(face=face_id, person=person_id).execute()
        undo.exclusions_added.append((face_id, person_id))


def _remove_exclusion(undo: _Undo, face_id: int, person_id: int) -> None:
    n = (
        FaceExclusion.delete()
        .where((FaceExclusion.face == face_id) & (FaceExclusion.person == person_id))
        .execute()
    )
    if n:
        undo.exclusions_removed.append((face_id, person_id))


def _delete_person(undo: _Undo, person: Person) -> None:
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


def _drop_if_empty(undo: _Undo, person_id: int | None) -> None:
    """An unnamed, visible person left without faces is deleted (undo brings it back)."""
    if person_id is None:
        return
    person = Person.get_or_none(Person.id == person_id)
    if person is not None and not person.user_named and not person.hidden and is_empty(person_id):
        _delete_person(undo, person)


def _put_face(undo: _Undo, face: Face, person_id: int) -> None:
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
        _drop_if_empty(undo, old)


# ----------------------------------------------------------------- operations


def rename_person(person_id: int, name: str) -> OpChanges:
    """Give ``person_id`` the name ``name`` (trimmed; must not be empty). Undoable."""
    with write_transaction():
        person = _person(person_id)
        name = _clean_name(name)
        undo = _Undo()
        undo.person(person)
        old = _label(person)
        Person.update(name=name, user_named=True).where(Person.id == person.id).execute()
        return undo.save(f"Renamed {old} to {name}").changes


def merge_people(target_id: int, other_ids: Sequence[int]) -> OpResult[int]:
    """Move every face of ``other_ids`` into ``target_id`` and delete the others. Undoable.

    The faces of the merged person become confirmed, so a re-cluster keeps them
    together. An unnamed target takes the name of the first named other person.
    Returns ``target_id`` (``value``) and what changed.
    """
    with write_transaction():
        target = _person(target_id)
        others = []
        for oid in dict.fromkeys(int(o) for o in other_ids):
            if oid == target.id:
                continue
            others.append(_person(oid))
        if not others:
            raise PeopleError("Merging needs at least one other person than the target.")
        undo = _Undo()
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
        target_label = _label(Person.get_by_id(target.id))
        moved_photos = _photo_count(sorted(set(moved_ids) - set(excluded)))
        saved = undo.save(
            f"Merged {_count(moved_photos, 'photo')} of {_and(_label(o) for o in others)} into {target_label}"
        )
        return OpResult(target.id, saved.changes)


def move_face(face_id: int, person_id: int | None) -> OpResult[int]:
    """Put a face with ``person_id`` (None: a new unnamed person). Undoable.

    The face becomes confirmed there, and is never re-clustered back into the person
    it left. Returns the id of the person the face is now with (``value``) and what changed.
    """
    with write_transaction():
        face = _face(face_id)
        undo = _Undo()
        if person_id is None:
            person = new_person(cover_face_id=face.id)
            undo.created_people.append(person.id)
        else:
            person = _person(person_id)
            undo.person(person)
        if face.person_id == person.id and face.confirmed and not face.ignored:
            return OpResult(person.id, NO_CHANGES)
        before = _label_of(face.person_id)
        _put_face(undo, face, person.id)
        refresh_covers([person.id])
        saved = undo.save(f"Moved a face from {before} to {_label(person)}")
        return OpResult(person.id, saved.changes)


def remove_face(face_id: int) -> OpChanges:
    """Mark a detection as "not a face": it leaves its person and is never clustered. Undoable."""
    with write_transaction():
        face = _face(face_id)
        if face.ignored:
            return NO_CHANGES
        undo = _Undo()
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
            _drop_if_empty(undo, old)
        return undo.save(description).changes


def set_hidden(person_id: int, hidden: bool) -> OpChanges:
    """Hide a person from the people view (or show them again). Undoable."""
    with write_transaction():
        person = _person(person_id)
        if bool(person.hidden) == bool(hidden):
            return NO_CHANGES
        undo = _Undo()
        undo.person(person)
        Person.update(hidden=bool(hidden)).where(Person.id == person.id).execute()
        return undo.save(
            f"Hid {_label(person)}" if hidden else f"Showed {_label(person)} again"
        ).changes


def set_cover_face(person_id: int, face_id: int) -> OpChanges:
    """Show ``face_id`` as the person's picture; it must be one of their faces. Undoable."""
    with write_transaction():
        person = _person(person_id)
        face = _face(face_id)
        if face.person_id != person.id or face.ignored:
            raise PeopleError(f"Face {face.id} is not one of {_label(person)}'s faces.")
        undo = _Undo()
        undo.person(person)
        Person.update(cover_face_id=face.id).where(Person.id == person.id).execute()
        return undo.save(f"Changed the picture of {_label(person)}").changes


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
        face = _face(face_id)
        name = _clean_name(name)
        undo = _Undo()
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
            saved = undo.save(f"Named {_label(group)} {name}")
            return OpResult(group.id, saved.changes)
        if person is None:
            person = new_person(name=name, user_named=True, cover_face_id=face.id)
            undo.created_people.append(person.id)
        else:
            undo.person(person)
            if face.person_id == person.id and face.confirmed and not face.ignored:
                return OpResult(person.id, NO_CHANGES)
        before = _label_of(face.person_id)
        _put_face(undo, face, person.id)
        refresh_covers([person.id])
        was = "" if before == "Unknown" else f" (was {before})"
        saved = undo.save(f"Named a face {_label(person)}{was}")
        return OpResult(person.id, saved.changes)


def confirm_face(face_id: int, person_id: int) -> OpResult[str]:
    """The user said yes to "Is this <person>?". One undoable step; returns its description and changes.

    An Unknown face joins ``person_id`` (confirmed). A face of an unnamed person (a
    small group) brings that whole group along, as a merge. A face already there is
    confirmed in place.
    """
    with write_transaction():
        face = _face(face_id)
        person = _person(person_id)
        if face.ignored:
            raise PeopleError(f"Face {face.id} was marked as not a face.")
        current = (
            Person.get_or_none(Person.id == face.person_id) if face.person_id is not None else None
        )
        if current is not None and current.id != person.id:
            if current.user_named:
                raise PeopleError(
                    f"That face is already {_label(current)}; move it to {_label(person)} instead."
                )
            merged = merge_people(person.id, [current.id])
            description = UndoEntry.select().order_by(UndoEntry.id.desc()).first().description
            return OpResult(str(description), merged.changes)
        undo = _Undo()
        undo.person(person)
        _put_face(undo, face, person.id)
        refresh_covers([person.id])
        return undo.save(f"Added {_count(1, 'photo')} to {_label(person)}")


def reject_face(face_id: int, person_id: int) -> OpResult[str]:
    """The user said no to "Is this <person>?". One undoable step; returns its description and changes.

    Records a cannot-link (``FaceExclusion``) so the face is never suggested for, nor
    clustered into, that person again. For a face of an unnamed person (a small group)
    the whole group is kept apart from ``person_id``; a face that is in ``person_id``
    leaves it and becomes Unknown.
    """
    with write_transaction():
        face = _face(face_id)
        person = _person(person_id)
        undo = _Undo()
        undo.person(person)
        current = (
            Person.get_or_none(Person.id == face.person_id) if face.person_id is not None else None
        )
        if current is not None and current.id == person.id:
            undo.face(face)
            _add_exclusion(undo, face.id, person.id)
            Face.update(person=None, confirmed=False).where(Face.id == face.id).execute()
            refresh_covers([person.id])
            return undo.save(f"Took a face out of {_label(person)}")
        if current is not None and not current.user_named:
            group = [
                f.id
                for f in Face.select(Face.id).where(
                    (Face.person == current.id) & (Face.ignored == False)
                )
            ]
            for fid in group:
                _add_exclusion(undo, fid, person.id)
            return undo.save(f"Kept {_label(current)} apart from {_label(person)}")
        _add_exclusion(undo, face.id, person.id)
        return undo.save(f"Marked a face as not {_label(person)}")


def undo_last() -> OpResult[str | None]:
    """Reverse the most recent people operation; returns its description (None if none is left) and changes.

    What the undo changes back is kept, so ``redo_last`` can put the operation back.
    """
    with write_transaction():
        entry = UndoEntry.select().order_by(UndoEntry.id.desc()).first()
        if entry is None:
            return OpResult(None, NO_CHANGES)
        payload = json.loads(entry.payload)
        redo_payload = _state_now(payload)
        changes = payload_changes(payload) | payload_changes(redo_payload)
        _apply_undo(payload)
        entry.delete_instance()
        stack = _redo_stack()
        stack.append({"description": entry.description, "payload": redo_payload})
        meta_set(META_REDO, json.dumps(stack[-REDO_KEEP:]))
        bump_generation()
        return OpResult(entry.description, changes)


def redo_last() -> OpResult[str | None]:
    """Put back the most recently undone operation; returns its description (None if none is left) and changes.

    Any new people operation ends what can be redone (as in every editor).
    """
    with write_transaction():
        stack = _redo_stack()
        if not stack:
            return OpResult(None, NO_CHANGES)
        item = stack.pop()
        payload = item["payload"]
        undo_payload = _state_now(payload)
        changes = payload_changes(payload) | payload_changes(undo_payload)
        _apply_undo(payload)
        _push_undo(item["description"], undo_payload)
        meta_set(META_REDO, json.dumps(stack))
        bump_generation()
        return OpResult(str(item["description"]), changes)


def _redo_stack() -> list[dict[str, Any]]:
    try:
        stack = json.loads(meta_get(META_REDO, "[]") or "[]")
    except ValueError:
        return []
    return stack if isinstance(stack, list) else []


def _state_now(payload: dict[str, Any]) -> dict[str, Any]:
    """The current state of what ``payload`` would restore: applying it undoes applying ``payload``."""
    people: list[dict[str, Any]] = []
    absent: list[int] = []
    ids = [s["id"] for s in payload.get("people", [])] + list(payload.get("created_people", []))
    for pid in dict.fromkeys(ids):
        person = Person.get_or_none(Person.id == pid)
        if person is None:
            absent.append(pid)
        else:
            people.append(_person_state(person))
    face_ids = [s["id"] for s in payload.get("faces", [])]
    faces = []
    for i in range(0, len(face_ids), 500):
        faces += [_face_state(f) for f in Face.select().where(Face.id.in_(face_ids[i : i + 500]))]
    return {
        "people": people,
        "faces": faces,
        "created_people": absent,
        # What the payload would add, the reverse removes, and the other way round.
        "exclusions_added": payload.get("exclusions_removed", []),
        "exclusions_removed": payload.get("exclusions_added", []),
        **_import_extras_reversed(payload),
        "tags_removed": payload.get("tags_added", []),
        "tags_added": payload.get("tags_removed", []),
        "tag_exclusions_added": payload.get("tag_exclusions_removed", []),
        "tag_exclusions_removed": payload.get("tag_exclusions_added", []),
    }


def _apply_undo(payload: dict[str, Any]) -> None:
    import datetime as dt

    _undo_import_extras(payload)
    for state in payload.get("people", []):
        fields = {k: state[k] for k in ("name", "user_named", "cover_face_id", "hidden")}
        if Person.select().where(Person.id == state["id"]).exists():
            Person.update(**fields).where(Person.id == state["id"]).execute()
        else:
            created = (
                dt.datetime.fromisoformat(state["created_at"])
                if state.get("created_at")
                else dt.datetime.now()
            )
            Person.insert(id=state["id"], created_at=created, **fields).execute()
    for state in payload.get("faces", []):
        person = state["person"]
        if person is not None and not Person.select().where(Person.id == person).exists():
            person = None
        Face.update(person=person, confirmed=state["confirmed"], ignored=state["ignored"]).where(
            Face.id == state["id"]
        ).execute()
    for face_id, person_id in payload.get("exclusions_added", []):
        FaceExclusion.delete().where(
            (FaceExclusion.face == face_id) & (FaceExclusion.person == person_id)
        ).execute()
    for face_id, person_id in payload.get("exclusions_removed", []):
        face_ok = Face.select().where(Face.id == face_id).exists()
        person_ok = Person.select().where(Person.id == person_id).exists()
        if face_ok and person_ok:
            FaceExclusion.insert(face=face_id, person=person_id).on_conflict_ignore().execute()
    for person_id in payload.get("created_people", []):
        person = Person.get_or_none(Person.id == person_id)
        if person is not None and is_empty(person_id):
            Person.delete().where(Person.id == person_id).execute()
    _apply_tag_changes(payload)
    touched = {s["id"] for s in payload.get("people", [])}
    touched |= {s["person"] for s in payload.get("faces", []) if s["person"] is not None}
    refresh_covers(touched)


def _import_extras_reversed(payload: dict[str, Any]) -> dict[str, Any]:
    """The albums and favourites part of ``_state_now``: what puts an import's extras back."""
    albums = []
    for album_id in payload.get("albums_created", []):
        album = Album.get_or_none(Album.id == album_id)
        if album is not None:
            albums.append(
                {"id": album.id, "name": album.name, "created_at": album.created_at.isoformat()}
            )
    entries = []
    for album_id, image_id, *_ in payload.get("album_images_added", []):
        entry = AlbumImage.get_or_none(
            (AlbumImage.album == album_id) & (AlbumImage.image == image_id)
        )
        if entry is not None:
            entries.append([album_id, image_id, entry.added_at.isoformat()])
    return {
        "albums_removed": albums,
        "albums_created": [a["id"] for a in payload.get("albums_removed", [])],
        "album_images_removed": entries,
        "album_images_added": [e[:2] for e in payload.get("album_images_removed", [])],
        "favourites_cleared": payload.get("favourites_set", []),
        "favourites_set": payload.get("favourites_cleared", []),
    }


def _undo_import_extras(payload: dict[str, Any]) -> None:
    """Albums and favourites of an import (library/transfer.py): take back what it added, or put it back on redo.

    An album the import created is removed only once it is empty again.
    """
    import datetime as dt

    for state in payload.get("albums_removed", []):
        if not Album.select().where(Album.id == state["id"]).exists():
            created = dt.datetime.fromisoformat(state["created_at"])
            Album.insert(id=state["id"], name=state["name"], created_at=created).execute()
    for album_id, image_id, added_at in payload.get("album_images_removed", []):
        if (
            Album.select().where(Album.id == album_id).exists()
            and Image.select().where(Image.id == image_id).exists()
        ):
            added = dt.datetime.fromisoformat(added_at)
            AlbumImage.insert(
                album=album_id, image=image_id, added_at=added
            ).on_conflict_ignore().execute()
    for album_id, image_id, *_ in payload.get("album_images_added", []):
        AlbumImage.delete().where(
            (AlbumImage.album == album_id) & (AlbumImage.image == image_id)
        ).execute()
    for album_id in payload.get("albums_created", []):
        if not AlbumImage.select().where(AlbumImage.album == album_id).exists():
            Album.delete().where(Album.id == album_id).execute()
    for key, value in (("favourites_set", False), ("favourites_cleared", True)):
        ids = payload.get(key, [])
        for i in range(0, len(ids), 500):
            Image.update(favourite=value).where(Image.id.in_(ids[i : i + 500])).execute()


def _apply_tag_changes(payload: dict[str, Any]) -> None:
    """The object-tag part of an undo (or redo) payload."""
    for row in payload.get("tags_added", []):
        ObjectTag.delete().where(
            (ObjectTag.image == row["image"]) & (ObjectTag.label == row["label"])
        ).execute()
    for row in payload.get("tags_removed", []):
        if Image.select().where(Image.id == row["image"]).exists():
            ObjectTag.insert(**row).execute()
    for image_id, label in payload.get("tag_exclusions_added", []):
        TagExclusion.delete().where(
            (TagExclusion.image == image_id) & (TagExclusion.label == label)
        ).execute()
    for image_id, label in payload.get("tag_exclusions_removed", []):
        if Image.select().where(Image.id == image_id).exists():
            TagExclusion.insert(image=image_id, label=label).on_conflict_ignore().execute()


def undo_history(limit: int = 20) -> list[dict[str, Any]]:
    """The most recent undoable operations, newest first: ``[{id, description, created_at}]``."""
    q = UndoEntry.select().order_by(UndoEntry.id.desc()).limit(limit)
    return [
        {"id": e.id, "description": e.description, "created_at": e.created_at.isoformat()}
        for e in q
    ]


def redo_history(limit: int = 20) -> list[str]:
    """Descriptions of the operations ``redo_last`` can put back, next first."""
    return [str(item.get("description", "")) for item in reversed(_redo_stack())][:limit]


# ----------------------------------------------------------------- reading


def face_dict(face: Face, image_path: str, quality: FaceQuality | None = None) -> dict[str, Any]:
    """One face in the ``pictopy people --json`` shape.

    ``low_quality``: the face fails the quality gate (``face_quality``; ``quality`` or the
    defaults): it forms no people and shows under a person only once confirmed.
    """
    return {
        "id": face.id,
        "image": image_path,
        "box": [round(face.x1, 1), round(face.y1, 1), round(face.x2, 1), round(face.y2, 1)],
        "score": round(face.score, 4),
        "confirmed": bool(face.confirmed),
        "low_quality": not is_good_face(face, quality),
    }


def people_listing(
    include_hidden: bool = False, with_faces: bool = True, quality: FaceQuality | None = None
) -> list[dict[str, Any]]:
    """People as ``pictopy people --json`` shows them: named first, then by photo count.

    Each entry: id, name, user_named, hidden, cover_face_id, face_count, photo_count,
    confirmed_count and (``with_faces``) faces ``[{id, image, box, score, confirmed,
    low_quality}]`` (``quality``: the library's gate, ``face_quality.thresholds_for``;
    None: the defaults). Unnamed people without faces are left out.
    """
    people = list(Person.select())
    faces: dict[int, list[dict[str, Any]]] = {p.id: [] for p in people}
    photos: dict[int, set[int]] = {p.id: set() for p in people}
    confirmed: dict[int, int] = {p.id: 0 for p in people}
    q = (
        Face.select(Face, Image.id, Image.path)
        .join(Image)
        .where(
            Face.person.is_null(False) & (Face.ignored == False) & visible()
        )  # missing photos are kept, not shown
        .order_by(Image.path, Face.id)
    )
    for face in q:
        pid = face.person_id
        if pid not in faces:
            continue
        faces[pid].append(face_dict(face, face.image.path, quality))
        photos[pid].add(face.image.id)
        confirmed[pid] += bool(face.confirmed)
    result = []
    for p in people:
        if (p.hidden and not include_hidden) or (not faces[p.id] and not p.user_named):
            continue
        entry: dict[str, Any] = {
            "id": p.id,
            "name": p.name,
            "user_named": bool(p.user_named),
            "hidden": bool(p.hidden),
            "cover_face_id": p.cover_face_id,
            "face_count": len(faces[p.id]),
            "photo_count": len(photos[p.id]),
            "confirmed_count": confirmed[p.id],
        }
        if with_faces:
            entry["faces"] = faces[p.id]
        result.append(entry)
    result.sort(key=lambda e: (not e["user_named"], -e["photo_count"], e["id"]))
    return result


def unknown_faces(
    limit: int | None = None, quality: FaceQuality | None = None
) -> list[dict[str, Any]]:
    """Faces with no person (and not marked "not a face"), largest first, as ``people --json`` faces.

    Low-quality faces are included, flagged ``low_quality`` (see ``face_dict``).
    """
    q = (
        Face.select(Face, Image.path)
        .join(Image)
        .where(Face.person.is_null() & (Face.ignored == False) & visible())
        .order_by(((Face.x2 - Face.x1) * (Face.y2 - Face.y1)).desc(), Face.id)
    )
    if limit:
        q = q.limit(limit)
    return [face_dict(f, f.image.path, quality) for f in q]


def excluded_people(face_id: int) -> list[int]:
    """The people the user took this face out of."""
    return [ex.person_id for ex in FaceExclusion.select().where(FaceExclusion.face == face_id)]
