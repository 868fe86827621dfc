"""Exported copies are turned as the library shows them; the photo's own file never changes."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

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


def _exiv2_tags(path) -> dict[str, str]:
    """EXIF as exiv2 (another program than Pillow) reads it from ``path``."""
    import exiv2

    image = exiv2.ImageFactory.open(str(path))
    image.readMetadata()
    return {d.key(): d.toString() for d in image.exifData()}


def test_a_turned_jpeg_keeps_exif_other_programs_read(tmp_path, data_dir, no_models) -> None:
    piexif = pytest.importorskip("piexif")
    folder = tmp_path / "photos"
    folder.mkdir()
    src = folder / "gps.jpg"
    exif = {
        "0th": {piexif.ImageIFD.Make: b"Cam", piexif.ImageIFD.Orientation: 6},
        "Exif": {piexif.ExifIFD.DateTimeOriginal: b"2020:01:02 03:04:05"},
        "GPS": {
            piexif.GPSIFD.GPSLatitudeRef: b"N",
            piexif.GPSIFD.GPSLatitude: ((48, 1), (51, 1), (0, 1)),
            piexif.GPSIFD.GPSLongitudeRef: b"E",
            piexif.GPSIFD.GPSLongitude: ((2, 1), (17, 1), (0, 1)),
        },
    }
    PILImage.new("RGB", (80, 50), "teal").save(src, "JPEG", exif=piexif.dump(exif))
    with Library(data_dir) as lib:
        lib.index([folder])
        photo = Image.get(Image.path == str(src))
        rotation.rotate([photo.id], 1)
        report = transfer.copy_photos([photo.id], tmp_path / "out")
    (copy,) = map(Path, report.copied)
    assert b"Exif\x00\x00Exif\x00\x00" not in copy.read_bytes()  # one header, as the standard says
    tags = _exiv2_tags(copy)
    assert tags["Exif.Image.Orientation"] == "3"  # 90 degrees (6) turned 90 more
    assert tags["Exif.Photo.DateTimeOriginal"] == "2020:01:02 03:04:05"
    assert tags["Exif.GPSInfo.GPSLatitude"] == "48/1 51/1 0/1"
    assert tags["Exif.GPSInfo.GPSLongitudeRef"] == "E"
    assert piexif.load(str(copy))["0th"][piexif.ImageIFD.Orientation] == 3


def test_animations_stay_whole_and_png_text_is_kept(tmp_path, data_dir, no_models) -> None:
    from PIL.PngImagePlugin import PngInfo

    folder = tmp_path / "photos"
    folder.mkdir()
    frames = [PILImage.new("RGB", (30, 20), c) for c in ("red", "green", "blue")]
    frames[0].save(folder / "anim.gif", save_all=True, append_images=frames[1:], duration=100)
    text = PngInfo()
    text.add_text("Description", "grandma's garden")
    PILImage.new("RGB", (30, 20), "red").save(folder / "note.png", pnginfo=text)
    gif_bytes = (folder / "anim.gif").read_bytes()
    with Library(data_dir) as lib:
        lib.index([folder])
        ids = [r.id for r in Image.select().order_by(Image.path)]
        rotation.rotate(ids, 1)
        report = transfer.copy_photos(ids, tmp_path / "out")
    assert not report.failed
    assert report.not_turned == [str(folder / "anim.gif")]
    assert (tmp_path / "out" / "anim.gif").read_bytes() == gif_bytes  # every frame, unturned
    with PILImage.open(tmp_path / "out" / "anim.gif") as gif:
        assert gif.n_frames == 3
    with PILImage.open(tmp_path / "out" / "note.png") as png:
        assert png.size == (20, 30) and png.text == {"Description": "grandma's garden"}
