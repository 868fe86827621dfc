"""Moving a library's work to another machine: copy photos out, export/import names and albums.

The JSON file is keyed by content hash (and, for faces, a box in the photo), not by
paths or row ids, so it applies to the same photos on a new machine wherever they live.
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Sequence
from typing import Any

from peewee import SqliteDatabase, fn

from pictopy_desktop.errors import PictoPyError
from pictopy_desktop.library.export_file import FORMAT, FORMAT_VERSION, FaceRef, LibraryExport, PersonEntry, parse_export
from pictopy_desktop.people import people_service
from pictopy_desktop.storage.tables import Album, AlbumImage, Face, FaceExclusion, Image, Person

log = logging.getLogger(__name__)


@dataclass
class ExportReport:
    copied: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def album_image_ids(album_id: int) -> list[int]:
    return [e.image_id for e in AlbumImage.select(AlbumImage.image).where(AlbumImage.album == album_id)]


def person_image_ids(person_id: int) -> list[int]:
    q = Face.select(Face.image).where((Face.person == person_id) & (Face.ignored == False)).distinct()  # noqa: E712
    return [f.image_id for f in q]


def copy_photos(image_ids: list[int], dest: Path) -> ExportReport:
    """Copy the photos' files into ``dest``; same-named files get a numeric suffix, never overwritten.

    ``dest`` (the folder the user chose) is created if needed. Inside it nothing is written
    through a symbolic link: each copy goes to a temporary file created exclusively, which
    then takes a name that nothing occupies (not even a dangling link). A copy that fails
    leaves no temporary file behind. (``dest`` itself may be a link: the user chose it.)
    """
    _prepare_destination(dest)
    report = ExportReport()
    for img in Image.select(Image.path).where(Image.id.in_(image_ids)).order_by(Image.path):
        src = Path(img.path)
        try:
            report.copied.append(str(_copy_one(src, dest)))
        except OSError as exc:
            report.failed.append((str(src), exc.strerror or str(exc)))
    return report


def _prepare_destination(dest: Path) -> None:
    """Make ``dest`` a folder (creating what is missing), or say in one sentence why it cannot be."""
    if os.path.lexists(dest) and not dest.is_dir():
        raise PictoPyError(f"Cannot copy photos to {dest}: it is a file, not a folder; choose a folder (or a new name).")
    missing = []
    for folder in (dest, *dest.parents):
        if os.path.lexists(folder):
            break
        missing.append(folder)
    try:
        for folder in reversed(missing):
            os.mkdir(folder)
            # Created just now, so it must be a real folder; anything else was swapped in.
            if not stat.S_ISDIR(os.lstat(folder).st_mode):
                raise PictoPyError(f"Cannot copy photos to {dest}: {folder} changed while it was being created.")
    except (FileExistsError, NotADirectoryError) as exc:
        raise PictoPyError(f"Cannot copy photos to {dest}: part of that path is a file, not a folder; choose a folder.") from exc
    except OSError as exc:
        raise PictoPyError(f"Cannot copy photos to {dest}: {exc.strerror or exc}.") from exc


def _copy_one(src: Path, dest: Path) -> Path:
    """Copy ``src`` into ``dest`` under a free name; returns that name."""
    with open(src, "rb") as reader:
        fd, tmp_name = tempfile.mkstemp(dir=dest, prefix=".pictopy-", suffix=".part")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as writer:
                shutil.copyfileobj(reader, writer, 1024 * 1024)
            try:
                shutil.copystat(src, tmp)
            except OSError as exc:  # some file systems keep no times or modes; the photo is what matters
                log.info("Could not copy the dates of %s: %s", src, exc)
            return _publish(tmp, dest, src.stem, src.suffix)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise


def _publish(tmp: Path, dest: Path, stem: str, suffix: str) -> Path:
    """Give ``tmp`` the first free name ``stem[-n]suffix`` in ``dest`` without replacing anything."""
    n = 0
    while True:
        target = dest / (f"{stem}-{n}{suffix}" if n else f"{stem}{suffix}")
        n += 1
        if os.path.lexists(target):
            continue
        try:
            os.link(tmp, target)  # fails if anything (a file, a link) took the name meanwhile
        except FileExistsError:
            continue
        except OSError:  # no hard links here (FAT, some network drives): the checked rename
            if os.path.lexists(target):
                continue
            os.replace(tmp, target)
            return target
        tmp.unlink()
        return target


def _box(obj: Any) -> list[float]:
    return [round(obj.x1, 1), round(obj.y1, 1), round(obj.x2, 1), round(obj.y2, 1)]


def export_metadata() -> dict[str, Any]:
    """People (named or hidden), their faces, albums and favourites, keyed by content hash."""
    people = []
    for person in Person.select().where((Person.user_named == True) | (Person.hidden == True)):  # noqa: E712
        faces = (
            Face.select(Face, Image.content_hash)
            .join(Image)
            .where((Face.person == person.id) & (Face.ignored == False))  # noqa: E712
        )
        people.append(
            {
                "name": person.name,
                "hidden": bool(person.hidden),
                "faces": [
                    {"image": f.image.content_hash, "box": _box(f), "cover": f.id == person.cover_face_id}
                    for f in faces
                    if f.image.content_hash
                ],
            }
        )
    ignored = [
        {"image": f.image.content_hash, "box": _box(f)}
        for f in Face.select(Face, Image.content_hash).join(Image).where(Face.ignored == True)  # noqa: E712
        if f.image.content_hash
    ]
    albums = [
        {
            "name": album.name,
            "images": [
                e.image.content_hash
                for e in AlbumImage.select(AlbumImage, Image.content_hash).join(Image).where(AlbumImage.album == album.id)
                if e.image.content_hash
            ],
        }
        for album in Album.select().order_by(Album.name)
    ]
    favourites = [
        img.content_hash
        for img in Image.select(Image.content_hash).where((Image.favourite == True) & Image.content_hash.is_null(False))  # noqa: E712
    ]
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "people": people,
        "not_faces": ignored,
        "albums": albums,
        "favourites": favourites,
    }


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


def _iou(a: Sequence[float], b: Sequence[float]) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def _find_face(content_hash: str, box: Sequence[float]) -> Face | None:
    best, best_iou = None, 0.5
    for face in Face.select().join(Image).where(Image.content_hash == content_hash):
        iou = _iou(_box(face), box)
        if iou >= best_iou:
            best, best_iou = face, iou
    return best


def _conflict(face: Face, ref: FaceRef, wanted: str, target_id: int | None = None) -> dict[str, Any] | None:
    """Why the user's word in this library keeps ``face`` from going where the file puts it, if it does."""
    here = None
    if face.ignored:
        here = 'marked "not a face"'
    elif face.person_id is not None and face.person_id != target_id and face.confirmed:
        person = Person.get_or_none(Person.id == face.person_id)
        if person is not None and person.user_named:
            here = f"confirmed as {person.name}"
    elif target_id is not None and FaceExclusion.get_or_none(
        (FaceExclusion.face == face.id) & (FaceExclusion.person == target_id)
    ):
        here = f"taken out of {wanted}"
    if here is None:
        return None
    return {"face_id": face.id, "image": ref.image, "box": list(ref.box), "file": wanted, "library": here}


