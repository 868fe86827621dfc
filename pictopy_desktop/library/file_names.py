"""File names as text for people: any name the OS gives, shown readably.

POSIX file names are bytes. One that is not valid UTF-8 (a Latin-1 ``café.jpg`` from an
old camera or a Windows share) reaches Python with lone surrogates for its odd bytes;
the database keeps those losslessly (``storage.tables.PathField``) and every file
operation uses them as they are. Only text shown on screen goes through ``display_path``,
because Qt silently drops lone surrogates (``caf.jpg``: another file's name).
"""

from __future__ import annotations

import os


def display_path(path: str | os.PathLike[str]) -> str:
    """``path`` for the screen: bytes that are not UTF-8 become U+FFFD, as GLib shows them.

    For display only: the result may name no file, so never open it.
    """
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", errors="replace")
    return text
