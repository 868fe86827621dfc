"""Every people operation, its undo, and what a re-cluster must never undo."""

from __future__ import annotations

import numpy as np
import pytest

from pictopy_desktop.errors import PictoPyError
from pictopy_desktop.people import people_service as ps
from pictopy_desktop.people.recluster import recluster
from pictopy_desktop.storage.tables import Face, FaceExclusion, Person


def state() -> dict:
    """Everything a people operation may change, for exact before/after comparisons."""
    return {
        "faces": sorted(Face.select(Face.id, Face.person, Face.confirmed, Face.ignored).tuples()),
        "people": sorted(
            Person.select(
                Person.id, Person.name, Person.user_named, Person.hidden, Person.cover_face_id
            ).tuples()
        ),
        "exclusions": sorted(
            FaceExclusion.select(FaceExclusion.face, FaceExclusion.person).tuples()
        ),
    }


def person_of(face_id: int) -> int | None:
    return Face.get_by_id(face_id).person_id


def two_people(library, faces, n: int = 4):
    """Photos of alice and bob, clustered; returns (alice person id, bob person id, alice faces, bob faces)."""
    a = [faces.photo("alice")[0] for _ in range(n)]
    b = [faces.photo("bob")[0] for _ in range(n)]
    recluster(library)
    pa, pb = person_of(a[0]), person_of(b[0])
    assert pa and pb and pa != pb
    assert {person_of(f) for f in a} == {pa} and {person_of(f) for f in b} == {pb}
    return pa, pb, a, b


def test_rename_and_undo(library, faces):
    pa, _, _, _ = two_people(library, faces)
    before = state()
    ps.rename_person(pa, "  Alice   Smith ")
    assert Person.get_by_id(pa).name == "Alice Smith" and Person.get_by_id(pa).user_named
    assert ps.undo_last().value == f"Renamed Person {pa} to Alice Smith"
    assert state() == before
    assert ps.undo_last().value is None


def test_wrong_merge_is_split_back_exactly(library, faces):
    pa, pb, a, b = two_people(library, faces)
    ps.rename_person(pa, "Alice")
    ps.rename_person(pb, "Bob")
    ps.set_cover_face(pb, b[2])
    ps.move_face(a[3], pb)  # an exclusion that must survive too
    before = state()
    assert ps.merge_people(pa, [pb]).value == pa
    assert Person.get_or_none(Person.id == pb) is None
    assert all(person_of(f) == pa for f in a[:3] + b)
    recluster(library)  # the merge sticks through a re-cluster
    assert all(person_of(f) == pa for f in a[:3] + b)
    after = state()
    # Bob's 5 photos minus the face once taken out of Alice, which stays out: 4 moved.
    assert ps.undo_last().value == "Merged 4 photos of Bob into Alice"
    assert state() == before
    assert ps.redo_history() == ["Merged 4 photos of Bob into Alice"]
    assert ps.redo_last().value == "Merged 4 photos of Bob into Alice"
    assert state() == after
    assert ps.undo_last().value == "Merged 4 photos of Bob into Alice"
    assert state() == before


def test_merge_needs_another_person_and_existing_ids(library, faces):
    pa, pb, _, _ = two_people(library, faces)
    with pytest.raises(ps.PeopleError):
        ps.merge_people(pa, [pa])
    with pytest.raises(ps.NoSuchPersonError, match="no person with id 999"):
        ps.merge_people(pa, [999])
    assert Person.get_or_none(Person.id == pb) is not None


def test_move_face_to_a_new_person_never_goes_back(library, faces):
    pa, _, a, _ = two_people(library, faces)
    before = state()
    new = ps.move_face(a[0], None).value
    assert new not in (pa, None)
    face = Face.get_by_id(a[0])
    assert face.person_id == new and face.confirmed
    assert ps.excluded_people(a[0]) == [pa]
    recluster(library)
    assert person_of(a[0]) == new  # confirmed: stays
    ps.move_face(a[0], pa)  # the user may put it back explicitly
    assert person_of(a[0]) == pa and ps.excluded_people(a[0]) == []
    ps.undo_last()
    ps.undo_last()
    assert state() == before


