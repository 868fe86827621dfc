"""One entry point that reads any library file: a photo, a camera RAW's embedded preview,
or a video's poster and sampled frames."""

from __future__ import annotations

import math
from pathlib import Path

from pictopy_desktop.errors import ImageReadError
from pictopy_desktop.library.image_decode import (
    DRAFT_SLACK,
    DecodedImage,
    NotRegularFileError,
    check_regular,
    decode_image,
)
from pictopy_desktop.library.raw_decode import decode_raw, is_raw_candidate
from pictopy_desktop.library.thumbnails import THUMBNAIL_SIZE
from pictopy_desktop.library.video_decode import decode_video, is_video_candidate

# What browsing needs (phase one): pixels just big enough for the thumbnail, so a 12 MP
# JPEG decodes at 1/8 through DCT scaling (about 500 px) instead of 1/4 for analysis.
PREVIEW_SIDE = math.ceil(THUMBNAIL_SIZE / DRAFT_SLACK)


def decode_media(path: Path, max_side: int = PREVIEW_SIDE) -> DecodedImage:
    """A photo with its longest side at most ``max_side`` (by default what the thumbnail
    needs; analysis asks for ``ANALYSIS_MAX_SIDE``), a RAW's embedded preview as large, or
    a video's poster and sampled frames.

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
        return decode_raw(path, max_side)
    if is_video_candidate(path):
        return decode_video(path)
    return decode_image(path, max_side)
