"""libexiv2 made ready once per process, and its XMP toolkit used by one thread at a time.

libexiv2 parses and writes XMP with Adobe's XMP toolkit, which starts itself on first
use; that start is not thread safe (exiv2's ``XmpParser::initialize`` documentation). When
the indexer's threads read two photos' XMP at once as the first in the process, one can
parse while the other is still filling the toolkit's namespace table, and afterwards every
packet using the ``exif:`` namespace reads as empty, silently (exiv2 only logs it, and
its log is muted here). Seen on CI: a Lightroom sidecar's keywords, title and rating
lost. So the toolkit starts here, at import (Python runs an import once, under its
import lock), and every parse or write through it holds ``XMP_LOCK``: the namespaces a
packet brings are registered in a table the toolkit guards only with a lock function,
which python-exiv2 cannot pass.
"""

from __future__ import annotations

import logging
import threading

import exiv2

log = logging.getLogger(__name__)

# libexiv2 logs its own warnings about odd files; PictoPy reports problems itself.
exiv2.LogMsg.setLevel(exiv2.LogMsg.Level.mute)
if not exiv2.XmpParser.initialize():
    log.warning("The XMP toolkit in libexiv2 did not start: XMP metadata will not be read.")

XMP_LOCK = threading.Lock()


def parsed(data: bytes) -> exiv2.Image:
    """``data`` (a whole file, or its head) opened and its metadata read; raises ``exiv2.Exiv2Error``."""
    with XMP_LOCK:
        image = exiv2.ImageFactory.open(data)
        image.readMetadata()
    return image


def write_metadata(image: exiv2.Image) -> None:
    """``image.writeMetadata()`` (serialises its XMP through the toolkit), one thread at a time."""
    with XMP_LOCK:
        image.writeMetadata()
