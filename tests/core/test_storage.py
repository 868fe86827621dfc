"""Storage: WAL, foreign keys, migrations up, refusal of newer schemas, settings."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from pictopy_desktop.settings import Settings, load_settings, save_settings
from pictopy_desktop.storage.database import open_database
from pictopy_desktop.storage.migrations import LATEST_VERSION, schema_version
from tests.old_schemas import strip_v6


def test_fresh_database_is_wal_with_foreign_keys(tmp_path: Path) -> None:
    db = open_database(tmp_path / "lib.db")
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert schema_version(db) == LATEST_VERSION
    db.close()


def test_v1_database_is_upgraded_on_open(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    open_database(path).close()
    # Make it look like a library written by schema v1 (before favourites, places, videos).
    con = sqlite3.connect(path)
    strip_v6(con)
    # Schema v5 columns and tables (rotation, ratings, keywords...).
    con.execute("DROP INDEX IF EXISTS image_rating")
    con.execute("DROP TABLE keyword")
    for column in (
        "rotation",
        "rating",
        "color_label",
        "title",
        "utc_offset_min",
        "companion_path",
    ):
        con.execute(f"ALTER TABLE image DROP COLUMN {column}")
    con.execute("ALTER TABLE face DROP COLUMN source")
    for index in ("image_favourite", "image_phash", "image_presence", "image_device_inode"):
        con.execute(f"DROP INDEX IF EXISTS {index}")
    con.execute("DROP TABLE trash_record")
    con.execute("DROP TABLE tag_exclusion")
    con.execute("ALTER TABLE library_folder DROP COLUMN device")
    v4 = ("device", "inode", "ctime", "presence", "missing_since")
    for column in (
        "favourite",
        "latitude",
        "longitude",
        "description",
        "phash",
        "media_type",
        "duration_s",
        *v4,
    ):
        con.execute(f"ALTER TABLE image DROP COLUMN {column}")
    for column in ("sharpness", "frame_time_s"):
        con.execute(f"ALTER TABLE face DROP COLUMN {column}")
    con.execute(
        "INSERT INTO image (path, size, mtime, orientation, state, added_at) VALUES ('/p/a.jpg', 1, 1.0, 1, 'waiting', '2020-01-01')"
    )
    con.execute(
        "INSERT INTO person (name, user_named, hidden, created_at) VALUES ('Ann', 1, 0, '2020-01-01')"
    )
    con.execute(
        "INSERT INTO face (image_id, x1, y1, x2, y2, score, person_id, confirmed, ignored) VALUES (1, 0, 0, 9, 9, 0.9, 1, 1, 0)"
    )
    con.execute(
        "INSERT INTO object_tag (image_id, label, confidence, x1, y1, x2, y2) VALUES (1, 'dog', 0.9, 0, 0, 9, 9)"
    )
    con.execute("INSERT INTO album (name, created_at) VALUES ('Trip', '2020-01-01')")
    con.execute(
        "INSERT INTO album_image (album_id, image_id, added_at) VALUES (1, 1, '2020-01-01')"
    )
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()

    db = open_database(path)
    assert schema_version(db) == LATEST_VERSION
    from pictopy_desktop.storage.tables import Image

    img = Image.get(Image.path == "/p/a.jpg")  # data survived the upgrade
    assert img.favourite is False and img.media_type == "photo" and img.latitude is None
    # Rebuilding tables during the upgrade must not cascade-delete what hangs off them.
    from pictopy_desktop.storage.tables import AlbumImage, Face, ObjectTag

    assert Face.get(Face.image == img.id).person.name == "Ann"
    assert ObjectTag.get(ObjectTag.image == img.id).label == "dog"
    assert AlbumImage.select().where(AlbumImage.image == img.id).count() == 1
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    db.close()


def test_cascade_deletes(tmp_path: Path) -> None:
    from pictopy_desktop.storage.tables import Face, Image, ObjectTag

    db = open_database(tmp_path / "lib.db")
    img = Image.create(path="/x.jpg", size=1, mtime=1.0)
    ObjectTag.create(image=img, label="dog", confidence=0.9, x1=0, y1=0, x2=1, y2=1)
    Face.create(image=img, x1=0, y1=0, x2=1, y2=1, score=0.9)
    img.delete_instance()
    assert ObjectTag.select().count() == 0 and Face.select().count() == 0
    db.close()


def test_settings_roundtrip_keeps_unknown_keys(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"model_set": "reference", "from_the_future": 1}))
    s = load_settings(path)
    assert s.model_set == "reference" and s.extra == {"from_the_future": 1}
    s.recluster_every_photos = 50
    save_settings(s, path)
    again = json.loads(path.read_text())
    assert again["recluster_every_photos"] == 50 and again["from_the_future"] == 1


@pytest.mark.allow_log(r"^Settings file .* is unreadable .*; using defaults$")
def test_corrupt_settings_fall_back_to_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{ not json")
    assert load_settings(path) == Settings()
    assert path.with_suffix(".corrupt.json").exists()
