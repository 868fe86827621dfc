"""The app paints its first page without the image and ML stack (issue 17).

numpy, OpenCV, Pillow, ONNX Runtime and scikit-learn cost more than the whole window to
import; the first page needs none of them (thumbnails are JPEGs Qt decodes). Each check
runs in a fresh interpreter, where nothing was imported before, and reads ``sys.modules``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from tests.conftest import REPO_ROOT

HEAVY = ("numpy", "cv2", "PIL", "onnxruntime", "sklearn", "scipy", "exiv2", "rawpy")

# The modules the app imports before its first paint: the entry point, the window and every
# view it builds, the gallery, the service and the read model.
START_PATH = (
    "pictopy_desktop.ui.app",
    "pictopy_desktop.ui.main_window",
    "pictopy_desktop.ui.registry",
    "pictopy_desktop.ui.gallery",
    "pictopy_desktop.ui.context",
    "pictopy_desktop.ui.image_loader",
    "pictopy_desktop.library.service",
    "pictopy_desktop.library.read_model",
)

_IMPORTS = """
import importlib, json, sys
for name in sys.argv[2:]:
    importlib.import_module(name)
heavy = json.loads(sys.argv[1])
print(json.dumps(sorted({m.split('.')[0] for m in sys.modules} & set(heavy))))
"""

_SOURCES_READ = """
import importlib, json, linecache, sys
for name in sys.argv[2:]:
    importlib.import_module(name)
print(json.dumps(sorted(f for f in linecache.cache if "pictopy_desktop" in f or f.endswith("peewee.py"))))
"""

# Opens the window on the library of PICTOPY_DATA_DIR with inline pools (every read runs
# at once), so when start() returns the first page has loaded; then lets the deferred
# start-up work run.
_FIRST_PAGE = """
import json, sys
from pictopy_desktop.library.service import Library
from pictopy_desktop.ui import messages
from pictopy_desktop.ui.app import create_app, open_window
from pictopy_desktop.ui.qt import QApplication
from pictopy_desktop.workers.tasks import Pools, set_pools

heavy = json.loads(sys.argv[1])
loaded = lambda: sorted({m.split('.')[0] for m in sys.modules} & set(heavy))
create_app()
set_pools(Pools.inline())
window = open_window(Library())
window.resize(1280, 820)
window.ui_settings.setValue("last_view", "photos")
window.show()
window.start()
photos = window.page("photos")
first = {"rows": photos.model.rowCount(), "shown": window.stack.currentWidget() is photos,
         "heavy": loaded()}
window.grab()  # the first paint
first["heavy_after_paint"] = loaded()
for _ in range(50):  # the deferred models check runs on a later turn of the event loop
    QApplication.processEvents()
    if any("models are missing" in m.text for m in messages.bridge().history):
        break
first["warned"] = any("models are missing" in m.text for m in messages.bridge().history)
first["heavy_later"] = loaded()
print(json.dumps(first))
window.close()
"""


def _run(code: str, *args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code, json.dumps(HEAVY), *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip().splitlines()[-1]


def test_start_path_modules_import_no_image_or_ml_library() -> None:
    assert json.loads(_run(_IMPORTS, *START_PATH)) == []


def test_the_check_sees_a_heavy_import() -> None:
    """A module that does import numpy is caught (the check above cannot pass vacuously)."""
    assert {"numpy", "PIL"} <= set(
        json.loads(_run(_IMPORTS, "pictopy_desktop.library.image_decode"))
    )


def test_pyside_reads_no_module_source_at_start() -> None:
    """PySide6 would read every imported module's source for its ``__feature__`` switch
    (``ui/qt.py`` turns that off): none of ours, nor peewee's, is read or kept."""
    assert json.loads(_run(_SOURCES_READ, *START_PATH)) == []


def test_first_page_loads_and_paints_before_the_heavy_imports(
    indexed_template, tmp_path, no_models
) -> None:
    """On a library with photos the gallery fills and paints with none of them loaded; the
    models check, which needs them, still runs and warns right after."""
    data = tmp_path / "data"
    shutil.copytree(indexed_template["data"], data)
    env = {
        **os.environ,
        "PICTOPY_DATA_DIR": str(data),
        "PICTOPY_MODELS_DIR": str(no_models),
        "QT_QPA_PLATFORM": "offscreen",
    }
    first = json.loads(_run(_FIRST_PAGE, env=env))
    assert first["shown"] and first["rows"] > 0
    assert first["heavy"] == [] and first["heavy_after_paint"] == []
    assert first["warned"], "the models check did not run after the first page"
    assert "numpy" in first["heavy_later"]
