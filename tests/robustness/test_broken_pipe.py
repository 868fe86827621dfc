"""`pictopy ... --json | head -c 10`: the command ends quietly when its reader goes away."""

from __future__ import annotations

import shlex
import subprocess

import pytest

from pictopy_desktop.library.service import Library
from tests.robustness.busy_library import REPO_ROOT, cli_env, make_photos, pictopy_cmd


@pytest.fixture(scope="module")
def search_argv(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """`pictopy search photo --json` on a library whose answer outgrows a pipe's buffer (64 KiB)."""
    root = tmp_path_factory.mktemp("pipe")
    folder = root / ("a folder with a long name so that every result is long " * 2).strip()
    make_photos(folder, 500, (32, 24))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PICTOPY_MODELS_DIR", str(root / "no-models"))
        with Library(root / "data") as lib:
            assert lib.index([folder]).indexed == 500
    argv = pictopy_cmd("--data-dir", str(root / "data"), "search", "photo", "--json")
    full = subprocess.run(argv, env=cli_env(), cwd=REPO_ROOT, capture_output=True, timeout=120)
    assert full.returncode == 0
    assert len(full.stdout) > 128 * 1024, (
        "the output must outgrow the pipe buffer for the reader's exit to matter"
    )
    return argv


@pytest.mark.slow
def test_closed_pipe_ends_quietly(search_argv: list[str]) -> None:
    # What `| head -c 10` does: read 10 bytes, then close the pipe.
    proc = subprocess.Popen(
        search_argv, env=cli_env(), cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    head = proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    code = proc.wait(timeout=120)
    assert head == b'{\n  "query'
    assert err == ""
    assert code == 141  # 128 + SIGPIPE, as a process killed by the closed pipe would report


@pytest.mark.slow
def test_closed_pipe_through_a_shell(search_argv: list[str]) -> None:
    """The same through a real shell pipeline: nothing on stderr (head may read a large block first, so 0 is fine too)."""
    cmd = shlex.join(search_argv)
    result = subprocess.run(
        ["bash", "-c", f"{cmd} | head -c 10; echo; echo status=${{PIPESTATUS[0]}}"],
        env=cli_env(),
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stderr == ""
    assert result.stdout.splitlines()[:2] == ["{", '  "query']
    assert result.stdout.splitlines()[2] in ("status=141", "status=0")
