"""Face embedders: ArcFace-style 112x112 (MobileFaceNet) and FaceNet 160x160."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence

import numpy as np

from pictopy_desktop.ml import transforms
from pictopy_desktop.ml.errors import ModelMismatchError
from pictopy_desktop.ml.ort_session import ModelSession, TensorInfo, session_info
from pictopy_desktop.ml.types import FaceDetection

Normalizer = Callable[[np.ndarray], np.ndarray]


class FaceEmbedder(ABC):
    """Turns detected faces of one photo into L2-normalised float32 vectors."""

    embedding_size: int
    crop_size: int

    @abstractmethod
    def embed(self, rgb: np.ndarray, faces: Sequence[FaceDetection]) -> np.ndarray:
        """(len(faces), embedding_size) float32, rows L2-normalised."""


def face_crop(rgb: np.ndarray, face: FaceDetection, size: int, margin: float = 0.2) -> np.ndarray:
    """Aligned crop when landmarks exist, else a square margin crop around the box."""
    if face.landmarks is not None:
        try:
            return transforms.align_face(rgb, face.landmarks, size)
        except ValueError:
            pass  # degenerate landmarks: the box still gives a usable crop
    return transforms.margin_crop(rgb, face.box, size, margin)


class OnnxFaceEmbedder(FaceEmbedder):
    """Any single-input, single-output embedding model; layout and batching read from the session."""

    def __init__(
        self,
        session: ModelSession,
        *,
        crop_size: int,
        normalize: Normalizer,
        family: str = "",
        flip_tta: bool = True,
    ) -> None:
        self.session = session
        self.crop_size = crop_size
        # Test-time augmentation: the embedding of a face is the mean of its crop's and
        # the mirrored crop's; measured to raise recall on low-resolution faces at equal
        # precision (docs/people.md, "Recall without risking merges").
        self.flip_tta = flip_tta
        self._normalize = normalize
        info = session_info(session)
        what = f"an {family or 'ONNX'} face embedder for {crop_size}x{crop_size} crops"
        if len(info.inputs) != 1 or len(info.outputs) < 1:
            raise ModelMismatchError(
                f"This file is not {what}: expected one image input, found {info.describe()}."
            )
        inp, out = info.inputs[0], info.outputs[0]
        if len(inp.shape) != 4:
            raise ModelMismatchError(
                f"This file is not {what}: expected a 4-d image input, found {info.describe()}."
            )
        # NCHW has the 3 channels at axis 1, NHWC at axis 3.
        if inp.dim(1) == 3 and inp.dim(3) != 3:
            self.nchw, spatial = True, (inp.dim(2), inp.dim(3))
        elif inp.dim(3) == 3:
            self.nchw, spatial = False, (inp.dim(1), inp.dim(2))
        else:
            raise ModelMismatchError(
                f"This file is not {what}: no 3-channel image input, found {info.describe()}."
            )
        if any(TensorInfo.is_fixed(d) and d != crop_size for d in spatial):
            raise ModelMismatchError(
                f"This file is not {what}: expected input {crop_size}x{crop_size}, found {info.describe()}."
            )
        size = out.dim(1)
        if len(out.shape) != 2 or not TensorInfo.is_fixed(size):
            raise ModelMismatchError(
                f"This file is not {what}: expected an output [batch, embedding size], found {info.describe()}."
            )
        self.embedding_size = size
        batch = inp.dim(0)
        # None = dynamic: all faces of a photo go in one call.
        self.batch_size: int | None = batch if TensorInfo.is_fixed(batch) else None
        self._input, self._output = inp.name, out.name

    def embed(self, rgb: np.ndarray, faces: Sequence[FaceDetection]) -> np.ndarray:
        if not faces:
            return np.zeros((0, self.embedding_size), np.float32)
        crops = np.stack([face_crop(rgb, f, self.crop_size) for f in faces])
        if not self.flip_tta:
            return self.embed_crops(crops)
        both = self.embed_crops(np.concatenate([crops, crops[:, :, ::-1]]))
        return transforms.l2_normalize(both[: len(crops)] + both[len(crops) :])

    def embed_crops(self, crops: np.ndarray) -> np.ndarray:
        """Embed already cropped (N, size, size, 3) uint8 RGB faces, as they are (no mirrored copy)."""
        blob = self._normalize(crops)
        if self.nchw:
            blob = transforms.to_nchw(blob)
        step = self.batch_size or len(blob)
        parts = []
        for start in range(0, len(blob), step):
            chunk = blob[start : start + step]
            n = len(chunk)
            if n < step:  # a fixed batch larger than what's left: pad, then drop the padding
                chunk = np.concatenate([chunk, np.zeros((step - n, *chunk.shape[1:]), chunk.dtype)])
            (out,) = self.session.run([self._output], {self._input: chunk})
            parts.append(np.asarray(out, np.float32).reshape(len(chunk), -1)[:n])
        return transforms.l2_normalize(np.concatenate(parts))


def arcface112_embedder(session: ModelSession) -> OnnxFaceEmbedder:
    """MobileFaceNet-style: 5-point aligned 112x112 RGB, /255 then ImageNet mean/std."""
    return OnnxFaceEmbedder(
        session, crop_size=112, normalize=transforms.normalize_imagenet, family="ArcFace-112"
    )


def facenet160_embedder(session: ModelSession) -> OnnxFaceEmbedder:
    """FaceNet: aligned 160x160 RGB with (x - 127.5) / 128 prewhitening."""
    return OnnxFaceEmbedder(
        session, crop_size=160, normalize=transforms.normalize_facenet, family="FaceNet-160"
    )
