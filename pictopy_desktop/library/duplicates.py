"""Duplicate photos, safe by construction: exact copies and near duplicates, and trashing the spares.

Exact duplicates are identical bytes in *different* files: rows that reach one file by two
paths (a folder added directly and through a symlink, a symlinked file, a hard link) are
one file, never a pair. Near duplicates (the same picture at another size or quality) are
grouped by distance to the photo that would be kept: every member is within the threshold
of the keeper's perceptual hash, so a burst or panning sequence whose frames are each close
to the next is never chained into one group. Candidates come from cutting the 64-bit hash
into bands: two hashes within ``max_distance`` < number of bands share a band (pigeonhole),
so only photos sharing one are compared.

Trashing re-checks everything on disk right before each file moves (``check_pair``): both
are different regular files, both still hold the bytes that were indexed, the keeper reads
back; a failed check leaves that file where it is with the reason. A RAW+JPEG pair goes
whole, and only where the keeper is a pair whose RAW holds the same bytes. The trashed copy's
favourite and albums move to the keeper, and its row stays (marked missing) so a restored
file comes back with everything.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from peewee import SqliteDatabase

from pictopy_desktop.library.changes import NO_CHANGES, PHOTO_SET_CHANGED, OpChanges
from pictopy_desktop.library.companion_identity import companion_problem
from pictopy_desktop.library.photo_files import content_hash
from pictopy_desktop.library.photo_trash import trash_companion
from pictopy_desktop.library.trash import TrashError, move_to_trash
from pictopy_desktop.people.face_matching import box_iou
from pictopy_desktop.storage.tables import AlbumImage, Face, Image, ImageState, Person, Presence

log = logging.getLogger(__name__)

NEAR_DUPLICATE_DISTANCE = 6  # of 64 bits; measured: resized copies differ by 0-4
_BANDS = 8
_CROWDED_BAND = 2000  # a band shared by this many photos (flat colour) says nothing
# A DCT hash thresholds at the median, so a photo with any structure sets about half its
# bits (32 of 64 on every photo measured in ../shared). A flat or nearly flat picture sets
# one or two: solid red and solid blue hash alike, and would pass for near copies.
_MIN_DETAIL_BITS = 8


@dataclass
class DuplicateGroup:
    image_ids: list[int]  # the keeper (largest resolution, then size, then oldest) first
    exact: bool  # identical bytes in different files; else the same picture within the distance of the keeper


@dataclass
class TrashOutcome:
    """What a trash request did: files moved (with their trash record ids) and files left, with why."""

    trashed: list[tuple[str, int]] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    # RAW files that went with their JPEGs among ``trashed`` (restoring the JPEG brings them back)
    companions: list[tuple[str, int]] = field(default_factory=list)

    def extend(self, other: TrashOutcome) -> None:
        self.trashed += other.trashed
        self.refused += other.refused
        self.companions += other.companions

    @property
    def changes(self) -> OpChanges:
        """What the request changed: trashed copies leave, their hearts, albums and names go to the keepers."""
        return PHOTO_SET_CHANGED | OpChanges(trash=True) if self.trashed else NO_CHANGES


@dataclass(frozen=True)
class _Row:
    id: int
    path: str
    digest: str | None
    phash: int | None  # None: not hashed (yet)
    pixels: int
    size: int
    date: float
    has_raw: bool = False  # shown with its RAW file (a RAW+JPEG pair)

    @property
    def keeper_key(self) -> tuple:
        """A photo with its RAW, then largest resolution, largest file, oldest, first indexed."""
        return (not self.has_raw, -self.pixels, -self.size, self.date, self.id)


def backfill_perceptual_hashes(db: SqliteDatabase, thumbnails_dir: Path) -> int:
    """Hash photos indexed before perceptual hashes existed, from their cached thumbnails."""
    from PIL import Image as PILImage

    from pictopy_desktop.library.perceptual_hash import perceptual_hash

    missing = list(
        Image.select(Image.id, Image.thumbnail).where(
            Image.phash.is_null()
            & Image.thumbnail.is_null(False)
            & (Image.state != ImageState.FAILED)
        )
    )
    done = 0
    for img in missing:
        try:
            with PILImage.open(thumbnails_dir / img.thumbnail) as thumb:
                value = perceptual_hash(np.asarray(thumb.convert("RGB")))
        except OSError:
            continue
        with db.atomic():
            Image.update(phash=value).where(Image.id == img.id).execute()
        done += 1
    return done


def _present_rows() -> list[_Row]:
    query = Image.select(
        Image.id,
        Image.path,
        Image.content_hash,
        Image.phash,
        Image.width,
        Image.height,
        Image.size,
        Image.taken_at,
        Image.mtime,
        Image.companion_path,
    ).where((Image.state != ImageState.FAILED) & (Image.presence == Presence.PRESENT))
    rows = []
    for iid, path, digest, phash, w, h, size, taken, mtime, raw in query.tuples():
        date = taken.timestamp() if isinstance(taken, dt.datetime) else float(mtime or 0)
        rows.append(
            _Row(
                iid,
                path,
                digest,
                int(phash, 16) if phash else None,
                (w or 0) * (h or 0),
                size or 0,
                date,
                raw is not None,
            )
        )
    return rows


def file_identity(path: str) -> tuple[int, int] | None:
    """(device, inode) of the file ``path`` reaches, symlinks followed; None when it is not there."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _distinct_files(rows: list[_Row]) -> list[_Row]:
    """One row per file on disk: paths reaching the same file are one (the plainest path stands for it)."""
    by_file: dict[tuple[int, int], _Row] = {}
    for row in sorted(rows, key=lambda r: (os.path.realpath(r.path) != r.path, r.id)):
        ident = file_identity(row.path)
        if ident is not None:
            by_file.setdefault(ident, row)
    return list(by_file.values())


