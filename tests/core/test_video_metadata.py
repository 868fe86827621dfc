"""Videos: capture time with its time zone and GPS from phone-style MP4 and MOV files."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest

from pictopy_desktop.library import read_model
from pictopy_desktop.library.places import images_in, places
from pictopy_desktop.library.service import Library
from pictopy_desktop.library.video_metadata import (
    parse_iso6709,
    parse_video_date,
    read_video_metadata,
)
from pictopy_desktop.storage.tables import Image
from tests.media_samples import make_iphone_mov, make_jpeg, make_matroska, make_phone_mp4


@pytest.fixture
def tokyo_clock(monkeypatch: pytest.MonkeyPatch):
    """This computer's zone set to Tokyo (UTC+9, no daylight saving), so UTC times convert knowably."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_android_mp4_utc_time_and_xyz_location(tmp_path: Path, tokyo_clock) -> None:
    path = make_phone_mp4(
        tmp_path / "VID_20210801.mp4",
        created_utc=dt.datetime(2021, 8, 1, 7, 15, 0),
        location="+35.6595+139.7005/",
    )
    meta = read_video_metadata(path)
    # The file gives UTC only; where it was shot (Tokyo) gives the zone, whatever this computer's.
    assert meta.taken_at == dt.datetime(2021, 8, 1, 16, 15, 0)
    assert meta.utc_offset_min == 540
    assert (meta.latitude, meta.longitude) == pytest.approx((35.6595, 139.7005))


def test_utc_time_with_no_place_is_shown_in_this_computers_zone(
    tmp_path: Path, tokyo_clock
) -> None:
    path = make_phone_mp4(
        tmp_path / "clip.mp4", created_utc=dt.datetime(2021, 1, 5, 23, 0, 0), location=None
    )
    meta = read_video_metadata(path)
    assert (meta.taken_at, meta.utc_offset_min) == (dt.datetime(2021, 1, 6, 8, 0, 0), None)


def test_iphone_mov_local_time_with_zone(tmp_path: Path, tokyo_clock) -> None:
    path = make_iphone_mov(
        tmp_path / "IMG_0042.MOV",
        created_local="2022-03-20T18:45:10+0100",
        created_utc=dt.datetime(2022, 3, 20, 17, 45, 10),
        location="+48.8584+002.2945+035.000/",
    )
    meta = read_video_metadata(path)
    # Apple's creation date wins: the local time where it was shot, with that zone.
    assert meta.taken_at == dt.datetime(2022, 3, 20, 18, 45, 10)
    assert meta.utc_offset_min == 60
    assert (meta.latitude, meta.longitude) == pytest.approx((48.8584, 2.2945))


def test_matroska_date_and_location(tmp_path: Path, tokyo_clock) -> None:
    meta = read_video_metadata(make_matroska(tmp_path / "clip.mkv"))
    # Shot in London in February: UTC is the local time there.
    assert (meta.taken_at, meta.utc_offset_min) == (dt.datetime(2018, 2, 3, 4, 5, 6), 0)
    assert (meta.latitude, meta.longitude) == pytest.approx((51.5007, -0.1246))


def test_video_with_no_metadata_and_non_videos(tmp_path: Path) -> None:
    bare = make_phone_mp4(tmp_path / "bare.mp4", created_utc=dt.datetime(1904, 1, 1), location=None)
    assert read_video_metadata(bare).taken_at is None  # the MP4 epoch is an unset date
    junk = tmp_path / "junk.mp4"
    junk.write_bytes(b"\x00" * 100)
    assert read_video_metadata(junk).latitude is None
    assert read_video_metadata(tmp_path / "gone.mp4").taken_at is None


def test_iso6709_forms() -> None:
    assert parse_iso6709("+48.8584+002.2945/") == pytest.approx((48.8584, 2.2945))
    assert parse_iso6709("-33.8688+151.2093+010.5/") == pytest.approx((-33.8688, 151.2093))
    # Degrees and minutes, and degrees, minutes and seconds.
    assert parse_iso6709("+4851.504+00217.670/") == pytest.approx((48.8584, 2.29450), abs=1e-4)
    assert parse_iso6709("+485130.24-0021740.2/") == pytest.approx((48.8584, -2.2945), abs=1e-4)
    assert parse_iso6709("+00.0000+000.0000/") is None  # no fix
    assert parse_iso6709("+95.0+010.0/") is None
    assert parse_iso6709("somewhere") is None


