"""Shared fixtures: real models and photos from ../shared, an isolated data dir, and a
test that fails on any WARNING or ERROR log record it did not declare (``allow_log``).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = REPO_ROOT.parent / "shared"
MODELS_DIR = SHARED_DIR / "models"
PHOTOS_DIR = SHARED_DIR / "photos"


class _WarningRecorder(logging.Handler):
    """Keeps every WARNING-or-worse record any logger sends to the root, from any thread."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


_RECORDER = _WarningRecorder()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "allow_log(pattern, level=logging.WARNING, logger=None): this test may log records "
        "whose message matches the regex `pattern` (re.search), at `level` or below, from "
        "`logger` (a logger name prefix) when given; any other WARNING or ERROR fails it",
    )
    logging.getLogger().addHandler(_RECORDER)


def _allowed(record: logging.LogRecord, markers: list[pytest.Mark]) -> bool:
    for mark in markers:
        pattern = mark.args[0] if mark.args else mark.kwargs["pattern"]
        level = mark.kwargs.get("level", logging.WARNING)
        logger = mark.kwargs.get("logger")
        if record.levelno > level:
            continue
        if logger and not (record.name == logger or record.name.startswith(logger + ".")):
            continue
        if re.search(pattern, record.getMessage()):
            return True
    return False


@pytest.fixture(autouse=True)
def _fail_on_unexpected_logs(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail the test when it logs a WARNING or ERROR it did not declare with ``allow_log``.

    An unexpected warning is often a real bug that the code logged and went past, so it
    must not pass silently (qutebrowser's ``logfail``). Set up first and torn down last,
    so records from other fixtures' setup and teardown count too.
    """
    _RECORDER.records.clear()
    yield
    markers = list(request.node.iter_markers("allow_log"))
    unexpected = [r for r in _RECORDER.records if not _allowed(r, markers)]
    _RECORDER.records.clear()
    if unexpected:
        lines = "\n".join(f"  {r.levelname} {r.name}: {r.getMessage()}" for r in unexpected[:20])
        pytest.fail(
            f"{len(unexpected)} unexpected log record(s); declare expected ones with "
            f"@pytest.mark.allow_log(r'regex', level=...):\n{lines}",
            pytrace=False,
        )


@pytest.fixture(autouse=True)
def _never_the_users_library(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """No test may read or write the real per-user library (nor keep another test's log file)."""
    from pictopy_desktop import paths
    from pictopy_desktop.log_files import stop_log_files

    monkeypatch.setenv("PICTOPY_DATA_DIR", str(tmp_path_factory.mktemp("default-data")))
    paths.set_data_dir_override(None)
    yield
    stop_log_files()


def _require(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent: real models and photos live in ../shared beside the repo")
    return path


@pytest.fixture(scope="session")
def shared_models_dir() -> Path:
    """The real ONNX models (read in place, never copied)."""
    return _require(MODELS_DIR)


@pytest.fixture(scope="session")
def shared_photos_dir() -> Path:
    """The real photos (read in place; copy them with `photo_copy` before changing them)."""
    return _require(PHOTOS_DIR)


@pytest.fixture
def no_models(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Path:
    """An empty models folder: indexing without analysis keeps a test quick.

    The app then says that tagging and faces are off (a warning): expected here.
    """
    request.node.add_marker(pytest.mark.allow_log(r" is off: model file .* is not in .*no-models"))
    empty = tmp_path / "no-models"
    empty.mkdir()
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(empty))
    return empty


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An isolated PictoPy data dir for one test."""
    from pictopy_desktop import paths

    d = tmp_path / "data"
    d.mkdir()
    monkeypatch.setenv("PICTOPY_DATA_DIR", str(d))
    monkeypatch.delenv("PICTOPY_MODELS_DIR", raising=False)
    paths.set_data_dir_override(None)
    return d


@pytest.fixture
def photo_copy(tmp_path: Path, shared_photos_dir: Path):
    """Copy some shared photos (relative paths) into a temp folder the test may change."""

    def copy(*relative: str, dest: Path | None = None) -> Path:
        target = dest or (tmp_path / "photos")
        target.mkdir(parents=True, exist_ok=True)
        for rel in relative:
            src = shared_photos_dir / rel
            if src.is_dir():
                shutil.copytree(src, target / src.name, dirs_exist_ok=True)
            else:
                shutil.copy2(src, target / src.name)
        return target

    return copy


@pytest.fixture
def trash_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system trash, redirected into the test's temp dir.

    send2trash reads XDG_DATA_HOME once, at import, so the variable alone would only work
    for the first test that trashes something: its module globals are pointed here too.
    """
    xdg = tmp_path / "xdg"
    xdg.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(xdg))
    try:
        from send2trash import plat_other
    except ImportError:  # not on Linux
        return xdg
    monkeypatch.setattr(plat_other, "XDG_DATA_HOME", os.fsencode(xdg))
    monkeypatch.setattr(plat_other, "HOMETRASH_B", os.fsencode(xdg / "Trash"))
    monkeypatch.setattr(plat_other, "HOMETRASH", str(xdg / "Trash"))
    return xdg
