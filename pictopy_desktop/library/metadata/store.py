"""Putting what a photo's files say into the library, and named regions onto faces.

``apply_file_metadata`` runs in the indexer's write transaction whenever a photo or its
sidecar is read (phase one: no models needed). What the files say wins; what they do
not say keeps the value PictoPy has (a caption typed in PictoPy stays until a file
says otherwise). Keywords from files are replaced as a whole; keywords the user typed
are never touched. A favourite is never taken away.

Named regions become confirmed faces of named people: on the detected face they
overlap most (``box_iou`` >= ``MIN_REGION_IOU``), else on a face of their own
(``FaceSource.METADATA``, no embedding) until the detector finds one under it
(``match_metadata_faces``, after each analysis). Clustering never moves a confirmed
face or renames a named person, so names from files are never overwritten. A face the
user confirmed with someone else, or called "not a face", keeps the user's word.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from peewee import SqliteDatabase, fn

from pictopy_desktop.library.metadata.face_regions import rotate_box
from pictopy_desktop.library.metadata.file_metadata import Box, FileMetadata, NamedRegion
from pictopy_desktop.library.metadata.sidecar_stamps import record_stamp
from pictopy_desktop.library.metadata.xmp_reader import ORIENTATION_TURNS, read_file_metadata
from pictopy_desktop.people import people_service as ps
from pictopy_desktop.people.face_matching import box_iou
from pictopy_desktop.people.face_refresh import new_face_id
from pictopy_desktop.storage.tables import Face, FaceExclusion, FaceSource, Image, Keyword, Person

if TYPE_CHECKING:
    from pictopy_desktop.library.index_report import IndexReport

log = logging.getLogger(__name__)

# A region and a detected face are the same face from this overlap on: other programs
# draw face regions somewhat larger or smaller than our detector (a region 1.5x the face's
# size still overlaps it by 0.44), while two faces side by side hardly overlap at all.
MIN_REGION_IOU = 0.3
# A face made from a region is that region again from this overlap on (the file's own box).
SAME_REGION_IOU = 0.5
FILE_SOURCES = ("xmp", "iptc")


def apply_file_metadata(
    image: Image, meta: FileMetadata, five_stars_favourite: bool = True
) -> bool:
    """Store ``meta`` on ``image`` (a fresh row); True when faces or people changed. Call inside a transaction."""
    fields: dict = {}
    if meta.rating is not None:
        fields["rating"] = meta.rating
        if meta.rating == 5 and five_stars_favourite:
            fields["favourite"] = True
    for name in ("color_label", "title", "description"):
        if getattr(meta, name) is not None:
            fields[name] = getattr(meta, name)
    if image.latitude is None and meta.latitude is not None:
        fields.update(latitude=meta.latitude, longitude=meta.longitude)
    if meta.taken_at is not None and image.taken_at is None:
        fields.update(taken_at=meta.taken_at, utc_offset_min=meta.utc_offset_min)
    elif image.utc_offset_min is None and meta.utc_offset_min is not None:
        if meta.taken_at == image.taken_at:  # the zone of this very time, not another date's
            fields["utc_offset_min"] = meta.utc_offset_min
    turns = sidecar_turns(image.orientation, meta.orientation)
    if turns is not None:
        fields["rotation"] = 90 * turns
    if fields:
        Image.update(**fields).where(Image.id == image.id).execute()
    _store_keywords(image.id, meta)
    # Regions are drawn on the photo as the sidecar's orientation shows it (as EXIF shows
    # it where the sidecar has none): back to the pixels as EXIF turns them.
    regions = [NamedRegion(r.name, rotate_box(r.box, -(turns or 0))) for r in meta.regions]
    return place_named_regions(image, regions)


def reread_file_metadata(
    db: SqliteDatabase,
    rows: list[tuple[Image, Path, str]],
    report: IndexReport,
    five_stars_favourite: bool = True,
) -> None:
    """Read again the XMP/IPTC of unchanged photos whose sidecar came, changed or went.

    ``rows``: (photo row, path, the sidecar stamp now) from the scan plan; each photo in
    a transaction of its own, its new stamp recorded with it.
    """
    for row, path, stamp in rows:
        meta = read_file_metadata(path)
        report.messages.extend(meta.problems)
        with db.atomic():
            image = Image.get_or_none(Image.id == row.id)
            if image is None:
                continue
            apply_file_metadata(image, meta, five_stars_favourite)
            record_stamp(image.id, stamp)
        log.info("Metadata of %s read again: its sidecar changed", path)


def sidecar_turns(exif_orientation: int | None, sidecar_orientation: int | None) -> int | None:
    """Quarter turns clockwise that a sidecar's orientation adds to the photo's own, if both are plain turns."""
    own = ORIENTATION_TURNS.get(exif_orientation or 1)
    written = ORIENTATION_TURNS.get(sidecar_orientation) if sidecar_orientation else None
    if own is None or written is None:
        return None
    return (written - own) % 4


def _store_keywords(image_id: int, meta: FileMetadata) -> None:
    Keyword.delete().where((Keyword.image == image_id) & Keyword.source.in_(FILE_SOURCES)).execute()
    if meta.keywords:
        Keyword.insert_many(
            [dict(image=image_id, name=k.name, path=k.path, source=k.source) for k in meta.keywords]
        ).on_conflict_ignore().execute()  # a keyword the user typed already says it


def _named_person(name: str, cover_face_id: int) -> Person:
    """The named person called ``name`` (exact, then ignoring case), or a new one."""
    person = (
        Person.select()
        .where((Person.name == name) & (Person.user_named == True))
        .order_by(Person.id)
        .first()
        or Person.select()
        .where((fn.LOWER(Person.name) == name.lower()) & (Person.user_named == True))
        .order_by(Person.id)
        .first()
    )
    return person or ps.new_person(name=name, user_named=True, cover_face_id=cover_face_id)


def _pixels(box: Box, width: int, height: int) -> tuple[float, float, float, float]:
    return (box[0] * width, box[1] * height, box[2] * width, box[3] * height)


def _give_face(face: Face, name: str, touched: set[int]) -> None:
    """Confirm ``face`` in the named person ``name``; its old unnamed group loses it."""
    person = _named_person(name, face.id)
    if face.person_id is not None:
        touched.add(face.person_id)
    Face.update(person=person.id, confirmed=True).where(Face.id == face.id).execute()
    touched.add(person.id)


def _settle(people: Iterable[int]) -> None:
    """Covers of the people whose faces moved; unnamed people left empty go."""
    people = set(people)
    ps.refresh_covers(people)
    for pid in people:
        person = Person.get_or_none(Person.id == pid)
        if person is not None and not person.user_named and not person.hidden and ps.is_empty(pid):
            person.delete_instance()


def _person_names(face_rows: Iterable[Face]) -> dict[int, str]:
    ids = {f.person_id for f in face_rows if f.person_id is not None}
    return {
        p.id: (p.name or "").lower()
        for p in Person.select(Person.id, Person.name).where(
            Person.id.in_(list(ids)) & (Person.user_named == True)
        )
    }


def _refused_names(face_ids: list[int]) -> dict[int, set[str]]:
    """Per face, the names of the people the user said it is not."""
    refused: dict[int, set[str]] = {}
    rows = (
        FaceExclusion.select(FaceExclusion.face, Person.name)
        .join(Person)
        .where(FaceExclusion.face.in_(face_ids) & Person.name.is_null(False))
        .tuples()
    )
    for face_id, name in rows:
        refused.setdefault(face_id, set()).add(name.lower())
    return refused


def place_named_regions(image: Image, regions: list[NamedRegion]) -> bool:
    """Make the faces of ``image`` say what its regions say; True when faces or people changed.

    A face made from a region earlier stays while the file still has a region there
    (whatever the user has since said about it: renamed, taken out, "not a face"), and
    goes when the file no longer has one. Every other region names the face it overlaps,
    or becomes a face of its own.
    """
    width, height = image.width or 0, image.height or 0
    if not width or not height:
        return False
    faces = list(Face.select().where(Face.image == image.id).order_by(Face.id))
    names = _person_names(faces)
    boxes = [_pixels(r.box, width, height) for r in regions]
    changed = False
    touched: set[int] = set()
    placed: set[int] = set()  # regions the library already holds
    for face in [f for f in faces if f.source == FaceSource.METADATA]:
        own = (face.x1, face.y1, face.x2, face.y2)
        same = [i for i, box in enumerate(boxes) if box_iou(own, box) >= SAME_REGION_IOU]
        if same:
            placed.update(same)
            continue
        # The file no longer has this region: the face came from the file alone.
        Face.delete().where(Face.id == face.id).execute()
        faces.remove(face)
        if face.person_id is not None:
            touched.add(face.person_id)
        changed = True
    refused = _refused_names([f.id for f in faces])
    for i, region in enumerate(regions):
        name = region.name.lower()
        if i in placed or any(names.get(f.person_id) == name for f in faces):
            continue  # already someone's face here: the region said nothing new
        overlaps = sorted(
            ((box_iou(boxes[i], (f.x1, f.y1, f.x2, f.y2)), f.id, f) for f in faces),
            key=lambda c: (-c[0], c[1]),
        )
        best = overlaps[0][2] if overlaps and overlaps[0][0] >= MIN_REGION_IOU else None
        if best is not None and (
            best.confirmed or best.ignored or name in refused.get(best.id, set())
        ):
            continue  # the user already said who this is, or that it is not them
        if best is None:
            best = _metadata_face(image.id, boxes[i])
        _give_face(best, region.name, touched)
        best = Face.get_by_id(best.id)
        names[best.person_id] = name
        faces = [f for f in faces if f.id != best.id] + [best]
        changed = True
    _settle(touched)
    if changed:
        ps.bump_generation()
    return changed


def _metadata_face(image_id: int, box: tuple[float, float, float, float]) -> Face:
    """A face of its own for a region no detected face lies under (no embedding: never clustered)."""
    x1, y1, x2, y2 = box
    face_id = Face.insert(
        id=new_face_id(),
        image=image_id,
        x1=x1,
        y1=y1,
        x2=x2,
        y2=y2,
        score=1.0,
        source=FaceSource.METADATA,
    ).execute()
    return Face.get_by_id(face_id)


def match_metadata_faces(image_id: int) -> bool:
    """After the detector ran: each named region's face moves onto the detected face under it.

    The detected face takes the name (confirmed) and the region's own face goes. Call
    inside a transaction; True when something changed.
    """
    faces = list(Face.select().where(Face.image == image_id).order_by(Face.id))
    regions = [f for f in faces if f.source == FaceSource.METADATA and f.person_id is not None]
    if not regions:
        return False
    detected = [f for f in faces if f.source != FaceSource.METADATA and not f.ignored]
    touched: set[int] = set()
    changed = False
    pairs = sorted(
        (
            (box_iou((r.x1, r.y1, r.x2, r.y2), (d.x1, d.y1, d.x2, d.y2)), r.id, d.id)
            for r in regions
            for d in detected
            if not (d.confirmed and d.person_id is not None and d.person_id != r.person_id)
        ),
        reverse=True,
    )
    by_id = {f.id: f for f in faces}
    used: set[int] = set()
    for iou, region_id, detected_id in pairs:
        if iou < MIN_REGION_IOU or region_id in used or detected_id in used:
            continue
        used.update((region_id, detected_id))
        region, face = by_id[region_id], by_id[detected_id]
        if face.person_id is not None and face.person_id != region.person_id:
            touched.add(face.person_id)
        Face.update(person=region.person_id, confirmed=True).where(Face.id == face.id).execute()
        Face.delete().where(Face.id == region.id).execute()
        touched.add(region.person_id)
        changed = True
    if changed:
        _settle(touched)
        ps.bump_generation()
    return changed
