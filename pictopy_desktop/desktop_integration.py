"""Installing the Linux desktop entry and icon for the current user (freedesktop.org paths)."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from pictopy_desktop import paths


def launcher_command() -> str:
    """How to start this PictoPy: the frozen binary, else the `pictopy` script, else the module."""
    if getattr(sys, "frozen", False):
        return shlex.quote(sys.executable)
    script = shutil.which("pictopy")
    if script:
        return shlex.quote(script)
    return f"{shlex.quote(sys.executable)} -m pictopy_desktop"


def install_desktop_entry(data_home: Path | None = None) -> list[Path]:
    """Write ``pictopy.desktop`` and the icon under ``$XDG_DATA_HOME``; return the files written."""
    data_home = data_home or Path(
        os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    )
    resources = paths.resources_dir()
    entry = (
        (resources / "pictopy.desktop")
        .read_text(encoding="utf-8")
        .replace("@EXEC@", launcher_command())
    )
    apps = data_home / "applications"
    icons = data_home / "icons" / "hicolor" / "256x256" / "apps"
    scalable = data_home / "icons" / "hicolor" / "scalable" / "apps"
    for d in (apps, icons, scalable):
        d.mkdir(parents=True, exist_ok=True)
    written = [apps / "pictopy.desktop", icons / "pictopy.png", scalable / "pictopy.svg"]
    written[0].write_text(entry, encoding="utf-8")
    shutil.copyfile(resources / "icons" / "pictopy.png", written[1])
    shutil.copyfile(resources / "icons" / "pictopy.svg", written[2])
    return written
