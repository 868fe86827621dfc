"""Provider choice and session creation, with pretend providers (no GPU needed)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import onnxruntime as ort
import pytest

from pictopy_desktop.ml import ort_session
from pictopy_desktop.ml.errors import ModelError, ModelMissingError


@pytest.mark.parametrize(
    ("available", "expected"),
    [
        (["CPUExecutionProvider"], ["CPUExecutionProvider"]),
        (
            [
                "CPUExecutionProvider",
                "CoreMLExecutionProvider",
                "CUDAExecutionProvider",
                "TensorrtExecutionProvider",
            ],
            ["CUDAExecutionProvider", "CoreMLExecutionProvider", "CPUExecutionProvider"],
        ),
        (
            ["DmlExecutionProvider", "CPUExecutionProvider"],
            ["DmlExecutionProvider", "CPUExecutionProvider"],
        ),
        (["CUDAExecutionProvider"], ["CUDAExecutionProvider", "CPUExecutionProvider"]),
    ],
)
def test_choose_providers_from_what_exists(
    monkeypatch: pytest.MonkeyPatch, available: list[str], expected: list[str]
) -> None:
    monkeypatch.setattr(ort, "get_available_providers", lambda: available)
    assert ort_session.choose_providers() == expected


class _FakeInferenceSession:
    calls: list[dict[str, Any]] = []

    def __init__(self, path: str, sess_options: Any = None, providers: Any = None) -> None:
        self.calls.append({"path": path, "options": sess_options, "providers": providers})

    def get_providers(self) -> list[str]:
        return self.calls[-1]["providers"]


def test_create_session_sets_threads_and_providers(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    model = tmp_path / "m.onnx"
    model.write_bytes(b"x")
    monkeypatch.setattr(
        ort, "get_available_providers", lambda: ["CPUExecutionProvider", "DmlExecutionProvider"]
    )
    monkeypatch.setattr(ort, "InferenceSession", _FakeInferenceSession)
    _FakeInferenceSession.calls.clear()
    ort_session.create_session(model, intra_op_threads=3)
    call = _FakeInferenceSession.calls[-1]
    assert call["providers"] == ["DmlExecutionProvider", "CPUExecutionProvider"]
    opts = call["options"]
    assert opts.intra_op_num_threads == 3 and opts.inter_op_num_threads == 1
    assert opts.enable_mem_pattern is False  # DirectML needs it off

    monkeypatch.setenv("PICTOPY_ML_THREADS", "2")
    ort_session.create_session(model)
    assert _FakeInferenceSession.calls[-1]["options"].intra_op_num_threads == 2
    monkeypatch.delenv("PICTOPY_ML_THREADS")
    import os

    ort_session.create_session(model)
    assert _FakeInferenceSession.calls[-1]["options"].intra_op_num_threads == (os.cpu_count() or 1)


def test_create_session_errors_are_readable(tmp_path: Path) -> None:
    with pytest.raises(ModelMissingError, match="missing"):
        ort_session.create_session(tmp_path / "nope.onnx")
    junk = tmp_path / "junk.onnx"
    junk.write_bytes(b"not a model")
    with pytest.raises(ModelError, match="could not be loaded"):
        ort_session.create_session(junk)


def test_session_info_reads_names_shapes_and_metadata_from_fakes() -> None:
    fake = SimpleNamespace(
        get_inputs=lambda: [SimpleNamespace(name="in", shape=["batch", 3, 112, -1])],
        get_outputs=lambda: [SimpleNamespace(name="out", shape=[None, 128])],
        run=lambda names, feed: [],
        get_modelmeta=lambda: SimpleNamespace(custom_metadata_map={"names": "{0: 'face'}"}),
    )
    info = ort_session.session_info(fake)
    assert info.inputs[0].shape == ("batch", 3, 112, None)
    assert info.outputs[0].name == "out" and info.outputs[0].shape == (None, 128)
    assert info.metadata == {"names": "{0: 'face'}"}
    assert "in[" in info.describe()
    # a fake without metadata is fine
    del fake.get_modelmeta
    assert ort_session.session_info(fake).metadata == {}


def test_cuda_libraries_from_pip_wheels_are_loaded_once_before_a_cuda_session(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`pictopy-desktop[cuda]` brings CUDA as nvidia-* wheels the loader does not search."""
    model = tmp_path / "m.onnx"
    model.write_bytes(b"x")
    preloads: list[bool] = []
    monkeypatch.setattr(
        ort, "get_available_providers", lambda: ["CUDAExecutionProvider", "CPUExecutionProvider"]
    )
    monkeypatch.setattr(ort, "InferenceSession", _FakeInferenceSession)
    monkeypatch.setattr(ort, "preload_dlls", lambda *a, **k: preloads.append(True), raising=False)
    monkeypatch.setattr(ort_session, "_cuda_libraries_loaded", False)
    _FakeInferenceSession.calls.clear()
    ort_session.create_session(model)
    ort_session.create_session(model)
    assert preloads == [True]
    assert _FakeInferenceSession.calls[-1]["providers"] == [
        "CUDAExecutionProvider",
        "CPUExecutionProvider",
    ]


def test_a_failed_cuda_preload_leaves_the_session_to_onnxruntime(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    model = tmp_path / "m.onnx"
    model.write_bytes(b"x")

    def broken_preload(*a: Any, **k: Any) -> None:
        raise OSError("libcudnn.so.9: cannot open shared object file")

    monkeypatch.setattr(ort, "InferenceSession", _FakeInferenceSession)
    monkeypatch.setattr(ort, "preload_dlls", broken_preload, raising=False)
    monkeypatch.setattr(ort_session, "_cuda_libraries_loaded", False)
    session = ort_session.create_session(
        model, providers=["CUDAExecutionProvider", "CPUExecutionProvider"]
    )
    assert session.get_providers() == ["CUDAExecutionProvider", "CPUExecutionProvider"]


def test_no_cuda_preload_for_a_cpu_session(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    model = tmp_path / "m.onnx"
    model.write_bytes(b"x")
    preloads: list[bool] = []
    monkeypatch.setattr(ort, "InferenceSession", _FakeInferenceSession)
    monkeypatch.setattr(ort, "preload_dlls", lambda *a, **k: preloads.append(True), raising=False)
    monkeypatch.setattr(ort_session, "_cuda_libraries_loaded", False)
    ort_session.create_session(model, providers=list(ort_session.CPU_ONLY))
    assert preloads == []
