"""Read-only queries behind the GUI's views: paged gallery rows, groups, listings.

Plain Peewee and dataclasses, no Qt: the GUI's workers call these off the GUI
thread, and the tests call them directly. A gallery is described by a
``GalleryFilter``; its rows come as ``count()`` + ``month_groups()`` + pages of
``GalleryRow`` fetched on demand (``page(offset, limit)``), so opening a 100,000-photo
library never loads the whole table.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from peewee import JOIN, SQL, fn

from pictopy_desktop.errors import PictoPyError
from pictopy_desktop.library.read_model.keywords import DETECTOR_SOURCE, KEYWORD, keyword_photos
from pictopy_desktop.library.read_model.people import FaceRow, faces_in_image
from pictopy_desktop.library.read_model.search import search_query
from pictopy_desktop.storage.tables import (
    Album,
    AlbumImage,
    Face,
    Image,
    Keyword,
    LibraryFolder,
    ObjectTag,
    Presence,
)
from pictopy_desktop.storage.visibility import any_hidden, of_visible, visible

# The gallery's order: EXIF date, else the file's local time; newest first, ties by id. Stored
# and indexed (``storage/gallery_order.py``), so ordering is an index scan, not a sort.
SORT_DATE = Image.sort_key
NEWEST_FIRST = (Image.sort_key.desc(), Image.id.desc())
# A camera RAW: on its own ("RAW-NEF"…) or kept beside this JPEG as one photo.
IS_RAW = Image.companion_path.is_null(False) | (fn.SUBSTR(Image.format, 1, 4) == "RAW-")

ALL, SEARCH, TAG, PERSON, ALBUM, FOLDER = "all", "search", "tag", "person", "album", "folder"
FAVOURITES = "favourites"
PLACE = "place"  # value: places.PlaceKey (country code, town)
IDS = "ids"  # value: a tuple of image ids (a memory), shown by date
RANKED = "ranked"  # value: a tuple of image ids in the given order (find by face), not grouped
RATED = "rated"  # value: the fewest stars (1-5) a photo must have


@dataclass(frozen=True)
class GalleryFilter:
    """Which photos a gallery shows."""

    kind: str = ALL
    value: Any = None
    title: str = ""

    @property
    def grouped(self) -> bool:
        """Galleries group by month (everything, folders, albums, search results); ranked lists do not."""
        return self.kind != RANKED


# A face in a photo: (person id or None, x1, y1, x2, y2 as fractions of the photo's width and height).
FaceBox = tuple[int | None, float, float, float, float]


@dataclass(frozen=True)
class GalleryRow:
    id: int
    path: str
    thumbnail: str | None
    date: str  # "YYYY-MM-DD HH:MM:SS"
    width: int | None
    height: int | None
    favourite: bool
    media_type: str = "photo"
    duration_s: float | None = None
    faces: tuple[FaceBox, ...] = ()  # where the faces are, for face-aware tiles
    offline: bool = False  # its drive is not connected: shown greyed, its file not read
    raw: bool = False  # a camera RAW, or a JPEG with its RAW kept beside it: a RAW badge
    rotation: int = 0  # degrees clockwise on top of EXIF orientation (the file is untouched)

    @property
    def name(self) -> str:
        return os.path.basename(self.path)

    @property
    def is_video(self) -> bool:
        return self.media_type == "video"


@dataclass(frozen=True)
class MonthGroup:
    key: str  # "YYYY-MM"
    count: int

    @property
    def label(self) -> str:
        try:
            return dt.datetime.strptime(self.key, "%Y-%m").strftime("%B %Y")
        except (TypeError, ValueError):
            return "Unknown date"


def _base():
    return Image.select().where(visible())


def filtered(f: GalleryFilter, per_row: bool = False):
    """The (unordered) query of the photos ``f`` selects (``per_row``: see ``gallery_head``)."""
    if f.kind == SEARCH:
        return search_query(str(f.value or ""), per_row=per_row).order_by()
    q = _base()
    if f.kind == TAG:
        q = q.where(
            Image.id.in_(ObjectTag.select(ObjectTag.image).where(ObjectTag.label == f.value))
        )
    elif f.kind == PERSON:
        q = q.where(
            Image.id.in_(
                Face.select(Face.image).where((Face.person == f.value) & (Face.ignored == False))
            )
        )
    elif f.kind == ALBUM:
        q = q.where(
            Image.id.in_(AlbumImage.select(AlbumImage.image).where(AlbumImage.album == f.value))
        )
    elif f.kind == FOLDER:
        q = q.where(Image.folder == f.value)
    elif f.kind == FAVOURITES:
        q = q.where(Image.favourite == True)
    elif f.kind == PLACE:
        from pictopy_desktop.library.places import in_place

        q = q.where(in_place(f.value))
    elif f.kind == RATED:
        q = q.where(Image.rating >= int(f.value))
    elif f.kind == KEYWORD:
        q = q.where(keyword_photos(str(f.value)))
    elif f.kind in (IDS, RANKED):
        q = q.where(Image.id.in_(list(f.value or ())))
    elif f.kind != ALL:
        raise ValueError(f"unknown gallery filter {f.kind!r}")
    return q


def count(f: GalleryFilter) -> int:
    return filtered(f).count()


def month_groups(f: GalleryFilter) -> list[MonthGroup]:
    """Months with photos, newest first, in the gallery's order."""
    return gallery_index(f)[1]


