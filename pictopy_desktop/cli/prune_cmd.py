"""`pictopy prune [--yes] [--json]`: forget offline and missing photos for good."""

from __future__ import annotations

import argparse
import sys

from pictopy_desktop.cli.common import fail, open_library, plural, print_json
from pictopy_desktop.errors import PictoPyError
from pictopy_desktop.library.unavailable import (
    forget_unavailable,
    save_user_data,
    unavailable_photos,
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "prune",
        help="forget offline and missing photos for good (after showing them)",
        description=(
            "Forget photos whose drive is not connected (offline) or whose file is gone (missing), with their "
            "names, albums and favourites. Those are saved first to a file `pictopy import` reads back."
        ),
    )
    p.add_argument("--yes", action="store_true", help="do not ask (needed when not on a terminal)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        with open_library() as lib, lib.write_lock():
            photos = unavailable_photos()
            if not photos:
                if args.json:
                    print_json({"forgotten": [], "saved_to": None})
                else:
                    print("No offline or missing photos: nothing to forget.")
                return 0
            if not args.json:
                print(
                    f"These {plural(len(photos), 'photo')} will be forgotten, with their names, albums and favourites:"
                )
                for p in photos:
                    print(f"  {p.presence:8s} {p.path}")
            if not args.yes:
                if not sys.stdin.isatty():
                    return fail(
                        "not on a terminal: run `pictopy prune --yes` to forget these photos.",
                        code=2,
                    )
                print(
                    f"Forget these {plural(len(photos), 'photo')} for good? [y/N] ",
                    end="",
                    file=sys.stderr,
                    flush=True,
                )
                if sys.stdin.readline().strip().lower() not in ("y", "yes"):
                    print("Nothing forgotten.", file=sys.stderr)
                    return 0
            saved = save_user_data(lib.data_dir)
            forgotten = forget_unavailable(lib.db, lib.thumbnails_dir, [p.id for p in photos]).value
    except PictoPyError as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(
            f"could not save the names and albums before forgetting ({exc.strerror or exc}); nothing forgotten."
        )
    kept = len(photos) - len(forgotten)
    if args.json:
        print_json(
            {
                "forgotten": [{**p.to_dict(), "presence": p.presence} for p in forgotten],
                "saved_to": str(saved),
                "kept": kept,
            }
        )
        return 0
    print(
        f"Forgot {plural(len(forgotten), 'photo')}. Their names and albums were saved to {saved} (`pictopy import` puts them back)."
    )
    if kept:
        print(f"Kept {kept} whose file is back; the next scan shows them again.")
    return 0
