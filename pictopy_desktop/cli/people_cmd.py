"""`pictopy people`: list people, and correct them (rename, merge, move, remove, hide, cover, undo).

Every correction is one transaction and can be undone with `pictopy people undo`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from pictopy_desktop.cli.common import fail, open_library, plural, print_json
from pictopy_desktop.errors import PictoPyError
from pictopy_desktop.library import read_model
from pictopy_desktop.people.face_quality import thresholds_for


def _person_id(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a person id: {text!r} (ids are numbers; see `pictopy people`)"
        ) from None


def _face_id(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a face id: {text!r} (see `pictopy people --json`)"
        ) from None


def _person_or_new(text: str) -> int | None:
    if text.lower() == "new":
        return None
    return _person_id(text)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "people",
        help="people found in photos; rename, merge, move faces, undo",
        description="List the people found in your photos, or correct them. Every correction can be undone.",
    )
    p.add_argument(
        "--json", action="store_true", help="print JSON (ids, names, faces with photo and box)"
    )
    p.add_argument("--hidden", action="store_true", help="include hidden people")
    p.set_defaults(handler=run_list)
    psub = p.add_subparsers(dest="people_command", metavar="ACTION")

    def action(
        name: str, help_text: str, handler: Callable[[argparse.Namespace], int]
    ) -> argparse.ArgumentParser:
        a = psub.add_parser(name, help=help_text, description=help_text)
        a.add_argument("--json", action="store_true", help="print the people afterwards as JSON")
        a.set_defaults(handler=handler)
        return a

    a = action("rename", "give a person a name", run_rename)
    a.add_argument("person", type=_person_id, metavar="ID")
    a.add_argument("name", nargs="+", metavar="NAME")
    a = action("merge", "merge people into the first one (undo splits them back)", run_merge)
    a.add_argument("target", type=_person_id, metavar="ID")
    a.add_argument("others", type=_person_id, nargs="+", metavar="ID")
    a = action(
        "move-face", "put a face with another person, or `new` for a new person", run_move_face
    )
    a.add_argument("face", type=_face_id, metavar="FACE_ID")
    a.add_argument("person", type=_person_or_new, metavar="PERSON_ID|new")
    a = action("remove-face", 'mark a detection as "not a face"', run_remove_face)
    a.add_argument("face", type=_face_id, metavar="FACE_ID")
    a = action("hide", "hide a person from the people view", run_hide)
    a.add_argument("person", type=_person_id, metavar="ID")
    a = action("unhide", "show a hidden person again", run_unhide)
    a.add_argument("person", type=_person_id, metavar="ID")
    a = action("cover", "choose the face shown for a person", run_cover)
    a.add_argument("person", type=_person_id, metavar="PERSON_ID")
    a.add_argument("face", type=_face_id, metavar="FACE_ID")
    a = action(
        "name-face",
        "name a face (a face of an unnamed person names that person; an Unknown face becomes a person of its own)",
        run_name_face,
    )
    a.add_argument("face", type=_face_id, metavar="FACE_ID")
    a.add_argument("name", nargs="+", metavar="NAME")
    a = action("undo", "undo the last people change", run_undo)
    a = action("redo", "put back the last change that was undone", run_redo)
    a = action("confirm", "yes, this face (or its small group) is that person", run_confirm)
    a.add_argument("face", type=_face_id, metavar="FACE_ID")
    a.add_argument("person", type=_person_id, metavar="PERSON_ID")
    a = action("reject", "no, this face (or its small group) is not that person", run_reject)
    a.add_argument("face", type=_face_id, metavar="FACE_ID")
    a.add_argument("person", type=_person_id, metavar="PERSON_ID")
    g = psub.add_parser(
        "suggestions",
        help='"Is this Alice?": faces that are probably a named person',
        description="Unknown faces and small groups whose nearest named person is close; "
        "answer with `people confirm FACE PERSON` or `people reject FACE PERSON`.",
    )
    g.add_argument("--json", action="store_true")
    g.add_argument(
        "--person", type=_person_id, default=None, metavar="PERSON_ID", help="only for this person"
    )
    g.add_argument("--limit", type=int, default=200)
    g.set_defaults(handler=run_suggestions)
    a = action(
        "recluster", "re-cluster all faces now (names and corrections are kept)", run_recluster
    )
    u = psub.add_parser(
        "unknown",
        help="faces not yet with any person",
        description="Faces not yet with any person.",
    )
    u.add_argument("--json", action="store_true")
    u.add_argument("--limit", type=int, default=None)
    u.set_defaults(handler=run_unknown)


def _label(entry: dict[str, Any]) -> str:
    return entry["name"] or f"Person {entry['id']}"


def _print_people(people: list[dict[str, Any]]) -> None:
    for e in people:
        flags = " (hidden)" if e["hidden"] else ""
        print(
            f"{e['id']:6d}  {_label(e)}{flags}  {plural(e['photo_count'], 'photo')}, {plural(e['face_count'], 'face')}"
        )


def run_list(args: argparse.Namespace) -> int:
    try:
        with open_library() as library:
            people = [
                p.to_dict(with_faces=args.json)
                for p in read_model.people_rows(
                    include_hidden=args.hidden,
                    with_faces=args.json,
                    quality=thresholds_for(library),
                )
            ]
            unknown = read_model.unknown_face_count()
    except PictoPyError as exc:
        return fail(str(exc))
    if args.json:
        print_json(people)
    else:
        _print_people(people)
        if people:
            print(f"{plural(len(people), 'person', 'people')}, {plural(unknown, 'unknown face')}")
        elif unknown:
            print(
                f"No people yet: {plural(unknown, 'face')} {'waits' if unknown == 1 else 'wait'} for a name "
                "(`pictopy people unknown` lists them, `pictopy people name-face FACE_ID NAME` names one)."
            )
        else:
            print(
                "No people yet: no faces have been found; `pictopy index FOLDER` adds photos and looks for faces in them."
            )
    return 0


def _people_json(library: Any) -> list[dict[str, Any]]:
    """Every person (hidden ones too) with their faces, as ``pictopy people --json`` prints them."""
    rows = read_model.people_rows(
        include_hidden=True, with_faces=True, quality=thresholds_for(library)
    )
    return [p.to_dict() for p in rows]


def _edit(args: argparse.Namespace, op: Callable[[], str]) -> int:
    """Run one people operation on the library and print what it did (or the people as JSON)."""
    try:
        with open_library() as library:
            message = op()
            people = _people_json(library) if args.json else None
    except PictoPyError as exc:
        return fail(str(exc))
    if people is not None:
        print_json(people)
    else:
        print(message)
    return 0


def _last_step() -> str:
    """The description of the newest undo step (what the operation just did), as a sentence."""
    from pictopy_desktop.people.undo_journal import undo_history

    history = undo_history(1)
    return f"{history[0]['description']}." if history else "Nothing changed."


def run_rename(args: argparse.Namespace) -> int:
    from pictopy_desktop.people import people_ops

    name = " ".join(args.name)

    def op() -> str:
        people_ops.rename_person(args.person, name)
        return _last_step()

    return _edit(args, op)


def run_merge(args: argparse.Namespace) -> int:
    from pictopy_desktop.people import people_ops

    def op() -> str:
        people_ops.merge_people(args.target, args.others)
        return f"{_last_step()} (`pictopy people undo` splits them back)"

    return _edit(args, op)


def run_move_face(args: argparse.Namespace) -> int:
    from pictopy_desktop.people import people_ops

    def op() -> str:
        pid = people_ops.move_face(args.face, args.person).value
        return f"Face {args.face} is now with person {pid}: {_last_step()}"

    return _edit(args, op)


def run_remove_face(args: argparse.Namespace) -> int:
    from pictopy_desktop.people import people_ops

    def op() -> str:
        people_ops.remove_face(args.face)
        return f"Face {args.face} is marked as not a face."

    return _edit(args, op)


def run_hide(args: argparse.Namespace) -> int:
    from pictopy_desktop.people import people_ops

    def op() -> str:
        people_ops.set_hidden(args.person, True)
        return f"Person {args.person} is hidden."

    return _edit(args, op)


def run_unhide(args: argparse.Namespace) -> int:
    from pictopy_desktop.people import people_ops

    def op() -> str:
        people_ops.set_hidden(args.person, False)
        return f"Person {args.person} is shown again."

    return _edit(args, op)


def run_cover(args: argparse.Namespace) -> int:
    from pictopy_desktop.people import people_ops

    def op() -> str:
        people_ops.set_cover_face(args.person, args.face)
        return f"Face {args.face} is now the cover of person {args.person}."

    return _edit(args, op)


def run_name_face(args: argparse.Namespace) -> int:
    from pictopy_desktop.people import people_ops

    name = " ".join(args.name)

    def op() -> str:
        pid = people_ops.name_face(args.face, name).value
        return f"Face {args.face} is {name} (person {pid})."

    return _edit(args, op)


def run_undo(args: argparse.Namespace) -> int:
    from pictopy_desktop.people import undo_journal

    def op() -> str:
        done = undo_journal.undo_last().value
        return f"Undone: {done}." if done else "Nothing to undo."

    return _edit(args, op)


def run_redo(args: argparse.Namespace) -> int:
    from pictopy_desktop.people import undo_journal

    def op() -> str:
        done = undo_journal.redo_last().value
        return f"Redone: {done}." if done else "Nothing to redo."

    return _edit(args, op)


def run_confirm(args: argparse.Namespace) -> int:
    from pictopy_desktop.people.suggestions import confirm_suggestion

    return _edit(args, lambda: f"{confirm_suggestion(args.face, args.person).value}.")


def run_reject(args: argparse.Namespace) -> int:
    from pictopy_desktop.people.suggestions import reject_suggestion

    return _edit(args, lambda: f"{reject_suggestion(args.face, args.person).value}.")


def run_suggestions(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from pictopy_desktop.people.suggestions import list_suggestions

    try:
        with open_library() as library:
            found = list_suggestions(library, person_id=args.person, limit=args.limit)
    except PictoPyError as exc:
        return fail(str(exc))
    if args.json:
        print_json([asdict(s) for s in found])
        return 0
    for s in found:
        print(
            f"face {s.face_id:6d}  is this {s.person_name} (person {s.person_id})?  distance {s.distance:.3f}  {s.image_path}"
        )
    print(
        f"{plural(len(found), 'suggestion')} (answer with `pictopy people confirm FACE PERSON` or `pictopy people reject FACE PERSON`)"
    )
    return 0


def run_recluster(args: argparse.Namespace) -> int:
    from pictopy_desktop.people.recluster import recluster

    try:
        with open_library() as library, library.write_lock():
            report = recluster(library)
            people = _people_json(library) if args.json else None
    except PictoPyError as exc:
        return fail(str(exc))
    if people is not None:
        print_json(people)
    else:
        print(
            f"Re-clustered {plural(report.faces, 'face')} in {report.seconds:.1f}s: {plural(report.people, 'person', 'people')} "
            f"({report.named_people} named), {plural(report.unknown_faces, 'unknown face')}."
        )
    return 0


def run_unknown(args: argparse.Namespace) -> int:
    try:
        with open_library() as library:
            rows = read_model.unknown_faces(limit=args.limit, quality=thresholds_for(library))
    except PictoPyError as exc:
        return fail(str(exc))
    faces = [f.to_dict() for f in rows]
    if args.json:
        print_json(faces)
    else:
        for f in faces:
            flag = "  (low quality)" if f["low_quality"] else ""
            print(f"{f['id']:6d}  {f['image']}  box {f['box']}{flag}")
        print(
            f"{plural(len(faces), 'unknown face')} (name one with `pictopy people name-face FACE_ID NAME`)"
        )
    return 0