def gallery_index(f: GalleryFilter):
    """The gallery's ids in display order (``array('q')``) and its month groups.

    Everything: the ids in one pass and the months by seeking the sorted index (see
    ``_all_months``). A filtered gallery comes sorted by date, so each month is one run
    of rows: the groups are counted on the way instead of by a second scan of the filter.
    """
    if f.kind == RANKED:
        return ordered_ids(f), []
    if f.kind == ALL:
        return ordered_ids(f), _all_months() if f.grouped else []
    return _ids_and_months(filtered(f).order_by(*NEWEST_FIRST), f.grouped)


def _ids_and_months(q, grouped: bool):
    """The ids of ``q`` (ordered by date) and its month groups, counted on the way."""
    from array import array

    q = q.select(Image.id, fn.strftime("%Y-%m", SORT_DATE))
    ids = array("q")
    runs: list[list] = []  # [month, count], newest first
    for image_id, m in Image._meta.database.execute(q):
        ids.append(image_id)
        if runs and runs[-1][0] == (m or ""):
            runs[-1][1] += 1
        else:
            runs.append([m or "", 1])
    return ids, [MonthGroup(m, n) for m, n in runs] if grouped else []


# The newest photos a gallery's first screen is looked for among (``gallery_head``): enough
# to fill it for any word that is not rare, few enough that testing each costs ~30 ms.
RECENT_WINDOW = 20_000


def gallery_head(f: GalleryFilter, limit: int):
    """The gallery's first ``limit`` ids in display order and their month groups, fast.

    Drawn before the whole gallery is read (``gallery_index``), so a million photos or a
    search with 100,000 results paints its first screen at once. A filtered gallery tests
    only the ``RECENT_WINDOW`` newest photos, in the gallery's index order: its matches
    there are the gallery's first ones (everything newer was tested too), though maybe
    fewer than ``limit``, or none where the filter's photos are all older. The groups
    count the head's photos only (its last month may go on).
    """
    if f.kind == RANKED:
        return ordered_ids(f)[:limit], []
    q = filtered(f, per_row=True).order_by(*NEWEST_FIRST).limit(limit)
    if f.kind != ALL:
        recent = (
            _base().select(Image.id).order_by(*NEWEST_FIRST).limit(RECENT_WINDOW).alias("recent")
        )
        # CROSS JOIN keeps SQLite walking the newest rows first and testing each (a search
        # word's tags, people and keywords looked up per photo), instead of gathering every
        # match (all 125,000 photos of a dog) and sorting them.
        q = q.from_(recent).join(Image, JOIN.CROSS).where(Image.id == recent.c.id)
    return _ids_and_months(q, f.grouped)


