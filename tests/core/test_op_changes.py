"""OpChanges: what a write changed, merged and asked about the way views do."""

import pytest

from pictopy_desktop.library.changes import NO_CHANGES, OpChanges


def test_union_keeps_every_kind_and_known_photos() -> None:
    a = OpChanges(albums=True).with_images({1, 2})
    b = OpChanges(people=True).with_images({3})
    both = a | b
    assert both.kinds() == {"albums", "people", "photos"}
    assert both.image_ids == {1, 2, 3}


def test_an_unknown_photo_set_on_either_side_makes_the_union_unknown() -> None:
    known = OpChanges().with_images({1})
    unknown = OpChanges(photos=True)
    assert (known | unknown).image_ids == frozenset()
    assert (known | unknown).photos


def test_touches_answers_and_rejects_unknown_kinds() -> None:
    c = OpChanges(tags=True)
    assert c.touches("photos", "tags") and not c.touches("people")
    assert not NO_CHANGES.any() and OpChanges.everything().touches("models")
    with pytest.raises(ValueError):
        c.touches("photoz")
