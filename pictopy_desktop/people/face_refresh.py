"""Write the faces found in a photo, carrying the stored ones over (``face_matching``).

The indexer calls ``store_faces`` inside its write transaction whenever it analyses a
photo for faces: a new photo gets new rows; a photo whose bytes changed keeps the rows
the new detections match (id, person, confirmed, "not a face" and exclusions stay; box,
landmarks, score, embedding and sharpness are refreshed).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import numpy as np
from peewee import fn

from pictopy_desktop.people import people_store
from pictopy_desktop.people.face_matching import Detection, StoredFace, carry_over_faces
from pictopy_desktop.storage import meta_store
from pictopy_desktop.storage.tables import Face, Person

log = logging.getLogger(__name__)

META_MAX_FACE_ID = "max_face_id"  # high-water mark: ids of deleted faces are never reused


def new_face_id() -> int:
    """An id no face ever had, so an undo step naming a deleted face never hits a new one."""
    top = max(meta_store.meta_int(META_MAX_FACE_ID), Face.select(fn.MAX(Face.id)).scalar() or 0)
    meta_store.meta_set(META_MAX_FACE_ID, top + 1)
    return top + 1


def _stored(image_id: int) -> list[StoredFace]:
    named = {p for (p,) in Person.select(Person.id).where(Person.user_named == True).tuples()}
    return [
        StoredFace(
            id=f.id,
            box=(f.x1, f.y1, f.x2, f.y2),
            embedding=f.embedding_array(),
            vouched=bool(f.confirmed) or f.person_id in named,
        )
        for f in Face.select().where(Face.image == image_id).order_by(Face.id)
    ]


def store_faces(
    image_id: int, width: float | None, height: float | None, faces: Sequence[dict[str, Any]]
) -> list[int]:
    """Store ``faces`` (Face column values, box in full-size pixels) for a photo; returns the new face ids.

    Call inside a write transaction.
    """
    old = _stored(image_id)
    detections = [
        Detection(
            box=(f["x1"], f["y1"], f["x2"], f["y2"]),
            embedding=None
            if f.get("embedding") is None
            else np.frombuffer(f["embedding"], dtype=np.float32),
        )
        for f in faces
    ]
    plan = carry_over_faces(old, detections, width, height)
    for face_id, j in plan.matched:
        Face.update(**faces[j]).where(Face.id == face_id).execute()
    if plan.deleted:
        people = {
            p
            for (p,) in Face.select(Face.person).where(Face.id.in_(plan.deleted)).tuples()
            if p is not None
        }
        Face.delete().where(Face.id.in_(plan.deleted)).execute()
        people_store.refresh_covers(people)
        # An unnamed person left without faces is noise; a named one keeps the user's name.
        for pid in people:
            person = Person.get_or_none(Person.id == pid)
            if (
                person is not None
                and not person.user_named
                and not person.hidden
                and people_store.is_empty(pid)
            ):
                person.delete_instance()
    new_ids = []
    for j in plan.new:
        new_ids.append(Face.insert(id=new_face_id(), image=image_id, **faces[j]).execute())
    if old:
        log.info(
            "Photo %d re-analysed: %d faces carried over, %d new, %d gone, %d kept as the user confirmed them",
            image_id,
            len(plan.matched),
            len(plan.new),
            len(plan.deleted),
            len(plan.kept),
        )
    if plan.matched or plan.deleted:
        people_store.bump_generation()  # embeddings or faces of people changed: caches must reload
    return new_ids