def _all_months() -> list[MonthGroup]:
    """Months of the whole gallery, newest first, with their photo counts.

    A few hundred index seeks (the newest key below the last month found) and range
    counts on the covering index, instead of reading a million sort keys into Python.
    Each statement is built once and run with new bounds (peewee's building would cost
    more than SQLite's work).
    """
    db = Image._meta.database
    newest_sql, _ = Image.select(fn.MAX(Image.sort_key)).sql()
    below_sql, _ = Image.select(fn.MAX(Image.sort_key)).where(Image.sort_key < "").sql()
    in_month = (Image.sort_key >= "") & (Image.sort_key < "")
    if any_hidden():  # else every photo counts, and the count needs no test of each one
        in_month &= visible()
    count_sql, params = Image.select(fn.COUNT(Image.id)).where(in_month).sql()
    # The bounds are its first two parameters.
    groups: list[MonthGroup] = []
    (key,) = db.execute_sql(newest_sql).fetchone()
    upper = None if key is None else key + "\x7f"  # above the newest key
    while key is not None:
        month = key[:7]
        (n,) = db.execute_sql(count_sql, [month, upper, *params[2:]]).fetchone()
        if n:
            groups.append(MonthGroup(month, n))
        upper = month
        (key,) = db.execute_sql(below_sql, [month]).fetchone()
    # A file time SQLite can't turn into a date (a broken mtime) has no key: shown last.
    undated = Image.select().where(Image.sort_key.is_null() & visible()).count()
    if undated:
        groups.append(MonthGroup("", undated))
    return groups


def page(f: GalleryFilter, offset: int, limit: int) -> list[GalleryRow]:
    """Rows ``offset .. offset+limit`` of the gallery, newest first."""
    q = filtered(f).select(*_row_columns()).order_by(*NEWEST_FIRST).limit(limit).offset(offset)
    return [_gallery_row(values) for values in q.tuples()]


def _row_columns() -> tuple:
    """The columns a ``GalleryRow`` is made of, in ``_gallery_row``'s order."""
    return (
        Image.id,
        Image.path,
        Image.thumbnail,
        SORT_DATE.alias("d"),
        Image.width,
        Image.height,
        Image.favourite,
        Image.media_type,
        Image.duration_s,
        Image.presence,
        IS_RAW.alias("raw"),
        Image.rotation,
    )


def _gallery_row(values: tuple) -> GalleryRow:
    """A ``GalleryRow`` from one tuple of ``_row_columns()``."""
    i, p, t, d, w, h, fav, media, duration, presence, raw, rotation = values
    return GalleryRow(
        i,
        p,
        t,
        str(d or ""),
        w,
        h,
        bool(fav),
        media or "photo",
        duration,
        offline=presence == Presence.OFFLINE,
        raw=bool(raw),
        rotation=rotation or 0,
    )


# ------------------------------------------------------------------ listings


@dataclass(frozen=True)
class TagRow:
    label: str
    count: int  # photos shown with the tag
    sample_thumbnail: str | None
    images: tuple[str, ...] = ()  # the photos' paths, by path (only where asked for)

    def to_dict(self) -> dict[str, Any]:
        """The ``pictopy tags --json`` shape (keywords are listed beside: ``KeywordRow``)."""
        return {
            "label": self.label,
            "source": DETECTOR_SOURCE,
            "count": self.count,
            "images": list(self.images),
        }


