"""What a write changed, so each view can decide whether to refresh.

Every write operation in the core returns (or reports) an ``OpChanges``; the app broadcasts
it once and each view looks at the kinds it shows. This is the pattern of Anki's
``OpChanges`` (``aqt/operations``): the core says what it touched, never which view to redraw.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class OpChanges:
    """The kinds of library data one operation changed.

    ``image_ids`` narrows ``photos`` where the operation knows which photos it touched;
    empty means "any photo may have changed".
    """

    photos: bool = False  # added, removed, moved, edited (rotation, rating, caption, presence)
    people: bool = False  # names, merges, face moves, clustering, suggestions
    tags: bool = False  # object tags and keywords
    albums: bool = False
    favourites: bool = False
    folders: bool = False  # library folders added, removed, offline or back
    trash: bool = False  # files sent to or restored from the trash
    models: bool = False  # model files installed or changed
    image_ids: frozenset[int] = field(default_factory=frozenset)

    def __or__(self, other: OpChanges) -> OpChanges:
        """Both sets of changes at once (e.g. an import that adds photos and names people)."""
        merged = {
            f.name: getattr(self, f.name) or getattr(other, f.name)
            for f in fields(self)
            if f.name != "image_ids"
        }
        # An unknown set of photos on either side makes the whole union unknown.
        unknown = (self.photos and not self.image_ids) or (other.photos and not other.image_ids)
        ids = frozenset() if unknown else self.image_ids | other.image_ids
        return OpChanges(**merged, image_ids=ids)

    def any(self) -> bool:
        """True when something changed at all."""
        return any(getattr(self, f.name) for f in fields(self) if f.name != "image_ids")

    def kinds(self) -> frozenset[str]:
        """The names of the kinds that changed, e.g. ``{"photos", "albums"}``."""
        return frozenset(
            f.name for f in fields(self) if f.name != "image_ids" and getattr(self, f.name)
        )

    def touches(self, *kinds: str) -> bool:
        """True when any of ``kinds`` changed (the question a view asks)."""
        unknown = set(kinds) - _KINDS
        if unknown:
            raise ValueError(f"unknown change kinds: {sorted(unknown)}")
        return any(getattr(self, k) for k in kinds)

    @classmethod
    def everything(cls) -> OpChanges:
        """All kinds changed: after a library switch, an import, an undo of unknown scope."""
        every: dict[str, Any] = dict.fromkeys(_KINDS, True)
        return cls(**every)

    def with_images(self, image_ids: frozenset[int] | set[int]) -> OpChanges:
        """The same changes, narrowed to these photos."""
        return replace(self, photos=True, image_ids=frozenset(image_ids))


NO_CHANGES = OpChanges()
# Photos joining or leaving the library (a folder removed, photos forgotten, a file back from
# the trash): their faces, tags, album entries and hearts come and go with them.
PHOTO_SET_CHANGED = OpChanges(photos=True, people=True, tags=True, albums=True, favourites=True)
_KINDS = frozenset(f.name for f in fields(OpChanges) if f.name != "image_ids")


@dataclass(frozen=True)
class OpResult(Generic[T]):
    """A write's own answer (a new id, a count, the undo step's description) and what it changed.

    Anki's ``OpChangesWithId``/``OpChangesWithCount`` in one shape: the caller reads
    ``value``, the app broadcasts ``changes``.
    """

    value: T
    changes: OpChanges = NO_CHANGES


def changes_of(result: Any) -> OpChanges:
    """The ``OpChanges`` a write returned or carries (``OpResult``, a report with ``changes``);
    anything else says nothing (``NO_CHANGES``)."""
    if isinstance(result, OpChanges):
        return result
    changes = getattr(result, "changes", None)
    return changes if isinstance(changes, OpChanges) else NO_CHANGES
