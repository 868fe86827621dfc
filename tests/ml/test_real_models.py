"""The default models on the real photos in ../shared (loaded once per module)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageOps

from pictopy_desktop.ml.analyzer import ImageAnalyzer
from pictopy_desktop.ml.errors import ModelMismatchError
from pictopy_desktop.ml.face_embedder import arcface112_embedder
from pictopy_desktop.ml.model_registry import build_model
from pictopy_desktop.ml.ort_session import create_session
from pictopy_desktop.ml.types import ImageAnalysis

IDENTITY_SETS = ("face_recognition", "openface")


def load_rgb(path: Path) -> np.ndarray:
    with Image.open(path) as im:
        return np.asarray(ImageOps.exif_transpose(im).convert("RGB"))


@pytest.fixture(scope="module")
def analyzer(shared_models_dir: Path) -> ImageAnalyzer:
    a = ImageAnalyzer.from_models_dir(shared_models_dir)
    a.load()
    assert a.problems == []
    return a


@pytest.fixture(scope="module")
def analyses(analyzer: ImageAnalyzer, shared_photos_dir: Path) -> dict[str, ImageAnalysis]:
    """Every labelled portrait and multi-face photo analysed once (relative path -> result)."""
    out: dict[str, ImageAnalysis] = {}
    for folder in IDENTITY_SETS:
        identities = json.loads((shared_photos_dir / folder / "identities.json").read_text())
        for key, files in identities.items():
            if key.startswith("_") and key != "_multi_face":
                continue
            for f in files:
                out[f"{folder}/{f}"] = analyzer.analyze(load_rgb(shared_photos_dir / folder / f))
    return out


def labelled_portraits(photos: Path) -> list[tuple[str, str]]:
    """(person, relative path) of single-person portraits; no multi-face photos, no half faces."""
    rows = []
    for folder in IDENTITY_SETS:
        identities = json.loads((photos / folder / "identities.json").read_text())
        for person, files in identities.items():
            if person.startswith("_"):
                continue
            rows += [(person, f"{folder}/{f}") for f in files if "partial" not in f]
    return rows


# ---------------------------------------------------------------- objects


@pytest.mark.parametrize(
    ("photo", "expected"),
    [
        ("darknet/dog.jpg", {"dog", "bicycle"}),
        ("darknet/person.jpg", {"person", "horse", "dog"}),
        ("darknet/scream.jpg", set()),
        ("skimage/chelsea.png", {"cat"}),
    ],
)
@pytest.mark.slow
def test_object_tags(
    analyzer: ImageAnalyzer, shared_photos_dir: Path, photo: str, expected: set[str]
) -> None:
    rgb = load_rgb(shared_photos_dir / photo)
    tags = analyzer.analyze(rgb).tags
    labels = {t.label for t in tags}
    assert expected <= labels
    if not expected:
        assert labels == set()
    h, w = rgb.shape[:2]
    for t in tags:
        x1, y1, x2, y2 = t.box
        assert 0 <= x1 < x2 <= w and 0 <= y1 < y2 <= h


@pytest.mark.slow
def test_boxes_follow_the_array_given(analyzer: ImageAnalyzer, shared_photos_dir: Path) -> None:
    """A downscaled copy gives the same boxes, scaled: boxes are in the given array's pixels."""
    rgb = load_rgb(shared_photos_dir / "darknet/dog.jpg")
    small = np.ascontiguousarray(rgb[::2, ::2])
    big = {t.label: np.array(t.box) for t in analyzer.analyze(rgb).tags}
    half = {t.label: np.array(t.box) for t in analyzer.analyze(small).tags}
    np.testing.assert_allclose(half["dog"] * 2, big["dog"], atol=12)


# ---------------------------------------------------------------- faces


@pytest.mark.slow
def test_every_single_person_portrait_has_exactly_one_face(
    analyses: dict[str, ImageAnalysis], shared_photos_dir: Path
) -> None:
    counts = {path: len(analyses[path].faces) for _, path in labelled_portraits(shared_photos_dir)}
    assert len(counts) >= 25
    assert {p: n for p, n in counts.items() if n != 1} == {}


