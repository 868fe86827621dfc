"""A pair is checked again whenever either of its files may be another picture: a RAW or a
JPEG replaced by a picture of the same size with its modification time kept (cp -p, touch -r,
written in place or renamed over) is re-read, so the RAW never stays hidden behind (nor
trashed with) a JPEG of another picture. A JPEG with several RAWs of its name is shown with
the one of its picture, and no file is both a photo and a companion. Flat pictures (whose
hashes prove nothing) pair only when they also look alike. Uses the sample library's Paris pair and Tokyo RAW."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image as PILImage

from pictopy_desktop.library.companion_identity import stored_identity
from pictopy_desktop.library.photo_trash import trash_photos
from pictopy_desktop.library.raw_pairs import record_companions
from pictopy_desktop.library.service import Library
from pictopy_desktop.storage.tables import Image, Presence
from tests import media_samples
from tests.core.pair_samples import PARIS_JPEG, PARIS_RAW, TOKYO_RAW, copy_sample
from tests.safety.library_helpers import at


def _assert_two_photos(jpeg: Path, raw: Path, row_id: int, raw_bytes: bytes) -> None:
    """The JPEG's row kept its heart and shows no RAW; deleting it leaves the RAW alone."""
    assert at(jpeg).id == row_id and at(jpeg).favourite and at(jpeg).companion_path is None
    assert at(raw).id != row_id and at(raw).presence == Presence.PRESENT
    outcome = trash_photos([row_id])
    assert not outcome.refused and outcome.companions == []
    assert raw.read_bytes() == raw_bytes


def test_a_raw_swapped_for_another_picture_with_its_size_and_mtime_is_checked_again(
    data_dir: Path, no_models: Path, tmp_path: Path, trash_dir: Path
) -> None:
    """The tester's t2: the Tokyo RAW (as large as the Paris one) copied over the pair's RAW
    with the old mtime is another file (its ctime moved): no longer shown with the JPEG."""
    assert TOKYO_RAW.stat().st_size == PARIS_RAW.stat().st_size
    folder = tmp_path / "D"
    jpeg = copy_sample(PARIS_JPEG, folder / "IMG_1.jpg")
    raw = copy_sample(PARIS_RAW, folder / "IMG_1.dng")
    with Library() as lib:
        lib.index([folder])
        assert at(jpeg).companion_path == str(raw)
        Image.update(favourite=True).execute()
        row_id = at(jpeg).id
        st = os.stat(raw)
        shutil.copyfile(TOKYO_RAW, raw)
        os.utime(raw, ns=(st.st_atime_ns, st.st_mtime_ns))
        assert os.stat(raw).st_mtime_ns == st.st_mtime_ns
        for _ in range(2):
            assert not lib.index([folder]).failed
        assert Image.select().count() == 2
        _assert_two_photos(jpeg, raw, row_id, TOKYO_RAW.read_bytes())


def _same_size_other_picture(size: int) -> bytes:
    """A JPEG of another picture (Paris inverted), padded after its end to ``size`` bytes."""
    with PILImage.open(PARIS_JPEG) as im:
        inverted = PILImage.fromarray(255 - np.asarray(im.convert("RGB")))
    out = io.BytesIO()
    inverted.save(out, "JPEG", quality=70)
    data = out.getvalue()
    assert len(data) <= size
    return data + b"\0" * (size - len(data))


@pytest.mark.parametrize("how", ["in_place", "renamed_over"])
def test_a_jpeg_swapped_for_another_picture_with_its_size_and_mtime_is_checked_again(
    data_dir: Path, no_models: Path, tmp_path: Path, trash_dir: Path, how: str
) -> None:
    """The tester's t10/t10b: the stored hash of the JPEG is trusted only while it is the
    same file (inode and ctime too), so the pair is checked against the new picture."""
    folder = tmp_path / "D"
    jpeg = copy_sample(PARIS_JPEG, folder / "IMG_1.jpg")
    raw = copy_sample(PARIS_RAW, folder / "IMG_1.dng")
    with Library() as lib:
        lib.index([folder])
        assert at(jpeg).companion_path == str(raw)
        Image.update(favourite=True).execute()
        row_id = at(jpeg).id
        st = os.stat(jpeg)
        data = _same_size_other_picture(st.st_size)
        if how == "in_place":
            with open(jpeg, "r+b") as fh:
                fh.write(data)
        else:
            (tmp_path / "new.jpg").write_bytes(data)
            os.replace(tmp_path / "new.jpg", jpeg)
        os.utime(jpeg, ns=(st.st_atime_ns, st.st_mtime_ns))
        for _ in range(2):
            assert not lib.index([folder]).failed
        assert Image.select().count() == 2
        _assert_two_photos(jpeg, raw, row_id, PARIS_RAW.read_bytes())


