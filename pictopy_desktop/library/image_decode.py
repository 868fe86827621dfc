"""Reading photos: format by content, reduced-size decode, EXIF orientation and date.

Every failure becomes an ``ImageReadError`` whose message is the reason shown to the
user; nothing else escapes ``decode_image``.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import re
import struct
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError
from PIL.ExifTags import GPS, IFD, Base

from pictopy_desktop.errors import ImageReadError
from pictopy_desktop.library.memory_budget import release_free_memory
from pictopy_desktop.library.photo_files import (  # noqa: F401  (imported from here by many)
    IMAGE_EXTENSIONS,
    NotRegularFileError,
    check_regular,
    content_hash,
    file_kind,
    image_format_of,
    is_image_candidate,
    open_regular,
    photo_read_errors,
    read_head,
    sniff_format,
)
from pictopy_desktop.library.tiff_bands import read_reduced

log = logging.getLogger(__name__)

try:  # HEIC/HEIF support is optional
    from pillow_heif import register_heif_opener

    register_heif_opener()
    HEIF_AVAILABLE = True
except ImportError:  # pragma: no cover - depends on the install
    HEIF_AVAILABLE = False

# Pillow format names we index (MPO is a JPEG with extra frames, from many cameras).
SUPPORTED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "BMP", "TIFF", "GIF", "HEIF"}

# 30000x30000 is a decompression bomb, a 200 MP panorama is still a photo.
MAX_PIXELS = 200_000_000
Image.MAX_IMAGE_PIXELS = None  # we check the size ourselves, with a readable message

# Longest side of the pixels handed to thumbnails and the ML stages.
ANALYSIS_MAX_SIDE = 1280
# JPEG DCT scaling may stop at this fraction of the longest side asked for (then resized).
DRAFT_SLACK = 0.75

# An EXIF time zone: "+HH:MM" or "-HH:MM" (EXIF 2.31 OffsetTime*).
_UTC_OFFSET = re.compile(r"^([+-])(\d{2}):?(\d{2})$")


@dataclass
class DecodedImage:
    """Pixels for analysis plus the facts stored about the photo."""

    rgb: np.ndarray  # HxWx3 uint8, EXIF-rotated, longest side <= ANALYSIS_MAX_SIDE
    width: int  # full size, after EXIF rotation
    height: int
    format: str
    orientation: int
    taken_at: dt.datetime | None
    latitude: float | None = None
    longitude: float | None = None
    utc_offset_min: int | None = None  # the capture time zone (EXIF OffsetTimeOriginal)

    @property
    def scale(self) -> float:
        """Multiply coordinates in ``rgb`` by this to get full-size pixels."""
        return self.width / self.rgb.shape[1]


def _parse_exif_date(value: object) -> dt.datetime | None:
    if isinstance(value, bytes):
        value = value.decode("ascii", "ignore")
    if not isinstance(value, str):
        return None
    value = value.strip().rstrip("\x00")
    for fmt in ("%Y:%m:%d %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y:%m:%d"):
        try:
            return dt.datetime.strptime(value[:19], fmt)
        except ValueError:
            continue
    return None


def _gps_degrees(value: object, ref: object) -> float | None:
    try:
        d, m, s = (float(v) for v in value)  # type: ignore[union-attr]
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    deg = d + m / 60.0 + s / 3600.0
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "ignore")
    if isinstance(ref, str) and ref.strip().upper() in ("S", "W"):
        deg = -deg
    return deg


def read_gps(exif: Image.Exif) -> tuple[float | None, float | None]:
    """Latitude and longitude in degrees from the EXIF GPS block, if any (0,0 counts as none)."""
    try:
        gps = exif.get_ifd(IFD.GPSInfo)
    except Exception:
        return None, None
    lat = _gps_degrees(gps.get(GPS.GPSLatitude), gps.get(GPS.GPSLatitudeRef))
    lon = _gps_degrees(gps.get(GPS.GPSLongitude), gps.get(GPS.GPSLongitudeRef))
    if (
        lat is None
        or lon is None
        or not (-90 <= lat <= 90 and -180 <= lon <= 180)
        or (lat == 0 and lon == 0)
    ):
        return None, None
    return lat, lon


def parse_utc_offset(value: object) -> int | None:
    """Minutes east of UTC from an EXIF ``OffsetTime*`` value such as "+02:00" (None if absent or odd)."""
    if isinstance(value, bytes):
        value = value.decode("ascii", "ignore")
    if not isinstance(value, str):
        return None
    match = _UTC_OFFSET.match(value.strip().rstrip("\x00").strip())
    if match is None:
        return None
    sign, hours, minutes = match.groups()
    total = int(hours) * 60 + int(minutes)
    if total > 14 * 60 or int(minutes) >= 60:  # no zone is further from UTC
        return None
    return -total if sign == "-" else total


@dataclass
class ExifFacts:
    """What the indexer keeps from a photo's EXIF."""

    orientation: int = 1
    taken_at: dt.datetime | None = None
    latitude: float | None = None
    longitude: float | None = None
    utc_offset_min: int | None = None


