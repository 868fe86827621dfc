"""People do not depend on batch boundaries: any order, any batch size, same people as all at once."""

from __future__ import annotations

import numpy as np
import pytest

from pictopy_desktop.ml.face_clustering import normalize
from tests.people.replay import FaceSpec, PhotoSpec, open_library, people_partition, replay

EPS = 0.3


def _photos(seed: int = 0) -> list[PhotoSpec]:
    """People whose faces sit close, loose (chains around the cut-off) or alone, look-alikes, and group photos."""
    rng = np.random.default_rng(seed)
    dim = 128
    base = {f"p{k}": normalize(rng.standard_normal(dim))[0] for k in range(8)}
    base["p1_lookalike"] = normalize(base["p1"] + 0.9 * normalize(rng.standard_normal(dim))[0])[0]
    spread = {
        "p0": 0.03,
        "p1": 0.045,
        "p2": 0.06,
        "p3": 0.06,
        "p4": 0.055,
        "p5": 0.03,
        "p6": 0.05,
        "p7": 0.04,
        "p1_lookalike": 0.045,
    }
    count = {
        "p0": 6,
        "p1": 4,
        "p2": 5,
        "p3": 3,
        "p4": 2,
        "p5": 1,
        "p6": 2,
        "p7": 1,
        "p1_lookalike": 3,
    }

    def face(who: str) -> FaceSpec:
        return FaceSpec(normalize(base[who] + rng.standard_normal(dim) * spread[who])[0])

    photos = [
        PhotoSpec(f"/replay/{who}-{k}.jpg", [face(who)])
        for who, n in count.items()
        for k in range(n)
    ]
    photos += [
        PhotoSpec("/replay/group-a.jpg", [face("p0"), face("p2"), face("p1")]),
        PhotoSpec("/replay/group-b.jpg", [face("p2"), face("p3")]),
        PhotoSpec("/replay/group-c.jpg", [face("p1"), face("p1_lookalike")]),
        PhotoSpec("/replay/group-d.jpg", [face("p7"), face("p6")]),
    ]
    return photos


@pytest.fixture
def run(tmp_path):
    """``run(batch, seed)``: the photos replayed into a fresh library; returns its people."""
    counter = iter(range(1000))

    def go(photos: list[PhotoSpec], batch: int, seed: int | None, checkpoint=None):
        lib = open_library(tmp_path / f"lib{next(counter)}", EPS)
        try:
            return replay(lib, photos, batch, seed, checkpoint)
        finally:
            from pictopy_desktop.people.face_assignment import forget_cache

            forget_cache(lib)
            lib.close()

    return go


@pytest.mark.parametrize("data_seed", [0, 1])
@pytest.mark.slow
def test_same_people_in_any_order_and_batch_size(run, data_seed):
    photos = _photos(data_seed)
    once = run(photos, len(photos), None)
    assert len(once) >= 5  # the data has structure to get wrong
    for batch in (1, 3, 5):
        for seed in (0, 1):
            assert run(photos, batch, seed) == once, f"batch {batch}, order {seed}"


def _from_scratch(done: list[PhotoSpec]) -> frozenset:
    """What a full re-cluster of these faces gives, computed without any library."""
    from pictopy_desktop.ml.face_linking import cluster_faces
    from pictopy_desktop.people.recluster import LINK_FACTOR, LINK_MARGIN_FACTOR

    keys = [(p.path, k) for p in done for k in range(len(p.faces))]
    x = np.stack([f.embedding for p in done for f in p.faces])
    groups = [i for i, p in enumerate(done) for _ in p.faces]
    labels = cluster_faces(
        x, EPS, groups=groups, link_distance=LINK_FACTOR * EPS, margin=LINK_MARGIN_FACTOR * EPS
    )
    people: dict[int, set] = {}
    for key, label in zip(keys, labels):
        if label >= 0:
            people.setdefault(int(label), set()).add(key)
    return frozenset(frozenset(g) for g in people.values())


def test_after_every_batch_people_are_a_full_recluster_of_the_faces_so_far(run):
    """Every checkpoint, not just the last, equals a from-scratch clustering of what has arrived."""
    photos = _photos(2)
    checked: list[int] = []

    def checkpoint(done: list[PhotoSpec]) -> None:
        assert people_partition() == _from_scratch(done), f"after {len(done)} photos"
        checked.append(len(done))

    run(photos, 3, 5, checkpoint)
    assert checked[-1] == len(photos) and len(checked) == -(-len(photos) // 3)


def test_two_photos_of_a_new_person_after_seven_others_make_a_person_in_one_run(run):
    """The issue's 9-photo folder: one index run, and the eighth person is found without a manual re-cluster."""
    rng = np.random.default_rng(3)
    others = [
        PhotoSpec(f"/nine/other{k}.jpg", [FaceSpec(normalize(rng.standard_normal(128))[0])])
        for k in range(7)
    ]
    new = normalize(rng.standard_normal(128))[0]
    pair = [
        PhotoSpec(
            f"/nine/new{k}.jpg", [FaceSpec(normalize(new + rng.standard_normal(128) * 0.03)[0])]
        )
        for k in range(2)
    ]
    people = run(others + pair, 9, None)
    assert people == frozenset({frozenset({("/nine/new0.jpg", 0), ("/nine/new1.jpg", 0)})})
