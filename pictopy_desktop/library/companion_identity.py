"""Which file a photo's RAW companion is, so a delete never trashes another file in its place.

A RAW shown with its JPEG (``Image.companion_path``) has no row, so no content hash of its
own. When a pair is recorded, the RAW's size, modification time and a hash of its first and
last 64 KiB are kept under the photo's id (digiKam's "unique hash" idea: reading a whole
30 MB RAW at every pairing would cost more than the JPEG it is shown with). Right before the
RAW goes to the trash with its photo, the file at that name must still have that size and
those bytes: a file that took the RAW's name (renamed, copied or swapped outside PictoPy)
is refused and the pair stays. An identity also says the RAW was checked to show its
JPEG's picture (``pair_check``): a RAW that is still that file is not decoded again at a rescan.

Kept in the library's ``Meta`` table (``raw_companion.<image id>``, JSON naming the RAW's
path too, so an entry left from another pairing never vouches for this one).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace

from pictopy_desktop.library.photo_files import open_regular
from pictopy_desktop.storage.tables import Meta

log = logging.getLogger(__name__)

# A file as it is on disk: (size, mtime in ns, inode, ctime in ns). Size and mtime alone miss
# another picture copied over it with its times kept (cp -p, touch -r): the ctime (and, for a
# file renamed over it, the inode) tells them apart, as the scanner's own check does.
Stamp = tuple[int, int, int, int]


def file_stamp(st: os.stat_result) -> Stamp:
    """The ``Stamp`` of a file from its ``os.stat`` result."""
    return st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns


SAMPLE_BYTES = 64 * 1024
_KEY = "raw_companion."


@dataclass(frozen=True)
class CompanionIdentity:
    """A RAW file as it was when its pair was recorded."""

    path: str
    size: int
    mtime_ns: int
    sample: str  # blake2b of the size and the first and last SAMPLE_BYTES
    # Recorded for a pair whose RAW was found to show its JPEG's picture; False on
    # identities recorded before pairs were checked (checked once at the next index).
    picture_checked: bool = False
    # Recorded with the size and mtime; -1 on identities from before they were (checked again).
    inode: int = -1
    ctime_ns: int = -1

    @property
    def stamp(self) -> Stamp:
        """The file as it was recorded."""
        return self.size, self.mtime_ns, self.inode, self.ctime_ns


def read_identity(path: str) -> CompanionIdentity:
    """The identity of the regular file at ``path`` now; raises ``OSError`` (a pipe or device too)."""
    digest = hashlib.blake2b(digest_size=16)
    with open_regular(path) as fh:
        st = os.fstat(fh.fileno())
        digest.update(str(st.st_size).encode("ascii"))
        digest.update(fh.read(SAMPLE_BYTES))
        if st.st_size > SAMPLE_BYTES:
            fh.seek(max(SAMPLE_BYTES, st.st_size - SAMPLE_BYTES))
            digest.update(fh.read(SAMPLE_BYTES))
    return CompanionIdentity(
        path,
        st.st_size,
        st.st_mtime_ns,
        digest.hexdigest(),
        inode=st.st_ino,
        ctime_ns=st.st_ctime_ns,
    )


def _key(image_id: int) -> str:
    return f"{_KEY}{image_id}"


def _parse(value: str) -> CompanionIdentity | None:
    try:
        return CompanionIdentity(**json.loads(value))
    except (ValueError, TypeError):
        return None  # damaged by hand: counts as never recorded, so the RAW is left alone


def stored_identity(image_id: int) -> CompanionIdentity | None:
    """The identity recorded for ``image_id``'s RAW, or None."""
    row = Meta.get_or_none(Meta.key == _key(image_id))
    return None if row is None else _parse(row.value)


def stored_identities() -> dict[int, CompanionIdentity]:
    """Every recorded identity by image id (one query)."""
    out: dict[int, CompanionIdentity] = {}
    for key, value in Meta.select(Meta.key, Meta.value).where(Meta.key.startswith(_KEY)).tuples():
        identity = _parse(value)
        if identity is not None and key[len(_KEY) :].isdigit():
            out[int(key[len(_KEY) :])] = identity
    return out


