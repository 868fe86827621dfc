"""Full re-clustering of faces into people, keeping everything the user said.

``recluster`` clusters every face embedding (``ml.face_clustering``: DBSCAN-style,
cosine, the embedder's cluster distance, ``min_samples=2``, no n x n matrix; then
``ml.face_linking``: groups linked by their average distance) and then matches the
new clusters to the existing people by shared faces:

* faces the user vouched for are anchors: confirmed faces, and every face of a named
  or hidden person. Anchors of different people never share a cluster, so a named
  person keeps name, cover and id, two named people are never merged silently, and
  a re-cluster never empties a named person;
* a face the user took out of a person (``FaceExclusion``) never goes back into it;
* faces marked "not a face" (``ignored``) are not clustered at all;
* low-quality faces (tiny, uncertain or blurred: ``face_quality``) are not clustered
  either unless the user confirmed them: they stay Unknown;
* two faces of one photo are never the same person (cannot-link);
* other clusters take over the unnamed person they share most faces with (ids stay
  stable), or become new unnamed people; a face near nobody stays Unknown.

The clustering runs outside any transaction (readers and the GUI are never blocked);
the result is written in one short transaction. If the user changed people meanwhile,
the work is redone on the new state.

``maybe_recluster`` runs at the end of every batch that brought new faces, so people
never depend on batch boundaries. During a long import, ``maybe_recluster_during_import``
consolidates every ``settings.recluster_every_photos`` new photos, debounced by a
minimum gap (``MIN_GAP_S``, or ``GAP_FACTOR`` times the last re-cluster's duration).
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from peewee import fn

from pictopy_desktop.library.changes import OpChanges
from pictopy_desktop.ml.face_clustering import NOISE
from pictopy_desktop.ml.face_linking import cluster_faces
from pictopy_desktop.people import people_store
from pictopy_desktop.people.face_arrays import read_face_arrays
from pictopy_desktop.people.face_assignment import adopt_index, cluster_threshold, forget_cache
from pictopy_desktop.people.face_quality import FaceQuality, thresholds_for
from pictopy_desktop.storage import meta_store
from pictopy_desktop.storage.tables import Face, FaceExclusion, Meta, Person

log = logging.getLogger(__name__)

# Stage two of the clustering (``ml.face_linking``): groups and Unknown faces whose mean
# distance is under LINK_FACTOR x the cluster distance are linked, when the other side is
# the nearest by LINK_MARGIN_FACTOR x the cluster distance. Measured with MobileFaceNet
# (0.5 -> link 0.60, margin 0.05): recall up on low-resolution faces, precision 1.000 on
# every labelled set and on the look-alike collage (docs/people.md).
LINK_FACTOR = 1.2
LINK_MARGIN_FACTOR = 0.1
# Up to this many faces, every batch ends with a full re-cluster (measured on 2 cores:
# about 8 s of background work at 20,000 faces, docs/people.md); above it, batches
# wait for the photo-count interval as before.
SETTLE_MAX_FACES = 20_000
# Which faces the last re-cluster saw (count, highest id, sum of ids): when photos left
# the library (deleted, moved away), the next batch end re-clusters too, so a face that
# held a person together is not missed.
META_CLUSTERED_FACES = "clustered_faces"
# Per named (or hidden) person, the faces a re-cluster took out of it (not the user: an
# undo or a "no" is the user's word): a later re-cluster that finds a cluster made mostly
# of them gives it back, e.g. after a quality setting was raised (the faces went Unknown)
# and lowered again. Key: META_PERSON_FACES + person id; value: JSON list of face ids.
META_PERSON_FACES = "person_faces:"
MIN_GAP_S = 30.0  # during one import, automatic re-clusters are at least this far apart
GAP_FACTOR = 10.0  # ... and at least this many times the last re-cluster's duration apart


@dataclass
class ReclusterReport:
    """What one full re-cluster did."""

    faces: int = 0  # faces clustered
    clusters: int = 0  # clusters of two or more faces
    people: int = 0  # people with faces afterwards
    named_people: int = 0
    people_created: int = 0
    people_removed: int = 0  # unnamed people left without faces
    faces_moved: int = 0  # faces whose person changed (to, from or between people)
    unknown_faces: int = 0  # faces with no person afterwards
    threshold: float = 0.0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["seconds"] = round(self.seconds, 3)
        return d

    @property
    def changes(self) -> OpChanges:
        """What the re-cluster changed: people (covers at least), and photos' people where faces moved."""
        return OpChanges(people=True, photos=self.faces_moved > 0)


