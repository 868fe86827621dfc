"""Moving a library's work to another machine: copy photos out, export/import names and albums.

The JSON file is keyed by content hash (and, for faces, a box in the photo), not by
paths or row ids, so it applies to the same photos on a new machine wherever they live.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peewee import SqliteDatabase

from pictopy_desktop.errors import PictoPyError
from pictopy_desktop.storage.tables import Album, AlbumImage, Face, Image, Person

FORMAT = "pictopy-library-export"
FORMAT_VERSION = 1


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
    """Copy the photos' files into ``dest``; same-named files get a numeric suffix, never overwritten."""
    dest.mkdir(parents=True, exist_ok=True)
    report = ExportReport()
    for img in Image.select(Image.path).where(Image.id.in_(image_ids)).order_by(Image.path):
        src = Path(img.path)
        target = dest / src.name
        n = 1
        while target.exists():
            target = dest / f"{src.stem}-{n}{src.suffix}"
            n += 1
        try:
            shutil.copy2(src, target)
            report.copied.append(str(target))
        except OSError as exc:
            report.failed.append((str(src), exc.strerror or str(exc)))
    return report


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
                ],
            }
        )
    ignored = [
        {"image": f.image.content_hash, "box": _box(f)}
        for f in Face.select(Face, Image.content_hash).join(Image).where(Face.ignored == True)  # noqa: E712
    ]
    albums = [
        {
            "name": album.name,
            "images": [
                e.image.content_hash
                for e in AlbumImage.select(AlbumImage, Image.content_hash).join(Image).where(AlbumImage.album == album.id)
            ],
        }
        for album in Album.select().order_by(Album.name)
    ]
    favourites = [img.content_hash for img in Image.select(Image.content_hash).where(Image.favourite == True)]  # noqa: E712
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
    people: int = 0
    faces_assigned: int = 0
    albums: int = 0
    album_photos: int = 0
    favourites: int = 0
    not_found: int = 0


def _iou(a: list[float], b: list[float]) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def _find_face(content_hash: str, box: list[float]) -> Face | None:
    best, best_iou = None, 0.5
    for face in Face.select().join(Image).where(Image.content_hash == content_hash):
        iou = _iou(_box(face), box)
        if iou >= best_iou:
            best, best_iou = face, iou
    return best


def import_metadata(db: SqliteDatabase, data: dict[str, Any]) -> ImportReport:
    """Apply an export to this library, in one transaction; photos not (yet) here are counted."""
    if data.get("format") != FORMAT:
        raise PictoPyError("This file is not a PictoPy library export.")
    if int(data.get("version", 0)) > FORMAT_VERSION:
        raise PictoPyError("This export was written by a newer PictoPy; update PictoPy to import it.")
    report = ImportReport()
    with db.atomic():
        for entry in data.get("people", []):
            name = entry.get("name")
            person = Person.get_or_none(Person.name == name) if name else None
            if person is None:
                person = Person.create(name=name, user_named=bool(name), hidden=bool(entry.get("hidden")))
            report.people += 1
            for f in entry.get("faces", []):
                face = _find_face(f["image"], f["box"])
                if face is None:
                    report.not_found += 1
                    continue
                face.person = person
                face.confirmed = True
                face.save()
                if f.get("cover"):
                    person.cover_face_id = face.id
                report.faces_assigned += 1
            person.save()
        for f in data.get("not_faces", []):
            face = _find_face(f["image"], f["box"])
            if face is not None:
                Face.update(ignored=True, person=None).where(Face.id == face.id).execute()
        hashes = {h for a in data.get("albums", []) for h in a.get("images", [])} | set(data.get("favourites", []))
        by_hash: dict[str, list[int]] = {}
        for img in Image.select(Image.id, Image.content_hash).where(Image.content_hash.in_(list(hashes))):
            by_hash.setdefault(img.content_hash, []).append(img.id)
        for entry in data.get("albums", []):
            album = Album.get_or_none(Album.name == entry["name"]) or Album.create(name=entry["name"])
            report.albums += 1
            for h in entry.get("images", []):
                ids = by_hash.get(h)
                if not ids:
                    report.not_found += 1
                    continue
                for image_id in ids:
                    AlbumImage.insert(album=album.id, image=image_id).on_conflict_ignore().execute()
                    report.album_photos += 1
        for h in data.get("favourites", []):
            ids = by_hash.get(h, [])
            report.favourites += Image.update(favourite=True).where(Image.id.in_(ids)).execute() if ids else 0
    return report
