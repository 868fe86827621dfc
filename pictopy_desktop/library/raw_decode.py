"""Camera RAW files (CR2, CR3, NEF, ARW, DNG, ORF, RAF, RW2) through LibRaw (``rawpy``).

Indexing never develops a RAW: thumbnails and analysis use the full-size preview the
camera embedded (``extract_thumb``, a JPEG decode), which costs a fraction of a
development. ``develop_raw`` does the full development, for the viewer at 100 % only, in
a worker. EXIF (date, time zone, camera, GPS, orientation) is read from the RAW itself
with exiv2, which knows every one of these containers (CR3 and RAF included, which
Pillow cannot open).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError

from pictopy_desktop.errors import ImageReadError
from pictopy_desktop.library.image_decode import (
    ANALYSIS_MAX_SIDE,
    MAX_PIXELS,
    DecodedImage,
    open_regular,
    parse_utc_offset,
    read_head,
)
from pictopy_desktop.library.photo_files import photo_read_errors

log = logging.getLogger(__name__)

RAW_EXTENSIONS = {".cr2", ".cr3", ".nef", ".arw", ".dng", ".orf", ".raf", ".rw2"}

# The largest RAW read: medium-format files reach about 250 MB; a RAW name on anything
# far bigger is not a photo, and reading it whole would cost that much memory per worker.
MAX_RAW_BYTES = 1 << 30

# LibRaw's ``sizes.flip`` as the EXIF orientation that turns the stored pixels upright.
_FLIP_TO_ORIENTATION = {0: 1, 3: 3, 5: 8, 6: 6}


@dataclass(frozen=True)
class RawExif:
    """What the RAW's own EXIF says (each None when absent or unreadable)."""

    taken_at: dt.datetime | None = None
    utc_offset_min: int | None = None
    make: str | None = None
    model: str | None = None
    lens: str | None = None
    latitude: float | None = None
    longitude: float | None = None

    @property
    def camera(self) -> str | None:
        """ "Make Model" without the make repeated (Canon writes "Canon" + "Canon EOS R5")."""
        make, model = (self.make or "").strip(), (self.model or "").strip()
        if model.lower().startswith(make.lower()):
            return model or None
        return f"{make} {model}".strip() or None


def raw_format_of(head: bytes) -> str | None:
    """The RAW format these first bytes announce where they set it apart from a TIFF, or None.

    NEF, ARW and DNG are plain TIFFs by their first bytes: those are known by extension.
    """
    if head.startswith(b"FUJIFILMCCD-RAW"):
        return "RAF"
    if head[4:12] == b"ftypcrx ":
        return "CR3"
    if head.startswith((b"IIRO", b"IIRS", b"MMOR")):
        return "ORF"
    if head.startswith(b"IIU\x00"):
        return "RW2"
    if head.startswith(b"II*\x00") and head[8:10] == b"CR":
        return "CR2"
    return None


def is_raw_candidate(path: Path) -> bool:
    """A RAW by extension, else by content (one read of the first bytes)."""
    return path.suffix.lower() in RAW_EXTENSIONS or raw_format_of(read_head(path)) is not None


def _read_file(path: Path) -> bytes:
    """The whole file, read through a checked non-blocking descriptor (a pipe is refused)."""
    try:
        with photo_read_errors(), open_regular(path) as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_RAW_BYTES:
                raise ImageReadError(
                    f"RAW file too large to read safely ({size // (1 << 20)} MB, "
                    f"limit {MAX_RAW_BYTES // (1 << 20)} MB)"
                )
            data = fh.read()
    except OSError as exc:
        raise ImageReadError(f"cannot read file ({exc.strerror or exc})") from None
    if not data:
        raise ImageReadError("empty file (0 bytes)")
    return data


_UNSUPPORTED = "not a RAW file LibRaw can read (unsupported camera or damaged)"


