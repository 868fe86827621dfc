"""The undo journal: every edit of people, tags or an import is one step that undo takes back and redo puts back.

An operation collects the before-state of what it touches in an ``UndoStep`` and saves
it as one ``UndoEntry`` row, so a wrong merge is split back face for face. Undoing a
step keeps what it changed back on a redo stack (in the key-value store); any new
step ends what can be redone, as in every editor. No Qt.
"""

from __future__ import annotations

import json
from typing import Any

from pictopy_desktop.library.changes import NO_CHANGES, OpChanges, OpResult
from pictopy_desktop.people.merge_undo import joined_since_merge, split_back
from pictopy_desktop.people.people_store import (
    bump_generation,
    is_empty,
    refresh_covers,
    write_transaction,
)
from pictopy_desktop.storage.meta_store import meta_get, meta_set
from pictopy_desktop.storage.tables import (
    Album,
    AlbumImage,
    Face,
    FaceExclusion,
    Image,
    ObjectTag,
    Person,
    TagExclusion,
    UndoEntry,
)

META_REDO = "people_redo"  # JSON list of undone operations that redo can put back, newest last
UNDO_KEEP = 200  # undo entries kept; older ones are dropped
REDO_KEEP = 50  # undone operations kept for redo


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


class UndoStep:
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
        # A merge: {"target": id, "others": [ids]}, so its undo splits back faces joined since.
        self.split: dict[str, Any] | None = None

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
            "split": self.split,
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
    """What applying (or undoing) an undo payload changes: the kinds it holds, and the photos
    whose faces it moves."""
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
    # Faces that changed person change what their photos show (names, person galleries);
    # hearts and tags are kinds of their own, which the views that show them watch.
    image_ids: set[int] = set()
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
        # A merge's redo merges again, and the undo it leaves behind splits again.
        redo_payload["resplit"] = payload.get("split")
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
        undo_payload["split"] = payload.get("resplit")
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
    # Faces a merge's undo will split back: their place now is what a redo puts back.
    faces += [_face_state(f) for f in joined_since_merge(payload)]
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
    joined = joined_since_merge(payload)  # before the journal's faces move back
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
    touched = split_back(payload, joined) if joined else set()
    touched |= {s["id"] for s in payload.get("people", [])}
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
