"""YOLOv8 / YOLO11 object detection (Ultralytics ONNX export, output [1, 4+C, N])."""

from __future__ import annotations

import ast
import logging
import threading

import numpy as np

from pictopy_desktop.ml import transforms
from pictopy_desktop.ml.errors import ModelMismatchError
from pictopy_desktop.ml.ort_session import ModelSession, SessionInfo, TensorInfo, session_info
from pictopy_desktop.ml.types import ObjectTag

log = logging.getLogger(__name__)

DEFAULT_INPUT = 640

# CPython 3.11.7 raises "AST constructor recursion depth mismatch" when two threads parse
# at once (gh-106905), which happens as the decode workers load their own detectors.
_PARSE_LOCK = threading.Lock()


def parse_class_names(metadata: dict[str, str]) -> dict[int, str]:
    """Class names from Ultralytics' ``names`` metadata (a Python dict literal)."""
    raw = metadata.get("names")
    if not raw:
        return {}
    try:
        with _PARSE_LOCK:
            names = ast.literal_eval(raw)
    except (ValueError, SyntaxError):
        log.warning("Unreadable class names in model metadata: %.80s", raw)
        return {}
    if isinstance(names, list):
        names = dict(enumerate(names))
    return {int(k): str(v) for k, v in names.items()} if isinstance(names, dict) else {}


def input_hw(tensor: TensorInfo, default: int = DEFAULT_INPUT) -> tuple[int, int]:
    """(height, width) of an NCHW image input; dynamic dims fall back to ``default``."""
    h, w = tensor.dim(2), tensor.dim(3)
    return (h if TensorInfo.is_fixed(h) else default, w if TensorInfo.is_fixed(w) else default)


def check_image_input(info: SessionInfo, what: str) -> TensorInfo:
    """The single NCHW 3-channel image input, or ModelMismatchError."""
    if (
        len(info.inputs) != 1
        or len(info.inputs[0].shape) != 4
        or info.inputs[0].dim(1) not in (3, None)
    ):
        raise ModelMismatchError(
            f"This file is not {what}: expected one image input [1, 3, H, W], found {info.describe()}."
        )
    return info.inputs[0]


def yolo_rows(output: np.ndarray, channels: int) -> np.ndarray:
    """YOLO head output as (N, channels) rows, whether exported [1, C, N] or [1, N, C]."""
    out = np.asarray(output)[0]
    return out.T if out.shape[0] == channels else out


def head_channels(tensor: TensorInfo, candidates: tuple[int, ...] = ()) -> int | None:
    """Channel count of a [1, C, N] head (or one exported as [1, N, C]).

    With ``candidates`` the first dim that is one of them wins; otherwise Ultralytics'
    usual layout is assumed: channels are the smaller dim (N is thousands of anchors).
    """
    if len(tensor.shape) != 3:
        return None
    dims = [d for d in tensor.shape[1:] if TensorInfo.is_fixed(d)]
    if candidates:
        return next((d for d in dims if d in candidates), None)
    return min(dims) if dims else None


class YoloObjectDetector:
    """Tags objects with a YOLOv8/YOLO11 detection head."""

    def __init__(
        self,
        session: ModelSession,
        *,
        confidence: float = 0.35,
        iou: float = 0.45,
        max_detections: int = 100,
    ) -> None:
        self.session = session
        self.confidence = confidence
        self.iou = iou
        self.max_detections = max_detections
        info = session_info(session)
        self._input = check_image_input(info, "a YOLO object detector")
        self.input_size = input_hw(self._input)
        self.names = parse_class_names(info.metadata)
        if len(info.outputs) != 1:
            channels = None
        elif self.names:
            channels = head_channels(info.outputs[0], (4 + len(self.names),))
        else:
            channels = head_channels(info.outputs[0])
        if channels is None or channels <= 5:
            expected = (
                f"[1, {4 + len(self.names)}, N] for its {len(self.names)} class names"
                if self.names
                else "[1, 4+classes, N]"
            )
            raise ModelMismatchError(
                f"This file is not a YOLO object detector: expected one output {expected}, found {info.describe()}."
            )
        self.num_classes = channels - 4
        if self.names and info.metadata.get("task") not in (None, "detect"):
            raise ModelMismatchError(
                f"Expected a detection model, found task {info.metadata.get('task')!r}."
            )
        self._output = info.outputs[0].name

    def detect(self, rgb: np.ndarray) -> list[ObjectTag]:
        """Tags for an RGB uint8 image; boxes in its pixels, best first."""
        padded, lb = transforms.letterbox(rgb, self.input_size)
        blob = transforms.to_nchw(padded[None].astype(np.float32) / 255.0)
        (output,) = self.session.run([self._output], {self._input.name: blob})
        rows = yolo_rows(output, 4 + self.num_classes)
        scores = rows[:, 4:]
        class_ids = scores.argmax(axis=1)
        conf = scores[np.arange(len(rows)), class_ids]
        mask = conf >= self.confidence
        if not mask.any():
            return []
        boxes = transforms.xywh_to_xyxy(rows[mask, :4])
        conf, class_ids = conf[mask], class_ids[mask]
        keep = transforms.nms(boxes, conf, self.iou, class_ids)[: self.max_detections]
        boxes = transforms.scale_boxes_back(boxes[keep], lb, rgb.shape)
        return [
            ObjectTag(
                self.names.get(int(c), f"class_{int(c)}"),
                float(s),
                (float(b[0]), float(b[1]), float(b[2]), float(b[3])),
            )
            for b, s, c in zip(boxes, conf[keep], class_ids[keep])
        ]
