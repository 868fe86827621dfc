"""Write operations say what they changed (``OpChanges``), so the app can broadcast it once."""

from __future__ import annotations

from pictopy_desktop.library import albums
from pictopy_desktop.library.changes import NO_CHANGES, OpChanges, OpResult, changes_of
from pictopy_desktop.library.favourites import set_favourite, toggle_favourite
from pictopy_desktop.people import people_service as ps
from pictopy_desktop.storage.tables import Face, Image, ObjectTag


def image_of(face_id: int) -> int:
    return Face.get_by_id(face_id).image_id


def test_people_operations_name_the_people_and_the_photos_they_touched(library, faces):
    a = faces.photo("alice")[0]
    b = faces.photo("bob")[0]
    moved = ps.move_face(a, None)
    assert isinstance(moved, OpResult)
    assert moved.changes.kinds() == {"people", "photos"}
    assert moved.changes.image_ids == {image_of(a)}
    # The same face put where it already is changes nothing.
    assert ps.move_face(a, moved.value).changes == NO_CHANGES

    renamed = ps.rename_person(moved.value, "Alice")
    assert renamed.kinds() == {"people"}  # a name is not a photo edit
    named = ps.name_face(b, "Bob")
    merged = ps.merge_people(moved.value, [named.value])
    assert merged.value == moved.value
    assert merged.changes.people and merged.changes.image_ids == {image_of(a), image_of(b)}

    undone = ps.undo_last()
    assert undone.value == "Merged 1 photo of Bob into Alice"
    assert undone.changes == merged.changes
    assert ps.redo_last().changes == merged.changes
    assert ps.set_hidden(moved.value, True).kinds() == {"people"}
    assert ps.set_hidden(moved.value, True) == NO_CHANGES  # already hidden


def test_undoing_nothing_changes_nothing(library):
    assert ps.undo_last() == OpResult(None, NO_CHANGES)
    assert ps.redo_last() == OpResult(None, NO_CHANGES)


def test_tag_removal_and_its_undo_change_tags(library, faces):
    from pictopy_desktop.library.tags import remove_tag

    image = Image.get_by_id(image_of(faces.photo("carol")[0]))
    ObjectTag.create(image=image.id, label="cat", confidence=0.9, x1=0, y1=0, x2=5, y2=5)
    removed = remove_tag(image.id, "cat")
    assert removed.changes.kinds() == {"tags"}
    assert ps.undo_last().changes.kinds() == {"tags"}


def test_albums_and_favourites_report_their_kind_and_nothing_when_nothing_moved(library, faces):
    photo = image_of(faces.photo("dan")[0])
    created = albums.create_album("Trip", [photo])
    assert created.changes == OpChanges(albums=True)
    assert albums.add_to_album(created.value, [photo]) == OpResult(0, NO_CHANGES)
    assert albums.remove_from_album(created.value, [photo]).changes.albums
    assert albums.rename_album(created.value, "Trips").albums
    hearted = set_favourite(library.db, [photo])
    assert hearted.value == 1
    assert hearted.changes.kinds() == {"favourites"}
    assert toggle_favourite(library.db, photo).value is False


def test_changes_of_reads_results_reports_and_bare_changes():
    from pictopy_desktop.library.duplicates import TrashOutcome
    from pictopy_desktop.library.library_import import ImportReport

    assert changes_of(OpChanges(albums=True)) == OpChanges(albums=True)
    assert changes_of(OpResult(3, OpChanges(tags=True))) == OpChanges(tags=True)
    assert changes_of(TrashOutcome()) == NO_CHANGES
    assert changes_of(TrashOutcome(trashed=[("/a.jpg", 1)])).touches("trash", "photos")
    assert changes_of(ImportReport()) == NO_CHANGES
    assert "changes" not in ImportReport().to_dict()  # `pictopy import --json` keeps its shape
    assert changes_of(42) == NO_CHANGES
