"""Named face regions on real faces (../shared/photos): matched to detected faces, kept by clustering."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from pictopy_desktop.library.image_decode import decode_image
from pictopy_desktop.library.service import Library
from pictopy_desktop.people import people_service as ps
from pictopy_desktop.people.recluster import recluster
from pictopy_desktop.storage.tables import Face, FaceSource, Image, Person
from tests.metadata.sidecars import grown, write_mwg_sidecar

PAIR = "face_recognition/examples/knn_examples/test/obama_and_biden.jpg"
OBAMA = "face_recognition/examples/obama.jpg"
BIDEN = "face_recognition/examples/biden.jpg"
EMPTY_CORNER = (0.0, 0.0, 0.08, 0.08)  # a region drawn where the detector finds no face


def _detected_boxes(photo: Path, models: Path) -> list[tuple[tuple[float, ...], np.ndarray]]:
    """(box as fractions, embedding) of each face the real models find in ``photo``."""
    from pictopy_desktop.ml.analyzer import ImageAnalyzer

    analyzer = ImageAnalyzer.from_models_dir(models)
    decoded = decode_image(photo)
    s = decoded.scale
    faces = analyzer.analyze(decoded.rgb).faces
    return [
        (
            (
                f.box[0] * s / decoded.width,
                f.box[1] * s / decoded.height,
                f.box[2] * s / decoded.width,
                f.box[3] * s / decoded.height,
            ),
            np.asarray(f.embedding, dtype=np.float32),
        )
        for f in faces
    ]


def _faces_of(photo: Path, models: Path, *references: Path) -> list[tuple[float, ...]]:
    """Face boxes in ``photo``: the one most like each reference portrait, then the others."""
    faces = _detected_boxes(photo, models)
    chosen = []
    for reference in references:
        (_, ref), *_ = _detected_boxes(reference, models)
        best = max(faces, key=lambda f: float(np.dot(f[1], ref)))
        faces.remove(best)
        chosen.append(best[0])
    return chosen + [f[0] for f in faces]


def _names_of(image: Image) -> dict[str, Face]:
    return {
        f.person.name: f
        for f in Face.select()
        .join(Person)
        .where((Face.image == image.id) & Face.person.is_null(False))
    }


@pytest.mark.slow
def test_regions_name_detected_faces_and_survive_clustering(
    data_dir: Path, shared_models_dir: Path, shared_photos_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(shared_models_dir))
    folder = tmp_path / "photos"
    folder.mkdir()
    pair = Path(shutil.copy2(shared_photos_dir / PAIR, folder / "pair.jpg"))
    shutil.copy2(shared_photos_dir / OBAMA, folder / "obama.jpg")
    boxes = _faces_of(pair, shared_models_dir, shared_photos_dir / OBAMA, shared_photos_dir / BIDEN)
    obama_box, biden_box = boxes[:2]
    with Library() as lib:
        lib.index([folder])  # faces found, nobody named yet
        image = Image.get(Image.path == str(pair))
        assert Face.select().where(Face.image == image.id).count() == len(boxes)
        # digiKam names them later, drawing the regions a little larger than our detector.
        write_mwg_sidecar(
            folder / "pair.jpg.xmp",
            [
                ("Barack Obama", grown(obama_box, 1.3)),
                ("Joe Biden", grown(biden_box, 0.8)),
                ("Someone Else", EMPTY_CORNER),
            ],
        )
        lib.index([folder])  # the photo is unchanged; its new sidecar is read
        named = _names_of(image)
        assert set(named) == {"Barack Obama", "Joe Biden", "Someone Else"}
        for name in ("Barack Obama", "Joe Biden"):
            face = named[name]
            assert face.source == FaceSource.DETECTED and face.embedding is not None
            assert face.confirmed and face.person.user_named
        assert named["Someone Else"].source == FaceSource.METADATA
        assert named["Someone Else"].embedding is None
        assert Face.select().where(Face.image == image.id).count() == len(boxes) + 1
        before = {n: f.id for n, f in named.items()}
        recluster(lib)  # clustering never renames or moves a name from a file
        assert {n: f.id for n, f in _names_of(image).items()} == before


@pytest.mark.slow
def test_region_read_before_analysis_moves_onto_the_detected_face(
    data_dir: Path,
    shared_models_dir: Path,
    shared_photos_dir: Path,
    tmp_path: Path,
    no_models: Path,
    monkeypatch,
) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    pair = Path(shutil.copy2(shared_photos_dir / PAIR, folder / "pair.jpg"))
    boxes = _faces_of(pair, shared_models_dir, shared_photos_dir / OBAMA)
    obama_box = boxes[0]
    write_mwg_sidecar(folder / "pair.xmp", [("Barack Obama", grown(obama_box, 1.25))])
    with Library() as lib:
        lib.index([folder])  # no models: the region is a face of its own
        image = Image.get(Image.path == str(pair))
        (face,) = Face.select().where(Face.image == image.id)
        assert face.source == FaceSource.METADATA and face.person.name == "Barack Obama"
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(shared_models_dir))
    with Library() as lib:
        lib.analyze_waiting()
        faces = list(Face.select().where(Face.image == image.id))
        assert len(faces) == len(boxes)  # the region became the detected face; no duplicate
        obama = [f for f in faces if f.person_id is not None]
        assert len(obama) == 1
        assert obama[0].person.name == "Barack Obama" and obama[0].confirmed
        assert obama[0].source == FaceSource.DETECTED and obama[0].embedding is not None
        assert Person.select().where(Person.name == "Barack Obama").count() == 1
        # The user renames him; the sidecar changes later: the face keeps the user's name
        # and no second face appears for the same region.
        ps.rename_person(obama[0].person_id, "Barack H. Obama")
        sidecar = folder / "pair.xmp"
        st = sidecar.stat()
        os.utime(sidecar, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
        lib.index([folder])
        again = {f.id: f.person_id for f in Face.select().where(Face.image == image.id)}
        assert again == {f.id: f.person_id for f in faces}
        assert Person.get_by_id(obama[0].person_id).name == "Barack H. Obama"