@pytest.mark.slow
def test_multi_face_photos_have_several_faces(
    analyses: dict[str, ImageAnalysis], shared_photos_dir: Path
) -> None:
    for folder in IDENTITY_SETS:
        multi = json.loads((shared_photos_dir / folder / "identities.json").read_text())[
            "_multi_face"
        ]
        for f in multi:
            assert len(analyses[f"{folder}/{f}"].faces) >= 2, f


@pytest.mark.slow
def test_faces_carry_landmarks_inside_their_box_and_unit_embeddings(
    analyses: dict[str, ImageAnalysis],
) -> None:
    for result in analyses.values():
        for face in result.faces:
            x1, y1, x2, y2 = face.box
            lm = face.landmarks
            assert lm is not None and lm.shape == (5, 2) and lm.dtype == np.float32
            assert (lm[:, 0] > x1 - 5).all() and (lm[:, 0] < x2 + 5).all()
            assert lm[0, 0] < lm[1, 0]  # the person's right eye is on the image's left
            assert face.embedding.dtype == np.float32 and face.embedding.shape == (128,)
            assert np.linalg.norm(face.embedding) == pytest.approx(1.0, abs=1e-4)


@pytest.mark.slow
def test_same_person_is_closer_than_anyone_else(
    analyses: dict[str, ImageAnalysis], analyzer: ImageAnalyzer, shared_photos_dir: Path
) -> None:
    portraits = labelled_portraits(shared_photos_dir)
    emb = {path: analyses[path].faces[0].embedding for _, path in portraits}
    person_of = dict((path, person) for person, path in portraits)
    same: list[float] = []
    diff: list[float] = []
    for a, b in itertools.combinations(emb, 2):
        (same if person_of[a] == person_of[b] else diff).append(1.0 - float(emb[a] @ emb[b]))
    # per person: the farthest own photo is nearer than the nearest photo of anybody else
    for person in {p for p, _ in portraits}:
        own = [path for p, path in portraits if p == person]
        if len(own) < 2:
            continue
        worst_same = max(1 - float(emb[a] @ emb[b]) for a, b in itertools.combinations(own, 2))
        best_other = min(
            1 - float(emb[a] @ emb[o]) for a in own for o in emb if person_of[o] != person
        )
        assert worst_same < best_other, person
    # and the manifest's cluster distance separates every labelled pair, with room on both sides
    assert max(same) < analyzer.cluster_distance < min(diff)
    assert (
        analyzer.cluster_distance - max(same) > 0.03 and min(diff) - analyzer.cluster_distance > 0.1
    )


def test_fixed_and_dynamic_batch_embedders_agree(
    shared_models_dir: Path, shared_photos_dir: Path, analyzer: ImageAnalyzer
) -> None:
    rgb = load_rgb(shared_photos_dir / "face_recognition/examples/two_people.jpg")
    faces = analyzer._model("face_detector").detect(rgb)
    assert len(faces) >= 2
    fixed = arcface112_embedder(create_session(shared_models_dir / "MobileFaceNet.onnx"))
    dynamic = arcface112_embedder(
        create_session(shared_models_dir / "MobileFaceNet_dynamic_batch.onnx")
    )
    assert fixed.batch_size == 1 and dynamic.batch_size is None
    calls = []
    real_run = dynamic.session.run

    class Spy:
        def __getattr__(self, name: str) -> object:
            return getattr(dynamic.session, name)

        def run(self, names: object, feed: dict[str, np.ndarray]) -> object:
            calls.append(next(iter(feed.values())).shape[0])
            return real_run(names, feed)

    dynamic.session = Spy()
    np.testing.assert_allclose(dynamic.embed(rgb, faces), fixed.embed(rgb, faces), atol=1e-5)
    assert calls == [
        2 * len(faces)
    ]  # one batched call for all faces of the photo and their mirror images