def _person_for(entry: PersonEntry, faces: list[Face], undo: people_service._Undo) -> tuple[Person | None, bool]:
    """The person an entry of the file lands in, and whether the import created it.

    A name goes to the named person of that name (exact, then ignoring case); an unnamed
    hidden person to the one person that already holds its faces.
    """
    if entry.name:
        person = Person.get_or_none((Person.name == entry.name) & (Person.user_named == True)) or (  # noqa: E712
            Person.select()
            .where((fn.LOWER(Person.name) == entry.name.lower()) & (Person.user_named == True))  # noqa: E712
            .order_by(Person.id)
            .first()
        )
        if person is not None:
            undo.person(person)
            return person, False
        person = people_service.new_person(name=entry.name, user_named=True, hidden=entry.hidden)
    else:
        holders = {f.person_id for f in faces}
        if len(holders) == 1 and None not in holders:
            person = Person.get_by_id(holders.pop())
            undo.person(person)
            return person, False
        if not faces:
            return None, False
        person = people_service.new_person(hidden=entry.hidden)
    undo.created_people.append(person.id)
    return person, True


def import_metadata(db: SqliteDatabase, data: dict[str, Any] | LibraryExport, source: str = "the file") -> ImportReport:
    """Apply an export to this library as one transaction and one undo step (`pictopy people undo`).

    ``data`` is checked first (``parse_export``); a file that fails changes nothing.
    Photos not (yet) here are counted in ``not_found``. A face that this library's user
    confirmed as someone else, or marked "not a face", stays as it is and is listed in
    ``conflicts``; so is an album or favourite never taken away: an import only adds.
    """
    export = data if isinstance(data, LibraryExport) else parse_export(data, source)
    report = ImportReport()
    with people_service.write_transaction():
        undo = people_service._Undo()
        touched: set[int] = set()
        changed = False
        for entry in export.people:
            found = [(ref, _find_face(ref.image, ref.box)) for ref in entry.faces]
            report.not_found += sum(face is None for _, face in found)
            faces = [(ref, face) for ref, face in found if face is not None]
            person, created = _person_for(entry, [f for _, f in faces], undo)
            if person is None:
                continue
            report.people += 1
            wanted = person.name or f"Person {person.id}"
            cover = None
            for ref, face in faces:
                conflict = _conflict(face, ref, wanted, person.id)
                if conflict is not None:
                    report.conflicts.append(conflict)
                    continue
                if face.person_id != person.id or not face.confirmed:
                    touched.update(p for p in (face.person_id,) if p is not None)
                    people_service._put_face(undo, face, person.id)
                report.faces_assigned += 1
                if ref.cover:
                    cover = face.id
            current = Person.get_by_id(person.id)
            if cover is not None and current.cover_face_id != cover and (created or current.cover_face_id is None):
                Person.update(cover_face_id=cover).where(Person.id == person.id).execute()
                changed = True
            touched.add(person.id)
        for ref in export.not_faces:
            face = _find_face(ref.image, ref.box)
            if face is None:
                report.not_found += 1
                continue
            if face.ignored:
                continue
            conflict = _conflict(face, ref, "not a face")
            if conflict is None and face.confirmed:  # the user put it with someone here: still a face
                holder = Person.get_or_none(Person.id == face.person_id)
                here = f"confirmed as {holder.name or f'Person {holder.id}'}" if holder else "confirmed"
                conflict = {"face_id": face.id, "image": ref.image, "box": list(ref.box), "file": "not a face", "library": here}
            if conflict is not None:
                report.conflicts.append(conflict)
                continue
            undo.face(face)
            old = face.person_id
            if old is not None:
                undo.person(Person.get_by_id(old))
                touched.add(old)
            Face.update(ignored=True, person=None, confirmed=False).where(Face.id == face.id).execute()
        people_service.refresh_covers(touched)
        for pid in touched:
            people_service._drop_if_empty(undo, pid)
        _import_albums_and_favourites(export, undo, report)
        changed = changed or any(
            (undo.faces, undo.created_people, undo.albums_created, undo.album_images_added, undo.favourites_set)
        )
        if changed:
            undo.save(f"Import names and albums from {source}")
            report.undoable = True
    return report


