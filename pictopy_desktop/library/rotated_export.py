"""Exported copies show a photo turned as the library shows it (``Image.rotation``).

The photo's own file is never touched; only the copy changes. A JPEG copy keeps every
byte of the picture and gets a new EXIF orientation (the APP1 segment is swapped, the
compressed image data copied as is), so nothing is re-compressed. Lossless formats (PNG,
TIFF, BMP, GIF) are turned pixel for pixel by Pillow, PNG text chunks and ICC profiles kept.
Other formats (WebP, HEIC), and animations or multi-page files (turning one frame would drop
the others), are copied as they are and the caller is told.
"""

from __future__ import annotations

import io
import struct

from PIL import Image, ImageOps
from PIL.ExifTags import Base

from pictopy_desktop.library.rotation import normalised

# EXIF orientation -> (mirrored left-right first, then degrees turned clockwise) to show it upright.
_ORIENTATION_PARTS = {
    1: (False, 0),
    2: (True, 0),
    3: (False, 180),
    4: (True, 180),
    5: (True, 270),
    6: (False, 90),
    7: (True, 90),
    8: (False, 270),
}
_ORIENTATION_OF = {parts: value for value, parts in _ORIENTATION_PARTS.items()}

# JPEG markers (ITU T.81): start of image, start of scan, the APP1 segment holding EXIF.
_SOI, _SOS, _APP1 = b"\xff\xd8", 0xDA, 0xE1
_EXIF_HEADER = b"Exif\x00\x00"
LOSSLESS_FORMATS = {"PNG", "TIFF", "BMP", "GIF"}


def combined_orientation(orientation: int | None, rotation: int) -> int:
    """The EXIF orientation that shows a file with ``orientation`` turned ``rotation`` more degrees."""
    mirrored, degrees = _ORIENTATION_PARTS.get(int(orientation or 1), (False, 0))
    return _ORIENTATION_OF[(mirrored, normalised(degrees + rotation))]


def _segments(data: bytes) -> tuple[list[tuple[int, int, int]], int]:
    """(marker, start, end) of each segment before the image data, and where the scan begins."""
    if not data.startswith(_SOI):
        raise ValueError("not a JPEG file")
    pos = len(_SOI)
    found: list[tuple[int, int, int]] = []
    while pos + 4 <= len(data) and data[pos] == 0xFF:
        marker = data[pos + 1]
        if marker == _SOS:
            return found, pos
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        found.append((marker, pos, pos + 2 + length))
        pos += 2 + length
    raise ValueError("the JPEG file ends before its image data")


def reoriented_jpeg(data: bytes, rotation: int) -> bytes:
    """The JPEG ``data`` with its EXIF orientation turned ``rotation`` degrees; image data untouched."""
    segments, _scan = _segments(data)
    with Image.open(io.BytesIO(data)) as img:
        exif = img.getexif()
    exif[Base.Orientation] = combined_orientation(exif.get(Base.Orientation), rotation)
    payload = exif.tobytes()
    if not payload.startswith(_EXIF_HEADER):  # Pillow adds the header itself (since 8.x)
        payload = _EXIF_HEADER + payload
    if len(payload) + 2 > 0xFFFF:  # one segment's length field is 16 bits
        raise ValueError("the EXIF data is too large to rewrite")
    app1 = b"\xff" + bytes([_APP1]) + struct.pack(">H", len(payload) + 2) + payload
    old = next(
        (
            (start, end)
            for marker, start, end in segments
            if marker == _APP1 and data[start + 4 : start + 4 + len(_EXIF_HEADER)] == _EXIF_HEADER
        ),
        None,
    )
    if old is not None:
        return data[: old[0]] + app1 + data[old[1] :]
    # No EXIF yet: after the JFIF header where there is one (APP0 must come first), else after SOI.
    after = segments[0][2] if segments and segments[0][0] == 0xE0 else len(_SOI)
    return data[:after] + app1 + data[after:]


def turned_copy(data: bytes, image_format: str | None, rotation: int) -> bytes | None:
    """The bytes of a copy of a photo turned ``rotation`` degrees, or None where it is kept as it is.

    None for no rotation and for formats that cannot be turned without losing quality.
    """
    if not normalised(rotation):
        return None
    fmt = (image_format or "").upper()
    if fmt in ("JPEG", "MPO"):
        return reoriented_jpeg(data, rotation)
    if fmt in LOSSLESS_FORMATS:
        with Image.open(io.BytesIO(data)) as img:
            if getattr(img, "n_frames", 1) > 1:
                return None  # an animation or a multi-page file: turning one frame drops the rest
            upright = ImageOps.exif_transpose(img)
            turned = upright.rotate(
                -normalised(rotation), expand=True
            )  # Pillow turns anticlockwise
            out = io.BytesIO()
            turned.save(out, fmt, **_kept_metadata(img, fmt))
        return out.getvalue()
    return None


def _kept_metadata(img: Image.Image, fmt: str) -> dict[str, object]:
    """Save options that carry the source's text chunks (PNG) and ICC profile into the copy."""
    options: dict[str, object] = {}
    if img.info.get("icc_profile"):
        options["icc_profile"] = img.info["icc_profile"]
    if fmt == "PNG":
        from PIL.PngImagePlugin import PngInfo

        info = PngInfo()
        for key, value in getattr(img, "text", {}).items():
            if isinstance(value, str):
                info.add_itxt(key, value)
        options["pnginfo"] = info
    return options