@contextmanager
def _libraw_errors() -> Iterator[None]:
    """What else LibRaw or a decoder raises while a RAW is read, as an ``ImageReadError``:
    a LibRaw or decoder bug must cost one photo (or one comparison), not the run."""
    try:
        yield
    except ImageReadError:
        raise
    except MemoryError:
        raise ImageReadError("not enough memory to read this RAW file") from None
    except Exception as exc:
        raise ImageReadError(f"could not read the RAW file ({type(exc).__name__}: {exc})") from None


def _upright(rgb: np.ndarray, orientation: int) -> np.ndarray:
    """``rgb`` turned as the EXIF ``orientation`` (1, 3, 6 or 8) says."""
    if orientation in _TRANSPOSE:
        return np.asarray(Image.fromarray(rgb).transpose(_TRANSPOSE[orientation]))
    return rgb


def _open_raw(data: bytes):
    """A ``rawpy.RawPy`` on the file's bytes; LibRaw's refusal becomes an ``ImageReadError``."""
    import rawpy

    try:
        return rawpy.imread(io.BytesIO(data))
    except rawpy.LibRawFileUnsupportedError:
        raise ImageReadError(_UNSUPPORTED) from None
    except rawpy.LibRawError as exc:
        raise ImageReadError(f"corrupt RAW file ({type(exc).__name__}: {exc})") from None


# ------------------------------------------------------------------ EXIF


