"""The timeline in the app: full-width month and year headers, the scrubber, the thumbnail size."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from pictopy_desktop.storage.tables import Image
from pictopy_desktop.ui.gallery import GalleryPage, IsHeaderRole
from pictopy_desktop.ui.preferences import TILE_SIZE, ui_settings
from pictopy_desktop.ui.qt import QPoint, QPointF, Qt
from tests.conftest import REPO_ROOT
from tests.ui.conftest import screenshot, settle

DOCS = REPO_ROOT / "docs" / "screenshots"
MONTHS = [(2021, 5, 5), (2021, 2, 3), (2020, 12, 3), (2019, 7, 3)]  # (year, month, photos)


def _spread_over_months() -> None:
    """Give the library's 14 photos dates in four months of three years."""
    ids = [i for (i,) in Image.select(Image.id).order_by(Image.id).tuples()]
    k = 0
    for year, month, n in MONTHS:
        for day in range(n):
            if k < len(ids):
                Image.update(taken_at=dt.datetime(year, month, 20 - day, 12)).where(
                    Image.id == ids[k]
                ).execute()
                k += 1


def _timeline(qtbot, window):
    _spread_over_months()
    page = window.page("photos")
    page.refresh()
    qtbot.waitUntil(lambda: page.model.is_loaded and len(page.model.sections()) == 4, timeout=5000)
    page.model.load_all_pages_now()
    return page


def _save(widget, name: str) -> None:
    shot = screenshot(widget, name)
    DOCS.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, DOCS / f"{name}.png")


def test_month_headers_span_the_width_and_start_a_new_row(qtbot, window) -> None:
    page = _timeline(qtbot, window)
    view, model = page.view, page.model
    page.set_tile_size(150)
    width = view.viewport().width()
    tops = []
    for spec in model.sections():
        header = view.visualRect(model.index(spec.header_row, 0))
        assert header.x() == 0 and header.width() >= width - 2, spec.label
        assert model.index(spec.header_row, 0).data(IsHeaderRole)
        first = view.visualRect(model.index(spec.first_row, 0))
        assert first.x() == 0 and first.top() == header.bottom() + 1
        last = view.visualRect(model.index(spec.first_row + spec.count - 1, 0))
        tops.append((header.top(), last.bottom()))
    # No month runs into the next: each header is below the previous month's last tile.
    assert all(prev_bottom < top for (_, prev_bottom), (top, _) in zip(tops, tops[1:]))
    assert [s.year_starts for s in view.timeline.sections] == [True, False, True, True]
    assert view.indexAt(QPoint(5, 5)).data(IsHeaderRole)  # "2021 / May"
    settle(qtbot, 200)
    _save(window, "timeline")


def test_scrubber_shows_years_and_jumps_when_dragged(qtbot, window) -> None:
    page = _timeline(qtbot, window)
    page.set_tile_size(360)  # big tiles: the four months do not fit on screen
    view, scrubber = page.view, page.scrubber
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0
    years = [label for _, label, starts in view.timeline.markers() if starts]
    assert years == ["May 2021", "December 2020", "July 2019"]
    last = view.timeline.sections[-1]
    y = scrubber.y_of(last.top) + 1
    assert scrubber.label_at(y) == "July 2019"
    qtbot.mousePress(scrubber, Qt.MouseButton.LeftButton, pos=QPoint(20, int(y)))
    qtbot.mouseRelease(scrubber, Qt.MouseButton.LeftButton, pos=QPoint(20, int(y)))
    assert bar.value() == min(bar.maximum(), scrubber.content_at(int(y)))
    qtbot.mousePress(scrubber, Qt.MouseButton.LeftButton, pos=QPoint(20, 2))
    qtbot.mouseMove(scrubber, QPoint(20, int(scrubber.y_of(view.timeline.sections[2].top)) + 1))
    assert view.indexAt(QPoint(5, 5)).data(Qt.ItemDataRole.DisplayRole) == "December 2020"
    qtbot.mouseRelease(scrubber, Qt.MouseButton.LeftButton)
    settle(qtbot, 200)
    _save(page, "scrubber")


