"""Undoing a merge also splits back the faces that joined the merged person since.

A merge of Rose into Kit moves Rose's faces (the undo journal keeps where each was), but
photos indexed after it put new faces of Rose into Kit, the nearest named person. The
journal does not know those faces, so a plain undo left them in Kit, and no re-cluster
moves them (a named person's faces are kept). ``split_back`` gives each such face
(joined since, not confirmed by the user) the person of its nearest face among those the
undo restores, so "Undo merge" splits the people back as the merge message says.
"""

from __future__ import annotations

from typing import Any

from pictopy_desktop.storage.tables import Face, FaceExclusion, Person, embedding_from_blob


def joined_since_merge(payload: dict[str, Any]) -> list[Face]:
    """Faces in the merge's target now that its journal does not hold and the user did not confirm."""
    split = payload.get("split")
    if not split:
        return []
    known = {s["id"] for s in payload.get("faces", [])}
    return [
        f
        for f in Face.select().where(
            (Face.person == split["target"]) & (Face.confirmed == False) & (Face.ignored == False)
        )
        if f.id not in known
    ]


def split_back(payload: dict[str, Any], joined: list[Face]) -> set[int]:
    """Give each face of ``joined`` the person of its nearest restored face; the people touched."""
    import numpy as np  # not on the start path: undo_journal is imported at start

    from pictopy_desktop.ml.face_clustering import normalize

    split = payload["split"]
    people = {split["target"], *split["others"]}
    people = {p for p in people if Person.select().where(Person.id == p).exists()}
    states = [s for s in payload.get("faces", []) if s["person"] in people and not s["ignored"]]
    rows = {
        f.id: f
        for f in Face.select(Face.id, Face.embedding).where(Face.id.in_([s["id"] for s in states]))
    }
    refs = [
        (s["person"], vector)
        for s in states
        if s["id"] in rows and (vector := embedding_from_blob(rows[s["id"]].embedding)) is not None
    ]
    if not refs or len(people) < 2:
        return set()
    owners = [p for p, _ in refs]
    dims = {len(v) for _, v in refs}
    dim = max(dims, key=lambda d: sum(len(v) == d for _, v in refs))
    keep = [k for k, (_, v) in enumerate(refs) if len(v) == dim]
    matrix = normalize(np.stack([refs[k][1] for k in keep]))
    owners = [owners[k] for k in keep]
    touched: set[int] = set()
    for face in joined:
        vector = embedding_from_blob(face.embedding)
        if vector is None or len(vector) != dim:
            continue
        refused = {
            p
            for (p,) in FaceExclusion.select(FaceExclusion.person)
            .where(FaceExclusion.face == face.id)
            .tuples()
        }
        order = np.argsort(-(matrix @ normalize(vector[None, :])[0]))
        person = next((owners[k] for k in order if owners[k] not in refused), None)
        if person is not None and person != face.person_id:
            Face.update(person=person).where(Face.id == face.id).execute()
            touched |= {person, face.person_id}
    return touched
