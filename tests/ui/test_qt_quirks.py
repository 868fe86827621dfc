"""Qt version quirks handled in pictopy_desktop.ui.qt."""

from __future__ import annotations

import sys

from pictopy_desktop.ui.qt import QObject, Signal


class _Emitter(QObject):
    value = Signal(object)


def test_emitting_signals_does_not_drain_true(qtbot):
    """PySide6 6.12's emit() returned a borrowed True; thousands of emits aborted Python 3.11."""
    emitter = _Emitter()
    got = []
    emitter.value.connect(got.append)
    before = sys.getrefcount(True)
    for _ in range(2000):
        emitter.value.emit(False)
    got.clear()
    assert sys.getrefcount(True) >= before
