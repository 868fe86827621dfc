"""`pictopy status [--json]`."""

from __future__ import annotations

import argparse

from pictopy_desktop.cli.common import fail, open_library, print_json
from pictopy_desktop.errors import PictoPyError
from pictopy_desktop.library import queries


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("status", help="what the library holds, and what needs attention")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        with open_library() as lib:
            status = queries.library_status()
            status["data_dir"] = str(lib.data_dir)
            status["models_dir"] = str(lib.models_dir)
            analyzer = lib.analyzer()
            status["models"] = {
                "objects": bool(analyzer and analyzer.has_objects),
                "faces": bool(analyzer and analyzer.has_faces),
                "problems": list(analyzer.problems) if analyzer else ["the ML pipeline is not installed"],
            }
            status["failed"] = queries.failed_images()
    except PictoPyError as exc:
        return fail(str(exc))
    if args.json:
        print_json(status)
        return 0
    img = status["images"]
    print(f"Library: {status['data_dir']}")
    print(f"Folders: {', '.join(status['folders']) or '(none yet: pictopy index FOLDER)'}")
    print(
        f"Photos: {img['total']} ({img['analyzed']} analysed, {img['waiting_for_analysis']} waiting, {img['failed']} unreadable)"
    )
    print(f"Faces: {status['faces']}, people: {status['people']} ({status['named_people']} named), tags: {status['tags']}")
    for problem in status["models"]["problems"]:
        print(f"Note: {problem}")
    return 0
