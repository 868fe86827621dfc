"""`pictopy --help` and `--version` start light: the parser comes from the command table
(`cli/commands.py`) and a command's module is imported only when that command runs."""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys

import pytest

from pictopy_desktop.cli import build_parser
from pictopy_desktop.cli.commands import COMMANDS
from tests.conftest import REPO_ROOT
from tests.import_check import modules_under

HEAVY = ("numpy", "peewee", "PIL", "onnxruntime", "PySide6", "cv2", "sklearn")

_PROBE = """
import json, sys
from pictopy_desktop.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
heavy = sorted({m.split('.')[0] for m in sys.modules} & set(json.loads(sys.stdin.read())))
print(json.dumps(heavy))
"""


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_import_nothing_heavy(flag: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, flag],
        cwd=REPO_ROOT,
        input=json.dumps(HEAVY),
        capture_output=True,
        text=True,
        check=True,
    )
    *shown, loaded = result.stdout.strip().splitlines()
    assert json.loads(loaded) == []
    if flag == "--help":
        assert "index" in "\n".join(shown) and "albums" in "\n".join(shown)
    else:
        assert shown[-1].startswith("PictoPy ")


def _registered(module: str) -> dict[str, str | None]:
    """The commands ``module``'s ``register`` adds, with their one-line help."""
    sub = argparse.ArgumentParser().add_subparsers()
    importlib.import_module(f"pictopy_desktop.cli.{module}").register(sub)
    return {a.dest: a.help for a in sub._choices_actions}


def test_command_table_matches_the_modules() -> None:
    """The light table names every command each module registers, with the same help."""
    command_modules = [
        m.rsplit(".", 1)[1]
        for m in modules_under("pictopy_desktop.cli")
        if hasattr(importlib.import_module(m), "register")
    ]
    assert sorted(command_modules) == sorted({c.module for c in COMMANDS})
    table = {c.name: c.help for c in COMMANDS}
    for module in command_modules:
        for name, help_text in _registered(module).items():
            assert table.get(name) == help_text, f"{module}: {name}"
    assert len(table) == len(COMMANDS) == sum(len(_registered(m)) for m in command_modules)


def test_a_command_gets_its_real_arguments() -> None:
    args = build_parser("index").parse_args(["index", "--retry-failed", "/photos"])
    assert args.handler.__module__ == "pictopy_desktop.cli.index_cmd"
    assert args.retry_failed and args.paths
    # Every other command is still listed (so `pictopy FOLDER` is told from a command).
    sub = next(
        a for a in build_parser("index")._actions if isinstance(a, argparse._SubParsersAction)
    )
    assert set(sub.choices) == {c.name for c in COMMANDS}


def test_command_found_after_global_options(data_dir, capsys) -> None:
    from pictopy_desktop.cli import main

    assert main(["--data-dir", str(data_dir), "status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)
