"""`pictopy`: no arguments opens the GUI; subcommands drive the same core headless.

Each subcommand lives in its own module with ``register(subparsers)``, which adds a
parser and sets ``handler=run`` where ``run(args) -> int`` is the exit status.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

from pictopy_desktop import __version__
from pictopy_desktop.cli.commands import COMMANDS, command_named


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The ``pictopy`` parser: every command listed from the light table, and only ``command``'s
    module imported, to add its real arguments (the others stay one line of help each)."""
    parser = argparse.ArgumentParser(
        prog="pictopy",
        description="PictoPy Desktop: a private photo gallery. Run without a command to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"PictoPy {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="library data dir (default: per-user app data; env PICTOPY_DATA_DIR)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    chosen = command_named(command)
    registered = False
    for entry in COMMANDS:
        if chosen is not None and entry.module == chosen.module:
            if not registered:  # the module adds all of its commands at once
                importlib.import_module(f"pictopy_desktop.cli.{entry.module}").register(sub)
                registered = True
            continue
        sub.add_parser(entry.name, help=entry.help, add_help=False)
    return parser


def _command_in(argv: list[str]) -> str | None:
    """The first word of ``argv`` that is not an option or the value of ``--data-dir``."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--data-dir":
            skip = True
        elif arg == "--":
            return None
        elif not arg.startswith("-"):
            return arg
    return None


class _CurrentStderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the time (tests and the GUI swap it)."""

    @property  # type: ignore[override]
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


def _setup_logging(verbose: bool) -> None:
    """Warnings (everything with ``-v``) on stderr; the log file gets INFO and up."""
    root = logging.getLogger()
    handler = next((h for h in root.handlers if isinstance(h, _CurrentStderrHandler)), None)
    if handler is None:
        handler = _CurrentStderrHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    handler.setLevel(logging.DEBUG if verbose else logging.WARNING)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)


def _move_to_platform_folders() -> str | None:
    """Once, without ``--data-dir``: settings, thumbnails and logs to the platform's folders."""
    from pictopy_desktop import paths

    if paths.folders() != paths.Folders.platform():
        return None
    from pictopy_desktop.folder_move import move_to_platform_folders

    return move_to_platform_folders().message(paths.Folders.platform())


def _gui_paths(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """Existing files or folders given where a command would be: they are for the app."""
    commands = set()
    for action in parser._subparsers._group_actions if parser._subparsers else []:
        commands |= set(getattr(action, "choices", {}) or {})
    positional = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg == "--data-dir":
            skip = True
            continue
        if arg.startswith("-"):
            continue
        positional.append(arg)
    if not positional or positional[0] in commands:
        return []
    return [p for p in positional if os.path.exists(p)]


def _escape_undecodable_names() -> None:
    """Print a file name that is not valid UTF-8 with backslash escapes instead of failing.

    Python holds such a name's bytes as lone surrogates (``caf\\udce9.jpg``); written as
    ``\\udce9`` they stay readable, and in ``--json`` output they are JSON escapes that
    ``json.loads`` turns back into the exact name the OS gave.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `pictopy` command: errors end as one sentence and an exit status (``run_guarded``)."""
    from pictopy_desktop.cli.common import run_guarded

    _escape_undecodable_names()
    return run_guarded(lambda: _run(sys.argv[1:] if argv is None else argv))


def _run(argv: list[str]) -> int:
    parser = build_parser(_command_in(argv))
    gui_paths = _gui_paths(parser, argv)
    if gui_paths:
        # `pictopy FOLDER...` ("Open with PictoPy"): the app, indexing those folders.
        argv = [a for a in argv if a not in gui_paths]
    args, extra = parser.parse_known_args(argv)
    extra = [*extra, *gui_paths]
    _setup_logging(args.verbose)
    # Imported after parsing: `--help` and `--version` end inside it, before any of this.
    from pictopy_desktop import paths

    paths.set_data_dir_override(args.data_dir)
    handler = getattr(args, "handler", None)
    if handler is None and args.command is not None:
        parser.print_help()
        return 2
    moved = _move_to_platform_folders()
    from pictopy_desktop.log_files import start_in_log_folder

    # In the platform's folders at once; inside a --data-dir once the library opens there.
    start_in_log_folder(create=paths.folders() == paths.Folders.platform())
    if moved:
        logging.getLogger(__name__).info("%s", moved)
    if handler is None:
        from pictopy_desktop.ui.app import run_app

        return run_app(extra, notice=moved)
    if moved:
        print(f"pictopy: {moved}", file=sys.stderr)
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    return int(handler(args) or 0)
