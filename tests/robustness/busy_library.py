"""Helpers for the busy-library tests: many generated photos, and a CLI subprocess runner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
from PIL import Image

from tests.conftest import REPO_ROOT


def make_photos(
    folder: Path, count: int, size: tuple[int, int] = (160, 120), seed: int = 0
) -> list[Path]:
    """``count`` distinct JPEGs: a tinted gradient with a noise patch of its own (a unique hash each)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    w, h = size
    ramp = np.broadcast_to(np.linspace(40, 215, w, dtype=np.float32)[None, :, None], (h, w, 3))
    out = []
    for i in range(count):
        pixels = (ramp * rng.uniform(0.4, 1.0, 3)).astype(np.uint8)
        pixels[: min(h, 32), : min(w, 32)] = rng.integers(
            0, 256, (min(h, 32), min(w, 32), 3), dtype=np.uint8
        )
        path = folder / f"photo-{i:04d}.jpg"
        Image.fromarray(pixels).save(path, "JPEG", quality=85)
        out.append(path)
    return out


def cli_env(data_dir: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment for a `pictopy` subprocess: this checkout's code, no models, no debug tracebacks."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.setdefault("PICTOPY_MODELS_DIR", str(REPO_ROOT / "no-models-here"))
    env.pop("PICTOPY_DEBUG", None)
    if data_dir is not None:
        env["PICTOPY_DATA_DIR"] = str(data_dir)
    env.update(extra)
    return env


def pictopy_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "pictopy_desktop", *args]


def run_pictopy(
    *args: str, data_dir: Path | None = None, timeout: float = 120, **kwargs
) -> subprocess.CompletedProcess:
    """Run `pictopy ARGS` in a subprocess and capture its output as text."""
    return subprocess.run(
        pictopy_cmd(*args),
        env=cli_env(data_dir),
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        **kwargs,
    )


def one_line_error(result: subprocess.CompletedProcess, *fragments: str) -> str:
    """The run failed with exactly one line on stderr, holding each fragment, and no traceback."""
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]
