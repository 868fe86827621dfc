"""Camera RAW files: the embedded preview for thumbnails and analysis, EXIF from the RAW,
the full development on request, and bad RAWs reported in one sentence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from pictopy_desktop.errors import ImageReadError
from pictopy_desktop.library.folder_scanner import walk_images
from pictopy_desktop.library.media_decode import PREVIEW_SIDE, decode_media
from pictopy_desktop.library.raw_decode import (
    develop_raw,
    parse_utc_offset,
    raw_exif_for_pillow,
    raw_format_of,
    read_raw_exif,
)
from pictopy_desktop.library.service import Library
from pictopy_desktop.library.video_decode import video_container_of
from pictopy_desktop.storage.tables import Image, ImageState
from tests.media_samples import make_dng, scene


def test_dng_preview_exif_and_gps(tmp_path: Path) -> None:
    path = make_dng(tmp_path / "shot.dng", size=(96, 64), gps=(48.8584, 2.2945))
    decoded = decode_media(path)
    assert decoded.format == "RAW-DNG"
    assert (decoded.width, decoded.height) == (96, 64)
    assert decoded.rgb.shape == (64, 96, 3)
    # The embedded preview is the picture itself, not LibRaw's or Pillow's idea of a TIFF.
    assert np.abs(decoded.rgb.astype(int) - scene(96, 64).astype(int)).mean() < 2
    assert decoded.taken_at == dt.datetime(2019, 6, 15, 12, 30, 0)
    assert decoded.utc_offset_min == 120
    assert decoded.latitude == pytest.approx(48.8584, abs=1e-4)
    assert decoded.longitude == pytest.approx(2.2945, abs=1e-4)


def test_raw_preview_for_browsing_is_the_thumbnail_size(tmp_path: Path) -> None:
    """Phase one gets a RAW's preview at the thumbnail's size, resized sharp from a larger read."""
    path = make_dng(tmp_path / "big.dng", size=(900, 600))
    decoded = decode_media(path)
    assert (decoded.width, decoded.height) == (900, 600)
    assert decoded.rgb.shape[1] == PREVIEW_SIDE and abs(decoded.rgb.shape[0] - 213) <= 1
    assert decode_media(path, max_side=600).rgb.shape == (400, 600, 3)


def test_raw_turned_by_its_orientation(tmp_path: Path) -> None:
    path = make_dng(tmp_path / "side.dng", size=(96, 64), orientation=6)
    decoded = decode_media(path)
    assert decoded.orientation == 6
    assert (decoded.width, decoded.height) == (64, 96)
    assert decoded.rgb.shape == (96, 64, 3)
    # Upright: the stored picture turned a quarter clockwise.
    expected = np.rot90(scene(96, 64), k=-1)
    assert np.abs(decoded.rgb.astype(int) - expected.astype(int)).mean() < 2


def test_full_development_is_upright_and_full_size(tmp_path: Path) -> None:
    path = make_dng(tmp_path / "side.dng", size=(96, 64), orientation=6)
    developed = develop_raw(path)
    assert developed.shape == (96, 64, 3) and developed.dtype == np.uint8
    assert develop_raw(path, max_side=48).shape[0] == 48
    # The red block of the scene survives demosaicing and white balance.
    mean = developed.reshape(-1, 3).mean(axis=0)
    assert mean.min() > 10


def test_raw_exif_camera_and_missing_fields(tmp_path: Path) -> None:
    path = make_dng(tmp_path / "plain.dng", taken_at=None, gps=None, make="Nikon", model="Z 6")
    exif = read_raw_exif(path.read_bytes())
    assert exif.camera == "Nikon Z 6"
    assert (exif.taken_at, exif.utc_offset_min, exif.latitude, exif.longitude) == (
        None,
        None,
        None,
        None,
    )
    assert read_raw_exif(b"not a raw file at all").taken_at is None


def test_utc_offsets() -> None:
    assert parse_utc_offset("+02:00") == 120
    assert parse_utc_offset("-05:30") == -330
    assert parse_utc_offset("+0900") == 540
    assert parse_utc_offset("   ") is None
    assert parse_utc_offset("+25:00") is None


def test_raw_heads_are_not_taken_for_other_formats() -> None:
    cr3 = b"\x00\x00\x00\x18ftypcrx \x00\x00\x00\x01crx isom"
    assert raw_format_of(cr3) == "CR3"
    assert video_container_of(cr3) is None  # a CR3 is ISO media, but not a video
    assert raw_format_of(b"FUJIFILMCCD-RAW 0201") == "RAF"
    assert raw_format_of(b"IIRO\x08\x00\x00\x00") == "ORF"
    assert raw_format_of(b"IIU\x00\x08\x00\x00\x00") == "RW2"
    assert raw_format_of(b"II*\x00\x10\x00\x00\x00CR\x02\x00") == "CR2"
    assert raw_format_of(b"II*\x00\x08\x00\x00\x00") is None  # NEF/ARW/DNG: by extension


@pytest.mark.parametrize("ext", [".cr2", ".cr3", ".nef", ".arw", ".dng", ".orf", ".raf", ".rw2"])
def test_scanner_finds_every_raw_extension(tmp_path: Path, ext: str) -> None:
    (tmp_path / f"shot{ext.upper()}").write_bytes(b"\x00" * 64)
    assert [p.name for p in walk_images(tmp_path).candidates] == [f"shot{ext.upper()}"]


def test_damaged_raw_is_one_sentence(tmp_path: Path) -> None:
    bad = tmp_path / "broken.nef"
    bad.write_bytes(b"II*\x00" + b"\x17" * 4000)
    with pytest.raises(ImageReadError) as err:
        decode_media(bad)
    message = str(err.value)
    assert "\n" not in message and "RAW" in message
    empty = tmp_path / "empty.cr2"
    empty.write_bytes(b"")
    with pytest.raises(ImageReadError, match="empty file"):
        decode_media(empty)


def test_indexing_a_raw_stores_its_facts(data_dir: Path, no_models: Path, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    make_dng(folder / "paris.dng", size=(96, 64))
    bad = folder / "broken.arw"
    bad.write_bytes(b"II*\x00" + b"\x17" * 4000)
    with Library() as lib:
        report = lib.index([folder])
        assert report.indexed == 1
        assert [(Path(p).name, "RAW" in r) for p, r in report.failed] == [("broken.arw", True)]
        row = Image.get(Image.path == str(folder / "paris.dng"))
        assert row.format == "RAW-DNG" and row.media_type == "photo"
        assert row.state == ImageState.WAITING
        assert (row.width, row.height) == (96, 64)
        assert row.taken_at == dt.datetime(2019, 6, 15, 12, 30, 0)
        assert row.utc_offset_min == 120
        assert row.latitude == pytest.approx(48.8584, abs=1e-4)
        assert (lib.thumbnails_dir / row.thumbnail).is_file()


def test_a_huge_file_with_a_raw_name_is_refused_unread(tmp_path: Path, monkeypatch) -> None:
    import pictopy_desktop.library.raw_decode as raw_decode

    monkeypatch.setattr(raw_decode, "MAX_RAW_BYTES", 10_000)
    path = make_dng(tmp_path / "big.dng", size=(96, 64))
    with pytest.raises(ImageReadError, match="too large"):
        decode_media(path)


def test_raw_exif_for_readers_by_tag_name(tmp_path: Path) -> None:
    from PIL.ExifTags import IFD, Base

    path = make_dng(tmp_path / "shot.orf", make="OM Digital", model="OM-1", orientation=8)
    exif = raw_exif_for_pillow(path)
    sub = exif.get_ifd(IFD.Exif)
    assert (exif[Base.Make], exif[Base.Model], exif[Base.Orientation]) == ("OM Digital", "OM-1", 8)
    assert sub[Base.DateTimeOriginal] == "2019:06:15 12:30:00"
    assert sub[Base.OffsetTimeOriginal] == "+02:00"
    assert sub[Base.ExposureTime] == pytest.approx(1 / 250)
    assert (sub[Base.FNumber], sub[Base.ISOSpeedRatings]) == (pytest.approx(2.8), 400)
    assert sub[Base.LensModel] == "Test 35mm F2.8"
    junk = tmp_path / "junk.raf"
    junk.write_bytes(b"FUJIFILMCCD-RAW " + b"\x00" * 300)
    assert len(raw_exif_for_pillow(junk)) == 0


def test_info_panel_details_of_a_raw(tmp_path: Path) -> None:
    from pictopy_desktop.library.exif_info import read_exif_info

    path = make_dng(tmp_path / "IMG_1.CR3", make="Canon", model="Canon EOS R5")
    info = dict(read_exif_info(str(path)).rows())
    assert info["Camera"] == "Canon EOS R5"
    assert (info["Exposure"], info["Aperture"], info["ISO"]) == ("1/250 s", "f/2.8", "400")
    assert info["Focal length"] == "35 mm" and info["Time zone"] == "UTC+02:00"
    assert "Test 35mm" in info["Lens"]
