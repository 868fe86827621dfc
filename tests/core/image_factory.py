"""Make test images: formats, EXIF, and every kind of bad file the indexer must survive."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import piexif
from PIL import Image


def save_with_exif(
    src: Path, dest: Path, orientation: int = 1, taken: str | None = None, size: int | None = None
) -> Path:
    """Re-save ``src`` as a JPEG with the given EXIF orientation and DateTimeOriginal."""
    img = Image.open(src).convert("RGB")
    if size:
        img.thumbnail((size, size))
    exif: dict = {"0th": {piexif.ImageIFD.Orientation: orientation}, "Exif": {}}
    if taken:
        exif["Exif"][piexif.ExifIFD.DateTimeOriginal] = taken.encode()
    img.save(dest, "JPEG", exif=piexif.dump(exif), quality=90)
    return dest


def bomb_png(dest: Path, width: int = 30000, height: int = 30000) -> Path:
    """A tiny PNG whose header claims an enormous size (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    dest.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )
    return dest


def truncated_copy(src: Path, dest: Path, fraction: float = 0.4) -> Path:
    data = src.read_bytes()
    dest.write_bytes(data[: int(len(data) * fraction)])
    return dest


def corrupt_copy(src: Path, dest: Path) -> Path:
    """Keep the JPEG header, replace the body with garbage."""
    data = bytearray(src.read_bytes())
    for i in range(200, len(data) - 2, 7):
        data[i] = (data[i] * 31 + 17) & 0xFF
    dest.write_bytes(bytes(data[:2000]))
    return dest
