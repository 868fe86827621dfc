"""The sample library's RAW files and phone videos (tests/sample_library, listed in
``media_manifest.json``; made by ``python -m tests.media_samples tests/sample_library``)
index into the expected dates, time zones, places and RAW pairing."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from pictopy_desktop.library import read_model
from pictopy_desktop.library.service import Library
from pictopy_desktop.storage.tables import Image

SAMPLES = Path(__file__).resolve().parent.parent / "sample_library"
MANIFEST = json.loads((SAMPLES / "media_manifest.json").read_text(encoding="utf-8"))


@pytest.fixture
def far_clock(monkeypatch: pytest.MonkeyPatch):
    """Any zone but UTC for this computer: the files' own zones must win."""
    import time

    monkeypatch.setenv("TZ", "America/Sao_Paulo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.slow
def test_raw_and_video_samples_index_as_expected(
    data_dir: Path, no_models: Path, tmp_path: Path, far_clock
) -> None:
    folder = tmp_path / "samples"
    shutil.copytree(SAMPLES, folder, ignore=shutil.ignore_patterns("*.py", "*.json"))
    with Library() as lib:
        report = lib.index([folder])
        assert report.failed == []
        for name, expected in MANIFEST.items():
            row = Image.get(Image.path == str(folder / name))
            if "format" in expected:
                assert row.format == expected["format"], name
            if "media_type" in expected:
                assert row.media_type == expected["media_type"], name
            if "raw_companion" in expected:
                assert row.companion_path == str(folder / expected["raw_companion"]), name
                # The RAW of a pair is no photo of its own.
                assert not Image.select().where(Image.path == row.companion_path).exists()
            if "taken_at" in expected:
                assert row.taken_at == dt.datetime.fromisoformat(expected["taken_at"]), name
            if "utc_offset_min" in expected:
                assert row.utc_offset_min == expected["utc_offset_min"], name
            if "place" in expected:
                assert (row.latitude, row.longitude) == pytest.approx(expected["place"], abs=1e-3)
            if "size" in expected:
                assert [row.width, row.height] == expected["size"], name
        shown = {
            Path(r.path).name: r.raw for r in read_model.page(read_model.GalleryFilter(), 0, 100)
        }
        assert shown["paris_pair.jpg"] and shown["tokyo_raw.dng"]
        assert not shown["phone_android.mp4"] and "paris_pair.dng" not in shown
