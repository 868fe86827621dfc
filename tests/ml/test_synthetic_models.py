"""FaceNet-160 and YOLOv8-face paths with small ONNX graphs built here (the real files aren't offline)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

from pictopy_desktop.ml import transforms  # noqa: E402
from pictopy_desktop.ml.analyzer import ImageAnalyzer  # noqa: E402
from pictopy_desktop.ml.errors import ModelMismatchError  # noqa: E402
from pictopy_desktop.ml.face_detector import YoloFaceDetector  # noqa: E402
from pictopy_desktop.ml.face_embedder import face_crop, facenet160_embedder  # noqa: E402
from pictopy_desktop.ml.model_registry import build_model  # noqa: E402
from pictopy_desktop.ml.object_detector import YoloObjectDetector  # noqa: E402
from pictopy_desktop.ml.ort_session import create_session  # noqa: E402
from pictopy_desktop.ml.types import FaceDetection  # noqa: E402


def _save(graph: Any, path: Path) -> Path:
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return path


def embedder_model(
    path: Path, *, batch: int | str, nhwc: bool = False, dim: int = 128, size: int = 160
) -> Path:
    """[batch,3,S,S] (or NHWC) -> per-channel mean -> fixed linear map -> [batch, dim]."""
    shape = [batch, size, size, 3] if nhwc else [batch, 3, size, size]
    x = helper.make_tensor_value_info("pixels", TensorProto.FLOAT, shape)
    y = helper.make_tensor_value_info("vec", TensorProto.FLOAT, [batch, dim])
    w = numpy_helper.from_array(
        np.random.default_rng(0).normal(size=(3, dim)).astype(np.float32), "w"
    )
    nodes = []
    src = "pixels"
    if nhwc:
        nodes.append(helper.make_node("Transpose", ["pixels"], ["nchw"], perm=[0, 3, 1, 2]))
        src = "nchw"
    nodes += [
        helper.make_node("GlobalAveragePool", [src], ["pooled"]),
        helper.make_node("Flatten", ["pooled"], ["flat"], axis=1),
        helper.make_node("MatMul", ["flat", "w"], ["vec"]),
    ]
    return _save(helper.make_graph(nodes, "embedder", [x], [y], [w]), path)


def constant_head_model(
    path: Path, head: np.ndarray, *, input_size: int = 640, metadata: dict[str, str] | None = None
) -> Path:
    """An image model whose output is ``head`` whatever the input (0 * sum(input) + head)."""
    x = helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, input_size, input_size])
    y = helper.make_tensor_value_info("output0", TensorProto.FLOAT, list(head.shape))
    const = numpy_helper.from_array(head.astype(np.float32), "head")
    zero = numpy_helper.from_array(np.array(0.0, np.float32), "zero")
    nodes = [
        helper.make_node("ReduceSum", ["images"], ["s"], keepdims=0),
        helper.make_node("Mul", ["s", "zero"], ["z"]),
        helper.make_node("Add", ["z", "head"], ["output0"]),
    ]
    path = _save(helper.make_graph(nodes, "head", [x], [y], [const, zero]), path)
    if metadata:
        model = onnx.load(str(path))
        for k, v in metadata.items():
            model.metadata_props.append(onnx.StringStringEntryProto(key=k, value=v))
        onnx.save(model, str(path))
    return path


class CountingSession:
    """Wraps a session to count run() calls and keep the last feed."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.calls, self.feeds = inner, 0, []

    def get_inputs(self) -> Any:
        return self.inner.get_inputs()

    def get_outputs(self) -> Any:
        return self.inner.get_outputs()

    def run(self, names: Any, feed: dict[str, np.ndarray]) -> Any:
        self.calls += 1
        self.feeds.append(feed)
        return self.inner.run(names, feed)


def _faces(n: int) -> list[FaceDetection]:
    lm = transforms.ARCFACE_TEMPLATE_112 * 1.5 + np.float32(20)
    return [FaceDetection((10.0 + i, 10.0, 200.0, 220.0), 0.9, lm + i) for i in range(n)] + [
        FaceDetection((5.0, 5.0, 60.0, 70.0), 0.8, None)  # no landmarks: margin crop
    ]


@pytest.fixture
def photo() -> np.ndarray:
    rng = np.random.default_rng(1)
    return rng.integers(0, 255, (300, 260, 3), dtype=np.uint8)


