"""A test fails on a WARNING or ERROR log record it did not declare (`tests/conftest.py`).

Checked by running a small test file with pytest in a subprocess, with our conftest as its plugin.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

CASES = """
import logging, threading
import pytest

log = logging.getLogger("pictopy_desktop.example")

def test_quiet():
    log.info("fine")

def test_unexpected_warning():
    log.warning("the disk wobbled")

def test_unexpected_error_from_a_thread():
    t = threading.Thread(target=lambda: log.error("worker failed"))
    t.start(); t.join()

@pytest.mark.allow_log(r"wobbled")
def test_declared_warning():
    log.warning("the disk wobbled")

@pytest.mark.allow_log(r"wobbled")
def test_declared_warning_logged_as_error():
    log.error("the disk wobbled")

@pytest.mark.allow_log(r"failed", level=logging.ERROR, logger="pictopy_desktop.example")
def test_declared_error():
    log.error("worker failed")

@pytest.mark.allow_log(r"failed", level=logging.ERROR, logger="pictopy_desktop.other")
def test_declared_for_another_logger():
    log.error("worker failed")

@pytest.fixture
def noisy_teardown():
    yield
    log.warning("left a mess")

def test_warning_in_a_fixture_teardown(noisy_teardown):
    pass
"""


@pytest.mark.slow
def test_undeclared_warnings_and_errors_fail(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text('pytest_plugins = ["tests.conftest"]\n')
    (tmp_path / "test_cases.py").write_text(CASES)
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rA", "-q", str(tmp_path)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    # -rA lists a test that passed and then failed its teardown check twice: PASSED and ERROR.
    seen: dict[str, set[str]] = {}
    for line in result.stdout.splitlines():
        word, _, rest = line.partition(" ")
        if word in ("PASSED", "ERROR", "FAILED") and "::" in rest:
            seen.setdefault(rest.split("::")[1].split(" ")[0], set()).add(word)
    outcome = {name: "passed" if words == {"PASSED"} else "failed" for name, words in seen.items()}
    assert outcome == {
        "test_quiet": "passed",
        "test_unexpected_warning": "failed",
        "test_unexpected_error_from_a_thread": "failed",
        "test_declared_warning": "passed",
        "test_declared_warning_logged_as_error": "failed",
        "test_declared_error": "passed",
        "test_declared_for_another_logger": "failed",
        "test_warning_in_a_fixture_teardown": "failed",
    }, result.stdout
    assert "the disk wobbled" in result.stdout and "allow_log" in result.stdout
