"""The info panel's camera details come from EXIF tags read by name."""

from __future__ import annotations

import piexif
from PIL import Image as PILImage

from pictopy_desktop.library.exif_info import (
    ExifInfo,
    format_utc_offset,
    parse_utc_offset,
    read_exif_info,
)


def test_real_camera_photos(shared_photos_dir) -> None:
    kite = read_exif_info(str(shared_photos_dir / "darknet" / "kite.jpg"))
    assert kite.camera == "Canon EOS REBEL T1i"
    assert kite.lens.startswith("Tamron SP AF 28-75mm")
    assert (kite.exposure, kite.aperture, kite.iso, kite.focal_length) == (
        "1/640 s",
        "f/13",
        "800",
        "28 mm",
    )
    eagle = read_exif_info(str(shared_photos_dir / "darknet" / "eagle.jpg"))
    assert eagle.camera == "PENTAX K-5"
    assert eagle.focal_length == "135 mm (202 mm in 35 mm terms)"
    assert [label for label, _ in eagle.rows()] == [
        "Camera",
        "Exposure",
        "Aperture",
        "ISO",
        "Focal length",
    ]


def test_time_zone_from_offset_time_original_or_the_library(tmp_path, shared_photos_dir) -> None:
    src = shared_photos_dir / "darknet" / "dog.jpg"
    exif = piexif.load(str(src))
    exif["Exif"][piexif.ExifIFD.OffsetTimeOriginal] = b"-05:30"
    dest = tmp_path / "zoned.jpg"
    PILImage.open(src).save(dest, "JPEG", exif=piexif.dump(exif))
    assert read_exif_info(str(dest)).time_zone == "UTC−05:30"
    assert read_exif_info(str(dest), utc_offset_min=120).time_zone == "UTC+02:00"


def test_a_photo_without_exif_and_a_file_that_is_no_image(tmp_path) -> None:
    plain = tmp_path / "plain.png"
    PILImage.new("RGB", (8, 8)).save(plain)
    assert read_exif_info(str(plain)) == ExifInfo()
    video = tmp_path / "clip.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64)
    assert read_exif_info(str(video), utc_offset_min=60).rows() == [("Time zone", "UTC+01:00")]


def test_offsets_parse_and_format() -> None:
    assert parse_utc_offset("+02:00") == 120
    assert parse_utc_offset("-0330") == -210
    assert parse_utc_offset("+99:00") is None and parse_utc_offset(b"+01:00") is None
    assert parse_utc_offset("   :  ") is None
    assert format_utc_offset(0) == "UTC+00:00" and format_utc_offset(None) is None