def _keeper_groups(members: list[_Row], max_distance: int) -> list[list[_Row]]:
    """Groups around keepers: each member within ``max_distance`` of its group's keeper, never chained."""
    remaining = sorted(members, key=lambda r: r.keeper_key)
    groups = []
    while remaining:
        keeper, rest = remaining[0], remaining[1:]
        close = [r for r in rest if (keeper.phash ^ r.phash).bit_count() <= max_distance]
        if close:
            groups.append([keeper, *close])
        taken = {r.id for r in close}
        remaining = [r for r in rest if r.id not in taken]
    return groups


def _find(parent: list[int], x: int) -> int:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


_BYTE_BITS = np.array([bin(i).count("1") for i in range(256)], dtype=np.uint8)


def _popcount(x: np.ndarray) -> np.ndarray:
    """Set bits of each uint64 (numpy 2 has it built in)."""
    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(x)
    return _BYTE_BITS[x.view(np.uint8)].reshape(*x.shape, 8).sum(axis=-1)


def _near_candidates(rows: list[_Row], max_distance: int) -> list[list[_Row]]:
    """Sets of photos linked by hashes within the distance (chains included), to be split around keepers.

    Photos sharing a band are compared all at once with numpy: at 100,000 photos a band
    value is shared by hundreds, and pair-by-pair Python took minutes.
    """
    if len(rows) < 2:
        return []
    hashes = np.array([r.phash for r in rows], dtype=np.uint64)
    parent = list(range(len(rows)))
    band_bits = 64 // _BANDS
    mask = np.uint64((1 << band_bits) - 1)
    for band in range(_BANDS):
        keys = (hashes >> np.uint64(band * band_bits)) & mask
        order = np.argsort(keys, kind="stable")
        starts = np.flatnonzero(np.diff(keys[order], prepend=keys[order][0] + np.uint64(1)))
        for a, b in zip(starts, [*starts[1:], len(order)]):
            if b - a < 2 or b - a > _CROWDED_BAND:  # a crowded band (flat colour) says nothing
                continue
            idx = order[a:b]
            h = hashes[idx]
            close = np.triu(_popcount(h[:, None] ^ h[None, :]) <= max_distance, 1)
            for i, j in zip(*np.nonzero(close)):
                ri, rj = _find(parent, int(idx[i])), _find(parent, int(idx[j]))
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
    sets: dict[int, list[_Row]] = {}
    for k, r in enumerate(rows):
        sets.setdefault(_find(parent, k), []).append(r)
    return [s for s in sets.values() if len(s) > 1]


def find_duplicates(max_distance: int = NEAR_DUPLICATE_DISTANCE) -> list[DuplicateGroup]:
    """Exact groups (identical bytes in different files), then near groups around keepers.

    A near group holds one photo per distinct content (the keeper of its exact group stands
    for its copies), so trashing exact copies first never changes a near group's keeper.
    """
    rows = _present_rows()
    by_digest: dict[str, list[_Row]] = {}
    for r in rows:
        if r.digest:
            by_digest.setdefault(r.digest, []).append(r)
    groups: list[DuplicateGroup] = []
    representatives: list[_Row] = [r for r in rows if not r.digest]
    for same in by_digest.values():
        files = _distinct_files(same) if len(same) > 1 else same
        files.sort(key=lambda r: r.keeper_key)
        if len(files) > 1:
            groups.append(DuplicateGroup([r.id for r in files], exact=True))
        if files:
            representatives.append(files[0])
    hashed = [
        r
        for r in representatives
        if r.phash is not None and r.phash.bit_count() >= _MIN_DETAIL_BITS
    ]
    for candidates in _near_candidates(hashed, max_distance):
        for members in _keeper_groups(candidates, max_distance):
            groups.append(DuplicateGroup([r.id for r in members], exact=False))
    groups.sort(key=lambda g: (not g.exact, g.image_ids[0]))
    return groups


