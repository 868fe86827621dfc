"""The ML layer imports neither Qt, nor the storage layer, nor the UI, nor scikit-learn;
`pictopy models` (its CLI) neither. Every module of `pictopy_desktop.ml` is found by walking it."""

from __future__ import annotations

import pytest

from tests.import_check import failures_one_by_one, import_failure, modules_under

FORBIDDEN = ("PySide6.", "pictopy_desktop.storage", "pictopy_desktop.ui", "sklearn")


def ml_modules() -> list[str]:
    return [*modules_under("pictopy_desktop.ml"), "pictopy_desktop.cli.models_cmd"]


def test_ml_imports_without_qt_or_storage() -> None:
    assert "pictopy_desktop.ml.analyzer" in ml_modules()
    assert import_failure(ml_modules(), FORBIDDEN) is None


@pytest.mark.slow
def test_each_ml_module_alone_imports_without_qt_or_storage() -> None:
    assert failures_one_by_one(ml_modules(), FORBIDDEN) == {}
