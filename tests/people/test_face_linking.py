"""Stage two of the clustering: groups linked by their average distance, never by one close pair."""

from __future__ import annotations

import numpy as np

from pictopy_desktop.ml.face_clustering import NOISE, normalize
from pictopy_desktop.ml.face_linking import average_link, cluster_faces

EPS, LINK = 0.3, 0.36


def at_distance(base: np.ndarray, distance: float, rng: np.random.Generator) -> np.ndarray:
    other = rng.standard_normal(base.shape)
    other -= other.dot(base) * base
    other /= np.linalg.norm(other)
    cos = 1.0 - distance
    return normalize(cos * base + np.sqrt(1.0 - cos * cos) * other)[0]


def same_groups(a: np.ndarray, b: np.ndarray) -> bool:
    """Two labellings describe the same partition (labels may be numbered differently)."""

    def groups(lab):
        return {frozenset(np.flatnonzero(lab == k).tolist()) for k in set(lab.tolist()) if k >= 0}

    return groups(np.asarray(a)) == groups(np.asarray(b))


def test_a_face_just_above_eps_from_a_whole_group_joins_it():
    rng = np.random.default_rng(0)
    centre = normalize(rng.standard_normal(128))[0]
    group = [at_distance(centre, 0.12, rng) for _ in range(4)]
    x = np.stack(group + [at_distance(centre, 0.235, rng)])  # ~0.33 from each group face: above eps
    single = cluster_faces(x, EPS)
    assert single[4] == NOISE and len(set(single[:4])) == 1
    linked = cluster_faces(x, EPS, link_distance=LINK)
    assert len(set(linked.tolist())) == 1 and linked[0] >= 0


def test_two_lone_faces_above_eps_are_never_linked():
    rng = np.random.default_rng(1)
    a = normalize(rng.standard_normal(128))[0]
    x = np.stack([a, at_distance(a, 0.32, rng)])
    assert (cluster_faces(x, EPS, link_distance=LINK) == NOISE).all()


def toward(a: np.ndarray, b: np.ndarray, angle: float) -> np.ndarray:
    """The unit vector ``angle`` radians from ``a`` on the great circle to ``b``."""
    ortho = b - a.dot(b) * a
    ortho /= np.linalg.norm(ortho)
    return np.cos(angle) * a + np.sin(angle) * ortho


def test_one_close_pair_does_not_link_two_groups_whose_average_is_far():
    rng = np.random.default_rng(2)
    a = normalize(rng.standard_normal(128))[0]
    b = at_distance(a, 0.55, rng)
    gap = np.arccos(0.45)
    edge = (
        gap - np.arccos(0.67)
    ) / 2  # the two edge faces end up 0.33 apart: above eps, below LINK
    a_edge, b_edge = toward(a, b, edge), toward(b, a, edge)
    x = np.stack(
        [
            a_edge,
            at_distance(a, 0.1, rng),
            at_distance(a, 0.1, rng),
            b_edge,
            at_distance(b, 0.1, rng),
            at_distance(b, 0.1, rng),
        ]
    )
    assert abs((1 - a_edge @ b_edge) - 0.33) < 1e-3
    labels = cluster_faces(x, EPS, link_distance=LINK)
    assert len({int(v) for v in labels[:3]}) == 1 and len({int(v) for v in labels[3:]}) == 1
    assert labels[0] >= 0 and labels[0] != labels[3]
    single_link_at_the_same_distance = cluster_faces(x, LINK)
    assert len(set(single_link_at_the_same_distance.tolist())) == 1  # what single links would do


def test_cannot_link_and_anchors_hold_in_stage_two():
    rng = np.random.default_rng(3)
    centre = normalize(rng.standard_normal(128))[0]
    x = np.stack(
        [at_distance(centre, 0.12, rng) for _ in range(4)] + [at_distance(centre, 0.235, rng)]
    )
    same_photo = cluster_faces(x, EPS, link_distance=LINK, groups=[0, 1, 2, 3, 3])
    assert same_photo[4] == NOISE  # it shares a photo with a group face
    anchored = cluster_faces(x, EPS, link_distance=LINK, anchors=[7, -1, -1, -1, 8])
    assert anchored[4] != anchored[0] or anchored[4] == NOISE


def test_margin_refuses_a_face_between_two_groups():
    rng = np.random.default_rng(4)
    a = normalize(rng.standard_normal(128))[0]
    b = at_distance(a, 0.95, rng)
    mid = normalize(a + b)[0]  # about 0.35 from every face of both groups
    group_a = [at_distance(a, 0.1, rng) for _ in range(3)]
    group_b = [at_distance(b, 0.1, rng) for _ in range(3)]
    x = np.stack(group_a + group_b + [mid])
    assert (1 - x[:6] @ mid).min() > EPS  # stage one leaves it out
    wide = 0.45
    assert (
        cluster_faces(x, EPS, link_distance=wide)[6] != NOISE
    )  # without a margin it goes to one of them
    assert cluster_faces(x, EPS, link_distance=wide, margin=0.05)[6] == NOISE


def test_the_result_does_not_depend_on_the_order_of_the_faces():
    rng = np.random.default_rng(5)
    centres = [normalize(rng.standard_normal(128))[0] for _ in range(6)]
    x = np.stack([at_distance(c, d, rng) for c in centres for d in (0.1, 0.15, 0.2, 0.25)])
    ref = cluster_faces(x, EPS, link_distance=LINK, margin=0.03)
    for seed in range(3):
        perm = np.random.default_rng(seed).permutation(len(x))
        got = cluster_faces(x[perm], EPS, link_distance=LINK, margin=0.03)
        back = np.empty_like(got)
        back[perm] = got
        assert same_groups(back, ref)


def test_average_link_keeps_stage_one_clusters_and_handles_tiny_inputs():
    x = normalize(np.eye(3, 8))
    assert (average_link(x[:1], np.array([NOISE]), LINK) == NOISE).all()
    labels = np.array([0, 0, NOISE])
    assert same_groups(average_link(x, labels, LINK), labels)
