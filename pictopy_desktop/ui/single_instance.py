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
    if socket.bytesToWrite():
        socket.waitForBytesWritten(timeout_ms)
    # The server's acknowledgement is the proof that a running window took the paths.
    acknowledged = socket.waitForReadyRead(timeout_ms) and bytes(socket.readAll()).startswith(b"ok")
    socket.disconnectFromServer()
    return acknowledged


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
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if socket is not None:
                _Handshake(socket, self.activated.emit, self)


class _Handshake(QObject):
    """One later launch talking to us: read its JSON line, acknowledge, hand over the paths."""

    def __init__(self, socket: QLocalSocket, deliver, parent: QObject) -> None:
        super().__init__(parent)
        self._socket = socket
        self._deliver = deliver
        self._buffer = bytearray()
        socket.setParent(self)
        socket.readyRead.connect(self._read)
        socket.disconnected.connect(self._finish)
        self._read()

    def _read(self) -> None:
        self._buffer.extend(bytes(self._socket.readAll()))
        if not self._buffer.endswith(b"\n"):
            return
        try:
            paths = json.loads(self._buffer.decode()).get("paths", [])
        except ValueError:
            paths = []
        self._socket.readyRead.disconnect(self._read)
        self._socket.write(b"ok\n")
        self._socket.flush()
        self._deliver([str(p) for p in paths])

    def _finish(self) -> None:
        self.deleteLater()  # the socket is our child and goes with us
