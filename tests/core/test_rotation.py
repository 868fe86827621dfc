"""Rotation lives in the library (``Image.rotation``), never in the file, and maps face boxes."""

from __future__ import annotations

import hashlib

import pytest

from pictopy_desktop.library import rotation
from pictopy_desktop.library.service import Library
from pictopy_desktop.storage.tables import Image


def test_rotate_writes_degrees_not_the_file_and_reports_the_photos(
    photo_copy, data_dir, no_models
) -> None:
    folder = photo_copy("darknet/dog.jpg", "darknet/kite.jpg")
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    with Library(data_dir) as lib:
        lib.index([folder])
        dog = Image.get(Image.path == str(folder / "dog.jpg")).id
        kite = Image.get(Image.path == str(folder / "kite.jpg")).id
        changes = rotation.rotate([dog], 1)
        assert changes.photos and changes.image_ids == {dog}
        rotation.rotate([dog, kite], -1)  # anticlockwise: dog back to 0, kite to 270
        assert rotation.rotations_of([dog, kite]) == {dog: 0, kite: 270}
        rotation.rotate([kite], 3)
        assert rotation.rotations_of([kite]) == {kite: 180}
        assert not rotation.rotate([kite], 4).any()  # a full turn changes nothing
        assert not rotation.rotate([], 1).any()
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    assert after == before


@pytest.mark.parametrize(
    ("degrees", "expected"),
    [
        (0, (10, 20, 30, 60)),
        (90, (140, 10, 180, 30)),  # a 100x200 picture turned clockwise is 200x100
        (180, (70, 140, 90, 180)),
        (270, (20, 70, 60, 90)),
        (-90, (20, 70, 60, 90)),
        (450, (140, 10, 180, 30)),
    ],
)
def test_rotate_box_follows_the_picture(degrees: int, expected: tuple) -> None:
    assert rotation.rotate_box((10, 20, 30, 60), 100, 200, degrees) == expected
    w, h = rotation.rotated_size(100, 200, degrees)
    x1, y1, x2, y2 = expected
    assert 0 <= x1 < x2 <= w and 0 <= y1 < y2 <= h


def test_four_quarter_turns_give_the_box_back() -> None:
    box, size = (5.0, 7.0, 25.0, 47.0), (64, 48)
    for _ in range(4):
        box = rotation.rotate_box(box, *size, 90)
        size = rotation.rotated_size(*size, 90)
    assert box == (5.0, 7.0, 25.0, 47.0) and size == (64, 48)
