"""`pictopy status [--json]`."""

from __future__ import annotations

import argparse

from pictopy_desktop.cli.common import fail, open_library, print_json
from pictopy_desktop.errors import PictoPyError
from pictopy_desktop.library import read_model
from pictopy_desktop.library.unavailable import unavailable_summary


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("status", help="what the library holds, and what needs attention")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        with open_library() as lib:
            status = read_model.library_status()
            status["data_dir"] = str(lib.data_dir)
            status["models_dir"] = str(lib.models_dir)
            analyzer = lib.analyzer()
            status["models"] = {
                "objects": bool(analyzer and analyzer.has_objects),
                "faces": bool(analyzer and analyzer.has_faces),
                "problems": list(analyzer.problems)
                if analyzer
                else ["the ML pipeline is not installed"],
            }
            status["failed"] = read_model.failed_images()
            status.update(unavailable_summary())
    except PictoPyError as exc:
        return fail(str(exc))
    if args.json:
        print_json(status)
        return 0
    img = status["images"]
    print(f"Library: {status['data_dir']}")
    print(f"Folders: {', '.join(status['folders']) or '(none yet: pictopy index FOLDER)'}")
    # Unreadable files are not photos: counted beside them, as in the app's status bar.
    failed = img["failed"]
    print(
        f"Photos: {img['total']} ({img['analyzed']} analysed, {img['waiting_for_analysis']} waiting), "
        f"and {failed} unreadable {'file' if failed == 1 else 'files'}"
        + (" (`pictopy index --retry-failed` tries them again)" if failed else "")
    )
    print(
        f"Faces: {status['faces']}, people: {status['people']} ({status['named_people']} named), tags: {status['tags']}"
    )
    _print_unavailable(
        status["offline"], "Offline (the drive or folder can't be seen now; everything is kept)"
    )
    _print_unavailable(
        status["missing"], "Missing (the file is gone; names and albums are kept for a while)"
    )
    if status["offline"] or status["missing"]:
        print(
            "They come back with everything when their files return; `pictopy prune` forgets them for good."
        )
    for problem in status["models"]["problems"]:
        print(f"Note: {problem}")
    return 0


def _print_unavailable(photos: list[dict], title: str, limit: int = 20) -> None:
    if not photos:
        return
    print(f"{title}: {len(photos)}")
    for photo in photos[:limit]:
        print(f"  {photo['path']}  (since {photo['since'] or 'unknown'})")
    if len(photos) > limit:
        print(f"  … and {len(photos) - limit} more (pictopy status --json lists them all)")
