"""One running PictoPy per library: a second launch hands its folders to the first and exits.

The first instance listens on a QLocalServer named after the data dir; a later launch
connects, sends the paths from its command line as JSON, and the running window comes
forward and indexes them ("Open with PictoPy" on a folder).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

from pictopy_desktop.ui.qt import QLocalServer, QLocalSocket, QObject, Signal

log = logging.getLogger(__name__)


def server_name(data_dir: Path) -> str:
    """A per-user, per-library name for the local socket."""
    user = os.environ.get("USER") or os.environ.get("USERNAME") or "user"
    digest = hashlib.sha1(f"{user}:{data_dir.resolve()}".encode()).hexdigest()[:16]
    return f"pictopy-{digest}"


def forward_to_running_instance(data_dir: Path, paths: list[str], timeout_ms: int = 500) -> bool:
    """Send ``paths`` to a running instance; True if one took them (this launch should exit)."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(timeout_ms):
        return False
    payload = json.dumps({"paths": [str(Path(p).resolve()) for p in paths]}).encode() + b"\n"
    socket.write(payload)
    socket.flush()
    ok = socket.waitForBytesWritten(timeout_ms)
    socket.waitForReadyRead(timeout_ms)  # the server's acknowledgement
    socket.disconnectFromServer()
    return ok


class InstanceServer(QObject):
    """Listens for later launches; emits ``activated(paths)`` for each."""

    activated = Signal(list)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.newConnection.connect(self._on_connection)
        name = server_name(data_dir)
        if not self._server.listen(name):
            # A crashed instance leaves its socket file behind on Unix.
            QLocalServer.removeServer(name)
            if not self._server.listen(name):
                log.warning("Single-instance server unavailable: %s", self._server.errorString())

    def is_listening(self) -> bool:
        return self._server.isListening()

    def _on_connection(self) -> None:
        socket = self._server.nextPendingConnection()
        if socket is None:
            return
        buffer = bytearray()

        def read() -> None:
            buffer.extend(bytes(socket.readAll()))
            if not buffer.endswith(b"\n"):
                return
            try:
                paths = json.loads(buffer.decode()).get("paths", [])
            except ValueError:
                paths = []
            socket.write(b"ok\n")
            socket.flush()
            socket.disconnectFromServer()
            self.activated.emit([str(p) for p in paths])

        socket.readyRead.connect(read)
        socket.disconnected.connect(socket.deleteLater)
        if socket.bytesAvailable():
            read()
