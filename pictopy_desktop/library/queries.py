"""Read-only questions about the library: status, tags, search.

People listings live with the people operations (``people.people_service``).

These return plain dicts and lists (the JSON shapes the CLI prints and the README
documents); the GUI's item models page through ``search_query`` / ``gallery_query``.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
from typing import Any

from peewee import JOIN, SQL, Expression, fn

from pictopy_desktop.storage.tables import (
    Album,
    AlbumImage,
    Face,
    Image,
    ImageState,
    LibraryFolder,
    ObjectTag,
    Person,
    Presence,
)
from pictopy_desktop.storage.visibility import of_visible, visible

_YEAR = re.compile(r"^(19|20)\d\d$")
_MONTH = re.compile(r"^((?:19|20)\d\d)-(0[1-9]|1[0-2])$")
_FAVOURITE_WORDS = {"favourite", "favourites", "favorite", "favorites", "fav", "favs"}


def library_status() -> dict[str, Any]:
    """Counts for ``pictopy status --json``, the status bar and the Photos header's number.

    ``images.total`` is the photos shown (the Photos view's rows); unreadable files
    (``images.failed``) and missing photos are counted apart.
    """
    by_state = dict(Image.select(Image.state, fn.COUNT(Image.id)).group_by(Image.state).tuples())
    # Missing photos are few: counted apart (on the presence index) rather than filtering every row.
    missing = Image.select(Image.state, fn.COUNT(Image.id)).where(
        Image.presence == Presence.MISSING
    )
    if missing.exists():
        for state, n in missing.group_by(Image.state).tuples():
            by_state[state] -= n
    faces = Face.select().where((Face.ignored == False) & of_visible(Face.image))
    return {
        "images": {
            # The photos shown: ``visible()``, what the Photos view lists, so every count agrees.
            # Unreadable files are counted apart, never as photos.
            "total": sum(n for state, n in by_state.items() if state != ImageState.FAILED),
            "analyzed": by_state.get(ImageState.DONE, 0),
            "waiting_for_analysis": by_state.get(ImageState.WAITING, 0),
            "failed": by_state.get(ImageState.FAILED, 0),
        },
        "faces": faces.count(),
        "people": Person.select().count(),
        "named_people": Person.select().where(Person.user_named == True).count(),
        "tags": ObjectTag.select(ObjectTag.label)
        .where(of_visible(ObjectTag.image))
        .distinct()
        .count(),
        "albums": Album.select().count(),
        "folders": [f.path for f in LibraryFolder.select().order_by(LibraryFolder.path)],
    }


def failed_images() -> list[dict[str, str]]:
    return [
        {"path": img.path, "reason": img.error or "unreadable"}
        for img in Image.select(Image.path, Image.error)
        .where((Image.state == ImageState.FAILED) & (Image.presence != Presence.MISSING))
        .order_by(Image.path)
    ]


def tag_summary(with_images: bool = True) -> list[dict[str, Any]]:
    """Every object class with its photo count (most common first) and, optionally, the photos."""
    rows = (
        ObjectTag.select(ObjectTag.label, fn.COUNT(fn.DISTINCT(ObjectTag.image)).alias("n"))
        .where(of_visible(ObjectTag.image))
        .group_by(ObjectTag.label)
        .order_by(SQL("n").desc(), ObjectTag.label)
        .tuples()
    )
    result = [{"label": label, "count": n} for label, n in rows]
    if with_images:
        images: dict[str, list[str]] = {}
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
        for entry in result:
            entry["images"] = images.get(entry["label"], [])
    return result


def _date_range(start: dt.datetime, end: dt.datetime) -> Expression:
    """Photos taken in [start, end): by EXIF date (indexed), else by file time."""
    return Image.taken_at.between(start, end - dt.timedelta(microseconds=1)) | (
        Image.taken_at.is_null() & Image.mtime.between(start.timestamp(), end.timestamp() - 1e-6)
    )


def _token_condition(token: str) -> Expression:
    """Photos matching one search word: a tag, a person, an album, a folder or file name, a date.

    Tags, people and albums are few: the matching ones are found first, so the photo query
    uses the indexes on tag label, face person and album instead of scanning with LIKE.
    """
    low = token.lower()
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
        if singular in label.lower()
    ]
    people = [
        p for (p,) in Person.select(Person.id).where(fn.LOWER(Person.name).contains(low)).tuples()
    ]
    albums = [
        a for (a,) in Album.select(Album.id).where(fn.LOWER(Album.name).contains(low)).tuples()
    ]
    condition: Expression = fn.LOWER(Image.path).contains(low)
    if labels:
        condition |= Image.id.in_(
            ObjectTag.select(ObjectTag.image).where(ObjectTag.label.in_(labels))
        )
    if people:
        condition |= Image.id.in_(
            Face.select(Face.image).where(Face.person.in_(people) & (Face.ignored == False))
        )
    if albums:
        condition |= Image.id.in_(
            AlbumImage.select(AlbumImage.image).where(AlbumImage.album.in_(albums))
        )
    return condition


def search_query(query: str):
    """A peewee query of the photos matching every word of ``query``, newest first."""
    try:
        tokens = shlex.split(query)
    except ValueError:
        tokens = query.split()
    q = gallery_query()
    for token in tokens:
        q = q.where(_token_condition(token))
    return q


def gallery_query():
    """All browsable photos, newest first (by EXIF date, else file time)."""
    return (
        Image.select()
        .where(visible())
        .order_by(
            fn.COALESCE(Image.taken_at, fn.datetime(Image.mtime, "unixepoch", "localtime")).desc(),
            Image.id.desc(),
        )
    )


def image_summary(img: Image) -> dict[str, Any]:
    tags = sorted({t.label for t in img.tags})
    people = sorted(
        {
            f.person.name or f"Person {f.person_id}"
            for f in Face.select(Face, Person).join(Person, JOIN.INNER).where(Face.image == img.id)
        }
    )
    return {
        "id": img.id,
        "path": img.path,
        "taken_at": img.taken_at.isoformat() if img.taken_at else None,
        "width": img.width,
        "height": img.height,
        "tags": tags,
        "people": people,
    }


def search(query: str, limit: int | None = None) -> dict[str, Any]:
    """``pictopy search QUERY --json``."""
    q = search_query(query)
    total = q.count()
    if limit:
        q = q.limit(limit)
    return {"query": query, "count": total, "results": [image_summary(img) for img in q]}
