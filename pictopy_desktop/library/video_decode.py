"""Videos: recognised by content, a poster frame, the duration, frames sampled for faces,
and when and where they were taken (``video_metadata``).

OpenCV's VideoCapture reads the common containers (MP4, MOV, MKV, AVI, WebM) with no
extra system packages; frames are taken at a fixed interval so people appear in their
videos too.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from pictopy_desktop.errors import ImageReadError
from pictopy_desktop.library.image_decode import (
    ANALYSIS_MAX_SIDE,
    DecodedImage,
    open_regular,
    read_head,
)
from pictopy_desktop.library.video_metadata import read_video_metadata

VIDEO_EXTENSIONS = {".mp4", ".m4v", ".mov", ".mkv", ".avi", ".webm", ".3gp"}
SAMPLE_INTERVAL_S = 2.0
MAX_SAMPLED_FRAMES = 20


def open_video_capture(path: Path | str) -> tuple[Any, Callable[[], None]]:
    """``cv2.VideoCapture`` on ``path`` and the function that closes it, for any file name.

    OpenCV crashes the whole process (a segfault, not an exception) on a name that is not
    valid UTF-8, so such a file is opened here and handed over as ``/proc/self/fd/N``.
    """
    import cv2

    name = os.fspath(path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        if not os.path.isdir("/proc/self/fd"):
            raise ImageReadError(
                "the video reader cannot open a file whose name is not valid UTF-8 here"
            ) from None
        fh = open_regular(name)
        cap = cv2.VideoCapture(f"/proc/self/fd/{fh.fileno()}")

        def release() -> None:
            cap.release()
            fh.close()

        return cap, release
    cap = cv2.VideoCapture(name)
    return cap, cap.release


def sniff_video(path: Path) -> str | None:
    """The container a file's first bytes announce, or None."""
    return video_container_of(read_head(path))


def video_container_of(head: bytes) -> str | None:
    """The video container these first bytes of a file announce, or None."""
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand.startswith(b"qt"):
            return "MOV"
        # HEIF/AVIF stills and Canon's CR3 RAW use ftyp too
        if brand[:3] in (b"hei", b"mif", b"msf", b"avi") or brand == b"crx ":
            return None
        return "MP4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "MKV"
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return "AVI"
    return None


def is_video_candidate(path: Path) -> bool:
    return path.suffix.lower() in VIDEO_EXTENSIONS or sniff_video(path) is not None


@dataclass
class DecodedVideo(DecodedImage):
    """The poster frame as ``rgb``, plus frames (time in s, RGB) sampled for analysis."""

    duration_s: float = 0.0
    frames: list[tuple[float, np.ndarray]] = field(default_factory=list)


def _fit(frame_bgr: np.ndarray, max_side: int) -> np.ndarray:
    import cv2

    h, w = frame_bgr.shape[:2]
    if max(h, w) > max_side:
        scale = max_side / max(h, w)
        frame_bgr = cv2.resize(
            frame_bgr, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA
        )
    return np.ascontiguousarray(frame_bgr[:, :, ::-1])


def decode_video(path: Path, max_side: int = ANALYSIS_MAX_SIDE) -> DecodedVideo:
    """Read the poster frame, duration and sampled frames; raise ``ImageReadError`` with a reason."""
    import cv2

    if not path.exists():
        raise ImageReadError("file vanished before it could be read")
    if path.stat().st_size == 0:
        raise ImageReadError("empty file (0 bytes)")
    if not os.access(path, os.R_OK):
        raise ImageReadError("permission denied")
    try:
        cap, release = open_video_capture(path)
    except OSError as exc:
        raise ImageReadError(f"cannot read file ({exc.strerror or exc})") from None
    try:
        if not cap.isOpened():
            raise ImageReadError("not a video PictoPy can read")
        fps = cap.get(cv2.CAP_PROP_FPS) or 0.0
        count = cap.get(cv2.CAP_PROP_FRAME_COUNT) or 0.0
        width = int(cap.get(cv2.CAP_PROP_FRAME_WIDTH))
        height = int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT))
        duration = count / fps if fps > 0 and count > 0 else 0.0
        times = [0.0]
        if duration > 0:
            n = min(MAX_SAMPLED_FRAMES, max(1, int(duration // SAMPLE_INTERVAL_S) + 1))
            times = [
                min(i * SAMPLE_INTERVAL_S, max(duration - 1.0 / max(fps, 1.0), 0.0))
                for i in range(n)
            ]
        frames: list[tuple[float, np.ndarray]] = []
        for t in times:
            if fps > 0:
                cap.set(cv2.CAP_PROP_POS_FRAMES, int(t * fps))
            ok, frame = cap.read()
            if ok and frame is not None and frame.size:
                frames.append((t, _fit(frame, max_side)))
        if not frames:
            raise ImageReadError("video has no readable frames")
    except cv2.error as exc:
        raise ImageReadError(f"corrupt video ({exc})") from None
    finally:
        release()
    # A poster a little way in avoids black fade-ins.
    poster = frames[min(1, len(frames) - 1)][1]
    if not width or not height:
        height, width = poster.shape[:2]
    meta = read_video_metadata(path)
    return DecodedVideo(
        rgb=poster,
        width=width,
        height=height,
        format="VIDEO",
        orientation=1,
        taken_at=meta.taken_at,  # None: the gallery falls back to the file time
        latitude=meta.latitude,
        longitude=meta.longitude,
        utc_offset_min=meta.utc_offset_min,
        duration_s=duration,
        frames=frames,
    )
