"""Read-only questions about the library: status, tags, search.

People listings live with the people operations (``people.people_service``).

These return plain dicts and lists (the JSON shapes the CLI prints and the README
documents); the GUI's item models page through ``search_query`` / ``gallery_query``.
"""

from __future__ import annotations

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
)

_YEAR = re.compile(r"^(19|20)\d\d$")
_MONTH = re.compile(r"^((?:19|20)\d\d)-(0[1-9]|1[0-2])$")
_FAVOURITE_WORDS = {"favourite", "favourites", "favorite", "favorites", "fav", "favs"}


def library_status() -> dict[str, Any]:
    """Counts for ``pictopy status --json``."""
    by_state = dict(Image.select(Image.state, fn.COUNT(Image.id)).group_by(Image.state).tuples())
    return {
        "images": {
            "total": sum(by_state.values()),
            "analyzed": by_state.get(ImageState.DONE, 0),
            "waiting_for_analysis": by_state.get(ImageState.WAITING, 0),
            "failed": by_state.get(ImageState.FAILED, 0),
        },
        "faces": Face.select().where(Face.ignored == False).count(),  # noqa: E712
        "people": Person.select().count(),
        "named_people": Person.select().where(Person.user_named == True).count(),  # noqa: E712
        "tags": ObjectTag.select(ObjectTag.label).distinct().count(),
        "albums": Album.select().count(),
        "folders": [f.path for f in LibraryFolder.select().order_by(LibraryFolder.path)],
    }


def failed_images() -> list[dict[str, str]]:
    return [
        {"path": img.path, "reason": img.error or "unreadable"}
        for img in Image.select(Image.path, Image.error).where(Image.state == ImageState.FAILED).order_by(Image.path)
    ]


def tag_summary(with_images: bool = True) -> list[dict[str, Any]]:
    """Every object class with its photo count (most common first) and, optionally, the photos."""
    rows = (
        ObjectTag.select(ObjectTag.label, fn.COUNT(fn.DISTINCT(ObjectTag.image)).alias("n"))
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
            .distinct()
            .order_by(ObjectTag.label, Image.path)
            .tuples()
        )
        for label, path in q:
            images.setdefault(label, []).append(path)
        for entry in result:
            entry["images"] = images.get(entry["label"], [])
    return result


def _token_condition(token: str) -> Expression:
    """Photos matching one search word: a tag, a person, an album, a folder or file name, a date."""
    low = token.lower()
    if low in _FAVOURITE_WORDS:
        return Image.favourite == True  # noqa: E712
    if _YEAR.match(low):
        return fn.strftime("%Y", fn.COALESCE(Image.taken_at, fn.datetime(Image.mtime, "unixepoch", "localtime"))) == low
    if m := _MONTH.match(low):
        return (
            fn.strftime("%Y-%m", fn.COALESCE(Image.taken_at, fn.datetime(Image.mtime, "unixepoch", "localtime")))
            == f"{m.group(1)}-{m.group(2)}"
        )
    like = f"%{low}%"
    singular = low[:-1] if low.endswith("s") and len(low) > 3 else low
    tagged = ObjectTag.select(ObjectTag.image).where(
        fn.LOWER(ObjectTag.label).in_({low, singular}) | (fn.LOWER(ObjectTag.label) ** f"%{singular}%")
    )
    person = (
        Face.select(Face.image)
        .join(Person)
        .where((fn.LOWER(Person.name) ** like) & (Face.ignored == False))  # noqa: E712
    )
    album = AlbumImage.select(AlbumImage.image).join(Album).where(fn.LOWER(Album.name) ** like)
    return (
        Image.id.in_(tagged)
        | Image.id.in_(person)
        | Image.id.in_(album)
        | (fn.LOWER(Image.path) ** like)
    )


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
        .where(Image.state != ImageState.FAILED)
        .order_by(fn.COALESCE(Image.taken_at, fn.datetime(Image.mtime, "unixepoch", "localtime")).desc(), Image.id.desc())
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