def tags_listing(with_images: bool = False) -> list[TagRow]:
    """Every object class, most photos first (then by name), with the thumbnail of its most
    confident photo and (``with_images``) the paths of its photos."""
    counts = (
        ObjectTag.select(ObjectTag.label, fn.COUNT(fn.DISTINCT(ObjectTag.image)).alias("n"))
        .where(of_visible(ObjectTag.image))
        .group_by(ObjectTag.label)
        .order_by(SQL("n").desc(), ObjectTag.label)
        .tuples()
    )
    # SQLite returns the other columns of the MAX() row for a bare aggregate.
    best = (
        ObjectTag.select(ObjectTag.label, Image.thumbnail, fn.MAX(ObjectTag.confidence))
        .join(Image)
        .where(Image.thumbnail.is_null(False) & of_visible(ObjectTag.image))
        .group_by(ObjectTag.label)
        .tuples()
    )
    samples = {label: thumb for label, thumb, _ in best}
    images: dict[str, list[str]] = {}
    if with_images:
        q = (
            ObjectTag.select(ObjectTag.label, Image.path)
            .join(Image)
            .where(visible())
            .distinct()
            .order_by(ObjectTag.label, Image.path)
            .tuples()
        )
        for label, path in q:
            images.setdefault(label, []).append(path)
    return [
        TagRow(label, n, samples.get(label), tuple(images.get(label, ()))) for label, n in counts
    ]


@dataclass(frozen=True)
class AlbumRow:
    id: int
    name: str
    count: int
    cover_thumbnail: str | None
    cover_path: str | None = None  # the photo behind the cover (the one added last)

    def to_dict(self) -> dict[str, Any]:
        """The ``pictopy albums --json`` shape."""
        return {"id": self.id, "name": self.name, "count": self.count, "cover": self.cover_path}


def albums_listing() -> list[AlbumRow]:
    counts = dict(
        AlbumImage.select(AlbumImage.album, fn.COUNT(AlbumImage.image))
        .join(Image)
        .where(visible())
        .group_by(AlbumImage.album)
        .tuples()
    )
    # SQLite takes the bare columns beside MAX() from the row holding the maximum.
    covers = {
        album_id: (thumb, path)
        for album_id, thumb, path, _ in AlbumImage.select(
            AlbumImage.album, Image.thumbnail, Image.path, fn.MAX(AlbumImage.added_at)
        )
        .join(Image)
        .where(visible())
        .group_by(AlbumImage.album)
        .tuples()
    }
    return [
        AlbumRow(a.id, a.name, counts.get(a.id, 0), *covers.get(a.id, (None, None)))
        for a in Album.select().order_by(fn.LOWER(Album.name), Album.id)
    ]


@dataclass(frozen=True)
class FolderRow:
    id: int
    path: str
    count: int
    last_scanned_at: str | None
    sample_thumbnail: str | None

    @property
    def name(self) -> str:
        return Path(self.path).name or self.path


def folders_listing() -> list[FolderRow]:
    counts = dict(
        Image.select(Image.folder, fn.COUNT(Image.id))
        .where(visible())
        .group_by(Image.folder)
        .tuples()
    )
    samples = dict(
        Image.select(Image.folder, Image.thumbnail)
        .where(Image.thumbnail.is_null(False) & visible())
        .group_by(Image.folder)
        .tuples()
    )
    return [
        FolderRow(
            f.id,
            f.path,
            counts.get(f.id, 0),
            str(f.last_scanned_at) if f.last_scanned_at else None,
            samples.get(f.id),
        )
        for f in LibraryFolder.select().order_by(LibraryFolder.path)
    ]


@dataclass
class ImageDetails:
    id: int
    path: str
    width: int | None
    height: int | None
    file_size: int
    date: str
    date_is_exif: bool
    format: str | None
    tags: list[tuple[str, float]] = field(default_factory=list)
    faces: list[FaceRow] = field(default_factory=list)
    albums: list[str] = field(default_factory=list)
    favourite: bool = False
    state: str = ""
    latitude: float | None = None
    longitude: float | None = None
    description: str | None = None
    media_type: str = "photo"
    duration_s: float | None = None
    presence: str = Presence.PRESENT
    rotation: int = 0  # degrees clockwise on top of EXIF orientation
    utc_offset_min: int | None = None  # capture time zone, where known
    companion_path: str | None = None  # the RAW kept beside this JPEG (one photo)
    # What the photo's XMP/IPTC (or the user) said: library.metadata
    title: str | None = None
    keywords: list[str] = field(default_factory=list)  # hierarchical paths, "Places|France|Paris"
    rating: int | None = None
    color_label: str | None = None

    @property
    def is_video(self) -> bool:
        return self.media_type == "video"

    @property
    def raw_path(self) -> str | None:
        """The camera RAW of this photo (itself, or the one kept beside its JPEG), or None."""
        if (self.format or "").startswith("RAW-"):
            return self.path
        return self.companion_path

    @property
    def offline(self) -> bool:
        """Its file can't be reached now (drive not connected): nothing should try to read it."""
        return self.presence != Presence.PRESENT