def _import_albums_and_favourites(export: LibraryExport, undo: people_service._Undo, report: ImportReport) -> None:
    hashes = list({h for a in export.albums for h in a.images} | set(export.favourites))
    by_hash: dict[str, list[int]] = {}
    for i in range(0, len(hashes), 500):
        for img in Image.select(Image.id, Image.content_hash).where(Image.content_hash.in_(hashes[i : i + 500])):
            by_hash.setdefault(img.content_hash, []).append(img.id)
    for entry in export.albums:
        album = Album.get_or_none(Album.name == entry.name)
        if album is None:
            album = Album.create(name=entry.name)
            undo.albums_created.append(album.id)
        report.albums += 1
        for h in entry.images:
            ids = by_hash.get(h)
            if not ids:
                report.not_found += 1
                continue
            for image_id in ids:
                there = AlbumImage.select().where((AlbumImage.album == album.id) & (AlbumImage.image == image_id)).exists()
                if not there:
                    AlbumImage.insert(album=album.id, image=image_id).execute()
                    undo.album_images_added.append((album.id, image_id))
                report.album_photos += 1
    for h in export.favourites:
        ids = by_hash.get(h, [])
        if not ids:
            report.not_found += 1
            continue
        newly = [i.id for i in Image.select(Image.id).where(Image.id.in_(ids) & (Image.favourite == False))]  # noqa: E712
        if newly:
            Image.update(favourite=True).where(Image.id.in_(newly)).execute()
            undo.favourites_set.extend(newly)
        report.favourites += len(ids)
