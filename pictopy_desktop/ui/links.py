"""Opening things outside PictoPy: a place in the user's map site, a video in the system player.

Only ever on the user's click; nothing is fetched by PictoPy itself. One function,
``open_url``, hands every link to the desktop (tests replace it).
"""

from __future__ import annotations

import logging
import os
from urllib.parse import quote

from pictopy_desktop.library.places import map_url
from pictopy_desktop.ui import messages
from pictopy_desktop.ui.qt import QByteArray, QDesktopServices, QUrl

log = logging.getLogger(__name__)


def open_url(url: QUrl) -> bool:
    """Hand ``url`` to the desktop (browser, player); say so when nothing could open it."""
    log.info("Opening %s", url.toString())
    if QDesktopServices.openUrl(url):
        return True
    messages.warning(f"Nothing on this computer could open {url.toDisplayString()}.")
    return False


def open_in_map(latitude: float, longitude: float) -> bool:
    return open_url(QUrl(map_url(latitude, longitude)))


def local_file_url(path: str) -> QUrl:
    """A ``file:`` URL for any file name (``QUrl.fromLocalFile`` drops bytes that are not UTF-8)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:  # percent-encode the name's own bytes
        return QUrl.fromEncoded(QByteArray(b"file://" + quote(os.fsencode(path)).encode("ascii")))
    return QUrl.fromLocalFile(path)


def open_in_player(path: str) -> bool:
    """Play a video in the system's player (PictoPy has no player of its own)."""
    return open_url(local_file_url(path))


def format_coordinates(latitude: float, longitude: float) -> str:
    ns = "N" if latitude >= 0 else "S"
    ew = "E" if longitude >= 0 else "W"
    return f"{abs(latitude):.5f}°{ns}, {abs(longitude):.5f}°{ew}"


def format_duration(seconds: float | None) -> str:
    """0:08, 4:05, 1:02:03."""
    if seconds is None or seconds < 0:
        return ""
    total = round(seconds)
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
