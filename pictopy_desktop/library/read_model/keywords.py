"""Keywords other programs wrote into the photos (XMP/IPTC, table ``Keyword``), listed beside
the detector's tags: on the Things page and in ``pictopy tags``.

A keyword is listed by its whole path ("Places|France|Paris"), sorted by path so that a
hierarchy reads together; its photos are those carrying that exact path
(``GalleryFilter(KEYWORD, path)``). Plain Peewee and dataclasses, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peewee import SQL, Expression, fn

from pictopy_desktop.library.metadata.file_metadata import PATH_SEPARATOR
from pictopy_desktop.storage.tables import Image, Keyword
from pictopy_desktop.storage.visibility import of_visible, visible

__all__ = [
    "KEYWORD",
    "DETECTOR_SOURCE",
    "KEYWORD_SOURCE",
    "KeywordRow",
    "keyword_label",
    "keyword_photos",
    "keywords_listing",
]

KEYWORD = "keyword"  # a GalleryFilter kind; value: a keyword path ("Places|France|Paris")
# The ``source`` of an entry of ``pictopy tags --json``: found by the object detector, or a
# keyword from the photo's metadata (or typed by the user).
DETECTOR_SOURCE = "detector"
KEYWORD_SOURCE = "keyword"


def keyword_label(path: str, separator: str = " › ") -> str:
    """A keyword path as people read it: "Places › France › Paris"."""
    return separator.join(path.split(PATH_SEPARATOR))


@dataclass(frozen=True)
class KeywordRow:
    """One keyword path with the photos that carry it."""

    path: str  # "Places|France|Paris", or "beach" where there is no hierarchy
    count: int  # visible photos carrying it
    sample_thumbnail: str | None
    images: tuple[str, ...] = ()  # the photos' paths (only where asked for)

    @property
    def name(self) -> str:
        """The leaf: "Paris"."""
        return self.path.rsplit(PATH_SEPARATOR, 1)[-1]

    @property
    def label(self) -> str:
        return keyword_label(self.path)

    def to_dict(self) -> dict[str, Any]:
        """The ``pictopy tags --json`` shape, with ``source`` "keyword" and the raw ``path``."""
        return {
            "label": keyword_label(self.path, " > "),
            "path": self.path,
            "source": KEYWORD_SOURCE,
            "count": self.count,
            "images": list(self.images),
        }


def keyword_photos(path: str) -> Expression:
    """The condition "the photo carries the keyword ``path``" (for ``Image`` queries)."""
    return Image.id.in_(Keyword.select(Keyword.image).where(Keyword.path == path))


def keywords_listing(with_images: bool = False) -> list[KeywordRow]:
    """Every keyword path on a visible photo, by path (a hierarchy reads together), with the
    thumbnail of its newest photo and (``with_images``) the paths of its photos."""
    from pictopy_desktop.library.read_model.browse import thumbnails_of

    # One scan of the (image, path) index: a photo carries a path once, so COUNT(*) counts
    # photos, and the newest photo's thumbnail is fetched for the few paths afterwards.
    counts = list(
        Keyword.select(Keyword.path, fn.COUNT(SQL("*")), fn.MAX(Keyword.image))
        .where(of_visible(Keyword.image))
        .group_by(Keyword.path)
        .order_by(fn.LOWER(Keyword.path), Keyword.path)
        .tuples()
    )
    samples = thumbnails_of([newest for _, _, newest in counts])
    images: dict[str, list[str]] = {}
    if with_images:
        q = (
            Keyword.select(Keyword.path, Image.path)
            .join(Image)
            .where(visible())
            .distinct()
            .order_by(Keyword.path, Image.path)
            .tuples()
        )
        for path, image_path in q:
            images.setdefault(path, []).append(image_path)
    return [
        KeywordRow(path, n, samples.get(newest), tuple(images.get(path, ())))
        for path, n, newest in counts
    ]
