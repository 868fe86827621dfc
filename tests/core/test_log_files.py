"""The rotating log file, native crash traces in the log folder, and `pictopy diagnostics`."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pictopy_desktop import log_files
from pictopy_desktop.diagnostics import as_text, collect
from tests.conftest import REPO_ROOT

_SEGFAULT = """
import faulthandler, sys
from pictopy_desktop import paths
from pictopy_desktop.cli.common import open_library
paths.set_data_dir_override(sys.argv[1])
open_library()  # what a `pictopy` command does before its work: the log files start
faulthandler._sigsegv()
"""


def test_a_native_crash_leaves_its_trace_in_the_log_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = subprocess.run(
        [sys.executable, "-c", _SEGFAULT, str(data)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if k != "PYTHONFAULTHANDLER"},
    )
    assert result.returncode != 0
    trace = (data / "logs" / log_files.NATIVE_CRASH_FILE).read_text()
    assert "Fatal Python error: Segmentation fault" in trace
    assert "<string>" in trace  # the Python stack of the crash, down to the line that did it
    problems = log_files.last_problems(data / "logs")
    assert any("Segmentation fault" in p for p in problems)


@pytest.mark.allow_log(r"^problem \d+$", level=logging.ERROR)
def test_the_log_rotates_and_the_last_problems_read_back_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(log_files, "MAX_BYTES", 400)
    folder = tmp_path / "logs"
    folder.mkdir()
    path = log_files.start_log_files(folder)
    log = logging.getLogger("pictopy_desktop.example")
    try:
        for i in range(30):
            log.info("fine %d", i)
            if i % 3 == 0:
                log.error("problem %d", i)
    finally:
        log_files.stop_log_files()
    assert path == folder / "pictopy.log"
    assert (folder / "pictopy.log.1").is_file() and not (folder / "pictopy.log.4").exists()
    problems = log_files.last_problems(folder, limit=3)
    assert [p.rsplit(": ", 1)[1] for p in problems] == ["problem 21", "problem 24", "problem 27"]
    assert all(" ERROR pictopy_desktop.example: " in p for p in problems)


def test_an_unwritable_log_folder_does_not_stop_a_command(data_dir: Path, capsys) -> None:
    """A file where the log folder belongs: the command runs, and says nothing about logs."""
    from pictopy_desktop.cli import main

    (data_dir / "logs").write_text("not a folder")
    assert main(["--data-dir", str(data_dir), "status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["images"]["total"] == 0


def test_diagnostics_from_the_cli(data_dir: Path, shared_models_dir: Path) -> None:
    env = {**os.environ, "PICTOPY_MODELS_DIR": str(shared_models_dir)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pictopy_desktop",
            "--data-dir",
            str(data_dir),
            "diagnostics",
            "--json",
        ],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    versions = report["versions"]
    for name in ("PictoPy", "Python", "Qt", "ONNX Runtime", "OpenCV", "Pillow", "SQLite"):
        assert versions[name] and "unavailable" not in versions[name], name
    assert "CPUExecutionProvider" in report["providers_available"]
    runs = {m["role"]: m["provider"] for m in report["models"]}
    assert runs == {
        "object_detector": "CPUExecutionProvider",
        "face_detector": "OpenCV DNN (CPU)",  # YuNet runs in OpenCV
        "face_embedder": "CPUExecutionProvider",
    }
    assert report["folders"]["library"] == str(data_dir / "library.sqlite3")
    assert report["folders"]["logs"] == str(data_dir / "logs")
    assert report["last_problems"] == []


class _Session:
    """A session as ONNX Runtime reports it, on a GPU this machine may not have."""

    def __init__(self, providers: list[str]) -> None:
        self._providers = providers

    def get_providers(self) -> list[str]:
        return self._providers


def test_diagnostics_name_the_provider_each_live_session_uses(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from pictopy_desktop.ml.analyzer import ImageAnalyzer, _Stage

    def stage(role: str, file: str, model: object) -> _Stage:
        return _Stage(role, SimpleNamespace(), tmp_path / file, role, False, model=model)

    analyzer = ImageAnalyzer(
        {
            "object_detector": stage(
                "object_detector",
                "yolo.onnx",
                SimpleNamespace(
                    session=_Session(["CUDAExecutionProvider", "CPUExecutionProvider"])
                ),
            ),
            "face_detector": stage("face_detector", "yunet.onnx", SimpleNamespace()),
            "face_embedder": stage("face_embedder", "arc.onnx", None),  # not loaded yet
        }
    )
    report = collect(analyzer)
    assert [(m["what"], m["provider"]) for m in report["models"]] == [
        ("Object tagging", "CUDAExecutionProvider"),
        ("Face detection", "OpenCV DNN (CPU)"),
    ]
    text = as_text(report)
    assert "  Object tagging: yolo.onnx on CUDAExecutionProvider" in text
    assert "Execution providers available: " in text and "Folders:" in text


def test_a_log_file_does_not_silence_warnings_on_stderr(tmp_path: Path) -> None:
    """Without any console handler (the app started directly), warnings still reach stderr."""
    code = (
        "import logging, sys\n"
        "from pathlib import Path\n"
        "from pictopy_desktop.log_files import start_log_files\n"
        "start_log_files(Path(sys.argv[1]))\n"
        "logging.getLogger('pictopy_desktop.x').warning('still on stderr')\n"
        "logging.getLogger('pictopy_desktop.x').info('only in the file')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "still on stderr\n"
    logged = (tmp_path / "pictopy.log").read_text()
    assert "WARNING pictopy_desktop.x: still on stderr" in logged and "only in the file" in logged
