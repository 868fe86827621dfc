"""People and faces as the app and the CLI both read them.

One set of records (``PersonRow``, ``FaceRow``) and one set of readers: the People
views page through them, and ``pictopy people --json`` prints their ``to_dict()``.
Where the two used to disagree, this module decides once:

* people: named by the user first (``user_named``), then most photos, then id;
* a person's faces: most certain first (detector score), then id;
* Unknown faces: largest first, then id (the most recognisable to name first);
* a person without a chosen cover shows their best face (confirmed, then largest
  and most certain; the rule ``people_store.best_cover_face`` uses after edits);
* counts leave out faces marked "not a face" and faces of missing photos.

Plain Peewee and dataclasses, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from peewee import JOIN, fn

from pictopy_desktop.people.face_quality import FaceQuality, is_good_face
from pictopy_desktop.storage.tables import Face, FaceExclusion, Image, Person
from pictopy_desktop.storage.visibility import of_visible, visible


@dataclass(frozen=True)
class FaceRow:
    """One face: where it is, whose it is, and whether it passes the quality gate."""

    id: int
    image_id: int
    path: str
    box: tuple[float, float, float, float]  # full-size oriented pixels
    image_size: tuple[int, int]
    person_id: int | None
    person_name: str | None
    score: float
    confirmed: bool = False
    thumbnail: str | None = None  # the photo's cached thumbnail, for a crop while it is offline
    rotation: int = 0  # the photo's Image.rotation: its crop is shown turned the same way
    low_quality: bool = False  # fails the quality gate: forms no people until confirmed

    def to_dict(self) -> dict[str, Any]:
        """The ``pictopy people --json`` face shape."""
        return {
            "id": self.id,
            "image": self.path,
            "box": [round(v, 1) for v in self.box],
            "score": round(self.score, 4),
            "confirmed": self.confirmed,
            "low_quality": self.low_quality,
        }


@dataclass(frozen=True)
class PersonRow:
    """One person with their counts (and, where asked for, their faces)."""

    id: int
    name: str | None
    user_named: bool
    hidden: bool
    photo_count: int
    face_count: int
    cover_face_id: int | None
    confirmed_count: int = 0
    faces: tuple[FaceRow, ...] = field(default=(), compare=False)

    @property
    def display_name(self) -> str:
        return self.name or "Add a name"

    @property
    def has_name(self) -> bool:
        return bool(self.name)

    def to_dict(self, with_faces: bool = True) -> dict[str, Any]:
        """The ``pictopy people --json`` person shape (``faces`` only ``with_faces``)."""
        entry: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "user_named": self.user_named,
            "hidden": self.hidden,
            "cover_face_id": self.cover_face_id,
            "face_count": self.face_count,
            "photo_count": self.photo_count,
            "confirmed_count": self.confirmed_count,
        }
        if with_faces:
            entry["faces"] = [f.to_dict() for f in self.faces]
        return entry


def people_order(row: PersonRow) -> tuple[bool, int, int]:
    """The sort key of the People view and ``pictopy people``: named by the user, most photos, id."""
    return (not row.user_named, -row.photo_count, row.id)


def _shown_faces():
    """Faces a person view counts: assigned, not "not a face", in a photo that is shown."""
    return (Face.ignored == False) & Face.person.is_null(False) & of_visible(Face.image)


def _best_covers(person_ids: list[int]) -> dict[int, int]:
    """The best face of each person (confirmed first, then largest and most certain, then id).

    One seek per person: the order is that of the ``face_person_cover`` index (schema v6),
    whose first entry for (person, not ignored) is the answer, and no face row (nor its
    embedding) is read.
    """
    best: dict[int, int] = {}
    for k in range(0, len(person_ids), 500):
        chunk = person_ids[k : k + 500]
        rows = Face._meta.database.execute_sql(
            "SELECT p.id, (SELECT f.id FROM face AS f WHERE f.person_id = p.id AND f.ignored = 0"
            " ORDER BY f.confirmed DESC, (f.x2 - f.x1) * (f.y2 - f.y1) * f.score DESC, f.id"
            f" LIMIT 1) FROM person AS p WHERE p.id IN ({','.join('?' * len(chunk))})",
            chunk,
        )
        best.update((pid, fid) for pid, fid in rows if fid is not None)
    return best


def people_rows(
    include_hidden: bool = False, with_faces: bool = False, quality: FaceQuality | None = None
) -> list[PersonRow]:
    """People with their counts, in the order above (two aggregate queries, faces on request).

    Unnamed people without faces are left out. ``with_faces`` fills each row's ``faces``;
    ``quality`` is the library's gate (``face_quality.thresholds_for``; None: the defaults).
    """
    stats = {
        pid: (photos, faces, confirmed)
        for pid, photos, faces, confirmed in Face.select(
            Face.person,
            fn.COUNT(fn.DISTINCT(Face.image)),
            fn.COUNT(Face.id),
            fn.SUM(Face.confirmed),
        )
        .where(_shown_faces())
        .group_by(Face.person)
        .tuples()
    }
    q = Person.select()
    if not include_hidden:
        q = q.where(Person.hidden == False)
    people = [p for p in q if stats.get(p.id, (0, 0, 0))[1] or p.user_named]
    covers = _best_covers([p.id for p in people if p.cover_face_id is None])
    faces = _faces_by_person(quality) if with_faces else {}
    rows = []
    for p in people:
        photos, n_faces, confirmed = stats.get(p.id, (0, 0, 0))
        rows.append(
            PersonRow(
                p.id,
                p.name,
                bool(p.user_named),
                bool(p.hidden),
                photos,
                n_faces,
                p.cover_face_id or covers.get(p.id),
                int(confirmed or 0),
                tuple(faces.get(p.id, ())),
            )
        )
    rows.sort(key=people_order)
    return rows


def _faces_by_person(quality: FaceQuality | None) -> dict[int, list[FaceRow]]:
    out: dict[int, list[FaceRow]] = {}
    q = (
        _face_select()
        .where((Face.ignored == False) & Face.person.is_null(False))
        .order_by(Face.score.desc(), Face.id)
    )
    for row in _face_rows(q, quality):
        out.setdefault(row.person_id, []).append(row)  # type: ignore[arg-type]
    return out


def person_row(person_id: int) -> PersonRow | None:
    """One person as ``people_rows`` shows them (hidden ones too); None if gone or empty."""
    for row in people_rows(include_hidden=True):
        if row.id == person_id:
            return row
    return None


def people_choices() -> list[tuple[int, str]]:
    """(id, name) of people to offer in "Move to…" menus: named ones first, by name."""
    return [
        (r.id, r.name or f"Unnamed person {r.id}")
        for r in sorted(people_rows(), key=lambda r: (not r.has_name, (r.name or "").lower(), r.id))
    ]


def _face_rows(q, quality: FaceQuality | None = None) -> list[FaceRow]:
    rows = []
    for f in q:
        person = f.person if f.person_id is not None else None
        rows.append(
            FaceRow(
                f.id,
                f.image_id,
                f.image.path,
                (f.x1, f.y1, f.x2, f.y2),
                (f.image.width or 0, f.image.height or 0),
                f.person_id,
                person.name if person is not None else None,
                f.score,
                bool(f.confirmed),
                f.image.thumbnail,
                rotation=f.image.rotation or 0,
                low_quality=not is_good_face(f, quality),
            )
        )
    return rows


def _face_select():
    return (
        Face.select(Face, Image, Person)
        .join(Image)
        .switch(Face)
        .join(Person, JOIN.LEFT_OUTER)
        .where(visible())
    )


def faces_of_person(person_id: int, limit: int = 500) -> list[FaceRow]:
    """A person's faces, most certain first."""
    q = (
        _face_select()
        .where((Face.person == person_id) & (Face.ignored == False))
        .order_by(Face.score.desc(), Face.id)
        .limit(limit)
    )
    return _face_rows(q)


