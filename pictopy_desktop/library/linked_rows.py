"""Libraries indexed before paths were resolved: a folder added through a link becomes its real folder.

An older PictoPy stored a folder added once directly and once through a symlink as two
folders, so each file was two photos. Here each such photo becomes one again: the row
under the link's name gives what the user gave it (heart, caption, albums, named and
confirmed faces) to the row of the real file, then leaves; a row with no twin just takes
its real path. Nothing runs for a folder that can't be seen now (its link can't be resolved).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from peewee import SqliteDatabase

from pictopy_desktop.library.photo_store import remove_images
from pictopy_desktop.storage.tables import AlbumImage, Face, FaceExclusion, Image, LibraryFolder

log = logging.getLogger(__name__)


def _under(path: str):
    prefix = path.rstrip(os.sep) + os.sep
    return (Image.path >= prefix) & (Image.path < prefix + "\U0010ffff")


def _overlap(a: Face, b: Face) -> float:
    """Intersection over union of two face boxes."""
    ix = max(0.0, min(a.x2, b.x2) - max(a.x1, b.x1))
    iy = max(0.0, min(a.y2, b.y2) - max(a.y1, b.y1))
    inter = ix * iy
    union = (a.x2 - a.x1) * (a.y2 - a.y1) + (b.x2 - b.x1) * (b.y2 - b.y1) - inter
    return inter / union if union > 0 else 0.0


def _decided(face: Face) -> bool:
    return bool(face.confirmed or face.ignored)


def _face_conflict(source: Image, target: Image) -> Face | None:
    """A face the user decided on ``source`` that ``target`` holds decided otherwise, if any."""
    target_faces = [f for f in Face.select().where(Face.image == target.id) if _decided(f)]
    for face in Face.select().where((Face.image == source.id) & (Face.confirmed | Face.ignored)):
        for twin in target_faces:
            if _overlap(twin, face) >= 0.5 and (twin.person_id, bool(twin.ignored)) != (
                face.person_id,
                bool(face.ignored),
            ):
                return face
    return None


def give_user_data(source: Image, target: Image) -> bool:
    """Copy what the user gave ``source`` onto ``target`` (the same picture); call inside a transaction.

    Returns False, changing nothing, where ``target`` has a face the user decided otherwise
    than on ``source`` (another name at the same place): the caller then keeps ``source``,
    so no confirmed face is lost.
    """
    if _face_conflict(source, target) is not None:
        log.info("Photo %d keeps its own row: its faces were named otherwise", source.id)
        return False
    Image.update(
        favourite=bool(source.favourite or target.favourite),
        description=target.description or source.description,
    ).where(Image.id == target.id).execute()
    for entry in AlbumImage.select().where(AlbumImage.image == source.id):
        AlbumImage.insert(
            album=entry.album_id, image=target.id, added_at=entry.added_at
        ).on_conflict_ignore().execute()
    target_faces = list(Face.select().where(Face.image == target.id))
    for face in Face.select().where(
        (Face.image == source.id) & (Face.person.is_null(False) | Face.confirmed | Face.ignored)
    ):
        twin = max(target_faces, key=lambda f: _overlap(f, face), default=None)
        if twin is None or _overlap(twin, face) < 0.5:
            Face.update(image=target.id).where(
                Face.id == face.id
            ).execute()  # the face itself moves over
            continue
        if _decided(twin):
            continue  # the user decided the same about this face on the target (checked above)
        Face.update(person=face.person_id, confirmed=face.confirmed, ignored=face.ignored).where(
            Face.id == twin.id
        ).execute()
        FaceExclusion.update(face=twin.id).where(FaceExclusion.face == face.id).execute()
    return True


def merge_linked_folders(db: SqliteDatabase, thumbnails_dir: Path) -> int:
    """Make every library folder stored under a link name its real folder; returns how many photos became one."""
    merged = 0
    for folder in list(LibraryFolder.select()):
        real = os.path.realpath(folder.path)
        if real == folder.path or not os.path.isdir(real):
            continue
        home = next(
            (
                f
                for f in LibraryFolder.select()
                if f.id != folder.id and (real == f.path or Path(real).is_relative_to(f.path))
            ),
            None,
        )
        twins: list[int] = []
        with db.atomic():
            if home is None:
                LibraryFolder.update(path=real).where(LibraryFolder.id == folder.id).execute()
                home = folder
            for row in list(Image.select().where(_under(folder.path))):
                real_path = os.path.realpath(row.path)
                twin = Image.get_or_none(Image.path == real_path)
                if twin is None:
                    Image.update(path=real_path, folder=home.id).where(Image.id == row.id).execute()
                elif twin.id != row.id and give_user_data(row, twin):
                    twins.append(row.id)
            if home.id != folder.id:
                Image.update(folder=home.id).where(Image.folder == folder.id).execute()
                LibraryFolder.delete().where(LibraryFolder.id == folder.id).execute()
        remove_images(db, twins, thumbnails_dir)
        if twins:
            log.info(
                "%s is %s: %d photos stored twice are one again", folder.path, real, len(twins)
            )
        merged += len(twins)
    return merged
