"""Guards against Qt bindings that corrupt reference counts (PySide6 6.12.0 on Python 3.11).

6.12.0 dropped a reference to None on every Python slot call and to True on every
emit; on Python 3.11, where None and True are not immortal, the app then aborted with
"none_dealloc" / "bool_dealloc" after a few thousand events. pyproject.toml excludes it;
these tests catch a binding with the same fault. They run in a fresh process, since
other tests' garbage changes these counts too.
"""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO_ROOT

_PROBE = """
import sys
from pictopy_desktop.ui.qt import QApplication, QObject, QTimer, Signal

class Emitter(QObject):
    value = Signal(object)

app = QApplication([])
N = 2000
emitter = Emitter()
got = []
emitter.value.connect(got.append)
before = sys.getrefcount(True)
for _ in range(N):
    emitter.value.emit(False)
got.clear()
true_delta = sys.getrefcount(True) - before

calls = []
timer = QTimer()
timer.setInterval(0)
timer.timeout.connect(lambda: calls.append(1))
before = sys.getrefcount(None)
timer.start()
while len(calls) < N:
    app.processEvents()
timer.stop()
for _ in range(N):
    QTimer.singleShot(0, lambda: None)
app.processEvents()
calls.clear()
none_delta = sys.getrefcount(None) - before
print(true_delta, none_delta)
"""


def test_signals_and_slots_keep_reference_counts() -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, env=env, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    true_delta, none_delta = map(int, out.stdout.split())
    # 4000 slot calls and 2000 emits: a leaking binding loses thousands.
    assert true_delta > -100, f"emit() drains True ({true_delta})"
    assert none_delta > -100, f"slot calls drain None ({none_delta})"
