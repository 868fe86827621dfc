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
    counted: bool = True  # False: more photos of the month may follow (still being read)

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
            self._first_rows.append(first if spec.header_row is None else spec.header_row)
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


@dataclass(frozen=True)
class JustifiedSection(Placed):
    """A section of justified rows: where each row starts (photo index), its top and height."""

    row_starts: tuple[int, ...] = ()  # index in the section of each row's first photo
    row_tops: tuple[int, ...] = ()  # content height of each row's top
    row_heights: tuple[int, ...] = ()


class JustifiedLayout(TimelineLayout):
    """Rows that keep each photo's aspect ratio and fill the width (Google Photos' layout).

    ``aspects`` holds width / height of every photo in display order. A row takes photos
    until, at ``target_tile`` high, they would overflow the width, then is scaled to fit
    it exactly; a month's last row keeps the target height. Positions come from running
    sums of the aspects, so a lookup is still a bisect.
    """

    def __init__(
        self, specs: list[SectionSpec], width: int, target_tile: int, aspects: list[float]
    ) -> None:
        self.width = max(1, width)
        self.target = max(MIN_TILE, target_tile)
        self.columns = max(1, self.width // self.target)  # for page-sized keyboard moves
        self.cell = self.target
        self.prefix = [0.0]  # running sum of the aspects, by photo index
        for a in aspects:  # a panorama or a sliver still gets a tile one can see and click
            self.prefix.append(self.prefix[-1] + min(5.0, max(0.2, a)))
        self._justified: list[JustifiedSection] = []  # the same sections, with their rows
        self._tops, self._first_rows = [], []
        y, previous_year, row, photo = 0, None, 0, 0
        for spec in specs:
            headed = spec.header_row is not None
            year_starts = headed and spec.year != previous_year
            header = (HEADER_HEIGHT + (YEAR_HEIGHT if year_starts else 0)) if headed else 0
            first = spec.first_row if headed else row
            starts, tops, heights = self._rows(photo, spec.count, y + header)
            height = header + sum(heights)
            self._justified.append(
                JustifiedSection(
                    spec, first, y, header, year_starts, len(starts), starts, tops, heights
                )
            )
            self._tops.append(y)
            self._first_rows.append(first if spec.header_row is None else spec.header_row)
            y += height
            previous_year = spec.year if headed else previous_year
            row = first + spec.count
            photo += spec.count
        self.height = y
        self.sections = list(self._justified)
        self._photo_offsets: list[int] = []  # photo index of each section's first photo
        offset = 0
        for s in self.sections:
            self._photo_offsets.append(offset)
            offset += s.spec.count

    def _rows(self, first_photo: int, count: int, top: int):
        starts, tops, heights = [], [], []
        i, y = 0, top
        p = self.prefix
        while i < count:
            j = i + 1
            while j < count and (p[first_photo + j + 1] - p[first_photo + i]) * self.target <= (
                self.width
            ):
                j += 1
            span = p[first_photo + j] - p[first_photo + i]
            full = j < count or span * self.target > self.width
            h = round(self.width / span) if full and span > 0 else self.target
            starts.append(i)
            tops.append(y)
            heights.append(max(MIN_TILE // 2, min(h, self.target * 2)))
            y += heights[-1]
            i = j
        return tuple(starts), tuple(tops), tuple(heights)

    def _photo_index(self, k: int, i: int) -> int:
        return self._photo_offsets[k] + i

    def _row_of(self, s: JustifiedSection, i: int) -> int:
        return bisect.bisect_right(s.row_starts, i) - 1

    def _x_range(self, k: int, s: JustifiedSection, r: int, i: int) -> tuple[int, int]:
        start = self._photo_index(k, s.row_starts[r])
        g = self._photo_index(k, i)
        h = s.row_heights[r]
        x0 = round((self.prefix[g] - self.prefix[start]) * h)
        x1 = round((self.prefix[g + 1] - self.prefix[start]) * h)
        last = (s.row_starts[r + 1] if r + 1 < len(s.row_starts) else s.spec.count) - 1
        if i == last and r + 1 < len(s.row_starts):
            x1 = self.width  # a full row ends flush with the edge, whatever the rounding
        return x0, min(x1, self.width)

    def rect(self, row: int) -> Rect | None:
        k = self.section_of_row(row)
        if k < 0:
            return None
        s = self._justified[k]
        if s.spec.header_row is not None and row == s.spec.header_row:
            return Rect(0, s.top, self.width, s.header_height)
        i = row - s.first_row
        if not 0 <= i < s.spec.count:
            return None
        r = self._row_of(s, i)
        x0, x1 = self._x_range(k, s, r, i)
        return Rect(x0, s.row_tops[r], x1 - x0, s.row_heights[r])

    def _photo_at(self, k: int, s: JustifiedSection, r: int, x: int) -> int | None:
        start = s.row_starts[r]
        end = s.row_starts[r + 1] if r + 1 < len(s.row_starts) else s.spec.count
        g0, g_end = self._photo_index(k, start), self._photo_index(k, end)
        target = self.prefix[g0] + x / s.row_heights[r]
        if target >= self.prefix[g_end] and r + 1 == len(s.row_starts):
            return None  # past the end of a month's short last row
        g = bisect.bisect_right(self.prefix, target, g0, g_end) - 1
        i = g - self._photo_offsets[k]
        return i if start <= i < end else None

    def row_at(self, x: int, y: int) -> int | None:
        if not 0 <= y < self.height or not 0 <= x < self.width:
            return None
        k = self.section_at(y)
        s = self._justified[k]
        if y < s.photos_top:
            return s.spec.header_row
        r = bisect.bisect_right(s.row_tops, y) - 1
        i = self._photo_at(k, s, r, x)
        return s.first_row + i if i is not None else None

    def rows_between(self, y1: int, y2: int) -> list[int]:
        out: list[int] = []
        if not self.sections:
            return out
        for k in range(self.section_at(y1), len(self.sections)):
            s = self._justified[k]
            if s.top >= y2:
                break
            if s.spec.header_row is not None and s.photos_top > y1:
                out.append(s.spec.header_row)
            if not s.row_starts:
                continue
            r1 = max(0, bisect.bisect_right(s.row_tops, y1) - 1)
            r2 = bisect.bisect_left(s.row_tops, y2)
            first = s.row_starts[r1]
            last = s.row_starts[r2] if r2 < len(s.row_starts) else s.spec.count
            out.extend(range(s.first_row + first, s.first_row + last))
        return out

    def photo_ranges_in(self, x1: int, y1: int, x2: int, y2: int) -> list[tuple[int, int]]:
        left, right = max(0, min(x1, x2)), min(self.width - 1, max(x1, x2))
        top, bottom = min(y1, y2), max(y1, y2) + 1
        ranges: list[tuple[int, int]] = []
        if not self.sections or right < left:
            return ranges
        for k in range(self.section_at(top), len(self.sections)):
            s = self._justified[k]
            if s.top >= bottom:
                break
            for r, row_top in enumerate(s.row_tops):
                if row_top >= bottom or row_top + s.row_heights[r] <= top:
                    continue
                a = self._photo_at(k, s, r, left)
                b = self._photo_at(k, s, r, right)
                if a is None:
                    continue
                if b is None:  # the band reaches past the row's end
                    b = (s.row_starts[r + 1] if r + 1 < len(s.row_starts) else s.spec.count) - 1
                ranges.append((s.first_row + a, s.first_row + b))
        return ranges

    def row_below(self, row: int, rows_down: int = 1) -> int | None:
        rect = self.rect(row)
        k = self.section_of_row(row)
        if rect is None or k < 0:
            return None
        s = self._justified[k]
        r = self._row_of(s, row - s.first_row) + rows_down
        x = rect.x + rect.w // 2
        while True:
            if 0 <= r < len(s.row_starts):
                i = self._photo_at(k, s, r, x)
                if i is None:  # a short last row: its last photo
                    i = (s.row_starts[r + 1] if r + 1 < len(s.row_starts) else s.spec.count) - 1
                return s.first_row + i
            if r < 0:
                k -= 1
                if k < 0:
                    return None
                s = self._justified[k]
                r += len(s.row_starts)
            else:
                r -= len(s.row_starts)
                k += 1
                if k >= len(self.sections):
                    return None
                s = self._justified[k]
