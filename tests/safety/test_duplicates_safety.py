"""Duplicates that are safe by construction (issue 11): the only copy of a photo is never trashed.

Each test looks on disk (what is in the folder, what is in the redirected system trash)
and in the library (presence, trash records, favourites and albums).
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image as PILImage

from pictopy_desktop.cli import main
from pictopy_desktop.library import albums, duplicates
from pictopy_desktop.library.favourites import set_favourite
from pictopy_desktop.library.perceptual_hash import hamming
from pictopy_desktop.library.service import Library
from pictopy_desktop.storage.tables import AlbumImage, Image, Presence, TrashRecord

OBAMA = [f"face_recognition/examples/obama-{s}.jpg" for s in ("240p", "480p", "720p", "1080p")]


@pytest.fixture(autouse=True)
def _no_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Duplicates need no models: indexing without them keeps these tests quick."""
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(tmp_path / "no-models"))


def _index(data: Path, *roots: Path) -> None:
    with Library(data) as lib:
        lib.index(list(roots))


def _cli(capsys, data: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _trashed_names(trash_dir: Path) -> list[str]:
    return sorted(p.name for p in trash_dir.rglob("files/*"))


def _alias_rows(data: Path, pairs: list[tuple[Path, Path]]) -> None:
    """Rows for the same files under other paths, as a library from before v4 (no device/inode) has them."""
    with Library(data):
        for real, alias in pairs:
            row = Image.get(Image.path == str(real))
            fields = {
                f: getattr(row, f)
                for f in (
                    "size",
                    "mtime",
                    "content_hash",
                    "width",
                    "height",
                    "format",
                    "thumbnail",
                    "phash",
                    "state",
                )
            }
            Image.create(path=str(alias), folder=row.folder, device=None, inode=None, **fields)


def test_same_file_through_a_symlinked_folder_is_not_a_duplicate(
    tmp_path, photo_copy, trash_dir, capsys
) -> None:
    folder = photo_copy("darknet/dog.jpg", "darknet/eagle.jpg")
    link = tmp_path / "link-to-photos"
    link.symlink_to(folder, target_is_directory=True)
    data = tmp_path / "data"
    _index(data, folder)
    _alias_rows(data, [(folder / n, link / n) for n in ("dog.jpg", "eagle.jpg")])

    code, out, _ = _cli(capsys, data, "duplicates", "--trash", "--near", "--yes")
    assert code == 0 and "Moved 0 photos" in out
    assert sorted(p.name for p in folder.iterdir()) == ["dog.jpg", "eagle.jpg"]
    assert _trashed_names(trash_dir) == []
    with Library(data):
        assert duplicates.find_duplicates() == []
        assert TrashRecord.select().count() == 0
        # Asked directly (as "keep this one" would), each check refuses: it is the same file.
        dog, alias = (
            Image.get(Image.path == str(folder / "dog.jpg")),
            Image.get(Image.path == str(link / "dog.jpg")),
        )
        outcome = duplicates.trash_duplicates(dog.id, [alias.id])
        assert outcome.trashed == [] and "same file" in outcome.refused[0][1]
        outcome = duplicates.trash_duplicates(alias.id, [dog.id])
        assert outcome.trashed == [] and "same file" in outcome.refused[0][1]
        assert Image.select().where(Image.presence == Presence.PRESENT).count() == 4
    assert (folder / "dog.jpg").is_file() and _trashed_names(trash_dir) == []


def test_a_symlinked_file_and_its_target_are_one_file(tmp_path, photo_copy, trash_dir) -> None:
    folder = photo_copy("darknet/dog.jpg")
    (folder / "dog-link.jpg").symlink_to(folder / "dog.jpg")
    data = tmp_path / "data"
    _index(data, folder)
    if not _has_row(
        data, folder / "dog-link.jpg"
    ):  # an indexer that skips links: the row an older one made
        _alias_rows(data, [(folder / "dog.jpg", folder / "dog-link.jpg")])
    with Library(data):
        assert duplicates.find_duplicates() == []
        real = Image.get(Image.path == str(folder / "dog.jpg"))
        link = Image.get(Image.path == str(folder / "dog-link.jpg"))
        # Keeping the link would trash the target: refused (the link is not the photo itself).
        outcome = duplicates.trash_duplicates(link.id, [real.id])
        assert outcome.trashed == [] and "symbolic link" in outcome.refused[0][1]
        outcome = duplicates.trash_duplicates(real.id, [link.id])
        assert outcome.trashed == [] and "symbolic link" in outcome.refused[0][1]
        assert TrashRecord.select().count() == 0
    assert (folder / "dog.jpg").is_file() and (folder / "dog-link.jpg").is_symlink()
    assert _trashed_names(trash_dir) == []


def _has_row(data: Path, path: Path) -> bool:
    with Library(data):
        return Image.get_or_none(Image.path == str(path)) is not None


# ---------------------------------------------------------------------- bursts are not chained

BURST_FRAMES = 36


def _burst(shared_photos_dir: Path, dest: Path) -> dict[str, int]:
    """Frames of a crop window sliding across a real photo; returns each frame's x offset."""
    dest.mkdir(parents=True)
    src = PILImage.open(shared_photos_dir / "darknet" / "horses.jpg").convert("RGB")
    w, h = src.size
    cw, ch = int(w * 0.6), int(h * 0.6)
    top = (h - ch) // 2
    offsets = {}
    for i in range(BURST_FRAMES):
        x = round(i * (w - cw) / (BURST_FRAMES - 1))
        name = f"frame-{i:02d}.jpg"
        src.crop((x, top, x + cw, top + ch)).save(dest / name, "JPEG", quality=92)
        os.utime(dest / name, (1_600_000_000 + i, 1_600_000_000 + i))
        offsets[name] = x
    return offsets


@pytest.mark.slow
def test_a_burst_of_shifted_frames_is_never_chained(
    tmp_path, shared_photos_dir, trash_dir, capsys
) -> None:
    folder = tmp_path / "burst"
    offsets = _burst(shared_photos_dir, folder)
    step = offsets["frame-01.jpg"]
    data = tmp_path / "data"
    _index(data, folder)
    limit = duplicates.NEAR_DUPLICATE_DISTANCE
    with Library(data):
        rows = {Path(i.path).name: i for i in Image.select()}
        frames = sorted(rows)
        # The trap: each frame is close to the next, the first and the last are far apart.
        close_steps = sum(
            hamming(rows[a].phash, rows[b].phash) <= limit for a, b in zip(frames, frames[1:])
        )
        assert close_steps >= BURST_FRAMES // 2
        assert hamming(rows[frames[0]].phash, rows[frames[-1]].phash) > 3 * limit
        groups = duplicates.find_duplicates()
        assert groups and all(not g.exact for g in groups)
        by_id = {r.id: r for r in rows.values()}
        for g in groups:
            keeper = by_id[g.image_ids[0]]
            for member in (by_id[i] for i in g.image_ids[1:]):
                assert hamming(keeper.phash, member.phash) <= limit
                # No member far from its keeper: a few steps of the window at most, not across the panorama.
                assert (
                    abs(offsets[Path(member.path).name] - offsets[Path(keeper.path).name])
                    <= 3 * step
                )
        assert max(len(g.image_ids) for g in groups) < BURST_FRAMES // 3

    code, out, _ = _cli(capsys, data, "duplicates", "--trash", "--near", "--yes")
    assert code == 0
    with Library(data):
        records = list(TrashRecord.select())
        assert len(records) == sum(len(g.image_ids) - 1 for g in groups)
        for rec in records:  # every trashed frame looked like the frame kept for it
            gone = Image.get(Image.path == rec.original_path)
            kept = Image.get(Image.path == rec.kept_path)
            assert hamming(gone.phash, kept.phash) <= limit and gone.presence == Presence.MISSING
            assert not Path(rec.original_path).exists() and Path(rec.kept_path).is_file()
    grouped = sum(len(g.image_ids) for g in groups)
    assert (
        len(list(folder.iterdir()))
        == BURST_FRAMES - len(records)
        == len(groups) + BURST_FRAMES - grouped
    )
    assert len(_trashed_names(trash_dir)) == len(records)


def test_obama_sizes_stay_one_near_group(tmp_path, photo_copy) -> None:
    folder = photo_copy(*OBAMA, "face_recognition/examples/biden.jpg")
    data = tmp_path / "data"
    _index(data, folder)
    with Library(data):
        groups = duplicates.find_duplicates()
        assert len(groups) == 1 and not groups[0].exact
        names = [Path(Image.get_by_id(i).path).name for i in groups[0].image_ids]
        assert names[0] == "obama-1080p.jpg" and sorted(names) == sorted(
            Path(p).name for p in OBAMA
        )


def test_flat_pictures_of_other_colours_are_not_near_duplicates(tmp_path) -> None:
    """A DCT hash ignores colour and sees no structure in a flat picture: solid red and blue hash alike."""
    folder = tmp_path / "flat"
    folder.mkdir()
    for name, colour in (
        ("red.bmp", (255, 0, 0)),
        ("blue.bmp", (0, 0, 255)),
        ("grey.png", (128, 128, 128)),
    ):
        PILImage.new("RGB", (200, 150), colour).save(folder / name)
    data = tmp_path / "data"
    _index(data, folder)
    with Library(data):
        assert {bin(int(img.phash, 16)).count("1") for img in Image.select()} == {
            1
        }  # why they would group
        assert duplicates.find_duplicates() == []


# ---------------------------------------------------------------------- checks right before trashing


@pytest.fixture
def dog_pair(tmp_path, photo_copy) -> tuple[Path, Path, Path]:
    """dog.jpg and an exact copy in another folder, indexed: (data dir, keeper, copy)."""
    folder = photo_copy("darknet/dog.jpg")
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy2(folder / "dog.jpg", other / "dog-copy.jpg")
    os.utime(other / "dog-copy.jpg", (1_700_000_000, 1_700_000_000))  # newer: dog.jpg is the keeper
    data = tmp_path / "data"
    _index(data, folder, other)
    return data, folder / "dog.jpg", other / "dog-copy.jpg"


def test_keeper_deleted_outside_the_app_nothing_trashed(dog_pair, trash_dir, capsys) -> None:
    data, keeper, copy = dog_pair
    with Library(data):
        (group,) = duplicates.find_duplicates()
        assert group.exact and Image.get_by_id(group.image_ids[0]).path == str(keeper)
    keeper.unlink()  # deleted elsewhere, after the listing
    with Library(data):
        outcome = duplicates.trash_duplicates(
            group.image_ids[0], group.image_ids[1:], exact_only=True
        )
        assert outcome.trashed == [] and outcome.refused == [
            (str(copy), f"the copy to keep, {keeper}, is gone")
        ]
    code, out, _ = _cli(capsys, data, "duplicates", "--trash")
    assert code == 0 and "Moved 0 photos" in out
    assert copy.is_file() and _trashed_names(trash_dir) == []
    with Library(data):
        assert TrashRecord.select().count() == 0
        assert Image.get(Image.path == str(copy)).presence == Presence.PRESENT


def test_the_last_copy_is_never_trashed(dog_pair, trash_dir) -> None:
    data, keeper, copy = dog_pair
    with Library(data):
        keep_id = Image.get(Image.path == str(keeper)).id
        copy_id = Image.get(Image.path == str(copy)).id
        outcome = duplicates.trash_duplicates(keep_id, [keep_id, copy_id], exact_only=True)
        assert outcome.trashed == [(str(copy), TrashRecord.get().id)]
        assert outcome.refused == [(str(keeper), "it is the copy being kept")]
        # Now the other way round: the copy that was kept is the last one.
        outcome = duplicates.trash_duplicates(copy_id, [keep_id])
        assert outcome.trashed == [] and "is not in the library now" in outcome.refused[0][1]
    assert keeper.is_file() and not copy.exists()
    assert _trashed_names(trash_dir) == ["dog-copy.jpg"]


def test_a_file_changed_since_indexing_is_not_trashed(dog_pair, trash_dir) -> None:
    data, keeper, copy = dog_pair
    with open(copy, "ab") as fh:  # edited elsewhere: no longer what the user saw listed
        fh.write(b"\0")
    with Library(data):
        keep_id = Image.get(Image.path == str(keeper)).id
        copy_id = Image.get(Image.path == str(copy)).id
        outcome = duplicates.trash_duplicates(keep_id, [copy_id])
        assert outcome.trashed == [] and outcome.refused == [
            (str(copy), "it changed since it was indexed")
        ]
    keeper.write_bytes(
        keeper.read_bytes()[:-10]
    )  # and a keeper that changed is no guarantee either
    shutil.copy(keeper, copy)
    with Library(data):
        outcome = duplicates.trash_duplicates(copy_id, [keep_id])
        assert outcome.trashed == [] and "changed since it was indexed" in outcome.refused[0][1]
        assert TrashRecord.select().count() == 0
    assert keeper.is_file() and copy.is_file() and _trashed_names(trash_dir) == []


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_near_duplicates_need_near_and_yes_without_a_terminal(
    tmp_path, photo_copy, trash_dir, capsys, monkeypatch
) -> None:
    folder = photo_copy(*OBAMA)
    data = tmp_path / "data"
    _index(data, folder)
    names = sorted(Path(p).name for p in OBAMA)

    code, out, _ = _cli(capsys, data, "duplicates")
    assert code == 0 and "Near duplicates" in out
    for name in names:  # every file with its folder, resolution and size
        line = next(ln for ln in out.splitlines() if f" {name} " in ln)
        assert f"in {folder}" in line and " x " in line and ("KB" in line or "MB" in line)

    code, out, _ = _cli(capsys, data, "duplicates", "--trash")
    assert code == 0 and "Moved 0 photos" in out and "3 near duplicates were left alone" in out
    assert sorted(p.name for p in folder.iterdir()) == names

    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no terminal
    code, _, err = _cli(capsys, data, "duplicates", "--trash", "--near")
    assert code == 1 and "--yes" in err and "Nothing was moved" in err
    assert sorted(p.name for p in folder.iterdir()) == names

    monkeypatch.setattr("sys.stdin", _Terminal("n\n"))  # a terminal, and the user says no
    code, out, err = _cli(capsys, data, "duplicates", "--trash", "--near")
    assert code == 0 and "[y/N]" in err and "Nothing was moved" in out
    assert sorted(p.name for p in folder.iterdir()) == names and _trashed_names(trash_dir) == []

    monkeypatch.setattr(
        "sys.stdin", _Terminal("\n")
    )  # with --json the list is shown on stderr before asking
    code, out, err = _cli(capsys, data, "duplicates", "--trash", "--near", "--json")
    assert (
        code == 0
        and "obama-240p.jpg  427 x 240" in err.split("[y/N]")[0]
        and "Nothing was moved" in out
    )
    assert sorted(p.name for p in folder.iterdir()) == names

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, out, _ = _cli(capsys, data, "duplicates", "--trash", "--near", "--yes")
    assert code == 0 and "Moved 3 photos" in out
    assert [p.name for p in folder.iterdir()] == ["obama-1080p.jpg"]
    assert _trashed_names(trash_dir) == [n for n in names if n != "obama-1080p.jpg"]
    with Library(data):
        assert {r.reason for r in TrashRecord.select()} == {
            f"near duplicate of {folder / 'obama-1080p.jpg'}"
        }


def test_favourite_and_album_move_to_the_keeper(dog_pair, trash_dir, capsys) -> None:
    data, keeper, copy = dog_pair
    with Library(data) as lib:
        copy_row = Image.get(Image.path == str(copy))
        set_favourite(lib.db, [copy_row.id])
        pets = albums.create_album("Pets", [copy_row.id]).value
        trip = albums.create_album(
            "Trip", [copy_row.id, Image.get(Image.path == str(keeper)).id]
        ).value
    code, out, _ = _cli(capsys, data, "duplicates", "--trash", "--json")
    assert code == 0
    assert '"trashed": [\n      "' + str(copy) in out
    assert keeper.is_file() and not copy.exists() and _trashed_names(trash_dir) == ["dog-copy.jpg"]
    with Library(data):
        kept = Image.get(Image.path == str(keeper))
        assert kept.favourite and kept.presence == Presence.PRESENT
        assert {a.album_id for a in AlbumImage.select().where(AlbumImage.image == kept.id)} == {
            pets,
            trip,
        }
        gone = Image.get(
            Image.path == str(copy)
        )  # kept, marked missing, with its own data for a restore
        assert (
            gone.presence == Presence.MISSING and gone.missing_since is not None and gone.favourite
        )
        assert {a.album_id for a in AlbumImage.select().where(AlbumImage.image == gone.id)} == {
            pets,
            trip,
        }
        record = TrashRecord.get()
        assert (record.original_path, record.kept_path) == (str(copy), str(keeper))
        assert (
            record.reason == f"exact duplicate of {keeper}" and record.size == keeper.stat().st_size
        )


def test_popcount_without_numpy_2(monkeypatch) -> None:
    """numpy 1.26 (allowed by pyproject) has no bitwise_count: the table fallback counts the same."""
    import random

    import numpy as np

    rng = random.Random(3)
    values = np.array([rng.getrandbits(64) for _ in range(200)] + [0, 2**64 - 1], dtype=np.uint64)
    expected = [int(v).bit_count() for v in values]
    monkeypatch.delattr(np, "bitwise_count", raising=False)
    assert duplicates._popcount(values).tolist() == expected
    pairs = values[:20, None] ^ values[None, :20]
    assert duplicates._popcount(pairs).tolist() == [
        [int(x).bit_count() for x in row] for row in pairs
    ]


def test_copies_of_one_photo_indexed_at_once_all_index(tmp_path, photo_copy) -> None:
    """Copies share one cached thumbnail; writing it from two workers at once must not fail either copy."""
    folder = photo_copy("darknet/dog.jpg")
    for i in range(8):
        shutil.copy2(folder / "dog.jpg", folder / f"dog-{i}.jpg")
    data = tmp_path / "data"
    _index(data, folder)
    with Library(data):
        assert [(i.path, i.error) for i in Image.select() if i.error] == []
        (group,) = duplicates.find_duplicates()
        assert group.exact and len(group.image_ids) == 9


def test_one_thumbnail_written_by_many_workers_at_once(tmp_path, shared_photos_dir) -> None:
    import threading

    import numpy as np

    from pictopy_desktop.library.thumbnails import write_thumbnail

    rgb = np.asarray(PILImage.open(shared_photos_dir / "darknet" / "dog.jpg").convert("RGB"))
    start = threading.Barrier(6)
    errors: list[BaseException] = []

    def write() -> None:
        start.wait()
        try:
            write_thumbnail(rgb, "ab" * 16, tmp_path)
        except BaseException as exc:  # collected: the assertion below names it
            errors.append(exc)

    threads = [threading.Thread(target=write) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and (tmp_path / "ab" / ("ab" * 16 + ".jpg")).is_file()
    assert [p.name for p in (tmp_path / "ab").iterdir()] == [
        "ab" * 16 + ".jpg"
    ]  # no temp file left


@pytest.mark.slow
def test_a_named_face_on_the_trashed_copy_names_the_keepers_face(
    tmp_path, photo_copy, shared_models_dir, trash_dir, monkeypatch
) -> None:
    from pictopy_desktop.people import people_service as ps
    from pictopy_desktop.storage.tables import Face, Person

    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(shared_models_dir))
    folder = photo_copy("openface/lennon-1.jpg")
    small = tmp_path / "small"
    small.mkdir()
    with PILImage.open(folder / "lennon-1.jpg") as im:  # the same picture at 60 %: face boxes scale
        im.resize((im.width * 3 // 5, im.height * 3 // 5)).save(
            small / "lennon-small.jpg", quality=90
        )
    data = tmp_path / "data"
    _index(data, folder, small)
    with Library(data):
        keeper = Image.get(Image.path == str(folder / "lennon-1.jpg"))
        copy = Image.get(Image.path == str(small / "lennon-small.jpg"))
        (copy_face,) = Face.select().where(Face.image == copy.id)
        ps.name_face(copy_face.id, "John Lennon")
        Face.update(person=None, confirmed=False).where(Face.image == keeper.id).execute()
        outcome = duplicates.trash_duplicates(keeper.id, [copy.id])
        assert outcome.refused == [] and not (small / "lennon-small.jpg").exists()
        (kept_face,) = Face.select().where(Face.image == keeper.id)
        assert kept_face.person.name == "John Lennon" and kept_face.confirmed
        assert Person.get(Person.name == "John Lennon").cover_face_id == kept_face.id
        # The trashed copy keeps its own face too, for a restore.
        assert Face.get_by_id(copy_face.id).person_id == kept_face.person_id
