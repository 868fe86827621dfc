"""The timeline's geometry: headers start new rows, hit tests and keyboard moves cross months."""

from __future__ import annotations

from pictopy_desktop.ui.timeline_layout import (
    HEADER_HEIGHT,
    YEAR_HEIGHT,
    SectionSpec,
    TimelineLayout,
)


def _specs(counts_and_keys: list[tuple[int, str]]) -> list[SectionSpec]:
    specs, row = [], 0
    for n, key in counts_and_keys:
        specs.append(SectionSpec(row, n, key, key))
        row += n + 1
    return specs


def test_each_month_starts_a_new_row_under_a_full_width_header() -> None:
    # 4 columns of 100 px: April has 5 photos (2 rows), March 3 (1 row), then 2019.
    layout = TimelineLayout(_specs([(5, "2020-04"), (3, "2020-03"), (2, "2019-12")]), 400, 100)
    assert (layout.columns, layout.cell) == (4, 100)
    april, march, december = layout.sections
    assert april.year_starts and not march.year_starts and december.year_starts
    header = layout.rect(0)
    assert (header.x, header.y, header.w, header.h) == (0, 0, 400, HEADER_HEIGHT + YEAR_HEIGHT)
    fifth = layout.rect(5)  # April's fifth photo opens the second row
    assert (fifth.x, fifth.y) == (0, april.photos_top + 100)
    march_header = layout.rect(6)
    assert march_header.x == 0 and march_header.y == april.photos_top + 200
    first_of_march = layout.rect(7)
    assert first_of_march.x == 0 and first_of_march.y == march_header.y + HEADER_HEIGHT
    assert layout.height == december.photos_top + 100
    # Hit tests: a header, a photo, the empty end of a short row.
    assert layout.row_at(10, 10) == 0
    assert layout.row_at(150, april.photos_top + 150) is None  # row 2 of April has 1 photo
    assert layout.row_at(50, april.photos_top + 150) == 5
    assert layout.row_at(350, march.photos_top + 10) is None  # March has 3 photos
    assert layout.row_at(250, march.photos_top + 10) == 9


def test_keyboard_moves_and_rubber_band_cross_months() -> None:
    layout = TimelineLayout(_specs([(5, "2020-04"), (3, "2020-03")]), 400, 100)
    assert layout.row_below(3, 1) == 5  # column 3 has no photo below: the row's last one
    assert layout.row_below(5, 1) == 7  # from April's last row into March's first
    assert layout.row_below(9, -1) == 5
    assert layout.row_below(1, -1) is None and layout.row_below(9, 1) is None
    april, march = layout.sections
    ranges = layout.photo_ranges_in(120, april.photos_top + 10, 260, march.photos_top + 10)
    assert ranges == [(2, 3), (8, 9)]  # columns 1-2 of each row the band crosses


def test_visible_rows_of_a_huge_library_are_found_without_walking_it() -> None:
    months = [(400, f"{2020 - k // 12}-{12 - k % 12:02d}") for k in range(250)]  # 100,000 photos
    layout = TimelineLayout(_specs(months), 1200, 168)
    middle = layout.height // 2
    rows = layout.rows_between(middle, middle + 800)
    assert 0 < len(rows) <= layout.columns * (800 // layout.cell + 3)
    assert layout.markers()[0] == (0, "2020-12", True)
    assert sum(1 for _, _, year in layout.markers() if year) == 21


def test_a_ranked_list_has_no_headers() -> None:
    layout = TimelineLayout([SectionSpec(None, 7)], 300, 100)
    assert layout.rect(0).y == 0 and layout.rect(6).y == 200 and layout.markers() == []
    assert layout.row_at(10, 10) == 0 and layout.row_below(0, 1) == 3


def test_justified_rows_keep_shapes_and_fill_the_width() -> None:
    from pictopy_desktop.ui.timeline_layout import JustifiedLayout

    # April: a panorama, four squares, a portrait; March: two landscapes (a short last row).
    aspects = [3.0, 1.0, 1.0, 1.0, 1.0, 0.5, 1.5, 1.5]
    layout = JustifiedLayout(_specs([(6, "2020-04"), (2, "2020-03")]), 550, 100, aspects)
    april, march = layout.sections
    assert april.row_starts == (0, 3) and march.row_starts == (0,)
    # A full row is scaled to fill the width exactly, each photo keeping its shape.
    first, second, third = (layout.rect(r) for r in (1, 2, 3))
    assert first.x == 0 and third.x + third.w == 550
    assert first.h == second.h == 110 and first.w == 330 and second.w == 110
    # The month's last row stays at the target height, unstretched.
    (m1, m2) = (layout.rect(8), layout.rect(9))
    assert m1.h == 100 and (m1.w, m2.x, m2.w) == (150, 150, 150)
    assert layout.row_at(200, first.y + 5) == 1 and layout.row_at(400, first.y + 5) == 2
    assert layout.row_at(540, m1.y + 5) is None  # past March's short row
    # Keyboard: down from the panorama lands on the photo below its middle.
    assert layout.row_below(1, 1) == 5
    assert layout.row_below(6, 1) == 9  # from April's last row into March, same place
    assert layout.rows_between(0, layout.height) == list(range(10))
    assert layout.photo_ranges_in(0, first.y + 1, 549, first.y + 2) == [(1, 3)]
