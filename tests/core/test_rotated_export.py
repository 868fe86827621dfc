"""Exported copies are turned as the library shows them; the photo's own file never changes."""

from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image as PILImage
from PIL import ImageOps
from PIL.ExifTags import Base

from pictopy_desktop.library import rotation, transfer
from pictopy_desktop.library.exif_info import read_exif_info
from pictopy_desktop.library.rotated_export import combined_orientation, reoriented_jpeg
from pictopy_desktop.library.service import Library
from pictopy_desktop.storage.tables import Image
from tests.core.image_factory import save_with_exif


def _upright_size(path) -> tuple[int, int]:
    with PILImage.open(path) as img:
        return ImageOps.exif_transpose(img).size


def _jpeg_scan(data: bytes) -> bytes:
    """The compressed picture of a JPEG: everything from its start-of-scan marker on."""
    return data[data.index(b"\xff\xda") :]


def test_export_turns_jpeg_losslessly_and_png_by_pixels(
    photo_copy, data_dir, no_models, tmp_path
) -> None:
    folder = photo_copy("darknet/kite.jpg", "darknet/dog.jpg")
    PILImage.open(folder / "dog.jpg").convert("RGB").save(folder / "dog.png")
    (folder / "dog.jpg").unlink()
    originals = {p.name: p.read_bytes() for p in folder.iterdir()}
    with Library(data_dir) as lib:
        lib.index([folder])
        kite = Image.get(Image.path == str(folder / "kite.jpg"))
        png = Image.get(Image.path == str(folder / "dog.png"))
        rotation.rotate([kite.id], 1)
        rotation.rotate([png.id], -1)
        report = transfer.copy_photos([kite.id, png.id], tmp_path / "out")
    assert not report.failed and not report.not_turned
    out_kite, out_png = tmp_path / "out" / "kite.jpg", tmp_path / "out" / "dog.png"
    w, h = _upright_size(folder / "kite.jpg")
    assert _upright_size(out_kite) == (h, w)
    # Not re-compressed: the same picture bytes, only the orientation tag differs.
    assert _jpeg_scan(out_kite.read_bytes()) == _jpeg_scan(originals["kite.jpg"])
    with PILImage.open(out_kite) as img:
        assert img.getexif()[Base.Orientation] == 6
    assert read_exif_info(str(out_kite)).camera == "Canon EOS REBEL T1i"  # the rest of EXIF kept
    pw, ph = _upright_size(folder / "dog.png")
    assert _upright_size(out_png) == (ph, pw)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == originals


def test_a_jpeg_without_exif_gets_an_orientation(tmp_path, shared_photos_dir) -> None:
    plain = tmp_path / "plain.jpg"
    PILImage.open(shared_photos_dir / "darknet" / "eagle.jpg").save(plain, "JPEG")
    data = plain.read_bytes()
    turned = reoriented_jpeg(data, 180)
    with PILImage.open(io.BytesIO(turned)) as img:
        assert img.getexif()[Base.Orientation] == 3
    assert hashlib.sha256(_jpeg_scan(turned)).digest() == hashlib.sha256(_jpeg_scan(data)).digest()


@pytest.mark.parametrize(
    ("orientation", "turn", "expected"),
    [(1, 90, 6), (6, 90, 3), (8, 90, 1), (3, 270, 6), (2, 90, 7), (5, 90, 2), (None, 270, 8)],
)
def test_orientations_combine(orientation, turn, expected) -> None:
    assert combined_orientation(orientation, turn) == expected


def test_an_exif_rotated_photo_turns_from_how_it_is_shown(tmp_path, shared_photos_dir) -> None:
    src = save_with_exif(shared_photos_dir / "darknet" / "dog.jpg", tmp_path / "six.jpg", 6)
    w, h = _upright_size(src)
    out = tmp_path / "out.jpg"
    out.write_bytes(reoriented_jpeg(src.read_bytes(), 90))
    assert _upright_size(out) == (h, w)
