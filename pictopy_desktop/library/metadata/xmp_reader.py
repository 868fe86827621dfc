"""Reading what other programs wrote about a photo: embedded XMP/IPTC and ``.xmp`` sidecars.

Every file is opened by PictoPy itself (regular files only, bounded in size, any file
name) and its bytes handed to libexiv2 (python-exiv2), so a pipe named like a sidecar
never blocks and a name that is not UTF-8 reads like any other. A sidecar wins over
what is embedded, field by field: it is where organisers (digiKam, Lightroom, darktable)
write. A damaged source is one sentence in ``FileMetadata.problems``, never an error.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import exiv2

from pictopy_desktop.library.metadata.exiv2_lib import parsed
from pictopy_desktop.library.metadata.face_regions import read_regions
from pictopy_desktop.library.metadata.file_metadata import (
    PATH_SEPARATOR,
    SOURCE_IPTC,
    SOURCE_XMP,
    FileMetadata,
    KeywordEntry,
)
from pictopy_desktop.library.photo_files import open_regular

log = logging.getLogger(__name__)

# A sidecar is a few KB; a few MB of XMP is already absurd and is not read into memory.
MAX_SIDECAR_BYTES = 16 << 20
# Embedded metadata lives near the start of a photo (JPEG APP segments, TIFF's first IFD):
# the head of a huge file is enough, and reading all of it would cost a second full read.
MAX_EMBEDDED_BYTES = 64 << 20
EMBEDDED_HEAD_BYTES = 1 << 20
_TIFF_MAGIC = (b"II*\x00", b"MM\x00*")
# TIFFs and DNGs (Lightroom writes XMP into DNGs) may keep XMP anywhere; camera RAWs keep
# theirs in sidecars, and their makers' blocks are not worth a second read of the file.
_XMP_ANYWHERE = {".tif", ".tiff", ".dng"}
# Longest file name most file systems allow (bytes).
NAME_MAX = 255


# digiKam's colour labels (Xmp.digiKam.ColorLabel) as the names Lightroom writes in xmp:Label.
DIGIKAM_COLOURS = {
    1: "Red",
    2: "Orange",
    3: "Yellow",
    4: "Green",
    5: "Blue",
    6: "Magenta",
    7: "Gray",
    8: "Black",
    9: "White",
}

# Hierarchical keyword properties and the separator each writer uses.
_HIERARCHIES = (
    ("Xmp.lr.hierarchicalSubject", "|"),  # Lightroom, digiKam, darktable
    ("Xmp.digiKam.TagsList", "/"),  # digiKam
    ("Xmp.mediapro.CatalogSets", "|"),  # Phase One Media Pro, iView
    ("Xmp.MicrosoftPhoto.LastKeywordXMP", "/"),  # Windows Photo Gallery
)
_GPS_COORDINATE = re.compile(
    r"^\s*(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)(?:,(\d+(?:\.\d+)?))?\s*([NSEW])\s*$"
)
# EXIF orientations that are pure turns: orientation -> quarter turns clockwise.
ORIENTATION_TURNS = {1: 0, 6: 1, 3: 2, 8: 3}


@dataclass
class XmpValues:
    """One source's XMP and IPTC, flattened: texts, arrays and language alternatives by key."""

    text: dict[str, str] = field(default_factory=dict)
    arrays: dict[str, list[str]] = field(default_factory=dict)
    iptc: dict[str, list[str]] = field(default_factory=dict)

    def first(self, *keys: str) -> str | None:
        """The first non-empty text among ``keys``."""
        for key in keys:
            value = self.text.get(key)
            if value is None and self.arrays.get(key):
                value = self.arrays[key][0]
            if value is not None and value.strip():
                return value.strip()
        return None


def sidecar_paths(photo: Path) -> list[Path]:
    """Where a sidecar of ``photo`` may be: ``photo.jpg.xmp`` (digiKam, darktable), then ``photo.xmp`` (Adobe)."""
    names = [f"{photo.name}.xmp", f"{photo.name}.XMP", f"{photo.stem}.xmp", f"{photo.stem}.XMP"]
    return [
        photo.with_name(n)
        for n in dict.fromkeys(names)
        if n != photo.name and len(os.fsencode(n)) <= NAME_MAX
    ]


def _read_bounded(path: Path, limit: int) -> bytes:
    """Up to ``limit`` bytes of a regular file (a pipe or device raises ``OSError``)."""
    with open_regular(path) as fh:
        return fh.read(limit)


