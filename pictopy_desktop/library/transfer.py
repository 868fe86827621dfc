"""Moving a library's work to another machine: copy photos out, export names and albums.

The JSON file is keyed by content hash (and, for faces, a box in the photo), not by
paths or row ids, so it applies to the same photos on a new machine wherever they live.
Reading and checking that file is ``export_file.py``; applying it is ``library_import.py``.
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pictopy_desktop.errors import PictoPyError
from pictopy_desktop.library.export_file import FORMAT, FORMAT_VERSION
from pictopy_desktop.library.library_import import ImportReport, import_metadata
from pictopy_desktop.library.photo_files import open_regular
from pictopy_desktop.storage.tables import Album, AlbumImage, Face, Image, Person

__all__ = [
    "ExportReport",
    "ImportReport",
    "album_image_ids",
    "copy_photos",
    "export_metadata",
    "import_metadata",
    "person_image_ids",
]

log = logging.getLogger(__name__)

NAME_MAX = 255  # bytes of one file name on the common file systems, where the system does not say


@dataclass
class ExportReport:
    copied: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    raw_copied: list[str] = field(default_factory=list)  # RAW files copied beside their JPEGs
    # Rotated in the library but copied as they are (their format cannot turn without loss).
    not_turned: list[str] = field(default_factory=list)


def album_image_ids(album_id: int) -> list[int]:
    return [
        e.image_id for e in AlbumImage.select(AlbumImage.image).where(AlbumImage.album == album_id)
    ]


def person_image_ids(person_id: int) -> list[int]:
    q = (
        Face.select(Face.image)
        .where((Face.person == person_id) & (Face.ignored == False))
        .distinct()
    )
    return [f.image_id for f in q]


def copy_photos(image_ids: list[int], dest: Path, with_raw: bool = True) -> ExportReport:
    """Copy the photos' files into ``dest``; same-named files get a numeric suffix, never overwritten.

    A photo shown with its RAW (a RAW+JPEG pair) brings the RAW along unless ``with_raw`` is
    False, under the name its JPEG got (``DSC_1-1.JPG`` and ``DSC_1-1.NEF`` stay a pair).
    ``dest`` (the folder the user chose) is created if needed. Inside it nothing is written
    through a symbolic link: each copy goes to a temporary file created exclusively, which
    then takes a name that nothing occupies (not even a dangling link). A copy that fails
    leaves no temporary file behind. (``dest`` itself may be a link: the user chose it.)
    """
    _prepare_destination(dest)
    report = ExportReport()
    rows = Image.select(Image.path, Image.companion_path, Image.rotation, Image.format)
    for img in rows.where(Image.id.in_(image_ids)).order_by(Image.path):
        src = Path(img.path)
        try:
            copied, turned = _copy_one(
                src, dest, rotation=img.rotation or 0, image_format=img.format
            )
        except OSError as exc:
            report.failed.append((str(src), exc.strerror or str(exc)))
            continue
        report.copied.append(str(copied))
        if not turned:
            report.not_turned.append(str(src))
        if with_raw and img.companion_path:
            raw = Path(img.companion_path)
            try:
                report.raw_copied.append(str(_copy_one(raw, dest, stem=copied.stem)[0]))
            except OSError as exc:
                report.failed.append((str(raw), exc.strerror or str(exc)))
    return report


def _prepare_destination(dest: Path) -> None:
    """Make ``dest`` a folder (creating what is missing), or say in one sentence why it cannot be."""
    if os.path.lexists(dest) and not dest.is_dir():
        raise PictoPyError(
            f"Cannot copy photos to {dest}: it is a file, not a folder; choose a folder (or a new name)."
        )
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
                raise PictoPyError(
                    f"Cannot copy photos to {dest}: {folder} changed while it was being created."
                )
    except (FileExistsError, NotADirectoryError) as exc:
        raise PictoPyError(
            f"Cannot copy photos to {dest}: part of that path is a file, not a folder; choose a folder."
        ) from exc
    except OSError as exc:
        raise PictoPyError(f"Cannot copy photos to {dest}: {exc.strerror or exc}.") from exc


def _copy_one(
    src: Path,
    dest: Path,
    stem: str | None = None,
    rotation: int = 0,
    image_format: str | None = None,
) -> tuple[Path, bool]:
    """Copy ``src`` into ``dest`` under a free name (``stem`` instead of its own), turned by the
    library's ``rotation``.

    Returns that name, and False when the photo is rotated but its format cannot turn
    without loss (copied as it is). A RAW companion is copied as it is (its rotation is
    the JPEG's, written in the JPEG copy).
    """
    turned = True
    # A pipe or device put where a photo was would block or never end: refused unread.
    with open_regular(src) as reader:
        fd, tmp_name = tempfile.mkstemp(dir=dest, prefix=".pictopy-", suffix=".part")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as writer:
                if rotation % 360:
                    turned = _write_turned(reader, writer, src, rotation, image_format)
                else:
                    shutil.copyfileobj(reader, writer, 1024 * 1024)
            try:
                shutil.copystat(src, tmp)
            except (
                OSError
            ) as exc:  # some file systems keep no times or modes; the photo is what matters
                log.info("Could not copy the dates of %s: %s", src, exc)
            return _publish(tmp, dest, src.stem if stem is None else stem, src.suffix), turned
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise


def _write_turned(reader, writer, src: Path, rotation: int, image_format: str | None) -> bool:
    """Write the copy turned as the library shows it; False when it had to stay as it is."""
    from pictopy_desktop.library.rotated_export import turned_copy  # Pillow, on the worker

    data = reader.read()
    try:
        out = turned_copy(data, image_format, rotation)
    except (ValueError, OSError, SyntaxError) as exc:  # an odd file: the copy is still whole
        log.info("Copying %s as it is, not turned: %s", src, exc)
        out = None
    writer.write(out if out is not None else data)
    return out is not None


def _name_max(dest: Path) -> int:
    """The longest file name (in bytes) the file system holding ``dest`` takes."""
    try:
        return int(os.pathconf(dest, "PC_NAME_MAX"))
    except (AttributeError, ValueError, OSError, TypeError):  # no pathconf (Windows), or no answer
        return NAME_MAX


def _fitting_name(stem: str, tag: str, suffix: str, name_max: int) -> str:
    """``stem + tag + suffix``, shortened (whole characters, stem first) until its encoded name fits ``name_max``."""

    def fits() -> bool:
        return len(os.fsencode(f"{stem}{tag}{suffix}")) <= name_max

    while not fits() and stem:
        stem = stem[:-1]
    while not fits() and len(suffix) > 1:  # a suffix too long by itself
        suffix = suffix[:-1]
    return f"{stem}{tag}{suffix}"


def _publish(tmp: Path, dest: Path, stem: str, suffix: str) -> Path:
    """Give ``tmp`` the first free name ``stem[-n]suffix`` in ``dest`` without replacing anything.

    A name longer than ``dest``'s file system allows (two 255-byte names colliding, or a
    destination with a shorter limit) gets its stem shortened so that ``-n`` still fits.
    """
    name_max = _name_max(dest)
    n = 0
    while True:
        target = dest / _fitting_name(stem, f"-{n}" if n else "", suffix, name_max)
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


def _box(x1: float, y1: float, x2: float, y2: float) -> list[float]:
    return [round(x1, 1), round(y1, 1), round(x2, 1), round(y2, 1)]


def export_metadata() -> dict[str, Any]:
    """People (named or hidden), their faces, albums and favourites, keyed by content hash."""
    exported = list(
        Person.select()
        .where((Person.user_named == True) | (Person.hidden == True))
        .order_by(Person.id)
    )
    by_person: dict[int, list[dict[str, Any]]] = {p.id: [] for p in exported}
    covers = {p.id: p.cover_face_id for p in exported}
    # One query for every face, as plain tuples (not one query, nor one model object, per face).
    faces = (
        Face.select(Face.id, Face.person, Face.x1, Face.y1, Face.x2, Face.y2, Image.content_hash)
        .join(Image)
        .where(
            Face.person.is_null(False) & (Face.ignored == False) & Image.content_hash.is_null(False)
        )
        .order_by(Face.id)
        .tuples()
    )
    for face_id, person_id, x1, y1, x2, y2, content_hash in faces:
        if person_id in by_person:
            entry = {
                "image": content_hash,
                "box": _box(x1, y1, x2, y2),
                "cover": face_id == covers[person_id],
            }
            by_person[person_id].append(entry)
    people = [
        {"name": p.name, "hidden": bool(p.hidden), "faces": by_person[p.id]} for p in exported
    ]
    ignored = [
        {"image": content_hash, "box": _box(x1, y1, x2, y2)}
        for x1, y1, x2, y2, content_hash in Face.select(
            Face.x1, Face.y1, Face.x2, Face.y2, Image.content_hash
        )
        .join(Image)
        .where((Face.ignored == True) & Image.content_hash.is_null(False))
        .tuples()
    ]
    in_album: dict[int, list[str]] = {}
    for album_id, content_hash in (
        AlbumImage.select(AlbumImage.album, Image.content_hash)
        .join(Image)
        .where(Image.content_hash.is_null(False))
        .tuples()
    ):
        in_album.setdefault(album_id, []).append(content_hash)
    albums = [
        {"name": a.name, "images": in_album.get(a.id, [])}
        for a in Album.select().order_by(Album.name)
    ]
    favourites = [
        h
        for (h,) in Image.select(Image.content_hash)
        .where((Image.favourite == True) & Image.content_hash.is_null(False))
        .tuples()
    ]
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "people": people,
        "not_faces": ignored,
        "albums": albums,
        "favourites": favourites,
    }
