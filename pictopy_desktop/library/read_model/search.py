"""Search: the photos matching every word of a query (tags, keywords, people, albums, titles,
captions, names, dates).

The gallery pages through ``search_query``; ``pictopy search --json`` prints
``search()``, whose results are ``PhotoSummary`` records.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
from dataclasses import dataclass
from typing import Any

from peewee import JOIN, SQL, Expression, Table, fn

from pictopy_desktop.storage.search_index import KEYWORD_TABLE, match_expression, search_index_live
from pictopy_desktop.storage.search_index import TABLE as TEXT_TABLE
from pictopy_desktop.storage.tables import (
    Album,
    AlbumImage,
    Face,
    Image,
    Keyword,
    ObjectTag,
    Person,
)
from pictopy_desktop.storage.text_fold import SQL_NAME as FOLD_NAME
from pictopy_desktop.storage.text_fold import fold
from pictopy_desktop.storage.visibility import visible

_YEAR = re.compile(r"^(19|20)\d\d$")
_MONTH = re.compile(r"^((?:19|20)\d\d)-(0[1-9]|1[0-2])$")
_FAVOURITE_WORDS = {"favourite", "favourites", "favorite", "favorites", "fav", "favs"}
# Aliased as themselves: FTS5 takes a query on a detail=none table only by the table's name.
_IMAGE_TEXT = Table(TEXT_TABLE, ("rowid", "text")).alias(TEXT_TABLE)
_KEYWORD_TEXT = Table(KEYWORD_TABLE, ("rowid", "text")).alias(KEYWORD_TABLE)


def _date_range(start: dt.datetime, end: dt.datetime) -> Expression:
    """Photos taken in [start, end): by EXIF date, else by the file's local time.

    The stored sort key is exactly that date (``storage/gallery_order.py``), so this is a
    range of the gallery's index, already in the gallery's order.
    """
    return (Image.sort_key >= str(start)) & (Image.sort_key < str(end))


def _folded(field: Any, low: str) -> Any:
    """``field`` case-folded as ``fold`` folds ``low``: SQLite's own LOWER() does for ASCII."""
    return fn.LOWER(field) if low.isascii() else getattr(fn, FOLD_NAME)(field)


def _text_condition(low: str, indexed: bool, per_row: bool = False) -> Expression:
    """Photos whose path, title, caption or a keyword path contains ``low`` (case folded).

    With the search index (``storage/search_index.py``) the trigram index finds the
    candidate photos and keywords, and this same test keeps those that match, so results
    are the scan's. Words the index can't look up (shorter than three letters, or only of
    letters it folds otherwise) scan. ``per_row``: the test of one photo at a time
    (``_member``), for a query that tests a few thousand photos, not the whole library.
    """
    own_text = (
        _folded(Image.path, low).contains(low)
        | _folded(Image.title, low).contains(low)
        | _folded(Image.description, low).contains(low)
    )
    # Keywords (the whole hierarchy: "France" finds "Places|France|Paris").
    keyword = _folded(Keyword.path, low).contains(low)
    if per_row:
        return own_text | _member(Keyword.image, keyword, per_row)
    pattern = match_expression(low) if indexed else None
    if pattern is not None:
        photos = _IMAGE_TEXT.select(_IMAGE_TEXT.rowid).where(
            SQL(f'"{TEXT_TABLE}" MATCH ?', [pattern])
        )
        keywords = _KEYWORD_TEXT.select(_KEYWORD_TEXT.rowid).where(
            SQL(f'"{KEYWORD_TABLE}" MATCH ?', [pattern])
        )
        candidates = photos | Keyword.select(Keyword.image).where(Keyword.id.in_(keywords))
        has_keyword = fn.EXISTS(
            Keyword.select(SQL("1")).where((Keyword.image == Image.id) & keyword)
        )
        return Image.id.in_(candidates) & (own_text | has_keyword)
    return own_text | Image.id.in_(Keyword.select(Keyword.image).where(keyword))


def _member(image_field: Any, condition: Expression, per_row: bool) -> Expression:
    """Photos with a row in ``image_field``'s table meeting ``condition``.

    As a set (``IN``) SQLite gathers every such row once: right for a whole gallery, where
    it can walk those rows' photos only. ``per_row``, each photo tested looks up its own
    rows (``EXISTS`` on the table's photo index): right for testing the newest few
    thousand photos (``browse.gallery_head``), where gathering the 125,000 photos of a
    dog would cost more than testing them all.
    """
    table = image_field.model
    if per_row:
        return fn.EXISTS(table.select(SQL("1")).where((image_field == Image.id) & condition))
    return Image.id.in_(table.select(image_field).where(condition))


