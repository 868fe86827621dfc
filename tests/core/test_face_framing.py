"""Face-aware square tiles: the crop keeps faces whole, else it is the centre."""

from __future__ import annotations

from pictopy_desktop.library.face_framing import face_aware_square


def _holds(rect, box) -> bool:
    x, y, w, h = rect
    x1, y1, x2, y2 = box
    return x <= x1 and y <= y1 and x2 <= x + w and y2 <= y + h


def test_no_faces_gives_the_centre_square():
    assert face_aware_square(400, 300, []) == (50, 0, 300, 300)
    assert face_aware_square(300, 500, []) == (0, 100, 300, 300)
    assert face_aware_square(200, 200, [(10, 10, 50, 50)]) == (0, 0, 200, 200)


def test_tall_portrait_keeps_the_head_a_centre_crop_cuts_off():
    # A 600x1200 portrait with the face near the top: the centre square (300..900) misses it.
    face = (240, 120, 360, 260)
    rect = face_aware_square(600, 1200, [face])
    assert rect[2] == rect[3] == 600
    assert _holds(rect, face)
    assert rect[1] <= face[1] - 0.45 * (face[3] - face[1])  # hair above the brows too
    centre = face_aware_square(600, 1200, [])
    assert not _holds(centre, face)


def test_wide_photo_frames_a_face_at_the_side():
    face = (850, 200, 950, 320)
    rect = face_aware_square(1000, 500, [face])
    assert _holds(rect, face) and rect[0] == 500  # as far right as the photo allows
    assert rect[1] == 0 and rect[2] == 500


def test_the_square_holds_the_most_face_when_not_all_fit():
    small_left = (20, 100, 80, 170)
    big_right = (1300, 80, 1500, 320)
    rect = face_aware_square(1600, 400, [small_left, big_right])
    assert _holds(rect, big_right) and not _holds(rect, small_left)


def test_faces_that_fit_together_are_all_kept_and_centred():
    a, b = (400, 100, 460, 170), (560, 110, 620, 180)
    x, y, side, _ = face_aware_square(1200, 500, [a, b])
    assert _holds((x, y, side, side), a) and _holds((x, y, side, side), b)
    assert abs((x + side / 2) - 510) <= 1  # the pair sits in the middle of the tile


def test_odd_boxes_are_ignored_or_clipped():
    assert face_aware_square(400, 300, [(10, 10, 10, 40), (500, 10, 600, 40)]) == (50, 0, 300, 300)
    # A box reaching past the edge is clipped to the photo and still framed.
    x, y, side, _ = face_aware_square(300, 900, [(100, 800, 200, 1000)])
    assert (x, y, side) == (0, 600, 300)
    assert face_aware_square(0, 10, [(0, 0, 1, 1)]) == (0, 0, 0, 0)


def test_a_face_larger_than_the_tile_is_centred_on():
    x, y, side, _ = face_aware_square(400, 1000, [(0, 300, 400, 800)])
    assert side == 400 and abs((y + 200) - 550) <= 120
