"""Build the one-folder app with PyInstaller and run the built binary (CI; opt-in locally).

Skipped unless CI is set or PICTOPY_BUILD_TEST=1: a build takes minutes and ~500 MB.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pictopy_desktop import __version__
from tests.conftest import REPO_ROOT

pytestmark = [
    pytest.mark.build,
    pytest.mark.skipif(
        not (os.environ.get("CI") or os.environ.get("PICTOPY_BUILD_TEST")),
        reason="PyInstaller build test runs in CI; set PICTOPY_BUILD_TEST=1 to run it locally",
    ),
]


@pytest.fixture(scope="module")
def built_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("PyInstaller", reason="pip install -e '.[test]' brings PyInstaller")
    work = tmp_path_factory.mktemp("pyi")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            str(REPO_ROOT / "build.spec"),
        ],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=1500,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    exe = work / "dist" / "PictoPy" / ("pictopy.exe" if sys.platform == "win32" else "pictopy")
    assert exe.exists()
    return exe


def _clean_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        PICTOPY_DATA_DIR=str(tmp_path / "data"),
        PICTOPY_MODELS_DIR=str(tmp_path / "models"),
    )
    return env


def test_built_binary_reports_version(built_app: Path, tmp_path: Path) -> None:
    out = subprocess.run(
        [str(built_app), "--version"],
        capture_output=True,
        text=True,
        env=_clean_env(tmp_path),
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert __version__ in out.stdout


def test_built_binary_opens_and_closes_main_window(built_app: Path, tmp_path: Path) -> None:
    out = subprocess.run(
        [str(built_app), "--smoke-test"],
        capture_output=True,
        text=True,
        env=_clean_env(tmp_path),
        timeout=180,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "main window shown" in out.stdout
