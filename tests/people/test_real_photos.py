"""Real photos (../shared): people found all at once vs. a few at a time, and the CLI."""

from __future__ import annotations

import importlib.util
import json
import random
import shutil
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import MODELS_DIR, PHOTOS_DIR, REPO_ROOT

pytestmark = pytest.mark.skipif(
    not (MODELS_DIR.exists() and (PHOTOS_DIR / "face_recognition").exists()),
    reason="../shared models and photos are absent",
)

LABELLED = ("face_recognition", "openface")


def _bench():
    spec = importlib.util.spec_from_file_location(
        "bench_people_quality", REPO_ROOT / "benchmarks" / "bench_people_quality.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def photos(tmp_path_factory) -> list[Path]:
    root = tmp_path_factory.mktemp("labelled")
    for name in LABELLED:
        shutil.copytree(PHOTOS_DIR / name, root / name)
    return [root / name for name in LABELLED]


def _open(data_dir: Path, monkeypatch_env):
    from pictopy_desktop import paths
    from pictopy_desktop.library.service import Library

    paths.set_data_dir_override(data_dir)
    return Library(data_dir)


@pytest.fixture(scope="module")
def env():
    mp = pytest.MonkeyPatch()
    mp.setenv("PICTOPY_MODELS_DIR", str(MODELS_DIR))
    yield mp
    from pictopy_desktop import paths

    paths.set_data_dir_override(None)
    mp.undo()


@pytest.fixture(scope="module")
def all_at_once(photos, env, tmp_path_factory):
    """The labelled photos indexed in one run; returns (data dir, score)."""
    bench = _bench()
    data_dir = tmp_path_factory.mktemp("once")
    lib = _open(data_dir, env)
    lib.index(photos)
    from pictopy_desktop.people.recluster import maybe_recluster

    maybe_recluster(lib, force=True)
    score = bench.evaluate(bench.load_labels(photos))
    lib.close()
    return data_dir, score


@pytest.mark.slow
def test_all_at_once_finds_the_labelled_people(all_at_once):
    _, score = all_at_once
    assert score["precision"] >= 0.95
    assert score["f1"] >= 0.9


@pytest.mark.slow
def test_incremental_random_order_is_the_same(photos, env, all_at_once, tmp_path_factory):
    """Real indexing runs of 4 photos in random order, with no manual re-cluster: the same people."""
    bench = _bench()
    _, once = all_at_once
    files = bench.photo_files(photos)
    random.Random(1).shuffle(files)
    lib = _open(tmp_path_factory.mktemp("incr"), env)
    assert lib.settings.recluster_every_photos == 5
    for i in range(0, len(files), 4):
        lib.index(files[i : i + 4])
    score = bench.evaluate(bench.load_labels(photos))
    lib.close()
    assert score["partition"] == once["partition"]
    assert score["unknown"] == once["unknown"]


def _real_faces(data_dir: Path, env) -> list:
    """The faces the labelled photos gave (embeddings, boxes, scores), as replayable photos."""
    from pictopy_desktop.storage.tables import Face, Image
    from tests.people.replay import FaceSpec, PhotoSpec

    lib = _open(data_dir, env)
    try:
        photos = []
        for image in Image.select().order_by(Image.path):
            faces = [
                FaceSpec(
                    np.frombuffer(f.embedding, dtype=np.float32),
                    (f.x1, f.y1, f.x2, f.y2),
                    f.score,
                    f.sharpness,
                )
                for f in Face.select().where(Face.image == image.id).order_by(Face.id)
                if f.embedding is not None
            ]
            photos.append(PhotoSpec(str(image.path), faces))
        return photos
    finally:
        lib.close()


@pytest.mark.slow
def test_real_faces_in_any_order_and_batch_size_give_the_same_people(all_at_once, env, tmp_path):
    """The labelled photos' real faces replayed 1, 3 and 5 at a time in two orders: identical people."""
    from pictopy_desktop.people.face_assignment import forget_cache
    from tests.people.replay import open_library, replay

    data_dir, _ = all_at_once
    photos = _real_faces(data_dir, env)
    eps = 0.5
    results = {}
    for batch, seed in [(len(photos), None), (1, 0), (3, 0), (3, 1), (5, 0), (5, 2)]:
        lib = open_library(tmp_path / f"b{batch}-{seed}", eps)
        try:
            results[(batch, seed)] = replay(lib, photos, batch, seed)
        finally:
            forget_cache(lib)
            lib.close()
    once = results[(len(photos), None)]
    assert len(once) >= 5
    assert all(people == once for people in results.values()), [
        k for k, v in results.items() if v != once
    ]


@pytest.mark.slow
def test_cli_rename_merge_undo(all_at_once, tmp_path, capsys):
    from pictopy_desktop.cli import main

    data_dir, _ = all_at_once
    work = tmp_path / "data"
    shutil.copytree(data_dir, work)

    def people() -> list[dict]:
        capsys.readouterr()
        assert main(["--data-dir", str(work), "people", "--json"]) == 0
        return json.loads(capsys.readouterr().out)

    before = people()
    assert len(before) >= 2
    for key in (
        "id",
        "name",
        "user_named",
        "hidden",
        "cover_face_id",
        "face_count",
        "photo_count",
        "faces",
    ):
        assert key in before[0]
    assert {"id", "image", "box", "score", "confirmed"} <= set(before[0]["faces"][0])
    big, other = before[0], before[1]

    assert (
        main(["--data-dir", str(work), "people", "rename", str(big["id"]), "Barack", "Obama"]) == 0
    )
    renamed = {p["id"]: p for p in people()}
    assert renamed[big["id"]]["name"] == "Barack Obama" and renamed[big["id"]]["user_named"]

    assert main(["--data-dir", str(work), "people", "merge", str(big["id"]), str(other["id"])]) == 0
    merged = {p["id"]: p for p in people()}
    assert other["id"] not in merged
    assert merged[big["id"]]["face_count"] == big["face_count"] + other["face_count"]

    assert main(["--data-dir", str(work), "people", "undo"]) == 0
    split = {p["id"]: p for p in people()}
    assert sorted(f["id"] for f in split[other["id"]]["faces"]) == sorted(
        f["id"] for f in other["faces"]
    )
    assert sorted(f["id"] for f in split[big["id"]]["faces"]) == sorted(
        f["id"] for f in big["faces"]
    )

    assert main(["--data-dir", str(work), "people", "recluster"]) == 0
    assert {p["id"]: p["name"] for p in people()}[big["id"]] == "Barack Obama"

    capsys.readouterr()
    assert main(["--data-dir", str(work), "people", "merge", str(big["id"]), "99999"]) == 1
    assert "no person with id 99999" in capsys.readouterr().err

    assert main(["--data-dir", str(work), "people", "unknown", "--json"]) == 0
    unknown = json.loads(capsys.readouterr().out)
    if unknown:
        face = unknown[0]["id"]
        assert (
            main(["--data-dir", str(work), "people", "name-face", str(face), "Someone", "New"]) == 0
        )
        assert "Someone New" in [p["name"] for p in people()]
        assert main(["--data-dir", str(work), "people", "move-face", str(face), "new"]) == 0
        assert main(["--data-dir", str(work), "people", "remove-face", str(face)]) == 0
        assert face not in [f["id"] for p in people() for f in p["faces"]]
    assert main(["--data-dir", str(work), "people", "hide", str(big["id"])]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(work), "people"]) == 0
    assert "Barack Obama" not in capsys.readouterr().out
    assert main(["--data-dir", str(work), "people", "unhide", str(big["id"])]) == 0
