"""Writing the library's word back into ``.xmp`` sidecars: names, keywords, ratings, rotations.

Opt-in (Settings → "Write names, keywords, ratings and rotations to .xmp sidecars", the
``write_xmp_sidecars`` settings key, or ``pictopy export xmp`` once). The photo itself is
never opened for writing: everything goes into its sidecar, the one it has
(``photo.jpg.xmp`` or ``photo.xmp``), else a new ``photo.jpg.xmp``.

An existing sidecar is merged, not replaced: it is parsed with libexiv2 and only the
properties written here change; other programs' properties (develop settings, their own
namespaces, Microsoft regions) stay as they were. Keywords are added to the ones there;
face regions of other names and of other kinds (focus, pets) stay, a region PictoPy
names replaces the one it overlaps; when PictoPy's rotation turns the photo, the regions
other programs drew (MWG and Microsoft's) turn with it. A sidecar that cannot be parsed is left untouched
and reported; the new bytes go to a temporary file beside it and are renamed over it, so a
crash never leaves half a sidecar, and a link is never written through.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import exiv2

from pictopy_desktop.errors import PictoPyError
from pictopy_desktop.library.export_file import replace_file_atomically
from pictopy_desktop.library.metadata.exiv2_lib import parsed, write_metadata
from pictopy_desktop.library.metadata.face_regions import (
    MP_LIST,
    MWG_LIST,
    microsoft_box,
    microsoft_rectangle,
    mwg_values,
    read_regions,
    rotate_box,
)
from pictopy_desktop.library.metadata.file_metadata import PATH_SEPARATOR, NamedRegion
from pictopy_desktop.library.metadata.sidecar_stamps import record_stamp, stamp_of
from pictopy_desktop.library.metadata.xmp_reader import (
    MAX_SIDECAR_BYTES,
    ORIENTATION_TURNS,
    XmpValues,
    sidecar_paths,
    values_of,
)
from pictopy_desktop.library.photo_files import open_regular
from pictopy_desktop.people.face_matching import box_iou
from pictopy_desktop.storage.tables import Face, Image, Keyword, Meta, Person

_REGIONS_ROOT = "Xmp.mwg-rs.Regions"
_MWG_ITEM = re.compile(re.escape(MWG_LIST) + r"\[(\d+)\]/(.+)$")
_MP_RECTANGLE = re.compile(re.escape(MP_LIST) + r"\[\d+\]/MPReg:Rectangle$")
_TURNS_TO_ORIENTATION = {turns: orientation for orientation, turns in ORIENTATION_TURNS.items()}
# Meta key prefix: the fingerprint of what was last written for a photo (``word_digest``).
WRITTEN_PREFIX = "xmp_written:"
# A region PictoPy names replaces another program's region of the same face from this overlap.
SAME_REGION_IOU = 0.5


class SidecarWriteError(PictoPyError):
    """A sidecar that could not be written; the message says which and why."""


@dataclass(frozen=True)
class PhotoWord:
    """What PictoPy writes for one photo."""

    regions: list[NamedRegion]  # upright (EXIF-oriented) fractions, named people only
    keywords: list[str]  # paths, "Places|France|Paris"
    rating: int | None
    orientation: int | None  # EXIF orientation with PictoPy's rotation on top; None: leave


def photo_words(image_ids: list[int]) -> dict[int, PhotoWord]:
    """The names, keywords, rating and rotation the library holds for each photo (a few queries in all)."""
    words: dict[int, PhotoWord] = {}
    for k in range(0, len(image_ids), 500):
        words.update(_words(image_ids[k : k + 500]))
    return words


def _words(ids: list[int]) -> dict[int, PhotoWord]:
    images = {
        i: (w or 0, h or 0, o, rot or 0, rating)
        for i, w, h, o, rot, rating in Image.select(
            Image.id, Image.width, Image.height, Image.orientation, Image.rotation, Image.rating
        )
        .where(Image.id.in_(ids))
        .tuples()
    }
    regions: dict[int, list[NamedRegion]] = {}
    faces = (
        Face.select(Face.image, Person.name, Face.x1, Face.y1, Face.x2, Face.y2)
        .join(Person)
        .where(Face.image.in_(ids) & (Face.ignored == False) & (Person.user_named == True))
        .order_by(Face.image, Face.id)
        .tuples()
    )
    for image_id, name, x1, y1, x2, y2 in faces:
        width, height = images[image_id][:2]
        if width and height and name:
            box = tuple(
                min(1.0, max(0.0, v)) for v in (x1 / width, y1 / height, x2 / width, y2 / height)
            )
            regions.setdefault(image_id, []).append(NamedRegion(name, box))  # type: ignore[arg-type]
    keywords: dict[int, list[str]] = {}
    for image_id, path in (
        Keyword.select(Keyword.image, Keyword.path)
        .where(Keyword.image.in_(ids))
        .order_by(Keyword.image, Keyword.path)
        .tuples()
    ):
        keywords.setdefault(image_id, []).append(path)
    words = {}
    for image_id, (_, _, exif_orientation, rotation, rating) in images.items():
        turns = ORIENTATION_TURNS.get(exif_orientation or 1)
        orientation = None
        if turns is not None and rotation % 360:
            orientation = _TURNS_TO_ORIENTATION[(turns + rotation // 90) % 4]
        words[image_id] = PhotoWord(
            regions.get(image_id, []), keywords.get(image_id, []), rating, orientation
        )
    return words


def photo_word(image: Image) -> PhotoWord:
    """The names, keywords, rating and rotation the library holds for ``image``."""
    return photo_words([image.id])[image.id]


def word_digest(word: PhotoWord) -> str:
    """A short fingerprint of ``word``: a sidecar is written again only when it changed."""
    text = repr((word.regions, word.keywords, word.rating, word.orientation))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def sidecar_to_write(photo: Path) -> Path:
    """The sidecar a photo has (``photo.jpg.xmp`` first, then ``photo.xmp``), else ``photo.jpg.xmp``."""
    candidates = sidecar_paths(photo)
    for path in candidates:
        if os.path.lexists(path):
            return path
    return candidates[0]


XMP_MIME = "application/rdf+xml"  # what libexiv2 calls an XMP sidecar


def _load(sidecar: Path) -> exiv2.Image:
    """The sidecar parsed for editing, or a new empty one; refuses what it cannot read whole."""
    try:
        st = os.lstat(sidecar)
    except FileNotFoundError:
        return exiv2.ImageFactory.create(exiv2.ImageType.xmp)
    except OSError as exc:
        raise SidecarWriteError(f"Cannot write {sidecar}: {exc.strerror or exc}.") from exc
    if stat.S_ISLNK(st.st_mode):
        raise SidecarWriteError(
            f"Did not write {sidecar}: it is a link, and PictoPy never writes through links."
        )
    if not stat.S_ISREG(st.st_mode):
        raise SidecarWriteError(f"Did not write {sidecar}: it is not a regular file.")
    if st.st_size > MAX_SIDECAR_BYTES:
        raise SidecarWriteError(f"Did not write {sidecar}: it is larger than 16 MB.")
    try:
        with open_regular(sidecar) as fh:
            data = fh.read(MAX_SIDECAR_BYTES + 1)
        image = parsed(data)
    except (OSError, exiv2.Exiv2Error) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else (exc.args[-1] if exc.args else exc)
        raise SidecarWriteError(
            f"Did not write {sidecar}: it could not be read ({reason}), and it is left as it was."
        ) from exc
    if image.mimeType() != XMP_MIME:
        # A photo named like a sidecar ("a.xmp" holding a JPEG, indexed as a photo): never
        # rewritten as one (a tester's export changed its bytes and turned it).
        raise SidecarWriteError(
            f"Did not write {sidecar}: it is not an XMP sidecar but {image.mimeType()}, "
            "and it is left as it was."
        )
    return image


def _array(xmp: exiv2.XmpData, key: str, items: list[str]) -> None:
    """Set ``key`` to an unordered array (rdf:Bag) of ``items``."""
    if key in xmp:
        del xmp[key]
    if items:
        value = exiv2.XmpArrayValue(exiv2.TypeId.xmpBag)
        for item in items:
            value.read(item)
    else:  # an empty bag, to be filled item by item (a region list)
        value = exiv2.XmpTextValue()
        value.setXmpArrayType(exiv2.XmpValue.XmpArrayType.xaBag)
    xmp[key] = value


def _merge_keywords(xmp: exiv2.XmpData, old: XmpValues, keywords: list[str]) -> None:
    if not keywords:
        return
    subjects = list(old.arrays.get("Xmp.dc.subject", []))
    known = {s.lower() for s in subjects}
    for path in keywords:
        leaf = path.rsplit(PATH_SEPARATOR, 1)[-1]
        if leaf.lower() not in known:
            subjects.append(leaf)
            known.add(leaf.lower())
    _array(xmp, "Xmp.dc.subject", subjects)
    hierarchical = [k for k in keywords if PATH_SEPARATOR in k]
    if hierarchical or "Xmp.lr.hierarchicalSubject" in old.arrays:
        paths = list(old.arrays.get("Xmp.lr.hierarchicalSubject", []))
        for path in hierarchical:
            if path not in paths:
                paths.append(path)
        _array(xmp, "Xmp.lr.hierarchicalSubject", paths)


def _kept_regions(old: XmpValues, ours: list[NamedRegion], turns: int) -> list[dict[str, str]]:
    """Other programs' MWG regions that PictoPy's do not replace (their fields by relative key).

    ``turns``: quarter turns clockwise from the frame they were drawn in to the one written
    now (PictoPy's rotation changed it): their areas are turned along.
    """
    items: dict[int, dict[str, str]] = {}
    for key, value in old.text.items():
        if (m := _MWG_ITEM.match(key)) and not value.startswith('type="'):
            items.setdefault(int(m.group(1)), {})[m.group(2)] = value
    names = {r.name.lower() for r in ours}
    kept = []
    for _, item in sorted(items.items()):
        area = read_regions(
            {f"{MWG_LIST}[1]/{k}": v for k, v in {**item, "mwg-rs:Name": "?"}.items()}
        )
        box = rotate_box(area[0].box, turns) if area else None
        name = item.get("mwg-rs:Name", "").strip().lower()
        if box is not None and (
            name in names or any(box_iou(box, r.box) >= SAME_REGION_IOU for r in ours)
        ):
            continue  # the face PictoPy names now
        if box is not None and turns:
            left, top, right, bottom = box
            item = {
                **item,
                "mwg-rs:Area/stArea:x": f"{(left + right) / 2:.6f}",
                "mwg-rs:Area/stArea:y": f"{(top + bottom) / 2:.6f}",
                "mwg-rs:Area/stArea:w": f"{right - left:.6f}",
                "mwg-rs:Area/stArea:h": f"{bottom - top:.6f}",
            }
        kept.append(item)
    return kept


def _merge_regions(
    xmp: exiv2.XmpData,
    old: XmpValues,
    regions: list[NamedRegion],
    size: tuple[int, int],
    turns: int,
) -> None:
    if not regions and not turns:
        return
    kept = _kept_regions(old, regions, turns)
    if not regions and not kept:
        return
    for key in [d.key() for d in xmp if d.key().startswith(_REGIONS_ROOT)]:
        del xmp[key]
    values = mwg_values(regions, *size)
    dims = {k: v for k, v in values.items() if "AppliedToDimensions" in k}
    for key, value in dims.items():
        xmp[key] = value
    _array(xmp, MWG_LIST, [])
    for i, item in enumerate(kept, start=1):
        for field, value in item.items():
            xmp[f"{MWG_LIST}[{i}]/{field}"] = value
    offset = len(kept)
    for key, value in values.items():
        if key in dims:
            continue
        m = _MWG_ITEM.match(key)
        assert m is not None
        xmp[f"{MWG_LIST}[{int(m.group(1)) + offset}]/{m.group(2)}"] = value


def _turn_microsoft_regions(xmp: exiv2.XmpData, old: XmpValues, turns: int) -> None:
    """Turn Microsoft's regions (``MP:RegionInfo``) ``turns`` quarter turns clockwise.

    They are left as another program wrote them (names, ids), but they describe the photo
    as it is shown: once PictoPy's rotation changes that, their rectangles turn along, as
    the MWG regions do, or Windows would put every face in the wrong place.
    """
    if not turns % 4:
        return
    for key, value in old.text.items():
        if _MP_RECTANGLE.match(key) and (box := microsoft_box(value)) is not None:
            xmp[key] = microsoft_rectangle(rotate_box(box, turns))


def merged_sidecar(sidecar: Path, image: Image) -> bytes:
    """The bytes ``sidecar`` should hold once PictoPy's word for ``image`` is merged in."""
    word = photo_word(image)
    doc = _load(sidecar)
    old = values_of(doc)
    xmp = doc.xmpData()
    turns = (image.rotation or 0) // 90 % 4
    if word.orientation is not None:
        xmp["Xmp.tiff.Orientation"] = str(word.orientation)
    elif "Xmp.tiff.Orientation" in old.text and not turns:
        xmp["Xmp.tiff.Orientation"] = str(image.orientation or 1)
    if word.rating is not None:
        xmp["Xmp.xmp.Rating"] = str(word.rating)
    _merge_keywords(xmp, old, word.keywords)
    width, height = image.width or 0, image.height or 0
    if turns % 2:
        width, height = height, width
    shown = [NamedRegion(r.name, rotate_box(r.box, turns)) for r in word.regions]
    # Other programs drew their regions on the photo as their orientation showed it.
    drawn = _number(old.text.get("Xmp.tiff.Orientation")) or image.orientation or 1
    now = word.orientation or image.orientation or 1
    delta = (ORIENTATION_TURNS.get(now, 0) - ORIENTATION_TURNS.get(int(drawn), 0)) % 4
    _merge_regions(xmp, old, shown, (width, height), delta)
    _turn_microsoft_regions(xmp, old, delta)
    write_metadata(doc)
    io = doc.io()
    with io.mmap() as view:
        return bytes(view)


def _number(text: str | None) -> int | None:
    try:
        return int(float(text)) if text is not None else None
    except ValueError:
        return None


def _replace(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it and a rename."""
    try:
        replace_file_atomically(path, data)
    except OSError as exc:
        raise SidecarWriteError(f"Cannot write {path}: {exc.strerror or exc}.") from exc


def write_sidecar(image: Image) -> Path | None:
    """Merge PictoPy's word for ``image`` into its sidecar; the sidecar's path, or None when there is nothing to say."""
    photo = Path(image.path)
    word = photo_word(image)
    if not (word.regions or word.keywords or word.rating is not None or word.orientation):
        return None
    sidecar = sidecar_to_write(photo)
    _replace(sidecar, merged_sidecar(sidecar, image))
    record_stamp(image.id, stamp_of(photo))  # our own write is not news for the next scan
    Meta.insert(
        key=f"{WRITTEN_PREFIX}{image.id}", value=word_digest(word)
    ).on_conflict_replace().execute()
    return sidecar
