"""A small library written row by row (no models needed), and a snapshot of everything in it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pictopy_desktop.storage.database import open_database
from pictopy_desktop.storage.tables import Album, AlbumImage, Face, Image, LibraryFolder, Person

USER_TABLES = (
    "library_folder",
    "image",
    "person",
    "face",
    "face_exclusion",
    "album",
    "album_image",
    "undo_entry",
)


def content_hash(n: int) -> str:
    return f"{n:032x}"


def make_library(data_dir: Path, photos: Path | None = None, count: int = 4) -> Path:
    """``count`` photos (files in ``photos`` when given) each with one face; Bob's face confirmed
    on photo 1, an unnamed person holding photo 3's face, photo 1 in the album "Local"."""
    data_dir.mkdir(parents=True, exist_ok=True)
    db_path = data_dir / "library.sqlite3"
    db = open_database(db_path)
    root = photos or Path("/photos")
    with db.atomic():
        folder = LibraryFolder.create(path=str(root))
        bob = Person.create(name="Bob", user_named=True)
        cluster = Person.create()
        album = Album.create(name="Local")
        for i in range(1, count + 1):
            path = root / f"photo{i}.jpg"
            if photos is not None:
                path.write_bytes(bytes([i]) * (2000 + i))
            img = Image.create(
                path=str(path),
                folder=folder,
                size=2000 + i,
                mtime=1.0,
                content_hash=content_hash(i),
                state="done",
            )
            person, confirmed = (
                (bob, True) if i == 1 else (cluster, False) if i == 3 else (None, False)
            )
            face = Face.create(
                image=img, x1=10, y1=10, x2=50, y2=60, score=0.9, person=person, confirmed=confirmed
            )
            if person is not None:
                Person.update(cover_face_id=face.id).where(Person.id == person.id).execute()
        AlbumImage.create(album=album, image=Image.get(Image.content_hash == content_hash(1)))
    db.close()
    return db_path


def snapshot(db_path: Path, tables: tuple[str, ...] = USER_TABLES) -> dict[str, list[tuple]]:
    """Every row of the user's tables, in rowid order (read through a separate connection)."""
    con = sqlite3.connect(db_path)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables}
    finally:
        con.close()


def face_ref(n: int) -> dict:
    """The file's reference to photo ``n``'s face."""
    return {"image": content_hash(n), "box": [10.0, 10.0, 50.0, 60.0]}


def export_of(**parts) -> dict:
    data = {
        "format": "pictopy-library-export",
        "version": 1,
        "people": [],
        "not_faces": [],
        "albums": [],
        "favourites": [],
    }
    data.update(parts)
    return data
