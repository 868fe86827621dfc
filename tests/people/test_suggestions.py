"""'Is this Alice?': suggestions for faces the clustering left out, and the yes/no answers."""

from __future__ import annotations

import json

import numpy as np
import pytest

from pictopy_desktop.ml.face_clustering import normalize
from pictopy_desktop.people import people_service as ps
from pictopy_desktop.people.recluster import recluster
from pictopy_desktop.people.suggestions import (
    SUGGESTION_BAND,
    Suggestion,
    confirm_suggestion,
    list_suggestions,
    reject_suggestion,
)
from pictopy_desktop.storage.tables import Face, FaceExclusion, Image

EPS = 0.3  # the `library` fixture's cluster distance


def at_distance(base: np.ndarray, distance: float, rng: np.random.Generator) -> np.ndarray:
    """A unit vector at exactly ``distance`` (cosine) from the unit vector ``base``."""
    other = rng.standard_normal(base.shape).astype(np.float64)
    other -= other.dot(base) * base
    other /= np.linalg.norm(other)
    cos = 1.0 - distance
    return normalize(cos * base + np.sqrt(1.0 - cos * cos) * other)[0]


def add_photo(*vectors: np.ndarray) -> list[int]:
    """One photo with a face per vector (exact embeddings); returns the face ids."""
    k = Image.select().count()
    image = Image.create(path=f"/synthetic/extra{k:05d}.jpg", size=1, mtime=float(k), state="done")
    return [
        Face.create(
            image=image.id,
            x1=10.0 + 100 * j,
            y1=10.0,
            x2=90.0 + 100 * j,
            y2=100.0,
            score=0.9,
            embedding=np.asarray(v, dtype=np.float32).tobytes(),
        ).id
        for j, v in enumerate(vectors)
    ]


@pytest.fixture
def alice(library, faces):
    """A named person, Alice, with four photos; returns (person id, her face vector)."""
    ids = [faces.photo("alice")[0] for _ in range(4)]
    recluster(library)
    pid = Face.get_by_id(ids[0]).person_id
    ps.rename_person(pid, "Alice")
    return pid, faces.identity("alice")


def test_an_unknown_face_in_the_band_is_suggested_and_one_far_away_is_not(library, faces, alice):
    pid, vec = alice
    rng = np.random.default_rng(1)
    near = add_photo(at_distance(vec, EPS + 0.1, rng))[0]
    add_photo(at_distance(vec, EPS + SUGGESTION_BAND + 0.15, rng))  # too far: no question
    recluster(library)
    found = list_suggestions(library)
    assert [(s.face_id, s.person_id, s.person_name) for s in found] == [(near, pid, "Alice")]
    s = found[0]
    assert isinstance(s, Suggestion) and s.image_path.startswith("/synthetic/extra")
    assert EPS < s.distance < EPS + SUGGESTION_BAND
    assert s.box == (10.0, 10.0, 90.0, 100.0)
    assert list_suggestions(library, person_id=pid) == found
    assert list_suggestions(library, limit=0) == []


def test_yes_confirms_the_face_and_undo_takes_it_back(library, faces, alice):
    pid, vec = alice
    face = add_photo(at_distance(vec, EPS + 0.1, np.random.default_rng(2)))[0]
    recluster(library)
    assert confirm_suggestion(face, pid).value == "Added 1 photo to Alice"
    f = Face.get_by_id(face)
    assert f.person_id == pid and f.confirmed
    assert list_suggestions(library) == []
    recluster(library)  # the answer sticks through a re-cluster
    assert Face.get_by_id(face).person_id == pid
    assert ps.undo_last().value == "Added 1 photo to Alice"
    assert Face.get_by_id(face).person_id is None
    assert [s.face_id for s in list_suggestions(library)] == [face]


def test_no_records_a_cannot_link_and_is_never_asked_again(library, faces, alice):
    pid, vec = alice
    face = add_photo(at_distance(vec, EPS + 0.1, np.random.default_rng(3)))[0]
    recluster(library)
    assert reject_suggestion(face, pid).value == "Marked a face as not Alice"
    assert (
        FaceExclusion.select()
        .where((FaceExclusion.face == face) & (FaceExclusion.person == pid))
        .exists()
    )
    assert list_suggestions(library) == []
    recluster(library)
    assert list_suggestions(library) == [] and Face.get_by_id(face).person_id is None
    assert ps.undo_last().value == "Marked a face as not Alice"
    assert [s.face_id for s in list_suggestions(library)] == [face]


