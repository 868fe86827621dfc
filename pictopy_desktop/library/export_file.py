"""The names-and-albums export file: read and checked before anything is applied, written atomically.

An import file comes from anywhere, so it is treated as hostile: its size, nesting,
types, required keys, string lengths and list lengths are checked against the shape
``export_metadata`` writes, and the first problem is reported in one sentence naming
its place in the file (``people[3].faces[0].box``). Names are trimmed; control
characters and names over ``MAX_NAME`` characters are refused. Nothing here touches
the library: a file that fails the check changes nothing.
"""

from __future__ import annotations

import errno
import json
import math
import os
import re
import stat
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pictopy_desktop.errors import PictoPyError
from pictopy_desktop.library.photo_files import open_regular

FORMAT = "pictopy-library-export"
FORMAT_VERSION = 1

MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_NAME = 200  # characters, as for names typed in the app
MAX_ITEMS = 1_000_000  # entries in any one list
_HASH = re.compile(r"^[0-9a-f]{8,128}$")  # content hashes are lowercase hex
# Joiners are format characters that scripts such as Persian and Devanagari, and emoji
# sequences, need inside names; every other control/format/unassigned character is refused.
_ALLOWED_FORMAT_CHARS = {"\u200c", "\u200d"}


class ExportFileError(PictoPyError):
    """An import file that is not a usable PictoPy export; the message says where and why."""


@dataclass(frozen=True)
class FaceRef:
    """A face in the file: the photo's content hash and the box in its pixels."""

    image: str
    box: tuple[float, float, float, float]
    cover: bool = False


@dataclass
class PersonEntry:
    name: str | None
    hidden: bool
    faces: list[FaceRef]


@dataclass
class AlbumEntry:
    name: str
    images: list[str]


@dataclass
class LibraryExport:
    """A checked export: everything in it has the right type and size."""

    people: list[PersonEntry] = field(default_factory=list)
    not_faces: list[FaceRef] = field(default_factory=list)
    albums: list[AlbumEntry] = field(default_factory=list)
    favourites: list[str] = field(default_factory=list)


def clean_name(value: str) -> str:
    """A name as typed by a person: trimmed, inner spaces collapsed; raises ValueError saying why it is refused."""
    text = value.strip()
    if len(text) > MAX_NAME:
        raise ValueError(
            f"the name is {len(text):,} characters long; at most {MAX_NAME} are allowed"
        )
    for ch in text:
        if unicodedata.category(ch).startswith("C") and ch not in _ALLOWED_FORMAT_CHARS:
            raise ValueError(f"the name contains a control character (U+{ord(ch):04X})")
    text = " ".join(text.split())
    if not text:
        raise ValueError("the name is empty")
    return text


# ----------------------------------------------------------------- reading


def read_export_file(path: Path) -> Any:
    """The parsed JSON of ``path``; ``ExportFileError`` with one sentence for anything else."""
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
        size = st.st_size
        if size > MAX_FILE_BYTES:
            raise ExportFileError(
                f"Cannot import {path}: it is {size:,} bytes; an export is at most {MAX_FILE_BYTES:,}."
            )
        # A pipe or device given as the file would block or never end: refused unread.
        with open_regular(path) as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    except IsADirectoryError as exc:
        raise ExportFileError(
            f"Cannot import {path}: it is a folder; choose the .json file exported by PictoPy."
        ) from exc
    except OSError as exc:
        raise ExportFileError(f"Cannot import {path}: {exc.strerror or exc}.") from exc
    if not raw.strip():
        raise ExportFileError(f"Cannot import {path}: the file is empty.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ExportFileError(
            f"Cannot import {path}: it is not text (byte {exc.start} is not UTF-8), so not a PictoPy export."
        ) from exc
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except RecursionError as exc:
        raise ExportFileError(
            f"Cannot import {path}: its JSON is nested far too deeply for a PictoPy export."
        ) from exc
    except json.JSONDecodeError as exc:
        raise ExportFileError(
            f"Cannot import {path}: it is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})."
        ) from exc
    except ValueError as exc:  # e.g. an integer with thousands of digits, NaN
        raise ExportFileError(f"Cannot import {path}: it is not a PictoPy export ({exc}).") from exc


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number an export holds")


