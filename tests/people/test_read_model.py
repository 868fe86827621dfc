"""One read model for the app and the CLI: the same people, in the same order, with the same covers."""

from __future__ import annotations

import json

from pictopy_desktop.library import read_model
from pictopy_desktop.people import people_service as ps
from pictopy_desktop.storage.tables import Face, Person

PERSON_KEYS = [
    "id",
    "name",
    "user_named",
    "hidden",
    "cover_face_id",
    "face_count",
    "photo_count",
    "confirmed_count",
    "faces",
]
FACE_KEYS = ["id", "image", "box", "score", "confirmed", "low_quality"]


def test_people_come_named_by_the_user_first_then_by_photo_count(library, faces):
    small = ps.move_face(faces.photo("ann")[0], None).value
    big = ps.move_face(faces.photo("bob")[0], None).value
    ps.move_face(faces.photo("bob")[0], big)
    named = ps.name_face(faces.photo("cat")[0], "Cat").value
    # A name the user never gave (nothing in the app sets one, but a row may hold it) is not "named".
    Person.update(name="Ghost").where(Person.id == small).execute()
    rows = read_model.people_rows()
    assert [r.id for r in rows] == [named, big, small]
    assert sorted(rows, key=read_model.people_order) == rows  # the People view re-sorts with this


def test_a_person_without_a_chosen_cover_shows_their_best_face(library, faces):
    first = faces.photo("dan")[0]
    pid = ps.move_face(first, None).value
    confirmed_small = faces.photo("dan")[0]
    ps.move_face(confirmed_small, pid)
    Face.update(x2=Face.x1 + 10).where(Face.id == confirmed_small).execute()
    Face.update(confirmed=False).where(Face.id == first).execute()
    Person.update(cover_face_id=None).where(Person.id == pid).execute()
    (row,) = read_model.people_rows()
    assert row.cover_face_id == confirmed_small  # confirmed beats larger
    assert row.to_dict()["cover_face_id"] == confirmed_small


def test_unknown_faces_come_largest_first_and_are_counted_once(library, faces):
    small, large = faces.photo("eve", "fay")
    Face.update(x2=Face.x1 + 20, y2=Face.y1 + 20).where(Face.id == small).execute()
    assert [f.id for f in read_model.unknown_faces()][:2] == [large, small]
    assert read_model.unknown_face_count() == 2


def test_the_cli_prints_the_records_in_the_documented_shape(library, faces, data_dir, capsys):
    from pictopy_desktop.cli import main

    pid = ps.name_face(faces.photo("gus")[0], "Gus").value
    expected = [p.to_dict() for p in read_model.people_rows(with_faces=True)]
    assert list(expected[0]) == PERSON_KEYS and list(expected[0]["faces"][0]) == FACE_KEYS
    assert main(["--data-dir", str(data_dir), "people", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(json.dumps(expected)) and printed[0]["id"] == pid
