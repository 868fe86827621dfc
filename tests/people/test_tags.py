"""Tags you can trust: no "cat" on a person's face, and a tag the user removed stays removed."""

from __future__ import annotations

import json
import shutil

import pytest

from pictopy_desktop.ml.analyzer import CAN_BE_ON_A_FACE, face_overlap, suppress_face_tags
from pictopy_desktop.ml.types import FaceDetection, ObjectTag
from tests.conftest import MODELS_DIR, PHOTOS_DIR

FACE = FaceDetection((100.0, 100.0, 200.0, 220.0), 0.95, None)
PERSON = ObjectTag("person", 0.9, (40.0, 60.0, 300.0, 600.0))


def labels(tags: list[ObjectTag]) -> list[str]:
    return [t.label for t in tags]


def test_tags_that_are_essentially_a_persons_face_are_dropped():
    tags = [
        PERSON,
        ObjectTag("toilet", 0.5, (95.0, 90.0, 205.0, 230.0)),  # the face itself
        ObjectTag("cat", 0.6, (105.0, 110.0, 195.0, 215.0)),  # inside the face
        ObjectTag("frisbee", 0.4, (80.0, 170.0, 100.0, 190.0)),  # an earring at the face's side
        ObjectTag("dog", 0.8, (300.0, 300.0, 500.0, 500.0)),  # a dog beside the person
    ]
    assert labels(suppress_face_tags(tags, [FACE])) == ["person", "dog"]


def test_classes_that_can_be_on_a_face_and_things_below_it_stay():
    tags = [
        PERSON,
        ObjectTag("cell phone", 0.7, (180.0, 150.0, 230.0, 210.0)),
        ObjectTag("wine glass", 0.6, (140.0, 190.0, 170.0, 230.0)),
        ObjectTag("tie", 0.8, (130.0, 215.0, 170.0, 400.0)),
        ObjectTag("handbag", 0.5, (120.0, 225.0, 190.0, 300.0)),  # below the chin: not on the face
    ]
    assert labels(suppress_face_tags(tags, [FACE])) == labels(tags)
    assert {"person", "cell phone", "tie"} <= CAN_BE_ON_A_FACE


def test_an_animal_face_the_face_detector_took_for_a_person_keeps_its_tag():
    """YuNet fires on dogs' faces (dlib_faces/dogs.jpg): with no person around, the "dog" tag stays."""
    dog = ObjectTag("dog", 0.94, (95.0, 95.0, 210.0, 230.0))
    assert labels(suppress_face_tags([dog], [FACE])) == ["dog"]
    assert labels(suppress_face_tags([dog, PERSON], [])) == ["dog", "person"]


def test_face_overlap_is_the_share_of_the_tag_box_on_the_grown_face():
    assert face_overlap((100.0, 100.0, 200.0, 220.0), FACE.box) == pytest.approx(1.0)
    assert face_overlap((300.0, 300.0, 400.0, 400.0), FACE.box) == 0.0
    assert face_overlap((150.0, 220.0, 170.0, 260.0), FACE.box) == 0.0  # just below the chin
    assert face_overlap((10.0, 10.0, 10.0, 50.0), FACE.box) == 0.0  # an empty box
    half = face_overlap((0.0, 100.0, 150.0, 200.0), FACE.box)  # sticks out to the left
    assert 0.4 < half < 0.7


def test_remove_tag_undo_redo(data_dir):
    from pictopy_desktop.library.service import Library
    from pictopy_desktop.library.tags import TagError, remove_tag
    from pictopy_desktop.people import people_service as ps
    from pictopy_desktop.storage.tables import Image, ObjectTag, TagExclusion

    with Library(data_dir):
        image = Image.create(path="/photos/IMG_1.jpg", size=1, mtime=1.0, state="done")
        for label, conf in (("cat", 0.6), ("cat", 0.4), ("dog", 0.9)):
            ObjectTag.create(image=image.id, label=label, confidence=conf, x1=1, y1=2, x2=3, y2=4)

        def state():
            return (
                sorted(
                    ObjectTag.select(ObjectTag.label, ObjectTag.confidence)
                    .where(ObjectTag.image == image.id)
                    .tuples()
                ),
                sorted(TagExclusion.select(TagExclusion.label).tuples()),
            )

        before = state()
        assert remove_tag(image.id, " Cat ").value == 'Removed the tag "cat" from IMG_1.jpg'
        after = state()
        assert after == ([("dog", 0.9)], [("cat",)])
        assert ps.undo_last().value == 'Removed the tag "cat" from IMG_1.jpg'
        assert state() == before
        assert ps.redo_last().value == 'Removed the tag "cat" from IMG_1.jpg'
        assert state() == after
        with pytest.raises(TagError, match='IMG_1.jpg has no tag "cat"'):
            remove_tag(image.id, "cat")
        with pytest.raises(TagError, match="no photo with id 999"):
            remove_tag(999, "dog")


@pytest.mark.skipif(
    not (MODELS_DIR.exists() and PHOTOS_DIR.exists()),
    reason="../shared models and photos are absent",
)
@pytest.mark.slow
def test_a_removed_tag_stays_removed_through_reanalysis_and_the_cli(
    data_dir, tmp_path, monkeypatch, capsys
):
    """Real models: index a photo, remove a tag with the CLI, analyse again: the tag does not come back."""
    from pictopy_desktop.cli import main
    from pictopy_desktop.library.service import Library
    from pictopy_desktop.storage.tables import Image, ImageState, ObjectTag

    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(MODELS_DIR))
    folder = tmp_path / "photos"
    folder.mkdir()
    photo = folder / "dog.jpg"
    shutil.copy2(PHOTOS_DIR / "darknet" / "dog.jpg", photo)
    with Library(data_dir) as lib:
        lib.index([folder])
        found = {t.label for t in ObjectTag.select()}
    assert {"dog", "bicycle"} <= found
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "tags", "remove", str(photo), "bicycle"]) == 0
    assert 'Removed the tag "bicycle" from dog.jpg.' in capsys.readouterr().out
    assert (
        main(["--data-dir", str(data_dir), "tags", "remove", str(folder / "nope.jpg"), "dog"]) == 1
    )
    assert "is not a photo in the library" in capsys.readouterr().err
    with Library(data_dir) as lib:
        # What a model change does: the photo's objects are analysed again.
        ObjectTag.delete().execute()
        Image.update(analyzed_with=None, state=ImageState.WAITING).execute()
        lib.analyze_waiting()
        again = {t.label for t in ObjectTag.select()}
    assert "dog" in again and "bicycle" not in again
    assert main(["--data-dir", str(data_dir), "tags", "--json"]) == 0
    assert "bicycle" not in {t["label"] for t in json.loads(capsys.readouterr().out)}