# ----------------------------------------------------------------- checking


class _Check:
    """Walks the parsed JSON along the expected shape; the first problem raises with its place."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, problem: str) -> None:
        where = where or "the top level"
        raise ExportFileError(
            f"Cannot import {self.source}: at {where}, {problem}; nothing was imported."
        )

    def obj(self, value: Any, where: str, required: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(where, f"expected an object, found {_kind(value)}")
        for key in required:
            if key not in value:
                self.fail(where, f'the key "{key}" is missing')
        return value

    def list(self, value: Any, where: str) -> list[Any]:
        if not isinstance(value, list):
            self.fail(where, f"expected a list, found {_kind(value)}")
        if len(value) > MAX_ITEMS:
            self.fail(
                where, f"the list has {len(value):,} entries; at most {MAX_ITEMS:,} are allowed"
            )
        return value

    def bool(self, value: Any, where: str) -> bool:
        if not isinstance(value, bool):
            self.fail(where, f"expected true or false, found {_kind(value)}")
        return value

    def name(self, value: Any, where: str, optional: bool = False) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str):
            self.fail(where, f"expected a name (text), found {_kind(value)}")
        try:
            return clean_name(value)
        except ValueError as exc:
            self.fail(where, str(exc))
        raise AssertionError("unreachable")

    def hash(self, value: Any, where: str) -> str:
        if not isinstance(value, str):
            self.fail(where, f"expected a photo's content hash (text), found {_kind(value)}")
        if not _HASH.match(value):
            shown = f"{len(value):,} characters" if len(value) > 40 else repr(value)
            self.fail(where, f"expected a photo's content hash (hexadecimal), found {shown}")
        return value

    def box(self, value: Any, where: str) -> tuple[float, float, float, float]:
        self.list(value, where)
        if len(value) != 4:
            self.fail(where, f"a box is 4 numbers [x1, y1, x2, y2], found {len(value)} entries")
        for i, v in enumerate(value):
            if (
                isinstance(v, bool)
                or not isinstance(v, (int, float))
                or not math.isfinite(v)
                or abs(v) > 1e6
            ):
                self.fail(f"{where}[{i}]", f"expected a number of pixels, found {_kind(v)}")
        x1, y1, x2, y2 = (float(v) for v in value)
        if x2 <= x1 or y2 <= y1:
            self.fail(where, "the box is empty (x2 must exceed x1 and y2 exceed y1)")
        return (x1, y1, x2, y2)

    def face(self, value: Any, where: str, with_cover: bool) -> FaceRef:
        entry = self.obj(value, where, ("image", "box"))
        cover = (
            self.bool(entry["cover"], f"{where}.cover")
            if with_cover and "cover" in entry
            else False
        )
        return FaceRef(
            self.hash(entry["image"], f"{where}.image"),
            self.box(entry["box"], f"{where}.box"),
            cover,
        )


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def parse_export(data: Any, source: str = "the file") -> LibraryExport:
    """Check ``data`` (parsed JSON) against the export's shape; ``ExportFileError`` at the first problem."""
    c = _Check(source)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ExportFileError(
            f"Cannot import {source}: this file is not a PictoPy library export; nothing was imported."
        )
    top = c.obj(data, "", ("version", "people", "not_faces", "albums", "favourites"))
    version = top["version"]
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        c.fail("version", f"expected a positive whole number, found {_kind(version)}")
    if version > FORMAT_VERSION:
        raise ExportFileError(
            f"Cannot import {source}: it was written by a newer PictoPy (export version {version}); update PictoPy to import it."
        )
    result = LibraryExport()
    for i, value in enumerate(c.list(top["people"], "people")):
        where = f"people[{i}]"
        entry = c.obj(value, where, ("name", "faces"))
        hidden = c.bool(entry["hidden"], f"{where}.hidden") if "hidden" in entry else False
        faces = [
            c.face(f, f"{where}.faces[{j}]", True)
            for j, f in enumerate(c.list(entry["faces"], f"{where}.faces"))
        ]
        result.people.append(
            PersonEntry(c.name(entry["name"], f"{where}.name", optional=True), hidden, faces)
        )
    result.not_faces = [
        c.face(f, f"not_faces[{i}]", False)
        for i, f in enumerate(c.list(top["not_faces"], "not_faces"))
    ]
    for i, value in enumerate(c.list(top["albums"], "albums")):
        where = f"albums[{i}]"
        entry = c.obj(value, where, ("name", "images"))
        name = c.name(entry["name"], f"{where}.name")
        images = [
            c.hash(h, f"{where}.images[{j}]")
            for j, h in enumerate(c.list(entry["images"], f"{where}.images"))
        ]
        result.albums.append(AlbumEntry(name or "", images))
    result.favourites = [
        c.hash(h, f"favourites[{i}]") for i, h in enumerate(c.list(top["favourites"], "favourites"))
    ]
    return result


