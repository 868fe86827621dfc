"""A full-text index of each photo's words (schema v6): SQLite FTS5 with the trigram tokenizer.

Search matches any part of a file's path, title, caption or keyword paths ("ogs" finds
"dogs"), which a plain index cannot serve: without these tables every search read every
row. ``image_text`` holds one row per photo (rowid = image id) with its path, title and
caption joined by newlines; ``keyword_text`` one row per keyword (rowid = keyword id) with
its path. A trigram index finds the rows holding every three-character piece of a word.
It only narrows the candidates: search still applies its own test to them, so results
are exactly those of a scan.

Triggers keep both in step with ``image`` and ``keyword`` for every write, one index row
per written row. The index is trusted only while its triggers exist: where SQLite lacks
FTS5 or the trigram tokenizer (older than 3.34) the tables are not made (or their triggers
are dropped, so writes keep working) and search scans instead; a later open with FTS5
rebuilds them.
"""

from __future__ import annotations

import logging
import sqlite3
from functools import cache

from peewee import SqliteDatabase

from pictopy_desktop.storage.text_fold import folds

log = logging.getLogger(__name__)

TABLE = "image_text"
KEYWORD_TABLE = "keyword_text"

# The indexed text of a photo ``r``: its path, title and caption.
_TEXT_SQL = (
    "{r}.path || char(10) || ifnull({r}.title, '') || char(10) || ifnull({r}.description, '')"
)


def _put(table: str, rowid: str, text: str) -> str:
    return f"INSERT INTO {table}(rowid, text) VALUES ({rowid}, {text});"


def _drop(table: str, rowid: str) -> str:
    return f"DELETE FROM {table} WHERE rowid = {rowid};"


# Every trigger touches one row of one index: a photo with thousands of keywords costs
# thousands of small writes, never a rewrite of the photo's whole text per keyword.
_TRIGGERS = {
    "image_text_insert": (
        "AFTER INSERT ON image",
        _put(TABLE, "NEW.id", _TEXT_SQL.format(r="NEW")),
    ),
    "image_text_update": (
        "AFTER UPDATE OF id, path, title, description ON image",
        _drop(TABLE, "OLD.id") + " " + _put(TABLE, "NEW.id", _TEXT_SQL.format(r="NEW")),
    ),
    "image_text_delete": ("AFTER DELETE ON image", _drop(TABLE, "OLD.id")),
    "keyword_text_on_insert": (
        "AFTER INSERT ON keyword",
        _put(KEYWORD_TABLE, "NEW.id", "NEW.path"),
    ),
    "keyword_text_on_update": (
        "AFTER UPDATE OF id, path ON keyword",
        _drop(KEYWORD_TABLE, "OLD.id") + " " + _put(KEYWORD_TABLE, "NEW.id", "NEW.path"),
    ),
    "keyword_text_on_delete": ("AFTER DELETE ON keyword", _drop(KEYWORD_TABLE, "OLD.id")),
}
# Triggers of the first v6 index (keywords joined into the photo's row, rewritten per
# keyword: quadratic). A library that still has them is re-indexed at open.
_RETIRED_TRIGGERS = ("keyword_text_insert", "keyword_text_update", "keyword_text_delete")

_available: bool | None = None


def fts_available(db: SqliteDatabase) -> bool:
    """True when this SQLite has FTS5 with the trigram tokenizer (3.34 or newer)."""
    global _available
    if _available is None:
        try:
            db.execute_sql(
                "CREATE VIRTUAL TABLE temp.pictopy_fts_probe USING fts5(x, tokenize='trigram')"
            )
            db.execute_sql("DROP TABLE temp.pictopy_fts_probe")
            _available = True
        except Exception as exc:  # sqlite3.OperationalError: no such module / tokenizer
            log.info("Search scans the library: this SQLite has no FTS5 trigram index (%s)", exc)
            _available = False
    return _available


