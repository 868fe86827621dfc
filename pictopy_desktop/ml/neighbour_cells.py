"""Within-``eps`` neighbours of many faces without comparing every pair: a cell index.

Above ``face_clustering.EXACT_MAX_FACES`` faces the exact search compares n^2 / 2 pairs
(300,000 faces: 4.5e10 dot products, 1.2e13 flops: over 3 minutes of a free core at the
60 GFLOPS measured here, before any thresholding), so the faces are split into cells by
spherical k-means (about ``CELL_SIZE`` faces each), each face is filed in its ``SPILL``
nearest cells, and a face is compared with the faces filed in its own nearest cell,
keeping its ``k`` nearest within ``eps``. A face that finds fewer than ``k`` there (a
sparse region, where one edge decides whether it joins anyone) also searches the faces
of its nearest 1/``PROBE_FRACTION`` of the cells. Every edge is verified in full
dimension against ``eps``: no edge is made up; some far, redundant ones are missed.

Measured (``benchmarks/bench_neighbours.py``, clusters = components of the graph,
against DBSCAN's full graph): on faces spread like MobileFaceNet's on real photos (60,000
faces), 10,710 components against DBSCAN's 10,676, BCubed recall 0.999, precision 1.0;
docs/people.md has the figures for tight faces and for the real embeddings of ``../shared``.

Refused, measured: an exact prefilter by the cells' angular radius (a face's cell can be
skipped when its angle to the centre minus the cell's radius exceeds eps's 60 degrees)
prunes 94% of pairs on tight synthetic faces but none on real-like ones (a person's faces
spread 35-40 degrees around their mean); a PCA prefilter has the same problem (the
variance of face embeddings is spread over most components); faiss-cpu's HNSW (M 16,
efConstruction 64) took 140 s to build and 86 s to search for 300,000 faces on the 2
busy cores, against about 30 s for this whole search, and adds a 66 MB wheel to the
bundle. This module needs numpy only (and ``threadpoolctl``).

BLAS runs on one thread here: the blocks are small (a cell's faces against its filed
faces), and a second BLAS thread spinning for work cost 2.3x the CPU time and 2.2x the
wall time at 300,000 faces on 2 busy cores (25.6 s CPU / 70 s wall against 11.0 / 31.5).

The result does not depend on the order of the rows: cells are trained on a sample taken
in a canonical order (rows sorted by a fixed projection of their values), so the same
faces in any order give the same edges.
"""

from __future__ import annotations

from typing import Any

import numpy as np

CELL_SIZE = 256  # faces per cell, on average
SPILL = 3  # each face is filed in its this many nearest cells
PROBE_FRACTION = 16  # ... looks in 1/16 of the cells, the nearest (at least MIN_PROBES)
MIN_PROBES = 48
_KMEANS_ITERATIONS = 6
_SAMPLE_PER_CELL = 32  # k-means trains on this many faces per cell
_BLOCK_ELEMENTS = 1 << 22  # one block of similarities (16 MB of float32) at a time


def canonical_order(x: np.ndarray) -> np.ndarray:
    """A permutation of the rows of ``x`` that depends on their values only, not their order."""
    key = np.random.default_rng(12345).standard_normal(x.shape[1])
    projection = np.empty(len(x), dtype=np.float64)
    step = 1 << 15  # float64 a slice at a time: no float64 copy of x
    for start in range(0, len(x), step):
        projection[start : start + step] = x[start : start + step].astype(np.float64) @ key
    return np.argsort(projection, kind="stable")