# ------------------------------------------------------------------ trashing


def _same_file(a: str, b: str) -> bool:
    try:
        if os.path.samefile(a, b):
            return True
    except OSError:
        pass
    return os.path.realpath(a) == os.path.realpath(b)


def _regular_file_problem(path: str, whose: str) -> str | None:
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return f"{whose} is gone"
    except OSError as exc:
        return f"{whose} cannot be read ({exc.strerror or exc})"
    if stat.S_ISLNK(st.st_mode):
        return f"{whose} is a symbolic link, not the photo itself"
    if not stat.S_ISREG(st.st_mode):
        return f"{whose} is not a regular file"
    return None


def check_pair(keeper: Image, other: Image, exact_only: bool) -> str | None:
    """Why ``other`` must not be trashed in favour of ``keeper`` right now, or None when it may.

    Reads both files: each must be a regular file, they must be different files, each must
    still hold the bytes that were indexed (so what the user saw is what moves), an exact
    duplicate must match the keeper byte for byte, and the keeper must read back.
    """
    if other.id == keeper.id:
        return "it is the copy being kept"
    if keeper.presence != Presence.PRESENT:
        return f"the copy to keep, {keeper.path}, is not in the library now"
    if other.presence != Presence.PRESENT:
        return "it is not in the library now"
    problem = (
        _regular_file_problem(keeper.path, f"the copy to keep, {keeper.path},")
        or _regular_file_problem(other.path, "it")
        or _raw_problem(keeper, other)
    )
    if problem:
        return problem
    keep_id, other_id = file_identity(keeper.path), file_identity(other.path)
    if keep_id is None or keep_id == other_id or _same_file(keeper.path, other.path):
        return f"it is the same file as {keeper.path}, reached by another path"
    try:
        other_hash = content_hash(Path(other.path))
    except OSError as exc:
        return f"it cannot be read ({exc.strerror or exc})"
    if other.content_hash and other_hash != other.content_hash:
        return "it changed since it was indexed"
    try:
        keep_hash = content_hash(Path(keeper.path))
    except OSError as exc:
        return f"the copy to keep, {keeper.path}, cannot be read ({exc.strerror or exc})"
    if keep_hash != keeper.content_hash:
        return f"the copy to keep, {keeper.path}, changed since it was indexed"
    if exact_only and keep_hash != other_hash:
        return f"it is not an exact copy of {keeper.path}, only a near duplicate"
    return None


def _raw_problem(keeper: Image, other: Image) -> str | None:
    """Why ``other``'s RAW must not go to the trash with it, or None (no RAW, or an identical one kept).

    A pair goes whole (trashing its JPEG alone would leave the RAW behind as a photo of its
    own), and only where the keeper's RAW holds the same bytes: a RAW is never the last copy.
    """
    raw = other.companion_path
    if not raw or not os.path.lexists(raw):
        return None
    name = os.path.basename(raw)
    kept_raw = keeper.companion_path
    if not kept_raw or not os.path.lexists(kept_raw):
        return f"it is shown with its RAW file {name}, which has no copy beside {keeper.path}; the pair is kept together"
    if (problem := companion_problem(other.id, raw)) is not None:
        return problem
    if (problem := companion_problem(keeper.id, kept_raw)) is not None:
        return f"the copy to keep, {keeper.path}: {problem}"
    if file_identity(raw) == file_identity(kept_raw) or _same_file(raw, kept_raw):
        return f"its RAW file {name} is the same file as {kept_raw}, reached by another path"
    try:
        same = content_hash(Path(raw)) == content_hash(Path(kept_raw))
    except OSError as exc:
        return f"its RAW file {name} cannot be read ({exc.strerror or exc})"
    if not same:
        return f"its RAW file {name} is not a copy of {kept_raw}; the pair is kept together"
    return None


