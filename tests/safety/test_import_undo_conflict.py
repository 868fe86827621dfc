"""An import is one undo step, and never moves a face the user confirmed as a named person."""

from __future__ import annotations

import json
from pathlib import Path

from pictopy_desktop.cli import main
from pictopy_desktop.storage.database import open_database
from pictopy_desktop.storage.tables import Album, Face, FaceExclusion, Image, Person, UndoEntry
from tests.safety.library_rows import content_hash, export_of, face_ref, make_library, snapshot

# What an import may change; undo must give these back exactly (undo_entry and meta are the journal itself).
RESTORED = ("library_folder", "image", "person", "face", "face_exclusion", "album", "album_image")


def test_import_is_one_undo_step_and_reports_the_conflict(tmp_path: Path, capsys) -> None:
    library = make_library(tmp_path / "data", count=5)
    data_dir = str(library.parent)
    before = snapshot(library)
    export = export_of(
        people=[
            {
                "name": "Ann",
                "hidden": False,
                "faces": [{**face_ref(1), "cover": True}, face_ref(2), face_ref(3)],
            }
        ],
        not_faces=[face_ref(4)],
        albums=[
            {"name": "Trip", "images": [content_hash(2), content_hash(3)]},
            {"name": "Local", "images": [content_hash(1), content_hash(2)]},
        ],
        favourites=[content_hash(3), content_hash(99)],
    )
    file = tmp_path / "names.json"
    file.write_text(json.dumps(export))

    assert main(["--data-dir", data_dir, "import", str(file), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (
        report["faces_assigned"] == 2 and report["album_photos"] == 4 and report["not_found"] == 1
    )
    (conflict,) = report["conflicts"]
    assert (
        conflict["library"] == "confirmed as Bob"
        and conflict["file"] == "Ann"
        and conflict["image"] == content_hash(1)
    )

    db = open_database(library)
    bob, ann = Person.get(Person.name == "Bob"), Person.get(Person.name == "Ann")
    photo = {i: Image.get(Image.content_hash == content_hash(i)) for i in range(1, 6)}
    face = {i: Face.get(Face.image == photo[i].id) for i in range(1, 6)}
    assert face[1].person_id == bob.id and face[1].confirmed  # the user's word stands
    assert face[2].person_id == ann.id and face[3].person_id == ann.id and face[2].confirmed
    assert face[4].ignored and face[4].person_id is None
    assert ann.cover_face_id in (
        face[2].id,
        face[3].id,
    )  # the file's cover was Bob's face: not taken
    assert Album.get(Album.name == "Trip").entries.count() == 2
    assert Album.get(Album.name == "Local").entries.count() == 2
    assert photo[3].favourite and not photo[2].favourite
    assert UndoEntry.select().count() == 1
    db.close()

    imported = snapshot(library)
    assert main(["--data-dir", data_dir, "people", "undo"]) == 0
    assert "Import" in capsys.readouterr().out
    after = snapshot(library)
    assert {t: after[t] for t in RESTORED} == {t: before[t] for t in RESTORED}  # exactly as before

    # Redo puts the whole import back, albums and favourites included; undo takes it away again.
    assert main(["--data-dir", data_dir, "people", "redo"]) == 0
    redone = snapshot(library)
    assert {t: redone[t] for t in RESTORED} == {t: imported[t] for t in RESTORED}
    assert main(["--data-dir", data_dir, "people", "undo"]) == 0
    capsys.readouterr()
    after = snapshot(library)
    assert {t: after[t] for t in RESTORED} == {t: before[t] for t in RESTORED}
    db = open_database(library)
    assert UndoEntry.select().count() == 0
    assert FaceExclusion.select().count() == 0
    db.close()


def test_import_leaves_faces_taken_out_of_a_person_out_and_confirmed_faces_faces(
    tmp_path: Path, capsys
) -> None:
    library = make_library(tmp_path / "data")
    db = open_database(library)
    bob = Person.get(Person.name == "Bob")
    face2 = Face.get(Face.image == Image.get(Image.content_hash == content_hash(2)).id)
    FaceExclusion.create(face=face2.id, person=bob.id)  # the user took this face out of Bob
    db.close()
    file = tmp_path / "names.json"
    file.write_text(
        json.dumps(
            export_of(people=[{"name": "Bob", "faces": [face_ref(2)]}], not_faces=[face_ref(1)])
        )
    )
    before = snapshot(library)
    assert main(["--data-dir", str(library.parent), "import", str(file)]) == 0
    out = capsys.readouterr().out
    assert "taken out of Bob" in out and "(confirmed as Bob); the file says not a face" in out
    assert "people undo" not in out  # nothing changed, nothing to undo
    assert snapshot(library) == before


def test_importing_the_same_file_twice_changes_nothing_the_second_time(
    tmp_path: Path, capsys
) -> None:
    library = make_library(tmp_path / "data")
    file = tmp_path / "names.json"
    file.write_text(
        json.dumps(
            export_of(
                people=[{"name": "Ann", "faces": [face_ref(2)]}],
                albums=[{"name": "Trip", "images": [content_hash(2)]}],
            )
        )
    )
    assert main(["--data-dir", str(library.parent), "import", str(file)]) == 0
    capsys.readouterr()
    once = snapshot(library)
    assert main(["--data-dir", str(library.parent), "import", str(file), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["faces_assigned"] == 1 and report["album_photos"] == 1 and not report["undoable"]
    assert snapshot(library) == once  # no second person, album or undo step
