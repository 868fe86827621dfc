"""`pictopy export ...` and `pictopy import FILE`: photos out, names and albums across machines."""

from __future__ import annotations

import argparse
from pathlib import Path

from pictopy_desktop.cli.common import fail, open_library, plural, print_json
from pictopy_desktop.errors import PictoPyError
from pictopy_desktop.library import transfer
from pictopy_desktop.library.albums import album_by_ref
from pictopy_desktop.library.export_file import parse_export, read_export_file, write_export_file


def register(sub: argparse._SubParsersAction) -> None:
    e = sub.add_parser(
        "export",
        help="copy an album's or a person's photos out, or export names and albums as JSON",
    )
    esub = e.add_subparsers(dest="export_what", metavar="WHAT", required=True)
    photos = esub.add_parser("photos", help="copy photos into a folder")
    who = photos.add_mutually_exclusive_group(required=True)
    who.add_argument("--album", help="album name or id")
    who.add_argument("--person", type=int, help="person id")
    photos.add_argument("dest", type=Path)
    photos.add_argument(
        "--without-raw",
        action="store_true",
        help="leave out the RAW files kept beside JPEGs (copied along by default)",
    )
    photos.set_defaults(handler=run_export_photos)
    meta = esub.add_parser(
        "library", help="people names, face assignments, albums and favourites as JSON"
    )
    meta.add_argument("file", type=Path)
    meta.add_argument("--replace", action="store_true", help="replace FILE if it exists")
    meta.set_defaults(handler=run_export_library)
    xmp = esub.add_parser(
        "xmp",
        help="write names, keywords, ratings and rotations into .xmp sidecars (photos untouched)",
        description="Merge names (as MWG face regions), keywords, ratings and rotations into each "
        "photo's .xmp sidecar, keeping what other programs wrote there. The photos themselves are "
        "never changed. Without PATHS: every photo with something to write.",
    )
    xmp.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="photos or folders")
    xmp.add_argument("--json", action="store_true")
    xmp.set_defaults(handler=run_export_xmp)
    i = sub.add_parser(
        "import", help="apply a JSON export (from `pictopy export library`) to this library"
    )
    i.add_argument("file", type=Path)
    i.add_argument("--json", action="store_true")
    i.set_defaults(handler=run_import)


def _album_id(ref: str) -> int:
    return album_by_ref(ref).id


def run_export_photos(args: argparse.Namespace) -> int:
    try:
        with open_library():
            ids = (
                transfer.album_image_ids(_album_id(args.album))
                if args.album
                else transfer.person_image_ids(args.person)
            )
            report = transfer.copy_photos(ids, args.dest, with_raw=not args.without_raw)
    except PictoPyError as exc:
        return fail(str(exc))
    raws = f" with {plural(len(report.raw_copied), 'RAW file')}" if report.raw_copied else ""
    print(f"Copied {plural(len(report.copied), 'photo')}{raws} to {args.dest}.")
    for path, reason in report.failed:
        print(f"  not copied: {path}: {reason}")
    for path in report.not_turned:
        print(f"  copied unturned (its format cannot turn without loss): {path}")
    return 1 if report.failed else 0


def run_export_library(args: argparse.Namespace) -> int:
    try:
        with open_library():
            data = transfer.export_metadata()
            write_export_file(args.file, data, replace=args.replace)
    except PictoPyError as exc:
        return fail(str(exc))
    print(
        f"Exported {plural(len(data['people']), 'person', 'people')} and {plural(len(data['albums']), 'album')} to {args.file}."
    )
    return 0


def run_export_xmp(args: argparse.Namespace) -> int:
    from pictopy_desktop.library.metadata.sidecar_export import (
        export_sidecars,
        photos_under,
        photos_with_something_to_write,
    )

    try:
        with open_library() as lib:
            ids = photos_under(args.paths) if args.paths else photos_with_something_to_write()
            report = export_sidecars(lib.db, ids)
    except PictoPyError as exc:
        return fail(str(exc))
    if args.json:
        print_json(
            {
                "written": report.written,
                "nothing_to_write": report.nothing_to_write,
                "failed": [{"path": p, "reason": r} for p, r in report.failed],
            }
        )
    else:
        print(f"Wrote {plural(len(report.written), 'sidecar')}; the photos were not changed.")
        for path, reason in report.failed:
            print(f"  not written: {path}: {reason}")
    return 1 if report.failed else 0


def run_import(args: argparse.Namespace) -> int:
    try:
        # Checked before the library is opened: a bad file changes nothing, creates nothing.
        export = parse_export(read_export_file(args.file), str(args.file))
        with open_library() as lib:
            report = transfer.import_metadata(lib.db, export, args.file.name)
    except PictoPyError as exc:
        return fail(str(exc))
    if args.json:
        print_json(report.to_dict())
    else:
        print(
            f"Imported {plural(report.people, 'person', 'people')} ({plural(report.faces_assigned, 'face')}), "
            f"{plural(report.albums, 'album')} ({plural(report.album_photos, 'photo')}), "
            f"{plural(report.favourites, 'favourite')}; {plural(report.not_found, 'item')} "
            f"{'refers' if report.not_found == 1 else 'refer'} to photos not in this library yet."
        )
        for c in report.conflicts:
            print(
                f"  kept face {c['face_id']} as it is here ({c['library']}); the file says {c['file']}"
            )
        if report.undoable:
            print("`pictopy people undo` takes the whole import back.")
    return 0
