"""The face quality gate: tiny, uncertain or blurred faces never form or extend people."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from pictopy_desktop.people import people_service as ps
from pictopy_desktop.people.face_assignment import assign_new_faces
from pictopy_desktop.people.face_quality import (
    DEFAULT_QUALITY,
    FaceQuality,
    is_good_face,
    thresholds_for,
)
from pictopy_desktop.people.recluster import recluster
from pictopy_desktop.storage.tables import Face, Image, Person

GOOD = {"x1": 10.0, "y1": 10.0, "x2": 110.0, "y2": 130.0, "score": 0.92, "sharpness": 300.0}
LOW = {
    "tiny": dict(
        GOOD, x2=10.0 + DEFAULT_QUALITY.min_side / 2, y2=10.0 + DEFAULT_QUALITY.min_side / 2
    ),
    "uncertain": dict(GOOD, score=DEFAULT_QUALITY.min_score / 2),
    "blurred": dict(GOOD, sharpness=DEFAULT_QUALITY.min_sharpness / 3),
}
_photo_numbers = itertools.count()


def add_face(faces, who: str, **box) -> int:
    """One photo holding one face of ``who`` (an embedding near that identity) with ``box`` fields."""
    k = next(_photo_numbers)
    image = Image.create(
        path=f"/synthetic/quality{k:05d}.jpg", size=1, mtime=float(k), state="done"
    )
    fields = dict(GOOD, **box)
    return Face.create(
        image=image.id, embedding=faces.vector(who).astype(np.float32).tobytes(), **fields
    ).id


def person_of(face_id: int) -> int | None:
    return Face.get_by_id(face_id).person_id


def named_alice(library, faces) -> int:
    ids = [add_face(faces, "alice") for _ in range(3)]
    recluster(library)
    pid = person_of(ids[0])
    assert pid is not None and {person_of(f) for f in ids} == {pid}
    ps.rename_person(pid, "Alice")
    return pid


@pytest.mark.allow_log(r"^Ignoring face quality setting '(bogus|min_score)'")
def test_is_good_face_and_overrides(library):
    assert is_good_face(GOOD)
    assert is_good_face(
        dict(GOOD, sharpness=None)
    )  # indexed before sharpness existed: not judged on it
    for kind, values in LOW.items():
        assert not is_good_face(values), kind
    assert thresholds_for(library) == DEFAULT_QUALITY
    library.settings.thresholds["face_quality"] = {"min_side": 200, "bogus": 1, "min_score": "x"}
    gate = thresholds_for(library)
    assert gate == FaceQuality(
        min_side=200,
        min_score=DEFAULT_QUALITY.min_score,
        min_sharpness=DEFAULT_QUALITY.min_sharpness,
    )
    assert not is_good_face(GOOD, gate)


@pytest.mark.parametrize("kind", sorted(LOW))
def test_low_quality_face_is_not_assigned_to_the_nearest_person(library, faces, kind):
    alice = named_alice(library, faces)
    low = add_face(faces, "alice", **LOW[kind])
    good = add_face(faces, "alice")
    assign_new_faces(library, [low, good])
    assert person_of(good) == alice  # the same embedding, good quality: joins
    assert person_of(low) is None
    recluster(library)
    assert person_of(low) is None and person_of(good) == alice


def test_low_quality_faces_seed_no_person(library, faces):
    lows = [add_face(faces, "bob", **LOW[kind]) for kind in sorted(LOW) for _ in range(2)]
    report = recluster(library)
    assert report.people == 0
    assert all(person_of(f) is None for f in lows)
    # ... and they do not glue two good faces of different photos into a person either.
    lone = add_face(faces, "bob")
    recluster(library)
    assert person_of(lone) is None


def test_confirmed_low_quality_face_shows_under_its_person(library, faces):
    alice = named_alice(library, faces)
    blurred = add_face(faces, "alice", **LOW["blurred"])
    recluster(library)
    unknown = {f.id: f.to_dict() for f in ps.unknown_faces()}
    assert unknown[blurred]["low_quality"] is True
    assert {"id", "image", "box", "score", "confirmed"} <= set(unknown[blurred])

    ps.move_face(blurred, alice)
    recluster(library)
    assert person_of(blurred) == alice
    listing = {p.id: p.to_dict() for p in ps.people_rows(with_faces=True)}
    shown = {f["id"]: f for f in listing[alice]["faces"]}
    assert shown[blurred]["low_quality"] is True and shown[blurred]["confirmed"] is True
    assert not any(f["low_quality"] for fid, f in shown.items() if fid != blurred)
    assert Person.get_by_id(alice).name == "Alice"

    # A confirmed low-quality face counts: a new good face near it joins Alice.
    newcomer = add_face(faces, "alice")
    assign_new_faces(library, [newcomer])
    assert person_of(newcomer) == alice

    ps.undo_last()  # undo the move: the face is Unknown again
    recluster(library)
    assert person_of(blurred) is None


def test_unconfirmed_low_quality_face_leaves_a_named_person(library, faces):
    """A face put there before the gate existed (or before its threshold rose) goes back to Unknown."""
    alice = named_alice(library, faces)
    tiny = add_face(faces, "alice", **LOW["tiny"])
    Face.update(person=alice).where(Face.id == tiny).execute()
    recluster(library)
    assert person_of(tiny) is None
    assert Person.get_by_id(alice).name == "Alice" and not ps.is_empty(alice)


def test_gate_follows_the_settings(library, faces):
    alice = named_alice(library, faces)
    small = add_face(faces, "alice", x2=70.0, y2=70.0)  # 60 px: good by default
    library.settings.thresholds["face_quality"] = {"min_side": 80}
    assign_new_faces(library, [small])
    assert person_of(small) is None
    library.settings.thresholds["face_quality"] = {}
    assign_new_faces(library, [small])
    assert person_of(small) == alice


@pytest.mark.slow
def test_blurred_copy_of_a_real_portrait_stays_unknown(
    tmp_path, data_dir, monkeypatch, shared_models_dir, shared_photos_dir
):
    import cv2

    from pictopy_desktop.library.service import Library

    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(shared_models_dir))
    folder = tmp_path / "photos"
    folder.mkdir()
    examples = shared_photos_dir / "face_recognition" / "examples"
    for name in ("obama.jpg", "obama2.jpg", "obama_small.jpg"):
        (folder / name).write_bytes((examples / name).read_bytes())
    bgr = cv2.imread(str(examples / "obama.jpg"))
    cv2.imwrite(str(folder / "obama_blurred.jpg"), cv2.GaussianBlur(bgr, (0, 0), 15))
    lib = Library(data_dir)
    try:
        lib.settings.recluster_every_photos = 0
        lib.index([folder])
        recluster(lib)
        by_name = {}
        for face in Face.select(Face, Image).join(Image):
            by_name.setdefault(face.image.path.rsplit("/", 1)[-1], []).append(face)
        blurred = max(by_name["obama_blurred.jpg"], key=lambda f: f.x2 - f.x1)
        assert blurred.sharpness is not None and blurred.sharpness < DEFAULT_QUALITY.min_sharpness
        assert blurred.person_id is None
        sharp = [
            max(by_name[n], key=lambda f: f.x2 - f.x1)
            for n in ("obama.jpg", "obama2.jpg", "obama_small.jpg")
        ]
        assert all(is_good_face(f) for f in sharp)
        assert len({f.person_id for f in sharp}) == 1 and sharp[0].person_id is not None
        assert {f.id: f.low_quality for f in ps.unknown_faces()}[blurred.id] is True
    finally:
        from pictopy_desktop.people.face_assignment import forget_cache

        forget_cache(lib)
        lib.close()
