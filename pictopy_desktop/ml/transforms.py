"""Pure pre/post-processing functions on numpy arrays (no sessions, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

# Standard ArcFace 112x112 five-point template (insightface): image-left eye first.
ARCFACE_TEMPLATE_112 = np.array(
    [
        [38.2946, 51.6963],
        [73.5318, 51.5014],
        [56.0252, 71.7366],
        [41.5493, 92.3655],
        [70.7299, 92.2041],
    ],
    dtype=np.float32,
)

IMAGENET_MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
IMAGENET_STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)


@dataclass(frozen=True)
class Letterbox:
    """How an image was fitted into a model input: scale, then padding on the left/top."""

    scale: float
    pad_x: float
    pad_y: float


def letterbox(
    image: np.ndarray, size: tuple[int, int], pad_value: int = 114
) -> tuple[np.ndarray, Letterbox]:
    """Resize keeping aspect ratio and pad to ``size`` (height, width), centred like Ultralytics."""
    h, w = image.shape[:2]
    out_h, out_w = size
    scale = min(out_h / h, out_w / w)
    new_w, new_h = int(round(w * scale)), int(round(h * scale))
    resized = (
        image
        if (new_w, new_h) == (w, h)
        else cv2.resize(image, (new_w, new_h), interpolation=cv2.INTER_LINEAR)
    )
    dw, dh = (out_w - new_w) / 2, (out_h - new_h) / 2
    # The -0.1/+0.1 rounding matches Ultralytics so odd padding splits the same way.
    top, bottom = int(round(dh - 0.1)), int(round(dh + 0.1))
    left, right = int(round(dw - 0.1)), int(round(dw + 0.1))
    padded = cv2.copyMakeBorder(
        resized, top, bottom, left, right, cv2.BORDER_CONSTANT, value=(pad_value,) * 3
    )
    return padded, Letterbox(scale, float(left), float(top))


def xywh_to_xyxy(boxes: np.ndarray) -> np.ndarray:
    """Centre/size boxes to corner boxes."""
    boxes = np.asarray(boxes, dtype=np.float32)
    out = np.empty_like(boxes)
    out[:, :2] = boxes[:, :2] - boxes[:, 2:4] / 2
    out[:, 2:4] = boxes[:, :2] + boxes[:, 2:4] / 2
    return out


def scale_boxes_back(boxes: np.ndarray, lb: Letterbox, image_shape: tuple[int, ...]) -> np.ndarray:
    """Map xyxy boxes from letterboxed input pixels to original image pixels, clipped."""
    boxes = np.asarray(boxes, dtype=np.float32).copy()
    boxes[:, [0, 2]] = (boxes[:, [0, 2]] - lb.pad_x) / lb.scale
    boxes[:, [1, 3]] = (boxes[:, [1, 3]] - lb.pad_y) / lb.scale
    h, w = image_shape[:2]
    boxes[:, [0, 2]] = boxes[:, [0, 2]].clip(0, w)
    boxes[:, [1, 3]] = boxes[:, [1, 3]].clip(0, h)
    return boxes


def scale_points_back(points: np.ndarray, lb: Letterbox) -> np.ndarray:
    """Map (..., 2) points from letterboxed input pixels to original image pixels."""
    points = np.asarray(points, dtype=np.float32).copy()
    points[..., 0] = (points[..., 0] - lb.pad_x) / lb.scale
    points[..., 1] = (points[..., 1] - lb.pad_y) / lb.scale
    return points


def nms(
    boxes: np.ndarray, scores: np.ndarray, iou_threshold: float, class_ids: np.ndarray | None = None
) -> np.ndarray:
    """Indices kept by (class-aware when ``class_ids`` is given) NMS, best score first."""
    if len(boxes) == 0:
        return np.zeros(0, dtype=np.int64)
    boxes = np.asarray(boxes, dtype=np.float32)
    xywh = np.concatenate([boxes[:, :2], boxes[:, 2:4] - boxes[:, :2]], axis=1).tolist()
    score_list = np.asarray(scores, dtype=np.float32).tolist()
    if class_ids is None:
        kept = cv2.dnn.NMSBoxes(xywh, score_list, 0.0, float(iou_threshold))
    else:
        kept = cv2.dnn.NMSBoxesBatched(
            xywh, score_list, np.asarray(class_ids, np.int32).tolist(), 0.0, float(iou_threshold)
        )
    keep = np.asarray(kept, dtype=np.int64).reshape(-1)
    return keep[np.argsort(-np.asarray(scores)[keep], kind="stable")]


def face_template(size: int) -> np.ndarray:
    """The ArcFace 5-point template scaled to a ``size`` x ``size`` crop."""
    return ARCFACE_TEMPLATE_112 * (size / 112.0)


def similarity_transform(src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """2x3 similarity (rotation, uniform scale, shift) taking ``src`` points onto ``dst``.

    Closed-form least squares over all points (Umeyama, what insightface/skimage use to
    build ArcFace crops). cv2.estimateAffinePartial2D is robust (RANSAC/LMEDS) and on
    five points may drop one landmark and tilt the crop, so it is not used here.
    """
    src = np.asarray(src, np.float64).reshape(-1, 2)
    dst = np.asarray(dst, np.float64).reshape(-1, 2)
    if len(src) != len(dst) or len(src) < 2 or not np.isfinite(src).all():
        raise ValueError("need at least two finite landmark pairs")
    if np.ptp(src, axis=0).max() < 1e-6:
        raise ValueError("landmarks are degenerate: no similarity transform")
    return _umeyama(src, dst).astype(np.float32)


def _umeyama(src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    src_mean, dst_mean = src.mean(0), dst.mean(0)
    src_c, dst_c = src - src_mean, dst - dst_mean
    cov = dst_c.T @ src_c / len(src)
    u, s, vt = np.linalg.svd(cov)
    d = np.ones(2)
    if np.linalg.det(u) * np.linalg.det(vt) < 0:
        d[-1] = -1
    rot = u @ np.diag(d) @ vt
    var = (src_c**2).sum() / len(src)
    scale = (s * d).sum() / var if var > 0 else 1.0
    shift = dst_mean - scale * rot @ src_mean
    return np.hstack([scale * rot, shift[:, None]])


def align_face(image: np.ndarray, landmarks: np.ndarray, size: int = 112) -> np.ndarray:
    """Warp a face so its 5 landmarks land on the ArcFace template of a ``size`` square."""
    matrix = similarity_transform(landmarks, face_template(size))
    return cv2.warpAffine(
        image, matrix, (size, size), flags=cv2.INTER_LINEAR, borderValue=(0, 0, 0)
    )


def margin_crop(
    image: np.ndarray, box: tuple[float, float, float, float], size: int, margin: float = 0.2
) -> np.ndarray:
    """Square crop around ``box`` grown by ``margin`` per side, black outside the image, resized."""
    x1, y1, x2, y2 = (float(v) for v in box)
    cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
    side = max(x2 - x1, y2 - y1) * (1 + 2 * margin)
    half = max(side / 2, 1.0)
    # An affine warp crops and pads in one step.
    s = size / (2 * half)
    matrix = np.array([[s, 0, -(cx - half) * s], [0, s, -(cy - half) * s]], dtype=np.float32)
    return cv2.warpAffine(
        image, matrix, (size, size), flags=cv2.INTER_LINEAR, borderValue=(0, 0, 0)
    )


def normalize_imagenet(batch_rgb: np.ndarray) -> np.ndarray:
    """uint8 RGB NHWC -> float32: /255 then ImageNet mean/std (MobileFaceNet)."""
    return ((batch_rgb.astype(np.float32) / 255.0 - IMAGENET_MEAN) / IMAGENET_STD).astype(
        np.float32
    )


def normalize_facenet(batch_rgb: np.ndarray) -> np.ndarray:
    """uint8 RGB NHWC -> float32 with FaceNet's fixed prewhitening (x - 127.5) / 128."""
    return ((batch_rgb.astype(np.float32) - 127.5) / 128.0).astype(np.float32)


def to_nchw(batch_nhwc: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(batch_nhwc.transpose(0, 3, 1, 2))


def l2_normalize(vectors: np.ndarray, eps: float = 1e-10) -> np.ndarray:
    """Row-wise L2 normalisation, float32."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return (vectors / np.maximum(norms, eps)).astype(np.float32)