def _read_exif(img: Image.Image) -> ExifFacts:
    try:
        exif = img.getexif()
    except Exception:  # broken EXIF must not cost the photo
        return ExifFacts()
    facts = ExifFacts()
    orientation = exif.get(Base.Orientation, 1)
    if isinstance(orientation, int) and 1 <= orientation <= 8:
        facts.orientation = orientation
    try:
        sub = exif.get_ifd(IFD.Exif)
    except Exception:
        sub = {}
    # Each date with the time zone written beside it (EXIF 2.31 OffsetTime* tags).
    for date_tag, offset_tag, ifd in (
        (Base.DateTimeOriginal, Base.OffsetTimeOriginal, sub),
        (Base.DateTimeDigitized, Base.OffsetTimeDigitized, sub),
        (Base.DateTime, Base.OffsetTime, exif),
    ):
        facts.taken_at = _parse_exif_date(ifd.get(date_tag))
        if facts.taken_at is not None:
            facts.utc_offset_min = parse_utc_offset(sub.get(offset_tag))
            break
    facts.latitude, facts.longitude = read_gps(exif)
    return facts


def _to_rgb(img: Image.Image) -> Image.Image:
    if img.mode == "RGB":
        return img  # a copy here would cost a whole image for nothing
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    if img.mode == "I;16" or img.mode.startswith("I;16") or img.mode in ("I", "F"):
        arr = np.asarray(img, dtype=np.float32)
        peak = float(arr.max()) or 1.0
        return Image.fromarray((arr * (255.0 / peak)).clip(0, 255).astype(np.uint8)).convert("RGB")
    return img.convert("RGB")


def decoded_bytes(mode: str, width: int, height: int) -> int:
    """What Pillow holds for a ``width`` x ``height`` image in ``mode``: 4 bytes a pixel but for 1-band modes."""
    if mode in ("1", "L", "P"):
        return width * height
    if mode.startswith("I;16"):
        return width * height * 2
    return width * height * 4


# Above this a full-size decode is "huge": a TIFF is then read in bands, anything else
# decodes whole but never beside another huge decode (HUGE_DECODE_SLOTS).
HUGE_DECODE_BYTES = 128 * 1024 * 1024
# One huge decode at a time: two 190 MP images side by side would double the peak.
HUGE_DECODE_SLOTS = threading.BoundedSemaphore(1)


def _pillow_orients_tiff() -> bool:
    """Whether this Pillow turns a TIFF upright itself while loading (and reports its size turned)."""
    exif = Image.Exif()
    exif[Base.Orientation] = 6
    buf = io.BytesIO()
    Image.new("L", (2, 1)).save(buf, "TIFF", exif=exif)
    buf.seek(0)
    with Image.open(buf) as probe:
        return probe.size == (1, 2)


_PILLOW_ORIENTS_TIFF = _pillow_orients_tiff()

_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
# Modes Pillow shrinks well as they are: shrinking before the RGB conversion keeps that
# conversion from copying a full-size image. Palette and 16-bit modes convert first.
_SHRINK_FIRST = {"RGB", "RGBA", "L", "LA", "CMYK", "RGBX", "YCbCr", "I", "F"}


def _shrink(img: Image.Image, max_side: int, sharp: bool = False) -> Image.Image:
    """``img`` as RGB with its longest side at most ``max_side`` (``sharp``: see ``decode_image``)."""
    if img.mode not in _SHRINK_FIRST:
        img = _to_rgb(img)
    if max(img.size) > max_side:
        # Lanczos for pixels that are shown; after a cheap integer reduce where far larger.
        resample = Image.Resampling.LANCZOS if sharp else Image.Resampling.BILINEAR
        img.thumbnail((max_side, max_side), resample, reducing_gap=3.0 if sharp else 2.0)
    return _to_rgb(img)


def _huge_progressive(img: Image.Image, fmt: str, full_w: int, full_h: int) -> bool:
    """A progressive JPEG makes libjpeg keep every coefficient, whatever the draft: ~3 bytes a pixel."""
    progressive = img.info.get("progressive") or img.info.get("progression")
    return fmt in ("JPEG", "MPO") and bool(progressive) and full_w * full_h * 3 > HUGE_DECODE_BYTES


