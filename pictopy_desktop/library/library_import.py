"""Applying a names-and-albums export (``export_file.py``) to this library: one transaction, one undo step.

An import only adds: names to faces, albums, album photos, favourites. Where this
library's user said otherwise, their word stands and the import reports a conflict:
a face confirmed as another named person, a face taken out of that person, a face
marked "not a face" (and, for the file's "not a face", any face confirmed here).
`pictopy people undo` (Ctrl+Z in the app) takes the whole import back, and redo puts it back.

Faces, names and exclusions are read once, up front, so the cost per face is the writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from peewee import SqliteDatabase

from pictopy_desktop.library.changes import NO_CHANGES, OpChanges
from pictopy_desktop.library.export_file import FaceRef, LibraryExport, PersonEntry, parse_export
from pictopy_desktop.people import people_ops, people_store, undo_journal
from pictopy_desktop.people.face_matching import box_iou
from pictopy_desktop.storage.tables import Album, AlbumImage, Face, FaceExclusion, Image, Person

CHUNK = 500  # ids or hashes per IN (...) query (SQLite's variable limit is far above)
MATCH_IOU = 0.5  # a face in the file is this library's face when their boxes overlap this much


@dataclass
class ImportReport:
    """What an import did; ``conflicts`` lists what it left alone because this library says otherwise."""

    people: int = 0
    faces_assigned: int = 0
    albums: int = 0
    album_photos: int = 0
    favourites: int = 0
    not_found: int = 0
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    undoable: bool = False  # it changed something, as one step `pictopy people undo` takes back
    changes: OpChanges = NO_CHANGES  # what it changed, for the views to refresh

    def to_dict(self) -> dict[str, Any]:
        """The report as ``pictopy import --json`` prints it (what changed is for the views, not scripts)."""
        return {k: v for k, v in self.__dict__.items() if k != "changes"}


def _chunks(items: list[Any]) -> Any:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


class _Library:
    """What the import needs to know about this library, read once and kept current as it writes."""

    def __init__(self, export: LibraryExport) -> None:
        hashes = list(
            {r.image for p in export.people for r in p.faces} | {r.image for r in export.not_faces}
        )
        self.faces: dict[str, list[Face]] = {}
        columns = (
            Face.id,
            Face.image,
            Face.x1,
            Face.y1,
            Face.x2,
            Face.y2,
            Face.person,
            Face.confirmed,
            Face.ignored,
        )
        for chunk in _chunks(hashes):
            for face in (
                Face.select(*columns, Image.content_hash)
                .join(Image)
                .where(Image.content_hash.in_(chunk))
            ):
                self.faces.setdefault(face.image.content_hash, []).append(face)
        self.people: dict[int, Person] = {p.id: p for p in Person.select()}
        self.by_name: dict[str, Person] = {}
        self.by_lower: dict[str, Person] = {}
        for person in sorted(self.people.values(), key=lambda p: p.id):
            if person.user_named and person.name:
                self.by_name.setdefault(person.name, person)
                self.by_lower.setdefault(person.name.lower(), person)
        face_ids = [f.id for faces in self.faces.values() for f in faces]
        self.exclusions: set[tuple[int, int]] = set()
        for chunk in _chunks(face_ids):
            self.exclusions |= {
                (e.face_id, e.person_id)
                for e in FaceExclusion.select().where(FaceExclusion.face.in_(chunk))
            }

    def find_face(self, ref: FaceRef) -> Face | None:
        """This library's face at ``ref``: the one whose box overlaps it most (IoU >= ``MATCH_IOU``)."""
        best, best_iou = None, MATCH_IOU
        for face in self.faces.get(ref.image, ()):
            iou = box_iou((face.x1, face.y1, face.x2, face.y2), ref.box)
            if iou >= best_iou:
                best, best_iou = face, iou
        return best

    def named(self, name: str) -> Person | None:
        """The named person called ``name``: exact first, then ignoring case (as naming a face does)."""
        return self.by_name.get(name) or self.by_lower.get(name.lower())

    def add_person(self, person: Person) -> None:
        self.people[person.id] = person
        if person.user_named and person.name:
            self.by_name.setdefault(person.name, person)
            self.by_lower.setdefault(person.name.lower(), person)

    def label(self, person_id: int | None) -> str:
        person = self.people.get(person_id) if person_id is not None else None
        return "nobody" if person is None else person.name or f"Person {person.id}"

    def conflict(self, face: Face, ref: FaceRef, wanted: str, target: int | None) -> str | None:
        """How this library's user placed ``face`` against the file, if they did (None: free to change)."""
        if face.ignored:
            return 'marked "not a face"'
        holder = self.people.get(face.person_id) if face.person_id is not None else None
        if (
            holder is not None
            and holder.id != target
            and face.confirmed
            and (holder.user_named or target is None)
        ):
            return f"confirmed as {self.label(holder.id)}"
        if target is not None and (face.id, target) in self.exclusions:
            return f"taken out of {wanted}"
        return None