def test_facenet160_dynamic_batch_embeds_all_faces_in_one_call(
    tmp_path: Path, photo: np.ndarray
) -> None:
    session = CountingSession(create_session(embedder_model(tmp_path / "fn.onnx", batch="n")))
    emb = facenet160_embedder(session)
    assert emb.batch_size is None and emb.nchw and emb.crop_size == 160
    out = emb.embed(photo, _faces(3))
    assert session.calls == 1
    assert out.shape == (4, 128) and out.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, rtol=1e-5)
    feed = session.feeds[0]["pixels"]
    assert feed.shape == (
        8,
        3,
        160,
        160,
    )  # each crop and its mirror image (flip test-time augmentation)
    assert (
        feed.min() >= -127.5 / 128 - 1e-6 and feed.max() <= 127.5 / 128 + 1e-6
    )  # FaceNet prewhitening


def test_fixed_batch_loops_and_matches_the_batched_result(
    tmp_path: Path, photo: np.ndarray
) -> None:
    dynamic = facenet160_embedder(create_session(embedder_model(tmp_path / "d.onnx", batch="n")))
    fixed_session = CountingSession(create_session(embedder_model(tmp_path / "f.onnx", batch=1)))
    fixed = facenet160_embedder(fixed_session)
    assert fixed.batch_size == 1
    faces = _faces(2)
    np.testing.assert_allclose(fixed.embed(photo, faces), dynamic.embed(photo, faces), atol=1e-5)
    assert fixed_session.calls == 2 * len(faces)  # each crop and its mirror image
    assert fixed.embed(photo, []).shape == (0, 128)


def test_nhwc_input_layout_is_detected(tmp_path: Path, photo: np.ndarray) -> None:
    nchw = facenet160_embedder(create_session(embedder_model(tmp_path / "a.onnx", batch="n")))
    nhwc = facenet160_embedder(
        create_session(embedder_model(tmp_path / "b.onnx", batch="n", nhwc=True))
    )
    assert not nhwc.nchw
    np.testing.assert_allclose(
        nhwc.embed(photo, _faces(1)), nchw.embed(photo, _faces(1)), atol=1e-5
    )


def test_flip_tta_embeds_the_mean_of_the_crop_and_its_mirror(
    tmp_path: Path, photo: np.ndarray
) -> None:
    session = create_session(embedder_model(tmp_path / "m.onnx", batch="n"))
    with_flip, plain = facenet160_embedder(session), facenet160_embedder(session)
    plain.flip_tta = False
    faces = _faces(1)
    crops = np.stack([face_crop(photo, f, 160) for f in faces])
    expected = transforms.l2_normalize(
        plain.embed_crops(crops) + plain.embed_crops(crops[:, :, ::-1].copy())
    )
    np.testing.assert_allclose(with_flip.embed(photo, faces), expected, atol=1e-5)
    np.testing.assert_allclose(plain.embed(photo, faces), plain.embed_crops(crops), atol=1e-6)


def test_embedder_of_the_wrong_size_is_refused(tmp_path: Path) -> None:
    with pytest.raises(
        ModelMismatchError, match=r"expected input 160x160, found inputs: pixels\[1, 3, 112, 112\]"
    ):
        facenet160_embedder(create_session(embedder_model(tmp_path / "s.onnx", batch=1, size=112)))


