"""Model files on disk: their state, verification, and downloading the missing ones."""

from __future__ import annotations

import enum
import hashlib
import json
import logging
import os
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pictopy_desktop.ml.errors import ModelError
from pictopy_desktop.ml.manifest import Manifest, ModelSpec, load_manifest

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
"""progress(model_id, bytes_done, bytes_total); total is 0 when unknown."""

FIX_HINT = (
    "run `pictopy models download` or set PICTOPY_MODELS_DIR to a folder that holds the models"
)
_CHUNK = 1 << 16


class ModelState(enum.StrEnum):
    PRESENT = "present"  # file exists, checksum not checked
    VERIFIED = "verified"  # checksum matches the manifest
    MISSING = "missing"
    WRONG = "wrong"  # checksum differs or the file doesn't fit its family


@dataclass(frozen=True)
class ModelStatus:
    spec: ModelSpec
    path: Path
    state: ModelState
    detail: str = ""


class DownloadError(ModelError):
    """A model could not be downloaded or its download was corrupt (it has been deleted)."""


# ---------------------------------------------------------------- hashing


class HashCache:
    """SHA-256 of files keyed by (path, size, mtime), so a start-up check doesn't re-hash.

    Kept in memory and, when ``path`` is given, in a small JSON file; never written into
    the models folder, which may be read-only or shared.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._entries: dict[str, list[object]] = {}
        if path is not None:
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
                self._entries = raw if isinstance(raw, dict) else {}
            except (OSError, ValueError):
                self._entries = {}

    def sha256(self, file: Path) -> str:
        st = file.stat()
        key = str(file.resolve())
        with self._lock:
            hit = self._entries.get(key)
            if hit and hit[0] == st.st_size and hit[1] == st.st_mtime_ns:
                return str(hit[2])
        digest = sha256_file(file)
        with self._lock:
            self._entries[key] = [st.st_size, st.st_mtime_ns, digest]
            self._save()
        return digest

    def _save(self) -> None:
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(self._entries), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as exc:
            log.debug("Could not save the model hash cache: %s", exc)


_memory_cache = HashCache()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# ---------------------------------------------------------------- state


def check_io(spec: ModelSpec, path: Path) -> str | None:
    """Why ``path`` can't serve as ``spec``'s family, or None when its inputs/outputs fit."""
    # The model classes (cv2, ONNX Runtime) load only when a file is checked.
    from pictopy_desktop.ml.model_registry import build_model

    try:
        build_model(spec.family, path, {})
    except ModelError as exc:
        return str(exc)
    return None


def model_status(
    spec: ModelSpec,
    models_dir: Path,
    *,
    verify: bool = True,
    hash_cache: HashCache | None = None,
    io_check: bool = False,
) -> ModelStatus:
    """State of one model file in ``models_dir``."""
    path = Path(models_dir) / spec.file
    if not path.is_file():
        return ModelStatus(spec, path, ModelState.MISSING, f"{spec.file} is not in {models_dir}")
    if not verify:
        return ModelStatus(spec, path, ModelState.PRESENT)
    digest = (hash_cache or _memory_cache).sha256(path)
    if digest != spec.sha256:
        detail = f"{spec.file} differs from the published file (sha256 {digest[:12]}…, expected {spec.sha256[:12]}…)"
        if io_check:
            problem = check_io(spec, path)
            detail += f"; {problem}" if problem else "; its inputs/outputs still fit"
        return ModelStatus(spec, path, ModelState.WRONG, detail)
    return ModelStatus(spec, path, ModelState.VERIFIED)


def check_models(
    models_dir: Path,
    set_name: str = "default",
    *,
    verify: bool = True,
    hash_cache: HashCache | None = None,
    manifest: Manifest | None = None,
    io_check: bool = False,
) -> list[ModelStatus]:
    """State of each model of ``set_name`` in ``models_dir``."""
    manifest = manifest or load_manifest()
    return [
        model_status(s, Path(models_dir), verify=verify, hash_cache=hash_cache, io_check=io_check)
        for s in manifest.model_set(set_name)
    ]


# ---------------------------------------------------------------- download


def download_model(
    spec: ModelSpec,
    models_dir: Path,
    progress: Progress | None = None,
    *,
    timeout: float = 30.0,
    hash_cache: HashCache | None = None,
) -> Path:
    """Fetch one model into ``models_dir``: resume ``<file>.part``, verify, then rename atomically."""
    models_dir = Path(models_dir)
    models_dir.mkdir(parents=True, exist_ok=True)
    target = models_dir / spec.file
    part = target.with_name(target.name + ".part")
    done = part.stat().st_size if part.exists() else 0
    if spec.size_bytes is not None and done > spec.size_bytes:
        part.unlink()
        done = 0
    request = urllib.request.Request(spec.url, headers={"User-Agent": "PictoPy-Desktop"})
    if done:
        request.add_header("Range", f"bytes={done}-")
    try:
        try:
            response = urllib.request.urlopen(request, timeout=timeout)
        except urllib.error.HTTPError as exc:
            if exc.code != 416 or not done:
                raise
            # 416: the server has nothing past what we hold, so the .part may be complete
            response = None
        if response is not None:
            with response:
                if done and response.status != 206:
                    done = 0  # server ignored Range: start over
                length = int(response.headers.get("Content-Length") or 0)
                total = done + length if length else (spec.size_bytes or 0)
                with open(part, "ab" if done else "wb") as fh:
                    while chunk := response.read(_CHUNK):
                        fh.write(chunk)
                        done += len(chunk)
                        if progress:
                            progress(spec.id, done, total)
                    fh.flush()
                    os.fsync(fh.fileno())
    except (urllib.error.URLError, OSError, ValueError) as exc:
        # keep the .part: the next attempt resumes from it
        raise DownloadError(
            f"Downloading {spec.id} from {spec.url} failed: {exc}. Try again to resume."
        ) from exc
    digest = sha256_file(part)
    if digest != spec.sha256:
        part.unlink(missing_ok=True)
        raise DownloadError(
            f"The download of {spec.id} is corrupt (sha256 {digest[:12]}…, expected {spec.sha256[:12]}…); it was deleted. Try again."
        )
    os.replace(part, target)
    if hash_cache is not None:
        hash_cache.sha256(target)
    return target


def download_missing(
    models_dir: Path,
    set_name: str = "default",
    progress: Progress | None = None,
    *,
    manifest: Manifest | None = None,
    hash_cache: HashCache | None = None,
    timeout: float = 30.0,
) -> list[Path]:
    """Download the models of ``set_name`` that are missing or wrong; return the files fetched.

    No network access when every file is already there and verified. Raises DownloadError
    naming every model that failed after trying all of them.
    """
    fetched: list[Path] = []
    errors: list[str] = []
    for status in check_models(
        Path(models_dir), set_name, hash_cache=hash_cache, manifest=manifest
    ):
        if status.state is ModelState.VERIFIED:
            continue
        try:
            fetched.append(
                download_model(
                    status.spec, Path(models_dir), progress, timeout=timeout, hash_cache=hash_cache
                )
            )
        except DownloadError as exc:
            errors.append(str(exc))
    if errors:
        raise DownloadError("\n".join(errors))
    return fetched
