"""Huge TIFFs read band by band, so only a few rows are ever held at full size.

Pillow hands a compressed TIFF to libtiff as one whole-image tile: a 190 MP 16-bit scan
costs 760 MB of Pillow pixels before it can be shrunk, and libtiff offers no way to start
at a later row. A TIFF's strips (or tiles) are independent blocks, though. Each band of
them is wrapped in a small in-memory TIFF of its own (the original's decoding tags, only
those rows), decoded by Pillow with the same codecs, box-reduced and pasted into the
small output. Uncompressed strips are addressed row by row, so even a one-strip raw TIFF
bands.
"""

from __future__ import annotations

import io
import math
import struct
from dataclasses import dataclass
from typing import IO

from PIL import Image, TiffImagePlugin, TiffTags
from PIL.ExifTags import Base

# Tags that say how to decode the pixels; anything else (EXIF, XMP, sub-IFDs) stays behind.
_DECODING_TAGS = (
    Base.ImageWidth,
    Base.BitsPerSample,
    Base.Compression,
    Base.PhotometricInterpretation,
    Base.FillOrder,
    Base.SamplesPerPixel,
    Base.PlanarConfiguration,
    Base.Predictor,
    Base.ColorMap,
    Base.TileWidth,
    Base.TileLength,
    Base.ExtraSamples,
    Base.SampleFormat,
    Base.JPEGTables,
    Base.YCbCrCoefficients,
    Base.YCbCrSubSampling,
    Base.YCbCrPositioning,
    Base.ReferenceBlackWhite,
)
_IMAGE_LENGTH, _ROWS_PER_STRIP = Base.ImageLength, Base.RowsPerStrip
_STRIP_OFFSETS, _STRIP_BYTE_COUNTS = Base.StripOffsets, Base.StripByteCounts
_TILE_OFFSETS, _TILE_BYTE_COUNTS = Base.TileOffsets, Base.TileByteCounts
_UNCOMPRESSED = 1

# A band's decoded pixels stay below this where the blocks allow (Pillow holds up to 4
# bytes a pixel). A file whose smallest band would exceed LARGEST_BAND_BYTES (one
# compressed strip for the whole image) gains nothing from bands and is decoded whole.
BAND_BYTES = 16 * 1024 * 1024
LARGEST_BAND_BYTES = 4 * BAND_BYTES


@dataclass(frozen=True)
class _Layout:
    """Where a TIFF page's pixel blocks lie: ``rows`` image rows per block row."""

    tiled: bool
    rows: int  # image rows per strip, or tile length
    across: int  # blocks per block row (1 for strips)
    down: int  # block rows
    planes: int  # 1, or samples per pixel for planar configuration 2
    offsets: tuple[int, ...]
    counts: tuple[int, ...]

    def block(self, plane: int, row: int, col: int) -> int:
        return (plane * self.down + row) * self.across + col


def stored_size(img: TiffImagePlugin.TiffImageFile) -> tuple[int, int]:
    """Width and height as the pixels are stored (newer Pillow reports a TIFF's size turned upright)."""
    return int(img.tag_v2[Base.ImageWidth]), int(img.tag_v2[_IMAGE_LENGTH])


def _layout(img: TiffImagePlugin.TiffImageFile) -> _Layout | None:
    """The page's block layout, or None when its tags don't describe a readable one."""
    tags = img.tag_v2
    width, height = stored_size(img)
    planes = (
        int(tags.get(Base.SamplesPerPixel, 1))
        if int(tags.get(Base.PlanarConfiguration, 1)) == 2
        else 1
    )
    if (
        Base.TileWidth in tags
        and Base.TileLength in tags
        and _TILE_OFFSETS in tags
        and _TILE_BYTE_COUNTS in tags
    ):
        tw, th = int(tags[Base.TileWidth]), int(tags[Base.TileLength])
        offsets, counts = tuple(tags[_TILE_OFFSETS]), tuple(tags[_TILE_BYTE_COUNTS])
        layout = _Layout(
            True, th, math.ceil(width / tw), math.ceil(height / th), planes, offsets, counts
        )
    elif _STRIP_OFFSETS in tags and _STRIP_BYTE_COUNTS in tags:
        rows = min(int(tags.get(_ROWS_PER_STRIP, height)), height)
        offsets, counts = tuple(tags[_STRIP_OFFSETS]), tuple(tags[_STRIP_BYTE_COUNTS])
        layout = _Layout(False, rows, 1, math.ceil(height / rows), planes, offsets, counts)
        if int(tags.get(Base.Compression, _UNCOMPRESSED)) == _UNCOMPRESSED:
            layout = _rows_as_strips(img, layout)
    else:
        return None
    if layout is None or len(layout.offsets) != layout.across * layout.down * layout.planes:
        return None
    if (
        len(layout.counts) != len(layout.offsets)
        or min(layout.rows, layout.across, layout.down) < 1
    ):
        return None
    return layout


def _rows_as_strips(img: TiffImagePlugin.TiffImageFile, layout: _Layout) -> _Layout | None:
    """Uncompressed strips split into one-row strips, so bands need not follow the writer's strips."""
    tags = img.tag_v2
    width, height = stored_size(img)
    samples = int(tags.get(Base.SamplesPerPixel, 1)) // layout.planes
    bits = tags.get(Base.BitsPerSample, (1,))
    bits = int(bits[0] if isinstance(bits, tuple) else bits)
    row_bytes = math.ceil(width * samples * bits / 8)
    offsets: list[int] = []
    for plane in range(layout.planes):
        for strip in range(layout.down):
            first = layout.block(plane, strip, 0)
            rows = min(layout.rows, height - strip * layout.rows)
            if layout.counts[first] < rows * row_bytes:
                return None  # a short strip: leave it to Pillow, which reports it
            offsets.extend(layout.offsets[first] + r * row_bytes for r in range(rows))
    return _Layout(False, 1, 1, height, layout.planes, tuple(offsets), (row_bytes,) * len(offsets))


