"""A full-text index of each photo's words (schema v6): SQLite FTS5 with the trigram tokenizer.

Search matches any part of a file's path, title, caption or keyword paths ("ogs" finds
"dogs"), which a plain index cannot serve: without this table every search read every
row. ``image_text`` holds one row per photo (rowid = image id) with those texts joined
by newlines; a trigram index answers ``text LIKE '%word%'`` from the index for words of
three characters or more. It only narrows the candidates: search still applies its own
test to them, so results are exactly those of a scan.

Triggers keep it in step with ``image`` and ``keyword`` for every write. The index is
trusted only while its triggers exist: where SQLite lacks FTS5 or the trigram tokenizer
(older than 3.34) the table is not made (or its triggers are dropped, so writes keep
working) and search scans instead; a later open with FTS5 rebuilds it.
"""

from __future__ import annotations

import logging

from peewee import SqliteDatabase

log = logging.getLogger(__name__)

TABLE = "image_text"

# The indexed text of a photo ``r``: path, title, caption and its keyword paths.
_TEXT_SQL = (
    "{r}.path || char(10) || ifnull({r}.title, '') || char(10) || ifnull({r}.description, '')"
    " || char(10) || ifnull((SELECT group_concat(k.path, char(10)) FROM keyword k"
    " WHERE k.image_id = {r}.id), '')"
)


def _refresh(image_id: str) -> str:
    """Statements that re-index the photo ``image_id`` (an SQL expression); none if it is gone."""
    return (
        f"DELETE FROM {TABLE} WHERE rowid = {image_id}; "
        f"INSERT INTO {TABLE}(rowid, text) SELECT i.id, {_TEXT_SQL.format(r='i')} "
        f"FROM image i WHERE i.id = {image_id};"
    )


_TRIGGERS = {
    "image_text_insert": ("AFTER INSERT ON image", _refresh("NEW.id")),
    "image_text_update": ("AFTER UPDATE OF path, title, description ON image", _refresh("NEW.id")),
    "image_text_delete": ("AFTER DELETE ON image", f"DELETE FROM {TABLE} WHERE rowid = OLD.id;"),
    "keyword_text_insert": ("AFTER INSERT ON keyword", _refresh("NEW.image_id")),
    "keyword_text_update": (
        "AFTER UPDATE ON keyword",
        _refresh("OLD.image_id") + " " + _refresh("NEW.image_id"),
    ),
    "keyword_text_delete": ("AFTER DELETE ON keyword", _refresh("OLD.image_id")),
}

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
    """True when ``image_text`` exists and its triggers keep it in step (search may use it)."""
    names = {
        name
        for (name,) in db.execute_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN "
            f"({','.join('?' * len(_TRIGGERS))})",
            list(_TRIGGERS),
        ).fetchall()
    }
    return len(names) == len(_TRIGGERS)


def create_search_index(db: SqliteDatabase) -> None:
    """Create (or rebuild) ``image_text`` from every photo, with the triggers that keep it in step."""
    drop_search_triggers(db)
    db.execute_sql(f"DROP TABLE IF EXISTS {TABLE}")
    # detail=none: substring (LIKE) queries need no token positions, and the index is a
    # fraction of the size; FTS5 checks each candidate's text itself.
    db.execute_sql(
        f"CREATE VIRTUAL TABLE {TABLE} USING fts5(text, tokenize='trigram', detail='none')"
    )
    db.execute_sql(
        f"INSERT INTO {TABLE}(rowid, text) SELECT image.id, {_TEXT_SQL.format(r='image')} FROM image"
    )
    for name, (when, body) in _TRIGGERS.items():
        db.execute_sql(f"CREATE TRIGGER {name} {when} BEGIN {body} END")


def drop_search_triggers(db: SqliteDatabase) -> None:
    """Stop keeping ``image_text`` (it is then stale and unused until rebuilt)."""
    for name in _TRIGGERS:
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
