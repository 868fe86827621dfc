"""A stream of mixed user edits (favourites, albums, person names, imports) that records what it expects.

The concurrent-edits test runs one stream on a thread of its own process and one in a
separate process (``python -m tests.robustness.edit_streams PLAN.json``) while indexing
runs. Each stream owns its photos, albums and people, so the final state it expects is
exact whatever order the streams' transactions land in.
"""

from __future__ import annotations

import json
import random
import sys
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from peewee import fn

from pictopy_desktop.library import albums
from pictopy_desktop.library.favourites import set_favourite
from pictopy_desktop.library.transfer import import_metadata
from pictopy_desktop.people import people_service as ps
from pictopy_desktop.storage.tables import Image, database_proxy


@dataclass
class Plan:
    name: str  # prefix of everything the stream creates
    edits: int
    photo_ids: list[int]  # the photos whose favourites and album places this stream owns
    person_ids: list[int]
    export: dict[str, Any]  # imported now and then (the same file each time: idempotent)
    indexing_folder: str  # newly indexed photos under it get a favourite too
    seed: int = 0


@dataclass
class Outcome:
    done: int = 0
    failures: list[str] = field(default_factory=list)
    favourites: dict[int, bool] = field(default_factory=dict)
    albums: dict[int, dict[str, Any]] = field(default_factory=dict)  # id -> {"name", "photos"}
    person_names: dict[int, str] = field(default_factory=dict)
    imports: int = 0


def run_edits(plan: Plan) -> Outcome:
    """Make ``plan.edits`` edits; every failure is recorded (never raised)."""
    rng = random.Random(plan.seed)
    out = Outcome()
    db = database_proxy.obj
    prefix = plan.indexing_folder.rstrip("/") + "/"
    for i in range(plan.edits):
        kind = i % 10
        try:
            if kind in (0, 1):
                pid = rng.choice(plan.photo_ids)
                value = not out.favourites.get(pid, False)
                set_favourite(db, [pid], value)
                out.favourites[pid] = value
            elif kind == 2 or not out.albums:
                photos = set(rng.sample(plan.photo_ids, 3))
                aid = albums.create_album(f"{plan.name} album {i}", photos).value
                out.albums[aid] = {"name": f"{plan.name} album {i}", "photos": photos}
            elif kind == 3:
                aid = rng.choice(list(out.albums))
                photos = set(rng.sample(plan.photo_ids, 4))
                albums.add_to_album(aid, photos)
                out.albums[aid]["photos"] |= photos
            elif kind == 4:
                aid = rng.choice(list(out.albums))
                photos = set(
                    rng.sample(
                        sorted(out.albums[aid]["photos"]), min(2, len(out.albums[aid]["photos"]))
                    )
                )
                albums.remove_from_album(aid, photos)
                out.albums[aid]["photos"] -= photos
            elif kind == 5:
                aid = rng.choice(list(out.albums))
                name = f"{plan.name} album {aid} renamed at {i}"
                albums.rename_album(aid, name)
                out.albums[aid]["name"] = name
            elif kind in (6, 7):
                person = rng.choice(plan.person_ids)
                name = f"{plan.name} person {person} at {i}"
                ps.rename_person(person, name)
                out.person_names[person] = name
            elif kind == 8:
                import_metadata(db, plan.export)
                out.imports += 1
            else:  # a photo the indexer wrote moments ago
                newest = (
                    Image.select(fn.MAX(Image.id))
                    .where((Image.path >= prefix) & (Image.path < prefix + "\U0010ffff"))
                    .scalar()
                )
                if newest is not None:
                    set_favourite(db, [newest], True)
                    out.favourites[newest] = True
            out.done += 1
        except Exception as exc:
            out.failures.append(
                f"edit {i} ({kind}): {type(exc).__name__}: {exc}\n{traceback.format_exc()}"
            )
    return out


def outcome_to_json(out: Outcome) -> str:
    data = asdict(out)
    data["albums"] = {
        str(k): {"name": v["name"], "photos": sorted(v["photos"])} for k, v in out.albums.items()
    }
    data["favourites"] = {str(k): v for k, v in out.favourites.items()}
    data["person_names"] = {str(k): v for k, v in out.person_names.items()}
    return json.dumps(data)


def outcome_from_json(text: str) -> Outcome:
    data = json.loads(text)
    return Outcome(
        done=data["done"],
        failures=data["failures"],
        favourites={int(k): v for k, v in data["favourites"].items()},
        albums={
            int(k): {"name": v["name"], "photos": set(v["photos"])}
            for k, v in data["albums"].items()
        },
        person_names={int(k): v for k, v in data["person_names"].items()},
        imports=data["imports"],
    )


def main(argv: list[str]) -> int:
    """``edit_streams PLAN.json DATA_DIR``: run the plan on that library, print the outcome as JSON."""
    from pictopy_desktop.library.service import Library

    plan = Plan(**json.loads(Path(argv[0]).read_text()))
    with Library(Path(argv[1])):
        out = run_edits(plan)
    print(outcome_to_json(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
