"""Model states, hash cache, and the downloader against a local HTTP server (127.0.0.1 only)."""

from __future__ import annotations

import hashlib
import os
import threading
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from pictopy_desktop.ml import model_manager as mm
from pictopy_desktop.ml.manifest import Manifest, parse_manifest

FILES = {
    name: os.urandom(size)
    for name, size in (("det.onnx", 300_000), ("face.onnx", 5_000), ("emb.onnx", 70_000))
}


class _Server:
    def __init__(self) -> None:
        self.honour_range = True
        self.requests: list[dict[str, str]] = []
        parent = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:
                parent.requests.append({"path": self.path, "range": self.headers.get("Range", "")})
                body = FILES.get(self.path.lstrip("/"))
                if body is None:
                    self.send_error(404)
                    return
                rng = self.headers.get("Range")
                if rng and parent.honour_range:
                    start = int(rng.split("=")[1].split("-")[0])
                    if start >= len(body):
                        self.send_response(416)
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
                    body = body[start:]
                else:
                    self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()


@pytest.fixture(scope="module")
def server() -> Iterator[_Server]:
    s = _Server()
    yield s
    s.httpd.shutdown()
    s.httpd.server_close()


@pytest.fixture
def manifest(server: _Server) -> Manifest:
    server.requests.clear()
    server.honour_range = True

    def entry(id_: str, role: str, family: str, file: str, **extra: object) -> dict[str, object]:
        return {
            "id": id_,
            "role": role,
            "family": family,
            "file": file,
            "input_size": [8, 8],
            "url": f"{server.url}/{file}",
            "sha256": hashlib.sha256(FILES[file]).hexdigest(),
            "size_bytes": len(FILES[file]),
            "licence": "test",
            **extra,
        }

    return parse_manifest(
        {
            "models": [
                entry("det", "object_detector", "yolov8", "det.onnx"),
                entry("face", "face_detector", "yunet", "face.onnx"),
                entry(
                    "emb",
                    "face_embedder",
                    "arcface112",
                    "emb.onnx",
                    embedding_size=128,
                    cluster_distance=0.5,
                ),
            ],
            "sets": {"default": ["det", "face", "emb"]},
        }
    )


def _progress_log() -> tuple[list[tuple[str, int, int]], mm.Progress]:
    calls: list[tuple[str, int, int]] = []
    return calls, lambda model_id, done, total: calls.append((model_id, done, total))


def test_download_missing_fetches_verifies_and_reports_progress(
    tmp_path: Path, manifest: Manifest
) -> None:
    calls, progress = _progress_log()
    fetched = mm.download_missing(tmp_path, "default", progress, manifest=manifest)
    assert sorted(p.name for p in fetched) == sorted(FILES)
    for name, body in FILES.items():
        assert (tmp_path / name).read_bytes() == body
    assert not list(tmp_path.glob("*.part"))
    assert ("det", len(FILES["det.onnx"]), len(FILES["det.onnx"])) in calls
    assert all(
        s.state is mm.ModelState.VERIFIED for s in mm.check_models(tmp_path, manifest=manifest)
    )


def test_download_resumes_a_partial_file_with_range(
    tmp_path: Path, manifest: Manifest, server: _Server
) -> None:
    (tmp_path / "det.onnx.part").write_bytes(FILES["det.onnx"][:123_456])
    calls, progress = _progress_log()
    mm.download_model(manifest.models["det"], tmp_path, progress)
    assert (tmp_path / "det.onnx").read_bytes() == FILES["det.onnx"]
    assert server.requests[-1]["range"] == "bytes=123456-"
    assert calls[0][1] > 123_456 and calls[-1][1] == calls[-1][2] == len(FILES["det.onnx"])


def test_download_restarts_when_the_server_ignores_range(
    tmp_path: Path, manifest: Manifest, server: _Server
) -> None:
    server.honour_range = False
    (tmp_path / "det.onnx.part").write_bytes(b"garbage" * 100)
    mm.download_model(manifest.models["det"], tmp_path)
    assert (tmp_path / "det.onnx").read_bytes() == FILES["det.onnx"]


