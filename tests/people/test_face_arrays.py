"""Faces read into arrays a chunk at a time: the same values as row by row, sizes kept apart."""

from __future__ import annotations

import numpy as np
import pytest

from pictopy_desktop.people import face_arrays
from pictopy_desktop.storage.tables import Face


def _expected(where) -> dict[int, tuple]:
    rows = Face.select(Face.id, Face.image, Face.person, Face.confirmed, Face.embedding).where(
        where
    )
    return {
        r.id: (
            r.image_id,
            -1 if r.person_id is None else r.person_id,
            bool(r.confirmed),
            r.embedding,
        )
        for r in rows
    }


def test_chunked_read_gives_every_face_in_id_order(library, faces, monkeypatch):
    for k in range(7):
        faces.photo("alice", "bob" if k % 2 else "carol")
    Face.update(person=None).execute()
    monkeypatch.setattr(face_arrays, "_READ_CHUNK", 3)  # 14 faces: five chunks
    where = Face.ignored == False
    got = face_arrays.read_face_arrays(where)
    expected = _expected(where)
    assert got["face_ids"].tolist() == sorted(expected)
    for k, face_id in enumerate(got["face_ids"].tolist()):
        image, person, confirmed, blob = expected[face_id]
        assert (got["images"][k], got["persons"][k], got["confirmed"][k]) == (
            image,
            person,
            confirmed,
        )
        vec = np.frombuffer(blob, dtype=np.float32)
        assert np.allclose(got["x"][k], vec / np.linalg.norm(vec), atol=1e-6)
    assert got["boxes"].shape == (14, 4) and np.isnan(got["sharpness"]).all()


@pytest.mark.allow_log(
    r"^Face embeddings of several sizes \{64: 1, 128: 4\}: clustering those of size 128"
)
def test_embeddings_of_another_size_are_left_out_with_a_warning(library, faces):
    for _ in range(4):
        faces.photo("alice")
    odd = faces.photo("bob")[0]
    Face.update(embedding=np.ones(64, dtype=np.float32).tobytes()).where(Face.id == odd).execute()
    got = face_arrays.read_face_arrays(Face.ignored == False)
    assert len(got["face_ids"]) == 4 and odd not in got["face_ids"] and got["x"].shape == (4, 128)


def test_no_faces_gives_empty_arrays(library):
    got = face_arrays.read_face_arrays(Face.ignored == False)
    assert len(got["face_ids"]) == 0 and got["x"].shape[0] == 0


def test_the_lean_read_equals_the_full_one_and_keeps_the_newest_embedders_size(
    library, faces, monkeypatch
):
    """``read_embeddings`` (the assignment index's read) gives the full read's values; faces of
    an older embedder's size are left out, and its arrays hold no room beyond what it read."""
    for k in range(7):
        faces.photo("alice", "bob" if k % 2 else "carol")
    monkeypatch.setattr(face_arrays, "_READ_CHUNK", 3)
    where = Face.ignored == False
    lean, full = face_arrays.read_embeddings(where), face_arrays.read_face_arrays(where)
    assert len(lean["face_ids"]) == 14
    for key in ("face_ids", "images", "persons", "x"):
        assert np.array_equal(lean[key], full[key]), key
    old = faces.photo("bob")[0]
    Face.update(embedding=np.ones(64, dtype=np.float32).tobytes()).where(
        Face.id < old
    ).execute()  # every face but the newest from an older, smaller embedder
    got = face_arrays.read_embeddings(Face.ignored == False)
    assert got["face_ids"].tolist() == [old] and got["x"].shape == (1, 128)
    assert got["x"].base is None and got["x"].nbytes == 128 * 4  # trimmed in place


def test_the_lean_read_of_no_faces_is_empty(library):
    got = face_arrays.read_embeddings(Face.ignored == False)
    assert len(got["face_ids"]) == 0 and got["x"].shape[0] == 0


def test_faces_stored_between_the_count_and_the_read_are_read_too(library, faces, monkeypatch):
    """The lean read sizes its arrays by a count taken first; faces another writer stores
    before the read reaches them are not left out."""
    for _ in range(5):
        faces.photo("alice")
    db = Face._meta.database.obj  # the library's database behind the proxy
    real = db.execute_sql

    def undercount(sql, params=None, *args, **kwargs):
        cursor = real(sql, params, *args, **kwargs)
        if sql.startswith("SELECT COUNT(*) FROM face"):
            (n,) = cursor.fetchone()
            return real("SELECT ?", [n - 2])  # as if two faces came after the count
        return cursor

    monkeypatch.setattr(db, "execute_sql", undercount)
    got = face_arrays.read_embeddings(Face.ignored == False)
    assert got["face_ids"].tolist() == [f.id for f in Face.select().order_by(Face.id)]
    assert got["x"].shape == (5, 128)


@pytest.mark.allow_log(r"^Face embeddings of several sizes \{64: 1, 128: 3\}")
def test_a_damaged_embedding_costs_its_face_only(library, faces, monkeypatch):
    """A blob that is not a whole number of floats (a damaged row): people, suggestions,
    search by face and the re-cluster's reads leave that face out; asked about itself,
    it gets one sentence."""
    from pictopy_desktop.errors import PictoPyError
    from pictopy_desktop.library import face_search
    from pictopy_desktop.people.recluster import recluster
    from pictopy_desktop.people.suggestions import list_suggestions

    for _ in range(3):
        faces.photo("alice")
    damaged = faces.photo("alice")[0]
    odd = faces.photo("bob")[0]
    Face.update(embedding=b"\x01\x02\x03\x04\x05\x06\x07").where(Face.id == damaged).execute()
    Face.update(embedding=np.ones(64, dtype=np.float32).tobytes()).where(Face.id == odd).execute()
    for read in (face_arrays.read_face_arrays, face_arrays.read_embeddings):
        assert damaged not in read(Face.ignored == False)["face_ids"].tolist()
    recluster(library)
    list_suggestions(library)
    first = Face.select(Face.id).order_by(Face.id).scalar()
    assert face_search.similar_to_face(first, 0.5)
    with pytest.raises(PictoPyError, match="damaged"):
        face_search.similar_to_face(damaged, 0.5)
    with pytest.raises(PictoPyError, match="another face model"):
        face_search.similar_to_face(odd, 0.5)
