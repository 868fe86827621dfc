"""After a re-cluster the assignment index is the re-cluster's own result, equal to a fresh read."""

from __future__ import annotations

import numpy as np

from pictopy_desktop.people import face_assignment as fa
from pictopy_desktop.people import people_store
from pictopy_desktop.people.recluster import recluster
from pictopy_desktop.storage.tables import Face


def _rows(index: fa._AssignedIndex) -> list[tuple]:
    vectors, owners, images = index.view()
    return sorted(
        (int(o), int(i), tuple(np.round(v, 5).tolist())) for v, o, i in zip(vectors, owners, images)
    )


def test_recluster_hands_its_result_to_the_assignment_index(library, faces, monkeypatch):
    for _ in range(3):
        faces.photo("alice", "bob")
    faces.photo("carol")  # alone: stays Unknown, not in the index
    tiny = faces.photo("alice")[0]
    Face.update(x2=Face.x1 + 5).where(
        Face.id == tiny
    ).execute()  # too small to be anyone's neighbour
    fa._index_for(library, fa.thresholds_for(library))  # an index from before the re-cluster
    recluster(library)
    reads = []
    real = fa._assigned_faces
    monkeypatch.setattr(fa, "_assigned_faces", lambda *a: reads.append(a) or real(*a))
    adopted = fa._index_for(library, fa.thresholds_for(library))
    assert adopted.generation == people_store.generation()
    assert [a for a in reads if len(a) == 1] == []  # no full re-read of every embedding
    fa.forget_cache(library)
    fresh = fa._index_for(library, fa.thresholds_for(library))
    assert _rows(adopted) == _rows(fresh) and len(_rows(fresh)) == 6
    assert adopted.last_face_id == fresh.last_face_id


def test_a_new_face_after_a_recluster_joins_its_person(library, faces):
    for _ in range(2):
        faces.photo("alice")
    report = recluster(library)
    assert report.people == 1
    (new,) = faces.photo("alice", assign=True)
    (person,) = {f.person_id for f in Face.select() if f.id != new}
    assert Face.get_by_id(new).person_id == person


def test_faces_read_ahead_are_the_index_the_first_new_faces_use(library, faces, monkeypatch):
    """``warm_index`` (run while an index run's first phase goes) reads the assigned faces once;
    the first new faces use that index instead of reading them again in their transaction."""
    import threading

    for _ in range(3):
        faces.photo("alice", "bob")
    recluster(library)
    fa.forget_cache(library)
    reads = []
    real = fa._assigned_faces
    monkeypatch.setattr(fa, "_assigned_faces", lambda *a: reads.append(a) or real(*a))
    ahead = threading.Thread(target=fa.warm_index, args=(library,))
    ahead.start()
    ahead.join()
    assert len(reads) == 1  # every assigned face, read once
    (new,) = faces.photo("alice", assign=True)
    assert len([a for a in reads if len(a) == 1]) == 1  # the read ahead only
    alice = {f.person_id for f in Face.select() if f.id != new and f.person_id is not None}
    assert Face.get_by_id(new).person_id in alice


def test_a_merge_while_the_recluster_reads_the_faces_makes_it_start_over(
    library, faces, monkeypatch
):
    """People edited while a re-cluster reads every face (seconds at 300,000): it plans
    again on the new state instead of sending faces to a person the edit deleted."""
    from pictopy_desktop.people import people_ops
    from pictopy_desktop.people import recluster as rc
    from pictopy_desktop.storage.tables import Person

    alice, bob = faces.named("alice", "bob")
    new = [faces.photo("bob")[0] for _ in range(2)]  # Unknown until the re-cluster
    Face.update(person=None).where(Face.id.in_(new)).execute()
    real = rc.read_face_arrays
    merged = []

    def read_then_merge(*args, **kwargs):
        got = real(*args, **kwargs)
        if not merged:  # another window merges Bob into Alice meanwhile
            merged.append(people_ops.merge_people(alice, [bob]))
        return got

    monkeypatch.setattr(rc, "read_face_arrays", read_then_merge)
    recluster(library)
    assert not Person.select().where(Person.id == bob).exists()
    assert {Face.get_by_id(f).person_id for f in new} == {alice}
    assert Person.get_by_id(alice).name == "Alice"
