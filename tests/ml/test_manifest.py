"""The packaged model manifest and its validation."""

from __future__ import annotations

import copy
import json

import pytest

from pictopy_desktop.ml.errors import ModelError
from pictopy_desktop.ml.manifest import (
    ROLES,
    load_manifest,
    manifest_path,
    model_set,
    parse_manifest,
)


def test_packaged_manifest_is_valid_and_has_both_sets() -> None:
    manifest = load_manifest()
    default = model_set("default")
    assert [s.id for s in default] == ["yolov8n_int8", "yunet_2023mar", "mobilefacenet"]
    assert [s.role for s in default] == list(ROLES)
    ref = manifest.by_role("reference")
    assert ref["face_detector"].family == "yolov8_face"
    assert ref["face_embedder"].family == "facenet160"
    assert ref["face_embedder"].embedding_size == 128  # the published file is 128-d
    for spec in manifest.models.values():
        assert spec.url.startswith("https://")
        assert spec.licence
        if spec.role != "face_embedder":
            assert {"confidence", "iou"} <= spec.thresholds.keys()
        else:
            assert 0 < (spec.cluster_distance or 0) < 1


def test_default_models_match_the_shared_files(shared_models_dir) -> None:
    from pictopy_desktop.ml.model_manager import sha256_file

    for spec in model_set("default"):
        path = shared_models_dir / spec.file
        assert path.stat().st_size == spec.size_bytes
        assert sha256_file(path) == spec.sha256


def test_unknown_set_is_a_readable_error() -> None:
    with pytest.raises(
        ModelError, match="Unknown model set 'nope'; known sets: default, reference"
    ):
        model_set("nope")


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["models"][0].update(role="painter"), "unknown role"),
        (lambda d: d["models"][0].update(family="yunet"), "does not fit role"),
        (lambda d: d["models"][0].update(sha256="abc"), "64 hex"),
        (lambda d: d["models"][0].pop("url"), "lacks 'url'"),
        (lambda d: d["sets"].update(default=["yolov8n_int8"]), "one model per role"),
        (lambda d: d["sets"].update(default=["ghost"]), "unknown models"),
        (lambda d: d["models"].append(copy.deepcopy(d["models"][0])), "appears twice"),
    ],
)
def test_bad_manifests_are_refused(mutate, message: str) -> None:
    raw = json.loads(manifest_path().read_text())
    mutate(raw)
    with pytest.raises(ModelError, match=message):
        parse_manifest(raw)