def _hand_over_faces(keeper: Image, other: Image) -> None:
    """Faces the user put with a person on the trashed copy: the keeper's same faces (same place) join them.

    Only keeper faces nobody assigned are given a person; the user's choices on the keeper stand.
    """
    placed = list(
        Face.select(Face.id, Face.x1, Face.y1, Face.x2, Face.y2, Face.person, Face.confirmed)
        .join(Person)
        .where((Face.image == other.id) & (Face.confirmed | Person.user_named))
    )
    if not placed:
        return
    free = list(
        Face.select().where(
            (Face.image == keeper.id) & Face.person.is_null() & (Face.ignored == False)
        )
    )
    sx = keeper.width / other.width if keeper.width and other.width else 1.0
    sy = keeper.height / other.height if keeper.height and other.height else 1.0
    for face in placed:
        box = (face.x1 * sx, face.y1 * sy, face.x2 * sx, face.y2 * sy)
        best = max(free, key=lambda f: box_iou(box, (f.x1, f.y1, f.x2, f.y2)), default=None)
        if best is None or box_iou(box, (best.x1, best.y1, best.x2, best.y2)) < 0.5:
            continue
        free.remove(best)
        Face.update(person=face.person_id, confirmed=face.confirmed).where(
            Face.id == best.id
        ).execute()
        Person.update(cover_face_id=best.id).where(Person.cover_face_id == face.id).execute()


def _hand_over(keeper_id: int, other: Image) -> None:
    """The trashed copy's favourite, albums and placed faces go to the keeper; its row stays, marked missing."""
    _hand_over_faces(Image.get_by_id(keeper_id), other)
    if other.favourite:
        Image.update(favourite=True).where(Image.id == keeper_id).execute()
    albums = [
        a
        for (a,) in AlbumImage.select(AlbumImage.album).where(AlbumImage.image == other.id).tuples()
    ]
    if albums:
        AlbumImage.insert_many(
            [(a, keeper_id) for a in albums], fields=[AlbumImage.album, AlbumImage.image]
        ).on_conflict_ignore().execute()
    Image.update(presence=Presence.MISSING, missing_since=dt.datetime.now()).where(
        Image.id == other.id
    ).execute()


def trash_duplicates(keep_id: int, others: Iterable[int], exact_only: bool = False) -> TrashOutcome:
    """Move ``others`` to the system trash, keeping ``keep_id``; each file is checked on disk right before.

    ``exact_only`` refuses anything that is not a byte-for-byte copy of the keeper. A file
    that fails a check stays where it is, listed in ``refused`` with the reason.
    """
    outcome = TrashOutcome()
    keeper = Image.get_or_none(Image.id == keep_id)
    other_rows = list(Image.select().where(Image.id.in_(list(others))))
    if keeper is None:
        outcome.refused += [
            (r.path, "the copy to keep is no longer in the library") for r in other_rows
        ]
        return outcome
    kind = "exact duplicate" if exact_only else "duplicate"
    for other in other_rows:
        other = Image.get_by_id(other.id)  # fresh: an earlier step may have changed it
        keeper = Image.get_by_id(keep_id)
        problem = check_pair(keeper, other, exact_only)
        if problem is None:
            reason = (
                f"exact duplicate of {keeper.path}"
                if other.content_hash == keeper.content_hash
                else (f"near duplicate of {keeper.path}")
            )
            try:
                entry = move_to_trash(
                    other.path,
                    reason,
                    kept_path=keeper.path,
                    digest=other.content_hash,
                    size=other.size,
                    on_recorded=lambda _record, other=other: _hand_over(keep_id, other),
                )
            except TrashError as exc:
                problem = str(exc)
            else:
                # Its RAW goes with it (checked again first); where it cannot, the photo comes back.
                raw_entry, problem = trash_companion(
                    other, entry, reason, kept_path=keeper.companion_path
                )
                if problem is None:
                    outcome.trashed.append((other.path, entry.id))
                    if raw_entry is not None:
                        outcome.companions.append((raw_entry.original_path, raw_entry.id))
                    continue
        log.info(
            "Not moving %s (%s of %s) to the trash: %s", other.path, kind, keeper.path, problem
        )
        outcome.refused.append((other.path, problem))
    return outcome


def trash_groups(groups: Iterable[DuplicateGroup], include_near: bool = False) -> TrashOutcome:
    """Keep each group's keeper and trash the rest: exact groups always, near groups only with ``include_near``."""
    outcome = TrashOutcome()
    for g in groups:
        if g.exact or include_near:
            outcome.extend(trash_duplicates(g.image_ids[0], g.image_ids[1:], exact_only=g.exact))
    return outcome


__all__ = [
    "NEAR_DUPLICATE_DISTANCE",
    "DuplicateGroup",
    "TrashOutcome",
    "backfill_perceptual_hashes",
    "check_pair",
    "find_duplicates",
    "trash_duplicates",
    "trash_groups",
]