@dataclass
class _Snapshot:
    generation: int
    pending_photos: int
    face_ids: np.ndarray
    images: np.ndarray
    persons: np.ndarray  # -1: Unknown
    confirmed: np.ndarray
    quality: np.ndarray  # area * score, for covers
    good: np.ndarray  # passes the face quality gate (see face_quality)
    x: np.ndarray
    kept_people: set[int]  # named or hidden
    all_people: set[int]
    exclusions: dict[int, set[int]]  # row index -> person ids
    remembered: dict[int, int]  # row index -> the named or hidden person a re-cluster took it from
    remembered_ids: dict[int, set[int]]  # person -> those face ids


def _snapshot(gate: FaceQuality | None = None) -> _Snapshot:
    gate = gate or FaceQuality()
    # Read before the faces: an edit of people committed while they are read (seconds at
    # 300,000 faces) moves the generation past this, and the plan is made again (a merge
    # during the read once sent new faces to the person it had deleted; second tester).
    generation = people_store.generation()
    faces = read_face_arrays((Face.ignored == False) & Face.embedding.is_null(False))
    face_ids, boxes = faces["face_ids"], faces["boxes"]
    persons = faces["persons"]
    confirmed = faces["confirmed"]
    people = list(Person.select(Person.id, Person.user_named, Person.hidden).tuples())

    def index_of(face_id: int) -> int | None:
        k = int(np.searchsorted(face_ids, face_id))  # read in id order
        return k if k < len(face_ids) and face_ids[k] == face_id else None

    exclusions: dict[int, set[int]] = {}
    for face_id, person_id in FaceExclusion.select(
        FaceExclusion.face, FaceExclusion.person
    ).tuples():
        k = index_of(face_id)
        # A face confirmed in a person stays there: the user's latest word wins over an
        # older "not this person" (one left behind by an earlier version's merge).
        if k is not None and not (confirmed[k] and persons[k] == person_id):
            exclusions.setdefault(k, set()).add(person_id)
    kept_people = {p for p, named, hidden in people if named or hidden}
    remembered: dict[int, int] = {}
    remembered_ids: dict[int, set[int]] = {}
    for key, value in (
        Meta.select(Meta.key, Meta.value).where(Meta.key.startswith(META_PERSON_FACES)).tuples()
    ):
        person_id = int(key[len(META_PERSON_FACES) :])
        remembered_ids[person_id] = set(json.loads(value))
        if person_id in kept_people:
            for face_id in remembered_ids[person_id]:
                k = index_of(face_id)
                if k is not None:
                    remembered[k] = person_id
    return _Snapshot(
        generation=generation,
        pending_photos=meta_store.meta_int(people_store.META_PHOTOS_SINCE_RECLUSTER),
        face_ids=face_ids,
        images=faces["images"],
        persons=persons,
        confirmed=confirmed,
        quality=np.maximum(0.0, (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1]))
        * faces["scores"],
        good=gate.good_mask(boxes, faces["scores"], faces["sharpness"]),
        x=faces["x"],
        kept_people=kept_people,
        all_people={p for p, _, _ in people},
        exclusions=exclusions,
        remembered=remembered,
        remembered_ids=remembered_ids,
    )