def _band_rows(layout: _Layout, width: int) -> int | None:
    """Rows per band: whole block rows, within ``BAND_BYTES`` where one block row allows."""
    block_row_bytes = width * layout.rows * 4
    if block_row_bytes > LARGEST_BAND_BYTES:
        return None
    return layout.rows * max(1, BAND_BYTES // block_row_bytes)


def _band_file(
    img: TiffImagePlugin.TiffImageFile, layout: _Layout, fh: IO[bytes], row0: int, rows: int
) -> bytes:
    """A small TIFF holding image rows ``row0`` to ``row0 + rows`` (whole block rows)."""
    tags = img.tag_v2
    first, last = row0 // layout.rows, math.ceil((row0 + rows) / layout.rows)
    chunks: list[bytes] = []
    for plane in range(layout.planes):
        for block_row in range(first, last):
            for col in range(layout.across):
                i = layout.block(plane, block_row, col)
                fh.seek(layout.offsets[i])
                chunk = fh.read(layout.counts[i])
                if len(chunk) != layout.counts[i]:
                    raise OSError("image file is truncated")
                chunks.append(chunk)
    relative = [0]
    for chunk in chunks[:-1]:
        relative.append(relative[-1] + len(chunk))

    ifd = TiffImagePlugin.ImageFileDirectory_v2(prefix=tags.prefix)
    for tag in _DECODING_TAGS:
        if tag in tags:
            ifd[tag] = tags[tag]
            ifd.tagtype[tag] = tags.tagtype.get(tag, TiffTags.lookup(tag).type)
    ifd[_IMAGE_LENGTH] = rows
    ifd.tagtype[_IMAGE_LENGTH] = TiffTags.LONG
    offsets_tag, counts_tag = (
        (_TILE_OFFSETS, _TILE_BYTE_COUNTS) if layout.tiled else (_STRIP_OFFSETS, _STRIP_BYTE_COUNTS)
    )
    if not layout.tiled:
        ifd[_ROWS_PER_STRIP] = layout.rows
        ifd.tagtype[_ROWS_PER_STRIP] = TiffTags.LONG
    ifd[counts_tag] = tuple(len(c) for c in chunks)
    ifd.tagtype[counts_tag] = TiffTags.LONG
    ifd[offsets_tag] = tuple(relative)
    ifd.tagtype[offsets_tag] = TiffTags.LONG
    endian = "<" if tags.prefix == b"II" else ">"
    header = tags.prefix + struct.pack(endian + "HL", 42, 8)
    directory = ifd.tobytes(8)  # moves strip offsets past itself; tile offsets need it done here
    if layout.tiled:
        ifd[offsets_tag] = tuple(8 + len(directory) + r for r in relative)
        directory = ifd.tobytes(8)
    return header + directory + b"".join(chunks)


def _reducible(band: Image.Image) -> Image.Image:
    """The band in a mode ``Image.reduce`` can average."""
    if band.mode.startswith("I;16"):
        return band.convert("I")
    if band.mode == "1":
        return band.convert("L")
    if band.mode in ("P", "PA"):
        return band.convert("RGBA" if "transparency" in band.info or band.mode == "PA" else "RGB")
    return band


def read_reduced(img: TiffImagePlugin.TiffImageFile, factor: int) -> Image.Image | None:
    """The current page of ``img`` as stored (not turned by its orientation tag), shrunk
    ``factor`` times (box average), read band by band.

    Returns None when the file's layout does not allow bands (one compressed block holding
    most of the image); the caller then decodes it whole. Decoding errors raise as Pillow's do.
    The blocks are read through the file Pillow opened (not the path again: by now the path
    could name something else), before anything is loaded from it.
    """
    layout = _layout(img)
    width, height = stored_size(img)
    band_rows = _band_rows(layout, width) if layout else None
    fh = img.fp
    if layout is None or band_rows is None or fh is None:
        return None
    out: Image.Image | None = None
    out_row = 0
    carry: Image.Image | None = None  # the last band's rows short of a whole ``factor``
    for row0 in range(0, height, band_rows):
        rows = min(band_rows, height - row0)
        with Image.open(io.BytesIO(_band_file(img, layout, fh, row0, rows))) as decoded:
            decoded.load()
            if decoded.size != (width, rows):
                raise OSError(f"band decoded to {decoded.size[0]}x{decoded.size[1]}")
            band = _reducible(decoded)
        if carry is not None:
            joined = Image.new(band.mode, (width, carry.height + rows))
            joined.paste(carry, (0, 0))
            joined.paste(band, (0, carry.height))
            band = joined
        last = row0 + rows >= height
        whole = band.height if last else band.height - band.height % factor
        carry = band.crop((0, whole, width, band.height)) if whole < band.height else None
        if whole == 0:
            continue
        small = band.reduce(factor, (0, 0, width, whole)) if factor > 1 else band
        if out is None:
            out = Image.new(small.mode, (math.ceil(width / factor), math.ceil(height / factor)))
        out.paste(small, (0, out_row))
        out_row += small.height
    return out
