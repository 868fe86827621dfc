"""Export gives every copy a name the file system takes: 255-byte names that collide are shortened, never overwritten."""

from __future__ import annotations

import os
from pathlib import Path

from pictopy_desktop.cli import main
from pictopy_desktop.library import transfer
from pictopy_desktop.storage.database import open_database
from pictopy_desktop.storage.tables import Album, AlbumImage, Image, LibraryFolder

LONG = "A" * 251 + ".jpg"  # 255 bytes: the longest name ext4 and tmpfs take


def _long_named_album(tmp_path: Path) -> Path:
    """Two photos named ``LONG`` in different folders, both in the album "Long"; returns the data dir."""
    data = tmp_path / "data"
    data.mkdir()
    db = open_database(data / "library.sqlite3")
    with db.atomic():
        album = Album.create(name="Long")
        for n in (1, 2):
            folder_path = tmp_path / f"photos{n}"
            folder_path.mkdir()
            (folder_path / LONG).write_bytes(bytes([n]) * 3000)
            folder = LibraryFolder.create(path=str(folder_path))
            img = Image.create(
                path=str(folder_path / LONG),
                folder=folder,
                size=3000,
                mtime=1.0,
                content_hash=f"{n:032x}",
                state="done",
            )
            AlbumImage.create(album=album, image=img)
    db.close()
    return data


def _export(data: Path, out: Path, capsys) -> str:
    code = main(["--data-dir", str(data), "export", "photos", "--album", "Long", str(out)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


def test_colliding_longest_names_get_shortened_unique_names(tmp_path: Path, capsys) -> None:
    data = _long_named_album(tmp_path)
    out = tmp_path / "out"
    _export(data, out, capsys)
    # And the same album again into the same folder: two more copies, nothing overwritten.
    _export(data, out, capsys)
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 4, names
    assert LONG in names
    assert all(len(os.fsencode(n)) <= 255 and n.endswith(".jpg") for n in names), names
    assert sorted(n[-7:] for n in names if n != LONG) == ["A-1.jpg", "A-2.jpg", "A-3.jpg"]
    contents = sorted((out / n).read_bytes()[:1] for n in names)
    assert contents == [b"\x01", b"\x01", b"\x02", b"\x02"]
    assert not [n for n in names if n.startswith(".")]  # no temporary file left


def test_names_fit_a_destination_with_a_shorter_limit(tmp_path: Path, monkeypatch) -> None:
    """A file system that takes shorter names than the source (pathconf says so) gets shortened names."""
    data = _long_named_album(tmp_path)
    monkeypatch.setattr(transfer, "_name_max", lambda dest: 40)
    db = open_database(data / "library.sqlite3")
    try:
        report = transfer.copy_photos([i.id for i in Image.select(Image.id)], tmp_path / "out")
    finally:
        db.close()
    assert report.failed == []
    assert sorted(Path(p).name for p in report.copied) == sorted(
        ["A" * 36 + ".jpg", "A" * 34 + "-1.jpg"]
    )


def test_fitting_name_counts_encoded_bytes() -> None:
    """Limits are in bytes: a stem of 2-byte letters is cut by whole characters, never mid-letter."""
    name = transfer._fitting_name("é" * 200, "-12", ".jpeg", 255)
    assert name.endswith("é-12.jpeg") and len(os.fsencode(name)) <= 255
    assert name == "é" * 123 + "-12.jpeg"
    # A name whose suffix alone is too long keeps the tag and what fits of the suffix.
    odd = transfer._fitting_name("", "-1", "." + "x" * 300, 255)
    assert len(os.fsencode(odd)) == 255 and odd.startswith("-1.")
