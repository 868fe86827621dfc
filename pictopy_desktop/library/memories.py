"""Memories: "On this day" in earlier years, and events/trips grouped by time gaps and distance.

Computed from dates and GPS already in the library (no network); cheap enough to
recompute after each indexing run.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field

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


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _dated_rows() -> list[tuple[int, dt.datetime, float | None, float | None]]:
    """Photos with a real capture date (EXIF or sidecar): a file's copy time makes no memory."""
    rows = []
    q = Image.select(Image.id, Image.taken_at, Image.latitude, Image.longitude).where(
        visible() & Image.taken_at.is_null(False)
    )
    for image_id, taken, lat, lon in q.tuples():
        if isinstance(taken, dt.datetime):
            rows.append((image_id, taken, lat, lon))
    rows.sort(key=lambda r: r[1])
    return rows


def on_this_day(today: dt.date | None = None) -> list[Memory]:
    """Photos from this calendar day in earlier years, one memory per year, most recent first."""
    today = today or dt.date.today()
    by_year: dict[int, list[int]] = {}
    for image_id, when, _, _ in _dated_rows():
        if (when.month, when.day) == (today.month, today.day) and when.year < today.year:
            by_year.setdefault(when.year, []).append(image_id)
    memories = []
    for year in sorted(by_year, reverse=True):
        ids = by_year[year]
        n = today.year - year
        memories.append(
            Memory(
                title=f"{n} year{'s' if n > 1 else ''} ago today",
                subtitle=f"{today.strftime('%d %B')} {year} - {len(ids)} photo{'s' if len(ids) > 1 else ''}",
                kind="on_this_day",
                image_ids=ids,
                cover_id=ids[0],
            )
        )
    return memories


def events(min_photos: int = MIN_EVENT_PHOTOS) -> list[Memory]:
    """Runs of photos without a long gap in time (or a jump in place): events and trips, newest first."""
    groups: list[list[tuple[int, dt.datetime, float | None, float | None]]] = []
    last_place: tuple[float, float] | None = None
    for row in _dated_rows():
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
            )
        )
    memories.sort(key=lambda m: m.start or dt.datetime.min, reverse=True)
    return memories


def all_memories(today: dt.date | None = None) -> list[Memory]:
    return on_this_day(today) + events()