def _plan(snap: _Snapshot, eps: float) -> tuple[np.ndarray, dict[int, list[int]], int]:
    """Target person per face (-1 Unknown; <= -2: new person number -2-t) and new people's rows."""
    n = len(snap.face_ids)
    persons = snap.persons
    kept = (
        np.fromiter((p in snap.kept_people for p in persons), dtype=bool, count=n)
        if n
        else np.zeros(0, bool)
    )
    # Low-quality faces take part only once the user confirmed them; the others are
    # left out of the clustering (they neither seed nor extend anyone) and end Unknown.
    usable = snap.good | snap.confirmed
    anchors = np.where((persons >= 0) & usable & (snap.confirmed | kept), persons, -1)
    labels = np.full(n, NOISE, dtype=np.int64)
    rows = np.flatnonzero(usable)
    if len(rows):
        position = {int(k): i for i, k in enumerate(rows)}
        forbidden = {position[k]: v for k, v in snap.exclusions.items() if k in position}
        labels[rows] = cluster_faces(
            snap.x if len(rows) == n else snap.x[rows],
            eps,
            groups=snap.images[rows],
            anchors=anchors[rows],
            forbidden=forbidden,
            current=persons[rows],
            link_distance=LINK_FACTOR * eps,
            margin=LINK_MARGIN_FACTOR * eps,
        )
    n_clusters = int(labels.max(initial=-1)) + 1
    target = np.full(n, -1, dtype=np.int64)

    # Anchored clusters belong to their anchor's person.
    cluster_person = np.full(n_clusters, -1, dtype=np.int64)
    has_anchor = (labels >= 0) & (anchors >= 0)
    for lab, person in zip(labels[has_anchor], anchors[has_anchor]):
        cluster_person[lab] = person
    taken = {int(p) for p in cluster_person[cluster_person >= 0]}

    # A cluster without anchors made mostly of faces a named person last had is theirs
    # again (those faces left it only because a setting kept them out for a while).
    owner = np.full(n, -1, dtype=np.int64)
    for k, person in snap.remembered.items():
        owner[k] = person
    sizes = np.bincount(labels[labels >= 0], minlength=n_clusters)
    unowned = labels >= 0
    unowned[unowned] = cluster_person[labels[unowned]] < 0
    votes = Counter(
        zip(labels[unowned & (owner >= 0)].tolist(), owner[unowned & (owner >= 0)].tolist())
    )
    for (lab, person), count in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1])):
        if cluster_person[lab] < 0 and 2 * count > sizes[lab]:
            cluster_person[lab] = person
            taken.add(person)

    # Other clusters take the free person they share most faces with (greedy, largest first).
    free = labels >= 0
    free[free] = cluster_person[labels[free]] < 0
    free &= persons >= 0
    overlaps = Counter(zip(labels[free].tolist(), persons[free].tolist()))
    for (lab, person), _ in sorted(overlaps.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1])):
        if cluster_person[lab] >= 0 or person in taken or person in snap.kept_people:
            continue
        cluster_person[lab] = person
        taken.add(person)
    new_people: dict[int, list[int]] = {}
    for lab in np.flatnonzero(cluster_person < 0):
        number = len(new_people)
        cluster_person[lab] = -2 - number
        new_people[number] = []
    clustered = labels >= 0
    target[clustered] = cluster_person[labels[clustered]]
    # Noise: an anchored face stays with its person; any other is Unknown.
    noise = labels == NOISE
    target[noise] = anchors[noise]
    # ... or goes back to the named person it last belonged to, if it takes part again.
    back = noise & (target < 0) & (owner >= 0) & usable
    target[back] = owner[back]
    # A face never goes back to a person the user took it out of.
    for k, refused in snap.exclusions.items():
        if target[k] in refused:
            target[k] = -1
    for k in np.flatnonzero(target <= -2):
        new_people[int(-2 - target[k])].append(int(k))
    return target, {t: rows for t, rows in new_people.items() if rows}, n_clusters


