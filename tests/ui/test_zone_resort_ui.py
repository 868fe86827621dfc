"""A window opened in another time zone re-sorts after its first page, then reloads once
(``workers/zone_resort.py``)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pictopy_desktop.library.service import Library
from pictopy_desktop.storage.gallery_order import stale_sort_keys
from pictopy_desktop.storage.zone_resort import resort_due
from tests.core.zone_samples import KIRITIMATI, LEGACY_ORDER, UTC, make_photos, zone_switcher
from tests.ui.conftest import make_window


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator:
    yield zone_switcher(monkeypatch)
    monkeypatch.undo()
    time.tzset()


def test_a_window_in_another_zone_re_sorts_after_its_first_page_and_reloads(
    qtbot, tmp_path: Path, zone, no_models, inline_pools, messages_log
) -> None:
    zone(UTC)
    folder = make_photos(tmp_path / "photos")["A"].parent
    data = tmp_path / "data"
    lib = Library(data)
    lib.index([folder], analysis=False)
    lib.close()

    zone(KIRITIMATI)  # B's file time is 2017-07-15 00:00 here, after A's EXIF date
    lib = Library(data)
    assert resort_due(lib.db) and stale_sort_keys(lib.db) == 2  # opened with the old keys
    window = make_window(qtbot, lib)
    seen: list = []
    window.ctx.changed.connect(seen.append)
    qtbot.waitUntil(lambda: window.first_page.is_open and not resort_due(lib.db), timeout=10_000)
    qtbot.waitUntil(lambda: not window.zone_resort.running, timeout=5_000)
    assert stale_sort_keys(lib.db) == 0
    assert [c.photos for c in seen] == [True]  # one broadcast, after the last chunk
    model = window.page("photos").model
    qtbot.waitUntil(lambda: model.is_loaded, timeout=5_000)
    names = {i: Path(p).stem for i, p in lib.db.execute_sql("SELECT id, path FROM image")}
    assert [names[i] for i in model.image_ids()] == ["C", "B", "A"]
    assert model.image_ids() == [i for (i,) in lib.db.execute_sql(LEGACY_ORDER)]
    window.close()
    lib.close()