def image_details(image_id: int) -> ImageDetails:
    img = Image.get_by_id(image_id)
    tags: dict[str, float] = {}
    for label, conf in (
        ObjectTag.select(ObjectTag.label, ObjectTag.confidence)
        .where(ObjectTag.image == image_id)
        .tuples()
    ):
        tags[label] = max(conf, tags.get(label, 0.0))
    albums = [
        name
        for (name,) in Album.select(Album.name)
        .join(AlbumImage)
        .where(AlbumImage.image == image_id)
        .order_by(Album.name)
        .tuples()
    ]
    return ImageDetails(
        id=img.id,
        path=img.path,
        width=img.width,
        height=img.height,
        file_size=img.size,
        date=img.sort_date.strftime("%Y-%m-%d %H:%M"),
        date_is_exif=img.taken_at is not None,
        format=img.format,
        tags=sorted(tags.items(), key=lambda t: -t[1]),
        faces=faces_in_image(image_id),
        albums=albums,
        favourite=bool(img.favourite),
        state=img.state,
        latitude=img.latitude,
        longitude=img.longitude,
        description=img.description,
        media_type=img.media_type or "photo",
        duration_s=img.duration_s,
        presence=img.presence,
        rotation=img.rotation or 0,
        title=img.title,
        keywords=[
            path
            for (path,) in Keyword.select(Keyword.path)
            .where(Keyword.image == image_id)
            .order_by(Keyword.path)
            .tuples()
        ],
        rating=img.rating,
        color_label=img.color_label,
        utc_offset_min=img.utc_offset_min,
        companion_path=img.companion_path,
    )


def paths_of(ids: Iterable[int]) -> dict[int, str]:
    """The paths of the photos ``ids`` (ids that are gone are left out)."""
    ids = list(ids)
    out: dict[int, str] = {}
    for k in range(0, len(ids), 500):
        out.update(
            Image.select(Image.id, Image.path).where(Image.id.in_(ids[k : k + 500])).tuples()
        )
    return out


def photo_ids(refs: Iterable[str]) -> list[int]:
    """Library ids of photos given by id or path; PictoPyError naming the first that is not in the library."""
    ids = []
    for ref in refs:
        img = Image.get_or_none(Image.id == int(ref)) if ref.isdigit() else None
        img = img or Image.get_or_none(Image.path == str(Path(ref).resolve()))
        if img is None:
            raise PictoPyError(f"{ref} is not in the library.")
        ids.append(img.id)
    return ids


def library_is_empty() -> bool:
    return not LibraryFolder.select().exists() and not Image.select().exists()


def ordered_ids(f: GalleryFilter):
    """The ids of the gallery's photos in display order, as a compact ``array('q')``.

    One index scan per gallery load, then every page is a primary-key lookup
    (``rows_by_id``) instead of a deep OFFSET re-sort. SQLite joins the ids into one
    string, parsed at once: a million Python row tuples would cost twice as long.
    """
    from array import array

    if f.kind == RANKED:
        present = {i for (i,) in filtered(f).select(Image.id).tuples()}
        return array("q", (i for i in f.value or () if i in present))
    sql, params = filtered(f).select(Image.id).order_by(*NEWEST_FIRST).sql()
    # The ordered subquery feeds the aggregate in its order (an aggregate's subquery
    # with ORDER BY is never flattened into it).
    (joined,) = Image._meta.database.execute_sql(
        f"SELECT group_concat(id) FROM ({sql})", params
    ).fetchone()
    if not joined:
        return array("q")
    if len(joined) < _NUMPY_FROM:
        return array("q", map(int, joined.split(",")))
    import numpy as np  # not on the start path of a small library: its import costs more

    return array("q", np.fromstring(joined, dtype=np.int64, sep=",").tobytes())


