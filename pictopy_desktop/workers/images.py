"""Decoding for the views, run in worker threads: thumbnails, face crops, full images.

QImage is safe to build off the GUI thread (QPixmap is not): workers return QImages
and the GUI thread turns them into pixmaps.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from PIL import Image as PILImage
from PIL import ImageOps

from pictopy_desktop.library.image_decode import (
    HUGE_DECODE_BYTES,
    decode_image,
    decoded_bytes,
    open_regular,
)
from pictopy_desktop.library.raw_decode import decode_raw, develop_raw, is_raw_candidate
from pictopy_desktop.library.video_decode import open_video_capture
from pictopy_desktop.ui.qt import (
    QFile,
    QFileDevice,
    QImage,
    QImageReader,
    QIODevice,
    QSize,
)

FACE_CROP_SIZE = 160
VIEWER_MAX_SIDE = 4096


def read_full_image(path: str, max_side: int = VIEWER_MAX_SIDE) -> QImage:
    """The photo, EXIF-rotated, at most ``max_side`` pixels on its longest side.

    A camera RAW shows its embedded full-size preview (``read_developed_raw`` develops it).
    """
    if is_raw_candidate(Path(path)):
        # Qt and Pillow would read a NEF or DNG as a TIFF: its tiny first thumbnail.
        return rgb_to_qimage(_raw_preview(path, max_side))
    # Qt reads through our descriptor, never by name: opened non-blocking and checked, a pipe
    # put in the photo's place is refused instead of hanging the worker, and a name that is
    # not UTF-8 (which Qt would turn into another file's name) reaches the right file.
    with open_regular(path) as fh:
        device = QFile()
        if not device.open(
            fh.fileno(), QIODevice.OpenModeFlag.ReadOnly, QFileDevice.FileHandleFlag.DontCloseHandle
        ):
            raise OSError(f"cannot open {path}: {device.errorString()}")
        try:
            image, error = _read_with_qt(device, max_side)
        finally:
            device.close()
        if not image.isNull():
            return image
        # Formats Qt cannot read (HEIC without a plugin) and huge images: Pillow, through
        # the library's bounded decoder where a whole decode would be huge.
        try:
            fh.seek(0)
            with PILImage.open(fh) as pil:
                if (
                    pil.format not in ("JPEG", "MPO")
                    and decoded_bytes(pil.mode, *pil.size) > HUGE_DECODE_BYTES
                ):
                    return rgb_to_qimage(decode_image(Path(path), max_side).rgb)
                pil.draft("RGB", (max_side, max_side))
                rgb = ImageOps.exif_transpose(pil).convert("RGB")
                rgb.thumbnail((max_side, max_side))
                return rgb_to_qimage(np.asarray(rgb))
        except Exception as exc:
            raise OSError(f"cannot open {path}: {error} / {exc}") from exc


def _raw_preview(path: str, max_side: int) -> np.ndarray:
    from pictopy_desktop.errors import ImageReadError

    try:
        return decode_raw(Path(path), max_side).rgb
    except ImageReadError as exc:
        raise OSError(f"cannot open {path}: {exc}") from None


def read_developed_raw(path: str, max_side: int | None = None) -> QImage:
    """The RAW at ``path`` fully developed by LibRaw (slow: seconds; run it in a worker).

    For the viewer at 100 %: the embedded preview is what every other view shows.
    """
    from pictopy_desktop.errors import ImageReadError

    try:
        return rgb_to_qimage(develop_raw(path, max_side))
    except ImageReadError as exc:
        raise OSError(f"cannot develop {path}: {exc}") from None


def _read_with_qt(device: QFile, max_side: int) -> tuple[QImage, str]:
    """The image Qt reads from ``device`` (null when Qt cannot, or it would be huge) and Qt's error."""
    reader = QImageReader(device)
    reader.setAutoTransform(True)
    size = reader.size()
    # Qt scales only JPEGs while decoding: a huge scan or panorama it would read whole
    # (or refuse, past its allocation limit), so those go to the library's bounded decoder.
    huge = size.isValid() and size.width() * size.height() * 4 > HUGE_DECODE_BYTES
    huge = huge and bytes(reader.format().data()).lower() not in (b"jpeg", b"jpg")
    if huge:
        return QImage(), "huge image"
    if size.isValid() and max(size.width(), size.height()) > max_side:
        scale = max_side / max(size.width(), size.height())
        reader.setScaledSize(
            QSize(max(1, round(size.width() * scale)), max(1, round(size.height() * scale)))
        )
    return reader.read(), reader.errorString()


