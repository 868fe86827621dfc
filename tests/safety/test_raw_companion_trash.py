"""Deleting a RAW+JPEG pair checks the RAW on disk too: a file that took the RAW's name is
never trashed in its place, and the pair goes to the trash whole or not at all."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from pictopy_desktop.library import companion_identity, photo_trash, trash
from pictopy_desktop.library.photo_trash import trash_photos
from pictopy_desktop.library.service import Library
from pictopy_desktop.storage.tables import Image, Meta, Presence, TrashRecord
from tests.media_samples import make_dng, make_jpeg

SHOT = dt.datetime(2021, 3, 2, 10, 0, 0)


def _pair(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return make_jpeg(folder / "IMG_5.JPG", SHOT, seed=3), make_dng(
        folder / "IMG_5.CR2", SHOT, seed=3
    )


def _in_trash(trash_dir: Path) -> list[str]:
    files = trash_dir / "Trash" / "files"
    return sorted(p.name for p in files.iterdir()) if files.is_dir() else []


def _same_size_other_bytes(raw: Path) -> bytes:
    """Another file of the RAW's size: one byte in its middle differs."""
    data = bytearray(raw.read_bytes())
    data[len(data) // 2] ^= 0xFF
    return bytes(data)


@pytest.mark.parametrize("how", ["renamed over", "same size and time"])
def test_a_file_that_took_the_raws_name_is_never_trashed(
    data_dir: Path, no_models: Path, tmp_path: Path, trash_dir: Path, how: str
) -> None:
    jpeg, raw = _pair(tmp_path / "card")
    with Library() as lib:
        lib.index([tmp_path / "card"])
        row = Image.get(Image.path == str(jpeg))
        assert row.companion_path == str(raw)
        if how == "renamed over":
            other = make_dng(tmp_path / "other.CR2", SHOT, seed=9)
            os.replace(other, raw)
        else:  # the hardest case: same size, same modification time, same inode
            st = raw.stat()
            with open(raw, "r+b") as fh:
                fh.write(_same_size_other_bytes(raw))
            os.utime(raw, ns=(st.st_atime_ns, st.st_mtime_ns))
        intruder = raw.read_bytes()
        outcome = trash_photos([row.id])
        assert outcome.trashed == []
        assert outcome.refused == [
            (
                str(jpeg),
                "its RAW file IMG_5.CR2 changed on disk since it was indexed; re-index first",
            )
        ]
        # Nothing moved: the photo stays, whole, and the other file is untouched.
        assert jpeg.is_file() and raw.read_bytes() == intruder
        assert Image.get_by_id(row.id).presence == Presence.PRESENT
        assert _in_trash(trash_dir) == [] and TrashRecord.select().count() == 0


def test_a_raw_swapped_while_its_photo_moves_brings_the_photo_back(
    data_dir: Path,
    no_models: Path,
    tmp_path: Path,
    trash_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The RAW is checked again right before it moves: swapped after the JPEG went, the JPEG
    comes back from the trash and the pair stays whole."""
    jpeg, raw = _pair(tmp_path / "card")
    jpeg_bytes = jpeg.read_bytes()
    real_move = photo_trash.move_to_trash

    def move_then_swap(path: str, *args, **kwargs):
        entry = real_move(path, *args, **kwargs)
        if path == str(jpeg):  # someone replaces the RAW in that moment
            raw.write_bytes(_same_size_other_bytes(raw))
        return entry

    monkeypatch.setattr(photo_trash, "move_to_trash", move_then_swap)
    with Library() as lib:
        lib.index([tmp_path / "card"])
        row_id = Image.get(Image.path == str(jpeg)).id
        outcome = trash_photos([row_id])
        assert outcome.trashed == [] and [p for p, _ in outcome.refused] == [str(jpeg)]
        assert "RAW file IMG_5.CR2 changed on disk" in outcome.refused[0][1]
        assert jpeg.read_bytes() == jpeg_bytes and raw.is_file()
        assert Image.get_by_id(row_id).presence == Presence.PRESENT
        assert _in_trash(trash_dir) == []


def test_a_pair_not_checked_since_pairing_waits_for_an_index(
    data_dir: Path, no_models: Path, tmp_path: Path, trash_dir: Path
) -> None:
    """A pair recorded before RAW identities existed: refused until the next index records it."""
    jpeg, raw = _pair(tmp_path / "card")
    with Library() as lib:
        lib.index([tmp_path / "card"])
        row_id = Image.get(Image.path == str(jpeg)).id
        Meta.delete().where(Meta.key.startswith("raw_companion.")).execute()
        outcome = trash_photos([row_id])
        assert outcome.refused == [
            (
                str(jpeg),
                "its RAW file IMG_5.CR2 has not been checked since it was paired; re-index first",
            )
        ]
        assert jpeg.is_file() and raw.is_file()
        lib.index([tmp_path / "card"])
        outcome = trash_photos([row_id])
        assert not outcome.refused and not jpeg.exists() and not raw.exists()


def test_a_rescan_of_an_unchanged_pair_reads_no_raw(
    data_dir: Path, no_models: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jpeg, raw = _pair(tmp_path / "card")
    reads: list[str] = []
    real_read = companion_identity.read_identity

    def counted(path: str) -> companion_identity.CompanionIdentity:
        reads.append(path)
        return real_read(path)

    monkeypatch.setattr(companion_identity, "read_identity", counted)
    with Library() as lib:
        lib.index([tmp_path / "card"])
        assert reads == [str(raw)]
        lib.index([tmp_path / "card"])
        assert reads == [str(raw)]
        os.utime(raw, (1_600_000_000, 1_600_000_000))  # touched: read again, same identity
        lib.index([tmp_path / "card"])
        assert reads == [str(raw), str(raw)]
        row_id = Image.get(Image.path == str(jpeg)).id
        assert companion_identity.stored_identity(row_id).path == str(raw)


def test_restoring_the_photo_while_its_raws_name_is_taken_says_so(
    data_dir: Path, no_models: Path, tmp_path: Path, trash_dir: Path
) -> None:
    """The photo comes back; its RAW stays in the trash, listed, with a sentence saying why."""
    jpeg, raw = _pair(tmp_path / "card")
    with Library() as lib:
        lib.index([tmp_path / "card"])
        outcome = trash_photos([Image.get(Image.path == str(jpeg)).id])
        assert len(outcome.trashed) == len(outcome.companions) == 1
        raw.write_bytes(b"a new file with the RAW's name")
        back = trash.restore(outcome.trashed[0].id)
        assert jpeg.is_file() and back.companions == ()
        assert back.note is not None and "Something else is at" in back.note
        assert raw.read_bytes() == b"a new file with the RAW's name"
        listed = {e.original_path: e.restored_at for e in trash.recently_removed()}
        assert listed[str(raw)] is None and listed[str(jpeg)] is not None


def test_cli_restore_of_the_photo_brings_its_raw(
    data_dir: Path, no_models: Path, tmp_path: Path, trash_dir: Path, capsys
) -> None:
    from pictopy_desktop.cli import main

    jpeg, raw = _pair(tmp_path / "card")
    with Library() as lib:
        lib.index([tmp_path / "card"])
        photo = trash_photos([Image.get(Image.path == str(jpeg)).id]).trashed[0]
    assert main(["--data-dir", str(data_dir), "trash", "restore", str(photo.id), "--json"]) == 0
    (result,) = json.loads(capsys.readouterr().out)
    assert result == {"id": photo.id, "restored": True, "path": str(jpeg), "with": [str(raw)]}
    assert jpeg.is_file() and raw.is_file()


def test_a_photo_that_shows_no_raw_any_more_keeps_no_identity(
    data_dir: Path, no_models: Path, tmp_path: Path
) -> None:
    jpeg, raw = _pair(tmp_path / "card")
    with Library() as lib:
        lib.index([tmp_path / "card"])
        row_id = Image.get(Image.path == str(jpeg)).id
        assert companion_identity.stored_identity(row_id) is not None
        raw.unlink()  # deleted outside PictoPy: the JPEG is a photo of its own now
        lib.index([tmp_path / "card"])
        assert Image.get_by_id(row_id).companion_path is None
        assert not Meta.select().where(Meta.key.startswith("raw_companion.")).exists()


def test_a_pipe_that_took_the_raws_name_is_refused_without_waiting_on_it(
    data_dir: Path, no_models: Path, tmp_path: Path, trash_dir: Path
) -> None:
    """Never opened (a pipe would block a read), never trashed; the photo stays whole."""
    jpeg, raw = _pair(tmp_path / "card")
    with Library() as lib:
        lib.index([tmp_path / "card"])
        row_id = Image.get(Image.path == str(jpeg)).id
        raw.unlink()
        os.mkfifo(raw)
        outcome = trash_photos([row_id])
        assert outcome.trashed == [] and [p for p, _ in outcome.refused] == [str(jpeg)]
        assert outcome.refused[0][1].startswith("its RAW file IMG_5.CR2 cannot be read (")
        assert jpeg.is_file() and raw.is_fifo() and _in_trash(trash_dir) == []