def test_a_jpeg_with_two_raws_is_shown_with_the_one_of_its_picture(
    data_dir: Path, no_models: Path, tmp_path: Path, trash_dir: Path
) -> None:
    """The tester's t7: the Paris pair, then IMG_1.cr2 of another picture (first by name)
    appears. The JPEG stays shown with its DNG, the CR2 is a photo of its own, no file is
    both, and deleting the pair's photo trashes the JPEG and the DNG, never the CR2."""
    folder = tmp_path / "D"
    jpeg = copy_sample(PARIS_JPEG, folder / "IMG_1.jpg")
    dng = copy_sample(PARIS_RAW, folder / "IMG_1.dng")
    with Library() as lib:
        lib.index([folder])
        Image.update(favourite=True).execute()
        row_id = at(jpeg).id
        cr2 = copy_sample(TOKYO_RAW, folder / "IMG_1.cr2")
        for _ in range(2):
            assert not lib.index([folder]).failed
            assert {Path(i.path).name: i.companion_path for i in Image.select()} == {
                "IMG_1.jpg": str(dng),
                "IMG_1.cr2": None,
            }
        assert at(jpeg).id == row_id and at(jpeg).favourite
        outcome = trash_photos([row_id])
        assert not outcome.refused
        assert [e.original_path for e in outcome.companions] == [str(dng)]
        assert not jpeg.exists() and not dng.exists()
        assert cr2.read_bytes() == TOKYO_RAW.read_bytes()
        assert at(cr2).presence == Presence.PRESENT


def test_two_raws_arriving_with_a_jpeg_pair_it_with_the_one_of_its_picture(
    data_dir: Path, no_models: Path, tmp_path: Path
) -> None:
    """All three new at once: the CR2 of another picture comes first by name and fails the
    check; the DNG that passes is the JPEG's RAW, the CR2 a photo of its own."""
    folder = tmp_path / "D"
    jpeg = copy_sample(PARIS_JPEG, folder / "IMG_1.jpg")
    dng = copy_sample(PARIS_RAW, folder / "IMG_1.dng")
    copy_sample(TOKYO_RAW, folder / "IMG_1.cr2")
    with Library() as lib:
        assert not lib.index([folder]).failed
        assert {Path(i.path).name: i.companion_path for i in Image.select()} == {
            "IMG_1.jpg": str(dng),
            "IMG_1.cr2": None,
        }
        assert stored_identity(at(jpeg).id).path == str(dng)


def test_a_raw_that_is_a_photo_of_its_own_is_no_photos_companion(
    data_dir: Path, no_models: Path, tmp_path: Path
) -> None:
    """A companion left pointing at a file that is a photo (by an older version) is cleared
    when companions are recorded, so deleting the JPEG's photo can never take that file."""
    folder = tmp_path / "D"
    jpeg = copy_sample(PARIS_JPEG, folder / "IMG_1.jpg")
    raw = copy_sample(TOKYO_RAW, folder / "IMG_1.dng")
    with Library() as lib:
        lib.index([folder])
        assert at(raw).companion_path is None and at(jpeg).companion_path is None
        Image.update(companion_path=str(raw)).where(Image.id == at(jpeg).id).execute()
        record_companions({}, roots=[folder])
        assert at(jpeg).companion_path is None
        assert at(raw).presence == Presence.PRESENT


BLACK = (0, 0, 0)
SKY = (120, 170, 230)


def _flat_dng(path: Path, colour: tuple[int, int, int], monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small DNG whose picture (and embedded preview) is one colour: a lens-cap frame."""
    rgb = np.zeros((64, 96, 3), np.uint8)
    rgb[:] = colour
    path.parent.mkdir(parents=True, exist_ok=True)
    with monkeypatch.context() as m:
        m.setattr(media_samples, "scene", lambda width, height, seed=0: rgb)
        return media_samples.make_dng(path, size=(96, 64))


def _flat_jpeg(path: Path, colour: tuple[int, int, int]) -> Path:
    PILImage.new("RGB", (96, 64), colour).save(path, quality=90)
    return path


@pytest.mark.parametrize("raw_first", [True, False])
def test_a_black_raw_and_a_sky_jpeg_with_its_name_are_two_photos(
    data_dir: Path,
    no_models: Path,
    tmp_path: Path,
    trash_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    raw_first: bool,
) -> None:
    """The tester's t1: both flat pictures hash alike (nearly all bits equal), which proves
    nothing; their mean colours differ, so they are two photos and deleting one leaves the
    other, whichever was indexed first."""
    folder = tmp_path / "D"
    raw = _flat_dng(folder / "IMG_1.dng", BLACK, monkeypatch)
    with Library() as lib:
        if raw_first:
            lib.index([folder])
            Image.update(favourite=True).execute()
        jpeg = _flat_jpeg(folder / "IMG_1.jpg", SKY)
        for _ in range(2):
            assert not lib.index([folder]).failed
            assert {Path(i.path).name: i.companion_path for i in Image.select()} == {
                "IMG_1.jpg": None,
                "IMG_1.dng": None,
            }
        assert at(raw).favourite == raw_first and not at(jpeg).favourite
        outcome = trash_photos([at(jpeg).id])
        assert not outcome.refused and outcome.companions == []
        assert raw.exists() and at(raw).presence == Presence.PRESENT


def test_a_flat_pair_of_one_colour_is_still_one_photo(
    data_dir: Path, no_models: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A lens-cap frame's RAW and JPEG (both black, one shape) look alike: one photo."""
    folder = tmp_path / "D"
    raw = _flat_dng(folder / "IMG_1.dng", BLACK, monkeypatch)
    jpeg = _flat_jpeg(folder / "IMG_1.jpg", BLACK)
    with Library() as lib:
        assert not lib.index([folder]).failed
        assert [(Path(i.path).name, i.companion_path) for i in Image.select()] == [
            ("IMG_1.jpg", str(raw))
        ]
        assert at(jpeg).companion_path == str(raw)