def rgb_to_qimage(rgb: np.ndarray) -> QImage:
    rgb = np.ascontiguousarray(rgb, dtype=np.uint8)
    h, w = rgb.shape[:2]
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def face_crop_rgb(
    path: str,
    box: tuple[float, float, float, float],
    full_size: tuple[int, int],
    size: int = FACE_CROP_SIZE,
) -> np.ndarray:
    """A square crop around a face (box in full-size oriented pixels), ``size`` pixels wide.

    JPEGs are decoded at the smallest DCT scale that still gives the crop enough pixels;
    other formats through the library's decoder, which reads a huge TIFF in bands.
    """
    x1, y1, x2, y2 = box
    side = max(x2 - x1, y2 - y1) * 1.5
    cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
    if is_raw_candidate(Path(path)):
        # The RAW's embedded preview, upright, is the picture its faces were found in.
        return _crop_square(
            PILImage.fromarray(_raw_preview(path, VIEWER_MAX_SIDE)), cx, cy, side, full_size, size
        )
    # Opened non-blocking and checked on the descriptor: a pipe put in the photo's place is refused.
    with open_regular(path) as fh, PILImage.open(fh) as opened:
        full_w, _full_h = full_size if all(full_size) else opened.size
        want = min(1.0, size / max(side, 1.0))
        raw_w, raw_h = opened.size
        img: PILImage.Image
        if opened.format in ("JPEG", "MPO"):
            opened.draft("RGB", (max(1, math.ceil(raw_w * want)), max(1, math.ceil(raw_h * want))))
            img = ImageOps.exif_transpose(opened).convert("RGB")
        else:
            needed = max(1, math.ceil(max(raw_w, raw_h) * want))
            img = PILImage.fromarray(decode_image(Path(path), needed).rgb)
        return _crop_square(img, cx, cy, side, (full_w, _full_h), size)


def _crop_square(
    img: PILImage.Image, cx: float, cy: float, side: float, full_size, size: int
) -> np.ndarray:
    """The ``side``-wide square around (``cx``, ``cy``) (full-size pixels) of the upright ``img``."""
    scale = img.width / max(full_size[0] or img.width, 1)
    half = min(side * scale, img.width, img.height) / 2
    # Keep the square inside the photo where it fits (no black bands at the edges).
    left = min(max(cx * scale - half, 0), img.width - 2 * half)
    top = min(max(cy * scale - half, 0), img.height - 2 * half)
    crop = img.crop((round(left), round(top), round(left + 2 * half), round(top + 2 * half)))
    crop = crop.resize((size, size), PILImage.Resampling.BILINEAR)
    return np.asarray(crop)


def read_face_crop(
    path: str, box, full_size, size: int = FACE_CROP_SIZE, thumbnail: Path | None = None
) -> QImage:
    """A face crop from the photo; from its cached thumbnail when the file can't be read (offline)."""
    try:
        return rgb_to_qimage(face_crop_rgb(path, box, full_size, size))
    except OSError:
        if thumbnail is None or not thumbnail.is_file():
            raise
        # The thumbnail is the upright photo scaled down, so the same box math applies.
        return rgb_to_qimage(face_crop_rgb(str(thumbnail), box, full_size, size))


def read_video_poster(path: str, max_side: int = VIEWER_MAX_SIDE, at_s: float = 2.0) -> QImage:
    """A frame of a video (``at_s`` in, or the first one of a shorter clip) as its poster."""
    import cv2

    cap, release = open_video_capture(path)
    try:
        if not cap.isOpened():
            raise OSError(f"cannot open the video {path}")
        fps = cap.get(cv2.CAP_PROP_FPS) or 0.0
        count = cap.get(cv2.CAP_PROP_FRAME_COUNT) or 0.0
        if fps > 0 and count > 0:
            cap.set(cv2.CAP_PROP_POS_FRAMES, int(min(at_s * fps, max(count - 1, 0))))
        ok, frame = cap.read()
        if not ok or frame is None or not frame.size:
            cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
            ok, frame = cap.read()
        if not ok or frame is None or not frame.size:
            raise OSError(f"the video {path} has no readable frames")
    finally:
        release()
    h, w = frame.shape[:2]
    if max(h, w) > max_side:
        scale = max_side / max(h, w)
        frame = cv2.resize(
            frame, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA
        )
    return rgb_to_qimage(frame[:, :, ::-1])
