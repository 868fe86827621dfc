"""No user-visible string literal in ui/ bypasses translation.

Walks every module of ``pictopy_desktop/ui`` with ``ast`` and fails on a string literal (or an
f-string, a ``+``/``%`` or ``.format`` built from one, either branch of ``a if c else b``, an
item of a tuple or list) with words in it that reaches the user untranslated:

- any argument of a Qt call that shows text (``setText``, ``QLabel(...)``, ``addAction``,
  ``QMessageBox.*``, ``QInputDialog.*``, ``showMessage``, ...);
- a keyword argument named like a text (``title=``, ``text=``, ``empty=``, ``what=``, ...) to
  any call;
- a positional argument of a ui/ function or class whose parameter is named like a text;
- a value assigned to a name like a text (``EMPTY_TEXT = "..."``, ``self.title = "..."``);
- a value a function returns (``return "Unnamed person"``), but for the few functions that make
  keys (``NOT_TEXT_FUNCTIONS``).

It must be wrapped in ``translate(...)``/``n_(...)`` (or ``QT_TRANSLATE_NOOP`` where it is
translated later), so that lupdate collects it. ``ALLOWED`` lists the few literals with
letters that are not language.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import REPO_ROOT

UI_DIR = REPO_ROOT / "pictopy_desktop" / "ui"

# Qt calls (methods, constructors, static functions) whose string arguments the user reads.
SHOWS_TEXT = {
    "setText",
    "setWindowTitle",
    "setWindowIconText",
    "QLabel",
    "QAction",
    "addAction",
    "insertAction",
    "setToolTip",
    "setStatusTip",
    "setWhatsThis",
    "setPlaceholderText",
    "QMessageBox",
    "critical",
    "warning",
    "information",
    "question",
    "about",
    "error",
    "info",
    "getText",
    "getItem",
    "getInt",
    "getDouble",
    "getMultiLineText",
    "getExistingDirectory",
    "getOpenFileName",
    "getOpenFileNames",
    "getSaveFileName",
    "QFileDialog",
    "QInputDialog",
    "QProgressDialog",
    "QPushButton",
    "QToolButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QMenu",
    "addMenu",
    "addSection",
    "setTitle",
    "addItem",
    "addItems",
    "insertItem",
    "setItemText",
    "addRow",
    "addTab",
    "insertTab",
    "setTabText",
    "setTabToolTip",
    "setHeaderLabels",
    "setHorizontalHeaderLabels",
    "setAccessibleName",
    "setAccessibleDescription",
    "setInformativeText",
    "setDetailedText",
    "addButton",
    "setButtonText",
    "setLabelText",
    "setCancelButtonText",
    "setOkButtonText",
    "setNameFilter",
    "setNameFilters",
    "showMessage",
    "showText",
    "setSuffix",
    "setPrefix",
    "setSpecialValueText",
    "setFormat",
    "_action",
    "QListWidgetItem",
    "QTreeWidgetItem",
    "QTableWidgetItem",
    "QStandardItem",
    "drawText",
}
# A parameter, keyword or variable named like one of these holds text for the user.
TEXT_NAME = re.compile(
    r"(?:^|_)(title|text|texts|label|labels|empty|message|tooltip|tip|prompt|caption|hint"
    r"|placeholder|what|heading|subtitle|question|explanation|summary|action)(?:$|_)",
    re.IGNORECASE,
)
# Receivers that write logs, not text for the user (logs stay English).
LOGGERS = {"log", "logger", "logging", "_log"}
# Calls whose arguments are never shown, even where a parameter is named like a text.
NOT_SHOWN = {"getLogger", "setObjectName", "setProperty", "setStyleSheet", "fromTheme"}
# Functions whose returned literals are keys, MIME types or reasons written to the log only.
NOT_TEXT_FUNCTIONS = {
    "thumbnail_key",
    "face_key",
    "mimeTypes",
    "server_name",
    "resolve",
    "inline_video_problem",
}
# Names like a text that hold something else (a page key; the contrast test's labels).
NOT_TEXT_NAMES = {"when_library_empty", "FIXED_TEXT_PAIRS", "PALETTE_TEXT_ROLES", "text_pairs"}
# Literals with letters that are not language: the app's name, languages' own names, a
# format's name, a default file name.
ALLOWED = {"PictoPy", "English", "Deutsch", "RAW", "JSON (*.json)", "pictopy-names.json"}
COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}")
WORDS = re.compile(r"[^\W\d_]{2}")  # two letters in a row: language, not "…" or "1:1"
TAG = re.compile(r"<[^<>]*>")  # rich-text markup ("<b>", "<br>") is not language
WRAPPERS = {"translate", "n_", "QT_TRANSLATE_NOOP", "tr"}


def _literal_words(node: ast.expr) -> str | None:
    """The offending text in ``node`` (a bare literal with words, or one built from it)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
        words = WORDS.search(TAG.sub("", text))
        if words and text not in ALLOWED and not COLOUR.fullmatch(text):
            return text
        return None
    if isinstance(node, ast.JoinedStr):
        text = TAG.sub("", "".join(v.value for v in node.values if isinstance(v, ast.Constant)))
        text = " ".join(w for w in text.split() if w.strip("()[],.:;") not in ALLOWED)
        return ast.unparse(node) if WORDS.search(text) else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return _literal_words(node.left) or _literal_words(node.right)
    if isinstance(node, ast.IfExp):
        return _literal_words(node.body) or _literal_words(node.orelse)
    if isinstance(node, ast.BoolOp):
        return next(filter(None, map(_literal_words, node.values)), None)
    if isinstance(node, (ast.Tuple, ast.List)):
        return next(filter(None, map(_literal_words, node.elts)), None)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr in ("format", "join", "strip") and not _is_wrapped(node.func.value):
            return _literal_words(node.func.value)
    return None


