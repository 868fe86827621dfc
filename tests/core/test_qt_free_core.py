"""The core (storage, library, ml, people, cli, settings...) must import with PySide6 made
unimportable. The modules are found by walking the package, so a new one is checked too."""

from __future__ import annotations

import pytest

from tests.import_check import core_modules, failures_one_by_one, import_failure

QT = ("PySide6.",)


def test_the_walk_finds_the_core() -> None:
    modules = core_modules()
    for expected in (
        "pictopy_desktop.storage.database",
        "pictopy_desktop.library.indexer",
        "pictopy_desktop.people.recluster",
        "pictopy_desktop.ml.analyzer",
        "pictopy_desktop.cli.index_cmd",
        "pictopy_desktop.settings",
    ):
        assert expected in modules
    assert not [
        m for m in modules if m.startswith(("pictopy_desktop.ui", "pictopy_desktop.workers"))
    ]


@pytest.mark.slow
def test_core_imports_without_qt() -> None:
    """All core modules in one interpreter: the quick check of the fast loop."""
    assert import_failure(core_modules(), QT) is None


@pytest.mark.slow
def test_each_core_module_imports_alone_without_qt() -> None:
    """Each module in a fresh interpreter: a module that only worked because another imported first fails here."""
    assert failures_one_by_one(core_modules(), QT) == {}