# Ids joined into more characters than this (about 150,000 photos) are parsed by numpy, in
# half the time of int() on each; fewer do not repay numpy's import.
_NUMPY_FROM = 1_000_000


def rows_by_id(ids) -> dict[int, GalleryRow]:
    """Gallery rows for ``ids`` (any order), by primary key."""
    ids = list(ids)
    out: dict[int, GalleryRow] = {}
    for i in range(0, len(ids), 500):
        q = Image.select(*_row_columns()).where(Image.id.in_(ids[i : i + 500]))
        for values in q.tuples():
            out[values[0]] = _gallery_row(values)
    boxes = face_boxes_of(out)
    for iid, faces in boxes.items():
        out[iid] = replace(out[iid], faces=faces)
    return out


def face_boxes_of(ids) -> dict[int, tuple[FaceBox, ...]]:
    """The faces of the photos ``ids`` (not videos: their faces come from other frames than
    the poster), as fractions of each photo's size, for framing tiles around them."""
    ids = [i for i in ids if i is not None]
    out: dict[int, list[FaceBox]] = {}
    for k in range(0, len(ids), 500):
        q = (
            Face.select(
                Face.image,
                Face.person,
                Face.x1,
                Face.y1,
                Face.x2,
                Face.y2,
                Image.width,
                Image.height,
            )
            .join(Image)
            .where(
                Face.image.in_(ids[k : k + 500])
                & (Face.ignored == False)
                & (Image.media_type != "video")
            )
            .order_by(Face.image, Face.id)
        )
        for iid, pid, x1, y1, x2, y2, w, h in q.tuples():
            if w and h:
                out.setdefault(iid, []).append((pid, x1 / w, y1 / h, x2 / w, y2 / h))
    return {iid: tuple(faces) for iid, faces in out.items()}


# ------------------------------------------------------------------ memories, places, duplicates


def thumbnails_of(ids) -> dict[int, str | None]:
    """Thumbnail paths (relative to the cache) of ``ids``."""
    ids = [i for i in ids if i is not None]
    out: dict[int, str | None] = {}
    for i in range(0, len(ids), 500):
        out.update(
            Image.select(Image.id, Image.thumbnail).where(Image.id.in_(ids[i : i + 500])).tuples()
        )
    return out


@dataclass(frozen=True)
class MemoryRow:
    title: str
    subtitle: str
    kind: str  # "on_this_day" | "event" | "trip"
    image_ids: tuple[int, ...]
    cover_thumbnail: str | None
    # What the title and subtitle say, for the app to say it in its language (memories.Memory).
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    place: str = ""
    topic: str = ""
    years_ago: int = 0
    day: dt.date | None = None


def _span(start: dt.datetime, end: dt.datetime) -> str:
    """7 Mar 2020; 1–2 Jun 2019; 28 May – 2 Jun 2019; 30 Dec 2019 – 2 Jan 2020."""
    if start.date() == end.date():
        return f"{start.day} {start.strftime('%b %Y')}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end.strftime('%b %Y')}"
    if start.year == end.year:
        return f"{start.day} {start.strftime('%b')} – {end.day} {end.strftime('%b %Y')}"
    return f"{start.day} {start.strftime('%b %Y')} – {end.day} {end.strftime('%b %Y')}"


def _memory_card(m: Any) -> tuple[str, str]:
    """A short title and subtitle that fit on a card."""
    n = len(m.image_ids)
    photos = f"{n:,} photo{'s' if n != 1 else ''}"
    if m.start is None or m.end is None:
        return m.title, m.subtitle.replace(" - ", " · ")
    # Named after where and when already ("Paris, June 2019"), or after what is in it
    # ("Trip: dog"); with nothing to name it after: when.
    title = m.title if m.place or ":" in m.title else f"{m.title} · {m.start.strftime('%B %Y')}"
    return title, f"{_span(m.start, m.end)} · {photos}"


