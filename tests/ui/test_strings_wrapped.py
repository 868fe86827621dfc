"""No user-visible string literal in ui/ bypasses translation.

Walks every module of ``pictopy_desktop/ui`` with ``ast`` and fails on a string literal (or
an f-string with words in it) handed straight to a call that shows text: it must be wrapped
in ``translate(...)``/``n_(...)`` (or ``self.tr``), so that lupdate collects it.
"""

from __future__ import annotations

import ast
import re

from tests.conftest import REPO_ROOT

UI_DIR = REPO_ROOT / "pictopy_desktop" / "ui"

# Calls whose string arguments the user reads.
SHOWS_TEXT = {
    "setText",
    "setWindowTitle",
    "QLabel",
    "QAction",
    "addAction",
    "setToolTip",
    "setStatusTip",
    "setPlaceholderText",
    "QMessageBox",
    "critical",
    "warning",
    "information",
    "question",
    "error",
    "info",
    "QPushButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QMenu",
    "addMenu",
    "setTitle",
    "addItem",
    "addRow",
    "addTab",
    "setTabText",
    "setAccessibleName",
    "setInformativeText",
    "showMessage",
    "setLabelText",
    "setSuffix",
    "setPrefix",
    "setSpecialValueText",
    "_action",
}
# Receivers that write logs, not text for the user (logs stay English).
LOGGERS = {"log", "logger", "logging"}
# Literals with letters that are not language (the app's name, a language's own name).
ALLOWED = {"PictoPy", "English", "Deutsch"}
WORDS = re.compile(r"[^\W\d_]{2}")  # two letters in a row: language, not "…" or "1:1"


def _offending(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if WORDS.search(node.value) and node.value not in ALLOWED:
            return node.value
    if isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        if WORDS.search(text):
            return ast.unparse(node)
    return None


def _untranslated() -> list[str]:
    found = []
    for path in sorted(UI_DIR.glob("*.py")):
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(call, ast.Call):
                continue
            func = call.func
            name = getattr(func, "attr", getattr(func, "id", None))
            if name not in SHOWS_TEXT:
                continue
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                if func.value.id in LOGGERS:
                    continue
            for arg in [*call.args, *(k.value for k in call.keywords)]:
                text = _offending(arg)
                if text is not None:
                    found.append(f"{path.name}:{call.lineno}: {name}({text!r})")
    return found


def test_every_shown_literal_is_translated() -> None:
    found = _untranslated()
    assert not found, "wrap in translate('pictopy', ...) or n_(...):\n" + "\n".join(found)


def test_the_check_catches_a_bare_literal(tmp_path, monkeypatch) -> None:
    """The walk itself works: a bare literal in a sink is reported, a wrapped one is not."""
    (tmp_path / "sample.py").write_text(
        'label.setText("Hello")\nlabel.setText(translate("pictopy", "Hello"))\n'
        'log.warning("not for the user %s", x)\nQLabel(f"{n} photos")\nQLabel("…")\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(__import__(__name__, fromlist=["UI_DIR"]), "UI_DIR", tmp_path)
    assert _untranslated() == [
        "sample.py:1: setText('Hello')",
        "sample.py:4: QLabel(\"f'{n} photos'\")",
    ]
