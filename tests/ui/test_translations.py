"""The app's %n strings have English plural forms, and the shipped .qm is the .ts compiled."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pictopy_desktop.ui import translations
from tests.conftest import REPO_ROOT


def _plural_sources() -> dict[str, list[str]]:
    tree = ET.parse(translations.SOURCE_FILE)
    return {
        m.findtext("source"): [f.text for f in m.iter("numerusform")]
        for m in tree.iter("message")
        if m.get("numerus") == "yes"
    }


def _strings_in_code() -> set[str]:
    found = set()
    for path in (REPO_ROOT / "pictopy_desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "n_"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.add(node.args[0].value)
    return found


def test_every_plural_string_has_english_forms() -> None:
    sources = _plural_sources()
    used = _strings_in_code()
    assert used, "no n_() strings found"
    assert used <= set(sources), f"missing from pictopy_en.ts: {sorted(used - set(sources))}"
    for text, forms in sources.items():
        assert len(forms) == 2 and all("%Ln" in f or "%n" in f for f in forms), text


def test_qm_is_the_ts_compiled(tmp_path: Path) -> None:
    lrelease = shutil.which("pyside6-lrelease") or str(
        Path(sys.executable).parent / "pyside6-lrelease"
    )
    if not Path(lrelease).exists():
        pytest.skip("pyside6-lrelease is not installed (it comes with PySide6)")
    out = tmp_path / "pictopy_en.qm"
    subprocess.run(
        [lrelease, str(translations.SOURCE_FILE), "-qm", str(out)],
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == translations.COMPILED_FILE.read_bytes(), (
        "run: pyside6-lrelease pictopy_desktop/resources/i18n/pictopy_en.ts"
    )


def test_plurals_read_right(qapp) -> None:
    assert translations.install_translator(qapp)
    assert translations.n_("%Ln photo(s)", 1) == "1 photo"
    assert translations.n_("%Ln photo(s)", 0) == "0 photos"
    assert translations.n_("%Ln person(s)", 3) == "3 people"