def checked_and_unchanged(known: CompanionIdentity | None, raw: str) -> bool:
    """Whether the file at ``raw`` is the one recorded when its pair was checked (same path,
    size, modification time, inode and change time), so it needs no new picture check."""
    if known is None or not known.picture_checked or known.path != raw:
        return False
    try:
        st = os.stat(raw)
    except OSError:
        return False
    return file_stamp(st) == known.stamp


def record_identities(
    pairs: Iterable[tuple[int, str]], checked: dict[str, Stamp] | None = None
) -> int:
    """Record the RAW of each checked pair (image id, RAW path) as it is now; returns how many
    were (re)read.

    Every pair given was found to show one picture (``raw_pairs.settle_pair_rows``), the RAW
    then having the ``Stamp`` in ``checked``: a RAW changed since keeps no identity, so it
    is not trashed with the photo and is checked again at the next index. A RAW whose path
    and stamp match what is recorded is not read again, so
    a rescan of an unchanged library opens no RAW. An unreadable RAW keeps no identity (it
    cannot be trashed until it reads).
    """
    pairs = list(pairs)
    if not pairs:
        return 0
    # Only these pairs' entries (primary-key lookups): not every pair of the library.
    keys = [_key(image_id) for image_id, _ in pairs]
    stored: dict[str, CompanionIdentity | None] = {}
    for i in range(0, len(keys), 500):
        stored.update(
            (key, _parse(value))
            for key, value in Meta.select(Meta.key, Meta.value)
            .where(Meta.key.in_(keys[i : i + 500]))
            .tuples()
        )
    write: dict[str, str] = {}
    drop: list[str] = []
    for image_id, raw in pairs:
        old = stored.get(_key(image_id))
        try:
            st = os.stat(raw)
            if (
                old is not None
                and old.picture_checked
                and (old.path, old.stamp) == (raw, file_stamp(st))
            ):
                continue
            identity = replace(read_identity(raw), picture_checked=True)
        except OSError:
            identity = None
        if identity is not None and (checked is None or checked.get(raw) == identity.stamp):
            write[_key(image_id)] = json.dumps(asdict(identity))
            continue
        if identity is not None:
            log.info(
                "%s changed since it was checked against its JPEG: checked again next index", raw
            )
        if old is not None:
            drop.append(_key(image_id))
    db = Meta._meta.database
    with db.atomic():
        for key, value in write.items():
            Meta.insert(key=key, value=value).on_conflict_replace().execute()
        for i in range(0, len(drop), 500):
            Meta.delete().where(Meta.key.in_(drop[i : i + 500])).execute()
    return len(write)


def forget_identities(image_ids: Iterable[int]) -> None:
    """These photos show no RAW any more."""
    keys = [_key(i) for i in image_ids]
    for i in range(0, len(keys), 500):
        Meta.delete().where(Meta.key.in_(keys[i : i + 500])).execute()


def companion_problem(image_id: int, raw: str) -> str | None:
    """Why the file at ``raw`` must not go to the trash as ``image_id``'s RAW now, or None.

    Read on disk: it must be the regular file recorded when the pair was, the same size
    with the same first and last bytes.
    """
    name = os.path.basename(raw)
    known = stored_identity(image_id)
    if known is None or known.path != raw:
        return f"its RAW file {name} has not been checked since it was paired; re-index first"
    try:
        now = read_identity(raw)
    except FileNotFoundError:
        return f"its RAW file {name} is no longer there"
    except OSError as exc:
        return f"its RAW file {name} cannot be read ({exc.strerror or exc})"
    if (now.size, now.sample) != (known.size, known.sample):
        # Another file took the RAW's name (renamed or swapped outside PictoPy): never trash it.
        return f"its RAW file {name} changed on disk since it was indexed; re-index first"
    return None