def unknown_faces(limit: int | None = 1000, quality: FaceQuality | None = None) -> list[FaceRow]:
    """Faces in no person (noise of the clustering, or taken out by the user), largest first.

    Low-quality faces are included, flagged ``low_quality``.
    """
    q = (
        _face_select()
        .where(Face.person.is_null() & (Face.ignored == False))
        .order_by(((Face.x2 - Face.x1) * (Face.y2 - Face.y1)).desc(), Face.id)
    )
    if limit:
        q = q.limit(limit)
    return _face_rows(q, quality)


def unknown_face_count() -> int:
    """How many faces wait for a name (those of missing photos are not counted)."""
    return (
        Face.select()
        .where(Face.person.is_null() & (Face.ignored == False) & of_visible(Face.image))
        .count()
    )


def faces_in_image(image_id: int) -> list[FaceRow]:
    """The faces of one photo, left to right."""
    q = _face_select().where((Face.image == image_id) & (Face.ignored == False)).order_by(Face.x1)
    return _face_rows(q)


def face_row(face_id: int) -> FaceRow | None:
    """One face, or None if it is gone (or its photo is not shown)."""
    rows = _face_rows(_face_select().where(Face.id == face_id))
    return rows[0] if rows else None


def faces_by_id(face_ids: Iterable[int]) -> dict[int, FaceRow]:
    """Face rows of ``face_ids`` (any order; ids that are gone are left out)."""
    ids = list(face_ids)
    out: dict[int, FaceRow] = {}
    for k in range(0, len(ids), 500):
        out.update(
            (r.id, r) for r in _face_rows(_face_select().where(Face.id.in_(ids[k : k + 500])))
        )
    return out


def person_names(person_ids: Iterable[int]) -> dict[int, str | None]:
    """The names of the people ``person_ids`` (None for an unnamed one; gone ones left out)."""
    ids = list(set(person_ids))
    out: dict[int, str | None] = {}
    for k in range(0, len(ids), 500):
        out.update(
            Person.select(Person.id, Person.name).where(Person.id.in_(ids[k : k + 500])).tuples()
        )
    return out


def excluded_people(face_id: int) -> list[int]:
    """The people the user took this face out of."""
    return [ex.person_id for ex in FaceExclusion.select().where(FaceExclusion.face == face_id)]
