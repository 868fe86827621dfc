"""What an indexing run did, and the callbacks it reports through (shared by every phase)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pictopy_desktop.library.changes import NO_CHANGES, OpChanges

ProgressFn = Callable[[int, int, str], None]
StopFn = Callable[[], bool]


@dataclass
class IndexReport:
    """What one indexing run did; the CLI prints it and the GUI shows it."""

    indexed: int = 0
    unchanged: int = 0
    moved: int = 0
    removed: int = 0
    offline: int = 0  # photos whose folder or volume can't be seen now (kept whole)
    missing: int = 0  # photos whose file is confirmed gone (kept for the grace period)
    returned: int = 0  # offline or missing photos found again
    analyzed: int = 0
    waiting_for_models: int = 0
    non_images: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    # Paths in ``failed`` that had already failed for the same reason before this run
    # (recorded in the library): the app announces only the others.
    known_failures: set[str] = field(default_factory=set)
    messages: list[str] = field(default_factory=list)
    cancelled: bool = False
    new_face_ids: list[int] = field(default_factory=list)
    # (path, reason): pipes, sockets, devices and links the scanner would not read
    skipped_files: list[tuple[str, str]] = field(default_factory=list)
    thumbnails_rebuilt: int = 0

    @property
    def skipped(self) -> int:
        return self.unchanged + self.non_images + len(self.skipped_files)

    @property
    def new_failures(self) -> list[tuple[str, str]]:
        """The failures this run found for the first time (worth a notification)."""
        return [(p, r) for p, r in self.failed if p not in self.known_failures]

    @property
    def changes(self) -> OpChanges:
        """What the run changed, for the views to refresh."""
        changes = NO_CHANGES
        if self.indexed or self.moved or self.removed or self.returned:
            changes |= OpChanges(photos=True, folders=True, people=True, tags=True)
        if self.offline or self.missing or self.thumbnails_rebuilt:
            changes |= OpChanges(photos=True, folders=True)
        if self.analyzed or self.new_face_ids:
            changes |= OpChanges(photos=True, people=True, tags=True)
        return changes

    def to_dict(self) -> dict[str, Any]:
        return {
            "indexed": self.indexed,
            "unchanged": self.unchanged,
            "moved": self.moved,
            "removed": self.removed,
            "offline": self.offline,
            "missing": self.missing,
            "returned": self.returned,
            "analyzed": self.analyzed,
            "waiting_for_models": self.waiting_for_models,
            "skipped": self.skipped,
            "non_images": self.non_images,
            "failed": [{"path": p, "reason": r} for p, r in self.failed],
            "skipped_files": [{"path": p, "reason": r} for p, r in self.skipped_files],
            "thumbnails_rebuilt": self.thumbnails_rebuilt,
            "messages": list(self.messages),
            "cancelled": self.cancelled,
        }