def memories_listing(today: dt.date | None = None) -> list[MemoryRow]:
    """ "On this day" memories, then events and trips (newest first), each with its cover's thumbnail."""
    from pictopy_desktop.library.memories import all_memories

    found = all_memories(today)
    thumbs = thumbnails_of([m.cover_id for m in found])
    return [
        MemoryRow(
            *_memory_card(m),
            m.kind,
            tuple(m.image_ids),
            thumbs.get(m.cover_id) if m.cover_id is not None else None,
            m.start,
            m.end,
            m.place,
            m.topic,
            m.years_ago,
            m.day,
        )
        for m in found
    ]


@dataclass(frozen=True)
class PlaceRow:
    key: tuple[str, str]  # places.PlaceKey
    city: str  # the town, or its coordinates far from any town
    country: str
    latitude: float
    longitude: float
    count: int
    cover_thumbnail: str | None

    @property
    def label(self) -> str:
        return f"{self.city}, {self.country}" if self.country else self.city


@dataclass(frozen=True)
class CountryRow:
    code: str
    name: str
    count: int
    cover_thumbnail: str | None
    places: tuple[PlaceRow, ...]


def places_listing() -> list[CountryRow]:
    """Countries (most photos first), each with its towns and their covers' thumbnails."""
    from pictopy_desktop.library.places import countries

    found = countries()
    thumbs = thumbnails_of([p.cover_id for c in found for p in c.places])
    return [
        CountryRow(
            c.code,
            c.name,
            c.count,
            thumbs.get(c.cover_id),
            tuple(
                PlaceRow(
                    p.key,
                    p.city,
                    p.country,
                    p.latitude,
                    p.longitude,
                    p.count,
                    thumbs.get(p.cover_id),
                )
                for p in c.places
            ),
        )
        for c in found
    ]


@dataclass(frozen=True)
class DuplicatePhoto:
    id: int
    path: str
    thumbnail: str | None
    width: int | None
    height: int | None
    file_size: int
    date: str
    faces: tuple[FaceBox, ...] = ()  # where the faces are, for face-aware tiles

    @property
    def name(self) -> str:
        return os.path.basename(self.path)


@dataclass(frozen=True)
class DuplicateGroupRow:
    exact: bool
    photos: tuple[DuplicatePhoto, ...]  # the suggested keeper first

    def to_dict(self) -> dict[str, Any]:
        """The shape of one group in ``pictopy duplicates --json``."""
        return {
            "exact": self.exact,
            "photos": [p.path for p in self.photos],
            "keep": self.photos[0].path,
            "files": [
                {
                    "id": p.id,
                    "path": p.path,
                    "name": p.name,
                    "folder": os.path.dirname(p.path),
                    "width": p.width,
                    "height": p.height,
                    "size": p.file_size,
                }
                for p in self.photos
            ],
        }


def duplicates_listing(groups: list[Any] | None = None) -> list[DuplicateGroupRow]:
    """Groups of the same picture (exact copies and near-duplicates) with what the view shows of each photo.

    ``groups``: ``duplicates.find_duplicates()`` already run (the CLI acts on the same groups
    it lists); None finds them.
    """
    from pictopy_desktop.library.duplicates import find_duplicates

    if groups is None:
        groups = find_duplicates()
    ids = [i for g in groups for i in g.image_ids]
    info: dict[int, DuplicatePhoto] = {}
    for k in range(0, len(ids), 500):
        q = Image.select(
            Image.id,
            Image.path,
            Image.thumbnail,
            Image.width,
            Image.height,
            Image.size,
            SORT_DATE.alias("d"),
        ).where(Image.id.in_(ids[k : k + 500]))
        for iid, p, t, w, h, size, d in q.tuples():
            info[iid] = DuplicatePhoto(iid, p, t, w, h, size or 0, str(d or "")[:16])
    for iid, faces in face_boxes_of(list(info)).items():
        info[iid] = replace(info[iid], faces=faces)
    return [
        DuplicateGroupRow(g.exact, tuple(info[i] for i in g.image_ids if i in info))
        for g in groups
        if sum(i in info for i in g.image_ids) >= 2
    ]
