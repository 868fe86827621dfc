"""The rules every people module shares about the people tables.

Person ids are never reused (so undo can bring a deleted person back under its id),
a person's cover stays one of their faces, and a generation counter changes whenever
who is who changes (a cache key). The errors people operations raise live here too.
No Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from peewee import fn

from pictopy_desktop.errors import PictoPyError
from pictopy_desktop.storage.meta_store import meta_add, meta_int, meta_set
from pictopy_desktop.storage.tables import Face, Person, database_proxy

# Meta keys shared by the people modules.
META_GENERATION = (
    "people_generation"  # bumped by every change of who is who, except new-face assignment
)
META_PHOTOS_SINCE_RECLUSTER = "photos_since_recluster"
META_LAST_RECLUSTER_AT = "last_recluster_at"  # time.time() of the last full re-cluster
META_LAST_RECLUSTER_SECONDS = "last_recluster_seconds"
META_MAX_PERSON_ID = "max_person_id"  # high-water mark: ids of deleted people are never reused


class PeopleError(PictoPyError):
    """A people operation could not be done; the message says why."""


class NoSuchPersonError(PeopleError):
    """The person id does not exist (any more)."""


class NoSuchFaceError(PeopleError):
    """The face id does not exist (any more)."""


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
    """True when the person has no face left (faces marked "not a face" do not count)."""
    return (
        not Face.select(Face.id)
        .where((Face.person == person_id) & (Face.ignored == False))
        .exists()
    )


def person_or_error(person_id: int) -> Person:
    """The person ``person_id``; NoSuchPersonError when there is none (any more)."""
    person = Person.get_or_none(Person.id == int(person_id))
    if person is None:
        raise NoSuchPersonError(f"There is no person with id {person_id}.")
    return person


def face_or_error(face_id: int) -> Face:
    """The face ``face_id``; NoSuchFaceError when there is none (any more)."""
    face = Face.get_or_none(Face.id == int(face_id))
    if face is None:
        raise NoSuchFaceError(f"There is no face with id {face_id}.")
    return face
