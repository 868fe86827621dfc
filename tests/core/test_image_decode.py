"""Decoding photos: formats by content, EXIF orientation and date, and every bad input."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from PIL import Image

from pictopy_desktop.errors import ImageReadError
from pictopy_desktop.library.image_decode import (
    ANALYSIS_MAX_SIDE,
    decode_image,
    is_image_candidate,
    sniff_format,
)
from tests.core.image_factory import bomb_png, corrupt_copy, save_with_exif, truncated_copy


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.fixture
def dog(shared_photos_dir: Path) -> Path:
    return shared_photos_dir / "darknet" / "dog.jpg"


@pytest.mark.parametrize(
    "fmt,ext",
    [("PNG", ".png"), ("WEBP", ".webp"), ("BMP", ".bmp"), ("TIFF", ".tif"), ("GIF", ".gif")],
)
def test_formats_decode_by_content(tmp_path: Path, dog: Path, fmt: str, ext: str) -> None:
    dest = tmp_path / f"photo{ext}"
    Image.open(dog).save(dest, fmt)
    decoded = decode_image(dest)
    assert decoded.format == fmt
    assert (decoded.width, decoded.height) == Image.open(dog).size
    assert decoded.rgb.ndim == 3 and decoded.rgb.shape[2] == 3


def test_webp_named_jpg_is_read_as_webp(tmp_path: Path, dog: Path) -> None:
    dest = tmp_path / "holiday.jpg"
    Image.open(dog).save(dest, "WEBP")
    assert sniff_format(dest) == "WEBP"
    assert decode_image(dest).format == "WEBP"


def test_image_without_extension_is_a_candidate(tmp_path: Path, dog: Path) -> None:
    dest = tmp_path / "IMG0001"
    shutil.copy(dog, dest)
    assert is_image_candidate(dest)
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    assert not is_image_candidate(notes)


def test_gif_first_frame(tmp_path: Path) -> None:
    frames = [Image.new("RGB", (40, 30), c) for c in ((255, 0, 0), (0, 0, 255))]
    dest = tmp_path / "anim.gif"
    frames[0].save(dest, save_all=True, append_images=frames[1:])
    rgb = decode_image(dest).rgb
    assert rgb[15, 20, 0] > 200 and rgb[15, 20, 2] < 50  # red, the first frame


def test_exif_orientation_and_date(tmp_path: Path, dog: Path) -> None:
    w, h = Image.open(dog).size
    dest = save_with_exif(dog, tmp_path / "rotated.jpg", orientation=6, taken="2019:07:14 10:30:00")
    decoded = decode_image(dest)
    assert (decoded.width, decoded.height) == (h, w)  # rotated a quarter turn
    assert decoded.rgb.shape[0] > decoded.rgb.shape[1]
    assert decoded.orientation == 6
    assert decoded.taken_at == dt.datetime(2019, 7, 14, 10, 30)


def test_large_jpeg_decodes_reduced(tmp_path: Path, dog: Path) -> None:
    big = Image.open(dog).resize((4000, 3000))
    dest = tmp_path / "big.jpg"
    big.save(dest, "JPEG")
    decoded = decode_image(dest)
    assert (decoded.width, decoded.height) == (4000, 3000)
    assert max(decoded.rgb.shape[:2]) <= ANALYSIS_MAX_SIDE
    assert decoded.scale == pytest.approx(4000 / decoded.rgb.shape[1])


def test_alpha_png(shared_photos_dir: Path) -> None:
    decoded = decode_image(
        shared_photos_dir / "face_recognition" / "tests" / "test_images" / "32bit.png"
    )
    assert decoded.rgb.shape[2] == 3


@pytest.mark.parametrize(
    "make,reason",
    [
        (lambda d, src: _write(d / "empty.jpg", b""), "empty file"),
        (lambda d, src: _write(d / "text.jpg", b"not a photo"), "not an image"),
        (lambda d, src: truncated_copy(src, d / "truncated.jpg"), "truncated"),
        (lambda d, src: corrupt_copy(src, d / "corrupt.jpg"), ""),
        (lambda d, src: bomb_png(d / "bomb.png"), "too large"),
    ],
    ids=["zero-byte", "non-image", "truncated", "corrupt", "bomb"],
)
def test_bad_files_raise_readable_reasons(tmp_path: Path, dog: Path, make, reason: str) -> None:
    path = make(tmp_path, dog)
    with pytest.raises(ImageReadError) as info:
        decode_image(path)
    assert reason in str(info.value)
    assert str(info.value)  # always a readable reason


def test_vanished_file(tmp_path: Path) -> None:
    with pytest.raises(ImageReadError, match="vanished"):
        decode_image(tmp_path / "gone.jpg")


@pytest.mark.slow
def test_heic_from_a_phone(tmp_path: Path, dog: Path) -> None:
    pytest.importorskip("pillow_heif", reason="HEIC support comes with pillow-heif")
    dest = tmp_path / "IMG_0042.HEIC"
    Image.open(dog).save(dest, "HEIF", quality=80)
    assert sniff_format(dest) == "HEIF" and is_image_candidate(dest)
    decoded = decode_image(dest)
    assert decoded.format == "HEIF"
    assert (decoded.width, decoded.height) == Image.open(dog).size
