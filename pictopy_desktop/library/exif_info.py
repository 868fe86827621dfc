"""Camera details for the info panel: camera, lens, exposure, aperture, ISO, focal length, time zone.

Read with Pillow's EXIF by tag NAME (``PIL.ExifTags.Base`` and ``IFD``), never by number,
from a file opened the library's safe way (regular files only, never blocking). Called
in a worker: the GUI thread never opens a photo. Pillow and the RAW reader are imported
there too: the viewer imports this module (for ``ExifInfo``) before the app's first paint.
"""

from __future__ import annotations

import logging
import numbers
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

from pictopy_desktop.errors import ImageReadError
from pictopy_desktop.library.photo_files import open_regular

if TYPE_CHECKING:
    from PIL import Image
    from PIL.ExifTags import Base

log = logging.getLogger(__name__)

_OFFSET = re.compile(r"^\s*([+-])(\d{1,2}):?(\d{2})\s*$")


@dataclass(frozen=True)
class ExifInfo:
    """What the camera wrote, formatted for people; None where the photo does not say."""

    camera: str | None = None
    lens: str | None = None
    exposure: str | None = None
    aperture: str | None = None
    iso: str | None = None
    focal_length: str | None = None
    time_zone: str | None = None

    def rows(self) -> list[tuple[str, str]]:
        """(label, value) of the details the photo has, in the panel's order."""
        labels = {
            "camera": "Camera",
            "lens": "Lens",
            "exposure": "Exposure",
            "aperture": "Aperture",
            "iso": "ISO",
            "focal_length": "Focal length",
            "time_zone": "Time zone",
        }
        return [
            (labels[f.name], getattr(self, f.name)) for f in fields(self) if getattr(self, f.name)
        ]


def format_utc_offset(minutes: int | None) -> str | None:
    """``UTC+02:00`` for 120, ``UTC−05:30`` for -330, None for None."""
    if minutes is None:
        return None
    sign = "+" if minutes >= 0 else "−"
    h, m = divmod(abs(int(minutes)), 60)
    return f"UTC{sign}{h:02d}:{m:02d}"


def parse_utc_offset(text: object) -> int | None:
    """Minutes east of UTC from an EXIF ``OffsetTime*`` value such as ``+02:00``; None if unreadable."""
    if not isinstance(text, str):
        return None
    match = _OFFSET.match(text.strip("\x00"))
    if match is None:
        return None
    sign, h, m = match.groups()
    minutes = int(h) * 60 + int(m)
    if minutes > 14 * 60:  # no place on Earth is further from UTC
        return None
    return -minutes if sign == "-" else minutes


def _text(value: object) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return None
    value = " ".join(value.replace("\x00", " ").split())
    return value or None


def _number(value: object) -> float | None:
    if isinstance(value, (tuple, list)):
        value = value[0] if value else None
    if not isinstance(value, numbers.Real):  # IFDRational, int, float
        return None
    try:
        number = float(value)
    except (ValueError, ZeroDivisionError):  # a rational with a zero denominator
        return None
    return number if number == number and number > 0 else None  # NaN and 0/0 say nothing


def _camera(make: str | None, model: str | None) -> str | None:
    if make and model and model.lower().startswith(make.split()[0].lower()):
        return model  # "Canon" + "Canon EOS 5D" is "Canon EOS 5D"
    return " ".join(p for p in (make, model) if p) or None


def _exposure(seconds: float | None) -> str | None:
    if seconds is None:
        return None
    if seconds >= 1:
        return f"{seconds:g} s"
    return f"1/{round(1 / seconds)} s" if 1 / seconds >= 1.5 else f"{seconds:.1f} s"


def _trimmed(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def exif_info_from(exif: Image.Exif, utc_offset_min: int | None = None) -> ExifInfo:
    """The details in ``exif`` (the main IFD plus its Exif IFD); ``utc_offset_min`` wins for the zone."""
    from PIL.ExifTags import IFD, Base

    sub = exif.get_ifd(IFD.Exif)

    def tag(name: Base) -> object:
        return sub.get(name, exif.get(name))

    focal = _number(tag(Base.FocalLength))
    focal35 = _number(tag(Base.FocalLengthIn35mmFilm))
    focal_text = None
    if focal is not None:
        focal_text = f"{_trimmed(focal)} mm"
        if focal35 is not None and round(focal35) != round(focal):
            focal_text += f" ({_trimmed(focal35)} mm in 35 mm terms)"
    aperture = _number(tag(Base.FNumber))
    iso = _number(tag(Base.ISOSpeedRatings))
    lens_make, lens_model = _text(tag(Base.LensMake)), _text(tag(Base.LensModel))
    zone = utc_offset_min
    if zone is None:
        zone = parse_utc_offset(tag(Base.OffsetTimeOriginal))
    if zone is None:
        zone = parse_utc_offset(tag(Base.OffsetTime))
    exposure = _number(tag(Base.ExposureTime))
    return ExifInfo(
        camera=_camera(_text(tag(Base.Make)), _text(tag(Base.Model))),
        lens=_camera(lens_make, lens_model) if lens_model else None,
        exposure=_exposure(exposure),
        aperture=f"f/{_trimmed(aperture)}" if aperture is not None else None,
        iso=str(round(iso)) if iso is not None else None,
        focal_length=focal_text,
        time_zone=format_utc_offset(zone),
    )


def read_exif_info(path: str, utc_offset_min: int | None = None) -> ExifInfo:
    """The camera details of the photo at ``path``; an empty ``ExifInfo`` when it has none.

    Raises OSError when the file cannot be opened (gone, a pipe put in its place, no access).
    """
    from PIL import Image, UnidentifiedImageError

    from pictopy_desktop.library.raw_decode import is_raw_candidate, raw_exif_for_pillow

    if is_raw_candidate(Path(path)):
        # Pillow cannot open most RAWs (CR3, RAF, ORF, RW2) and reads a NEF as a TIFF.
        try:
            return exif_info_from(raw_exif_for_pillow(path), utc_offset_min)
        except ImageReadError as exc:
            raise OSError(f"cannot read {path}: {exc}") from None
    with open_regular(path) as fh:
        try:
            with Image.open(fh) as img:
                exif = img.getexif()
        except (UnidentifiedImageError, ValueError, SyntaxError) as exc:
            # A video or a format Pillow does not know: no EXIF to show, not an error.
            log.info("No EXIF in %s: %s", path, exc)
            return ExifInfo(time_zone=format_utc_offset(utc_offset_min))
    return exif_info_from(exif, utc_offset_min)