def _conflict_entry(face: Face, ref: FaceRef, wanted: str, here: str) -> dict[str, Any]:
    return {
        "face_id": face.id,
        "image": ref.image,
        "box": list(ref.box),
        "file": wanted,
        "library": here,
    }


def _person_for(
    lib: _Library, entry: PersonEntry, faces: list[Face], undo: undo_journal.UndoStep
) -> tuple[Person | None, bool]:
    """The person an entry of the file lands in, and whether the import created it.

    A name goes to the named person of that name; an unnamed (hidden) person to the one
    person that already holds its faces, else a new one.
    """
    if entry.name:
        person = lib.named(entry.name)
        if person is not None:
            undo.person(person)
            return person, False
        person = people_store.new_person(name=entry.name, user_named=True, hidden=entry.hidden)
    else:
        holders = {f.person_id for f in faces}
        if len(holders) == 1 and None not in holders:
            person = lib.people[holders.pop()]
            undo.person(person)
            return person, False
        if not faces:
            return None, False
        person = people_store.new_person(hidden=entry.hidden)
    undo.created_people.append(person.id)
    lib.add_person(person)
    return person, True


def import_metadata(
    db: SqliteDatabase, data: dict[str, Any] | LibraryExport, source: str = "the file"
) -> ImportReport:
    """Apply an export to this library (bound to ``db``) as one transaction and one undo step.

    ``data`` is checked first (``parse_export``); a file that fails changes nothing.
    Photos not (yet) here are counted in ``not_found``; what the user decided otherwise
    here is listed in ``conflicts`` and left as it is.
    """
    export = data if isinstance(data, LibraryExport) else parse_export(data, source)
    report = ImportReport()
    with people_store.write_transaction():
        lib = _Library(export)
        undo = undo_journal.UndoStep()
        touched: set[int] = set()
        changed = _import_people(lib, export, undo, report, touched)
        changed |= _import_not_faces(lib, export, undo, report, touched)
        people_store.refresh_covers(touched)
        for pid in touched:
            people_ops.drop_if_empty(undo, pid)
        _import_albums_and_favourites(export, undo, report)
        changed = changed or any(
            (
                undo.faces,
                undo.created_people,
                undo.albums_created,
                undo.album_images_added,
                undo.favourites_set,
            )
        )
        if changed:
            report.changes = undo.save(f"Import names and albums from {source}").changes
            report.undoable = True
    return report


