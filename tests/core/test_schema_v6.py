"""Schema v6: the stored gallery order, the search index and People's covering index.

Each replaces a scan and must give exactly what the scan gave: the same order and months,
the same search results, the same covers, after every kind of write and after the upgrade
of a v5 library.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import random
import sqlite3
from pathlib import Path

import pytest

from pictopy_desktop.library import read_model as bq
from pictopy_desktop.library.read_model.people import _best_covers
from pictopy_desktop.people.people_store import best_cover_face
from pictopy_desktop.storage import search_index
from pictopy_desktop.storage.database import open_database
from pictopy_desktop.storage.gallery_order import stale_sort_keys
from pictopy_desktop.storage.migrations import LATEST_VERSION, schema_version
from pictopy_desktop.storage.tables import (
    Album,
    AlbumImage,
    Face,
    Image,
    Keyword,
    LibraryFolder,
    ObjectTag,
    Person,
)
from tests.old_schemas import strip_v6

# The module (``read_model.search`` is also the name of its search function).
search_module = importlib.import_module("pictopy_desktop.library.read_model.search")

# Today's order, as the gallery computed it before v6 stored it: the reference.
LEGACY_ORDER = (
    "SELECT id, strftime('%Y-%m', COALESCE(taken_at, datetime(mtime, 'unixepoch', 'localtime')))"
    " FROM image WHERE state != 'failed' AND presence != 'missing'"
    " ORDER BY COALESCE(taken_at, datetime(mtime, 'unixepoch', 'localtime')) DESC, id DESC"
)

QUERIES = [
    "dog",
    "DOG",
    "dogs",
    "ann",
    "Ann dog",
    "trip",
    "paris",
    "france",
    "places|france",
    "zürich",
    "ZÜRICH",
    "été",
    "beach sunset",
    "img_00",
    "img%1",
    "_0",
    "x",
    "00",
    "2019",
    "2019-06",
    "2020",
    "favourites",
    "favourites 2019",
    '"sunset at"',
    "nothing-like-this",
    "photos",
]


def _legacy(con) -> tuple[list[int], list[tuple[str, int]]]:
    """Gallery ids and month groups by the pre-v6 query (a sort of every row)."""
    ids, runs = [], []
    for image_id, month in con.execute(LEGACY_ORDER):
        ids.append(image_id)
        if runs and runs[-1][0] == (month or ""):
            runs[-1][1] += 1
        else:
            runs.append([month or "", 1])
    return ids, [(m, n) for m, n in runs]


def _shown(f: bq.GalleryFilter) -> tuple[list[int], list[tuple[str, int]]]:
    ids, groups = bq.gallery_index(f)
    return list(ids), [(g.key, g.count) for g in groups]


def _scanned(monkeypatch: pytest.MonkeyPatch, query: str) -> list[int]:
    """Search results with the search index switched off: every row read and tested."""
    with monkeypatch.context() as m:
        m.setattr(search_module, "search_index_live", lambda db: False)
        return list(bq.ordered_ids(bq.GalleryFilter(bq.SEARCH, query)))


def _indexed_text(db) -> tuple[dict[int, str], dict[int, str]]:
    return tuple(  # type: ignore[return-value]
        dict(db.execute_sql(f"SELECT rowid, text FROM {table}").fetchall())
        for table in (search_index.TABLE, search_index.KEYWORD_TABLE)
    )


def _expected_text(db) -> tuple[dict[int, str], dict[int, str]]:
    """What the search index should hold (photos' text, keywords' paths), from the rows themselves."""
    photos = {
        i: "\n".join([p, t or "", d or ""])
        for i, p, t, d in db.execute_sql("SELECT id, path, title, description FROM image")
    }
    return photos, dict(db.execute_sql("SELECT id, path FROM keyword").fetchall())


def _fill(db, n: int = 60, seed: int = 3) -> None:
    """Photos with EXIF dates and without, equal dates, hidden ones, and everything users give."""
    rng = random.Random(seed)
    folder = LibraryFolder.create(path="/photos")
    ann = Person.create(name="Ann", user_named=True)
    bob = Person.create(name=None)
    trip = Album.create(name="Trip to Zürich")
    for i in range(n):
        taken = None
        if i % 3:
            taken = dt.datetime(2018 + i % 3, 1 + i % 12, 1 + i % 27, i % 24, 0, 0)
            if i % 7 == 0:
                taken = dt.datetime(2019, 6, 1, 12, 0, 0)  # several photos at the same second
            if i % 11 == 0:
                taken = taken.replace(microsecond=250_000)
        img = Image.create(
            path=f"/photos/{2018 + i % 3}/IMG_{i:04d}{'_dog' if i % 5 == 0 else ''}.jpg",
            folder=folder,
            size=1000 + i,
            mtime=1.5e9 + rng.randint(0, 10**8) + 0.5,
            taken_at=taken,
            state="failed" if i == 13 else "done",
            presence="missing" if i == 17 else ("offline" if i == 19 else "present"),
            favourite=i % 4 == 0,
            title="Sunset at the beach" if i % 6 == 0 else None,
            description="Été à Zürich" if i % 8 == 0 else None,
        )
        if i % 5 == 1:
            ObjectTag.create(image=img, label="dog", confidence=0.9, x1=0, y1=0, x2=1, y2=1)
        if i % 9 == 0:
            Keyword.create(image=img, name="Paris", path="Places|France|Paris")
        if i % 4 == 2:
            Face.create(
                image=img, x1=0, y1=0, x2=10 + i, y2=10, score=0.9, person=ann, confirmed=i % 8 == 2
            )
        if i % 10 == 3:
            Face.create(image=img, x1=0, y1=0, x2=5, y2=5, score=0.8, person=bob)
        if i % 3 == 0:
            AlbumImage.create(album=trip, image=img)


def _user_data(con) -> dict[str, list]:
    return {
        "people": con.execute("SELECT id, name, user_named FROM person ORDER BY id").fetchall(),
        "faces": con.execute(
            "SELECT id, image_id, person_id, confirmed FROM face ORDER BY id"
        ).fetchall(),
        "albums": con.execute(
            "SELECT album_id, image_id FROM album_image ORDER BY album_id, image_id"
        ).fetchall(),
        "favourites": con.execute("SELECT id FROM image WHERE favourite ORDER BY id").fetchall(),
        "keywords": con.execute("SELECT image_id, path FROM keyword ORDER BY id").fetchall(),
        "images": con.execute(
            "SELECT id, path, taken_at, mtime, title, description FROM image ORDER BY id"
        ).fetchall(),
    }


def test_a_v5_library_upgrades_with_nothing_lost_and_the_same_order_and_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "library.sqlite3"
    db = open_database(path)
    with db.atomic():
        _fill(db)
    db.close()
    con = sqlite3.connect(path)
    strip_v6(con)
    con.commit()
    before = _user_data(con)
    legacy_ids, legacy_months = _legacy(con)
    con.close()

    db = open_database(path)
    assert schema_version(db) == LATEST_VERSION
    after = _user_data(db.connection())
    assert after == before  # names, faces, albums, favourites, keywords: all kept
    assert stale_sort_keys(db) == 0
    assert _shown(bq.GalleryFilter()) == (legacy_ids, legacy_months)
    assert [r.id for r in bq.page(bq.GalleryFilter(), 0, 1000)] == legacy_ids
    assert search_index.search_index_live(db)
    assert _indexed_text(db) == _expected_text(db)
    for query in QUERIES:
        found = list(bq.ordered_ids(bq.GalleryFilter(bq.SEARCH, query)))
        assert found == _scanned(monkeypatch, query), query
        # Results come in the gallery's order.
        assert found == [i for i in legacy_ids if i in set(found)], query
    paris = bq.ordered_ids(bq.GalleryFilter(bq.SEARCH, "france"))
    assert set(paris) == {i for i, _ in before["keywords"]}
    db.close()


def test_an_upgraded_library_has_the_schema_of_a_new_one(tmp_path: Path) -> None:
    def schema(con) -> set[tuple]:
        return set(
            con.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            ).fetchall()
        )

    fresh, upgraded = tmp_path / "fresh.sqlite3", tmp_path / "upgraded.sqlite3"
    open_database(fresh).close()
    open_database(upgraded).close()
    con = sqlite3.connect(upgraded)
    strip_v6(con)
    con.commit()
    con.close()
    open_database(upgraded).close()
    a, b = sqlite3.connect(fresh), sqlite3.connect(upgraded)
    # The column added by ALTER TABLE is spelled differently in the table's SQL; the rest is equal.
    strip = lambda rows: {r for r in rows if r[:2] != ("table", "image")}  # noqa: E731
    assert strip(schema(a)) == strip(schema(b))
    assert [c[1:3] for c in a.execute("PRAGMA table_info(image)")] == [
        c[1:3] for c in b.execute("PRAGMA table_info(image)")
    ]
    a.close()
    b.close()


def test_whole_gallery_months_match_a_scan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = open_database(tmp_path / "library.sqlite3")
    with db.atomic():
        _fill(db)
        # A month whose only photo is hidden, and a file time SQLite can't make a date of.
        Image.create(path="/p/lost.jpg", size=1, mtime=1.0, taken_at=dt.datetime(2030, 5, 1))
        Image.update(presence="missing").where(Image.path == "/p/lost.jpg").execute()
        Image.create(path="/p/far-future.jpg", size=1, mtime=1e20)
    legacy = _legacy(db.connection())
    assert legacy[1][-1] == ("", 1)  # the undated photo: last, under "Unknown date"
    assert _shown(bq.GalleryFilter()) == legacy
    monkeypatch.setattr(bq.browse, "_NUMPY_FROM", 0)  # a big library's parse of the ids
    assert _shown(bq.GalleryFilter()) == legacy
    folder = LibraryFolder.get()
    in_folder = bq.GalleryFilter(bq.FOLDER, folder.id)
    assert _shown(in_folder)[0] == [i for i in legacy[0] if Image.get_by_id(i).folder_id]
    db.close()


def _sidecar(photo: Path, taken: str, title: str, keyword: str) -> None:
    photo.with_name(photo.name + ".xmp").write_text(
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF'
        ' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:exif="http://ns.adobe.com/exif/1.0/">'
        f"<exif:DateTimeOriginal>{taken}</exif:DateTimeOriginal>"
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>'
        f"<dc:subject><rdf:Bag><rdf:li>{keyword}</rdf:li></rdf:Bag></dc:subject>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>",
        encoding="utf-8",
    )


def test_order_and_search_text_follow_every_write(
    data_dir: Path, no_models: Path, photo_copy, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pictopy_desktop.library.service import Library

    folder = photo_copy("darknet", "openface/adams.jpg")
    photos = sorted(folder.rglob("*.jpg"))

    def in_step(lib: Library) -> None:
        db = lib.db
        assert stale_sort_keys(db) == 0
        assert _shown(bq.GalleryFilter()) == _legacy(db.connection())
        assert _indexed_text(db) == _expected_text(db)
        for query in ("dog", "jpg", "holiday", "beach", "2011", "ada"):
            assert list(bq.ordered_ids(bq.GalleryFilter(bq.SEARCH, query))) == _scanned(
                monkeypatch, query
            ), query

    with Library() as lib:
        lib.index([folder])  # new photos: inserts
        assert Image.select().count() == len(photos)
        in_step(lib)
        # Photos without an EXIF date: sorted by their file time, which the writes below change.
        undated = [p for p in photos if Image.get(Image.path == str(p)).taken_at is None]
        dated = [p for p in photos if p not in undated]
        assert len(undated) >= 3 and dated
        # The file changed (its time): the rescan updates mtime.
        os.utime(undated[0], (1.2e9, 1.2e9))
        lib.index([folder])
        assert Image.get(Image.path == str(undated[0])).mtime == 1.2e9
        in_step(lib)
        # A sidecar came: the metadata re-read sets the date, a title and a keyword.
        _sidecar(undated[1], "2011-07-04T10:00:00", "Beach holiday", "Trips|Holiday")
        lib.index([folder])
        row = Image.get(Image.path == str(undated[1]))
        assert row.taken_at == dt.datetime(2011, 7, 4, 10) and row.title == "Beach holiday"
        assert row.sort_key == "2011-07-04 10:00:00"
        in_step(lib)
        # Moved inside the library: the path changes, the photo stays.
        moved = folder / "renamed-adams.jpg"
        (folder / "adams.jpg").rename(moved)
        lib.index([folder])
        assert Image.get_or_none(Image.path == str(moved)) is not None
        in_step(lib)
        # Keywords edited and removed, a caption written, a date set and cleared, a photo deleted.
        with lib.db.atomic():
            kw = Keyword.get()
            kw.path = "Trips|Beach"
            kw.save()
            Image.update(description="Beach day").where(Image.id == row.id).execute()
            Image.update(taken_at=dt.datetime(1999, 1, 1)).where(
                Image.path == str(undated[2])
            ).execute()
        in_step(lib)
        with lib.db.atomic():
            Keyword.delete().execute()
            Image.update(taken_at=None).where(Image.path == str(undated[2])).execute()
            Image.get(Image.path == str(dated[0])).delete_instance(recursive=True)
        in_step(lib)


def test_without_fts5_search_scans_and_writes_still_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "library.sqlite3"
    db = open_database(path)
    with db.atomic():
        _fill(db, n=20)
    db.close()
    # An SQLite without FTS5 (or older than 3.34): the index's triggers go, so writes work.
    monkeypatch.setattr(search_index, "_available", False)
    db = open_database(path)
    assert not search_index.search_index_live(db)
    Image.create(path="/photos/new_dog.jpg", size=1, mtime=1.6e9, title="Dog park")
    Image.update(title="Dogs").where(Image.id == 1).execute()
    found = list(bq.ordered_ids(bq.GalleryFilter(bq.SEARCH, "dog")))
    assert Image.get(Image.path == "/photos/new_dog.jpg").id in found and 1 in found
    db.close()
    # FTS5 again: the stale index is rebuilt at open, with every change made meanwhile.
    monkeypatch.setattr(search_index, "_available", True)
    db = open_database(path)
    assert search_index.search_index_live(db)
    assert _indexed_text(db) == _expected_text(db)
    assert list(bq.ordered_ids(bq.GalleryFilter(bq.SEARCH, "dog"))) == found
    db.close()


def test_people_covers_follow_the_cover_rule(tmp_path: Path) -> None:
    db = open_database(tmp_path / "library.sqlite3")
    rng = random.Random(5)
    with db.atomic():
        img = Image.create(path="/p/a.jpg", size=1, mtime=1.0)
        people = [Person.create(name=f"P{k}") for k in range(12)]
        for _ in range(300):
            side = rng.choice([10, 20, 30])  # equal sizes and scores: ties broken by id
            Face.create(
                image=img,
                x1=0,
                y1=0,
                x2=side,
                y2=side,
                score=rng.choice([0.5, 0.9]),
                person=rng.choice(people),
                confirmed=rng.random() < 0.05,
                ignored=rng.random() < 0.1,
            )
    ids = [p.id for p in people]
    expected = {pid: best_cover_face(pid) for pid in ids}
    assert _best_covers(ids) == {pid: fid for pid, fid in expected.items() if fid is not None}
    plan = db.execute_sql(
        "EXPLAIN QUERY PLAN SELECT f.id FROM face AS f WHERE f.person_id = 1 AND f.ignored = 0"
        " ORDER BY f.confirmed DESC, (f.x2 - f.x1) * (f.y2 - f.y1) * f.score DESC, f.id LIMIT 1"
    ).fetchall()
    assert "face_person_cover" in str(plan) and "TEMP B-TREE" not in str(plan)
    db.close()


def test_the_gallery_is_read_in_index_order(tmp_path: Path) -> None:
    db = open_database(tmp_path / "library.sqlite3")
    sql, params = (
        bq.filtered(bq.GalleryFilter()).select(Image.id).order_by(*bq.browse.NEWEST_FIRST).sql()
    )
    plan = str(db.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall())
    assert "COVERING INDEX image_sort_key_id_state_presence" in plan and "TEMP B-TREE" not in plan
    db.close()
