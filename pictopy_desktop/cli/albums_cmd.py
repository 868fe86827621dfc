"""`pictopy albums`: list albums, make them, fill and empty them, rename and delete them.

Photos are named by path or id, as for `pictopy favourite`. Each command is one
transaction; deleting an album takes away the album only, never its photos.
"""

from __future__ import annotations

import argparse
import sys

from pictopy_desktop.cli.common import open_library, plural, print_json
from pictopy_desktop.library import albums
from pictopy_desktop.library.albums import (
    AlbumError,
    clean_album_name,
    find_album,
    refuse_taken_name,
)
from pictopy_desktop.library.read_model import albums_listing, photo_ids


def register(sub: argparse._SubParsersAction) -> None:
    a = sub.add_parser(
        "albums",
        help="albums with their photo counts; create, add, remove, rename, delete",
        description="List your albums, or change them. Deleting an album never deletes its photos.",
    )
    a.add_argument(
        "--json", action="store_true", help="print the albums as JSON (id, name, count, cover)"
    )
    a.set_defaults(handler=run_list)
    asub = a.add_subparsers(dest="albums_command", metavar="ACTION")

    c = asub.add_parser("create", help="make a new, empty album")
    c.add_argument("name", metavar="NAME")
    c.set_defaults(handler=run_create)

    add = asub.add_parser("add", help="put photos into an album")
    add.add_argument("name", metavar="NAME")
    add.add_argument("photos", nargs="+", metavar="PHOTO", help="photo paths or ids")
    add.set_defaults(handler=run_add)

    rm = asub.add_parser("remove", help="take photos out of an album (they stay in the library)")
    rm.add_argument("name", metavar="NAME")
    rm.add_argument("photos", nargs="+", metavar="PHOTO", help="photo paths or ids")
    rm.set_defaults(handler=run_remove)

    rn = asub.add_parser("rename", help="give an album a new name")
    rn.add_argument("old", metavar="OLD")
    rn.add_argument("new", metavar="NEW")
    rn.set_defaults(handler=run_rename)

    d = asub.add_parser("delete", help="delete an album (its photos stay in the library)")
    d.add_argument("name", metavar="NAME")
    d.add_argument(
        "--yes",
        action="store_true",
        help="do not ask (needed without a terminal when the album has photos)",
    )
    d.set_defaults(handler=run_delete)


def run_list(args: argparse.Namespace) -> int:
    with open_library():
        rows = albums_listing()
    if args.json:
        print_json([r.to_dict() for r in rows])
        return 0
    if not rows:
        print(
            "No albums yet: `pictopy albums create NAME` makes one, `pictopy albums add NAME PHOTO...` fills it."
        )
    for r in rows:
        print(f"{r.id:6d}  {r.name}  ({plural(r.count, 'photo')})")
    return 0


def run_create(args: argparse.Namespace) -> int:
    name = clean_album_name(args.name)
    with open_library() as lib, lib.db.atomic():
        refuse_taken_name(name)
        albums.create_album(name)
    print(f"Created the album “{name}”.")
    return 0


def run_add(args: argparse.Namespace) -> int:
    with open_library() as lib, lib.db.atomic():
        album = find_album(args.name)
        ids = photo_ids(args.photos)
        added = albums.add_to_album(album.id, ids).value
    already = len(set(ids)) - added
    note = f" ({plural(already, 'photo')} already in it)" if already else ""
    print(f"Added {plural(added, 'photo')} to “{album.name}”{note}.")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    with open_library() as lib, lib.db.atomic():
        album = find_album(args.name)
        removed = albums.remove_from_album(album.id, photo_ids(args.photos)).value
    print(f"Took {plural(removed, 'photo')} out of “{album.name}” (photos stay in the library).")
    return 0


def run_rename(args: argparse.Namespace) -> int:
    new = clean_album_name(args.new)
    with open_library() as lib, lib.db.atomic():
        album = find_album(args.old)
        refuse_taken_name(new, other_than=album.id)
        albums.rename_album(album.id, new)
    print(f"Renamed “{album.name}” to “{new}”.")
    return 0


def _confirmed(name: str, count: int) -> bool:
    """Asks on the terminal; AlbumError where there is none to ask on."""
    if not sys.stdin.isatty():
        raise AlbumError(
            f"The album “{name}” has {plural(count, 'photo')}: add --yes to delete it without a terminal to ask on "
            "(its photos stay in the library)."
        )
    sys.stderr.write(
        f"Delete the album “{name}” ({plural(count, 'photo')}; the photos stay in the library)? [y/N] "
    )
    sys.stderr.flush()
    return sys.stdin.readline().strip().lower() in ("y", "yes")


def run_delete(args: argparse.Namespace) -> int:
    with open_library() as lib:
        album = find_album(args.name)
        count = albums.photo_count(album.id)
        if count and not args.yes and not _confirmed(album.name, count):
            print("Nothing was deleted.")
            return 0
        with lib.db.atomic():
            # The photos it held may have changed while we asked: the album goes either way, photos never do.
            albums.delete_album(find_album(args.name).id)
    print(f"Deleted the album “{album.name}”{'; its photos stay in the library' if count else ''}.")
    return 0
