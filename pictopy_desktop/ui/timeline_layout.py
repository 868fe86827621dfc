"""Where each row of a timeline goes: full-width month (and year) headers that start a new row.

Pure arithmetic over the gallery's sections (one per month, or one without a header for
a ranked list): nothing per photo is stored, so the layout of 100,000 photos is a few
hundred numbers and every lookup is a bisect. ``TimelineView`` paints and hit-tests
with it; the scrubber reads its year and month positions.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

HEADER_HEIGHT = 52  # a month's title line
YEAR_HEIGHT = 56  # added above the first month of each year
MIN_TILE = 64


@dataclass(frozen=True)
class SectionSpec:
    """One run of photos in the model: its header row (None: no header) and month key."""

    header_row: int | None
    count: int
    key: str = ""  # "YYYY-MM", "" when the date is unknown
    label: str = ""

    @property
    def first_row(self) -> int:
        """The model row of the section's first photo."""
        return -1 if self.header_row is None else self.header_row + 1

    @property
    def year(self) -> str:
        return self.key[:4]


@dataclass(frozen=True)
class Placed:
    """A section with its place: ``top`` of the header, where photos start, how many tile rows."""

    spec: SectionSpec
    first_row: int
    top: int
    header_height: int
    year_starts: bool
    rows: int

    @property
    def photos_top(self) -> int:
        return self.top + self.header_height


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    w: int
    h: int


class TimelineLayout:
    """Tiles of ``cell`` pixels in ``columns`` columns, each section starting on a new row."""

    def __init__(self, specs: list[SectionSpec], width: int, target_tile: int) -> None:
        self.width = max(1, width)
        self.columns = max(1, self.width // max(MIN_TILE, target_tile))
        self.cell = max(MIN_TILE, self.width // self.columns)
        self.sections: list[Placed] = []
        self._tops: list[int] = []
        self._first_rows: list[int] = []
        y, previous_year, row = 0, None, 0
        for spec in specs:
            headed = spec.header_row is not None
            year_starts = headed and spec.year != previous_year
            header = (HEADER_HEIGHT + (YEAR_HEIGHT if year_starts else 0)) if headed else 0
            first = spec.first_row if headed else row
            rows = (spec.count + self.columns - 1) // self.columns
            self.sections.append(Placed(spec, first, y, header, year_starts, rows))
            self._tops.append(y)
            self._first_rows.append(spec.header_row if headed else first)
            y += header + rows * self.cell
            previous_year = spec.year if headed else previous_year
            row = first + spec.count
        self.height = y

    # ------------------------------------------------------------ lookups

    def section_of_row(self, row: int) -> int:
        """The section holding model ``row`` (a header or a photo); -1 when there are none."""
        return bisect.bisect_right(self._first_rows, row) - 1 if self.sections else -1

    def section_at(self, y: int) -> int:
        """The section at content height ``y`` (clamped to the first and last)."""
        if not self.sections:
            return -1
        return max(0, bisect.bisect_right(self._tops, y) - 1)

    def rect(self, row: int) -> Rect | None:
        """Where model ``row`` is, in content pixels: a full-width header or one tile."""
        k = self.section_of_row(row)
        if k < 0:
            return None
        s = self.sections[k]
        if s.spec.header_row is not None and row == s.spec.header_row:
            return Rect(0, s.top, self.width, s.header_height)
        i = row - s.first_row
        if not 0 <= i < s.spec.count:
            return None
        r, c = divmod(i, self.columns)
        return Rect(c * self.cell, s.photos_top + r * self.cell, self.cell, self.cell)

    def row_at(self, x: int, y: int) -> int | None:
        """The model row at content point (x, y): a photo, a header, or None (empty space)."""
        if not 0 <= y < self.height or not 0 <= x < self.columns * self.cell:
            return None
        s = self.sections[self.section_at(y)]
        if y < s.photos_top:
            return s.spec.header_row
        r, c = (y - s.photos_top) // self.cell, x // self.cell
        i = r * self.columns + c
        return s.first_row + i if i < s.spec.count else None

    def rows_between(self, y1: int, y2: int) -> list[int]:
        """Model rows (headers and photos) that show between content heights ``y1`` and ``y2``."""
        out: list[int] = []
        if not self.sections:
            return out
        for k in range(self.section_at(y1), len(self.sections)):
            s = self.sections[k]
            if s.top >= y2:
                break
            if s.spec.header_row is not None and s.photos_top > y1:
                out.append(s.spec.header_row)
            r1 = max(0, (y1 - s.photos_top) // self.cell)
            r2 = min(s.rows - 1, (y2 - 1 - s.photos_top) // self.cell)
            if r2 >= r1:
                first = r1 * self.columns
                last = min(s.spec.count, (r2 + 1) * self.columns)
                out.extend(range(s.first_row + first, s.first_row + last))
        return out

    def photo_ranges_in(self, x1: int, y1: int, x2: int, y2: int) -> list[tuple[int, int]]:
        """(first, last) model rows of the photos a rubber band from (x1, y1) to (x2, y2) touches."""
        c1 = max(0, min(x1, x2) // self.cell)
        c2 = min(self.columns - 1, max(x1, x2) // self.cell)
        top, bottom = min(y1, y2), max(y1, y2) + 1
        ranges: list[tuple[int, int]] = []
        if c2 < c1 or not self.sections:
            return ranges
        for k in range(self.section_at(top), len(self.sections)):
            s = self.sections[k]
            if s.top >= bottom:
                break
            r1 = max(0, (top - s.photos_top) // self.cell)
            r2 = min(s.rows - 1, (bottom - 1 - s.photos_top) // self.cell)
            for r in range(r1, r2 + 1):
                first = r * self.columns + c1
                last = min(s.spec.count - 1, r * self.columns + c2)
                if first <= last:
                    ranges.append((s.first_row + first, s.first_row + last))
        return ranges

    # ------------------------------------------------------------ keyboard

    def row_below(self, row: int, rows_down: int = 1) -> int | None:
        """The photo ``rows_down`` tile rows below photo ``row`` (up when negative), same column where it can."""
        k = self.section_of_row(row)
        if k < 0:
            return None
        s = self.sections[k]
        i = max(0, row - s.first_row)
        r, c = divmod(i, self.columns)
        r += rows_down
        while True:
            if 0 <= r < s.rows:
                return s.first_row + min(r * self.columns + c, s.spec.count - 1)
            if r < 0:
                k -= 1
                if k < 0:
                    return None
                s = self.sections[k]
                r += s.rows
            else:
                r -= s.rows
                k += 1
                if k >= len(self.sections):
                    return None
                s = self.sections[k]

    # ------------------------------------------------------------ scrubber

    def markers(self) -> list[tuple[int, str, bool]]:
        """(content height, section label, starts a year) of each headed section, top to bottom."""
        return [
            (s.top, s.spec.label, s.year_starts)
            for s in self.sections
            if s.spec.header_row is not None
        ]