def _apply(
    snap: _Snapshot, target: np.ndarray, new_people: dict[int, list[int]], report: ReclusterReport
) -> np.ndarray:
    """Write the plan; call inside a write transaction. Each face's person afterwards (-1: none)."""
    new_ids: dict[int, int] = {}
    for number, rows in new_people.items():
        best = max(rows, key=lambda k: (snap.quality[k], -snap.face_ids[k]))
        new_ids[number] = people_store.new_person(cover_face_id=int(snap.face_ids[best])).id
    final = target.copy()
    for number, pid in new_ids.items():
        final[target == -2 - number] = pid
    final[
        (final <= -2)
    ] = -1  # a new cluster whose faces all went elsewhere (cannot happen; be safe)
    changed = np.flatnonzero(final != snap.persons)
    by_target: dict[int, list[int]] = {}
    for k in changed:
        by_target.setdefault(int(final[k]), []).append(int(snap.face_ids[k]))
    for pid, ids in by_target.items():
        for i in range(0, len(ids), 500):
            Face.update(person=None if pid < 0 else pid).where(
                Face.id.in_(ids[i : i + 500])
            ).execute()
    touched = {int(p) for p in snap.persons[changed] if p >= 0} | {p for p in by_target if p >= 0}
    _remember_faces(snap, final)
    people_store.refresh_covers(touched - set(new_ids.values()))
    # Unnamed, visible people left without faces are gone; named ones keep their name.
    losers = [
        p for p in {int(p) for p in snap.persons[changed] if p >= 0} if p not in snap.kept_people
    ]
    removed = 0
    for pid in losers:
        if people_store.is_empty(pid) and Person.delete().where(Person.id == pid).execute():
            removed += 1
    report.people_created = len(new_ids)
    report.people_removed = removed
    report.faces_moved = len(changed)
    report.unknown_faces = int((final < 0).sum())
    left = max(
        0, meta_store.meta_int(people_store.META_PHOTOS_SINCE_RECLUSTER) - snap.pending_photos
    )
    meta_store.meta_set(people_store.META_PHOTOS_SINCE_RECLUSTER, left)
    ids = snap.face_ids
    meta_store.meta_set(
        META_CLUSTERED_FACES, _fingerprint(len(ids), int(ids.max(initial=0)), int(ids.sum()))
    )
    meta_store.meta_set(people_store.META_LAST_RECLUSTER_AT, time.time())
    people_store.bump_generation()
    return final


def _remember_faces(snap: _Snapshot, final: np.ndarray) -> None:
    """Update, per named or hidden person, the faces this re-cluster took out of it or gave back."""
    present = set(snap.face_ids.tolist())
    for person in snap.kept_people | set(snap.remembered_ids):
        before = snap.remembered_ids.get(person, set())
        if person not in snap.kept_people:  # deleted or no longer named: nothing to give back
            after: set[int] = set()
        else:
            taken = set(snap.face_ids[(snap.persons == person) & (final != person)].tolist())
            back = set(snap.face_ids[final == person].tolist())
            after = ((before & present) | taken) - back
        if after != before:
            key = f"{META_PERSON_FACES}{person}"
            if after:
                meta_store.meta_set(key, json.dumps(sorted(after)))
            else:
                Meta.delete().where(Meta.key == key).execute()


