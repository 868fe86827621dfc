"""The core (storage, library, ml, people) must import with PySide6 made unimportable."""

from __future__ import annotations

import subprocess
import sys

CORE_MODULES = [
    "pictopy_desktop.storage.database",
    "pictopy_desktop.library.service",
    "pictopy_desktop.library.indexer",
    "pictopy_desktop.library.queries",
    "pictopy_desktop.cli",
]
OPTIONAL_CORE = [
    "pictopy_desktop.ml.analyzer",
    "pictopy_desktop.people.people_service",
    "pictopy_desktop.people.recluster",
]


def test_core_imports_without_qt() -> None:
    code = (
        "import importlib, importlib.util, sys\n"
        "sys.modules['PySide6'] = None\n"
        f"for m in {CORE_MODULES!r}: importlib.import_module(m)\n"
        f"for m in {OPTIONAL_CORE!r}:\n"
        "    if importlib.util.find_spec(m) is not None: importlib.import_module(m)\n"
        "assert not [k for k in sys.modules if k.startswith('PySide6.')]\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
