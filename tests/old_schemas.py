"""Turn a fresh library back into an older schema, for the tests of upgrades."""

from __future__ import annotations

import sqlite3

V6_TRIGGERS = (
    "image_sort_key_insert",
    "image_sort_key_update",
    "image_text_insert",
    "image_text_update",
    "image_text_delete",
    "keyword_text_on_insert",
    "keyword_text_on_update",
    "keyword_text_on_delete",
)


def strip_v6(con: sqlite3.Connection) -> None:
    """Remove what schema v6 added (sort key, search index, covering indexes): a v5 library."""
    for trigger in V6_TRIGGERS:
        con.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    con.execute("DROP TABLE IF EXISTS image_text")
    con.execute("DROP TABLE IF EXISTS keyword_text")
    con.execute("DROP INDEX IF EXISTS image_sort_key_id_state_presence")
    con.execute("DROP INDEX IF EXISTS face_person_cover")
    con.execute("ALTER TABLE image DROP COLUMN sort_key")
    con.execute("PRAGMA user_version = 5")
