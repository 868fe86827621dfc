"""The ML layer imports neither Qt nor the storage layer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

CODE = """
import sys
sys.modules['PySide6'] = None  # any Qt import now fails
import pictopy_desktop.ml.analyzer, pictopy_desktop.ml.model_manager, pictopy_desktop.ml.manifest
import pictopy_desktop.cli.models_cmd
bad = [m for m in sys.modules if m.startswith(('PySide6.', 'pictopy_desktop.storage', 'pictopy_desktop.ui', 'sklearn'))]
assert not bad, bad
"""


def test_ml_imports_without_qt_or_storage() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CODE], cwd=REPO_ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