def test_a_small_group_is_suggested_whole_and_yes_merges_it(library, faces, alice):
    pid, vec = alice
    rng = np.random.default_rng(4)
    centre = at_distance(vec, EPS + 0.12, rng)
    group = [add_photo(at_distance(centre, 0.05, rng))[0] for _ in range(2)]
    recluster(library)
    group_person = Face.get_by_id(group[0]).person_id
    assert group_person is not None and Face.get_by_id(group[1]).person_id == group_person != pid
    found = list_suggestions(library)
    assert len(found) == 1 and found[0].face_id in group and found[0].person_id == pid
    assert (
        confirm_suggestion(found[0].face_id, pid).value
        == f"Merged 2 photos of Person {group_person} into Alice"
    )
    assert {Face.get_by_id(f).person_id for f in group} == {pid}
    ps.undo_last()
    assert {Face.get_by_id(f).person_id for f in group} == {group_person}
    # No keeps the whole group apart from Alice.
    assert reject_suggestion(group[0], pid).value == f"Kept Person {group_person} apart from Alice"
    assert list_suggestions(library) == []
    assert FaceExclusion.select().where(FaceExclusion.person == pid).count() == 2


def test_never_suggested_for_a_person_already_in_the_photo(library, faces, alice):
    pid, vec = alice
    add_photo(faces.vector("alice"), at_distance(vec, EPS + 0.1, np.random.default_rng(5)))
    recluster(library)
    assert list_suggestions(library) == []


def test_answers_about_gone_faces_or_people_are_readable_errors(library, faces, alice):
    pid, _ = alice
    with pytest.raises(ps.NoSuchFaceError, match="no face with id 99999"):
        confirm_suggestion(99999, pid)
    with pytest.raises(ps.NoSuchPersonError, match="no person with id 99999"):
        reject_suggestion(Face.select().first().id, 99999)
    with pytest.raises(ps.NoSuchPersonError):
        list_suggestions(library, person_id=99999)


def test_cli_suggestions_confirm_reject(data_dir, capsys):
    """Through the CLI, with the default embedder's distance (0.5, no models needed to read it)."""
    from pictopy_desktop.cli import main
    from pictopy_desktop.library.service import Library

    rng = np.random.default_rng(6)
    base = normalize(rng.standard_normal(128))[0]
    with Library(data_dir) as lib:
        alice = [add_photo(at_distance(base, 0.05, rng))[0] for _ in range(3)]
        lib.settings.recluster_every_photos = 0
        recluster_report = recluster(lib)
        assert recluster_report.people == 1
        pid = Face.get_by_id(alice[0]).person_id
        ps.rename_person(pid, "Alice")
        near = add_photo(at_distance(base, 0.6, rng))[0]
        other = add_photo(at_distance(base, 0.62, rng))[0]
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "people", "suggestions", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert {s["face_id"] for s in found} == {near, other} and {s["person_name"] for s in found} == {
        "Alice"
    }
    assert set(found[0]) == {"face_id", "person_id", "person_name", "distance", "image_path", "box"}
    assert main(["--data-dir", str(data_dir), "people", "confirm", str(near), str(pid)]) == 0
    assert "Added 1 photo to Alice" in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "people", "reject", str(other), str(pid)]) == 0
    assert "not Alice" in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "people", "suggestions"]) == 0
    assert "0 suggestions" in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "people", "undo"]) == 0
    assert main(["--data-dir", str(data_dir), "people", "redo"]) == 0
    assert "Redone: Marked a face as not Alice." in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "people", "confirm", "99999", str(pid)]) == 1
    assert "no face with id 99999" in capsys.readouterr().err


def test_new_core_modules_import_without_qt():
    """Suggestions, the linking stage and tag removal are core: no Qt, so the CLI and workers share them."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "sys.modules['PySide6'] = None\n"
        "import pictopy_desktop.people.suggestions, pictopy_desktop.ml.face_linking, pictopy_desktop.library.tags\n"
        "assert not [k for k in sys.modules if k.startswith('PySide6.')]\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