def test_face_detector_caps_the_input_size_without_losing_faces(
    shared_models_dir: Path, shared_photos_dir: Path
) -> None:
    rgb = load_rgb(shared_photos_dir / "face_recognition/examples/obama-1080p.jpg")
    full = build_model(
        "yunet", shared_models_dir / "face_detection_yunet_2023mar.onnx", {"max_side": 4000}
    ).detect(rgb)
    capped = build_model(
        "yunet", shared_models_dir / "face_detection_yunet_2023mar.onnx", {"max_side": 640}
    ).detect(rgb)
    assert len(full) == len(capped) == 1
    np.testing.assert_allclose(
        capped[0].box, full[0].box, atol=0.03 * rgb.shape[1]
    )  # mapped back to full-size pixels


# ---------------------------------------------------------------- refusing wrong models


@pytest.mark.slow
def test_wrong_models_are_refused_with_a_clear_message(shared_models_dir: Path) -> None:
    yolo = shared_models_dir / "yolov8n_int8.onnx"
    with pytest.raises(
        ModelMismatchError, match=r"expected input 112x112, found inputs: images\[1, 3, 640, 640\]"
    ):
        build_model("arcface112", yolo, {})
    with pytest.raises(ModelMismatchError, match="not a YOLO face detector"):
        build_model("yolov8_face", yolo, {})
    with pytest.raises(ModelMismatchError, match="not a YuNet face detector"):
        build_model("yunet", yolo, {})
    with pytest.raises(ModelMismatchError, match="not a YOLO object detector"):
        build_model("yolov8", shared_models_dir / "MobileFaceNet.onnx", {})


@pytest.mark.allow_log(r"^Face recognition is off", logger="pictopy_desktop.ml.analyzer")
@pytest.mark.slow
def test_analyzer_switches_off_what_cannot_load(shared_models_dir: Path, tmp_path: Path) -> None:
    a = ImageAnalyzer.from_models_dir(
        shared_models_dir, model_files={"face_embedder": "yolov8n_int8.onnx"}
    )
    assert a.has_objects and not a.has_faces
    assert a.signature == "objects=yolov8n_int8;faces=none;embeddings=none"
    assert (
        len(a.problems) == 1
        and "Face recognition is off" in a.problems[0]
        and "112x112" in a.problems[0]
    )
    assert a.analyze(np.zeros((64, 64, 3), np.uint8)).faces == []

    empty = ImageAnalyzer.from_models_dir(tmp_path)
    assert not empty.has_objects and not empty.has_faces
    assert len(empty.problems) == 3 and all("pictopy models download" in p for p in empty.problems)
    assert empty.analyze(np.zeros((8, 8, 3), np.uint8)) == ImageAnalysis()
    assert (
        ImageAnalyzer.from_models_dir(tmp_path, "nope")
        .problems[0]
        .startswith("No models can be used")
    )


@pytest.mark.slow
def test_analyzer_properties_and_odd_inputs(analyzer: ImageAnalyzer) -> None:
    assert analyzer.signature == "objects=yolov8n_int8;faces=yunet_2023mar;embeddings=mobilefacenet"
    assert analyzer.embedding_size == 128
    assert 0.3 < analyzer.cluster_distance < 0.7
    for shape in [(1, 1, 3), (5, 3000, 3), (40, 40), (30, 30, 4)]:
        assert analyzer.analyze(np.zeros(shape, np.uint8)).faces == []
    with pytest.raises(ValueError):
        analyzer.analyze(np.zeros((4, 4, 3), np.float32))


@pytest.mark.slow
def test_threshold_overrides_reach_the_models(
    shared_models_dir: Path, shared_photos_dir: Path
) -> None:
    strict = ImageAnalyzer.from_models_dir(
        shared_models_dir,
        thresholds={
            "object_detector": {"confidence": 0.99},
            "face_embedder": {"cluster_distance": 0.42},
        },
    )
    assert strict.analyze(load_rgb(shared_photos_dir / "darknet/dog.jpg")).tags == []
    assert strict.cluster_distance == 0.42
