"""A corrupt, wrong or missing model: that stage is off with a visible warning; the rest works."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pictopy_desktop.library.service import Library
from pictopy_desktop.storage.tables import Face, Image, ImageState, ObjectTag


@pytest.fixture
def models_copy(tmp_path: Path, shared_models_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "models"
    shutil.copytree(shared_models_dir, d)
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(d))
    return d


@pytest.mark.allow_log(r"^Object tagging is off", logger="pictopy_desktop.ml.analyzer")
@pytest.mark.parametrize("damage", ["corrupt", "wrong", "missing"])
@pytest.mark.slow
def test_broken_object_model_switches_off_tagging_only(
    tmp_path: Path, models_copy: Path, photo_copy, damage: str
) -> None:
    target = models_copy / "yolov8n_int8.onnx"
    if damage == "corrupt":
        target.write_bytes(target.read_bytes()[:5000])
    elif damage == "wrong":
        shutil.copy(models_copy / "MobileFaceNet.onnx", target)
    else:
        target.unlink()
    folder = photo_copy("openface/adams.jpg", "darknet/dog.jpg")
    with Library(tmp_path / "data") as lib:
        report = lib.index([folder])
        assert report.indexed == 2 and report.failed == []
        warning = " ".join(report.messages)
        assert "Object tagging is off" in warning or "yolov8n" in warning, report.messages
        assert ObjectTag.select().count() == 0
        assert Face.select().count() >= 1  # faces still found
        assert all(img.state == ImageState.WAITING for img in Image.select())  # tags still to come
        assert all(img.thumbnail for img in Image.select())  # browsing works


@pytest.mark.allow_log(r"^Face detection is off", logger="pictopy_desktop.ml.analyzer")
@pytest.mark.slow
def test_broken_face_model_switches_off_faces_only(
    tmp_path: Path, models_copy: Path, photo_copy
) -> None:
    (models_copy / "face_detection_yunet_2023mar.onnx").write_bytes(b"garbage")
    folder = photo_copy("darknet/dog.jpg")
    with Library(tmp_path / "data") as lib:
        report = lib.index([folder])
        assert report.indexed == 1
        assert any("face" in m.lower() for m in report.messages), report.messages
        assert ObjectTag.select().where(ObjectTag.label == "dog").exists()
        assert Face.select().count() == 0
