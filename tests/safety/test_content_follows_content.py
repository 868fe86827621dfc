"""Content follows content: swapped or renumbered files keep what the user gave each picture."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest

from pictopy_desktop.cli import main
from pictopy_desktop.library import read_model
from pictopy_desktop.library import read_model as bq
from pictopy_desktop.library.image_decode import content_hash
from pictopy_desktop.library.service import Library
from pictopy_desktop.storage.tables import Face, Image, Presence
from tests.safety.library_helpers import at, give, make_photo, user_data


def _rotate(paths: list[Path]) -> None:
    """Each file takes the next one's name (a renumbering): a->b, b->c, ..., last->a."""
    tmp = paths[0].with_name("renumbering.tmp")
    os.rename(paths[-1], tmp)
    for src, dst in zip(reversed(paths[:-1]), reversed(paths[1:])):
        os.rename(src, dst)
    os.rename(tmp, paths[0])


@pytest.mark.parametrize("count", [2, 3], ids=["swap", "rotation"])
def test_user_data_follows_the_picture(
    data_dir: Path, no_models: Path, tmp_path: Path, count: int
) -> None:
    folder = tmp_path / "photos"
    paths = [make_photo(folder / f"IMG_{i:04d}.jpg", seed=i) for i in range(count)]
    with Library() as lib:
        assert lib.index([folder]).indexed == count
        given = {}
        for i, path in enumerate(paths):
            row = at(path)
            given[row.content_hash] = (
                row.id,
                give(row, f"Person {i}", f"Album {i}", f"caption {i}"),
            )

        _rotate(paths)  # IMG_0001 now holds what IMG_0000 held, ...
        report = lib.index([folder])
        assert report.moved == count and report.indexed == 0 and report.missing == 0, (
            report.to_dict()
        )

        for path in paths:
            digest = content_hash(path)
            row = at(path)
            image_id, data = given[digest]
            assert row.content_hash == digest and row.id == image_id
            assert row.presence == Presence.PRESENT
            assert user_data(row.id) == data  # favourite, album, confirmed name, caption
        assert Image.select().count() == count
        assert Face.select().count() == count

        # Nothing left to do on the next run.
        again = lib.index([folder])
        assert (again.unchanged, again.moved, again.indexed) == (count, 0, 0)


