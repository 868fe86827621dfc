"""The Qt-free queries behind the views, and album operations, on a real indexed library."""

from __future__ import annotations

import pytest

from pictopy_desktop.library import albums
from pictopy_desktop.library import read_model as bq
from pictopy_desktop.library.read_model import gallery_query, search_query
from pictopy_desktop.storage.tables import Image, Person


@pytest.mark.slow
def test_gallery_pages_follow_the_gallery_order(library):
    f = bq.GalleryFilter()
    expected = [img.id for img in gallery_query()]
    assert bq.count(f) == len(expected) == 14
    assert list(bq.ordered_ids(f)) == expected
    assert [r.id for r in bq.page(f, 0, 5)] + [r.id for r in bq.page(f, 5, 100)] == expected
    rows = bq.rows_by_id(expected[:3])
    assert set(rows) == set(expected[:3]) and all(r.thumbnail for r in rows.values())
    groups = bq.month_groups(f)
    assert sum(g.count for g in groups) == 14
    assert [g.key for g in groups] == sorted((g.key for g in groups), reverse=True)


def test_filters(library):
    dog = bq.GalleryFilter(bq.TAG, "dog")
    assert bq.count(dog) == 2
    search = bq.GalleryFilter(bq.SEARCH, "dog")
    assert list(bq.ordered_ids(search)) == [i.id for i in search_query("dog")]
    lennon = Person.get(Person.name == "John Lennon")
    assert bq.count(bq.GalleryFilter(bq.PERSON, lennon.id)) == 2
    folder = bq.folders_listing()[0]
    assert folder.count == 14 and folder.sample_thumbnail
    assert bq.count(bq.GalleryFilter(bq.FOLDER, folder.id)) == 14


@pytest.mark.parametrize("window", [3, 20_000])
def test_a_gallerys_head_is_the_start_of_the_gallery(library, monkeypatch, window):
    """``gallery_head`` (what a gallery paints first) is the start of ``gallery_index``, with
    the months of those photos, for every kind of gallery, also where the newest photos
    tested hold fewer matches than asked for."""
    from pictopy_desktop.library.read_model import browse

    monkeypatch.setattr(browse, "RECENT_WINDOW", window)
    lennon = Person.get(Person.name == "John Lennon")
    ranked = tuple(reversed(bq.ordered_ids(bq.GalleryFilter())))
    filters = [
        bq.GalleryFilter(),
        bq.GalleryFilter(bq.SEARCH, "dog"),
        bq.GalleryFilter(bq.SEARCH, "jpg"),
        bq.GalleryFilter(bq.SEARCH, "nothing-like-this"),
        bq.GalleryFilter(bq.TAG, "person"),
        bq.GalleryFilter(bq.PERSON, lennon.id),
        bq.GalleryFilter(bq.FOLDER, bq.folders_listing()[0].id),
        bq.GalleryFilter(bq.RANKED, ranked),
    ]
    for f in filters:
        ids, groups = bq.gallery_index(f)
        for limit in (1, 5, 300):
            head, head_groups = bq.gallery_head(f, limit)
            assert list(head) == list(ids[: len(head)]), (f, limit)
            assert len(head) <= limit
            if f.kind in (bq.ALL, bq.RANKED) or window > 14:
                assert len(head) == min(limit, len(ids)), (f, limit)
            assert sum(g.count for g in head_groups) == (len(head) if f.grouped else 0)
            for k, g in enumerate(head_groups):  # the same months; the last may go on
                assert g.key == groups[k].key
                assert g.count == groups[k].count or k == len(head_groups) - 1


def test_listings(library):
    tags = {t.label: t for t in bq.tags_listing()}
    assert tags["dog"].count == 2 and tags["dog"].sample_thumbnail
    people = bq.people_rows()
    assert [p.name for p in people[:2]] == ["John Lennon", "Steve Carell"]
    assert sum(1 for p in people if not p.has_name) == 2
    assert all(p.cover_face_id for p in people)
    assert len(bq.unknown_faces()) == bq.unknown_face_count() == 2  # longoria-cooper
    img = Image.get(Image.path.endswith("longoria-cooper.jpg"))
    details = bq.image_details(img.id)
    assert len(details.faces) == 2 and details.width == 293
    assert "person" in dict(details.tags)


def test_album_operations(library):
    ids = [i.id for i in Image.select(Image.id).limit(3)]
    album_id = albums.create_album("  Holiday   2019 ", ids[:2]).value
    assert bq.albums_listing()[0].name == "Holiday 2019"
    assert albums.add_to_album(album_id, ids).value == 1  # two were there already
    assert bq.count(bq.GalleryFilter(bq.ALBUM, album_id)) == 3
    assert albums.remove_from_album(album_id, ids[:1]).value == 1
    albums.rename_album(album_id, "Summer")
    assert [(a.name, a.count) for a in bq.albums_listing()] == [("Summer", 2)]
    assert bq.count(bq.GalleryFilter(bq.SEARCH, "summer")) == 2
    with pytest.raises(albums.AlbumError):
        albums.rename_album(album_id, "   ")
    albums.delete_album(album_id)
    assert bq.albums_listing() == []
    with pytest.raises(albums.AlbumError):
        albums.add_to_album(album_id, ids)
