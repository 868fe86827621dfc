"""The viewer names the town a photo was taken in; the Things page lists the keywords other
programs wrote beside the detector's tags, and each opens its photos."""

from __future__ import annotations

import shutil
from pathlib import Path

from pictopy_desktop.library import places
from pictopy_desktop.library import read_model as bq
from pictopy_desktop.library.geocoding import NOWHERE
from pictopy_desktop.storage.tables import Image
from pictopy_desktop.ui import routes, theme
from pictopy_desktop.ui import viewer as viewer_module
from pictopy_desktop.ui.qt import QAbstractItemView
from tests.conftest import REPO_ROOT
from tests.metadata.sidecars import copy_samples
from tests.ui.conftest import screenshot, settle
from tests.ui.test_gallery_features_ui import _open_in_viewer, _wait_gallery

DOCS = REPO_ROOT / "docs" / "screenshots"


def _save(widget, name: str) -> None:
    shot = screenshot(widget, name)
    DOCS.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, DOCS / f"{name}.png")


def test_info_panel_names_the_town_with_the_coordinates_below(
    qtbot, blank_window, tmp_path
) -> None:
    window = blank_window
    window.index_folder(copy_samples(tmp_path / "samples"))
    photos = window.page("photos")
    _wait_gallery(qtbot, photos, 5)
    viewer = _open_in_viewer(qtbot, window, photos, "digikam_paris.jpg")
    place = viewer.info.fields["Place"]
    qtbot.waitUntil(lambda: "Paris, France" in place.text(), timeout=5000)
    text = place.text()
    # The town first, in words; the coordinates smaller below it; then the links.
    assert text.index("Paris, France") < text.index("48.85660°N, 2.35220°E") < text.index("map")
    assert viewer.info.form.isRowVisible(place)
    settle(qtbot, 200)
    _save(window, "viewer-place")
    window.set_theme(theme.DARK)
    try:
        settle(qtbot, 200)
        _save(window, "viewer-place-dark")
    finally:
        window.set_theme(theme.LIGHT)

    # "Photos taken here" opens the town on the Places page's terms.
    place.linkHovered.emit("place")
    assert "Paris, France" in place.toolTip()
    place.linkActivated.emit("place")
    assert window.current == routes.PlaceRoute(places.PlaceKey("FR", "Paris"), "Paris, France")
    results = window.page("results")
    qtbot.waitUntil(lambda: results.model.is_loaded, timeout=5000)
    assert [Image.get_by_id(i).path for i in results.model.image_ids()] == [viewer.details.path]

    # The photo's keywords in the info panel open their photos the same way as on Things.
    viewer = _open_in_viewer(qtbot, window, photos, "digikam_paris.jpg")
    keywords = viewer.info.fields["Keywords"]
    link = f"keyword:{viewer.info.keywords.index('Places|France|Paris')}"
    keywords.linkHovered.emit(link)
    assert "Places › France › Paris" in keywords.toolTip()
    keywords.linkActivated.emit(link)
    assert window.current == routes.KeywordRoute("Places|France|Paris")


def test_far_from_any_town_the_info_panel_shows_only_coordinates(
    qtbot, blank_window, tmp_path, monkeypatch
) -> None:
    window = blank_window
    folder = copy_samples(tmp_path / "samples")
    window.index_folder(folder)
    # Mid-Atlantic: no town within 50 km, so no town is named (never a wrong one).
    Image.update(latitude=30.0, longitude=-40.0).where(
        Image.path == str(folder / "digikam_paris.jpg")
    ).execute()
    photos = window.page("photos")
    _wait_gallery(qtbot, photos, 5)
    viewer = _open_in_viewer(qtbot, window, photos, "digikam_paris.jpg")
    place = viewer.info.fields["Place"]
    qtbot.waitUntil(lambda: "30.00000°N, 40.00000°W" in place.text(), timeout=5000)
    assert viewer.info.place is not None and not viewer.info.place.named
    assert "<b>" not in place.text() and 'href="place"' not in place.text()
    # A look-up the user stepped past is skipped: no gazetteer load queued for nothing.
    asked: list[tuple[float, float]] = []
    monkeypatch.setattr(viewer_module, "place_at", lambda *at: asked.append(at) or NOWHERE)
    viewer._read_place(viewer._request - 1, viewer.details)
    assert asked == []
    viewer._read_place(viewer._request, viewer.details)
    assert asked == [(30.0, -40.0)]
    # A photo without GPS hides the row.
    _open_in_viewer(qtbot, window, photos, "picasa_family.jpg")
    assert place.text() == "" and not viewer.info.form.isRowVisible(place)


def _things(qtbot, window):
    window.navigate(routes.ThingsRoute())
    page = window.page("things")
    qtbot.waitUntil(lambda: bool(page.model.items), timeout=5000)
    return page


def test_things_page_lists_keywords_beside_the_tags_and_opens_their_photos(
    qtbot, window, tmp_path
) -> None:
    folder = copy_samples(tmp_path / "samples")
    window.index_paths([folder])  # the shared photos have tags; these have keywords
    assert window.indexing.wait()
    page = _things(qtbot, window)
    qtbot.waitUntil(
        lambda: any(isinstance(i.payload, bq.KeywordRow) for i in page.model.items),
        timeout=5000,
    )
    items = page.model.items
    kinds = [isinstance(i.payload, bq.KeywordRow) for i in items]
    assert kinds == sorted(kinds) and not kinds[0]  # the detector's tags, then the keywords
    keywords = [i for i in items if isinstance(i.payload, bq.KeywordRow)]
    paris = next(i for i in keywords if i.key == "Places|France|Paris")
    # Marked as a keyword from the photo's metadata, its hierarchy written out.
    assert paris.title == "Places › France › Paris" and paris.badge == "Keyword"
    assert "keyword from the photos' metadata" in paris.tooltip
    tags = len(items) - len(keywords)
    assert page.subtitle.text() == (
        f"{tags} kinds of thing found in your photos · "
        f"{len(keywords)} keywords from the photos' metadata"
    )
    for toast in window.notifications.toasts():  # "Done": not what the screenshots show
        toast.dismiss()
    first = page.model.index(items.index(keywords[0]))  # where the tags end
    page.view.scrollTo(first, QAbstractItemView.ScrollHint.PositionAtTop)
    settle(qtbot, 300)
    _save(window, "things-keywords")
    window.set_theme(theme.DARK)
    try:
        page.view.viewport().update()
        settle(qtbot, 200)
        _save(window, "things-keywords-dark")
    finally:
        window.set_theme(theme.LIGHT)

    # Clicking the keyword shows its photos, through its own route; Things stays lit.
    page.view.open_item.emit(paris)
    assert window.current == routes.KeywordRoute("Places|France|Paris")
    assert window.current.sidebar_route() == routes.ThingsRoute()
    results = window.page("results")
    qtbot.waitUntil(lambda: results.model.is_loaded, timeout=5000)
    assert [Path(Image.get_by_id(i).path).name for i in results.model.image_ids()] == [
        "digikam_paris.jpg"
    ]
    assert routes.route_for_filter(window.current.gallery_filter()) == window.current