def recluster(library: Any) -> ReclusterReport:
    """Re-cluster every face now, keeping names, covers, ids and the user's corrections.

    The caller holds the library's write lock (``Library.index`` does; the CLI takes it).
    """
    start = time.perf_counter()
    eps = cluster_threshold(library)
    gate = thresholds_for(library)
    report = ReclusterReport(threshold=eps)
    forget_cache(library)  # replaced at the end (adopt_index): not held twice meanwhile
    for attempt in range(3):
        last = attempt == 2
        if not last:
            snap = _snapshot(gate)
            target, new_people, n_clusters = _plan(snap, eps)
        with people_store.write_transaction():
            if last:  # people kept changing: plan while holding the write lock
                snap = _snapshot(gate)
                target, new_people, n_clusters = _plan(snap, eps)
            elif people_store.generation() != snap.generation:
                log.info("People changed during re-clustering; starting over")
                continue
            final = _apply(snap, target, new_people, report)
            adopt_index(
                library, gate, snap.face_ids, snap.x, final, snap.images, snap.good | snap.confirmed
            )
            report.seconds = time.perf_counter() - start
            meta_store.meta_set(people_store.META_LAST_RECLUSTER_SECONDS, f"{report.seconds:.3f}")
            break
    report.faces = len(snap.face_ids)
    report.clusters = n_clusters
    non_empty = (
        Face.select(Face.person)
        .where(Face.person.is_null(False) & (Face.ignored == False))
        .distinct()
    )
    report.people = Person.select().where(Person.id.in_(non_empty)).count()
    report.named_people = (
        Person.select().where(Person.id.in_(non_empty) & (Person.user_named == True)).count()
    )
    log.info(
        "Re-clustered %d faces into %d people in %.2fs", report.faces, report.people, report.seconds
    )
    return report


def _interval(library: Any) -> int:
    settings = getattr(library, "settings", None)
    return int(getattr(settings, "recluster_every_photos", 5) or 0)


def maybe_recluster(library: Any, force: bool = False) -> ReclusterReport | None:
    """Bring people up to date at the end of a batch (an index run, a live-folder update, an import).

    Whenever new faces came in since the last re-cluster, people become what a full
    re-cluster of all faces gives, at once: new faces form people among themselves
    and with Unknown faces, and the result does not depend on how the photos were
    split into batches (between batches, ``face_assignment`` only extends people).
    Above ``SETTLE_MAX_FACES`` faces a full re-cluster per batch costs too much, and it
    waits for ``settings.recluster_every_photos`` new photos instead. ``force``
    re-clusters even when nothing came in; an interval of 0 turns automatic
    re-clustering off (``pictopy people recluster`` still works). Returns the report,
    or None when nothing was done.
    """
    if force:
        return recluster(library)
    interval = _interval(library)
    if interval <= 0:
        return None
    pending = meta_store.meta_int(people_store.META_PHOTOS_SINCE_RECLUSTER)
    count, top, total = _clusterable_faces()
    if pending <= 0 and meta_store.meta_get(
        META_CLUSTERED_FACES, _fingerprint(0, 0, 0)
    ) == _fingerprint(count, top, total):
        return None  # no face came or went since the last re-cluster
    if pending < interval and count > SETTLE_MAX_FACES:
        return None
    return recluster(library)


def _clusterable_faces() -> tuple[int, int, int]:
    """Count, highest id and sum of ids of the faces a re-cluster would see (cheap: one aggregate query)."""
    row = (
        Face.select(fn.COUNT(Face.id), fn.MAX(Face.id), fn.SUM(Face.id))
        .where((Face.ignored == False) & Face.embedding.is_null(False))
        .tuples()
        .first()
    )
    return int(row[0] or 0), int(row[1] or 0), int(row[2] or 0)


def _fingerprint(count: int, top: int, total: int) -> str:
    return f"{count}:{top}:{total}"


def maybe_recluster_during_import(
    library: Any, now: Callable[[], float] = time.time
) -> ReclusterReport | None:
    """Like ``maybe_recluster`` but also debounced in time, for calls after each photo.

    A 10,000-photo import re-clusters at most every ``MIN_GAP_S`` seconds (more apart
    as re-clusters get slower), not after every ``recluster_every_photos`` photos.
    """
    interval = _interval(library)
    if interval <= 0 or meta_store.meta_int(people_store.META_PHOTOS_SINCE_RECLUSTER) < interval:
        return None
    last_at = float(meta_store.meta_get(people_store.META_LAST_RECLUSTER_AT, "0") or 0)
    last_seconds = float(meta_store.meta_get(people_store.META_LAST_RECLUSTER_SECONDS, "0") or 0)
    if now() - last_at < max(MIN_GAP_S, GAP_FACTOR * last_seconds):
        return None
    return recluster(library)
