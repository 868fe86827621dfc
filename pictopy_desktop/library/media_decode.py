"""One entry point that reads any library file: a photo, a camera RAW's embedded preview,
or a video's poster and sampled frames."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import numpy as np
from PIL import Image

from pictopy_desktop.errors import ImageReadError
from pictopy_desktop.library.image_decode import DecodedImage, decode_image
from pictopy_desktop.library.photo_files import NotRegularFileError, check_regular
from pictopy_desktop.library.raw_decode import decode_raw, is_raw_candidate
from pictopy_desktop.library.thumbnails import THUMBNAIL_SIZE
from pictopy_desktop.library.video_decode import decode_video, is_video_candidate

# What browsing needs (phase one): the thumbnail's own pixels, so a 12 MP JPEG decodes at
# 1/8 through DCT scaling (500 px) instead of 1/4 for analysis, and is resized once.
PREVIEW_SIDE = THUMBNAIL_SIZE
# A RAW's preview shrinks bilinear (raw_decode): at preview size it is read a third larger
# and then resized sharp, as the thumbnail of a photo is.
RAW_PREVIEW_SIDE = math.ceil(PREVIEW_SIDE * 4 / 3)


def decode_media(path: Path, max_side: int = PREVIEW_SIDE) -> DecodedImage:
    """A photo with its longest side at most ``max_side`` (by default the thumbnail's
    pixels; analysis asks for ``ANALYSIS_MAX_SIDE``), a RAW's embedded preview as large, or
    a video's poster and sampled frames. Photos this small are shown as they are, so
    they are resized sharp (``decode_image``).

    Never a pipe or device put there since the scan; raises ``ImageReadError`` with the
    reason shown to the user.
    """
    try:
        check_regular(path)
    except NotRegularFileError as exc:
        raise ImageReadError(exc.strerror) from None
    except OSError:
        pass  # missing or unreadable: the decoders say so in their words
    # RAW first: a NEF is a TIFF by its first bytes and a CR3 an ISO media file.
    if is_raw_candidate(path):
        if max_side > PREVIEW_SIDE:
            return decode_raw(path, max_side)
        preview = decode_raw(path, RAW_PREVIEW_SIDE)
        return replace(preview, rgb=_sharp_fit(preview.rgb, max_side))
    if is_video_candidate(path):
        return decode_video(path)
    return decode_image(path, max_side, sharp=max_side <= PREVIEW_SIDE)


def _sharp_fit(rgb: np.ndarray, max_side: int) -> np.ndarray:
    """``rgb`` with its longest side at most ``max_side``, resized as a thumbnail is (Lanczos)."""
    if max(rgb.shape[:2]) <= max_side:
        return rgb
    img = Image.fromarray(rgb)
    img.thumbnail((max_side, max_side), Image.Resampling.LANCZOS, reducing_gap=3.0)
    return np.asarray(img, dtype=np.uint8)
