"""Opening things outside PictoPy: a map site, the system player, the default app, the file manager.

Only ever on the user's click; nothing is fetched by PictoPy itself. One function,
``open_url``, hands every link to the desktop (tests replace it).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from urllib.parse import quote

from pictopy_desktop.ui import messages
from pictopy_desktop.ui.qt import QByteArray, QDesktopServices, QUrl, dbus
from pictopy_desktop.ui.translations import translate

log = logging.getLogger(__name__)


def open_url(url: QUrl) -> bool:
    """Hand ``url`` to the desktop (browser, player); say so when nothing could open it."""
    log.info("Opening %s", url.toString())
    if QDesktopServices.openUrl(url):
        return True
    messages.warning(
        translate("pictopy", "Nothing on this computer could open {url}.").format(
            url=url.toDisplayString()
        )
    )
    return False


def open_in_map(latitude: float, longitude: float) -> bool:
    # Here, not at the top: places brings the gazetteer (numpy), which the first paint never needs.
    from pictopy_desktop.library.places import map_url

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


def open_with_default_app(path: str) -> bool:
    """Open a photo or video in the program the system opens such files with."""
    return open_url(local_file_url(path))


def show_in_folder(path: str) -> bool:
    """Show the file in the system's file manager, selected where the file manager can do that.

    Windows Explorer and macOS Finder select it; on Linux desktops the freedesktop
    ``FileManager1`` D-Bus service does; anywhere else the folder opens.
    """
    log.info("Showing %s in its folder", path)
    try:
        if sys.platform == "win32":
            subprocess.Popen(["explorer", f"/select,{os.path.normpath(path)}"])
            return True
        if sys.platform == "darwin":
            subprocess.Popen(["open", "-R", path])
            return True
    except OSError as exc:
        log.info("The file manager did not start (%s); opening the folder", exc)
    if _freedesktop_show_items(local_file_url(path)):
        return True
    return open_url(local_file_url(os.path.dirname(path) or "."))


def _freedesktop_show_items(url: QUrl) -> bool:
    """Ask the desktop's file manager (D-Bus ``org.freedesktop.FileManager1``) to select ``url``."""
    QDBusConnection, QDBusInterface = dbus()
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return False
    manager = QDBusInterface(
        "org.freedesktop.FileManager1",
        "/org/freedesktop/FileManager1",
        "org.freedesktop.FileManager1",
        bus,
    )
    if not manager.isValid():
        return False
    reply = manager.call(
        "ShowItems", [url.toString(QUrl.ComponentFormattingOption.FullyEncoded)], ""
    )
    return not reply.errorMessage()


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
