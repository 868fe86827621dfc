"""Memories: "On this day" in earlier years and trips/events, each a titled card opening a gallery.

Computed from capture dates and GPS in a worker (``library.memories``): when the view
is shown after a change, and in the background after each indexing run, so the cards
are ready when the user comes to look.
"""

from __future__ import annotations

import datetime as dt

from pictopy_desktop.library import read_model as bq
from pictopy_desktop.library.memories import MIN_EVENT_PHOTOS, DateCounts, date_counts
from pictopy_desktop.ui import messages
from pictopy_desktop.ui.collection_pages import (
    CollectionItem,
    CollectionModel,
    CollectionView,
)
from pictopy_desktop.ui.context import AppContext
from pictopy_desktop.ui.qt import QLabel, QListView, QLocale, Qt, QVBoxLayout, QWidget, Signal
from pictopy_desktop.ui.tag_names import tag_name
from pictopy_desktop.ui.translations import n_, translate


def _date(when: dt.date | dt.datetime, pattern: str) -> str:
    """``when`` by a Qt date ``pattern`` ("d MMM yyyy"), month names in the app's language."""
    return QLocale().toString(when if isinstance(when, dt.date) else when.date(), pattern)


def date_span(start: dt.datetime, end: dt.datetime) -> str:
    """7 Mar 2020; 1–2 Jun 2019; 28 May – 2 Jun 2019; 30 Dec 2019 – 2 Jan 2020 (German: 7. März 2020)."""
    day, day_month = translate("pictopy", "d"), translate("pictopy", "d MMM")
    full = translate("pictopy", "d MMM yyyy")
    if start.date() == end.date():
        return _date(start, full)
    if (start.year, start.month) == (end.year, end.month):
        return f"{_date(start, day)}–{_date(end, full)}"
    if start.year == end.year:
        return f"{_date(start, day_month)} – {_date(end, full)}"
    return f"{_date(start, full)} – {_date(end, full)}"


def month_span(start: dt.datetime, end: dt.datetime) -> str:
    """June 2019; June – July 2019; December 2019 – January 2020."""
    if (start.year, start.month) == (end.year, end.month):
        return _date(start, "MMMM yyyy")
    if start.year == end.year:
        return f"{_date(start, 'MMMM')} – {_date(end, 'MMMM yyyy')}"
    return f"{_date(start, 'MMMM yyyy')} – {_date(end, 'MMMM yyyy')}"


def memory_card(m: bq.MemoryRow) -> tuple[str, str]:
    """A memory's title and subtitle in the app's language, from what the core found."""
    photos = n_("%Ln photo(s)", len(m.image_ids))
    if m.kind == "on_this_day" and m.day is not None:
        where = [m.place] if m.place else []
        day = _date(m.day, translate("pictopy", "d MMMM yyyy"))
        return n_("%Ln year(s) ago today", m.years_ago), " · ".join([day, *where, photos])
    if m.start is None or m.end is None:
        return m.title, m.subtitle
    if m.place:  # "Paris, June 2019": where and when say more than the objects in it
        title = f"{m.place}, {month_span(m.start, m.end)}"
    else:
        kind = translate("pictopy", "Trip") if m.kind == "trip" else translate("pictopy", "Day")
        topic = ", ".join(tag_name(label) for label in m.topic.split(", ") if label)
        title = f"{kind}: {topic}" if topic else f"{kind} · {_date(m.start, 'MMMM yyyy')}"
    return title, f"{date_span(m.start, m.end)} · {photos}"


def memory_items() -> tuple[list[CollectionItem], list[CollectionItem], DateCounts | None]:
    """(on this day, trips and events, and when there are none the date counts that say
    why) as cards; runs in a worker."""
    today: list[CollectionItem] = []
    others: list[CollectionItem] = []
    for m in bq.memories_listing():
        item = CollectionItem(m.image_ids, *memory_card(m), m.cover_thumbnail, m)
        (today if m.kind == "on_this_day" else others).append(item)
    return today, others, None if today or others else date_counts()


