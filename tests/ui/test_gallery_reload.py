"""A gallery reads once per change: reloads asked for while its read waits are that read."""

from __future__ import annotations

import pytest

from pictopy_desktop.library import read_model as bq
from pictopy_desktop.library.read_model import search_query


@pytest.mark.slow
def test_a_reload_asked_while_the_read_waits_is_that_read(window, monkeypatch) -> None:
    page = window.page("photos")
    model = page.model
    queued: list = []

    def deferred(op, on_success, context=None, on_failure=None, priority=0) -> None:
        queued.append((op, on_success))

    monkeypatch.setattr(model.ctx, "read", deferred)
    dog = bq.GalleryFilter(bq.SEARCH, "dog")
    page.set_filter(dog)
    page.refresh()  # what the window does when it shows a page for the first time
    page.set_filter(dog)  # the search box's debounce, after Enter ran the search
    assert len(queued) == 1
    op, done = queued.pop()
    done(op())  # opened empty: its first photos, shown at once...
    assert len(queued) == 1 and not model.is_loaded
    op, done = queued.pop()
    done(op())  # ...then the whole gallery
    assert model.is_loaded and not queued
    assert model.photo_count() == len(search_query("dog")) == 2

    # Something changed after the read began: it may have missed it, so it reads again.
    page.refresh()
    op, done = queued.pop()
    result = op()
    page.refresh()
    assert not queued
    done(result)
    assert len(queued) == 1
    op, done = queued.pop()
    done(op())

    # Another gallery asked for while a read waits: the old one's read is let go, and the
    # new one's starts at once.
    page.refresh()
    page.set_filter(bq.GalleryFilter())
    assert len(queued) == 2
    op, done = queued.pop(0)
    done(op())  # the search's read, come late: nothing shown from it
    assert model.rowCount() == 0 and not model.is_loaded and len(queued) == 1
    op, done = queued.pop()
    done(op())  # the new gallery's first photos, then all of it
    assert len(queued) == 1
    op, done = queued.pop()
    done(op())
    assert model.photo_count() == bq.count(bq.GalleryFilter()) and not queued

    # The search's debounce while its read runs: that read is the search's, nothing more.
    scream = bq.GalleryFilter(bq.SEARCH, "scream")
    page.set_filter(scream)
    op, done = queued.pop()
    result = op()
    page.set_filter(scream)
    done(result)
    assert len(queued) == 1  # its first photos are in; the whole gallery follows
    op, done = queued.pop()
    done(op())
    assert not queued and model.photo_count() == len(search_query("scream"))


@pytest.mark.slow
def test_the_start_reads_the_photos_gallery_once(
    qtbot, library, inline_pools, messages_log, monkeypatch
) -> None:
    """Opening the window on Photos reads its gallery once, not once to show it and again to refresh."""
    from tests.ui.conftest import make_window, settle

    reads: list[bq.GalleryFilter] = []
    gallery_index = bq.gallery_index

    def counted(f: bq.GalleryFilter):
        reads.append(f)
        return gallery_index(f)

    monkeypatch.setattr(bq, "gallery_index", counted)
    window = make_window(qtbot, library)
    try:
        settle(qtbot)
        assert window.view_for(window.current).name == "photos"
        assert len(reads) == 1 and reads[0].kind == bq.GalleryFilter().kind
        assert window.page("photos").model.photo_count() == bq.count(bq.GalleryFilter())
    finally:
        window.close()
