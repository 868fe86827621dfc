"""No import cycle in ``pictopy_desktop.ml``, and every model family has its class in the registry.

The cycle check reads every import (module level and inside functions: a lazy import
hides a cycle from Python, not from the reader) of every module found by walking the
package; each module must also import on its own in a fresh interpreter.
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import pictopy_desktop.ml as ml_package
from pictopy_desktop.ml.manifest import FAMILIES
from pictopy_desktop.ml.model_registry import MODEL_FAMILIES, model_family

ML_DIR = Path(ml_package.__file__).parent
PREFIX = "pictopy_desktop.ml."


def ml_modules() -> dict[str, Path]:
    """Every module of the ``ml`` package, found by walking it."""
    return {
        info.name: ML_DIR / (info.name.removeprefix(PREFIX) + ".py")
        for info in pkgutil.iter_modules([str(ML_DIR)], PREFIX)
        if not info.ispkg
    }


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Module -> the modules of ``modules`` it imports, anywhere in its source."""
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                targets.add(node.module)
                targets.update(f"{node.module}.{a.name}" for a in node.names)
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as a path that ends where it starts, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_the_cycle_check_finds_a_lazy_cycle() -> None:
    """The shape of the old analyzer <-> model_manager cycle: one side imported inside a function."""
    graph = {"a": {"b"}, "b": {"a"}, "c": set()}
    assert find_cycle(graph) == ["a", "b", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_ml_module_imports_one_that_imports_it_back() -> None:
    modules = ml_modules()
    assert {f"{PREFIX}analyzer", f"{PREFIX}model_manager", f"{PREFIX}model_registry"} <= set(
        modules
    )
    graph = import_graph(modules)
    assert f"{PREFIX}analyzer" not in graph[f"{PREFIX}model_manager"]
    assert find_cycle(graph) is None, f"import cycle: {' -> '.join(find_cycle(graph) or [])}"


@pytest.mark.parametrize("module", sorted(ml_modules()))
def test_each_ml_module_imports_alone_in_a_fresh_interpreter(module: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", f"import importlib; importlib.import_module({module!r})"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_every_family_in_the_manifest_has_its_class() -> None:
    assert set(MODEL_FAMILIES) == set(FAMILIES)
    assert model_family("yunet").model_class.__name__ == "YuNetFaceDetector"
    with pytest.raises(Exception, match="Unknown model family"):
        model_family("nonsense")