def _is_wrapped(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and _name(node.func) in WRAPPERS


def _name(func: ast.expr) -> str | None:
    return getattr(func, "attr", getattr(func, "id", None))


def _parameters(trees: dict[Path, ast.Module]) -> dict[str, list[list[str]]]:
    """Each function, method and class of ui/ by name: the names of its positional parameters
    (``self``/``cls`` left out; a class by its ``__init__``)."""
    found: dict[str, list[list[str]]] = {}

    def params(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
        names = [a.arg for a in [*fn.args.posonlyargs, *fn.args.args]]
        return names[1:] if names[:1] in (["self"], ["cls"]) else names

    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found.setdefault(node.name, []).append(params(node))
            elif isinstance(node, ast.ClassDef):
                inits = [i for i in node.body if isinstance(i, ast.FunctionDef)]
                inits = [i for i in inits if i.name == "__init__"]
                if inits:
                    found.setdefault(node.name, []).append(params(inits[0]))
                else:  # a dataclass or NamedTuple: its fields in order
                    fields = [i.target for i in node.body if isinstance(i, ast.AnnAssign)]
                    names = [f.id for f in fields if isinstance(f, ast.Name)]
                    found.setdefault(node.name, []).append(names)
    return found


def _receiver(func: ast.expr) -> str | None:
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return func.value.id
    return None


def _target_names(target: ast.expr) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Attribute):
        return [target.attr]
    return []


def _assigned(scope: ast.AST) -> dict[str, list[ast.expr]]:
    """The values each plain name is given in ``scope`` (a module or a function): assigned,
    added with ``+=`` or appended (``parts.append("...")``)."""
    values: dict[str, list[ast.expr]] = {}
    for node in ast.walk(scope):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    values.setdefault(target.id, []).append(node.value)
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            values.setdefault(node.target.id, []).append(node.value)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("append", "extend", "insert")
            and isinstance(node.func.value, ast.Name)
        ):
            values.setdefault(node.func.value.id, []).extend(node.args)
    return values


def _scopes(tree: ast.Module) -> dict[ast.AST, dict[str, list[ast.expr]]]:
    """Each call of ``tree`` -> the names it can see: its function's and the module's."""
    module = {
        t.id: [n.value]
        for n in tree.body
        if isinstance(n, ast.Assign)
        for t in n.targets
        if isinstance(t, ast.Name)
    }
    seen: dict[ast.AST, dict[str, list[ast.expr]]] = {}
    for fn in ast.walk(tree):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            local = {**module, **_assigned(fn)}
            for node in ast.walk(fn):
                if isinstance(node, ast.Call) and node not in seen:
                    seen[node] = local
    return seen


def _argument_words(arg: ast.expr, names: dict[str, list[ast.expr]]) -> str | None:
    """A literal with words in ``arg``, or in what a name (``list(NAME)``) given as it holds."""
    text = _literal_words(arg)
    if text is not None:
        return text
    if isinstance(arg, ast.Call) and _name(arg.func) in ("list", "tuple", "join") and arg.args:
        arg = arg.args[0]  # list(NAME), " · ".join(NAME)
    if isinstance(arg, ast.Name):
        return next(filter(None, map(_literal_words, names.get(arg.id, []))), None)
    return None