def test_complete_part_file_is_finished_on_416(tmp_path: Path, manifest: Manifest) -> None:
    (tmp_path / "face.onnx.part").write_bytes(FILES["face.onnx"])
    mm.download_model(manifest.models["face"], tmp_path)
    assert (tmp_path / "face.onnx").read_bytes() == FILES["face.onnx"]


def test_bad_download_is_deleted_and_the_old_file_kept(tmp_path: Path, manifest: Manifest) -> None:
    from dataclasses import replace

    bad = replace(manifest.models["emb"], sha256="0" * 64)
    (tmp_path / "emb.onnx").write_bytes(b"old file")
    with pytest.raises(mm.DownloadError, match="corrupt .* deleted"):
        mm.download_model(bad, tmp_path)
    assert not (tmp_path / "emb.onnx.part").exists()
    assert (tmp_path / "emb.onnx").read_bytes() == b"old file"  # atomic: never half-replaced


def test_network_failure_keeps_the_part_for_resuming(tmp_path: Path, manifest: Manifest) -> None:
    from dataclasses import replace

    dead = replace(manifest.models["det"], url="http://127.0.0.1:9/det.onnx")
    (tmp_path / "det.onnx.part").write_bytes(b"12345")
    with pytest.raises(mm.DownloadError, match="failed"):
        mm.download_model(dead, tmp_path, timeout=2)
    assert (tmp_path / "det.onnx.part").read_bytes() == b"12345"


def test_download_missing_reports_every_failure(
    tmp_path: Path, manifest: Manifest, server: _Server
) -> None:
    raw_models = [
        {
            **{
                k: getattr(s, k)
                for k in (
                    "id",
                    "role",
                    "family",
                    "file",
                    "url",
                    "sha256",
                    "licence",
                    "embedding_size",
                    "cluster_distance",
                )
            },
            "input_size": list(s.input_size),
        }
        for s in manifest.models.values()
    ]
    raw_models[0]["url"] = f"{server.url}/nothing-here.onnx"
    broken = parse_manifest({"models": raw_models, "sets": {"default": ["det", "face", "emb"]}})
    with pytest.raises(mm.DownloadError, match="det"):
        mm.download_missing(tmp_path, "default", manifest=broken)
    assert (tmp_path / "emb.onnx").exists() and (
        tmp_path / "face.onnx"
    ).exists()  # the others still came


def test_no_network_when_everything_is_present(
    tmp_path: Path, manifest: Manifest, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, body in FILES.items():
        (tmp_path / name).write_bytes(body)

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("network used although all models are present")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    assert mm.download_missing(tmp_path, "default", manifest=manifest) == []


def test_states_missing_present_verified_wrong(tmp_path: Path, manifest: Manifest) -> None:
    (tmp_path / "det.onnx").write_bytes(FILES["det.onnx"])
    (tmp_path / "face.onnx").write_bytes(b"tampered")
    states = {s.spec.id: s.state for s in mm.check_models(tmp_path, manifest=manifest)}
    assert states == {
        "det": mm.ModelState.VERIFIED,
        "face": mm.ModelState.WRONG,
        "emb": mm.ModelState.MISSING,
    }
    assert (
        mm.check_models(tmp_path, manifest=manifest, verify=False)[0].state is mm.ModelState.PRESENT
    )
    wrong = mm.check_models(tmp_path, manifest=manifest, io_check=True)[1]
    assert (
        "differs from the published file" in wrong.detail and "could not be loaded" in wrong.detail
    )


def test_hash_cache_avoids_rehashing_until_the_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    f = tmp_path / "m.onnx"
    f.write_bytes(b"abc")
    count = {"n": 0}
    real = mm.sha256_file

    def counting(path: Path) -> str:
        count["n"] += 1
        return real(path)

    monkeypatch.setattr(mm, "sha256_file", counting)
    cache_file = tmp_path / "cache" / "hashes.json"
    cache = mm.HashCache(cache_file)
    assert cache.sha256(f) == hashlib.sha256(b"abc").hexdigest()
    assert cache.sha256(f) and count["n"] == 1
    assert mm.HashCache(cache_file).sha256(f) and count["n"] == 1  # persisted across starts
    f.write_bytes(b"abcd")
    os.utime(f, ns=(1, 1))
    assert cache.sha256(f) == hashlib.sha256(b"abcd").hexdigest() and count["n"] == 2
