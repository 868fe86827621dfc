"""`pictopy tags` and `pictopy search QUERY`."""

from __future__ import annotations

import argparse

from pictopy_desktop.cli.common import fail, open_library, plural, print_json
from pictopy_desktop.errors import PictoPyError
from pictopy_desktop.library import read_model


def register(sub: argparse._SubParsersAction) -> None:
    t = sub.add_parser(
        "tags",
        help="object tags and the photos' keywords with their photo counts; remove a wrong tag",
        description="Object tags the detector found, then the keywords other programs wrote into "
        "the photos (XMP/IPTC), each with its photo count. --json lists both, each with a "
        '`source`: "detector" or "keyword".',
    )
    t.add_argument("--json", action="store_true")
    t.set_defaults(handler=run_tags)
    tsub = t.add_subparsers(dest="tags_command", metavar="ACTION")
    r = tsub.add_parser(
        "remove",
        help="take a tag off a photo for good (re-analysis never adds it back; `pictopy people undo` puts it back)",
        description="Take a tag off a photo for good: re-analysis never adds it back. `pictopy people undo` puts it back.",
    )
    r.add_argument("photo", metavar="PHOTO", help="the photo's path or id")
    r.add_argument("label", nargs="+", metavar="LABEL", help='the tag, e.g. "cat" or "cell phone"')
    r.set_defaults(handler=run_tags_remove)
    s = sub.add_parser(
        "search",
        help="photos matching people, tags, albums, keywords, titles, captions, folders and dates",
    )
    s.add_argument("query", nargs="*")
    s.add_argument(
        "--rating",
        default=None,
        metavar="N",
        help="only photos rated N stars or more (0-5)",
    )
    s.add_argument("--json", action="store_true")
    s.add_argument("--limit", type=int, default=None)
    s.set_defaults(handler=run_search)


def _stars(text: str | None) -> int | None:
    """``--rating``'s stars; ValueError with the sentence to show when it is not 0 to 5."""
    if text is None:
        return None
    if not (text.strip().isdigit() and 0 <= int(text) <= 5):
        raise ValueError(f"--rating takes 0 to 5 stars, not “{text}”.")
    return int(text)


def run_tags(args: argparse.Namespace) -> int:
    try:
        with open_library():
            tags = [t.to_dict() for t in read_model.tags_listing(with_images=args.json)]
            keywords = [k.to_dict() for k in read_model.keywords_listing(with_images=args.json)]
    except PictoPyError as exc:
        return fail(str(exc))
    if args.json:
        print_json(tags + keywords)
    elif not tags and not keywords:
        print(
            "No tags yet: no analysed photo shows an object the model knows; `pictopy index FOLDER` adds and analyses photos."
        )
    else:
        for t in tags:
            print(f"{t['count']:6d}  {t['label']}")
        if keywords:
            print(("\n" if tags else "") + "Keywords from the photos' metadata (XMP/IPTC):")
        for k in keywords:
            print(f"{k['count']:6d}  {k['label']}")
    return 0


def run_tags_remove(args: argparse.Namespace) -> int:
    from pictopy_desktop.library.tags import find_photo, remove_tag

    try:
        with open_library():
            message = remove_tag(find_photo(args.photo).id, " ".join(args.label)).value
    except PictoPyError as exc:
        return fail(str(exc))
    print(f"{message}.")
    return 0


def run_search(args: argparse.Namespace) -> int:
    query = " ".join(args.query)
    try:
        args.rating = _stars(args.rating)
    except ValueError as exc:
        return fail(str(exc))
    if not query and args.rating is None:
        return fail("Say what to look for: words (`pictopy search dog 2019`) or `--rating N`.")
    try:
        with open_library():
            result = read_model.search(query, limit=args.limit, min_rating=args.rating)
    except PictoPyError as exc:
        return fail(str(exc))
    if args.json:
        print_json(result)
    else:
        for r in result["results"]:
            extra = ", ".join(r["people"] + r["tags"] + r["keywords"])
            print(f"{r['path']}" + (f"  [{extra}]" if extra else ""))
        if result["count"]:
            print(plural(result["count"], "photo"))
        elif not query:
            print(f"No photos are rated {args.rating} stars or more.")
        else:
            rated = "" if args.rating is None else f" rated {args.rating} stars or more"
            print(
                f"No photos{rated} match “{query}”: search looks in people's names, tags, albums, "
                "keywords, titles, captions, folders, file names and dates (`pictopy tags` and "
                "`pictopy people` list what is there)."
            )
    return 0
