"""A photo whose bytes change keeps its faces' names, confirmations and "no" answers (issue 14)."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from pictopy_desktop.people import people_service as ps
from pictopy_desktop.people.face_matching import Detection, StoredFace, carry_over_faces
from pictopy_desktop.people.face_refresh import store_faces
from pictopy_desktop.storage.tables import Face, FaceExclusion, Image, Person
from tests.conftest import MODELS_DIR, PHOTOS_DIR


def unit(v) -> np.ndarray:
    v = np.asarray(v, dtype=np.float32)
    return v / np.linalg.norm(v)


A, B, C = unit([1, 0, 0, 0]), unit([0, 1, 0, 0]), unit([0, 0, 1, 0])


def test_new_detections_match_old_faces_by_overlap_or_by_embedding_one_to_one():
    old = [
        StoredFace(1, (0, 0, 100, 100), A, vouched=True),
        StoredFace(2, (200, 0, 300, 100), B, vouched=False),
    ]
    new = [
        Detection((150, 50, 250, 150), B),  # B after a crop: the box moved, the face did not
        Detection((5, 5, 105, 105), A),  # A, slightly shifted after an edit
        Detection((400, 0, 500, 100), C),  # someone not there before
    ]
    plan = carry_over_faces(old, new, 600, 400)
    assert sorted(plan.matched) == [(1, 1), (2, 0)]
    assert plan.new == [2] and plan.deleted == [] and plan.kept == []
    # One-to-one, best first: two detections on one old face take one each.
    plan = carry_over_faces(
        old[:1], [Detection((2, 2, 102, 102), unit([1, 0.9, 0, 0])), Detection((1, 1, 101, 101), A)]
    )
    assert plan.matched == [(1, 1)] and plan.new == [0]
    # A different person at another place matches nothing.
    assert carry_over_faces(old[:1], [Detection((300, 300, 400, 400), C)]).matched == []


def test_unmatched_faces_the_user_vouched_for_stay_while_their_box_is_in_the_photo():
    old = [
        StoredFace(1, (0, 0, 100, 100), A, vouched=True),
        StoredFace(2, (500, 300, 600, 400), B, vouched=True),
        StoredFace(3, (200, 0, 300, 100), C, vouched=False),
    ]
    plan = carry_over_faces(old, [], 400, 300)  # cropped to 400 x 300; the detector found no one
    assert plan.kept == [1] and sorted(plan.deleted) == [2, 3] and plan.matched == []


def _face_row(vec: np.ndarray, x: float) -> dict:
    return dict(
        x1=x,
        y1=10.0,
        x2=x + 80,
        y2=100.0,
        landmarks=None,
        score=0.9,
        embedding=np.asarray(vec, dtype=np.float32).tobytes(),
        sharpness=100.0,
        frame_time_s=None,
    )


def test_rewritten_photo_keeps_names_confirmations_exclusions_and_ids(library, faces):
    steve, other, gone = faces.vector("steve"), faces.vector("other"), faces.vector("gone")
    image = Image.create(
        path="/synthetic/carell.jpg", size=1, mtime=1.0, state="done", width=600, height=400
    )
    f_steve, f_other, f_gone = store_faces(
        image.id, 600, 400, [_face_row(steve, 10), _face_row(other, 200), _face_row(gone, 400)]
    )
    person = ps.name_face(f_steve, "Steve").value
    ps.reject_face(f_other, person)  # "this face is not Steve"
    ps.remove_face(f_gone)  # "not a face"
    stale_undo = ps.undo_history(1)[0]
    # The file was edited: the faces come back a little moved, "gone" is not detected any more.
    new = store_faces(
        image.id,
        600,
        400,
        [_face_row(faces.vector(steve, 0.01), 14), _face_row(faces.vector(other, 0.01), 205)],
    )
    assert new == []
    assert Face.get_by_id(f_steve).person_id == person and Face.get_by_id(f_steve).confirmed
    assert Face.get_by_id(f_steve).x1 == 14  # box refreshed in place
    assert set(FaceExclusion.select(FaceExclusion.face, FaceExclusion.person).tuples()) == {
        (f_other, person)
    }
    assert Face.get_or_none(Face.id == f_gone) is None
    # A face found later never takes the id of the deleted one, so the old undo step
    # ("not a face" on f_gone) cannot touch it.
    (newcomer,) = store_faces(
        image.id, 600, 400, [_face_row(steve, 14), _face_row(other, 205), _face_row(gone, 400)]
    )
    assert newcomer > f_gone
    assert stale_undo["description"].startswith("Marked a face")
    assert ps.undo_last().value == stale_undo["description"]
    assert Face.get_by_id(newcomer).ignored is False and Person.get_by_id(person).name == "Steve"


@pytest.mark.skipif(
    not (MODELS_DIR.exists() and (PHOTOS_DIR / "openface").exists()),
    reason="../shared models and photos are absent",
)
@pytest.mark.slow
def test_metadata_write_and_small_edit_keep_names_on_real_photos(tmp_path, monkeypatch):
    from PIL import Image as PILImage
    from PIL import ImageEnhance

    from pictopy_desktop import paths
    from pictopy_desktop.library.service import Library
    from pictopy_desktop.people.recluster import recluster

    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(MODELS_DIR))
    folder = tmp_path / "photos"
    folder.mkdir()
    for src in (
        "face_recognition/examples/obama.jpg",
        "face_recognition/examples/obama2.jpg",
        "openface/longoria-cooper.jpg",
        "openface/carell.jpg",
    ):
        shutil.copy(PHOTOS_DIR / src, folder)
    paths.set_data_dir_override(tmp_path / "data")
    lib = Library(tmp_path / "data")
    try:
        lib.index([folder])

        def faces_of(name: str) -> list[Face]:
            return list(
                Face.select().join(Image).where(Image.path == str(folder / name)).order_by(Face.x1)
            )

        obama = faces_of("obama.jpg")[0].person_id
        ps.rename_person(obama, "Obama")
        (carell,) = faces_of("carell.jpg")
        steve = ps.name_face(carell.id, "Steve").value
        left, right = faces_of("longoria-cooper.jpg")
        ps.reject_face(left.id, obama)
        moved_to = ps.move_face(right.id, None).value
        with open(folder / "longoria-cooper.jpg", "ab") as f:
            f.write(b"XMP")  # a tag tool writing metadata
        img = PILImage.open(folder / "carell.jpg")
        ImageEnhance.Brightness(img.convert("RGB")).enhance(1.1).save(
            folder / "carell.jpg", quality=92
        )
        lib.index([folder])
        recluster(lib)
        (carell_after,) = faces_of("carell.jpg")
        assert (carell_after.id, carell_after.person_id, carell_after.confirmed) == (
            carell.id,
            steve,
            True,
        )
        assert [f.id for f in faces_of("longoria-cooper.jpg")] == [left.id, right.id]
        assert ps.excluded_people(left.id) == [obama]
        assert Face.get_by_id(right.id).person_id == moved_to and Face.get_by_id(right.id).confirmed
    finally:
        lib.close()
        paths.set_data_dir_override(None)
