"""Small real camera RAW files and phone videos, made with maintained writers.

- ``make_dng``: a DNG (Adobe's open RAW format, which LibRaw reads like any camera's)
  written by ``tifffile``: a full-size 8-bit RGB preview in IFD 0 and the Bayer (RGGB)
  sensor data in a SubIFD, as DNG 1.4 lays them out; then exiv2 writes the EXIF a camera
  would (capture time and zone, make/model, orientation, GPS).
- ``make_phone_mp4``: an Android-style MP4 written by PyAV (FFmpeg): the ``mvhd``
  creation time in UTC; mutagen then adds the ``©xyz`` ISO 6709 location atom.
- ``make_iphone_mov``: an iPhone-style QuickTime MOV written by PyAV with Apple's
  ``com.apple.quicktime.creationdate`` (local time with its zone) and
  ``com.apple.quicktime.location.ISO6709`` keys.

``python -m tests.media_samples DIR`` writes the files kept in ``tests/sample_library``.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import numpy as np

# DNG tags tifffile does not name (TIFF tag numbers from the DNG 1.4 specification).
_DNG_VERSION = 50706
_DNG_BACKWARD_VERSION = 50707
_UNIQUE_CAMERA_MODEL = 50708
_COLOR_MATRIX_1 = 50721
_AS_SHOT_NEUTRAL = 50728
_CALIBRATION_ILLUMINANT_1 = 50778
_CFA_REPEAT_PATTERN_DIM = 33421
_CFA_PATTERN = 33422
_BLACK_LEVEL = 50714
_WHITE_LEVEL = 50717
_PHOTOMETRIC_CFA = 32803
_D65 = 21
_WHITE = 4000


def scene(width: int, height: int, seed: int = 0) -> np.ndarray:
    """A deterministic RGB picture: gradients and a red block, different per ``seed``."""
    y, x = np.mgrid[0:height, 0:width]
    rgb = np.stack(
        [
            (x * 255 // width + seed * 40) % 256,
            y * 255 // height,
            (x + y) * 255 // (width + height),
        ],
        axis=-1,
    ).astype(np.uint8)
    rgb[height // 4 : height // 2, width // 3 : width // 2] = (220, 40, 40)
    return rgb


def _mosaic(rgb: np.ndarray) -> np.ndarray:
    """The RGGB Bayer samples a sensor would record for ``rgb`` (linear, 12-bit range)."""
    linear = (rgb.astype(np.float32) / 255.0) ** 2.2 * _WHITE
    cfa = np.zeros(rgb.shape[:2], np.uint16)
    cfa[0::2, 0::2] = linear[0::2, 0::2, 0]
    cfa[0::2, 1::2] = linear[0::2, 1::2, 1]
    cfa[1::2, 0::2] = linear[1::2, 0::2, 1]
    cfa[1::2, 1::2] = linear[1::2, 1::2, 2]
    return cfa


def _exif_rational_dms(value: float) -> str:
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60 * 100)
    return f"{degrees}/1 {minutes}/1 {seconds}/100"


def make_dng(
    path: Path,
    taken_at: dt.datetime | None = dt.datetime(2019, 6, 15, 12, 30, 0),
    offset: str | None = "+02:00",
    gps: tuple[float, float] | None = (48.8584, 2.2945),
    orientation: int = 1,
    size: tuple[int, int] = (96, 64),
    seed: int = 0,
    make: str = "PictoPy",
    model: str = "Test Camera",
) -> Path:
    """Write a small DNG at ``path`` (see the module docstring) and return ``path``."""
    import exiv2
    import tifffile

    width, height = size
    rgb = scene(width, height, seed)
    identity = []
    for v in (1, 0, 0, 0, 1, 0, 0, 0, 1):
        identity += [v * 10000, 10000]
    dng_tags = [
        (_DNG_VERSION, "B", 4, (1, 4, 0, 0), True),
        (_DNG_BACKWARD_VERSION, "B", 4, (1, 1, 0, 0), True),
        (_UNIQUE_CAMERA_MODEL, "s", 0, f"{make} {model}", True),
        (_COLOR_MATRIX_1, "2i", 9, identity, True),
        (_AS_SHOT_NEUTRAL, "2I", 3, [1, 1, 1, 1, 1, 1], True),
        (_CALIBRATION_ILLUMINANT_1, "H", 1, _D65, True),
    ]
    with tifffile.TiffWriter(path) as tw:
        # IFD 0: the full-size preview (NewSubfileType 1), the raw data in its SubIFD.
        tw.write(
            rgb, photometric="rgb", subfiletype=1, subifds=1, extratags=dng_tags, metadata=None
        )
        tw.write(
            _mosaic(rgb),
            photometric=_PHOTOMETRIC_CFA,
            subfiletype=0,
            metadata=None,
            extratags=[
                (_CFA_REPEAT_PATTERN_DIM, "H", 2, (2, 2), True),
                (_CFA_PATTERN, "B", 4, (0, 1, 1, 2), True),
                (_BLACK_LEVEL, "H", 1, 0, True),
                (_WHITE_LEVEL, "H", 1, _WHITE, True),
            ],
        )
    image = exiv2.ImageFactory.open(str(path))
    image.readMetadata()
    exif = image.exifData()
    exif["Exif.Image.Make"] = make
    exif["Exif.Image.Model"] = model
    exif["Exif.Image.Software"] = "PictoPy test samples"
    exif["Exif.Image.Orientation"] = exiv2.UShortValue(orientation)
    # What the info panel shows: exposure, aperture, ISO, focal length, lens.
    exif["Exif.Photo.ExposureTime"] = "1/250"
    exif["Exif.Photo.FNumber"] = "28/10"
    exif["Exif.Photo.ISOSpeedRatings"] = exiv2.UShortValue(400)
    exif["Exif.Photo.FocalLength"] = "35/1"
    exif["Exif.Photo.LensModel"] = "Test 35mm F2.8"
    if taken_at is not None:
        exif["Exif.Photo.DateTimeOriginal"] = taken_at.strftime("%Y:%m:%d %H:%M:%S")
        if offset is not None:
            exif["Exif.Photo.OffsetTimeOriginal"] = offset
    if gps is not None:
        lat, lon = gps
        exif["Exif.GPSInfo.GPSVersionID"] = "2 3 0 0"
        exif["Exif.GPSInfo.GPSLatitudeRef"] = "N" if lat >= 0 else "S"
        exif["Exif.GPSInfo.GPSLatitude"] = _exif_rational_dms(abs(lat))
        exif["Exif.GPSInfo.GPSLongitudeRef"] = "E" if lon >= 0 else "W"
        exif["Exif.GPSInfo.GPSLongitude"] = _exif_rational_dms(abs(lon))
    image.writeMetadata()
    return path


def make_jpeg(
    path: Path,
    taken_at: dt.datetime | None = dt.datetime(2019, 6, 15, 12, 30, 0),
    size: tuple[int, int] = (96, 64),
    seed: int = 0,
) -> Path:
    """The camera's JPEG beside its RAW: the same picture, with the capture time in EXIF."""
    import piexif
    from PIL import Image

    exif = {"0th": {piexif.ImageIFD.Make: b"PictoPy"}, "Exif": {}}
    if taken_at is not None:
        exif["Exif"][piexif.ExifIFD.DateTimeOriginal] = taken_at.strftime("%Y:%m:%d %H:%M:%S")
    Image.fromarray(scene(*size, seed=seed)).save(path, "JPEG", quality=80, exif=piexif.dump(exif))
    return path