def search_index_live(db: SqliteDatabase) -> bool:
    """True when the index tables exist and their triggers keep them in step (search may use them)."""
    wanted = [*_TRIGGERS, *_RETIRED_TRIGGERS]
    names = {
        name
        for (name,) in db.execute_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN "
            f"({','.join('?' * len(wanted))})",
            wanted,
        ).fetchall()
    }
    return names == set(_TRIGGERS)


def create_search_index(db: SqliteDatabase) -> None:
    """Create (or rebuild) the index from every photo and keyword, with the triggers that keep it in step."""
    drop_search_triggers(db)
    for table in (TABLE, KEYWORD_TABLE):
        db.execute_sql(f"DROP TABLE IF EXISTS {table}")
        # detail=none: substring queries need no token positions, and the index is a
        # fraction of the size; search tests each candidate's text itself.
        db.execute_sql(
            f"CREATE VIRTUAL TABLE {table} USING fts5(text, tokenize='trigram', detail='none')"
        )
    db.execute_sql(
        f"INSERT INTO {TABLE}(rowid, text) SELECT image.id, {_TEXT_SQL.format(r='image')} FROM image"
    )
    db.execute_sql(f"INSERT INTO {KEYWORD_TABLE}(rowid, text) SELECT id, path FROM keyword")
    for name, (when, body) in _TRIGGERS.items():
        db.execute_sql(f"CREATE TRIGGER {name} {when} BEGIN {body} END")


def drop_search_triggers(db: SqliteDatabase) -> None:
    """Stop keeping the index (it is then stale and unused until rebuilt)."""
    for name in (*_TRIGGERS, *_RETIRED_TRIGGERS):
        db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")


def ensure_search_index(db: SqliteDatabase) -> None:
    """At open: build the index where SQLite can and it is not live; drop its triggers where SQLite can't.

    Without FTS5 a trigger naming ``image_text`` would make every write to ``image``
    fail, so the triggers go and search scans; with FTS5 again, a stale table is rebuilt.
    """
    live = search_index_live(db)
    if fts_available(db):
        if not live:
            log.info("Building the search index")
            with db.atomic():
                create_search_index(db)
    elif live:
        with db.atomic():
            drop_search_triggers(db)


def match_expression(word: str) -> str | None:
    """An FTS5 query for the rows that may contain ``word`` (already ``fold``ed); None if it can't help.

    The trigram index folds case by its own (older) Unicode tables, so a three-letter piece
    is looked up only where every letter that ``fold`` turns into its letters also folds
    alike in the index; otherwise the index could miss a row search finds by scanning. The
    pieces are ANDed: a superset of the rows holding the word, which search then tests.
    """
    unsafe = _unsafe_letters()
    pieces = {
        word[i : i + 3]
        for i in range(len(word) - 2)
        if not any(ch in unsafe for ch in word[i : i + 3])
    }
    if not pieces:
        return None
    return " AND ".join('"' + piece.replace('"', '""') + '"' for piece in sorted(pieces))


@cache
def _unsafe_letters() -> frozenset[str]:
    """Folded letters whose capitals the trigram index does not fold into them (asked of SQLite)."""
    by_target: dict[int, list[int]] = {}
    for code, target in folds().items():
        by_target.setdefault(target, []).append(code)
    con = sqlite3.connect(":memory:")
    try:
        con.execute("CREATE VIRTUAL TABLE probe USING fts5(text, tokenize='trigram')")
        codes = {c for sources in by_target.values() for c in sources} | set(by_target)
        con.executemany(
            "INSERT INTO probe(rowid, text) VALUES (?, ?)", [(c, chr(c) * 3) for c in codes]
        )
        unsafe = set()
        for target, sources in by_target.items():
            letter = chr(target)
            query = '"' + (letter * 3).replace('"', '""') + '"'
            found = {
                r for (r,) in con.execute("SELECT rowid FROM probe WHERE probe MATCH ?", [query])
            }
            if not found.issuperset(sources):
                unsafe.add(letter)
        return frozenset(unsafe)
    finally:
        con.close()
