"""'Is this Alice?': faces the clustering left out that are probably a named person.

The cluster distance is set on the split side on purpose (a wrong merge is worse
than a split), so some faces of known people stay Unknown or form small unnamed
groups. Those whose nearest named person lies within a wider band above the cut-off
(``SUGGESTION_BAND``, measured in docs/people.md) are offered to the user as a yes/no
question: yes confirms the face (or merges the small group) into that person, no
records a cannot-link (``FaceExclusion``) so the question never comes back and the
re-cluster never puts them together. Both are one undoable step.

No Qt, no writes except through ``people_ops``; the GUI and the CLI both call this.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from peewee import fn

from pictopy_desktop.library.changes import OpResult
from pictopy_desktop.ml.face_clustering import normalize
from pictopy_desktop.people import people_ops, people_store
from pictopy_desktop.people.face_assignment import cluster_threshold
from pictopy_desktop.people.face_quality import thresholds_for
from pictopy_desktop.storage.tables import Face, FaceExclusion, Image, Person, embedding_from_blob

# How far above the cluster distance a named person may be and still be suggested:
# measured on the labelled sets and their harder variants (docs/people.md,
# "Suggestions"): the same-person pairs the cut-off misses lie below 0.5 + 0.2, while
# the closest different people are at 0.53 — so some questions are answered "no".
SUGGESTION_BAND = 0.2
# Unnamed people with at most this many faces are "small groups" that may be suggested
# whole; larger unnamed people are left for the user to name or merge.
SMALL_GROUP_FACES = 5
_BLOCK_ROWS = 2048


@dataclass
class Suggestion:
    """A face (standing for itself or its small group) that is probably ``person_name``."""

    face_id: int
    person_id: int
    person_name: str
    distance: float  # cosine distance to the nearest face of the person (a group: the mean over its faces)
    image_path: str
    box: tuple[float, float, float, float]


def suggestion_distance(library: Any) -> float:
    """The widest distance at which a named person is still suggested."""
    return cluster_threshold(library) + SUGGESTION_BAND


def _vectors(rows: list[tuple]) -> tuple[list[tuple], np.ndarray]:
    """Rows whose embedding has the most common size, and those embeddings as unit rows."""
    decoded = [embedding_from_blob(r[1]) for r in rows]
    vecs = [v for v in decoded if v is not None]
    if not vecs:
        return [], np.zeros((0, 0), dtype=np.float32)
    sizes = [len(v) for v in vecs]
    dim = max(set(sizes), key=sizes.count)
    keep = [k for k, v in enumerate(decoded) if v is not None and len(v) == dim]
    return [rows[k] for k in keep], normalize(np.stack([decoded[k] for k in keep]))


def list_suggestions(
    library: Any, person_id: int | None = None, limit: int = 200
) -> list[Suggestion]:
    """Unknown faces and small unnamed groups that are probably a named person, closest first.

    ``person_id``: only suggestions for that person (any person, named or not); else
    for every named, visible person. A face is never suggested for a person the user
    said it is not, nor for a person who already has a face in the same photo.
    """
    gate = thresholds_for(library)
    upper = suggestion_distance(library)
    if person_id is not None:
        people_store.person_or_error(person_id)  # a readable error for an unknown id
        targets = Person.select(Person.id).where(Person.id == int(person_id))
    else:
        targets = Person.select(Person.id).where(
            (Person.user_named == True) & (Person.hidden == False)
        )
    target_rows = list(
        Face.select(Face.person, Face.embedding, Face.image)
        .where(
            Face.person.in_(targets)
            & (Face.ignored == False)
            & Face.embedding.is_null(False)
            & ((Face.confirmed == True) | gate.good_expression())
        )
        .tuples()
    )
    small = (
        Person.select(Person.id)
        .join(Face)
        .where((Person.user_named == False) & (Person.hidden == False) & (Face.ignored == False))
        .group_by(Person.id)
        .having(fn.COUNT(Face.id) <= SMALL_GROUP_FACES)
    )
    query_rows = list(
        Face.select(Face.id, Face.embedding, Face.image, Face.person)
        .where(
            (Face.ignored == False)
            & Face.embedding.is_null(False)
            & gate.good_expression()
            & (Face.person.is_null() | Face.person.in_(small))
        )
        .order_by(Face.id)
        .tuples()
    )
    if person_id is not None:
        query_rows = [r for r in query_rows if r[3] != person_id]
    target_rows, t = _vectors(target_rows)
    query_rows, q = _vectors(query_rows)
    if not target_rows or not query_rows or t.shape[1] != q.shape[1]:
        return []
    owners = np.array([r[0] for r in target_rows], dtype=np.int64)
    order = np.argsort(owners, kind="stable")  # each person's faces side by side, for reduceat
    owners, t = owners[order], t[order]
    people, starts = np.unique(owners, return_index=True)
    photos_of = {int(p): set() for p in people}
    for owner, _, image in target_rows:
        photos_of[int(owner)].add(int(image))
    refused: dict[int, set[int]] = {}
    query_ids = [r[0] for r in query_rows]
    for i in range(0, len(query_ids), 500):
        for face, person in (
            FaceExclusion.select(FaceExclusion.face, FaceExclusion.person)
            .where(FaceExclusion.face.in_(query_ids[i : i + 500]))
            .tuples()
        ):
            refused.setdefault(face, set()).add(person)

    # Per query face, its distance to each candidate person's nearest face.
    nearest = np.full((len(query_rows), len(people)), np.inf, dtype=np.float32)
    for start in range(0, len(query_rows), _BLOCK_ROWS):
        d = 1.0 - q[start : start + _BLOCK_ROWS] @ t.T
        nearest[start : start + _BLOCK_ROWS] = np.minimum.reduceat(d, starts, axis=1)
    # A group (an unnamed person) is judged as a whole: the mean over its faces, and
    # refused wherever any of its faces is refused or shares a photo with the person.
    index_of_person = {int(p): k for k, p in enumerate(people)}
    units: dict[tuple[str, int], list[int]] = {}
    for k, (face_id, _, _, owner) in enumerate(query_rows):
        units.setdefault(("group", owner) if owner is not None else ("face", face_id), []).append(k)
    found: list[tuple[float, int, int]] = []  # (distance, person, face shown)
    for members in units.values():
        dist = nearest[members].mean(axis=0)
        for k in members:
            face_id, _, image, _ = query_rows[k]
            for person in refused.get(face_id, ()):
                if person in index_of_person:
                    dist[index_of_person[person]] = np.inf
            for p, col in index_of_person.items():
                if int(image) in photos_of[p]:
                    dist[col] = np.inf
        col = int(np.argmin(dist))
        if not np.isfinite(dist[col]) or dist[col] > upper:
            continue
        shown = min(members, key=lambda k: nearest[k, col])
        found.append((float(dist[col]), int(people[col]), int(query_rows[shown][0])))
    found.sort(key=lambda s: (s[0], s[2]))
    return _describe(found[:limit])


def _describe(found: list[tuple[float, int, int]]) -> list[Suggestion]:
    names = {
        p.id: people_ops.person_label(p)
        for p in Person.select().where(Person.id.in_({f[1] for f in found}))
    }
    faces = {
        f.id: f
        for f in Face.select(Face, Image.path).join(Image).where(Face.id.in_([f[2] for f in found]))
    }
    return [
        Suggestion(
            face_id=face_id,
            person_id=person,
            person_name=names[person],
            distance=round(distance, 4),
            image_path=str(faces[face_id].image.path),
            box=(
                float(faces[face_id].x1),
                float(faces[face_id].y1),
                float(faces[face_id].x2),
                float(faces[face_id].y2),
            ),
        )
        for distance, person, face_id in found
    ]


def confirm_suggestion(face_id: int, person_id: int) -> OpResult[str]:
    """Yes, this is them: the face (or its small group) joins the person. One undoable step; returns its description and changes."""
    return people_ops.confirm_face(face_id, person_id)


def reject_suggestion(face_id: int, person_id: int) -> OpResult[str]:
    """No, not them: a cannot-link is recorded for the face (or its small group). One undoable step; returns its description and changes."""
    return people_ops.reject_face(face_id, person_id)
