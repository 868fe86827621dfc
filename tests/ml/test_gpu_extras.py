"""GPU inference is an install option: `pictopy-desktop[cuda]` and `[directml]` name the ONNX
Runtime builds that replace the CPU one, and diagnostics recognise each of them."""

from __future__ import annotations

import re
import tomllib

from pictopy_desktop.diagnostics import ORT_DISTRIBUTIONS
from pictopy_desktop.ml.ort_session import PROVIDER_PREFERENCE
from tests.conftest import REPO_ROOT


def _names(requirements: list[str]) -> list[str]:
    return [re.split(r"[<>=\[ ;]", r, maxsplit=1)[0] for r in requirements]


def test_gpu_extras_name_the_gpu_builds_of_onnx_runtime() -> None:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    assert _names(extras["cuda"]) == ["onnxruntime-gpu"]
    assert _names(extras["directml"]) == ["onnxruntime-directml"]
    assert "onnxruntime" in _names(project["dependencies"])  # the CPU build by default
    assert set(ORT_DISTRIBUTIONS) == {"onnxruntime", "onnxruntime-gpu", "onnxruntime-directml"}


def test_a_gpu_provider_is_preferred_and_the_cpu_stays_as_fallback() -> None:
    assert PROVIDER_PREFERENCE.index("CUDAExecutionProvider") < PROVIDER_PREFERENCE.index(
        "CPUExecutionProvider"
    )
    assert PROVIDER_PREFERENCE.index("DmlExecutionProvider") < PROVIDER_PREFERENCE.index(
        "CPUExecutionProvider"
    )