def test_thumbnail_size_by_ctrl_wheel_and_slider_is_remembered(qtbot, window) -> None:
    from PySide6.QtGui import QWheelEvent

    page = _timeline(qtbot, window)
    view = page.view
    page.size_slider.setValue(120)
    assert view.target_tile == 120 and view.timeline.columns >= 6
    columns = view.timeline.columns
    wheel = QWheelEvent(
        QPointF(50, 50),
        QPointF(view.viewport().mapToGlobal(QPoint(50, 50))),
        QPoint(0, 0),
        QPoint(0, 240),  # two notches up: bigger
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    view.wheelEvent(wheel)
    assert view.target_tile == 168 and page.size_slider.value() == 168
    assert view.timeline.columns < columns
    assert int(ui_settings(window.ctx).value(TILE_SIZE)) == 168
    other = GalleryPage(window.ctx)  # a gallery opened later starts at the remembered size
    qtbot.addWidget(other)
    assert other.view.target_tile == 168 and other.size_slider.value() == 168


def test_justified_rows_keep_each_photos_shape_and_are_remembered(qtbot, window) -> None:
    from pictopy_desktop.ui.preferences import JUSTIFIED

    page = _timeline(qtbot, window)
    view, model = page.view, page.model
    qtbot.mouseClick(page.justify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: model.aspects() is not None, timeout=5000)
    model.load_all_pages_now()
    assert int(ui_settings(window.ctx).value(JUSTIFIED)) == 1
    for spec in model.sections():
        for row in range(spec.first_row, spec.first_row + spec.count):
            details = model.gallery_row(row)
            rect = view.visualRect(model.index(row, 0))
            shown = rect.width() / rect.height()
            assert shown == pytest.approx(details.width / details.height, rel=0.06) or (
                rect.right() >= view.viewport().width() - 3  # a row's last tile takes the rounding
            ), details.name
    settle(qtbot, 200)
    _save(window, "timeline-justified")
    other = GalleryPage(window.ctx)
    qtbot.addWidget(other)
    assert other.justify_button.isChecked() and other.model.justified
    qtbot.mouseClick(page.justify_button, Qt.MouseButton.LeftButton)
    assert (
        model.aspects() is None
        and view.timeline.cell
        == view.visualRect(model.index(model.sections()[0].first_row, 0)).width()
    )


def test_timeline_and_viewer_follow_the_dark_theme(qtbot, window) -> None:
    from pictopy_desktop.ui import theme

    page = _timeline(qtbot, window)
    window.set_theme(theme.DARK)
    try:
        palette = page.view.palette()
        # Headers, counts and the scrubber paint with the palette's roles: readable in the dark.
        text = palette.color(palette.ColorRole.Text).name()
        base = palette.color(palette.ColorRole.Base).name()
        faint = palette.color(palette.ColorRole.PlaceholderText).name()
        assert theme.contrast_ratio(text, base) >= 4.5 and theme.contrast_ratio(faint, base) >= 3
        assert base == theme.DARK_THEME.window
        page.view.viewport().update()
        settle(qtbot, 200)
        _save(window, "timeline-dark")
        row = next(r for r in range(page.model.rowCount()) if page.model.image_id(r) is not None)
        window.open_photo(page.model, row, "info")
        viewer = window.page("viewer")
        qtbot.waitUntil(lambda: viewer.canvas.pixmap is not None, timeout=5000)
        settle(qtbot, 200)
        _save(window, "viewer-info-dark")
    finally:
        window.set_theme(theme.LIGHT)


def test_rows_waiting_for_thumbnails_are_bounded(qtbot, window, monkeypatch) -> None:
    from pictopy_desktop.ui import gallery

    monkeypatch.setattr(gallery, "ROWS_BY_THUMB_MAX", 5)
    page = _timeline(qtbot, window)
    model = page.model
    for row in range(model.rowCount()):
        model.index(row, 0).data(Qt.ItemDataRole.DecorationRole)
    assert 0 < len(model._rows_by_thumb) <= 5
