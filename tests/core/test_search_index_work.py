"""The search index's upkeep is linear, and search folds case beyond A-Z alike with and without it.

Work is counted in SQLite's own virtual-machine instructions (``set_progress_handler``),
which are deterministic: a photo with thousands of keywords once cost a rewrite of its
whole text per keyword (quadratic: 41 s for 7,000 keywords, the library locked meanwhile).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from pictopy_desktop.library import read_model as bq
from pictopy_desktop.library.metadata.file_metadata import FileMetadata, KeywordEntry
from pictopy_desktop.library.metadata.store import apply_file_metadata
from pictopy_desktop.storage import search_index
from pictopy_desktop.storage.database import open_database
from pictopy_desktop.storage.tables import Album, AlbumImage, Image, Keyword, Person

search_module = importlib.import_module("pictopy_desktop.library.read_model.search")


def _work(db, action) -> int:
    """SQLite instructions (in hundreds) that ``action()`` runs."""
    count = 0

    def tick() -> int:
        nonlocal count
        count += 1
        return 0

    con = db.connection()
    con.set_progress_handler(tick, 100)
    try:
        action()
    finally:
        con.set_progress_handler(None, 100)
    return count


def _keywords(tag: str, n: int) -> FileMetadata:
    return FileMetadata(keywords=[KeywordEntry(f"Tags|{tag}|word {i}") for i in range(n)])


def _store(db, image_id: int, meta: FileMetadata) -> None:
    with db.atomic():
        apply_file_metadata(Image.get_by_id(image_id), meta)


def test_keywords_are_indexed_with_work_linear_in_their_number(tmp_path: Path) -> None:
    db = open_database(tmp_path / "library.sqlite3")
    assert search_index.search_index_live(db)
    few = Image.create(path="/p/few.jpg", size=1, mtime=1.0)
    many = Image.create(path="/p/many.jpg", size=1, mtime=1.0)
    # Indexing: four times the keywords, four times the work (it was sixteen).
    small = _work(db, lambda: _store(db, few.id, _keywords("few", 750)))
    large = _work(db, lambda: _store(db, many.id, _keywords("many", 3000)))
    assert large < 5 * small, (small, large)
    # A sidecar read again: its keywords replaced as a whole, as linear.
    reread = _work(db, lambda: _store(db, many.id, _keywords("again", 3000)))
    assert reread < 10 * small, (small, reread)
    # Keywords edited one by one cost the same beside 750 keywords as beside 3,000 (once
    # each a rewrite of the photo's whole text).
    edits = []
    for image in (few, many):
        chosen = list(Keyword.select().where(Keyword.image == image.id).limit(50))

        def edit(chosen: list[Keyword] = chosen) -> None:
            for n, kw in enumerate(chosen):
                with db.atomic():
                    kw.path = f"Tags|edited {n}"
                    kw.save()

        edits.append(_work(db, edit))
    assert edits[1] < 2 * edits[0], edits
    # The index holds one row per photo (its own text) and one per keyword: nothing rewritten.
    rows = db.execute_sql(f"SELECT COUNT(*) FROM {search_index.KEYWORD_TABLE}").fetchone()[0]
    assert rows == Keyword.select().count() == 3750
    text = db.execute_sql(
        f"SELECT text FROM {search_index.TABLE} WHERE rowid = ?", [many.id]
    ).fetchone()[0]
    assert text == "/p/many.jpg\n\n"
    assert list(bq.ordered_ids(bq.GalleryFilter(bq.SEARCH, "again|word 2999"))) == [many.id]
    assert set(bq.ordered_ids(bq.GalleryFilter(bq.SEARCH, "edited"))) == {few.id, many.id}
    # A photo deleted (its keywords go by the foreign key's cascade): its index rows go too.
    Image.delete().where(Image.id == many.id).execute()
    rows = db.execute_sql(f"SELECT COUNT(*) FROM {search_index.KEYWORD_TABLE}").fetchone()[0]
    assert rows == Keyword.select().count() == 750
    assert list(bq.ordered_ids(bq.GalleryFilter(bq.SEARCH, "again"))) == []
    db.close()


def test_a_library_indexed_the_first_v6_way_is_reindexed_at_open(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    db = open_database(path)
    img = Image.create(path="/p/a.jpg", size=1, mtime=1.0)
    Keyword.create(image=img, name="Paris", path="Places|Paris")
    # The first v6 index kept keywords in the photo's row, by per-keyword triggers.
    db.execute_sql("CREATE TRIGGER keyword_text_insert AFTER INSERT ON keyword BEGIN SELECT 1; END")
    assert not search_index.search_index_live(db)
    db.close()
    db = open_database(path)
    assert search_index.search_index_live(db)
    names = {n for (n,) in db.execute_sql("SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert "keyword_text_insert" not in names
    assert list(bq.ordered_ids(bq.GalleryFilter(bq.SEARCH, "paris"))) == [img.id]
    db.close()


# Words in other alphabets and their capitals, and letters whose case Unicode and
# SQLite's FTS5 tables fold differently (final sigma, long s, Cherokee, Georgian, Kelvin).
NAMES = [
    "Éclair_12.jpg",
    "éclair-small.jpg",
    "ÉCLAIR.JPG",
    "Zoë.jpg",
    "ΣΊΣΥΦΟΣ.jpg",
    "σίσυφος.jpg",
    "Москва.jpg",
    "straße.jpg",
    "ſtraſſe.jpg",
    "ᏣᎳᎩ.jpg",
    "ꮳꮃꭹ.jpg",
    "ᲗᲑᲘᲚᲘᲡᲘ.jpg",
    "თბილისი.jpg",
    "\u212aelvin.jpg",
    "kelvin.jpg",
    "İstanbul.jpg",
    "plain.jpg",
]
QUERIES = [
    "Éclair",
    "éclair",
    "ÉCLAIR",
    "clair",
    "Ünï",
    "ünï-0",
    "ZOË",
    "zoë",
    "σίσυφος",
    "ΣΊΣ",
    "москва",
    "МОСКВА",
    "STRASSE",
    "straße",
    "ꮳꮃꭹ",
    "ᏣᎳᎩ",
    "თბილისი",
    "ᲗᲑᲘᲚᲘᲡᲘ",
    "kelvin",
    "\u212aELVIN",
    "istanbul",
    "İSTANBUL",
    "jpg",
]


def _scanned(monkeypatch: pytest.MonkeyPatch, query: str) -> list[int]:
    with monkeypatch.context() as m:
        m.setattr(search_module, "search_index_live", lambda db: False)
        return list(bq.ordered_ids(bq.GalleryFilter(bq.SEARCH, query)))


def test_search_folds_case_in_every_alphabet_alike_with_and_without_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_database(tmp_path / "library.sqlite3")
    ids = {}
    with db.atomic():
        for i, name in enumerate(NAMES):
            ids[name] = Image.create(path=f"/photos/{name}", size=1, mtime=1e9 + i).id
        plain = Image.get_by_id(ids["plain.jpg"])
        Keyword.create(image=plain, name="Ünï-0", path="Tags|Ünï-0")
        Image.update(title="Zoë am Strand").where(Image.id == plain.id).execute()
        person = Person.create(name="Zoë", user_named=True)
        album = Album.create(name="ÉTÉ")
        AlbumImage.create(album=album, image=plain)
    assert search_index.search_index_live(db)

    def found(query: str) -> set[str]:
        return {
            n for n, i in ids.items() if i in bq.ordered_ids(bq.GalleryFilter(bq.SEARCH, query))
        }

    assert found("Éclair") == {"Éclair_12.jpg", "éclair-small.jpg", "ÉCLAIR.JPG"}
    assert found("Ünï") == {"plain.jpg"}  # the keyword "Ünï-0"
    assert found("ZOË") == {"Zoë.jpg", "plain.jpg"}  # a file name and a title
    assert found("σίσυφος") == {"ΣΊΣΥΦΟΣ.jpg", "σίσυφος.jpg"}
    assert found("москва") == {"Москва.jpg"}
    assert found("été") == {"plain.jpg"}  # the album
    for query in QUERIES:
        assert list(bq.ordered_ids(bq.GalleryFilter(bq.SEARCH, query))) == _scanned(
            monkeypatch, query
        ), query
    assert person.id and db.execute_sql("SELECT pictopy_fold('ÉTÉ Zoë')").fetchone() == ("été zoë",)
    db.close()