def _write_frames(container, size: tuple[int, int], frames: int) -> None:
    import av

    stream = container.add_stream("mpeg4", rate=10)
    stream.width, stream.height = size
    stream.pix_fmt = "yuv420p"
    for i in range(frames):
        frame = np.zeros((size[1], size[0], 3), np.uint8)
        frame[:] = (i * 10 % 256, 100, 200 - i * 5 % 200)
        for packet in stream.encode(av.VideoFrame.from_ndarray(frame, format="rgb24")):
            container.mux(packet)
    for packet in stream.encode():
        container.mux(packet)


def make_phone_mp4(
    path: Path,
    created_utc: dt.datetime = dt.datetime(2021, 8, 1, 7, 15, 0),
    location: str | None = "+35.6595+139.7005/",
    size: tuple[int, int] = (96, 64),
    frames: int = 20,
) -> Path:
    """An Android-style MP4: creation time in UTC in the movie header, ``©xyz`` location."""
    import av
    from mutagen.mp4 import MP4

    with av.open(str(path), "w", format="mp4") as container:
        container.metadata["creation_time"] = created_utc.strftime("%Y-%m-%dT%H:%M:%S.000000Z")
        _write_frames(container, size, frames)
    if location is not None:
        tagged = MP4(path)
        if tagged.tags is None:
            tagged.add_tags()
        tagged["©xyz"] = [location]
        tagged.save()
    return path


