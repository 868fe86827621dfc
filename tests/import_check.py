"""Which modules the Qt-free checks import, and the check itself: one module imported in a
fresh interpreter where PySide6 cannot be imported, reporting anything forbidden it loaded.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pictopy_desktop

REPO_ROOT = Path(__file__).resolve().parent.parent

# Qt lives only here; `__main__` runs the app when imported.
NOT_CORE = ("pictopy_desktop.ui", "pictopy_desktop.workers", "pictopy_desktop.__main__")

_CHECK = """
import importlib, sys
sys.modules['PySide6'] = None  # any Qt import now fails
for name in sys.argv[2:]:
    importlib.import_module(name)
bad = sorted(m for m in sys.modules if m == 'PySide6' and sys.modules[m] is not None
             or m.startswith(tuple(sys.argv[1].split(','))))
if bad:
    sys.exit('imports ' + ', '.join(bad))
"""


def modules_under(package: str, exclude: tuple[str, ...] = ()) -> list[str]:
    """Every module of ``package`` (itself included), found by walking it, minus ``exclude`` prefixes."""
    root = __import__(package, fromlist=["_"])
    found = [package]
    found += [m.name for m in pkgutil.walk_packages(root.__path__, package + ".")]
    return [m for m in found if not m.startswith(exclude)]


def core_modules() -> list[str]:
    """Every module that must work without Qt: all of the package but the UI and workers."""
    return modules_under(pictopy_desktop.__name__, NOT_CORE)


def import_failure(modules: list[str], forbidden: tuple[str, ...]) -> str | None:
    """Import ``modules`` in one fresh interpreter without PySide6; the reason it failed, or None."""
    result = subprocess.run(
        [sys.executable, "-c", _CHECK, ",".join(forbidden), *modules],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode == 0:
        return None
    return (result.stderr.strip().splitlines() or ["exit status " + str(result.returncode)])[-1]


def failures_one_by_one(modules: list[str], forbidden: tuple[str, ...]) -> dict[str, str]:
    """Each module in an interpreter of its own (so one cannot hide another's import); failures by name."""
    workers = max(1, min(4, (len(modules) or 1)))
    with ThreadPoolExecutor(workers) as pool:
        reasons = pool.map(lambda m: import_failure([m], forbidden), modules)
    return {m: r for m, r in zip(modules, reasons) if r is not None}
