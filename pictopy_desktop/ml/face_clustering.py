"""Clustering face embeddings into people, without ever building an n x n matrix.

Pure numpy / scipy: no database, no Qt. Embeddings are L2-normalised
float32 rows; the distance between two faces is the cosine distance ``1 - a.b``.

The reference behaviour is DBSCAN (cosine, ``eps``, ``min_samples=2``). With
``min_samples=2`` every face that has one neighbour within ``eps`` is a core point,
so DBSCAN's clusters are the connected components of the "within eps" graph and the
faces with no neighbour are noise ("Unknown"). We build that graph with a blocked
exact radius search (one block of similarities at a time) that keeps each face's
``n_neighbors`` nearest neighbours within ``eps``, so memory is O(n * k), never O(n^2).
Components come from scipy's sparse ``connected_components``.

On top of plain DBSCAN, merges are constrained, processed closest pair first:

* cannot-link by group: two faces of one photo are never one person (``groups``);
* anchors: faces the user vouched for (``anchors``: a person id, or -1) never end up
  in one cluster with faces anchored to a different person, so two named people are
  never merged silently;
* forbidden: a face the user took out of a person (``forbidden``: pairs face -> person)
  is never clustered together with that person's anchored faces.

Components with no constraint conflict are taken as they are (fast, vectorised); only
the few that would break a constraint are rebuilt edge by edge.

scipy is imported lazily (importing it costs a good part of a second).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

DEFAULT_NEIGHBORS = 24
# Up to this many faces the neighbour search is exact (every pair compared); above it, a
# cell index (``neighbour_cells``) compares each face with its cell only, edges verified.
# Measured on 2 busy cores (benchmarks/bench_neighbours.py): at 60,000 loose faces the
# exact search took 19 s of CPU, the cells 7-9 s; the exact cost grows as n^2, the cells'
# as n (300,000 faces: about 11 s). The same limit as recluster.SETTLE_MAX_FACES: people
# that settle after every batch come from the exact search.
EXACT_MAX_FACES = 20_000
_BLOCK_BYTES = 64 << 20  # one block of similarities at a time
NOISE = -1
_UNIT_TOLERANCE = 1e-6  # a float32 row this close to unit length is not divided again ...


def normalize(embeddings: np.ndarray | Sequence[np.ndarray]) -> np.ndarray:
    """Rows scaled to unit length, as a C-contiguous float32 (n, d) array.

    Rows already of unit length (within float32 rounding) come back as they are, without
    a copy: a re-cluster of 300,000 faces would otherwise hold the embeddings three times.
    """
    x = np.asarray(embeddings, dtype=np.float32)
    if x.ndim == 1:
        x = x.reshape(1, -1)
    if len(x) > EXACT_MAX_FACES:
        norms = np.sqrt(np.einsum("ij,ij->i", x, x, dtype=np.float64))[
            :, None
        ]  # no (n, d) temporary
    else:
        norms = np.linalg.norm(x, axis=1, keepdims=True)
    # ... above the exact search's size (memory, not speed, counts there; below it every
    # result stays bit for bit what it was).
    if len(x) > EXACT_MAX_FACES:
        if np.all(np.abs(norms - 1.0) <= _UNIT_TOLERANCE):
            return np.ascontiguousarray(x)
        norms = norms.astype(np.float32)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(x / norms, dtype=np.float32)


def cosine_to_euclidean(distance: float) -> float:
    """The euclidean distance between unit vectors at cosine distance ``distance``."""
    return float(np.sqrt(max(0.0, 2.0 * distance)))


# ----------------------------------------------------------------- neighbour graph


@dataclass
class NeighbourGraph:
    """Edges ``(i, j)`` with ``i < j`` between faces within ``eps``, and each face's degree."""

    i: np.ndarray  # int64 (int32 from the cell index, where an edge may be listed twice)
    j: np.ndarray
    distance: np.ndarray  # float32, cosine
    degree: np.ndarray  # int64: neighbours within eps (capped at n_neighbors), self excluded


