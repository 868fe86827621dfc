"""The light definition of every subcommand: its name, one line of help, and the module that
implements it. `pictopy --help` and `--version` are built from this table alone; a command's
module (and numpy, Peewee, Pillow, the indexer behind it) is imported only when it runs.

Each module's ``register(subparsers)`` adds the full parser of its commands (arguments and
``handler=run``); ``tests/core/test_cli_startup.py`` checks this table against them.
"""

from __future__ import annotations

from typing import NamedTuple


class Command(NamedTuple):
    name: str
    module: str  # under pictopy_desktop.cli
    help: str


COMMANDS: tuple[Command, ...] = (
    Command("index", "index_cmd", "add folders (or photos) to the library and index them"),
    Command(
        "analyze",
        "index_cmd",
        "find people and things in photos waiting for analysis, without rescanning folders",
    ),
    Command("status", "status_cmd", "what the library holds, and what needs attention"),
    Command(
        "prune", "prune_cmd", "forget offline and missing photos for good (after showing them)"
    ),
    Command(
        "tags",
        "query_cmds",
        "object tags and the photos' keywords with their photo counts; remove a wrong tag",
    ),
    Command(
        "search",
        "query_cmds",
        "photos matching people, tags, albums, keywords, titles, captions, folders and dates",
    ),
    Command(
        "models",
        "models_cmd",
        "show the ML models and their state; `models download` fetches missing ones",
    ),
    Command("people", "people_cmd", "people found in photos; rename, merge, move faces, undo"),
    Command(
        "export",
        "transfer_cmd",
        "copy an album's or a person's photos out, or export names and albums as JSON",
    ),
    Command(
        "import",
        "transfer_cmd",
        "apply a JSON export (from `pictopy export library`) to this library",
    ),
    Command(
        "backup",
        "repair_cmd",
        "back the library database up now (kept in the data dir's backups folder)",
    ),
    Command(
        "repair",
        "repair_cmd",
        "check the library database; restore the latest good backup or rebuild a damaged one",
    ),
    Command(
        "install-desktop", "desktop_cmd", "add PictoPy to the desktop's application menu (Linux)"
    ),
    Command("favourite", "gallery_cmds", "mark photos as favourites (or --off)"),
    Command(
        "duplicates",
        "gallery_cmds",
        "exact and near-duplicate photos; --trash moves exact copies to the trash "
        "(near ones too with --near, after asking)",
    ),
    Command("memories", "gallery_cmds", "on this day, and events/trips"),
    Command("places", "gallery_cmds", "photos grouped by place (from GPS)"),
    Command(
        "similar",
        "gallery_cmds",
        "photos with faces like a face (FACE_ID) or like the face in an image file",
    ),
    Command(
        "trash",
        "trash_cmd",
        "files PictoPy moved to the trash, most recent first; `trash restore ID...` puts them back",
    ),
    Command(
        "albums",
        "albums_cmd",
        "albums with their photo counts; create, add, remove, rename, delete",
    ),
    Command(
        "diagnostics",
        "diagnostics_cmd",
        "versions, execution providers per model, folders and the last problems, for a bug report",
    ),
)


def command_named(name: str | None) -> Command | None:
    """The command called ``name``, or None when there is none (no command: the app)."""
    return next((c for c in COMMANDS if c.name == name), None)