# ----------------------------------------------------------------- writing


def write_export_file(path: Path, data: dict[str, Any], replace: bool = False) -> None:
    """Write ``data`` as JSON to ``path`` atomically: a temporary file beside it, then a rename.

    The temporary file is created exclusively (never through a link someone placed there)
    and removed on any error; a rename replaces a link at ``path`` instead of writing
    through it. An existing file is replaced only with ``replace`` (the app's save dialog
    asked), and only if it is an earlier export: never a photo or the library's own database,
    whatever the path says (a tester's `pictopy export library` turned both into JSON).
    """
    if os.path.lexists(path) and not path.is_dir():
        if not replace:
            raise PictoPyError(
                f"Did not export: {path} already exists; choose another file name "
                "(or pass --replace to replace an earlier export)."
            )
        if not _is_earlier_export(path):
            raise PictoPyError(
                f"Did not export to {path}: it is not an earlier PictoPy export (a photo, the "
                "library or another program's file), so it is left as it is; choose another name."
            )
    if path.is_dir():
        raise PictoPyError(
            f"Cannot export to {path}: it is a folder; give a file name such as {path / 'pictopy-names.json'}."
        )
    folder = path.parent
    if not folder.is_dir():
        what = "is a file, not a folder" if os.path.lexists(folder) else "does not exist"
        raise PictoPyError(f"Cannot export to {path}: {folder} {what}.")
    text = json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8")
    try:
        replace_file_atomically(path, text)
    except OSError as exc:
        raise PictoPyError(f"Cannot export to {path}: {exc.strerror or exc}.") from exc


def _is_earlier_export(path: Path) -> bool:
    """Whether ``path`` holds a PictoPy export: the one kind of file an export may replace
    (read through ``open_regular``, which refuses the library's own files under any name)."""
    try:
        data = read_export_file(path)
    except PictoPyError:
        return False
    return isinstance(data, dict) and data.get("format") == FORMAT


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once, at import: setting it (the only way to read it) while worker threads create
# files would give theirs the wrong mode.
_UMASK = _read_umask()


def replace_file_atomically(path: Path, data: bytes, durable: bool = True) -> None:
    """Write ``data`` as ``path`` through a temporary file beside it, fsync and a rename.

    A reader sees the old file or the whole new one, never half of it; raises ``OSError``.
    ``durable=False`` leaves out the fsync (about 6 ms a file here): for a cache that is
    made again when a crash leaves a file damaged, such as thumbnails.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes it 0600: the file keeps the mode it had, or gets a new file's.
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except OSError:
            mode = 0o666 & ~_UMASK
        if hasattr(os, "fchmod"):  # POSIX; Windows has no such modes
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