def _yolo_face_head(with_kps: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Two overlapping face candidates, one distinct face and one low score, in 640-input pixels."""
    n = 6
    head = np.zeros((1, 20 if with_kps else 5, n), np.float32)
    # (cx, cy, w, h, score)
    head[0, :5, 0] = [200, 320, 100, 120, 0.9]
    head[0, :5, 1] = [205, 322, 100, 120, 0.8]  # duplicate of 0, removed by NMS
    head[0, :5, 2] = [450, 300, 60, 80, 0.7]
    head[0, :5, 3] = [100, 100, 50, 50, 0.1]  # below threshold
    kps = np.array([[180, 300], [220, 300], [200, 320], [185, 345], [215, 345]], np.float32)
    if with_kps:
        head[0, 5:20, 0] = np.concatenate([kps, np.ones((5, 1))], axis=1).reshape(-1)
    return head, head[0, :4, 0], kps


@pytest.mark.parametrize("with_kps", [False, True])
def test_yolo_face_decodes_boxes_and_keypoints_back_to_photo_pixels(
    tmp_path: Path, with_kps: bool
) -> None:
    head, xywh, kps = _yolo_face_head(with_kps)
    detector = YoloFaceDetector(
        create_session(constant_head_model(tmp_path / "yf.onnx", head)), confidence=0.45, iou=0.45
    )
    assert detector.has_landmarks is with_kps
    photo = np.zeros((480, 1280, 3), np.uint8)  # letterbox: scale 0.5, pad_y 200
    faces = detector.detect(photo)
    assert [round(f.score, 2) for f in faces] == [0.9, 0.7]
    cx, cy, w, h = xywh
    expected = np.array([cx - w / 2, cy - h / 2 - 200, cx + w / 2, cy + h / 2 - 200]) / 0.5
    np.testing.assert_allclose(faces[0].box, expected, atol=1e-3)
    if with_kps:
        np.testing.assert_allclose(faces[0].landmarks, (kps - [0, 200]) / 0.5, atol=1e-3)
        assert faces[0].landmarks.shape == (5, 2) and faces[0].landmarks.dtype == np.float32
    else:
        assert faces[0].landmarks is None


def test_yolo_face_refuses_a_coco_head(tmp_path: Path) -> None:
    coco = constant_head_model(tmp_path / "coco.onnx", np.zeros((1, 84, 100), np.float32))
    with pytest.raises(
        ModelMismatchError, match=r"expected one output \[1, 5, N\].*found .*output0\[1, 84, 100\]"
    ):
        YoloFaceDetector(create_session(coco))


def test_yolo_object_detector_refuses_a_face_head(tmp_path: Path) -> None:
    face = constant_head_model(tmp_path / "face.onnx", np.zeros((1, 5, 10), np.float32))
    with pytest.raises(ModelMismatchError, match="not a YOLO object detector"):
        YoloObjectDetector(create_session(face))
    twenty = constant_head_model(
        tmp_path / "f20.onnx", np.zeros((1, 20, 10), np.float32), metadata={"names": "{0: 'face'}"}
    )
    with pytest.raises(
        ModelMismatchError, match=r"expected one output \[1, 5, N\] for its 1 class names"
    ):
        YoloObjectDetector(create_session(twenty))


@pytest.mark.allow_log(
    r" is off \(.*\): .* differs from the published file", logger="pictopy_desktop.ml.analyzer"
)
@pytest.mark.slow
def test_reference_set_runs_end_to_end_with_stand_in_files(
    tmp_path: Path, shared_models_dir: Path
) -> None:
    """The reference set (YOLO object + YOLO-face + FaceNet-160) is selectable and uses its own thresholds."""
    import shutil

    head, _, _ = _yolo_face_head(True)
    constant_head_model(tmp_path / "YOLOv11_Nano_Face.onnx", head)
    embedder_model(tmp_path / "FaceNet_128D.onnx", batch="n")
    shutil.copy(shared_models_dir / "yolov8n_int8.onnx", tmp_path / "YOLOv11_Nano.onnx")
    analyzer = ImageAnalyzer.from_models_dir(tmp_path, "reference")
    # stand-ins don't match the published checksums, so they're refused ...
    assert not analyzer.has_faces and any(
        "differs from the published file" in p for p in analyzer.problems
    )
    # ... unless chosen explicitly as the user's own files
    chosen = {
        "object_detector": "YOLOv11_Nano.onnx",
        "face_detector": "YOLOv11_Nano_Face.onnx",
        "face_embedder": "FaceNet_128D.onnx",
    }
    analyzer = ImageAnalyzer.from_models_dir(tmp_path, "reference", model_files=chosen)
    assert analyzer.problems == [] and analyzer.has_faces and analyzer.has_objects
    assert analyzer.signature == "objects=yolov11n;faces=yolov11n_face;embeddings=facenet128"
    assert analyzer.cluster_distance == pytest.approx(0.3)
    result = analyzer.analyze(np.zeros((480, 1280, 3), np.uint8))
    assert len(result.faces) == 2 and result.faces[0].embedding.shape == (128,)
    assert (
        build_model(
            "yolov8_face", tmp_path / "YOLOv11_Nano_Face.onnx", {"confidence": 0.8}
        ).confidence
        == 0.8
    )
