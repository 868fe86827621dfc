"""Photo files as files: which names are photos, opening only regular files, content hashes.

No image library here (no numpy, no Pillow): the app's start path, the trash and the
exports use these, and ``image_decode`` (which decodes) builds on them.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from pictopy_desktop.errors import ImageReadError
from pictopy_desktop.storage.data_files import file_kind, holds_through_sqlite

if TYPE_CHECKING:
    from pictopy_desktop.storage.tables import Image

IMAGE_EXTENSIONS = {
    ".jpg",
    ".jpeg",
    ".jpe",
    ".jfif",
    ".png",
    ".webp",
    ".bmp",
    ".dib",
    ".tif",
    ".tiff",
    ".gif",
    ".heic",
    ".heif",
}


class NotRegularFileError(OSError):
    """A path that is a pipe, socket, device or folder where a photo file was expected."""


@contextmanager
def photo_read_errors() -> Iterator[None]:
    """Turn the ways a photo file fails to open or vanishes into one ``ImageReadError`` each."""
    try:
        yield
    except NotRegularFileError as exc:
        raise ImageReadError(exc.strerror) from None
    except FileNotFoundError:
        raise ImageReadError("file vanished before it could be read") from None
    except PermissionError:
        raise ImageReadError("permission denied") from None


# O_NONBLOCK: opening a FIFO that appeared since the check must return at once, not wait
# for a writer. O_NOCTTY: a terminal device must never become our controlling terminal.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)


# Descriptors of a held library file opened by a race (see ``open_regular``), never closed.
_KEPT_OPEN: list[int] = []


def check_regular(path: Path | str) -> None:
    """Raise ``NotRegularFileError`` unless ``path`` is (or links to) a regular file; nothing is opened.

    The library's own database (and its -wal/-shm), held by this process through SQLite, is
    refused too: closing a descriptor of it would drop SQLite's locks (``storage/data_files.py``);
    a tester lost edits and damaged the library with a data dir inside a photo folder.
    """
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise NotRegularFileError(
            errno.EINVAL, f"{file_kind(st.st_mode)}, not a photo file", str(path)
        )
    if holds_through_sqlite(path, st):
        raise NotRegularFileError(
            errno.EPERM, "PictoPy's own library database, not a photo file", str(path)
        )


def open_regular(path: Path | str):
    """Open a regular file for binary reading; refuse pipes, sockets and devices without reading them.

    The file is checked before it is opened (so ``/dev/zero`` behind a link is never opened)
    and again on the open descriptor (so something swapped in between is still refused).
    """
    check_regular(path)
    fd = os.open(path, _OPEN_FLAGS | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFileError(
                errno.EINVAL, f"{file_kind(st.st_mode)}, not a photo file", str(path)
            )
        if holds_through_sqlite(path, st):
            # The library swapped in after the check: closing this descriptor would drop
            # SQLite's locks, so it stays open for the life of the process (as SQLite does).
            _KEPT_OPEN.append(fd)
            fd = -1
            raise NotRegularFileError(
                errno.EPERM, "PictoPy's own library database, not a photo file", str(path)
            )
        return os.fdopen(fd, "rb")
    except BaseException:
        if fd >= 0:
            os.close(fd)
        raise


def read_head(path: Path, size: int = 32) -> bytes:
    """A regular file's first bytes (empty when it cannot be read or is not a regular file)."""
    try:
        with open_regular(path) as fh:
            return fh.read(size)
    except OSError:
        return b""


def sniff_format(path: Path) -> str | None:
    """The image format a file's first bytes announce, or None (cheap: reads 32 bytes)."""
    return image_format_of(read_head(path))


def image_format_of(head: bytes) -> str | None:
    """The image format these first bytes of a file announce, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if head.startswith(b"BM"):
        return "BMP"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "TIFF"
    if head[4:8] == b"ftyp" and head[8:12] in (
        b"heic",
        b"heix",
        b"mif1",
        b"msf1",
        b"heim",
        b"heis",
    ):
        return "HEIF"
    return None


def is_image_candidate(path: Path) -> bool:
    """Worth trying to open: an image extension, or image content under any name."""
    return path.suffix.lower() in IMAGE_EXTENSIONS or sniff_format(path) is not None


def content_hash(path: Path) -> str:
    """A hash of the file's bytes: the identity that survives moves and renames.

    Raises ``NotRegularFileError`` (an ``OSError``) for a pipe, socket or device.
    """
    digest = hashlib.blake2b(digest_size=16)
    with open_regular(path) as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def is_file_read(row: Image, st: os.stat_result) -> bool:
    """Whether the file whose ``os.stat`` is ``st`` is still the one ``row`` was read from."""
    same = row.size == st.st_size and abs(row.mtime - st.st_mtime) < 1e-6
    # Size and mtime alone miss a swap of two same-sized files with equal mtimes
    # (uncompressed formats, unpacked archives, FAT's 2 s clock, cp -p): another inode, or a
    # new ctime (written in place, or a copy with preserved times), means it is read again.
    # Rows from before identities were recorded rely on size and mtime.
    if same and row.inode is not None and row.ctime is not None:
        same = (row.device, row.inode) == (st.st_dev, st.st_ino) and abs(
            row.ctime - st.st_ctime
        ) < 1e-6
    return same
