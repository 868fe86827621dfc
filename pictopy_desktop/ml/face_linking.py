"""Second stage of people clustering: link clusters by their *average* distance.

Stage one (``face_clustering.cluster_embeddings``) is DBSCAN at the safe cluster
distance ``eps``: single links, so one pair of close faces is enough to join two
groups, which is why ``eps`` cannot move up without chaining look-alikes together.
Stage two takes its clusters and its Unknown faces as units and merges, closest
first, any two whose *mean* pairwise distance is under ``link_distance`` (a little
above ``eps``): UPGMA / average linkage, stopped at a threshold. One close pair no
longer decides; the whole of both groups has to agree, so the threshold can sit
higher than a single-link one at the same precision (measured in docs/people.md,
"Recall without risking merges"). Two lone faces are never linked here: above ``eps``
a single pair is exactly the evidence stage one refused, so a face joins only a group
of two or more whose faces agree on average. A ``margin`` more keeps a merge only when the other
unit is clearly the nearest for both sides (the second-nearest allowed unit at least
``margin`` farther away).

The same constraints as stage one hold (cannot-link by photo, anchors of different
people, faces the user took out of a person), through the same union-find.

The mean distance of two units is ``1 - S_u . S_v / (n_u n_v)`` with ``S`` the sum of
their unit rows, so merging only adds sums; and because the mean distance of a merged
unit to a third is the weighted mean of its parts' (Lance-Williams), the candidates of
a merged unit are the union of its parts' candidates. Memory stays O(units * k).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from pictopy_desktop.ml.face_clustering import (
    DEFAULT_NEIGHBORS,
    NOISE,
    _Components,
    cluster_embeddings,
    label_components,
    normalize,
)

_BLOCK_BYTES = 64 << 20


def _candidate_pairs(
    means: np.ndarray, threshold: float | np.floating, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs ``u < v`` of units whose mean similarity is >= ``threshold``; each ``u`` keeps its ``k`` best."""
    u_count = len(means)
    rows = int(max(16, min(u_count, _BLOCK_BYTES // (8 * max(u_count, 1)))))
    parts_u, parts_v = [], []
    for start in range(0, u_count, rows):
        stop = min(u_count, start + rows)
        sims = means[start:stop] @ means[start:].T
        c = stop - start
        sims[:, :c][np.tril_indices(c)] = -np.inf
        r, col = np.nonzero(sims >= threshold)
        if len(r):
            vals = sims[r, col]
            order = np.lexsort((-vals, r))
            r, col = r[order], col[order]
            counts = np.bincount(r, minlength=c)
            first = np.cumsum(counts) - counts
            keep = np.arange(len(r)) - first[r] < k
            parts_u.append(start + r[keep])
            parts_v.append(start + col[keep])
    if not parts_u:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    return np.concatenate(parts_u).astype(np.int64), np.concatenate(parts_v).astype(np.int64)


def average_link(
    x: np.ndarray,
    labels: np.ndarray,
    link_distance: float,
    *,
    margin: float = 0.0,
    groups: np.ndarray | None = None,
    anchors: np.ndarray | None = None,
    forbidden: Mapping[int, set[int]] | None = None,
    current: np.ndarray | None = None,
    n_neighbors: int = DEFAULT_NEIGHBORS,
) -> np.ndarray:
    """Merge the clusters (and Unknown faces) of ``labels`` whose mean distance is under ``link_distance``.

    ``x``: unit rows; ``labels``: stage one's clusters (``NOISE`` = -1). Returns new
    labels numbered by first appearance; a cluster of one face is ``NOISE``.
    """
    n = len(x)
    labels = np.asarray(labels, dtype=np.int64)
    out = np.full(n, NOISE, dtype=np.int64)
    if n < 2:
        return out
    unit = labels.copy()
    noise = unit < 0
    unit[noise] = int(unit.max(initial=-1)) + 1 + np.arange(int(noise.sum()))
    _, unit = np.unique(unit, return_inverse=True)
    u_count = int(unit.max()) + 1
    sums = _unit_sums(x, unit, u_count)
    counts = np.bincount(unit, minlength=u_count).astype(np.float64)
    rep = np.zeros(u_count, dtype=np.int64)
    rep[unit[::-1]] = np.arange(n)[::-1]  # the first face of each unit

    # Stage one's clusters are already consistent: each is one member from the start.
    uf = _Components.of_units(rep, unit, groups, anchors, dict(forbidden or {}), current)

    means = (sums / counts[:, None]).astype(np.float32)
    cu, cv = _candidate_pairs(means, np.float32(1.0 - link_distance), max(1, n_neighbors))
    neighbours: list[set[int]] = [set() for _ in range(u_count)]
    for a, b in zip(cu.tolist(), cv.tolist()):
        neighbours[a].add(b)
        neighbours[b].add(a)
    version = [0] * u_count
    alive = [True] * u_count

    def dist(a: int, b: int) -> float:
        return float(1.0 - sums[a].dot(sums[b]) / (counts[a] * counts[b]))

    def allowed(a: int, b: int) -> bool:
        return uf.allowed(uf.find(int(rep[a])), uf.find(int(rep[b])))

    def second_nearest(a: int, other: int) -> float:
        rest = [dist(a, w) for w in neighbours[a] if w != other and alive[w] and allowed(a, w)]
        return min(rest, default=np.inf)

    heap = [(dist(a, b), a, b, 0, 0) for a, b in zip(cu.tolist(), cv.tolist())]
    heapq.heapify(heap)
    while heap:
        d, a, b, va, vb = heapq.heappop(heap)
        if not (alive[a] and alive[b]):
            continue
        if va != version[a] or vb != version[b]:
            fresh = dist(a, b)
            if fresh < link_distance:
                heapq.heappush(heap, (fresh, a, b, version[a], version[b]))
            continue
        if d >= link_distance or not allowed(a, b):
            continue  # constraints only grow as units merge: a refused pair stays refused
        if counts[a] == 1 and counts[b] == 1:
            continue  # two lone faces above eps: nothing corroborates them (looked at again if one grows)
        if margin > 0 and (second_nearest(a, b) < d + margin or second_nearest(b, a) < d + margin):
            continue  # not clearly the nearest; looked at again if either side changes
        uf.union(uf.find(int(rep[a])), uf.find(int(rep[b])))
        sums[a] += sums[b]
        counts[a] += counts[b]
        alive[b] = False
        version[a] += 1
        neighbours[a] |= neighbours[b]
        neighbours[a] -= {a, b}
        neighbours[b] = set()
        for w in neighbours[a]:
            neighbours[w].discard(b)
            neighbours[w].add(a)
            fresh = dist(a, w)
            if fresh < link_distance:
                lo, hi = (a, w) if a < w else (w, a)
                heapq.heappush(heap, (fresh, lo, hi, version[lo], version[hi]))

    unit_roots = np.fromiter((uf.find(int(r)) for r in rep), dtype=np.int64, count=u_count)
    return label_components(unit_roots[unit])


def _unit_sums(x: np.ndarray, unit: np.ndarray, u_count: int) -> np.ndarray:
    """Float64 sum of the rows of each unit, a slice of rows at a time (no float64 copy of ``x``)."""
    sums = np.zeros((u_count, x.shape[1]), dtype=np.float64)
    step = 1 << 15
    for start in range(0, len(x), step):
        np.add.at(sums, unit[start : start + step], x[start : start + step].astype(np.float64))
    return sums


def cluster_faces(
    embeddings: np.ndarray,
    eps: float,
    *,
    flipped: np.ndarray | None = None,
    link_distance: float | None = None,
    margin: float = 0.0,
    groups: Sequence[int] | np.ndarray | None = None,
    anchors: Sequence[int] | np.ndarray | None = None,
    forbidden: Mapping[int, Iterable[int]] | None = None,
    current: Sequence[int] | np.ndarray | None = None,
) -> np.ndarray:
    """People as labels (``NOISE`` = Unknown): DBSCAN at ``eps``, then average linking up to ``link_distance``.

    ``flipped``: embeddings of the mirrored crops, averaged in (test-time
    augmentation). ``link_distance`` None or <= ``eps`` skips stage two. The other
    arguments are ``cluster_embeddings``'s constraints.
    """
    x = normalize(embeddings)
    if flipped is not None:
        x = normalize(x + normalize(flipped))
    g = None if groups is None else np.asarray(groups, dtype=np.int64)
    a = None if anchors is None else np.asarray(anchors, dtype=np.int64)
    cur = None if current is None else np.asarray(current, dtype=np.int64)
    forb = {int(k): {int(p) for p in v} for k, v in (forbidden or {}).items() if v}
    labels = cluster_embeddings(x, eps, groups=g, anchors=a, forbidden=forb, current=cur)
    if link_distance is None or link_distance <= eps:
        return labels
    return average_link(
        x, labels, link_distance, margin=margin, groups=g, anchors=a, forbidden=forb, current=cur
    )