def _text_of(datum: exiv2.Xmpdatum) -> tuple[str, str | list[str]]:
    kind = datum.typeName()
    if kind == "LangAlt":
        value = datum.value()
        # x-default first (what every reader shows), else any language written.
        texts = dict(value)
        return "text", texts.get("x-default") or next(iter(texts.values()), "")
    if kind in ("XmpBag", "XmpSeq", "XmpAlt"):
        return "array", [datum.toString(i) for i in range(datum.count())]
    return "text", datum.toString()


def values_of(image: exiv2.Image) -> XmpValues:
    """Flatten a read ``exiv2.Image``'s XMP and IPTC."""
    values = XmpValues()
    for datum in image.xmpData():
        try:
            kind, value = _text_of(datum)
        except (exiv2.Exiv2Error, UnicodeDecodeError, ValueError):
            continue  # one odd property costs that property only
        if kind == "array":
            values.arrays[datum.key()] = value  # type: ignore[assignment]
        else:
            values.text[datum.key()] = value  # type: ignore[assignment]
    for datum in image.iptcData():
        try:
            values.iptc.setdefault(datum.key(), []).append(datum.toString())
        except (exiv2.Exiv2Error, UnicodeDecodeError, ValueError):
            continue
    return values


def read_values(data: bytes) -> XmpValues:
    """Parse a photo's or a sidecar's bytes; raises ``exiv2.Exiv2Error`` when libexiv2 can't."""
    return values_of(parsed(data))


def _keywords(values: XmpValues) -> list[KeywordEntry]:
    paths: dict[str, str] = {}  # path -> source
    for key, separator in _HIERARCHIES:
        for raw in values.arrays.get(key, []):
            parts = [" ".join(p.split()) for p in raw.split(separator)]
            parts = [p for p in parts if p]
            if parts:
                paths.setdefault(PATH_SEPARATOR.join(parts), SOURCE_XMP)
    in_hierarchy = {part.lower() for path in paths for part in path.split(PATH_SEPARATOR)}
    # Flat keywords that are steps of a hierarchy were written beside it (Lightroom writes
    # every ancestor into dc:subject): the hierarchy already says them.
    flat = [(k, SOURCE_XMP) for k in values.arrays.get("Xmp.dc.subject", [])]
    flat += [(k, SOURCE_IPTC) for k in values.iptc.get("Iptc.Application2.Keywords", [])]
    for raw, source in flat:
        name = " ".join(raw.split())
        if name and name.lower() not in in_hierarchy:
            paths.setdefault(name, source)
            in_hierarchy.add(name.lower())
    return [KeywordEntry(path, source) for path, source in paths.items()]


def _rating(values: XmpValues) -> int | None:
    stars = values.first("Xmp.xmp.Rating")
    if stars is not None:
        number = _number(stars)
        if number is None or number < 0:
            return None  # -1 is "rejected": no stars, and not a rating of 0
        return min(5, round(number))
    percent = _number(values.first("Xmp.MicrosoftPhoto.Rating"))
    if percent is None or percent <= 0:
        return None
    # Windows maps 1-5 stars onto 1, 25, 50, 75, 99.
    return min(5, 1 + round(percent / 25))


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


def _colour(values: XmpValues) -> str | None:
    label = values.first("Xmp.xmp.Label")
    if label:
        return label
    number = _number(values.first("Xmp.digiKam.ColorLabel"))
    return DIGIKAM_COLOURS.get(int(number)) if number is not None else None


def _gps(text: str | None) -> float | None:
    """Degrees from an XMP GPSCoordinate ("48,51.5N" or "48,51,30N")."""
    m = _GPS_COORDINATE.match(text or "")
    if m is None:
        return None
    degrees = float(m.group(1)) + float(m.group(2)) / 60 + float(m.group(3) or 0) / 3600
    return -degrees if m.group(4) in "SW" else degrees