def test_face_taken_out_is_not_reclustered_back(library, faces):
    pa, pb, a, _ = two_people(library, faces)
    ps.rename_person(pa, "Alice")
    ps.move_face(a[1], pb)
    for _ in range(3):
        recluster(library)
        assert person_of(a[1]) == pb
    # Even when the person it went to is merged away, it does not return to Alice.
    ps.remove_face(next(f.id for f in Face.select().where(Face.person == pb) if f.id != a[1]))
    recluster(library)
    assert person_of(a[1]) != pa


def test_remove_face_never_comes_back_and_undo(library, faces):
    _, _, a, _ = two_people(library, faces)
    before = state()
    ps.remove_face(a[0])
    assert Face.get_by_id(a[0]).ignored and person_of(a[0]) is None
    recluster(library)
    assert Face.get_by_id(a[0]).ignored and person_of(a[0]) is None
    assert a[0] not in [f.id for p in ps.people_rows(with_faces=True) for f in p.faces]
    assert a[0] not in [f.id for f in ps.unknown_faces()]
    ps.undo_last()
    assert state() == before


def test_hide_cover_and_undo(library, faces):
    pa, pb, a, b = two_people(library, faces)
    before = state()
    ps.set_hidden(pa, True)
    assert pa not in [p.id for p in ps.people_rows()]
    assert pa in [p.id for p in ps.people_rows(include_hidden=True)]
    recluster(library)
    assert Person.get_by_id(pa).hidden and person_of(a[0]) == pa
    ps.set_cover_face(pb, b[1])
    assert Person.get_by_id(pb).cover_face_id == b[1]
    with pytest.raises(ps.PeopleError, match="not one of"):
        ps.set_cover_face(pb, a[0])
    ps.undo_last()
    ps.undo_last()
    assert state() == before


def test_errors_are_readable(library, faces):
    with pytest.raises(PictoPyError, match="no person with id 42"):
        ps.rename_person(42, "X")
    with pytest.raises(PictoPyError, match="no face with id 7"):
        ps.move_face(7, None)
    f = faces.photo("x")[0]
    with pytest.raises(PictoPyError, match="empty"):
        ps.name_face(f, "   ")


def test_one_photo_person_can_be_named_and_later_faces_join(library, faces):
    first = faces.photo("carol", assign=True)[0]
    assert person_of(first) is None  # alone: Unknown
    recluster(library)
    assert person_of(first) is None
    pid = ps.name_face(first, "Carol").value
    assert Person.get_by_id(pid).name == "Carol" and Face.get_by_id(first).confirmed
    later = faces.photo("carol", assign=True)[0]
    assert person_of(later) == pid
    stranger = faces.photo("dave", assign=True)[0]
    assert person_of(stranger) is None  # beyond the threshold from everyone: stays Unknown
    recluster(library)
    assert person_of(first) == pid and person_of(later) == pid and person_of(stranger) is None
    # Naming another face with the same name joins the same person.
    third = faces.photo("carol")[0]
    assert ps.name_face(third, "carol").value == pid


def test_names_covers_and_ids_survive_reclustering(library, faces):
    pa, pb, a, b = two_people(library, faces)
    ps.rename_person(pa, "Alice")
    ps.set_cover_face(pa, a[2])
    new_alice = [faces.photo("alice", assign=True)[0] for _ in range(5)]
    new_erin = [faces.photo("erin")[0] for _ in range(3)]
    report = recluster(library)
    alice = Person.get_by_id(pa)
    assert alice.name == "Alice" and alice.cover_face_id == a[2]
    assert {person_of(f) for f in a + new_alice} == {pa}
    assert {person_of(f) for f in b} == {pb}  # unnamed people keep their id too
    erin = {person_of(f) for f in new_erin}
    assert len(erin) == 1 and erin.isdisjoint({pa, pb, None})
    assert report.people == 3 and report.named_people == 1