def neighbour_graph(
    x: np.ndarray,
    eps: float,
    n_neighbors: int = DEFAULT_NEIGHBORS,
    block_bytes: int = _BLOCK_BYTES,
    exact_degree: bool = True,
    exact: bool | None = None,
) -> NeighbourGraph:
    """The "within ``eps``" graph of unit rows ``x``: each face's nearest neighbours within ``eps``.

    A blocked exact radius search: a block of rows is compared with the rows after it
    (one ``block_bytes`` similarity block at a time, so memory stays O(block + n * k)),
    and each row keeps at most ``n_neighbors`` of its later neighbours, nearest first; a
    face left without an edge by that cap keeps its nearest earlier neighbour.
    ``degree`` counts every neighbour within ``eps`` (uncapped), as DBSCAN's core test
    needs; with ``exact_degree=False`` it counts only the kept edges (enough to tell
    "has a neighbour" from "has none", all that ``min_samples=2`` asks).

    Measured on 2 cores with 128-d faces (``benchmarks/bench_neighbours.py``): scikit-learn's
    BallTree finds the same edges 8-31x slower (tree pruning fails in 128 dimensions) and
    its brute ``radius_neighbors_graph`` 1.4-6x slower, so scikit-learn is not used.
    """
    n = len(x)
    empty = np.zeros(0, dtype=np.int64)
    degree = np.zeros(n, dtype=np.int64)
    if n < 2:
        return NeighbourGraph(empty, empty, np.zeros(0, dtype=np.float32), degree)
    x = np.ascontiguousarray(x, dtype=np.float32)
    k = max(1, int(n_neighbors))
    if not (n <= EXACT_MAX_FACES if exact is None else exact):
        from pictopy_desktop.ml.neighbour_cells import cell_neighbours

        ci, cj, cs, found = cell_neighbours(x, eps, k)
        d = np.clip(1.0 - cs, 0.0, 2.0).astype(np.float32)
        return NeighbourGraph(ci, cj, d, found)
    threshold = np.float32(1.0 - eps)
    rows_per_block = int(max(16, min(n, block_bytes // (4 * n))))
    parts_i, parts_j, parts_s = [], [], []
    earlier_sim = np.full(n, -2.0, dtype=np.float32)
    earlier_of = np.full(n, -1, dtype=np.int64)
    for start in range(0, n, rows_per_block):
        stop = min(n, start + rows_per_block)
        c = stop - start
        sims = x[start:stop] @ x[start:].T  # (c, n - start): row r is face start + r
        sims[:, :c][np.tril_indices(c)] = -2.0  # only pairs i < j
        mask = sims >= threshold
        counts = np.count_nonzero(mask, axis=1)
        if exact_degree:
            degree[start:stop] += counts
            degree[start:] += np.count_nonzero(mask, axis=0)
        flat = np.flatnonzero(mask)
        r, col = np.divmod(flat, mask.shape[1])
        vals = sims.ravel()[flat]
        if len(flat) and counts.max() > k:
            # A face may lose its only edge here (it is not among a crowded earlier face's
            # k nearest): remember each face's nearest earlier neighbour in such blocks.
            best_row = sims.argmax(axis=0)
            best_val = sims[best_row, np.arange(sims.shape[1])]
            closer = best_val > earlier_sim[start:]
            earlier_sim[start:][closer] = best_val[closer]
            earlier_of[start:][closer] = start + best_row[closer]
            # Keep each row's k nearest: sort hits by row, then by similarity (descending).
            order = np.lexsort((-vals, r))
            r, col, vals = r[order], col[order], vals[order]
            row_start = np.cumsum(counts) - counts
            keep = np.arange(len(r)) - row_start[r] < k
            r, col, vals = r[keep], col[keep], vals[keep]
        parts_i.append(start + r)
        parts_j.append(start + col)
        parts_s.append(vals)
        del sims, mask
    kept = np.zeros(n, dtype=bool)
    for part in (*parts_i, *parts_j):
        kept[part] = True
    orphans = np.flatnonzero(~kept & (earlier_sim >= threshold))
    if len(orphans):
        # Within eps of someone but left without an edge: DBSCAN clusters it, so keep its
        # nearest earlier neighbour (below the cap nothing is cut and nothing is added).
        parts_i.append(earlier_of[orphans])
        parts_j.append(orphans)
        parts_s.append(earlier_sim[orphans])
    i = np.concatenate(parts_i).astype(np.int64)
    j = np.concatenate(parts_j).astype(np.int64)
    if not exact_degree:
        degree = np.bincount(i, minlength=n) + np.bincount(j, minlength=n)
    d = (1.0 - np.concatenate(parts_s)).astype(np.float32)
    np.clip(d, 0.0, 2.0, out=d)
    return NeighbourGraph(i, j, d, degree)


# ----------------------------------------------------------------- constrained clustering


class _Components:
    """Union-find whose roots carry the constraint sets of their members."""

    def __init__(
        self,
        members: np.ndarray,
        groups: np.ndarray | None,
        anchors: np.ndarray | None,
        forbidden: Mapping[int, set[int]],
        current: np.ndarray | None = None,
    ) -> None:
        self.parent = {int(m): int(m) for m in members}
        self.size = {int(m): 1 for m in members}
        self.groups: dict[int, set[int]] = {}
        self.anchor: dict[int, int] = {}
        self.forbidden: dict[int, set[int]] = {}
        self.persons: dict[int, set[int]] = {}  # anchors and current people of the members
        for m in members:
            m = int(m)
            mine = {int(v[m]) for v in (anchors, current) if v is not None and v[m] >= 0}
            if mine:
                self.persons[m] = mine
            if groups is not None and groups[m] >= 0:
                self.groups[m] = {int(groups[m])}
            if anchors is not None and anchors[m] >= 0:
                self.anchor[m] = int(anchors[m])
            if m in forbidden:
                self.forbidden[m] = set(forbidden[m])

    @classmethod
    def of_units(
        cls,
        rep: np.ndarray,
        unit: np.ndarray,
        groups: np.ndarray | None,
        anchors: np.ndarray | None,
        forbidden: Mapping[int, set[int]],
        current: np.ndarray | None = None,
    ) -> _Components:
        """Components whose members are units (sets of faces already joined), one per ``rep``.

        ``unit[f]`` is face f's unit and ``rep[u]`` its first face; each rep carries the
        constraints of all its unit's faces, so no per-face Python object is made.
        """
        reps = np.asarray(rep, dtype=np.int64)
        owner = reps[unit]  # each face's representative
        others = np.flatnonzero(owner != np.arange(len(unit)))
        own = {int(r): forbidden[int(r)] for r in reps if int(r) in forbidden}
        uf = cls(reps, groups, anchors, own, current)
        for values, attr in ((groups, uf.groups), (anchors, uf.persons), (current, uf.persons)):
            if values is None:
                continue
            has = others[values[others] >= 0]
            pairs = np.unique(np.stack([owner[has], values[has]], axis=1), axis=0)
            for r, v in pairs.tolist():
                attr.setdefault(r, set()).add(v)
        if anchors is not None:
            has = others[anchors[others] >= 0]
            for r, v in zip(owner[has].tolist(), anchors[has].tolist()):
                uf.anchor.setdefault(r, v)
        for f in forbidden:
            r = int(owner[f])
            if r != f:
                uf.forbidden.setdefault(r, set()).update(forbidden[f])
        return uf

    def find(self, a: int) -> int:
        parent = self.parent
        root = a
        while parent[root] != root:
            root = parent[root]
        while parent[a] != root:
            parent[a], a = root, parent[a]
        return root

    def allowed(self, ra: int, rb: int) -> bool:
        aa, ab = self.anchor.get(ra), self.anchor.get(rb)
        if aa is not None and ab is not None and aa != ab:
            return False
        fa, fb = self.forbidden.get(ra), self.forbidden.get(rb)
        if fa and not fa.isdisjoint(self.persons.get(rb, ())):
            return False
        if fb and not fb.isdisjoint(self.persons.get(ra, ())):
            return False
        ga, gb = self.groups.get(ra), self.groups.get(rb)
        if ga and gb:
            small, large = (ga, gb) if len(ga) <= len(gb) else (gb, ga)
            if any(g in large for g in small):
                return False
        return True

    def union(self, ra: int, rb: int) -> None:
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size.pop(rb)
        for attr in (self.groups, self.forbidden, self.persons):
            other = attr.pop(rb, None)
            if other:
                mine = attr.get(ra)
                if mine is None:
                    attr[ra] = other
                else:
                    mine |= other
        if rb in self.anchor:
            self.anchor.setdefault(ra, self.anchor.pop(rb))


def _conflicting_components(
    comp: np.ndarray,
    groups: np.ndarray | None,
    anchors: np.ndarray | None,
    forbidden: Mapping[int, set[int]],
    current: np.ndarray | None = None,
) -> set[int]:
    """Components of an unconstrained clustering that break a constraint."""
    bad: set[int] = set()
    if groups is not None:
        has = groups >= 0
        pairs = np.stack([comp[has], groups[has]], axis=1)
        if len(pairs):
            uniq, counts = np.unique(pairs, axis=0, return_counts=True)
            bad.update(int(c) for c in uniq[counts > 1, 0])
    if anchors is not None:
        has = anchors >= 0
        pairs = np.unique(np.stack([comp[has], anchors[has]], axis=1), axis=0)
        if len(pairs):
            cs, counts = np.unique(pairs[:, 0], return_counts=True)
            bad.update(int(c) for c in cs[counts > 1])
    if forbidden:
        comp_persons: dict[int, set[int]] = {}
        for v in (anchors, current):
            if v is not None:
                has = v >= 0
                for c, p in zip(comp[has].tolist(), v[has].tolist()):
                    comp_persons.setdefault(c, set()).add(p)
        for face, persons in forbidden.items():
            c = int(comp[face])
            if not comp_persons.get(c, set()).isdisjoint(persons):
                bad.add(c)
    return bad


def cluster_embeddings(
    embeddings: np.ndarray,
    eps: float,
    *,
    min_samples: int = 2,
    groups: Sequence[int] | np.ndarray | None = None,
    anchors: Sequence[int] | np.ndarray | None = None,
    forbidden: Mapping[int, Iterable[int]] | None = None,
    current: Sequence[int] | np.ndarray | None = None,
    n_neighbors: int = DEFAULT_NEIGHBORS,
) -> np.ndarray:
    """Cluster labels (0..m-1, or ``NOISE`` = -1) for each embedding.

    ``eps`` is a cosine distance. ``groups[i]`` (e.g. the photo id; -1 for none): faces of
    one group never share a cluster. ``anchors[i]`` (a person id; -1 for none): faces
    anchored to different people never share a cluster. ``forbidden[i]``: person ids
    face ``i`` may not be clustered with (via their anchored faces). A cluster of one
    face is noise. Labels are numbered by first appearance.
    """
    x = normalize(embeddings)
    n = len(x)
    labels = np.full(n, NOISE, dtype=np.int64)
    if n < 2:
        return labels
    g = None if groups is None else np.asarray(groups, dtype=np.int64)
    a = None if anchors is None else np.asarray(anchors, dtype=np.int64)
    forb = {int(k): {int(p) for p in v} for k, v in (forbidden or {}).items() if v}
    cur = None if current is None else np.asarray(current, dtype=np.int64)

    graph = neighbour_graph(
        x, eps, n_neighbors=max(n_neighbors, min_samples - 1), exact_degree=min_samples > 2
    )
    core = graph.degree + 1 >= min_samples
    if min_samples <= 2:  # every face with an edge is core: no copy of the edges
        ci, cj, cd = graph.i, graph.j, graph.distance
    else:
        both_core = core[graph.i] & core[graph.j]
        ci, cj, cd = graph.i[both_core], graph.j[both_core], graph.distance[both_core]

    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    adj = coo_matrix((np.ones(len(ci), dtype=np.int8), (ci, cj)), shape=(n, n))
    _, comp = connected_components(adj, directed=False)
    comp = comp.astype(np.int64)

    bad = _conflicting_components(comp, g, a, forb, cur)
    if bad:
        # Rebuild the conflicting components closest pair first, refusing merges that
        # would break a constraint (constrained single linkage).
        bad_arr = np.fromiter(bad, dtype=np.int64)
        in_bad = np.isin(comp[ci], bad_arr)
        ei, ej, ed = ci[in_bad], cj[in_bad], cd[in_bad]
        order = np.argsort(ed, kind="stable")
        members = np.flatnonzero(np.isin(comp, bad_arr))
        uf = _Components(members, g, a, forb, cur)
        for e in order:
            ra, rb = uf.find(int(ei[e])), uf.find(int(ej[e]))
            if ra != rb and uf.allowed(ra, rb):
                uf.union(ra, rb)
        next_comp = int(comp.max()) + 1
        roots: dict[int, int] = {}
        for m in members:
            r = uf.find(int(m))
            if r not in roots:
                roots[r] = next_comp
                next_comp += 1
            comp[m] = roots[r]

    # Border points (not core, but within eps of a core face) join their nearest core
    # face's cluster, as in DBSCAN; only matters when min_samples > 2.
    if min_samples > 2:
        border_edges = core[graph.i] != core[graph.j]
        bi, bj, bd = graph.i[border_edges], graph.j[border_edges], graph.distance[border_edges]
        point = np.where(core[bi], bj, bi)
        target = np.where(core[bi], bi, bj)
        order = np.argsort(bd, kind="stable")
        assigned: set[int] = set()
        for e in order:
            p = int(point[e])
            if p not in assigned:
                assigned.add(p)
                comp[p] = comp[int(target[e])]

    return label_components(comp)


def label_components(comp: np.ndarray) -> np.ndarray:
    """Cluster labels from component ids (non-negative ints, one per face).

    A component of one face is noise (``NOISE``); clusters are numbered by first appearance.
    """
    labels = np.full(len(comp), NOISE, dtype=np.int64)
    clustered = np.bincount(comp)[comp] >= 2
    idx = np.flatnonzero(clustered)
    raw_ids, first = np.unique(comp[idx], return_index=True)
    rank = np.empty(len(raw_ids), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(raw_ids))
    labels[idx] = rank[np.searchsorted(raw_ids, comp[idx])]
    return labels


# ----------------------------------------------------------------- helpers


def centroids(embeddings: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(label ids, unit mean embedding per label)`` for the non-noise labels."""
    x = normalize(embeddings)
    labels = np.asarray(labels, dtype=np.int64)
    keep = labels >= 0
    ids, inverse = np.unique(labels[keep], return_inverse=True)
    sums = np.zeros((len(ids), x.shape[1]), dtype=np.float64)
    np.add.at(sums, inverse, x[keep])
    return ids, normalize(sums) if len(ids) else np.zeros((0, x.shape[1]), dtype=np.float32)


def nearest_within(
    query: np.ndarray,
    candidates: np.ndarray,
    eps: float,
    owners: np.ndarray,
    refused: Iterable[int] = (),
) -> tuple[int, float] | None:
    """The owner of the nearest candidate row within ``eps`` of ``query``, skipping ``refused``.

    ``candidates`` are unit rows (e.g. every assigned face, or people's centroids) and
    ``owners[k]`` the person of row ``k``. Returns ``(owner, cosine distance)`` or None
    when nothing is near enough: the face then stays Unknown rather than being forced
    into the nearest person.
    """
    if len(candidates) == 0:
        return None
    q = normalize(query)[0]
    return nearest_by_distance(1.0 - candidates @ q, eps, owners, refused)


def nearest_by_distance(
    dist: np.ndarray, eps: float, owners: np.ndarray, refused: Iterable[int] = ()
) -> tuple[int, float] | None:
    """``nearest_within`` from the distances to the candidate rows, already computed."""
    near = np.flatnonzero(dist <= eps)
    if not len(near):
        return None
    refused = set(refused)
    for k in near[np.argsort(dist[near], kind="stable")]:
        owner = int(owners[k])
        if owner not in refused:
            return owner, float(dist[k])
    return None


@dataclass(frozen=True)
class BCubed:
    precision: float
    recall: float
    f1: float


def bcubed(true_labels: Sequence[object], predicted: Sequence[int]) -> BCubed:
    """BCubed precision, recall and F1 of ``predicted`` clusters against ``true_labels``.

    A predicted label < 0 (Unknown) counts as a cluster of its own for each face.
    """
    t = np.unique(np.asarray([str(v) for v in true_labels]), return_inverse=True)[1]
    p = np.asarray(predicted, dtype=np.int64).copy()
    n = len(p)
    if n == 0:
        return BCubed(1.0, 1.0, 1.0)
    noise = p < 0
    p[noise] = p.max(initial=-1) + 1 + np.arange(int(noise.sum()))
    pair = np.stack([p, t], axis=1)
    _, pair_inv, pair_counts = np.unique(pair, axis=0, return_inverse=True, return_counts=True)
    pred_counts = np.bincount(np.unique(p, return_inverse=True)[1])[
        np.unique(p, return_inverse=True)[1]
    ]
    true_counts = np.bincount(t)[t]
    both = pair_counts[pair_inv.reshape(-1)]
    precision = float(np.mean(both / pred_counts))
    recall = float(np.mean(both / true_counts))
    f1 = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
    return BCubed(precision, recall, f1)
