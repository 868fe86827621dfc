"""A pair's JPEG moved to another folder keeps its photo (names, albums, faces, heart) at the
new place, and the RAW left behind becomes a photo of its own, as digiKam's entries follow
their files: whichever folder is scanned first, and when the folder watcher asks for it.
(Captions are read from the files, so they are left out of what is compared.)"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from pathlib import Path

import pytest

from pictopy_desktop.library.service import Library
from pictopy_desktop.storage.tables import Image, Meta, Presence
from tests.media_samples import make_dng, make_jpeg
from tests.safety.library_helpers import UserData, at, give
from tests.safety.library_helpers import user_data as _user_data

SHOT = dt.datetime(2022, 8, 1, 9, 30, 0)
NOTHING = UserData(False, (), (), None)


def user_data(image_id: int) -> UserData:
    """What the user gave the photo; the caption is the file's, read again with it."""
    return dataclasses.replace(_user_data(image_id), caption=None)


def _library(tmp_path: Path) -> tuple[Path, Path, Path, Path]:
    """Two library folders, ``card`` holding a RAW+JPEG pair and ``best``: (card, best, jpeg, raw)."""
    card, best = tmp_path / "card", tmp_path / "best"
    card.mkdir()
    best.mkdir()
    jpeg = make_jpeg(card / "IMG_1.JPG", SHOT, seed=4)
    raw = make_dng(card / "IMG_1.NEF", SHOT, seed=4)
    return card, best, jpeg, raw


def _check_moved(row_id: int, data: UserData, moved: Path, raw: Path, photos: int = 2) -> None:
    """The photo is the JPEG's at its new place with everything; the RAW stands alone."""
    assert at(moved).id == row_id and user_data(row_id) == data
    assert at(moved).companion_path is None
    raw_row = at(raw)
    assert raw_row.id != row_id and user_data(raw_row.id) == NOTHING
    assert {r.presence for r in Image.select()} == {Presence.PRESENT}
    assert Image.select().count() == photos


@pytest.mark.parametrize("order", ["one rescan", "new folder first", "old folder first"])
def test_a_jpeg_moved_away_from_its_raw_keeps_its_photo(
    data_dir: Path, no_models: Path, tmp_path: Path, order: str
) -> None:
    card, best, jpeg, raw = _library(tmp_path)
    with Library() as lib:
        lib.index([card, best])
        data = dataclasses.replace(give(at(jpeg), "Ann", "Trip", "at the lake"), caption=None)
        row_id = at(jpeg).id
        moved = jpeg.rename(best / jpeg.name)
        if order == "one rescan":
            lib.index([card, best])
        elif order == "new folder first":
            lib.index([best])
            assert at(moved).id == row_id and user_data(row_id) == data
            lib.index([card])
        else:
            lib.index([card])
            # The JPEG is nowhere to be seen yet: the RAW holds the photo, nothing lost.
            assert at(raw).id == row_id and user_data(row_id) == data
            lib.index([best])
        _check_moved(row_id, data, moved, raw)
        lib.index([card, best])  # and it stays so
        _check_moved(row_id, data, moved, raw)
        assert not Meta.select().where(Meta.key.startswith("raw_pairs.took_over.")).exists()


def test_a_jpeg_deleted_for_good_leaves_the_photo_with_its_raw(
    data_dir: Path, no_models: Path, tmp_path: Path
) -> None:
    """What the RAW took over stays with it; the JPEG's bytes are remembered only for the grace period."""
    card, best, jpeg, raw = _library(tmp_path)
    (data_dir / "settings.json").write_text(json.dumps({"keep_missing_days": 0}))
    with Library() as lib:
        lib.index([card, best])
        data = dataclasses.replace(give(at(jpeg), "Ann", "Trip", "at the lake"), caption=None)
        row_id = at(jpeg).id
        saved = jpeg.read_bytes()
        jpeg.unlink()
        lib.index([card, best])
        assert at(raw).id == row_id and user_data(row_id) == data
        (best / "IMG_1.JPG").write_bytes(saved)  # back after the grace: a photo of its own
        lib.index([card, best])
        assert at(raw).id == row_id and user_data(row_id) == data
        assert at(best / "IMG_1.JPG").id != row_id


def test_a_jpeg_moved_while_the_watcher_looks_keeps_its_photo(
    data_dir: Path, no_models: Path, tmp_path: Path, qtbot
) -> None:
    """Both orders the folder watcher can report: moved across at once, and moved out of the
    library first (only the old folder rescanned), then into another library folder."""
    from pictopy_desktop.ui.folder_watcher import FolderWatcher, folders_to_watch

    card, best, jpeg, raw = _library(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    second = make_jpeg(card / "IMG_2.JPG", SHOT, seed=6)
    second_raw = make_dng(card / "IMG_2.NEF", SHOT, seed=6)
    watcher = FolderWatcher(debounce_ms=200)
    with Library() as lib:
        lib.index([card, best])
        data = dataclasses.replace(give(at(jpeg), "Ann", "Trip", "at the lake"), caption=None)
        data2 = dataclasses.replace(give(at(second), "Bob", "Home", "in the garden"), caption=None)
        row_id, row2_id = at(jpeg).id, at(second).id
        watcher.set_roots([card, best], folders_to_watch([card, best]))

        def rescan_after(change) -> list[str]:
            with qtbot.waitSignal(watcher.rescan_requested, timeout=10_000) as blocker:
                change()
            roots = blocker.args[0]
            lib.index([Path(r) for r in roots])
            return roots

        moved = best / jpeg.name
        assert rescan_after(lambda: os.rename(jpeg, moved)) == sorted([str(card), str(best)])
        _check_moved(row_id, data, moved, raw, photos=3)

        away = outside / second.name
        assert rescan_after(lambda: os.rename(second, away)) == [str(card)]
        assert at(second_raw).id == row2_id  # only the RAW is seen: it holds the photo for now
        back = best / second.name
        assert rescan_after(lambda: os.rename(away, back)) == [str(best)]
        assert at(back).id == row2_id and user_data(row2_id) == data2
        assert at(second_raw).id != row2_id and user_data(at(second_raw).id) == NOTHING
        assert {r.presence for r in Image.select()} == {Presence.PRESENT}