def empty_text(counts: DateCounts | None) -> str:
    """Why there are no memories (true to the library), and what makes them."""
    if counts is None or not counts.photos:
        return translate(
            "pictopy",
            "No memories yet.\nAdd a folder of photos: those with a capture date become "
            "“On this day” memories, trips and events here.",
        )
    if not counts.dated:
        return (
            translate("pictopy", "No memories yet.")
            + "\n"
            + n_(
                "None of your %Ln photo(s) has a capture date (from the camera's EXIF or a "
                "Google Takeout sidecar); copies without one can't be placed in time.",
                counts.photos,
            )
        )
    return (
        translate("pictopy", "No memories yet.")
        + "\n"
        + n_(
            "%Ln of your photos has a capture date, but none was taken on this day in an "
            "earlier year, and no day or trip holds %1 of them yet.",
            counts.dated,
        ).replace("%1", str(MIN_EVENT_PHOTOS))
        + " "
        + translate("pictopy", "Memories appear here as more dated photos arrive.")
    )


class MemoriesPage(QWidget):
    open_gallery = Signal(object)  # GalleryFilter

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.is_loaded = False
        self._generation = 0
        self._busy = False
        self._again = False
        title = QLabel(translate("pictopy", "Memories"))
        title.setObjectName("pageTitle")
        self.subtitle = QLabel("")
        self.subtitle.setObjectName("pageSubtitle")
        self.today_label = QLabel(translate("pictopy", "On this day"))
        self.today_label.setObjectName("sectionLabel")
        self.today_model = CollectionModel(ctx)
        self.today_view = CollectionView(self)
        self.today_view.setObjectName("onThisDay")
        self.today_view.setModel(self.today_model)
        self.today_view.setFlow(QListView.Flow.LeftToRight)
        self.today_view.setWrapping(False)
        self.today_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.today_view.setFixedHeight(256)
        self.events_label = QLabel(translate("pictopy", "Trips and events"))
        self.events_label.setObjectName("sectionLabel")
        self.events_model = CollectionModel(ctx)
        self.events_view = CollectionView(self)
        self.events_view.setObjectName("events")
        self.events_view.setModel(self.events_model)
        self.empty = QLabel(empty_text(None))
        self.empty.setObjectName("emptyHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 8, 0)
        layout.setSpacing(2)
        layout.addWidget(title)
        layout.addWidget(self.subtitle)
        layout.addSpacing(6)
        layout.addWidget(self.today_label)
        layout.addWidget(self.today_view)
        layout.addWidget(self.events_label)
        layout.addWidget(self.events_view, 1)
        layout.addWidget(self.empty, 1)
        for view in (self.today_view, self.events_view):
            view.open_item.connect(self._open)
        self._show_sections(0, 0)

    def refresh(self) -> None:
        """Recompute the memories in a worker (also called after each indexing run); one at a time."""
        if self._busy:
            self._again = True
            return
        self._busy = True
        self._generation += 1
        generation = self._generation

        def failed(exc: BaseException) -> None:
            self._done()
            messages.exception(exc, "Finding memories failed")

        self.ctx.read(
            memory_items,
            lambda result: self._loaded(generation, *result),
            context=self,
            on_failure=failed,
        )

    def _done(self) -> None:
        self._busy = False
        if self._again:
            self._again = False
            self.refresh()

    def _loaded(
        self,
        generation: int,
        today: list[CollectionItem],
        others: list[CollectionItem],
        counts: DateCounts | None,
    ) -> None:
        if generation == self._generation:
            self.empty.setText(empty_text(counts))
            self._show(today, others)
        self._done()

    def _show(self, today: list[CollectionItem], others: list[CollectionItem]) -> None:
        # One worker computes both sections; the models take the cards as if they had loaded them.
        self.today_model._loaded(today)
        self.events_model._loaded(others)
        self._show_sections(len(today), len(others))
        self.is_loaded = True

    def _show_sections(self, today: int, others: int) -> None:
        self.today_label.setVisible(today > 0)
        self.today_view.setVisible(today > 0)
        self.events_label.setVisible(others > 0)
        self.events_view.setVisible(others > 0)
        self.empty.setVisible(today + others == 0)
        parts = []
        if today:
            parts.append(n_("%Ln on this day", today))
        if others:
            parts.append(n_("%Ln trip(s) and event(s)", others))
        self.subtitle.setText(" · ".join(parts))

    def items(self) -> list[CollectionItem]:
        return self.today_model.items + self.events_model.items

    def _open(self, item: CollectionItem | None) -> None:
        if item is not None:
            self.open_gallery.emit(bq.GalleryFilter(bq.IDS, tuple(item.key), item.title))
