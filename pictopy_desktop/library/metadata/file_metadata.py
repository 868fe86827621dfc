"""The values read from a photo's XMP/IPTC: plain data, no library, no Qt."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# A box as fractions of the photo's width and height, upright (after EXIF orientation):
# (left, top, right, bottom), each in 0..1.
Box = tuple[float, float, float, float]

# Hierarchical keywords are stored with this separator ("Places|France|Paris"), as
# Lightroom writes them; digiKam's "/" paths are converted.
PATH_SEPARATOR = "|"

# Where a keyword came from (``Keyword.source``).
SOURCE_XMP = "xmp"
SOURCE_IPTC = "iptc"


@dataclass(frozen=True)
class KeywordEntry:
    """One keyword: ``path`` is the whole hierarchy ("Places|France|Paris"), its leaf the name."""

    path: str
    source: str = SOURCE_XMP

    @property
    def name(self) -> str:
        return self.path.rsplit(PATH_SEPARATOR, 1)[-1]


@dataclass(frozen=True)
class NamedRegion:
    """A face region with a person's name, as another program drew it."""

    name: str
    box: Box


@dataclass
class FileMetadata:
    """Everything read about one photo; None or empty where the files say nothing."""

    keywords: list[KeywordEntry] = field(default_factory=list)
    rating: int | None = None  # 0-5; a "rejected" (-1) photo is read as no rating
    color_label: str | None = None  # "Red", "Orange", "Yellow", "Green", "Blue", "Purple", ...
    title: str | None = None
    description: str | None = None
    regions: list[NamedRegion] = field(default_factory=list)
    latitude: float | None = None
    longitude: float | None = None
    taken_at: dt.datetime | None = None  # local time where it was taken
    utc_offset_min: int | None = None
    orientation: int | None = None  # tiff:Orientation written in a sidecar (1-8)
    problems: list[str] = field(default_factory=list)  # one sentence per unreadable source

    def is_empty(self) -> bool:
        """Whether nothing at all was read."""
        return not (
            self.keywords
            or self.regions
            or any(
                v is not None
                for v in (
                    self.rating,
                    self.color_label,
                    self.title,
                    self.description,
                    self.latitude,
                    self.taken_at,
                    self.orientation,
                )
            )
        )
