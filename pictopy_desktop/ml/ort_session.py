"""The one place that creates ONNX Runtime sessions (providers, threads, model info)."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeGuard

from pictopy_desktop.ml.errors import ModelError, ModelMissingError

log = logging.getLogger(__name__)

# Fastest first; CPU always comes last so every session has a fallback.
PROVIDER_PREFERENCE: tuple[str, ...] = (
    "CUDAExecutionProvider",
    "DmlExecutionProvider",
    "CoreMLExecutionProvider",
    "CPUExecutionProvider",
)

CPU_ONLY: tuple[str, ...] = ("CPUExecutionProvider",)

Dim = int | str | None

_cuda_libraries_loaded = False


class ModelSession(Protocol):
    """What the model classes need from a session; tests hand in fakes."""

    def get_inputs(self) -> Sequence[Any]: ...

    def get_outputs(self) -> Sequence[Any]: ...

    def run(self, output_names: Sequence[str] | None, input_feed: dict[str, Any]) -> list[Any]: ...


@dataclass(frozen=True)
class TensorInfo:
    name: str
    shape: tuple[Dim, ...]

    def dim(self, axis: int) -> Dim:
        return self.shape[axis] if -len(self.shape) <= axis < len(self.shape) else None

    @staticmethod
    def is_fixed(d: Dim) -> TypeGuard[int]:
        return isinstance(d, int) and d > 0


@dataclass(frozen=True)
class SessionInfo:
    inputs: tuple[TensorInfo, ...]
    outputs: tuple[TensorInfo, ...]
    metadata: dict[str, str] = field(default_factory=dict)

    def describe(self) -> str:
        """Short human-readable I/O summary for error messages."""

        def fmt(ts: tuple[TensorInfo, ...]) -> str:
            return ", ".join(f"{t.name}{list(t.shape)}" for t in ts) or "none"

        return f"inputs: {fmt(self.inputs)}; outputs: {fmt(self.outputs)}"


def _norm_dim(d: Any) -> Dim:
    # ORT reports symbolic dims as str and unknown ones as None or -1
    if isinstance(d, int):
        return d if d > 0 else None
    return d if isinstance(d, str) else None


def session_info(session: ModelSession) -> SessionInfo:
    """Input/output names and shapes plus custom metadata, read from the session."""
    inputs = tuple(
        TensorInfo(i.name, tuple(_norm_dim(d) for d in (i.shape or ())))
        for i in session.get_inputs()
    )
    outputs = tuple(
        TensorInfo(o.name, tuple(_norm_dim(d) for d in (o.shape or ())))
        for o in session.get_outputs()
    )
    metadata: dict[str, str] = {}
    get_meta = getattr(session, "get_modelmeta", None)
    if get_meta is not None:
        try:
            metadata = dict(get_meta().custom_metadata_map or {})
        except Exception:  # a fake or an odd model without metadata is fine
            metadata = {}
    return SessionInfo(inputs, outputs, metadata)


def choose_providers(available: Iterable[str] | None = None) -> list[str]:
    """Providers to use, best first, from those this onnxruntime build offers."""
    if available is None:
        import onnxruntime as ort

        available = ort.get_available_providers()
    have = set(available)
    chosen = [p for p in PROVIDER_PREFERENCE if p in have]
    if "CPUExecutionProvider" not in chosen:
        chosen.append("CPUExecutionProvider")
    return chosen


def default_threads() -> int:
    """Intra-op threads: ``PICTOPY_ML_THREADS`` if set, else all cores."""
    env = os.environ.get("PICTOPY_ML_THREADS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    return os.cpu_count() or 1


def create_session(
    path: str | os.PathLike[str],
    *,
    intra_op_threads: int | None = None,
    providers: Sequence[str] | None = None,
) -> ModelSession:
    """Load an ONNX model once; raise ModelMissingError / ModelError with a readable message."""
    import onnxruntime as ort

    path = Path(path)
    if not path.is_file():
        raise ModelMissingError(f"Model file {path} is missing.")
    options = ort.SessionOptions()
    # Set on purpose: ORT's default may oversubscribe when several models run side by side.
    options.intra_op_num_threads = intra_op_threads or default_threads()
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    chosen = list(providers) if providers is not None else choose_providers()
    if "CUDAExecutionProvider" in chosen:
        _load_cuda_libraries(ort)
    if "DmlExecutionProvider" in chosen:
        # DirectML does not support memory patterns or parallel execution.
        options.enable_mem_pattern = False
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    try:
        session = ort.InferenceSession(str(path), sess_options=options, providers=chosen)
    except Exception as exc:
        raise ModelError(
            f"Model file {path.name} could not be loaded by ONNX Runtime (corrupt or not an ONNX model): {exc}"
        ) from exc
    log.debug("Loaded %s with providers %s", path.name, session.get_providers())
    return session


def _load_cuda_libraries(ort: Any) -> None:
    """Load CUDA and cuDNN from the ``nvidia-*`` pip packages when they are there (once).

    ``pip install 'pictopy-desktop[cuda]'`` brings them as wheels, which the dynamic loader does
    not search; without this the CUDA provider is skipped and the models run on the CPU. A
    system-wide CUDA keeps working: onnxruntime falls back to the default library paths.
    """
    global _cuda_libraries_loaded
    if _cuda_libraries_loaded or not hasattr(ort, "preload_dlls"):
        return
    _cuda_libraries_loaded = True
    try:
        ort.preload_dlls()
    except Exception as exc:  # a missing library only means the CPU runs the models
        log.info("CUDA libraries could not be preloaded (%s); onnxruntime looks on its own", exc)
