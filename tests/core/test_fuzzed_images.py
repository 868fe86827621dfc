"""Fuzzed image files through the whole pipeline (decode, thumbnail, models, DB): no crash."""

from __future__ import annotations

import random
import struct
from pathlib import Path

import pytest

from pictopy_desktop.library.service import Library
from pictopy_desktop.storage.database import integrity_ok
from pictopy_desktop.storage.tables import Image, ImageState
from tests.core.image_factory import bomb_png


def _fuzz(src: bytes, rng: random.Random, kind: str) -> bytes:
    data = bytearray(src)
    if kind == "truncated":
        return bytes(data[: rng.randint(1, len(data) - 1)])
    if kind == "flipped":
        for _ in range(rng.randint(1, 40)):
            i = rng.randrange(len(data))
            data[i] ^= 1 << rng.randrange(8)
        return bytes(data)
    if kind == "header":
        data[: rng.randint(2, 16)] = bytes(rng.randrange(256) for _ in range(16))[
            : rng.randint(2, 16)
        ]
        return bytes(data)
    if kind == "dims":  # absurd SOF dimensions in a JPEG
        i = data.find(b"\xff\xc0")
        if i < 0:
            i = data.find(b"\xff\xc2")
        data[i + 5 : i + 9] = struct.pack(">HH", rng.choice([0, 1, 65535]), rng.choice([0, 65535]))
        return bytes(data)
    raise ValueError(kind)


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.slow
def test_fuzzed_files_never_crash(
    tmp_path: Path, shared_photos_dir: Path, shared_models_dir: Path, monkeypatch, seed: int
) -> None:
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(shared_models_dir))
    rng = random.Random(seed)
    sources = [shared_photos_dir / "darknet" / n for n in ("dog.jpg", "eagle.jpg")] + [
        shared_photos_dir / "skimage" / "coffee.png"
    ]
    folder = tmp_path / "fuzz"
    folder.mkdir()
    made = 0
    for src in sources:
        raw = src.read_bytes()
        for kind in ("truncated", "flipped", "header", "dims"):
            if kind == "dims" and src.suffix == ".png":
                continue
            for k in range(3):
                (folder / f"{src.stem}-{kind}-{k}{src.suffix}").write_bytes(_fuzz(raw, rng, kind))
                made += 1
    bomb_png(folder / "bomb.png", 65535, 65535)
    bomb_png(folder / "zero.png", 0, 0)
    made += 2

    with Library(tmp_path / "data") as lib:
        report = lib.index([folder])
        assert report.indexed + len(report.failed) == made, report.to_dict()
        for _path, reason in report.failed:
            assert reason and isinstance(reason, str)
        failed_rows = Image.select().where(Image.state == ImageState.FAILED).count()
        assert failed_rows == len(report.failed)
        assert Image.select().count() == made
        assert integrity_ok(lib.db)
        assert {p for p, _ in report.failed} >= {str(folder / "bomb.png"), str(folder / "zero.png")}