def _best_cells(x: np.ndarray, centres: np.ndarray, count: int) -> np.ndarray:
    """The ``count`` nearest centres of each row, nearest first: (n, count) int32."""
    out = np.empty((len(x), count), dtype=np.int32)
    block = max(1, _BLOCK_ELEMENTS // max(1, len(centres)))
    for start in range(0, len(x), block):
        sims = x[start : start + block] @ centres.T
        if count == 1:
            out[start : start + block, 0] = sims.argmax(axis=1)
            continue
        part = np.argpartition(-sims, count - 1, axis=1)[:, :count]
        order = np.argsort(-np.take_along_axis(sims, part, axis=1), axis=1, kind="stable")
        out[start : start + block] = np.take_along_axis(part, order, axis=1)
    return out


def train_cells(x: np.ndarray, cells: int, canon: np.ndarray | None = None) -> np.ndarray:
    """Unit centres of ``cells`` spherical k-means cells, trained on a canonical sample of ``x``."""
    canon = canonical_order(x) if canon is None else canon
    n = len(x)
    take = min(n, _SAMPLE_PER_CELL * cells)
    sample = x[canon[np.linspace(0, n - 1, take).astype(np.int64)]]
    rng = np.random.default_rng(0)
    centres = sample[np.sort(rng.choice(len(sample), cells, replace=False))].copy()
    for _ in range(_KMEANS_ITERATIONS):
        home = _best_cells(sample, centres, 1)[:, 0]
        order = np.argsort(home, kind="stable")
        filled, first = np.unique(home[order], return_index=True)
        sums = np.add.reduceat(sample[order].astype(np.float64), first, axis=0)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        centres[filled] = (sums / np.maximum(norms, 1e-12)).astype(np.float32)
    return centres


def cell_neighbours(
    *args: Any, **kwargs: Any
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``_cell_neighbours`` with BLAS on one thread (see the module docstring)."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        return _cell_neighbours(*args, **kwargs)


def _cell_neighbours(
    x: np.ndarray,
    eps: float,
    k: int,
    spill: int = SPILL,
    cell_size: int = CELL_SIZE,
    probes: int | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Edges ``(i, j, similarity)`` with ``i < j`` (int32) and each row's found-neighbour count.

    Each face keeps up to ``k`` of its nearest found neighbours within ``eps`` (cosine);
    an edge kept by either end is kept (kept by both, it is listed twice). ``x``: unit
    float32 rows.
    """
    n = len(x)
    empty = np.zeros(0, dtype=np.int64)
    if n < 2:
        return empty, empty, np.zeros(0, dtype=np.float32), np.zeros(n, dtype=np.int64)
    canon = canonical_order(x)
    rank = np.empty(n, dtype=np.int64)
    rank[canon] = np.arange(n)
    cells = int(max(1, min(n // max(1, cell_size), 4096)))
    spill = max(1, min(spill, cells))
    centres = train_cells(x, cells, canon)
    filed = _best_cells(x, centres, spill)  # filed[:, 0] is each face's own cell
    # Inverted lists, members in canonical order: rows filed in each cell, rows at home there.
    rows_filed = np.repeat(np.arange(n), spill)
    cell_filed = filed.ravel()
    order = np.lexsort((rank[rows_filed], cell_filed))
    members = rows_filed[order]
    member_start = np.searchsorted(cell_filed[order], np.arange(cells + 1))
    home_rows = np.lexsort((rank, filed[:, 0]))
    home_start = np.searchsorted(filed[home_rows, 0], np.arange(cells + 1))
    del rows_filed, cell_filed, order

    threshold = np.float32(1.0 - eps)
    found = np.zeros(n, dtype=np.int64)
    parts_i: list[np.ndarray] = []
    parts_j: list[np.ndarray] = []
    parts_s: list[np.ndarray] = []
    for cell in range(cells):
        mem = members[member_start[cell] : member_start[cell + 1]]
        home = home_rows[home_start[cell] : home_start[cell + 1]]
        if not len(home) or len(mem) < 2:
            continue
        y = x[mem]
        # Each home face is filed in its own cell: where it sits among the members (both
        # lists are in canonical order), so that it is not its own neighbour.
        self_at = np.searchsorted(rank[mem], rank[home])
        step = max(1, _BLOCK_ELEMENTS // len(mem))
        for start in range(0, len(home), step):
            q = home[start : start + step]
            sims = x[q] @ y.T
            sims[np.arange(len(q)), self_at[start : start + step]] = -2.0
            _keep_nearest(q, mem, sims, threshold, k, found, parts_i, parts_j, parts_s)
    # Faces that found fewer than k neighbours in their own cell (sparse regions, where one
    # edge decides whether a face joins anyone) look again in their ``probes`` nearest cells.
    probes = max(MIN_PROBES, cells // PROBE_FRACTION) if probes is None else probes
    sparse = np.flatnonzero(found < k)
    if len(sparse) and min(probes, cells) > 1:
        # Their own cell (the nearest) was searched already, with every face filed there.
        probe_cells = _best_cells(x[sparse], centres, min(probes, cells))[:, 1:]
        _probe(
            x,
            sparse,
            probe_cells,
            home_rows,
            home_start,
            threshold,
            k,
            found,
            parts_i,
            parts_j,
            parts_s,
        )
    if not parts_i:
        return empty, empty, np.zeros(0, dtype=np.float32), found
    a = np.concatenate(parts_i)
    parts_i.clear()
    b = np.concatenate(parts_j)
    parts_j.clear()
    s = np.concatenate(parts_s)
    parts_s.clear()
    # An edge kept by both ends appears twice: harmless for components and for the
    # closest-first rebuild, and cheaper than a sort of every edge (memory counts here).
    i, j = np.minimum(a, b), np.maximum(a, b)
    return i, j, s, found


def _keep_nearest(
    q: np.ndarray,
    mem: np.ndarray,
    sims: np.ndarray,
    threshold: np.float32,
    k: int,
    found: np.ndarray,
    parts_i: list[np.ndarray],
    parts_j: list[np.ndarray],
    parts_s: list[np.ndarray],
) -> None:
    """Record each query row's hits within the threshold, at most its k most similar."""
    hit = sims >= threshold
    counts = np.count_nonzero(hit, axis=1)
    found[q] = counts
    if not counts.any():
        return
    over = np.flatnonzero(counts > k)
    if len(over):
        # The k-th largest similarity of each crowded row is its cut-off.
        kth = np.partition(sims[over], sims.shape[1] - k, axis=1)[:, sims.shape[1] - k]
        hit[over] &= sims[over] >= kth[:, None]
    r, col = np.nonzero(hit)
    parts_i.append(q[r].astype(np.int32))  # int32: the edges are the biggest thing held
    parts_j.append(mem[col].astype(np.int32))
    parts_s.append(sims[r, col])


def _probe(
    x: np.ndarray,
    queries: np.ndarray,
    probe_cells: np.ndarray,
    home_rows: np.ndarray,
    home_start: np.ndarray,
    threshold: np.float32,
    k: int,
    found: np.ndarray,
    parts_i: list[np.ndarray],
    parts_j: list[np.ndarray],
    parts_s: list[np.ndarray],
) -> None:
    """Compare each query face with the faces at home in its probe cells; keep its k nearest hits."""
    flat_q = np.repeat(np.arange(len(queries)), probe_cells.shape[1])
    flat_c = probe_cells.ravel()
    order = np.argsort(flat_c, kind="stable")
    flat_q, flat_c = flat_q[order], flat_c[order]
    bounds = np.flatnonzero(np.diff(flat_c)) + 1
    hit_q, hit_j, hit_s = [], [], []
    for group in np.split(np.arange(len(flat_c)), bounds):
        if not len(group):
            continue
        cell = int(flat_c[group[0]])
        mem = home_rows[home_start[cell] : home_start[cell + 1]]
        if not len(mem):
            continue
        qs = flat_q[group]
        y = x[mem]
        step = max(1, _BLOCK_ELEMENTS // len(mem))
        for start in range(0, len(qs), step):
            qq = qs[start : start + step]
            rows = queries[qq]
            sims = x[rows] @ y.T
            sims[rows[:, None] == mem[None, :]] = -2.0
            r, col = np.nonzero(sims >= threshold)
            hit_q.append(qq[r].astype(np.int32))
            hit_j.append(mem[col].astype(np.int32))
            hit_s.append(sims[r, col])
    if not hit_q:
        return
    q = np.concatenate(hit_q)
    j = np.concatenate(hit_j)
    s = np.concatenate(hit_s)
    # Each query keeps its k most similar hits over all its probe cells.
    order = np.lexsort((j, -s, q))
    q, j, s = q[order], j[order], s[order]
    counts = np.bincount(q, minlength=len(queries))
    first = np.cumsum(counts) - counts
    np.maximum.at(found, queries, counts)  # the count over more cells replaces the first pass's
    keep = np.arange(len(q)) - first[q] < k
    parts_i.append(queries[q[keep]].astype(np.int32))
    parts_j.append(j[keep].astype(np.int32))
    parts_s.append(s[keep])
