"""`pictopy install-desktop`: the menu entry and icon for the current user (Linux)."""

from __future__ import annotations

import argparse

from pictopy_desktop.desktop_integration import install_desktop_entry


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "install-desktop", help="add PictoPy to the desktop's application menu (Linux)"
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    for path in install_desktop_entry():
        print(f"wrote {path}")
    return 0
