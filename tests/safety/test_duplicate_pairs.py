"""`duplicates --trash` on RAW+JPEG pairs: a pair's JPEG never goes to the trash without its
RAW, a pair goes only where the kept photo has the same RAW, and restoring the photo brings
both files back."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest

from pictopy_desktop.cli import main
from pictopy_desktop.library import trash
from pictopy_desktop.library.service import Library
from pictopy_desktop.storage.tables import Image, Presence
from tests.media_samples import make_dng, make_jpeg

SHOT = dt.datetime(2020, 5, 5, 15, 0, 0)


def _cli_json(capsys, data: Path, *args: str) -> object:
    assert main(["--data-dir", str(data), *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _card(tmp_path: Path) -> tuple[Path, Path, Path, Path]:
    """A pair on the card and the same pair imported again: (jpeg, raw, copy jpeg, copy raw)."""
    card, again = tmp_path / "card", tmp_path / "imported-again"
    card.mkdir()
    jpeg = make_jpeg(card / "DSC_7.JPG", SHOT, seed=2)
    raw = make_dng(card / "DSC_7.ARW", SHOT, seed=2)
    shutil.copytree(card, again)
    for f in again.iterdir():  # newer copies: the card's pair is kept
        os.utime(f, (1_800_000_000, 1_800_000_000))
    return jpeg, raw, again / jpeg.name, again / raw.name


def test_a_duplicate_pair_goes_whole_and_comes_back_whole(
    data_dir: Path, no_models: Path, tmp_path: Path, trash_dir: Path, capsys
) -> None:
    jpeg, raw, copy, copy_raw = _card(tmp_path)
    copy_bytes, copy_raw_bytes = copy.read_bytes(), copy_raw.read_bytes()
    with Library() as lib:
        lib.index([jpeg.parent, copy.parent])
        copy_id = Image.get(Image.path == str(copy)).id
        Image.update(favourite=True).where(Image.id == copy_id).execute()
    (group,) = _cli_json(capsys, data_dir, "duplicates", "--trash")
    assert group["trashed"] == [str(copy), str(copy_raw)] and group["refused"] == []
    assert not copy.exists() and not copy_raw.exists()
    assert jpeg.is_file() and raw.is_file()  # the kept pair, whole
    entries = {e["path"]: e for e in _cli_json(capsys, data_dir, "trash")}
    assert entries[str(copy_raw)]["kept"] == str(raw)
    (back,) = _cli_json(capsys, data_dir, "trash", "restore", str(entries[str(copy)]["id"]))
    assert back["with"] == [str(copy_raw)]
    assert copy.read_bytes() == copy_bytes and copy_raw.read_bytes() == copy_raw_bytes
    with Library() as lib:
        lib.index([jpeg.parent, copy.parent])
        row = Image.get_by_id(copy_id)
        assert (row.path, row.companion_path) == (str(copy), str(copy_raw))
        assert row.presence == Presence.PRESENT and row.favourite
        assert Image.select().count() == 2


def test_the_text_output_counts_photos_and_files(
    data_dir: Path, no_models: Path, tmp_path: Path, trash_dir: Path, capsys
) -> None:
    """A pair and a lone JPEG go: two photos, three files, and the sentence says both."""
    jpeg, raw, copy, copy_raw = _card(tmp_path)
    lone = make_jpeg(jpeg.parent / "DSC_8.JPG", SHOT + dt.timedelta(minutes=1), seed=3)
    lone_copy = copy.parent / lone.name
    shutil.copy2(lone, lone_copy)
    os.utime(lone_copy, (1_800_000_000, 1_800_000_000))
    with Library() as lib:
        lib.index([jpeg.parent, copy.parent])
    assert main(["--data-dir", str(data_dir), "duplicates", "--trash"]) == 0
    out = capsys.readouterr().out
    assert "Moved 2 photos (3 files) to the trash" in out
    assert not copy.exists() and not copy_raw.exists() and not lone_copy.exists()
    assert jpeg.is_file() and raw.is_file() and lone.is_file()


@pytest.mark.parametrize("kept", ["a lone JPEG", "a pair with another RAW"])
def test_a_pairs_jpeg_is_never_trashed_alone(
    data_dir: Path, no_models: Path, tmp_path: Path, trash_dir: Path, kept: str
) -> None:
    """The kept photo has no copy of this pair's RAW: the pair stays, both files."""
    from pictopy_desktop.library.duplicates import trash_duplicates

    jpeg, raw, copy, copy_raw = _card(tmp_path)
    if kept == "a lone JPEG":
        raw.unlink()
        reason = f"it is shown with its RAW file DSC_7.ARW, which has no copy beside {jpeg}"
    else:
        make_dng(raw, SHOT, seed=2, model="Other Camera")  # same picture, other bytes
        reason = f"its RAW file DSC_7.ARW is not a copy of {raw}"
    with Library() as lib:
        lib.index([jpeg.parent, copy.parent])
        keep_id = Image.get(Image.path == str(jpeg)).id
        copy_id = Image.get(Image.path == str(copy)).id
        outcome = trash_duplicates(keep_id, [copy_id], exact_only=True)
    assert outcome.trashed == []
    assert outcome.refused == [(str(copy), f"{reason}; the pair is kept together")]
    assert copy.is_file() and copy_raw.is_file()


def test_a_raw_swapped_between_plan_and_move_keeps_the_pair(
    data_dir: Path,
    no_models: Path,
    tmp_path: Path,
    trash_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The RAW is checked again right before it moves: replaced after its JPEG went, the JPEG
    comes back from the trash and nothing of the pair is in the trash."""
    from pictopy_desktop.library import duplicates

    jpeg, raw, copy, copy_raw = _card(tmp_path)
    copy_bytes = copy.read_bytes()
    real_move = duplicates.move_to_trash

    def move_then_swap(path: str, *args, **kwargs):
        entry = real_move(path, *args, **kwargs)
        if path == str(copy):  # someone replaces the RAW in the moment its JPEG moves
            copy_raw.write_bytes(b"another file now has the RAW's name")
        return entry

    monkeypatch.setattr(duplicates, "move_to_trash", move_then_swap)
    with Library() as lib:
        lib.index([jpeg.parent, copy.parent])
        outcome = duplicates.trash_groups(duplicates.find_duplicates())
    assert outcome.trashed == outcome.companions == []
    assert [p for p, _ in outcome.refused] == [str(copy)]
    assert copy.read_bytes() == copy_bytes
    assert copy_raw.read_bytes() == b"another file now has the RAW's name"
    with Library():
        assert Image.get(Image.path == str(copy)).presence == Presence.PRESENT
        assert all(e.restored_at is not None for e in trash.recently_removed())
