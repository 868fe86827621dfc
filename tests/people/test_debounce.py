"""Automatic re-clustering is debounced by photo count and, during an import, by time."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from pictopy_desktop.ml.face_clustering import normalize
from pictopy_desktop.people import people_service as ps
from pictopy_desktop.people import recluster as rc


def test_end_of_batch_reclusters_whenever_faces_came_in(library, faces):
    """No counter to wait for: two photos of a new person make a person at the end of the batch."""
    library.settings.recluster_every_photos = 5
    assert rc.maybe_recluster(library) is None  # nothing came in
    for _ in range(2):
        faces.photo("alice", assign=True)
    assert ps.people_rows() == []  # between batches Unknown faces only wait ...
    report = rc.maybe_recluster(library)  # ... the end of the batch groups them
    assert report is not None and report.people == 1
    assert ps.meta_int(ps.META_PHOTOS_SINCE_RECLUSTER) == 0
    assert rc.maybe_recluster(library) is None
    assert rc.maybe_recluster(library, force=True) is not None


def test_a_batch_that_only_removed_photos_reclusters_too(library):
    """A face that held a person together leaves with its photo: the next batch end splits the person."""
    from pictopy_desktop.storage.tables import Face, Image
    from tests.people.replay import FaceSpec, PhotoSpec, store

    library.settings.recluster_every_photos = 5
    rng = np.random.default_rng(0)
    a = normalize(rng.standard_normal(128))[0]
    c = normalize(rng.standard_normal(128))[0]
    c = normalize(c - c.dot(a) * a)[0]
    angle = np.arccos(1 - 0.45)  # a and c: 0.45 apart, above eps and the link distance
    far = np.cos(angle) * a + np.sin(angle) * c
    mid = np.cos(angle / 2) * a + np.sin(angle / 2) * c  # 0.12 from each
    ids = store([PhotoSpec(f"/chain/{k}.jpg", [FaceSpec(v)]) for k, v in enumerate((a, mid, far))])
    ps.meta_add(ps.META_PHOTOS_SINCE_RECLUSTER, 3)
    assert rc.maybe_recluster(library).people == 1
    assert rc.maybe_recluster(library) is None  # nothing came or went since
    Image.delete().where(Image.id == Face.get_by_id(ids[1][0]).image_id).execute()
    report = rc.maybe_recluster(library)  # no new photo, but a face left
    assert report is not None and report.people == 0 and ps.people_rows() == []


def test_above_the_size_limit_the_end_of_a_batch_waits_for_the_interval(
    library, faces, monkeypatch
):
    monkeypatch.setattr(rc, "SETTLE_MAX_FACES", 3)
    library.settings.recluster_every_photos = 5
    for _ in range(4):
        faces.photo("alice")
        ps.meta_add(ps.META_PHOTOS_SINCE_RECLUSTER, 1)
    assert rc.maybe_recluster(library) is None
    faces.photo("alice")
    ps.meta_add(ps.META_PHOTOS_SINCE_RECLUSTER, 1)
    assert rc.maybe_recluster(library).people == 1


def test_during_an_import_reclusters_wait_for_the_interval_and_the_gap(library, faces):
    library.settings.recluster_every_photos = 5
    for _ in range(4):
        faces.photo("alice", assign=True)
    assert ps.meta_int(ps.META_PHOTOS_SINCE_RECLUSTER) == 4
    assert ps.people_rows() == []
    # The 5th photo re-clusters during the import (the first in a long while) ...
    faces.photo("alice", assign=True)
    assert ps.meta_int(ps.META_PHOTOS_SINCE_RECLUSTER) == 0
    assert len(ps.people_rows()) == 1
    # ... the next five come within MIN_GAP_S: they wait for the end of the batch.
    for _ in range(5):
        faces.photo("bob", assign=True)
    assert ps.meta_int(ps.META_PHOTOS_SINCE_RECLUSTER) == 5
    report = rc.maybe_recluster(library)
    assert report is not None and report.people == 2


def test_interval_zero_turns_automatic_reclustering_off(library, faces):
    library.settings.recluster_every_photos = 0
    for _ in range(10):
        faces.photo("alice", assign=True)
    assert rc.maybe_recluster(library) is None


@pytest.mark.slow
def test_a_big_import_does_not_recluster_after_every_five_photos(library, monkeypatch):
    """10,000 photos at 3 photos/s, interval 5: re-clusters are time-debounced, not 2,000."""
    library.settings.recluster_every_photos = 5
    clock = [1_000_000.0]
    runs = []

    def fake_recluster(lib):
        runs.append(clock[0])
        ps.meta_set(ps.META_PHOTOS_SINCE_RECLUSTER, 0)
        ps.meta_set(ps.META_LAST_RECLUSTER_AT, clock[0])
        ps.meta_set(ps.META_LAST_RECLUSTER_SECONDS, 2.0)
        return rc.ReclusterReport()

    monkeypatch.setattr(rc, "recluster", fake_recluster)
    for _ in range(10_000):
        clock[0] += 1 / 3
        ps.meta_add(ps.META_PHOTOS_SINCE_RECLUSTER, 1)
        rc.maybe_recluster_during_import(library, now=lambda: clock[0])
    assert 50 <= len(runs) <= 10_000 / 3 / rc.MIN_GAP_S + 1
    gaps = [b - a for a, b in itertools.pairwise(runs)]
    assert min(gaps) >= rc.MIN_GAP_S