def _reduced_pixels(
    img: Image.Image, path: Path, fmt: str, max_side: int, sharp: bool = False
) -> tuple[Image.Image, bool]:
    """The open image decoded at (about) analysis size, holding as little full-size data as the
    format allows, and whether Pillow already turned it upright (TIFFs, in newer Pillow)."""
    upright = fmt == "TIFF" and _PILLOW_ORIENTS_TIFF
    full_w, full_h = img.size
    if fmt in ("JPEG", "MPO"):
        # DCT scaling decodes at 1/2, 1/4 or 1/8 for a fraction of the cost. Accepting
        # down to 3/4 of max_side lets a 12 MP photo decode at 1/4 (1000 px) rather
        # than at 1/2 and then be resized: about half the decoding time. Pixels that
        # are shown (sharp) are never scaled below the size asked for.
        s = (1.0 if sharp else DRAFT_SLACK) * max_side / max(full_w, full_h)
        if s < 1:
            img.draft("RGB", (max(1, int(full_w * s)), max(1, int(full_h * s))))
    if decoded_bytes(img.mode, *img.size) <= HUGE_DECODE_BYTES and not _huge_progressive(
        img, fmt, full_w, full_h
    ):
        img.load()
        return _shrink(img, max_side, sharp), upright
    if fmt == "TIFF":
        factor = max(1, max(full_w, full_h) // max_side)
        try:
            banded = read_reduced(img, factor)
        except (OSError, ValueError, SyntaxError, struct.error) as exc:
            # Whatever the bands could not read, the whole-image path below reads or reports.
            log.info("Reading %s in bands failed (%s); decoding it whole", path, exc)
            banded = None
        if banded is not None:
            return _shrink(banded, max_side, sharp), False  # the bands are read as stored
    with HUGE_DECODE_SLOTS:
        img.load()
        small = _shrink(img, max_side, sharp)
        # Before the slot opens to the next huge decode: the pages this one freed would
        # otherwise stay resident in this thread's malloc arena beside the next one's.
        release_free_memory()
        return small, upright


def decode_image(
    path: Path, max_side: int = ANALYSIS_MAX_SIDE, sharp: bool = False
) -> DecodedImage:
    """Decode ``path`` once at reduced size; raise ``ImageReadError`` with a reason.

    ``sharp``: the pixels are shown as they are (a thumbnail), so a JPEG is DCT-scaled no
    smaller than ``max_side`` and the last resize is Lanczos; otherwise (the models' input)
    the cheaper bilinear, from down to ``DRAFT_SLACK`` of ``max_side``.

    Memory stays bounded: JPEGs decode scaled down, huge TIFFs band by band, and other
    huge images one at a time (``HUGE_DECODE_SLOTS``).
    """
    huge = False
    try:
        # Opened here, non-blocking and checked on the descriptor: a pipe swapped in for the
        # photo since the scan is refused at once instead of waiting for a writer forever.
        with photo_read_errors(), open_regular(path) as fh, warnings.catch_warnings():
            if os.fstat(fh.fileno()).st_size == 0:
                raise ImageReadError("empty file (0 bytes)")
            warnings.simplefilter("ignore")
            with Image.open(fh) as img:
                fmt = img.format or "?"
                if fmt not in SUPPORTED_FORMATS:
                    raise ImageReadError(f"unsupported image format {fmt}")
                full_w, full_h = img.size
                if full_w <= 0 or full_h <= 0:
                    raise ImageReadError(f"invalid image dimensions {full_w}x{full_h}")
                if full_w * full_h > MAX_PIXELS:
                    raise ImageReadError(
                        f"image too large to decode safely ({full_w}x{full_h}, "
                        f"limit {MAX_PIXELS // 1_000_000} megapixels)"
                    )
                # Pillow's PNG reads every pixel to find an eXIf chunk stored after them: a huge
                # PNG would then decode outside HUGE_DECODE_SLOTS. Its EXIF is read after the pixels.
                exif_first = fmt != "PNG"
                if exif_first:
                    facts = _read_exif(img)
                if fmt == "TIFF" and _PILLOW_ORIENTS_TIFF and facts.orientation in (5, 6, 7, 8):
                    full_w, full_h = full_h, full_w  # Pillow reports it turned: the size as stored
                img.seek(0)
                huge = decoded_bytes(img.mode, full_w, full_h) > HUGE_DECODE_BYTES
                rgb, upright = _reduced_pixels(img, path, fmt, max_side, sharp)
                if not exif_first:
                    facts = _read_exif(img)
                if (
                    facts.orientation in _TRANSPOSE and not upright
                ):  # turning the small image is far cheaper
                    rgb = rgb.transpose(_TRANSPOSE[facts.orientation])
                pixels = np.asarray(rgb, dtype=np.uint8)
    except ImageReadError:
        raise
    except UnidentifiedImageError:
        raise ImageReadError("not an image, or an image format PictoPy cannot read") from None
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError) as exc:
        text = str(exc) or type(exc).__name__
        if "truncated" in text.lower():
            raise ImageReadError("truncated or corrupt image data") from None
        raise ImageReadError(f"corrupt image ({text})") from None
    except MemoryError:
        raise ImageReadError("not enough memory to decode this image") from None
    except Exception as exc:  # a decoder bug must cost one photo, not the run
        raise ImageReadError(f"could not decode ({type(exc).__name__}: {exc})") from None
    finally:
        if (
            huge
        ):  # all full-size pixels are freed by now (a converted image's source too): give them back
            release_free_memory()
    if pixels.ndim != 3 or pixels.shape[2] != 3 or pixels.size == 0:
        raise ImageReadError("decoded to no usable pixels")
    if facts.orientation in (5, 6, 7, 8):
        full_w, full_h = full_h, full_w
    return DecodedImage(
        rgb=np.ascontiguousarray(pixels),
        width=full_w,
        height=full_h,
        format=fmt if fmt != "MPO" else "JPEG",
        orientation=facts.orientation,
        taken_at=facts.taken_at,
        latitude=facts.latitude,
        longitude=facts.longitude,
        utc_offset_min=facts.utc_offset_min,
    )