def _untranslated() -> list[str]:
    trees = {
        path: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(UI_DIR.glob("*.py"))
    }
    signatures = _parameters(trees)
    found: list[str] = []
    for path, tree in trees.items():
        scopes = _scopes(tree)
        for fn in ast.walk(tree):
            if (
                isinstance(fn, ast.FunctionDef)
                and fn.name not in NOT_TEXT_FUNCTIONS | NOT_TEXT_NAMES
            ):
                for ret in ast.walk(fn):
                    if isinstance(ret, ast.Return) and ret.value is not None:
                        text = _literal_words(ret.value)
                        if text is not None:
                            found.append(f"{path.name}:{ret.lineno}: return {text!r}")
        for node in ast.walk(tree):
            where = f"{path.name}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names = [n for t in targets for n in _target_names(t)]
                text = _literal_words(node.value)
                texty = [n for n in names if TEXT_NAME.search(n) and n not in NOT_TEXT_NAMES]
                if text is not None and texty:
                    found.append(f"{where}: {names[0]} = {text!r}")
                continue
            if not isinstance(node, ast.Call):
                continue
            name = _name(node.func)
            if name in WRAPPERS or name in NOT_SHOWN or _receiver(node.func) in LOGGERS:
                continue
            shown = name in SHOWS_TEXT
            names = scopes.get(node, {}) if shown else {}
            for index, arg in enumerate(node.args):
                text = _argument_words(arg, names)
                if text is None:
                    continue
                by_parameter = any(
                    index < len(p) and TEXT_NAME.search(p[index])
                    for p in signatures.get(name or "", [])
                )
                if shown or by_parameter:
                    found.append(f"{where}: {name}({text!r})")
            for keyword in node.keywords:
                text = _literal_words(keyword.value)
                named = TEXT_NAME.search(keyword.arg or "") and keyword.arg not in NOT_TEXT_NAMES
                if text is not None and (shown or named):
                    found.append(f"{where}: {name}({keyword.arg}={text!r})")
    return found


def _hand_made_plurals() -> list[str]:
    """f-strings that make an English plural themselves (``f"{n} photo{'s' if n != 1 else ''}"``):
    other languages form plurals otherwise; ``n_("%Ln photo(s)", n)`` does it right."""
    found = []
    for path in sorted(UI_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            for value in node.values:
                if isinstance(value, ast.FormattedValue) and isinstance(value.value, ast.IfExp):
                    branches = (value.value.body, value.value.orelse)
                    if any(
                        isinstance(b, ast.Constant) and b.value in ("s", "es") for b in branches
                    ):
                        found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_plural_is_made_by_hand() -> None:
    found = _hand_made_plurals()
    assert not found, "use n_('%Ln photo(s)', n):\n" + "\n".join(found)


def test_every_shown_literal_is_translated() -> None:
    found = _untranslated()
    assert not found, "wrap in translate('pictopy', ...) or n_(...):\n" + "\n".join(found)


def test_the_check_catches_a_bare_literal(tmp_path, monkeypatch) -> None:
    """The walk itself works: each way a bare literal reaches the user is reported, a wrapped
    one, a log line and an object name are not."""
    (tmp_path / "sample.py").write_text(
        "def page(title, key):\n    pass\n"
        'label.setText("Hello")\n'
        'label.setText(translate("pictopy", "Hello"))\n'
        'log.warning("not for the user %s", x)\n'
        'QLabel(f"{n} photos")\n'
        'QLabel("…")\n'
        'ctx.write(op, what="Renaming failed")\n'
        'page("Photos", "photos")\n'
        'page(translate("pictopy", "Photos"), "photos")\n'
        'EMPTY_TEXT = "Nothing here"\n'
        'button.setObjectName("toastClose")\n'
        'QMessageBox.question(self, "Delete?", translate("pictopy", "Sure?"))\n'
        'box.setText("Moved " + name)\n'
        'messages.info(text, action=("Undo", undo))\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(__import__(__name__, fromlist=["UI_DIR"]), "UI_DIR", tmp_path)
    assert sorted(_untranslated()) == sorted(
        [
            "sample.py:3: setText('Hello')",
            "sample.py:6: QLabel(\"f'{n} photos'\")",
            "sample.py:8: write(what='Renaming failed')",
            "sample.py:9: page('Photos')",
            "sample.py:11: EMPTY_TEXT = 'Nothing here'",
            "sample.py:13: question('Delete?')",
            "sample.py:14: setText('Moved ')",
            "sample.py:15: info(action='Undo')",
        ]
    )