def test_two_named_people_are_never_merged_silently(library, faces):
    pa, pb, a, b = two_people(library, faces)
    ps.rename_person(pa, "Alice")
    ps.rename_person(pb, "Bob")
    # A chain of faces from Alice to Bob, each step within the threshold.
    va, vb = faces.identity("alice"), faces.identity("bob")
    for t in np.linspace(0.05, 0.95, 30):
        faces.photo((1 - t) * va + t * vb)
    recluster(library)
    assert {person_of(f) for f in a} == {pa}
    assert {person_of(f) for f in b} == {pb}
    assert Person.get_by_id(pa).name == "Alice" and Person.get_by_id(pb).name == "Bob"


def test_recluster_never_empties_a_named_person(library, faces):
    # Two faces far apart that the user says are one person: not a cluster, yet kept.
    f1 = faces.photo("frank")[0]
    f2 = faces.photo("frank-as-a-child")[0]
    pid = ps.name_face(f1, "Frank").value
    assert ps.name_face(f2, "Frank").value == pid
    for _ in range(2):
        recluster(library)
        assert person_of(f1) == pid and person_of(f2) == pid
    listing = {p.id: p for p in ps.people_rows()}
    assert listing[pid].face_count == 2 and listing[pid].name == "Frank"


def test_faces_of_one_photo_are_never_the_same_person(library, faces):
    pa, _, _, _ = two_people(library, faces)
    twins = faces.photo("alice", "alice", assign=True)
    assert sorted(person_of(f) == pa for f in twins) == [False, True]
    recluster(library)
    assert person_of(twins[0]) != person_of(twins[1]) or person_of(twins[0]) is None


def test_assignment_respects_exclusions(library, faces):
    pa, _, _, _ = two_people(library, faces)
    new = faces.photo("alice")[0]
    FaceExclusion.insert(face=new, person=pa).execute()
    from pictopy_desktop.people.face_assignment import assign_new_faces

    assign_new_faces(library, [new])
    assert person_of(new) is None


def test_undo_history_and_limit(library, faces):
    pa, _, _, _ = two_people(library, faces)
    for k in range(3):
        ps.rename_person(pa, f"Name {k}")
    history = ps.undo_history()
    assert [h["description"] for h in history][:2] == [
        "Renamed Name 1 to Name 2",
        "Renamed Name 0 to Name 1",
    ]


def test_redo_puts_back_every_kind_of_step_and_a_new_step_ends_redo(library, faces):
    pa, pb, a, b = two_people(library, faces)
    steps = [
        lambda: ps.rename_person(pa, "Alice"),
        lambda: ps.move_face(a[0], None),
        lambda: ps.move_face(a[1], pb),
        lambda: ps.remove_face(b[0]),
        lambda: ps.name_face(b[1], "Bob"),
        lambda: ps.set_hidden(pb, True),
        lambda: ps.set_cover_face(pa, a[2]),
    ]
    states = [state()]
    for step in steps:
        step()
        states.append(state())
    for k in range(len(steps), 0, -1):
        assert ps.undo_last().value is not None
        assert state() == states[k - 1]
    for k in range(1, len(steps) + 1):
        assert ps.redo_last().value is not None
        assert state() == states[k]
    assert ps.redo_last().value is None
    ps.undo_last()
    ps.rename_person(pb, "Robert")  # a new step: what was undone can no longer be redone
    assert ps.redo_last().value is None and ps.redo_history() == []


def test_undo_descriptions_use_names(library, faces):
    pa, pb, a, b = two_people(library, faces)
    ps.rename_person(pa, "Alice")
    ps.move_face(b[0], pa)
    assert ps.undo_history(1)[0]["description"] == f"Moved a face from Person {pb} to Alice"
    ps.remove_face(a[1])
    assert ps.undo_history(1)[0]["description"] == "Marked a face of Alice as not a face"
    ps.set_hidden(pb, True)
    assert ps.undo_history(1)[0]["description"] == f"Hid Person {pb}"
    ps.name_face(b[1], "Bob")
    assert ps.undo_history(1)[0]["description"] == f"Named a face Bob (was Person {pb})"