def _date(text: str | None) -> tuple[dt.datetime | None, int | None]:
    """Local time and its UTC offset (minutes) from an XMP date; None where absent."""
    if not text:
        return None, None
    try:
        when = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return None, None
    offset = when.utcoffset()
    minutes = None if offset is None else int(offset.total_seconds() // 60)
    return when.replace(tzinfo=None), minutes


def metadata_of(values: XmpValues) -> FileMetadata:
    """What one source says, as ``FileMetadata``."""
    meta = FileMetadata(keywords=_keywords(values))
    meta.rating = _rating(values)
    meta.color_label = _colour(values)
    iptc = values.iptc
    meta.title = values.first("Xmp.dc.title") or _first(iptc.get("Iptc.Application2.ObjectName"))
    meta.description = values.first("Xmp.dc.description") or _first(
        iptc.get("Iptc.Application2.Caption")
    )
    meta.regions = read_regions(values.text)
    lat, lon = (
        _gps(values.first("Xmp.exif.GPSLatitude")),
        _gps(values.first("Xmp.exif.GPSLongitude")),
    )
    if lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180:
        if (lat, lon) != (0.0, 0.0):
            meta.latitude, meta.longitude = lat, lon
    meta.taken_at, meta.utc_offset_min = _date(
        values.first("Xmp.exif.DateTimeOriginal", "Xmp.photoshop.DateCreated")
    )
    orientation = _number(values.first("Xmp.tiff.Orientation"))
    if orientation is not None and int(orientation) in range(1, 9):
        meta.orientation = int(orientation)
    return meta


def _first(items: list[str] | None) -> str | None:
    for item in items or []:
        if item.strip():
            return item.strip()
    return None


def merged(sources: list[FileMetadata]) -> FileMetadata:
    """Field by field, the first source that says something (sources in order of precedence)."""
    out = FileMetadata()
    for meta in sources:
        out.problems.extend(meta.problems)
        out.keywords = out.keywords or meta.keywords
        out.regions = out.regions or meta.regions
        for name in ("rating", "color_label", "title", "description", "orientation"):
            if getattr(out, name) is None:
                setattr(out, name, getattr(meta, name))
        if out.latitude is None and meta.latitude is not None:
            out.latitude, out.longitude = meta.latitude, meta.longitude
        if out.taken_at is None and meta.taken_at is not None:
            out.taken_at, out.utc_offset_min = meta.taken_at, meta.utc_offset_min
    return out


def _sidecar_sources(photo: Path) -> Iterator[FileMetadata]:
    for path in sidecar_paths(photo):
        try:
            data = _read_bounded(path, MAX_SIDECAR_BYTES + 1)
        except OSError:  # absent (the usual case), unreadable, or not a regular file
            continue
        if len(data) > MAX_SIDECAR_BYTES:
            yield FileMetadata(
                problems=[f"The sidecar {path} is larger than 16 MB and was not read."]
            )
            continue
        try:
            yield metadata_of(read_values(data))
        except exiv2.Exiv2Error as exc:
            log.info("Sidecar %s unreadable: %s", path, exc)
            yield FileMetadata(
                problems=[
                    f"The sidecar {path} could not be read ({_reason(exc)}); the photo was indexed without it."
                ]
            )


def _reason(exc: exiv2.Exiv2Error) -> str:
    text = str(exc.args[1]) if len(exc.args) > 1 else str(exc)
    return text.strip().rstrip(".") or type(exc).__name__


def read_embedded(photo: Path) -> FileMetadata:
    """The XMP and IPTC inside the photo file; empty where it has none or libexiv2 can't read it.

    The first MB holds a JPEG's metadata segments and most TIFFs' first IFD; only when
    that is not enough is more of the file read (up to ``MAX_EMBEDDED_BYTES``).
    """
    try:
        head = _read_bounded(photo, EMBEDDED_HEAD_BYTES)
        try:
            values = read_values(head)
        except exiv2.Exiv2Error:
            # A TIFF or DNG may keep its XMP past the head; a video, a camera RAW or an
            # unknown format is not worth reading further.
            if (
                len(head) < EMBEDDED_HEAD_BYTES
                or head[:4] not in _TIFF_MAGIC
                or photo.suffix.lower() not in _XMP_ANYWHERE
            ):
                raise
            values = read_values(_read_bounded(photo, MAX_EMBEDDED_BYTES))
    except (OSError, exiv2.Exiv2Error) as exc:
        # Videos and formats libexiv2 does not know have no embedded XMP for us: not a problem.
        log.debug("No embedded metadata read from %s: %s", photo, exc)
        return FileMetadata()
    meta = metadata_of(values)
    # A camera's own tiff:Orientation repeats (or contradicts) EXIF, which decides; only a
    # sidecar's says how an organiser turned the photo.
    meta.orientation = None
    return meta


def read_file_metadata(photo: Path) -> FileMetadata:
    """What the sidecars and the photo itself say about ``photo`` (sidecars first)."""
    return merged([*_sidecar_sources(photo), read_embedded(photo)])
