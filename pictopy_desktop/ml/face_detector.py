"""Face detectors: YuNet through cv2.FaceDetectorYN, and YOLOv8-face heads through ONNX Runtime."""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from pathlib import Path

import cv2
import numpy as np

from pictopy_desktop.ml import transforms
from pictopy_desktop.ml.errors import ModelError, ModelMismatchError, ModelMissingError
from pictopy_desktop.ml.object_detector import check_image_input, head_channels, input_hw, yolo_rows
from pictopy_desktop.ml.ort_session import ModelSession, SessionInfo, session_info
from pictopy_desktop.ml.types import FaceDetection


class FaceDetector(ABC):
    """Finds faces in an RGB uint8 image; boxes and landmarks in that image's pixels."""

    has_landmarks: bool = True

    @abstractmethod
    def detect(self, rgb: np.ndarray) -> list[FaceDetection]: ...


def check_yunet_io(info: SessionInfo) -> None:
    """YuNet exports one image input and cls/obj/bbox/kps outputs per stride."""
    names = {o.name.split("_")[0] for o in info.outputs}
    if len(info.inputs) != 1 or not {"cls", "obj", "bbox", "kps"} <= names:
        raise ModelMismatchError(
            "This file is not a YuNet face detector: expected one image input and outputs "
            f"cls_*/obj_*/bbox_*/kps_* per stride, found {info.describe()}."
        )


class YuNetFaceDetector(FaceDetector):
    """YuNet run at the photo's own aspect ratio (longest side capped), never squashed to a square."""

    def __init__(
        self,
        model_path: str | Path,
        *,
        confidence: float = 0.7,
        iou: float = 0.3,
        max_side: int = 1280,
        top_k: int = 5000,
    ) -> None:
        path = Path(model_path)
        if not path.is_file():
            raise ModelMissingError(f"Face detector model {path} is missing.")
        self.max_side = max_side
        self.confidence = confidence
        try:
            self._detector = cv2.FaceDetectorYN.create(
                str(path), "", (320, 320), confidence, iou, top_k
            )
        except cv2.error as exc:
            raise ModelMismatchError(
                f"{path.name} could not be loaded as a YuNet face detector: {exc}"
            ) from exc
        # setInputSize mutates the detector, so one photo at a time per instance.
        self._lock = threading.Lock()

    def detect(self, rgb: np.ndarray) -> list[FaceDetection]:
        h, w = rgb.shape[:2]
        scale = min(1.0, self.max_side / max(h, w))
        bgr = cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)
        if scale < 1.0:
            bgr = cv2.resize(
                bgr,
                (max(1, round(w * scale)), max(1, round(h * scale))),
                interpolation=cv2.INTER_AREA,
            )
        sh, sw = bgr.shape[:2]
        with self._lock:
            self._detector.setInputSize((sw, sh))
            try:
                _, faces = self._detector.detect(bgr)
            except cv2.error as exc:
                raise ModelError(f"YuNet face detection failed: {exc}") from exc
        if faces is None:
            return []
        # Map from the (possibly) shrunk copy back to the caller's pixels.
        sx, sy = w / sw, h / sh
        out: list[FaceDetection] = []
        for f in faces[np.argsort(-faces[:, 14])]:
            x, y, bw, bh = f[:4]
            box = (
                float(np.clip(x * sx, 0, w)),
                float(np.clip(y * sy, 0, h)),
                float(np.clip((x + bw) * sx, 0, w)),
                float(np.clip((y + bh) * sy, 0, h)),
            )
            if box[2] - box[0] < 1 or box[3] - box[1] < 1:
                continue
            landmarks = (f[4:14].reshape(5, 2) * np.array([sx, sy], np.float32)).astype(np.float32)
            out.append(FaceDetection(box, float(f[14]), landmarks))
        return out


class YoloFaceDetector(FaceDetector):
    """YOLOv8-face / YOLO11-face: output [1, 5, N] (box + score) or [1, 20, N] (+ 5 keypoints x, y, visibility)."""

    def __init__(
        self, session: ModelSession, *, confidence: float = 0.45, iou: float = 0.45
    ) -> None:
        self.session = session
        self.confidence = confidence
        self.iou = iou
        info = session_info(session)
        self._input = check_image_input(info, "a YOLO face detector")
        self.input_size = input_hw(self._input)
        channels = head_channels(info.outputs[0], (5, 20)) if len(info.outputs) == 1 else None
        if channels is None or channels not in (5, 20):
            raise ModelMismatchError(
                "This file is not a YOLO face detector: expected one output [1, 5, N] "
                f"(box + face score) or [1, 20, N] (with 5 keypoints), found {info.describe()}."
            )
        self._channels = channels
        self.has_landmarks = self._channels == 20
        self._output = info.outputs[0].name

    def detect(self, rgb: np.ndarray) -> list[FaceDetection]:
        padded, lb = transforms.letterbox(rgb, self.input_size)
        blob = transforms.to_nchw(padded[None].astype(np.float32) / 255.0)
        (output,) = self.session.run([self._output], {self._input.name: blob})
        rows = yolo_rows(output, self._channels)
        scores = rows[:, 4]
        mask = scores >= self.confidence
        if not mask.any():
            return []
        rows, scores = rows[mask], scores[mask]
        boxes = transforms.xywh_to_xyxy(rows[:, :4])
        keep = transforms.nms(boxes, scores, self.iou)
        boxes = transforms.scale_boxes_back(boxes[keep], lb, rgb.shape)
        landmarks = None
        if self.has_landmarks:
            # keypoints come as (x, y, visibility) x 5 in the same order as YuNet's
            kps = rows[keep, 5:20].reshape(-1, 5, 3)[:, :, :2]
            landmarks = transforms.scale_points_back(kps, lb)
        return [
            FaceDetection(
                (float(b[0]), float(b[1]), float(b[2]), float(b[3])),
                float(s),
                landmarks[i].astype(np.float32) if landmarks is not None else None,
            )
            for i, (b, s) in enumerate(zip(boxes, scores[keep]))
            if b[2] - b[0] >= 1 and b[3] - b[1] >= 1
        ]
