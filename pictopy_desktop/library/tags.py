"""Tags the user removes from a photo stay removed.

``remove_tag`` deletes the photo's object tags of one class and records a
``TagExclusion``, which the indexer honours whenever it analyses the photo again
(re-analysis after a model change, a changed file). It is one step of the undo
journal (``undo_journal``, shared with people edits): Ctrl+Z or
``pictopy people undo`` puts the tag back. No Qt.
"""

from __future__ import annotations

from pathlib import Path

from pictopy_desktop.errors import PictoPyError
from pictopy_desktop.library.changes import OpResult
from pictopy_desktop.people import people_store, undo_journal
from pictopy_desktop.storage.tables import Image, ObjectTag, TagExclusion


class TagError(PictoPyError):
    """A tag operation could not be done; the message says why."""


def excluded_labels(image_id: int) -> set[str]:
    """The tags the user removed from this photo."""
    return {
        label
        for (label,) in TagExclusion.select(TagExclusion.label)
        .where(TagExclusion.image == image_id)
        .tuples()
    }


def find_photo(photo: str) -> Image:
    """A photo by id or by path (as given, or resolved); TagError if it is not in the library."""
    image = None
    if photo.isdigit():
        image = Image.get_or_none(Image.id == int(photo))
    if image is None:
        for candidate in dict.fromkeys([photo, str(Path(photo).expanduser().resolve())]):
            image = Image.get_or_none(Image.path == candidate)
            if image is not None:
                break
    if image is None:
        raise TagError(f"{photo} is not a photo in the library (give its id or its path).")
    return image


def remove_tag(image_id: int, label: str) -> OpResult[str]:
    """Take the tag ``label`` off a photo for good (re-analysis never adds it back). Undoable; returns the step's description and changes."""
    label = " ".join(str(label).split()).lower()
    with people_store.write_transaction():
        image = Image.get_or_none(Image.id == int(image_id))
        if image is None:
            raise TagError(f"There is no photo with id {image_id}.")
        rows = list(
            ObjectTag.select()
            .where((ObjectTag.image == image.id) & (ObjectTag.label == label))
            .dicts()
        )
        if not rows:
            raise TagError(f'{Path(image.path).name} has no tag "{label}".')
        undo = undo_journal.UndoStep()
        for row in rows:
            row.pop("id", None)
            undo.tags_removed.append(row)
        ObjectTag.delete().where(
            (ObjectTag.image == image.id) & (ObjectTag.label == label)
        ).execute()
        if (
            not TagExclusion.select()
            .where((TagExclusion.image == image.id) & (TagExclusion.label == label))
            .exists()
        ):
            TagExclusion.insert(image=image.id, label=label).execute()
            undo.tag_exclusions_added.append((image.id, label))
        return undo.save(f'Removed the tag "{label}" from {Path(image.path).name}')
