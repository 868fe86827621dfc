"""`pictopy favourite|duplicates|memories|places|similar`: the gallery features, headless."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from pictopy_desktop.cli.common import fail, open_library, plural, print_json
from pictopy_desktop.errors import PictoPyError
from pictopy_desktop.library import duplicates, face_search, memories, places, read_model
from pictopy_desktop.library.favourites import set_favourite


def register(sub: argparse._SubParsersAction) -> None:
    f = sub.add_parser("favourite", help="mark photos as favourites (or --off)")
    f.add_argument("photos", nargs="+", help="photo paths or ids")
    f.add_argument("--off", action="store_true")
    f.set_defaults(handler=run_favourite)

    d = sub.add_parser(
        "duplicates",
        help="exact and near-duplicate photos; --trash moves exact copies to the trash (near ones too with --near, after asking)",
    )
    d.add_argument("--json", action="store_true")
    d.add_argument(
        "--trash",
        action="store_true",
        help="keep the first of each exact group, move its other copies to the trash",
    )
    d.add_argument(
        "--near", action="store_true", help="with --trash: near duplicates too (asks first)"
    )
    d.add_argument(
        "--yes",
        action="store_true",
        help="with --trash --near: do not ask (needed without a terminal)",
    )
    d.set_defaults(handler=run_duplicates)

    m = sub.add_parser("memories", help="on this day, and events/trips")
    m.add_argument("--json", action="store_true")
    m.set_defaults(handler=run_memories)

    p = sub.add_parser("places", help="photos grouped by place (from GPS)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_places)

    s = sub.add_parser(
        "similar", help="photos with faces like a face (FACE_ID) or like the face in an image file"
    )
    s.add_argument("face", help="a face id, or an image file")
    s.add_argument("--min-similarity", type=float, default=None)
    s.add_argument("--limit", type=int, default=50)
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=run_similar)


def run_favourite(args: argparse.Namespace) -> int:
    try:
        with open_library() as lib:
            n = set_favourite(lib.db, read_model.photo_ids(args.photos), not args.off).value
    except PictoPyError as exc:
        return fail(str(exc))
    print(f"{'Unmarked' if args.off else 'Marked'} {plural(n, 'photo')}.")
    return 0


def _size_text(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1_000_000 else f"{max(1, round(size / 1e3))} KB"


def _duplicate_listing(groups: list[duplicates.DuplicateGroup]) -> list[dict[str, Any]]:
    return [g.to_dict() for g in read_model.duplicates_listing(groups)]


def _print_duplicates(out: list[dict[str, Any]], stream: TextIO | None = None) -> None:
    for g in out:
        kind = (
            "Exact copies (identical bytes)"
            if g["exact"]
            else "Near duplicates (the same picture, other size or quality)"
        )
        print(f"{kind}, {plural(len(g['files']), 'file')}:", file=stream)
        for i, f in enumerate(g["files"]):
            dims = f"{f['width']} x {f['height']}" if f["width"] else "?"
            print(
                f"  {'keep' if i == 0 else '    '}  {f['name']}  {dims}  {_size_text(f['size'] or 0)}  in {f['folder']}",
                file=stream,
            )


def _near_confirmed(args: argparse.Namespace, count: int) -> bool | None:
    """True to go on; False when the user said no; None when there is no terminal to ask on."""
    if args.yes:
        return True
    if not sys.stdin.isatty():
        return None
    sys.stderr.write(
        f"Move {plural(count, 'near duplicate')} (listed above, not identical files) to the trash? [y/N] "
    )
    sys.stderr.flush()
    return sys.stdin.readline().strip().lower() in ("y", "yes")


def run_duplicates(args: argparse.Namespace) -> int:
    try:
        with open_library() as lib:
            duplicates.backfill_perceptual_hashes(lib.db, lib.thumbnails_dir)
            groups = duplicates.find_duplicates()
            out = _duplicate_listing(groups)
            if not args.json:
                _print_duplicates(out)
                if not out:
                    print(
                        "No duplicates: no two photos are the same picture (exact copies or other sizes of one)."
                    )
            near_spares = sum(len(g.image_ids) - 1 for g in groups if not g.exact)
            include_near = args.trash and args.near and near_spares > 0
            if include_near:
                if args.json and not args.yes and sys.stdin.isatty():
                    # JSON goes to stdout at the end; the user still sees what they are asked about.
                    _print_duplicates([g for g in out if not g["exact"]], sys.stderr)
                answer = _near_confirmed(args, near_spares)
                if answer is None:
                    return fail(
                        "Near duplicates are moved only after asking: there is no terminal to ask on, "
                        "so add --yes to move them. Nothing was moved."
                    )
                if not answer:
                    print("Nothing was moved.")
                    return 0
            outcome = duplicates.TrashOutcome()
            if args.trash:
                with lib.write_lock():
                    for g, listed in zip(groups, out):
                        if g.exact or include_near:
                            done = duplicates.trash_duplicates(
                                g.image_ids[0], g.image_ids[1:], exact_only=g.exact
                            )
                            # every file moved: a pair's RAW goes with its JPEG
                            listed["trashed"] = [p for p, _ in done.trashed + done.companions]
                            listed["refused"] = [{"path": p, "reason": r} for p, r in done.refused]
                            outcome.extend(done)
    except PictoPyError as exc:
        return fail(str(exc))
    if args.json:
        print_json(out)
        return 0
    if args.trash:
        n = len(outcome.trashed)
        # a RAW+JPEG pair is one photo but two files: say both when they differ
        files = n + len(outcome.companions)
        moved = plural(n, "photo") + (f" ({plural(files, 'file')})" if files != n else "")
        print(
            f"Moved {moved} to the trash (`pictopy trash` lists them, "
            "`pictopy trash restore ID` puts one back)."
        )
        for path, reason in outcome.refused:
            print(f"  not moved: {path}: {reason}")
        if near_spares and not args.near:
            print(
                f"{plural(near_spares, 'near duplicate')} {'was' if near_spares == 1 else 'were'} left alone; "
                "`--trash --near` moves them after asking."
            )
    return 0


def run_memories(args: argparse.Namespace) -> int:
    with open_library():
        result = [
            {
                "title": m.title,
                "subtitle": m.subtitle,
                "kind": m.kind,
                "place": m.place,
                "cover": m.cover_id,
                "photos": m.image_ids,
            }
            for m in memories.all_memories()
        ]
        counts = memories.date_counts() if not result else None
    if args.json:
        print_json(result)
    elif counts is not None:
        print(why_no_memories(counts))
    else:
        for m in result:
            print(f"{m['title']}  ({m['subtitle']})")
    return 0


def why_no_memories(counts: memories.DateCounts) -> str:
    """One sentence: why there are no memories, and what makes them."""
    if not counts.photos:
        return (
            "No memories yet: the library has no photos; `pictopy index FOLDER` adds them, "
            "and those with a capture date make memories."
        )
    if not counts.dated:
        return (
            f"No memories yet: {plural(counts.photos, 'photo')} in the library, none with a capture "
            "date (from the camera's EXIF or a Takeout sidecar); memories need one."
        )
    return (
        f"No memories yet: {plural(counts.dated, 'photo')} with a capture date, but none from this "
        f"day in an earlier year, and no day or trip with {memories.MIN_EVENT_PHOTOS} of them yet."
    )


def run_places(args: argparse.Namespace) -> int:
    with open_library():
        result = [
            {
                "country": c.name,
                "country_code": c.code,
                "count": c.count,
                "places": [
                    {
                        "city": p.city,
                        "label": p.label,
                        "count": p.count,
                        "latitude": p.latitude,
                        "longitude": p.longitude,
                        "map": places.map_url(p.latitude, p.longitude),
                    }
                    for p in c.places
                ],
            }
            for c in places.countries()
        ]
        photos = read_model.count(read_model.GalleryFilter()) if not result else 0
    if args.json:
        print_json(result)
    elif not result and not photos:
        print(
            "No places yet: the library has no photos; `pictopy index FOLDER` adds them, "
            "and those with a GPS position are grouped here by country and town."
        )
    elif not result:
        print(
            f"No places yet: {plural(photos, 'photo')} in the library, none with a GPS position "
            "(phones and many cameras record one when location is on); nothing is looked up online."
        )
    else:
        for c in result:
            print(f"{c['country']}: {plural(c['count'], 'photo')}")
            for p in c["places"]:
                print(f"  {p['count']:6d}  {p['city']}  {p['map']}")
    return 0


def run_similar(args: argparse.Namespace) -> int:
    try:
        with open_library() as lib:
            analyzer = lib.analyzer()
            cutoff = args.min_similarity
            if cutoff is None:
                cutoff = face_search.similarity_cutoff(
                    analyzer.cluster_distance if analyzer else 0.5
                )
            if args.face.isdigit():
                matches = face_search.similar_to_face(int(args.face), cutoff, args.limit)
            else:
                faces = face_search.faces_in_file(Path(args.face), analyzer)
                if not faces:
                    return fail(f"No face found in {args.face}.")
                best = max(faces, key=lambda f: (f.box[2] - f.box[0]) * (f.box[3] - f.box[1]))
                matches = face_search.similar_to_embedding(best.embedding, cutoff, args.limit)
            paths = read_model.paths_of(m.image_id for m in matches)
    except PictoPyError as exc:
        return fail(str(exc))
    result = [
        {"path": paths[m.image_id], "face_id": m.face_id, "similarity": round(m.similarity, 4)}
        for m in matches
    ]
    if args.json:
        print_json(result)
    else:
        for r in result:
            print(f"{r['similarity']:.3f}  {r['path']}")
    return 0
