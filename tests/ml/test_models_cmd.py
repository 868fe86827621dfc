"""`pictopy models` and `pictopy models download`."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest

from pictopy_desktop.cli import main


def test_models_lists_the_verified_default_set(
    data_dir: Path,
    shared_models_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(shared_models_dir))
    assert main(["models", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["set"] == "default"
    assert [(m["id"], m["state"]) for m in out["models"]] == [
        ("yolov8n_int8", "verified"),
        ("yunet_2023mar", "verified"),
        ("mobilefacenet", "verified"),
    ]
    assert main(["models"]) == 0
    assert "mobilefacenet" in capsys.readouterr().out
    assert (
        data_dir / "model-hashes.json"
    ).exists()  # hashes cached in the data dir, not the models dir


def test_models_reports_missing_and_download_needs_no_network_when_complete(
    data_dir: Path,
    tmp_path: Path,
    shared_models_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    empty = tmp_path / "models"
    empty.mkdir()
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(empty))
    assert main(["models", "--set", "reference"]) == 1
    out = capsys.readouterr().out
    assert [line.split()[2] for line in out.splitlines() if line.startswith("  ")] == [
        "missing"
    ] * 3
    assert "pictopy models download" in out

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("network used")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(shared_models_dir))
    assert main(["models", "download"]) == 0
    assert "already" in capsys.readouterr().out
    assert main(["models", "--set", "nope"]) == 1
    assert "Unknown model set" in capsys.readouterr().err