def make_iphone_mov(
    path: Path,
    created_local: str = "2022-03-20T18:45:10+0900",
    created_utc: dt.datetime = dt.datetime(2022, 3, 20, 9, 45, 10),
    location: str | None = "+35.0116+135.7681+045.000/",
    size: tuple[int, int] = (96, 64),
    frames: int = 20,
) -> Path:
    """An iPhone-style MOV: Apple's creation date with its zone and its ISO 6709 location key."""
    import av

    options = {"movflags": "use_metadata_tags"}  # Apple's keys go in the 'mdta' metadata box
    with av.open(str(path), "w", format="mov", options=options) as container:
        container.metadata["creation_time"] = created_utc.strftime("%Y-%m-%dT%H:%M:%S.000000Z")
        container.metadata["com.apple.quicktime.creationdate"] = created_local
        if location is not None:
            container.metadata["com.apple.quicktime.location.ISO6709"] = location
        _write_frames(container, size, frames)
    return path


def make_matroska(
    path: Path,
    created_utc: dt.datetime = dt.datetime(2018, 2, 3, 4, 5, 6),
    location: str | None = "+51.5007-000.1246/",
    size: tuple[int, int] = (96, 64),
    frames: int = 10,
) -> Path:
    """A Matroska (MKV/WebM) video with its recording date in UTC and an ISO 6709 location tag."""
    import av

    with av.open(str(path), "w", format="matroska") as container:
        container.metadata["creation_time"] = created_utc.strftime("%Y-%m-%dT%H:%M:%S.000000Z")
        if location is not None:
            container.metadata["location"] = location
        _write_frames(container, size, frames)
    return path


def write_samples(folder: Path) -> list[Path]:
    """The RAW and video files of ``tests/sample_library`` (see its README)."""
    folder.mkdir(parents=True, exist_ok=True)
    # A RAW+JPEG pair shot in Paris, and a lone RAW turned on its side, shot in Tokyo.
    made = [
        make_jpeg(folder / "paris_pair.jpg", dt.datetime(2019, 6, 15, 12, 30, 0)),
        make_dng(folder / "paris_pair.dng", dt.datetime(2019, 6, 15, 12, 30, 0), "+02:00"),
        make_dng(
            folder / "tokyo_raw.dng",
            dt.datetime(2021, 8, 2, 9, 0, 0),
            "+09:00",
            gps=(35.6595, 139.7005),
            orientation=6,
            seed=3,
        ),
        make_phone_mp4(folder / "phone_android.mp4"),
        make_iphone_mov(folder / "phone_iphone.mov"),
    ]
    return made


if __name__ == "__main__":  # pragma: no cover - a maintenance script
    for written in write_samples(Path(sys.argv[1])):
        print(written, written.stat().st_size, "bytes")
