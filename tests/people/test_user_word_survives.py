"""What the user said about people survives merges, re-clusters and settings round trips."""

from __future__ import annotations

from pictopy_desktop.people import people_service as ps
from pictopy_desktop.people.recluster import recluster
from pictopy_desktop.storage.tables import Face, FaceExclusion


def person_of(face_id: int) -> int | None:
    return Face.get_by_id(face_id).person_id


def exclusions() -> set[tuple[int, int]]:
    return set(FaceExclusion.select(FaceExclusion.face, FaceExclusion.person).tuples())


def alex_group(library, faces) -> tuple[int, list[int]]:
    ids = [faces.photo("alex")[0] for _ in range(3)]
    recluster(library)
    group = person_of(ids[0])
    assert group and {person_of(f) for f in ids} == {group}
    return group, ids


def test_confirming_a_suggestion_merge_keeps_the_named_face(library, faces):
    group, (f10, f11, f12) = alex_group(library, faces)
    alex = ps.move_face(f10, None).value
    ps.rename_person(alex, "Alex")
    ps.confirm_face(f11, alex)  # merges the rest of the group into Alex
    assert {person_of(f) for f in (f10, f11, f12)} == {alex}
    assert (f10, alex) not in exclusions()
    recluster(library)
    assert {person_of(f) for f in (f10, f11, f12)} == {alex}


def test_merge_back_into_a_named_face_keeps_it_and_undo_is_exact(library, faces):
    group, (f10, f11, f12) = alex_group(library, faces)
    alex = ps.move_face(f10, None).value
    ps.rename_person(alex, "Lennon")
    before = (exclusions(), [(person_of(f), Face.get_by_id(f).confirmed) for f in (f10, f11, f12)])
    ps.merge_people(alex, [group])
    assert not any(face == f10 and person == alex for face, person in exclusions())
    recluster(library)
    assert {person_of(f) for f in (f10, f11, f12)} == {alex}
    ps.undo_last()
    assert (
        exclusions(),
        [(person_of(f), Face.get_by_id(f).confirmed) for f in (f10, f11, f12)],
    ) == before


def test_a_stale_exclusion_never_evicts_a_confirmed_face(library, faces):
    _, (f10, f11, f12) = alex_group(library, faces)
    alex = ps.move_face(f10, None).value
    ps.rename_person(alex, "Alex")
    # As an earlier version's merge left it: confirmed in Alex and excluded from Alex.
    FaceExclusion.insert(face=f10, person=alex).execute()
    recluster(library)
    assert person_of(f10) == alex


def test_names_get_their_faces_back_after_a_quality_setting_round_trip(library, faces):
    clapton_faces = [faces.photo("clapton")[0] for _ in range(3)]
    lennon_faces = [faces.photo("lennon")[0] for _ in range(3)]
    recluster(library)
    clapton, lennon = person_of(clapton_faces[0]), person_of(lennon_faces[0])
    ps.rename_person(clapton, "Clapton")
    ps.rename_person(lennon, "Lennon")
    library.settings.thresholds["face_quality"] = {"min_side": 200}  # every face is "too small"
    recluster(library)
    assert {person_of(f) for f in clapton_faces + lennon_faces} == {None}
    recluster(library)  # a second re-cluster in between forgets nothing
    library.settings.thresholds["face_quality"] = {}
    recluster(library)
    assert {person_of(f) for f in clapton_faces} == {clapton}
    assert {person_of(f) for f in lennon_faces} == {lennon}


def test_an_undone_move_into_a_named_person_stays_undone_through_reclusters(library, faces):
    ids = [faces.photo("carol")[0] for _ in range(2)]
    stranger = faces.photo("stranger")[0]
    recluster(library)
    carol = person_of(ids[0])
    ps.rename_person(carol, "Carol")
    ps.move_face(stranger, carol)
    recluster(library)
    ps.undo_last()
    assert person_of(stranger) is None
    recluster(library)
    assert person_of(stranger) is None


def test_naming_a_face_of_an_unnamed_group_names_the_group(library, faces):
    group, ids = alex_group(library, faces)
    assert ps.name_face(ids[0], "Alex").value == group
    assert ps.undo_history(1)[0]["description"] == f"Named Person {group} Alex"
    recluster(library)
    assert {person_of(f) for f in ids} == {group} and Face.get_by_id(ids[0]).confirmed
    ps.undo_last()
    assert ps.people_rows()[0].name is None and not Face.get_by_id(ids[0]).confirmed
    # A group named with the name of someone who exists joins them (as a merge).
    other = faces.photo("alex")[0]
    alex = ps.move_face(other, None).value
    ps.rename_person(alex, "Alex")
    assert ps.name_face(ids[1], "alex").value == alex
    assert {person_of(f) for f in ids} == {alex}
    # Taking one face out of a group stays possible: move it.
    assert ps.move_face(ids[2], None).value not in (alex, None)
