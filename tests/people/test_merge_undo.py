"""Undoing a merge splits back the faces that joined the merged person since (a tester's find).

Rose merged into Kit, then four new photos of Rose indexed: they joined Kit. "Undo" said it
split the merge back, yet left those four in Kit, and no re-cluster moves a named person's
faces. Now they go back with Rose; redo and a second undo move them again.
"""

from __future__ import annotations

from pictopy_desktop.people import people_ops
from pictopy_desktop.people.undo_journal import redo_last, undo_last
from pictopy_desktop.storage.tables import Face, Person


def test_undo_of_a_merge_splits_back_the_faces_that_joined_since(library, faces) -> None:
    kit, rose = faces.named("kit", "rose")
    rose_before = {f.id for f in Face.select().where(Face.person == rose)}
    people_ops.merge_people(kit, [rose])
    later = [faces.photo("rose", assign=True)[0] for _ in range(4)]
    kit_later = faces.photo("kit", assign=True)[0]
    assert {Face.get_by_id(f).person_id for f in later} == {kit}  # joined the merged person

    assert undo_last().value is not None
    assert Person.get_by_id(rose).name == "Rose"
    in_rose = {f.id for f in Face.select().where(Face.person == rose)}
    assert in_rose == rose_before | set(later)
    assert Face.get_by_id(kit_later).person_id == kit

    redo_last()  # merged again: they all go with Kit
    assert not Person.select().where(Person.id == rose).exists()
    assert {Face.get_by_id(f).person_id for f in later} == {kit}
    undo_last()  # and split again
    assert {Face.get_by_id(f).person_id for f in later} == {rose}