def _exif_date(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    for fmt in ("%Y:%m:%d %H:%M:%S", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(text.strip()[:19], fmt)
        except ValueError:
            continue
    return None


def _gps_coordinate(exif, key: str, ref_key: str) -> float | None:
    datum = _datum(exif, key)
    if datum is None or datum.count() != 3:
        return None
    try:
        degrees = sum(datum.toFloat(i) / 60**i for i in range(3))
    except (ValueError, ZeroDivisionError, OverflowError):
        return None
    ref = _text(exif, ref_key)
    if ref and ref.strip().upper() in ("S", "W"):
        degrees = -degrees
    return degrees


def _datum(exif, key: str):
    import exiv2

    found = exif.findKey(exiv2.ExifKey(key))
    return None if found == exif.end() else found


def _text(exif, key: str) -> str | None:
    datum = _datum(exif, key)
    if datum is None:
        return None
    text = datum.toString().strip().strip("\x00").strip()
    return text or None


def read_raw_exif(data: bytes) -> RawExif:
    """Date, time zone, camera, lens and GPS from a RAW file's bytes (an empty ``RawExif`` when unreadable)."""
    import exiv2

    from pictopy_desktop.library.metadata.exiv2_lib import parsed

    try:
        image = parsed(data)
        exif = image.exifData()
        taken = _exif_date(_text(exif, "Exif.Photo.DateTimeOriginal")) or _exif_date(
            _text(exif, "Exif.Image.DateTimeOriginal")
        )
        offset_key = "Exif.Photo.OffsetTimeOriginal"
        if taken is None:
            taken = _exif_date(_text(exif, "Exif.Image.DateTime"))
            offset_key = "Exif.Photo.OffsetTime"
        lat = _gps_coordinate(exif, "Exif.GPSInfo.GPSLatitude", "Exif.GPSInfo.GPSLatitudeRef")
        lon = _gps_coordinate(exif, "Exif.GPSInfo.GPSLongitude", "Exif.GPSInfo.GPSLongitudeRef")
    except (exiv2.Exiv2Error, ValueError, OverflowError):
        return RawExif()
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        lat = lon = None
    elif lat == 0 and lon == 0:  # what a camera with no fix writes
        lat = lon = None
    return RawExif(
        taken_at=taken,
        utc_offset_min=parse_utc_offset(_text(exif, offset_key)) if taken else None,
        make=_text(exif, "Exif.Image.Make"),
        model=_text(exif, "Exif.Image.Model"),
        lens=_text(exif, "Exif.Photo.LensModel"),
        latitude=lat,
        longitude=lon,
    )


_EXIV2_TEXT = 2  # exiv2's TypeId.asciiString
_EXIV2_RATIONALS = (5, 10)  # TypeId.unsignedRational, signedRational


def raw_exif_for_pillow(path: Path | str) -> Image.Exif:
    """The RAW's EXIF (its main IFD and Exif IFD) as a Pillow ``Image.Exif``, read by exiv2.

    For readers written against Pillow's EXIF by tag name (the info panel): Pillow cannot
    open CR3, RAF, ORF or RW2 files, and reads only the first IFD of the TIFF-based ones.
    Empty when the file has no EXIF exiv2 can read; raises ``ImageReadError`` when it
    cannot be read at all.
    """
    import exiv2
    from PIL.ExifTags import IFD

    from pictopy_desktop.library.metadata.exiv2_lib import parsed

    data = _read_file(Path(path))
    exif = Image.Exif()
    sub = exif.get_ifd(IFD.Exif)
    try:
        image = parsed(data)
        for datum in image.exifData():
            target = {"Image": exif, "Photo": sub}.get(datum.groupName())
            if target is None or datum.count() == 0:
                continue
            if datum.typeId() == _EXIV2_TEXT:
                value: object = datum.toString().rstrip("\x00")
            elif datum.typeId() in _EXIV2_RATIONALS:
                values = [datum.toFloat(i) for i in range(datum.count())]
                value = values[0] if len(values) == 1 else tuple(values)
            else:
                try:
                    ints = [int(datum.toInt64(i)) for i in range(datum.count())]
                except (ValueError, OverflowError):
                    continue
                value = ints[0] if len(ints) == 1 else tuple(ints)
            target[datum.tag()] = value
    except (exiv2.Exiv2Error, ValueError, OverflowError) as exc:
        log.info("No EXIF read from %s: %s", path, exc)
    return exif


# ------------------------------------------------------------------ pixels


def _preview_rgb(raw, max_side: int) -> np.ndarray:
    """The embedded preview as RGB at most ``max_side`` on its longest side, as stored (not turned)."""
    import rawpy

    try:
        thumb = raw.extract_thumb()
    except (rawpy.LibRawNoThumbnailError, rawpy.LibRawUnsupportedThumbnailError):
        raise ImageReadError("the RAW file has no preview PictoPy can show") from None
    if thumb.format == rawpy.ThumbFormat.JPEG:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                img = Image.open(io.BytesIO(thumb.data))
                img.draft(
                    "RGB", (max_side, max_side)
                )  # DCT scaling: decode at about the size wanted
                img = img.convert("RGB")
            except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
                raise ImageReadError(f"the RAW file's preview is damaged ({exc})") from None
    else:
        pixels = np.asarray(thumb.data)
        if pixels.ndim == 2:
            pixels = np.repeat(pixels[:, :, None], 3, axis=2)
        if pixels.dtype != np.uint8:  # 16-bit bitmap previews
            pixels = (pixels.astype(np.float32) * (255.0 / max(float(pixels.max()), 1.0))).astype(
                np.uint8
            )
        img = Image.fromarray(np.ascontiguousarray(pixels[:, :, :3]))
    if max(img.size) > max_side:
        img.thumbnail((max_side, max_side), Image.Resampling.BILINEAR, reducing_gap=2.0)
    return np.asarray(img, dtype=np.uint8)


_TRANSPOSE = {
    3: Image.Transpose.ROTATE_180,
    6: Image.Transpose.ROTATE_270,
    8: Image.Transpose.ROTATE_90,
}


def decode_raw(path: Path, max_side: int = ANALYSIS_MAX_SIDE) -> DecodedImage:
    """The RAW's embedded preview (upright, at most ``max_side``) and its EXIF; never a development.

    Raises ``ImageReadError`` with a reason for anything LibRaw cannot read.
    """
    data = _read_file(path)
    with _libraw_errors(), _open_raw(data) as raw:
        sizes = raw.sizes
        width, height = int(sizes.width), int(sizes.height)
        if width <= 0 or height <= 0:
            raise ImageReadError(f"invalid RAW dimensions {width}x{height}")
        if width * height > MAX_PIXELS:
            raise ImageReadError(
                f"RAW too large to read safely ({width}x{height}, "
                f"limit {MAX_PIXELS // 1_000_000} megapixels)"
            )
        orientation = _FLIP_TO_ORIENTATION.get(int(sizes.flip), 1)
        rgb = _preview_rgb(raw, max_side)
    rgb = _upright(rgb, orientation)
    if orientation in (6, 8):
        width, height = height, width
    exif = read_raw_exif(data)
    return DecodedImage(
        rgb=np.ascontiguousarray(rgb),
        width=width,
        height=height,
        format=_format_name(path, data[:32]),
        orientation=orientation,
        taken_at=exif.taken_at,
        latitude=exif.latitude,
        longitude=exif.longitude,
        utc_offset_min=exif.utc_offset_min,
    )


def raw_preview(path: Path, max_side: int = ANALYSIS_MAX_SIDE) -> np.ndarray:
    """The RAW's embedded preview, upright, at most ``max_side``: the pixels ``decode_raw``
    gives, read without loading the whole file (LibRaw seeks to the preview), to compare a
    RAW with a JPEG of the same name (``pair_check``).

    Raises ``ImageReadError`` with a reason for anything LibRaw cannot read.
    """
    import rawpy

    with _libraw_errors():
        try:
            with photo_read_errors(), open_regular(path) as fh:
                if os.fstat(fh.fileno()).st_size == 0:
                    raise ImageReadError("empty file (0 bytes)")
                # LibRaw opens the name itself: through the checked descriptor where the system
                # names one, so a pipe swapped in since the check is never opened.
                fd_path = f"/proc/self/fd/{fh.fileno()}"
                with rawpy.imread(fd_path if os.path.exists(fd_path) else os.fspath(path)) as raw:
                    orientation = _FLIP_TO_ORIENTATION.get(int(raw.sizes.flip), 1)
                    rgb = _preview_rgb(raw, max_side)
        except rawpy.LibRawFileUnsupportedError:
            raise ImageReadError(_UNSUPPORTED) from None
    return np.ascontiguousarray(_upright(rgb, orientation))


def _format_name(path: Path, head: bytes) -> str:
    """ "RAW-NEF", "RAW-CR3"…: the stored format says both that it is a RAW and which."""
    ext = os.path.splitext(os.fsdecode(path))[1].lower()
    name = ext[1:].upper() if ext in RAW_EXTENSIONS else (raw_format_of(head) or "RAW")
    return f"RAW-{name}"


def develop_raw(path: Path | str, max_side: int | None = None) -> np.ndarray:
    """The full LibRaw development of the RAW (camera white balance, 8-bit sRGB, upright).

    Slow (seconds for a 24 MP file) and large: for the viewer at 100 %, run in a worker.
    ``max_side`` scales the result down afterwards. Raises ``ImageReadError`` with a reason.
    """
    data = _read_file(Path(path))
    try:
        with _open_raw(data) as raw:
            rgb = raw.postprocess(use_camera_wb=True, output_bps=8)
    except ImageReadError:
        raise
    except MemoryError:
        raise ImageReadError("not enough memory to develop this RAW file") from None
    except Exception as exc:
        raise ImageReadError(
            f"could not develop the RAW file ({type(exc).__name__}: {exc})"
        ) from None
    if max_side is not None and max(rgb.shape[:2]) > max_side:
        img = Image.fromarray(rgb)
        img.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
        rgb = np.asarray(img)
    return np.ascontiguousarray(rgb)


def is_raw_path(path: str | os.PathLike[str]) -> bool:
    """Whether the name ends in a RAW extension (no read: for choosing what a path needs)."""
    return os.path.splitext(os.fspath(path))[1].lower() in RAW_EXTENSIONS
