"""Memories: "On this day" in earlier years, and events/trips grouped by time gaps and distance.

Computed from dates and GPS already in the library (no network); cheap enough to
recompute after each indexing run. Trips and events are titled with where and when they
were ("Paris, June 2019"), the place named offline (``places``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field

from pictopy_desktop.library.places import names_at
from pictopy_desktop.storage.tables import Image, ObjectTag
from pictopy_desktop.storage.visibility import visible

EVENT_GAP = dt.timedelta(hours=8)
EVENT_DISTANCE_KM = 80.0
MIN_EVENT_PHOTOS = 5


@dataclass
class Memory:
    title: str
    subtitle: str
    kind: str  # "on_this_day" | "event" | "trip"
    image_ids: list[int] = field(default_factory=list)
    cover_id: int | None = None
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    place: str = ""  # where it was ("Paris", "France and Italy"); "" without GPS
    # What the English title and subtitle are made of, for the app to say them in its language:
    topic: str = ""  # the things most in it ("dog, cat"), detector labels
    years_ago: int = 0  # "on this day": how many years before today
    day: dt.date | None = None  # "on this day": the day in that year


@dataclass(frozen=True)
class DateCounts:
    """What memories are made of: the photos shown, and how many of them have a capture date."""

    photos: int
    dated: int


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _as_datetime(value: object) -> dt.datetime | None:
    """A stored capture date; text peewee could not parse (a "T" or an offset in it) is read too."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value).replace(tzinfo=None)
        except ValueError:
            return None
    return None


def _dated_rows() -> list[tuple[int, dt.datetime, float | None, float | None]]:
    """Photos with a real capture date (EXIF or sidecar): a file's copy time makes no memory."""
    rows = []
    q = Image.select(Image.id, Image.taken_at, Image.latitude, Image.longitude).where(
        visible() & Image.taken_at.is_null(False)
    )
    for image_id, taken, lat, lon in q.tuples():
        when = _as_datetime(taken)
        if when is not None:
            rows.append((image_id, when, lat, lon))
    rows.sort(key=lambda r: r[1])
    return rows


def date_counts() -> DateCounts:
    """How many photos are shown and how many carry a capture date: why memories are empty."""
    return DateCounts(Image.select().where(visible()).count(), len(_dated_rows()))


def _and(names: list[str]) -> str:
    """Paris; Paris and Lyon; France, Italy and Spain."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _names_of(rows: list[tuple[int, dt.datetime, float | None, float | None]]) -> dict:
    """The place of every position in ``rows``, named in one go (one gazetteer load)."""
    points = list({(lat, lon) for _, _, lat, lon in rows if lat is not None and lon is not None})
    return dict(zip(points, names_at(points), strict=True))


def where(points: list[tuple[float, float]], names: dict | None = None) -> str:
    """Where photos at ``points`` were taken, in a few words: a town when most were taken
    there, two towns, else the country (or up to three countries); "" far from any town.
    ``names`` holds the positions already named (``_names_of``)."""
    points = [p for p in points if None not in p]
    found = [names[p] for p in points] if names is not None else names_at(points)
    named = [n for n in found if n.named]
    if not named:
        return ""
    cities = Counter(n.city for n in named).most_common()
    if cities[0][1] >= 0.6 * len(named):
        return cities[0][0]
    if len(cities) == 2:
        return _and(sorted(c for c, _ in cities))
    countries = [c for c, _ in Counter(n.country for n in named).most_common()]
    if len(countries) <= 3:
        return _and(countries)
    return f"{', '.join(countries[:2])} and {len(countries) - 2} more countries"


def month_span(start: dt.datetime, end: dt.datetime) -> str:
    """June 2019; June – July 2019; December 2019 – January 2020."""
    if (start.year, start.month) == (end.year, end.month):
        return start.strftime("%B %Y")
    if start.year == end.year:
        return f"{start.strftime('%B')} – {end.strftime('%B %Y')}"
    return f"{start.strftime('%B %Y')} – {end.strftime('%B %Y')}"


def on_this_day(today: dt.date | None = None) -> list[Memory]:
    """Photos from this calendar day in earlier years, one memory per year, most recent first."""
    today = today or dt.date.today()
    by_year: dict[int, list[int]] = {}
    points: dict[int, list[tuple[float, float]]] = {}
    rows = [
        r
        for r in _dated_rows()
        if (r[1].month, r[1].day) == (today.month, today.day) and r[1].year < today.year
    ]
    names = _names_of(rows)
    for image_id, when, lat, lon in rows:
        by_year.setdefault(when.year, []).append(image_id)
        if lat is not None and lon is not None:
            points.setdefault(when.year, []).append((lat, lon))
    memories = []
    for year in sorted(by_year, reverse=True):
        ids = by_year[year]
        n = today.year - year
        place = where(points.get(year, []), names)
        memories.append(
            Memory(
                title=f"{n} year{'s' if n > 1 else ''} ago today",
                subtitle=f"{today.strftime('%d %B')} {year}"
                + (f" - {place}" if place else "")
                + f" - {len(ids)} photo{'s' if len(ids) > 1 else ''}",
                kind="on_this_day",
                image_ids=ids,
                cover_id=ids[0],
                place=place,
                years_ago=n,
                day=dt.date(year, today.month, today.day),
            )
        )
    return memories


def events(min_photos: int = MIN_EVENT_PHOTOS) -> list[Memory]:
    """Runs of photos without a long gap in time (or a jump in place): events and trips, newest first."""
    groups: list[list[tuple[int, dt.datetime, float | None, float | None]]] = []
    last_place: tuple[float, float] | None = None
    rows = _dated_rows()
    names = _names_of(rows)
    for row in rows:
        place = (row[2], row[3]) if row[2] is not None else None
        new = not groups or row[1] - groups[-1][-1][1] > EVENT_GAP
        if not new and place and last_place and _km(place, last_place) > EVENT_DISTANCE_KM:
            new = True
        if new:
            groups.append([])
        groups[-1].append(row)
        last_place = place or last_place
    memories = []
    for g in groups:
        if len(g) < min_photos:
            continue
        ids = [r[0] for r in g]
        start, end = g[0][1], g[-1][1]
        places = [(r[2], r[3]) for r in g if r[2] is not None]
        days = (end.date() - start.date()).days + 1
        far = bool(places) and max(_km(places[0], p) for p in places) > EVENT_DISTANCE_KM / 2
        kind = "trip" if days > 1 and (far or len(places) > 0) else "event"
        tags = Counter(
            t.label
            for t in ObjectTag.select(ObjectTag.label).where(ObjectTag.image.in_(ids))
            if t.label != "person"
        )
        topic = ", ".join(label for label, _ in tags.most_common(2))
        when = (
            start.strftime("%d %b %Y")
            if days == 1
            else f"{start.strftime('%d %b')} - {end.strftime('%d %b %Y')}"
        )
        place = where(places, names)
        if place:  # "Paris, June 2019": where and when say more than the objects in it
            title = f"{place}, {month_span(start, end)}"
        else:
            title = ("Trip" if kind == "trip" else "Day") + (f": {topic}" if topic else "")
        memories.append(
            Memory(
                title=title,
                subtitle=f"{when} - {len(ids)} photos" + (f", {days} days" if days > 1 else ""),
                kind=kind,
                image_ids=ids,
                cover_id=ids[len(ids) // 2],
                start=start,
                end=end,
                place=place,
                topic=topic,
            )
        )
    memories.sort(key=lambda m: m.start or dt.datetime.min, reverse=True)
    return memories


def all_memories(today: dt.date | None = None) -> list[Memory]:
    return on_this_day(today) + events()