def test_missing_photo_returns_by_hash_at_a_new_path(
    data_dir: Path, no_models: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "photos"
    keep = make_photo(folder / "keep.jpg", seed=1)
    trip = make_photo(folder / "trip.jpg", seed=2)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    with Library() as lib:
        lib.index([folder])
        row = at(trip)
        data = give(row, "Amy", "Holidays", "at the lake")

        shutil.move(
            str(trip), outside / "trip.jpg"
        )  # gone from a readable folder on its own volume
        report = lib.index([folder])
        assert report.missing == 1 and report.removed == 0, report.to_dict()
        gone = Image.get_by_id(row.id)
        assert gone.presence == Presence.MISSING and gone.missing_since is not None
        assert user_data(row.id) == data  # kept while missing
        assert [r["path"] for r in read_model.search("")["results"]] == [str(keep)]  # not shown
        assert read_model.search("Amy")["count"] == 0
        amy = next(
            r for r in bq.people_rows() if r.name == "Amy"
        )  # a named person stays, with no photo shown
        assert (amy.photo_count, amy.face_count) == (0, 0)
        assert (
            read_model.library_status()["faces"] == 0
            and read_model.library_status()["images"]["total"] == 1
        )

        (folder / "2024").mkdir()
        back = folder / "2024" / "renamed.jpg"
        shutil.move(str(outside / "trip.jpg"), back)
        report = lib.index([folder])
        assert report.returned == 1 and report.indexed == 0, report.to_dict()
        returned = at(back)
        assert (
            returned.id == row.id
            and returned.presence == Presence.PRESENT
            and returned.missing_since is None
        )
        assert user_data(row.id) == data
        assert read_model.search("Amy")["count"] == 1
        assert next(r for r in bq.people_rows() if r.name == "Amy").photo_count == 1


def test_missing_photos_leave_after_the_grace_period(
    data_dir: Path, no_models: Path, tmp_path: Path, capsys
) -> None:
    folder = tmp_path / "photos"
    old = make_photo(folder / "old.jpg", seed=3)
    recent = make_photo(folder / "recent.jpg", seed=4)
    make_photo(
        folder / "stays.jpg", seed=5
    )  # a folder emptied of every photo would read as offline
    (data_dir / "settings.json").write_text(json.dumps({"keep_missing_days": 10}))
    with Library() as lib:
        lib.index([folder])
        old_id, recent_id = at(old).id, at(recent).id
        old.unlink()
        recent.unlink()
        lib.index([folder])
        # One went missing 11 days ago, past the 10 days of the setting; the other yesterday.
        Image.update(missing_since=dt.datetime.now() - dt.timedelta(days=11)).where(
            Image.id == old_id
        ).execute()
        Image.update(missing_since=dt.datetime.now() - dt.timedelta(days=1)).where(
            Image.id == recent_id
        ).execute()
        report = lib.index([folder])
        assert report.removed == 1
        assert Image.get_or_none(Image.id == old_id) is None
        assert Image.get_by_id(recent_id).presence == Presence.MISSING

    assert main(["status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert [m["path"] for m in status["missing"]] == [str(recent)]
    assert status["offline"] == []


def test_a_swap_of_same_sized_files_with_equal_mtimes_is_seen(
    data_dir: Path, no_models: Path, tmp_path: Path
) -> None:
    """Uncompressed photos of one size, unpacked with one mtime: size and mtime can't tell them apart."""
    from PIL import Image as PILImage

    folder = tmp_path / "scans"
    folder.mkdir()
    red, blue = folder / "red.bmp", folder / "blue.bmp"
    PILImage.new("RGB", (200, 150), (255, 0, 0)).save(red)
    PILImage.new("RGB", (200, 150), (0, 0, 255)).save(blue)
    for path in (red, blue):
        os.utime(path, (1_620_000_000, 1_620_000_000))
    with Library() as lib:
        lib.index([folder])
        red_row = at(red)
        data = give(red_row, "Rita", "Reds", "the red one")
        _rotate([red, blue])  # red.bmp now holds the blue picture, blue.bmp the red one
        assert (
            red.stat().st_size == blue.stat().st_size
            and red.stat().st_mtime == blue.stat().st_mtime
        )
        report = lib.index([folder])
        assert report.moved == 2 and report.unchanged == 0, report.to_dict()
        moved = at(blue)
        assert moved.id == red_row.id and moved.content_hash == content_hash(blue)
        assert user_data(red_row.id) == data
        assert at(red).content_hash == content_hash(red)


def test_a_photo_that_stops_decoding_keeps_what_the_user_gave_it(
    data_dir: Path, no_models: Path, tmp_path: Path
) -> None:
    """An editor caught half-way through writing the file: nothing the user gave is dropped, and it all stays once the file is whole."""
    folder = tmp_path / "photos"
    photo = make_photo(folder / "edit.jpg", seed=7)
    whole = photo.read_bytes()
    with Library() as lib:
        lib.index([folder])
        row = at(photo)
        data = give(row, "Edith", "Edits", "before the edit")

        photo.write_bytes(whole[: len(whole) // 3])  # half-written
        report = lib.index([folder])
        assert [p for p, _ in report.failed] == [str(photo)]
        assert user_data(row.id) == data and at(photo).id == row.id

        photo.write_bytes(whole)
        os.utime(photo, (1_700_000_000, 1_700_000_000))
        report = lib.index([folder])
        assert report.failed == [] and at(photo).id == row.id
        # Captions come from the file (EXIF, sidecars) and are read again with it; the rest is the user's.
        assert user_data(row.id) == dataclasses.replace(data, caption=None)
