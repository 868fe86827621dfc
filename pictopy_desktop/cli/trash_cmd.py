"""`pictopy trash [--json]` and `pictopy trash restore ID...`: what PictoPy moved to the trash, and the way back."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pictopy_desktop.cli.common import fail, open_library, print_json
from pictopy_desktop.errors import PictoPyError


def register(sub: argparse._SubParsersAction) -> None:
    t = sub.add_parser(
        "trash",
        help="files PictoPy moved to the trash, most recent first; `trash restore ID...` puts them back",
    )
    t.add_argument("--json", action="store_true")
    t.set_defaults(handler=run_list)
    actions = t.add_subparsers(dest="trash_action", metavar="ACTION")
    r = actions.add_parser("restore", help="move files back from the trash to where they were")
    r.add_argument("ids", nargs="+", type=int, metavar="ID")
    r.add_argument("--json", action="store_true")
    r.set_defaults(handler=run_restore)


def _as_dict(entry: Any) -> dict[str, Any]:
    return {
        "id": entry.id,
        "path": entry.original_path,
        "trashed_at": entry.trashed_at,
        "reason": entry.reason,
        "kept": entry.kept_path,
        "trash_location": entry.trash_location,
        "size": entry.size,
        "restored_at": entry.restored_at,
    }


def run_list(args: argparse.Namespace) -> int:
    from pictopy_desktop.library.trash import recently_removed

    with open_library():
        entries = recently_removed()
    if args.json:
        print_json([_as_dict(e) for e in entries])
        return 0
    if not entries:
        print("PictoPy has moved nothing to the trash.")
    for e in entries:
        state = f"restored {e.restored_at:%Y-%m-%d %H:%M}" if e.restored_at else "in the trash"
        print(f"{e.id:5d}  {e.trashed_at:%Y-%m-%d %H:%M}  {e.original_path}  ({e.reason}; {state})")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    """Restore each id; one that cannot be restored says why and the others still go back."""
    from pictopy_desktop.library.trash import restore

    results: list[dict[str, Any]] = []
    problems = 0
    try:
        with open_library() as lib:
            to_index = []
            with lib.write_lock():
                for record_id in args.ids:
                    try:
                        done = restore(record_id)
                    except PictoPyError as exc:
                        problems += 1
                        results.append({"id": record_id, "restored": False, "message": str(exc)})
                        continue
                    result = {"id": record_id, "restored": True, "path": done.entry.original_path}
                    if done.companions:  # the RAW that went to the trash with this photo
                        result["with"] = [e.original_path for e in done.companions]
                    if done.note:  # why that RAW could not come back with it
                        result["note"] = done.note
                    results.append(result)
                    if not done.revived:
                        to_index.append(Path(done.entry.original_path))
            if to_index:  # its row was gone: index the file again (a moved copy's row comes back by content hash)
                lib.index(to_index)
    except PictoPyError as exc:
        return fail(str(exc))
    if args.json:
        print_json(results)
    else:
        for r in results:
            if r["restored"]:
                print(" and ".join([f"Restored {r['path']}", *r.get("with", [])]))
                if r.get("note"):
                    print(r["note"])
            else:
                fail(f"not restored ({r['id']}): {r['message']}")
    return 1 if problems else 0
