"""Start-up work waits for the first page: its rows loaded, then the first thumbnails its
paint asked for (``ui/first_page.py``); it still runs when the page never loads."""

from __future__ import annotations

from pictopy_desktop.ui.first_page import FirstPageGate
from pictopy_desktop.ui.image_loader import ImageLoader
from pictopy_desktop.ui.qt import QImage, QObject, QWidget, Signal


class _Model(QObject):
    loaded = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.is_loaded = False


class _Page(QWidget):
    """A photo grid as the gate sees one: a model that says when its rows are in."""

    def __init__(self) -> None:
        super().__init__()
        self.model = _Model()


def _tile() -> QImage:
    return QImage(8, 8, QImage.Format.Format_RGB32)


def test_work_waits_for_the_rows_and_the_thumbnails(qtbot, inline_pools) -> None:
    images = ImageLoader()
    gate = FirstPageGate(images)
    page = _Page()
    ran: list[str] = []
    gate.later(lambda: ran.append("models check"))
    gate.watch(page)
    qtbot.wait(20)
    assert ran == [] and not gate.is_open  # the rows are not in yet

    page.model.is_loaded = True
    page.model.loaded.emit(12)
    qtbot.wait(20)
    assert ran == []  # rows, but no thumbnail yet
    # The paint the rows asked for requests the first thumbnails.
    assert images.get("thumb:a", _tile) is None
    qtbot.waitUntil(lambda: ran == ["models check"], timeout=5000)
    assert images.cache.get("thumb:a") is not None  # the thumbnail came first

    gate.later(lambda: ran.append("folder watcher"))  # once open, work runs on the next turn
    qtbot.waitUntil(lambda: ran[-1:] == ["folder watcher"], timeout=5000)


def test_a_page_that_never_loads_does_not_hold_the_work_back(qtbot) -> None:
    gate = FirstPageGate(ImageLoader())
    ran: list[str] = []
    page = _Page()
    gate.later(lambda: ran.append("recheck folders"))
    gate.watch(page, wait_ms=0)
    qtbot.waitUntil(lambda: ran == ["recheck folders"], timeout=5000)
    assert gate.is_open and not page.model.is_loaded


def test_a_page_without_a_photo_grid_opens_the_gate_at_once(qtbot) -> None:
    gate = FirstPageGate(ImageLoader())
    ran: list[str] = []
    gate.later(lambda: ran.append("models check"))
    gate.watch(QWidget())
    qtbot.waitUntil(lambda: ran == ["models check"], timeout=5000)


def test_an_empty_photo_grid_opens_the_gate_when_it_loads(qtbot) -> None:
    gate = FirstPageGate(ImageLoader())
    page = _Page()
    ran: list[str] = []
    gate.later(lambda: ran.append("models check"))
    gate.watch(page)
    page.model.is_loaded = True
    page.model.loaded.emit(0)
    qtbot.waitUntil(lambda: ran == ["models check"], timeout=5000)


def test_a_window_closed_before_its_first_page_starts_none_of_the_work(qtbot) -> None:
    gate = FirstPageGate(ImageLoader())
    ran: list[str] = []
    gate.later(lambda: ran.append("recheck folders"))
    gate.watch(QWidget())  # opens on the next turn...
    gate.cancel()  # ...but the window closed first
    gate.later(lambda: ran.append("models check"))
    qtbot.wait(50)
    assert ran == [] and gate.is_open
