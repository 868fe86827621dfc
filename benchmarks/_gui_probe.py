"""Measures taken inside a fresh app process (used by bench_scale.py and bench_gui_latency.py)."""

from __future__ import annotations

import time
from collections.abc import Callable

from pictopy_desktop.ui.qt import QApplication, QEvent, QObject


class PaintSpy(QObject):
    """Counts paint events on a widget."""

    def __init__(self, widget) -> None:
        super().__init__(widget)
        self.paints = 0
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def wait_for(cond: Callable[[], bool], timeout_s: float = 60.0, what: str = "") -> None:
    app = QApplication.instance()
    deadline = time.perf_counter() + timeout_s
    while not cond():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        app.processEvents()
        time.sleep(0.001)


def painted_after(spy: PaintSpy, ready: Callable[[], bool]) -> Callable[[], bool]:
    """True once ``ready()`` held and the widget then painted."""
    state = {"base": None}

    def cond() -> bool:
        if state["base"] is None:
            if ready():
                state["base"] = spy.paints
            return False
        return spy.paints > state["base"]

    return cond


def measure_startup(t0: float, queries: list[str]) -> dict:
    from pictopy_desktop.library.service import Library
    from pictopy_desktop.ui.app import create_app, open_window
    from pictopy_desktop.ui.routes import PeopleRoute

    create_app()
    window = open_window(Library())
    window.resize(1280, 820)
    photos = window.page("photos")
    spy = PaintSpy(photos.view.viewport())
    window.ui_settings.setValue("last_view", "photos")  # a cold start on the gallery
    window.show()
    window.start()
    wait_for(painted_after(spy, lambda: photos.model.rowCount() > 0))
    first_paint = time.perf_counter() - t0
    wait_for(lambda: photos.model.is_loaded, what="the whole gallery")
    gallery_read = time.perf_counter() - t0

    people = window.page("people")
    people_spy = PaintSpy(people.view.viewport())
    t = time.perf_counter()
    window.navigate(PeopleRoute())
    wait_for(painted_after(people_spy, lambda: people.model.rowCount() > 0))
    people_s = time.perf_counter() - t

    results = window.page("results")
    results_spy = PaintSpy(results.view.viewport())
    search_s, search_all_s = {}, {}
    for q in queries:
        loads: list[int] = []
        results.model.loaded.connect(loads.append)
        t = time.perf_counter()
        window.search.setText(q)
        window._run_search()
        # The first results painted (or, for no result, the answer in: an empty result
        # hides the grid, so it is timed to the load and one more turn of the event loop).
        shown = painted_after(results_spy, lambda: results.model.rowCount() > 0)
        wait_for(lambda loads=loads, shown=shown: shown() or bool(loads), what=f"search {q!r}")
        QApplication.instance().processEvents()
        search_s[q] = time.perf_counter() - t
        wait_for(lambda loads=loads: bool(loads), what=f"search {q!r} read whole")
        search_all_s[q] = time.perf_counter() - t
        results.model.loaded.disconnect(loads.append)
    window.close()
    return {
        "first_paint_s": first_paint,
        "gallery_read_s": gallery_read,
        "people_s": people_s,
        "search_s": search_s,
        "search_worst_s": max(search_s.values()),
        "search_all_s": search_all_s,
        "search_all_worst_s": max(search_all_s.values()),
        "rows": photos.model.rowCount(),
    }