def _import_people(
    lib: _Library,
    export: LibraryExport,
    undo: undo_journal.UndoStep,
    report: ImportReport,
    touched: set[int],
) -> bool:
    """Names onto faces; True when a cover changed (the rest shows in ``undo``)."""
    changed = False
    for entry in export.people:
        found = [(ref, lib.find_face(ref)) for ref in entry.faces]
        report.not_found += sum(face is None for _, face in found)
        faces = [(ref, face) for ref, face in found if face is not None]
        person, created = _person_for(lib, entry, [f for _, f in faces], undo)
        if person is None:
            continue
        report.people += 1
        wanted = lib.label(person.id)
        cover = None
        for ref, face in faces:
            here = lib.conflict(face, ref, wanted, person.id)
            if here is not None:
                report.conflicts.append(_conflict_entry(face, ref, wanted, here))
                continue
            if face.person_id != person.id or not face.confirmed:
                if face.person_id is not None and face.person_id != person.id:
                    touched.add(face.person_id)
                    lib.exclusions.add((face.id, face.person_id))  # as _put_face records
                people_ops.put_face(undo, face, person.id)
                face.person_id, face.confirmed = person.id, True  # keep the read-once copy current
            report.faces_assigned += 1
            if ref.cover:
                cover = face.id
        current = Person.get_by_id(person.id)
        if (
            cover is not None
            and current.cover_face_id != cover
            and (created or current.cover_face_id is None)
        ):
            Person.update(cover_face_id=cover).where(Person.id == person.id).execute()
            changed = True
        touched.add(person.id)
    return changed


def _import_not_faces(
    lib: _Library,
    export: LibraryExport,
    undo: undo_journal.UndoStep,
    report: ImportReport,
    touched: set[int],
) -> bool:
    """The file's "not a face" marks; never over a face the user confirmed here."""
    for ref in export.not_faces:
        face = lib.find_face(ref)
        if face is None:
            report.not_found += 1
            continue
        if face.ignored:
            continue
        here = lib.conflict(face, ref, "not a face", None)
        if here is not None:
            report.conflicts.append(_conflict_entry(face, ref, "not a face", here))
            continue
        undo.face(face)
        if face.person_id is not None:
            undo.person(lib.people[face.person_id])
            touched.add(face.person_id)
        Face.update(ignored=True, person=None, confirmed=False).where(Face.id == face.id).execute()
        face.ignored, face.person_id, face.confirmed = True, None, False
    return False


def _import_albums_and_favourites(
    export: LibraryExport, undo: undo_journal.UndoStep, report: ImportReport
) -> None:
    hashes = list({h for a in export.albums for h in a.images} | set(export.favourites))
    by_hash: dict[str, list[int]] = {}
    for chunk in _chunks(hashes):
        for img in Image.select(Image.id, Image.content_hash).where(Image.content_hash.in_(chunk)):
            by_hash.setdefault(img.content_hash, []).append(img.id)
    albums = {
        a.name: a for a in Album.select().order_by(Album.id.desc())
    }  # the oldest of a name wins
    for entry in export.albums:
        album = albums.get(entry.name)
        if album is None:
            album = albums[entry.name] = Album.create(name=entry.name)
            undo.albums_created.append(album.id)
        report.albums += 1
        there = {
            e.image_id
            for e in AlbumImage.select(AlbumImage.image).where(AlbumImage.album == album.id)
        }
        for h in entry.images:
            ids = by_hash.get(h)
            if not ids:
                report.not_found += 1
                continue
            for image_id in ids:
                if image_id not in there:
                    AlbumImage.insert(album=album.id, image=image_id).execute()
                    undo.album_images_added.append((album.id, image_id))
                    there.add(image_id)
                report.album_photos += 1
    favourites = [i for h in export.favourites for i in by_hash.get(h, [])]
    report.not_found += sum(1 for h in export.favourites if h not in by_hash)
    report.favourites = len(favourites)
    for chunk in _chunks(list(dict.fromkeys(favourites))):
        newly = [
            i.id
            for i in Image.select(Image.id).where(Image.id.in_(chunk) & (Image.favourite == False))
        ]
        if newly:
            Image.update(favourite=True).where(Image.id.in_(newly)).execute()
            undo.favourites_set.extend(newly)