def test_container_dates(tokyo_clock) -> None:
    assert parse_video_date("2019-06-15T12:30:00+0200") == (dt.datetime(2019, 6, 15, 12, 30), 120)
    assert parse_video_date("2019-06-15T12:30:00-03:30") == (dt.datetime(2019, 6, 15, 12, 30), -210)
    assert parse_video_date("2019-06-15 10:30:00 UTC") == (dt.datetime(2019, 6, 15, 19, 30), None)
    # With the place it was shot: Paris in summer (UTC+2), New York in winter (UTC-5), at sea.
    paris, new_york, atlantic = (48.8584, 2.2945), (40.7128, -74.006), (30.0, -30.0)
    assert parse_video_date("2019-06-15 10:30:00 UTC", paris) == (
        dt.datetime(2019, 6, 15, 12, 30),
        120,
    )
    assert parse_video_date("2020-01-10T15:00:00Z", new_york) == (
        dt.datetime(2020, 1, 10, 10, 0),
        -300,
    )
    assert parse_video_date("2020-01-10T15:00:00Z", atlantic) == (
        dt.datetime(2020, 1, 10, 13, 0),
        -120,
    )
    # A stated zone is the file's word: the place does not change it.
    assert parse_video_date("2019-06-15T12:30:00+0200", new_york) == (
        dt.datetime(2019, 6, 15, 12, 30),
        120,
    )
    assert parse_video_date("UTC 2019-06-15 10:30:00") == (dt.datetime(2019, 6, 15, 19, 30), None)
    assert parse_video_date("2019:06:15 10:30:00") == (dt.datetime(2019, 6, 15, 10, 30), None)
    assert parse_video_date("1904-01-01 00:00:00 UTC") is None
    assert parse_video_date("yesterday") is None


@pytest.mark.slow
def test_videos_sort_by_capture_time_and_have_places(
    data_dir: Path, no_models: Path, tmp_path: Path, tokyo_clock
) -> None:
    folder = tmp_path / "phone"
    folder.mkdir()
    make_jpeg(folder / "before.jpg", dt.datetime(2021, 8, 1, 9, 0, 0))
    make_phone_mp4(folder / "VID_1.mp4", created_utc=dt.datetime(2021, 8, 1, 3, 0, 0))  # 12:00 here
    make_jpeg(folder / "after.jpg", dt.datetime(2021, 8, 1, 15, 0, 0))
    make_iphone_mov(folder / "IMG_2.MOV")
    # The files' own times say nothing: all written now, videos last.
    for i, name in enumerate(["VID_1.mp4", "IMG_2.MOV", "before.jpg", "after.jpg"]):
        os.utime(folder / name, (1_700_000_000 + i, 1_700_000_000 + i))
    with Library() as lib:
        report = lib.index([folder])
        assert report.indexed == 4 and not report.failed
        video = Image.get(Image.path == str(folder / "VID_1.mp4"))
        assert video.media_type == "video"
        assert (video.taken_at, video.utc_offset_min) == (dt.datetime(2021, 8, 1, 12, 0, 0), 540)
        assert (video.latitude, video.longitude) == pytest.approx((35.6595, 139.7005))
        mov = Image.get(Image.path == str(folder / "IMG_2.MOV"))
        assert (mov.taken_at, mov.utc_offset_min) == (dt.datetime(2022, 3, 20, 18, 45, 10), 540)
        newest_first = [Path(i.path).name for i in read_model.gallery_query()]
        assert newest_first == ["IMG_2.MOV", "after.jpg", "VID_1.mp4", "before.jpg"]
        # Both videos appear in Places.
        placed = {p.label: images_in(p.key) for p in places()}
        assert sorted(placed.values()) == sorted([[video.id], [mov.id]])
        assert all(label.endswith(", Japan") for label in placed), placed