def _token_condition(token: str, indexed: bool = False, per_row: bool = False) -> Expression:
    """Photos matching one search word: a tag, a person, an album, a folder or file name, a date.

    Tags, people and albums are few: the matching ones are found first, so the photo query
    uses the indexes on tag label, face person and album instead of scanning with LIKE.
    """
    low = fold(token)
    if low in _FAVOURITE_WORDS:
        return Image.favourite == True
    if _YEAR.match(low):
        year = int(low)
        return _date_range(dt.datetime(year, 1, 1), dt.datetime(year + 1, 1, 1))
    if m := _MONTH.match(low):
        year, month = int(m.group(1)), int(m.group(2))
        end = dt.datetime(year + month // 12, month % 12 + 1, 1)
        return _date_range(dt.datetime(year, month, 1), end)
    singular = low[:-1] if low.endswith("s") and len(low) > 3 else low
    labels = [
        label
        for (label,) in ObjectTag.select(ObjectTag.label).distinct().tuples()
        if singular in fold(label)
    ]
    people = [
        p
        for (p,) in Person.select(Person.id).where(_folded(Person.name, low).contains(low)).tuples()
    ]
    albums = [
        a for (a,) in Album.select(Album.id).where(_folded(Album.name, low).contains(low)).tuples()
    ]
    condition = _text_condition(low, indexed, per_row)
    if labels:
        condition |= _member(ObjectTag.image, ObjectTag.label.in_(labels), per_row)
    if people:
        condition |= _member(Face.image, Face.person.in_(people) & (Face.ignored == False), per_row)
    if albums:
        condition |= _member(AlbumImage.image, AlbumImage.album.in_(albums), per_row)
    return condition


def search_query(query: str, min_rating: int | None = None, per_row: bool = False):
    """A peewee query of the photos matching every word of ``query`` (and rated ``min_rating``
    stars or more), newest first. ``per_row``: each photo tested on its own (for a query
    that tests only some photos; see ``_member``)."""
    try:
        tokens = shlex.split(query)
    except ValueError:
        tokens = query.split()
    q = gallery_query()
    indexed = bool(tokens) and not per_row and search_index_live(Image._meta.database)
    for token in tokens:
        q = q.where(_token_condition(token, indexed, per_row))
    if min_rating is not None:
        q = q.where(Image.rating >= min_rating)
    return q


def gallery_query():
    """All browsable photos, newest first (by EXIF date, else file time)."""
    return Image.select().where(visible()).order_by(Image.sort_key.desc(), Image.id.desc())


@dataclass(frozen=True)
class PhotoSummary:
    """One photo as a search result lists it: where, when, how big, its tags and people."""

    id: int
    path: str
    taken_at: dt.datetime | None
    width: int | None
    height: int | None
    tags: tuple[str, ...]
    people: tuple[str, ...]
    # What the photo's XMP/IPTC (or the user) said: library.metadata
    keywords: tuple[str, ...] = ()
    rating: int | None = None
    color_label: str | None = None
    title: str | None = None
    description: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The shape of one ``pictopy search --json`` result."""
        return {
            "id": self.id,
            "path": self.path,
            "taken_at": self.taken_at.isoformat() if self.taken_at else None,
            "width": self.width,
            "height": self.height,
            "tags": list(self.tags),
            "people": list(self.people),
            "keywords": list(self.keywords),
            "rating": self.rating,
            "color_label": self.color_label,
            "title": self.title,
            "description": self.description,
        }


def photo_summary(img: Image) -> PhotoSummary:
    """``img`` with its tags and the names of its people (unnamed ones as "Person N"), sorted."""
    tags = sorted({t.label for t in img.tags})
    people = sorted(
        {
            f.person.name or f"Person {f.person_id}"
            for f in Face.select(Face, Person).join(Person, JOIN.INNER).where(Face.image == img.id)
        }
    )
    keywords = sorted(
        path for (path,) in Keyword.select(Keyword.path).where(Keyword.image == img.id).tuples()
    )
    return PhotoSummary(
        img.id,
        img.path,
        img.taken_at,
        img.width,
        img.height,
        tuple(tags),
        tuple(people),
        keywords=tuple(keywords),
        rating=img.rating,
        color_label=img.color_label,
        title=img.title,
        description=img.description,
    )


def search(query: str, limit: int | None = None, min_rating: int | None = None) -> dict[str, Any]:
    """``pictopy search QUERY [--rating N] --json``: the query, how many photos match, and the
    first ``limit``."""
    q = search_query(query, min_rating)
    total = q.count()
    if limit:
        q = q.limit(limit)
    return {
        "query": query,
        "count": total,
        "results": [photo_summary(img).to_dict() for img in q],
    }
