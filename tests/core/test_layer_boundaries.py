"""The UI and the CLI read through the read model and write through the operations, never the tables.

Every module under ``pictopy_desktop/ui`` and ``pictopy_desktop/cli`` is found by walking
the packages (a new module is checked without being listed) and its imports, at any depth
(also those inside functions), are read from its source.
"""

from __future__ import annotations

import ast
import pkgutil
from pathlib import Path

import pytest

import pictopy_desktop

PACKAGE_DIR = Path(pictopy_desktop.__file__).parent
LAYERS = ("ui", "cli")
FORBIDDEN = ("pictopy_desktop.storage.tables", "peewee")


def modules_of(layer: str) -> list[tuple[str, Path]]:
    """(dotted name, source file) of every module in ``pictopy_desktop.<layer>``, subpackages too."""
    found = []
    for info in pkgutil.walk_packages([str(PACKAGE_DIR / layer)], f"pictopy_desktop.{layer}."):
        spec = info.module_finder.find_spec(info.name.rsplit(".", 1)[-1], None)
        if spec is not None and spec.origin and spec.origin.endswith(".py"):
            found.append((info.name, Path(spec.origin)))
    init = PACKAGE_DIR / layer / "__init__.py"
    if init.exists():
        found.append((f"pictopy_desktop.{layer}", init))
    return found


def imported_names(source: str) -> set[str]:
    """Every module an import statement in ``source`` names (``from a import b`` gives a and a.b)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def forbidden(names: set[str]) -> list[str]:
    return sorted(n for n in names for f in FORBIDDEN if n == f or n.startswith(f + "."))


def test_the_walk_finds_the_modules() -> None:
    """A walk that found nothing would pass vacuously."""
    names = {name for layer in LAYERS for name, _ in modules_of(layer)}
    assert {"pictopy_desktop.ui.main_window", "pictopy_desktop.cli.people_cmd"} <= names


def test_the_check_sees_every_kind_of_import() -> None:
    source = (
        "import peewee\n"
        "from pictopy_desktop.storage import tables\n"
        "def f():\n"
        "    from pictopy_desktop.storage.tables import Image\n"
    )
    assert forbidden(imported_names(source)) == [
        "peewee",
        "pictopy_desktop.storage.tables",
        "pictopy_desktop.storage.tables.Image",
    ]


@pytest.mark.parametrize("layer", LAYERS)
def test_no_ui_or_cli_module_imports_the_tables_or_peewee(layer: str) -> None:
    offenders = {
        name: bad
        for name, path in modules_of(layer)
        if (bad := forbidden(imported_names(path.read_text(encoding="utf-8"))))
    }
    assert not offenders, (
        f"these modules reach the tables directly; read through library.read_model: {offenders}"
    )
