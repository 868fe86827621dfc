"""RAW+JPEG pairs: a camera's RAW and the JPEG it wrote beside it are ONE photo.

A RAW and a JPEG (or HEIF) with the same name in the same folder ("DSC_0042.NEF" and
"DSC_0042.JPG") are shown as the JPEG's row, with ``Image.companion_path`` naming the
RAW; both files are kept, and the RAW never becomes a photo of its own. When the JPEG
is deleted outside the app, its row takes the RAW's path and keeps everything the user
gave it (the RAW becomes the photo). When the JPEG is renamed or moved to another folder,
the row follows the JPEG (as digiKam's entries follow their files) and the RAW left behind
becomes a photo of its own, whichever of the two folders is scanned first. When a JPEG
appears beside a RAW already in the library, the RAW's row becomes the pair's row, so
nothing given to it is lost either.
A RAW and a JPEG are paired, and stay paired at each index, only when they show the same
picture (``pair_check``: the RAW's embedded preview against the JPEG), whichever arrived
first: a RAW of another picture with the JPEG's name is a photo of its own, and a pair's RAW
replaced by another picture stops being shown with the JPEG (whose row keeps everything)
and becomes a photo of its own. Two rows become one only when they show the same picture
and no face was named differently on them, so nothing given to one picture ever moves to
another.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

from peewee import JOIN, fn

from pictopy_desktop.library.companion_identity import (
    CompanionIdentity,
    Stamp,
    checked_and_unchanged,
    file_stamp,
    forget_identities,
    record_identities,
    stored_identities,
)
from pictopy_desktop.library.linked_rows import give_user_data
from pictopy_desktop.library.pair_check import (
    picture_hash,
    pictures_match,
    same_picture,
    shows_same_picture,
)
from pictopy_desktop.library.path_range import in_folder, path_range, rows_under, scanned_range
from pictopy_desktop.library.photo_files import content_hash, is_file_read
from pictopy_desktop.library.photo_store import remove_images
from pictopy_desktop.library.raw_decode import RAW_EXTENSIONS
from pictopy_desktop.storage.meta_store import meta_set
from pictopy_desktop.storage.tables import Image, Meta, Presence

log = logging.getLogger(__name__)

# What a camera writes beside its RAW: a JPEG, or on newer bodies a HEIF.
SHOWN_EXTENSIONS = {".jpg", ".jpeg", ".jpe", ".heic", ".heif"}

F = TypeVar("F")


def _split(name: str) -> tuple[str, str]:
    stem, ext = os.path.splitext(name)
    return stem.casefold(), ext.lower()


def _folder_pairs(folder: str) -> dict[str, list[str]]:
    """{shown name: its RAW names, by name} for the pairs in one folder (a JPEG may have
    several RAWs with its name, "IMG_1.CR2" and "IMG_1.DNG": ``settle_pair_rows`` picks)."""
    try:
        with os.scandir(folder) as it:
            names = sorted(e.name for e in it if e.is_file(follow_symlinks=False))
    except OSError:  # unreadable: no pairs known here this run, nothing is changed
        return {}
    raws: dict[str, list[str]] = {}
    shown: dict[str, str] = {}
    for name in names:
        if name.startswith("."):
            continue
        stem, ext = _split(name)
        if ext in RAW_EXTENSIONS:
            raws.setdefault(stem, []).append(name)
        elif ext in SHOWN_EXTENSIONS:
            shown.setdefault(stem, name)
    return {shown[stem]: names for stem, names in raws.items() if stem in shown}


def find_pairs(paths: Iterable[Path]) -> dict[Path, list[Path]]:
    """{shown file: the RAWs with its name} for every pair with a member among ``paths``
    (real paths); at most one of those RAWs is shown with it (``settle_pair_rows``).

    Each folder holding a RAW or a JPEG among ``paths`` is listed once, so a pair is found
    when only one of its files was given (a file watcher reports files one at a time).
    """
    folders = {
        str(p.parent)
        for p in paths
        if _split(p.name)[1] in RAW_EXTENSIONS or _split(p.name)[1] in SHOWN_EXTENSIONS
    }
    pairs: dict[Path, list[Path]] = {}
    for folder in sorted(folders):
        base = Path(folder)
        for shown, raws in _folder_pairs(folder).items():
            pairs[base / shown] = [base / raw for raw in raws]
    return pairs


def _give_to(source: Image, target: Image, thumbnails_dir: Path) -> bool:
    """``source`` (a second row of the same photo) gives the user's data to ``target`` and leaves.

    Returns False, and both rows stay, where ``give_user_data`` refuses (a face named otherwise).
    """
    db = Image._meta.database
    with db.atomic():
        given = give_user_data(source, target)
    if given:
        remove_images(db, [source.id], thumbnails_dir)
    return given


def _renamed_to(shown: Path) -> Image | None:
    """The row of a photo renamed to ``shown`` in its folder outside the app, moved there now.

    Found by content: a row in the same folder with the file's bytes whose own file is gone.
    """
    try:
        digest = content_hash(shown)
    except OSError:
        return None
    rows = [
        row
        for row in Image.select().where(Image.content_hash == digest)
        if os.path.isabs(row.path)
        and os.path.dirname(row.path) == str(shown.parent)
        and not os.path.lexists(row.path)
    ]
    if len(rows) != 1:
        return None
    with Image._meta.database.atomic():
        Image.update(path=str(shown)).where(Image.id == rows[0].id).execute()
    log.info("Photo %d was renamed to %s", rows[0].id, shown.name)
    return Image.get_by_id(rows[0].id)


def _unpair(row: Image, raw: Path, why: str) -> None:
    """``row`` no longer shows ``raw``: it keeps everything; the RAW is read as a photo of its own."""
    with Image._meta.database.atomic():
        Image.update(companion_path=None).where(Image.id == row.id).execute()
        forget_identities([row.id])
    log.info("%s %s: no longer shown with %s, a photo of its own", raw.name, why, row.path)


def _unchanged(row: Image, path: Path) -> bool:
    """Whether the file at ``path`` is the one ``row`` was read from (``is_file_read``)."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    return is_file_read(row, st)


def _stamp(path: Path) -> Stamp | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return file_stamp(st)


def _new_pair(shown: Path, raw: Path, identities: dict[int, CompanionIdentity]) -> Stamp | None:
    """Whether a RAW with no row of its own is shown with the JPEG at ``shown`` (it shows the
    JPEG's picture): the RAW's stamp as checked, or None. A pair checked before whose files
    are unchanged is not read again; a pair whose RAW now shows another picture is undone
    (the JPEG's row keeps everything)."""
    shown_row = Image.get_or_none(Image.path == str(shown))
    paired = shown_row is not None and shown_row.companion_path == str(raw)
    known = identities.get(shown_row.id) if paired else None
    if paired and checked_and_unchanged(known, str(raw)) and _unchanged(shown_row, shown):
        return known.stamp
    stamp = _stamp(raw)  # taken before the check: a RAW changed while it is read is not vouched for
    if stamp is not None and shows_same_picture(raw, shown, shown_row):
        return stamp
    if paired:
        _unpair(shown_row, raw, f"shows another picture than {shown.name} now")
    else:
        log.info("%s shows another picture than %s: not paired", raw.name, shown.name)
    return None


def _settle_pair(
    shown: Path, raw: Path, identities: dict[int, CompanionIdentity], thumbnails_dir: Path
) -> Stamp | None:
    """Make ``shown`` and ``raw`` one row if the RAW shows the JPEG's picture: the RAW's
    stamp as checked, or None (not paired; both rows, if any, stay as they are)."""
    raw_row = Image.get_or_none(Image.path == str(raw))
    if raw_row is None:
        return _new_pair(shown, raw, identities)
    shown_row = Image.get_or_none(Image.path == str(shown)) or _renamed_to(shown)
    if (stamp := _stamp(raw)) is None:
        return None  # gone since the folder was listed
    if shown_row is None:
        # A JPEG new to the library beside a known RAW: the RAW's photo (with all the
        # user gave it) becomes the pair only if the JPEG shows that very picture.
        if not pictures_match(raw, shown, raw_row):
            log.info("%s shows another picture than %s: not paired", shown.name, raw.name)
            return None
        with Image._meta.database.atomic():
            Image.update(path=str(shown), companion_path=str(raw)).where(
                Image.id == raw_row.id
            ).execute()
        log.info("Photo %d is now the pair %s + %s", raw_row.id, shown.name, raw.name)
    elif not pictures_match(raw, shown, raw_row, shown_row):
        log.info("%s shows another picture than %s: not paired", raw.name, shown.name)
        return None
    elif not _give_to(raw_row, shown_row, thumbnails_dir):
        return None
    return stamp


def settle_pair_rows(
    pairs: dict[Path, list[Path]], thumbnails_dir: Path
) -> tuple[dict[Path, Path], dict[str, Stamp]]:
    """Before the files are read: make each pair's rows the one row of the JPEG; returns the
    pairs kept ({JPEG: the one RAW shown with it}), and each kept RAW's stamp as checked.

    Only a RAW that shows the JPEG's picture is paired (``pair_check``). A RAW already in
    the library as a photo of its own takes the JPEG's path (keeping everything); where
    both were photos (or the JPEG is a photo renamed beside the RAW), the RAW's row gives
    its user data to the JPEG's. A RAW that shows another picture, or whose faces were
    named otherwise, stays (or becomes) a photo of its own and is not paired. Where a JPEG
    has several RAWs with its name, the one it is shown with now is tried first, then the
    others by name: the first that shows its picture is its RAW, every other a photo.
    """
    kept: dict[Path, Path] = {}
    stamps: dict[str, Stamp] = {}
    identities = stored_identities() if pairs else {}
    for shown, raws in pairs.items():
        if len(raws) > 1 and (row := Image.get_or_none(Image.path == str(shown))) is not None:
            current = row.companion_path
            raws = sorted(raws, key=lambda raw: str(raw) != current)
        for raw in raws:
            if (stamp := _settle_pair(shown, raw, identities, thumbnails_dir)) is not None:
                kept[shown], stamps[str(raw)] = raw, stamp
                break
    return kept, stamps


class _Arrivals:
    """The JPEGs (and HEIFs) read this run that have no row yet: where a pair's gone JPEG may be now.

    Each is stat'ed once, and only when a gone JPEG is looked for; one of the right size is
    hashed and must hold the gone JPEG's bytes.
    """

    def __init__(self, paths: Iterable[Path]) -> None:
        self._paths = [p for p in paths if _split(p.name)[1] in SHOWN_EXTENSIONS]
        self._by_size: dict[int, list[Path]] | None = None
        self._taken: set[Path] = set()

    def find(self, size: int | None, digest: str | None) -> Path | None:
        """An arrival holding these bytes (each is handed out once), or None."""
        if size is None or not digest:
            return None
        if self._by_size is None:
            self._by_size = {}
            for path in self._paths:
                try:
                    self._by_size.setdefault(path.stat().st_size, []).append(path)
                except OSError:
                    continue
        for path in self._by_size.get(size, []):
            if path in self._taken or Image.select().where(Image.path == str(path)).exists():
                continue
            try:
                if content_hash(path) != digest:
                    continue
            except OSError:
                continue
            self._taken.add(path)
            return path
        return None


# A JPEG whose RAW took its photo over (``raw_takes_over``): its bytes, in case it turns up
# elsewhere (moved to a folder scanned later), when the photo goes back to it.
_TOOK_OVER = "raw_pairs.took_over."


def _remember_jpeg(row: Image) -> None:
    meta_set(
        f"{_TOOK_OVER}{row.id}",
        json.dumps(
            {
                "jpeg": row.path,
                "raw": row.companion_path,
                "size": row.size,
                "content_hash": row.content_hash,
                "at": dt.datetime.now().isoformat(),
            }
        ),
    )


def jpeg_comes_back(arrivals: _Arrivals, keep_days: int) -> list[Path]:
    """Photos whose RAW took over from a JPEG that turns up now (moved elsewhere): the photo
    goes back to the JPEG, with everything; returns the RAWs left behind, photos of their own now.

    A JPEG remembered longer than ``keep_days`` (the grace a missing photo gets) is forgotten.
    """
    freed: list[Path] = []
    entries = list(Meta.select().where(Meta.key.startswith(_TOOK_OVER)))
    if not entries:
        return freed
    oldest = dt.datetime.now() - dt.timedelta(days=keep_days)
    forget: list[str] = []
    for entry in entries:
        try:
            jpeg = json.loads(entry.value)
            row_id = int(entry.key[len(_TOOK_OVER) :])
            expired = dt.datetime.fromisoformat(jpeg["at"]) < oldest
        except (ValueError, KeyError, TypeError):
            forget.append(entry.key)  # damaged by hand: nothing to go back to
            continue
        row = Image.get_or_none(Image.id == row_id)
        if expired or row is None or row.path != jpeg["raw"] or row.presence != Presence.PRESENT:
            forget.append(entry.key)  # the photo moved on since (paired again, gone, another file)
            continue
        found = arrivals.find(jpeg["size"], jpeg["content_hash"])
        if found is None:
            continue
        with Image._meta.database.atomic():
            Image.update(path=str(found), companion_path=None).where(Image.id == row.id).execute()
            Meta.delete().where(Meta.key == entry.key).execute()
        log.info(
            "%s is back at %s: the photo is its again; %s stands alone",
            jpeg["jpeg"],
            found,
            row.path,
        )
        freed.append(Path(row.path))
    if forget:
        with Image._meta.database.atomic():
            Meta.delete().where(Meta.key.in_(forget)).execute()
    return freed


def raw_takes_over(raws: Sequence[Path], arrivals: _Arrivals | Sequence[Path] = ()) -> int:
    """Pairs whose JPEG is gone: the RAW becomes the photo; returns how many.

    A photo whose JPEG is confirmed gone from the folder the RAW was just found in (deleted
    outside the app, or the pair trashed and only the RAW restored) takes the RAW's path
    with everything it holds. An offline photo is left alone: its drive is not there. A
    JPEG renamed or moved to another folder (its bytes among ``arrivals``, files being read
    this run) keeps the row, which follows it; the RAW then stands alone, as digiKam keeps
    each file's own entry when it moves. A JPEG seen only later gets its photo back then
    (``jpeg_comes_back``).
    """
    moved = 0
    by_raw = {str(p): p for p in raws}
    if not by_raw:
        return 0
    if not isinstance(arrivals, _Arrivals):
        arrivals = _Arrivals(arrivals)
    rows = Image.select(
        Image.id, Image.path, Image.companion_path, Image.size, Image.content_hash, Image.phash
    ).where(
        Image.companion_path.is_null(False)
        & Image.presence.in_([Presence.PRESENT, Presence.MISSING])
    )
    identities: dict[int, CompanionIdentity] | None = None
    for row in list(rows):
        raw = by_raw.get(row.companion_path)
        # A displaced row's path is no file's (indexer.DISPLACED_PREFIX): it waits for its own bytes.
        if raw is None or os.path.lexists(row.path) or not os.path.isabs(row.path):
            continue
        if (found := arrivals.find(row.size, row.content_hash)) is not None:
            log.info("%s was moved to %s; its RAW %s stands alone", row.path, found, raw)
            continue
        if identities is None:
            identities = stored_identities()
        if not checked_and_unchanged(identities.get(row.id), str(raw)) and not same_picture(
            picture_hash(raw), row.phash
        ):
            # Another picture took the RAW's name (or a flat one no hash can tell apart):
            # the photo never becomes it.
            _unpair(row, raw, f"shows another picture than the gone {os.path.basename(row.path)}")
            continue
        with Image._meta.database.atomic():
            if Image.select().where(Image.path == str(raw)).exists():
                continue  # the RAW has a row of its own already: settled as a pair or left alone
            _remember_jpeg(row)
            Image.update(path=str(raw), companion_path=None).where(Image.id == row.id).execute()
            forget_identities([row.id])
        log.info("%s is gone; its RAW %s is the photo now", row.path, raw)
        moved += 1
    return moved


def pair_work(
    work: list[tuple[Path, F]],
    thumbnails_dir: Path,
    folder_for: Callable[[Path], F] | None = None,
    keep_days: int = 30,
) -> tuple[list[tuple[Path, F]], dict[Path, Path], dict[str, Stamp]]:
    """The files to read with each pair's RAW left out (its JPEG put in), the pairs kept,
    and each kept RAW's stamp as it was checked (for ``record_companions``).

    Rows are settled first (``settle_pair_rows``, ``jpeg_comes_back``, ``raw_takes_over``),
    so the files are then read against the right row. A RAW left behind by a JPEG that
    took its photo back is read too, in the library folder ``folder_for`` gives.
    """
    found = find_pairs(p for p, _ in work)
    pairs, stamps = settle_pair_rows(found, thumbnails_dir)
    companions = {raw: shown for shown, raw in pairs.items()}
    folder_of = {p: f for p, f in work}
    paths = {p for p, _ in work}
    out: list[tuple[Path, F]] = []
    for path, folder in work:
        shown = companions.get(path)
        if shown is None:
            out.append((path, folder))
        elif shown not in paths:  # only the RAW was given: its JPEG is the photo to read
            paths.add(shown)
            out.append((shown, folder_of.get(shown, folder)))
    for shown, raws in found.items():
        # Only the JPEG was given and a RAW is not shown with it: that RAW is a photo to read.
        for raw in raws:
            if pairs.get(shown) != raw and raw not in paths and shown in folder_of:
                if not Image.select().where(Image.path == str(raw)).exists():
                    paths.add(raw)
                    out.append((raw, folder_of[shown]))
    arrivals = _Arrivals(p for p, _ in out)
    for raw in jpeg_comes_back(arrivals, keep_days):
        if raw not in paths and folder_for is not None:
            paths.add(raw)
            out.append((raw, folder_for(raw)))
    lone_raws = [p for p, _ in out if _split(p.name)[1] in RAW_EXTENSIONS]
    raw_takes_over(lone_raws, arrivals)
    return out, pairs, stamps


# A walked folder holding more than this share of the library is read by a table scan
# (``path_range.scanned_range``): a rescan of the library's one folder costs no more than before.
_SCAN_SHARE = 8


def _paired_rows_seen(
    roots: Iterable[Path], folders: Iterable[Path]
) -> list[tuple[int, str, str, str, bool]]:
    """(id, path, RAW, presence, whether the RAW is a photo too) of the rows naming a RAW
    anywhere under ``roots`` or directly in ``folders``; never a read of every photo for a
    few new ones (range scans on the path index)."""
    owner = Image.alias()
    wanted = Image.select(
        Image.id, Image.path, Image.companion_path, Image.presence, owner.id.is_null(False)
    ).join(owner, JOIN.LEFT_OUTER, on=(owner.path == Image.companion_path))
    roots = _outermost(roots)
    total = (Image.select(fn.MAX(Image.id)).scalar() or 0) if roots else 0  # about the row count
    scopes = [
        scanned_range(root) if rows_under(root) * _SCAN_SHARE > total else path_range(root)
        for root in roots
    ] + [in_folder(folder) for folder in sorted(set(folders))]
    rows: dict[int, tuple[int, str, str, str, bool]] = {}
    for scope in scopes:
        for row in wanted.where(scope & Image.companion_path.is_null(False)).tuples():
            rows[row[0]] = row
    return list(rows.values())


def _outermost(roots: Iterable[Path]) -> list[Path]:
    """``roots`` without those inside another (each range is read once)."""
    kept: list[Path] = []
    for root in sorted(set(roots), key=lambda r: len(r.parts)):
        if not any(root.is_relative_to(k) for k in kept):
            kept.append(root)
    return kept


def record_companions(
    pairs: dict[Path, Path],
    stamps: dict[str, Stamp] | None = None,
    roots: Iterable[Path] = (),
    folders: Iterable[Path] = (),
) -> None:
    """After the files are stored: each pair's row names its RAW (with the RAW's identity,
    ``companion_identity``, recorded only while the RAW is still the file that was checked,
    ``stamps``); a present photo whose RAW is gone or renamed (no longer its pair) names none.

    Only the photos this run saw are looked at: those under the folders it walked
    (``roots``) and those in the folders of the single files it was given (``folders``), so
    an index of a few new photos costs what they cost, not a read of every photo; a pair
    elsewhere is brought up to date when its folder is indexed.
    """
    paired = {str(shown) for shown in pairs}
    stale = [
        row_id
        for row_id, path, raw, presence, raw_is_a_photo in _paired_rows_seen(roots, folders)
        # A file is never both a photo and a companion: a RAW that is a photo of its own (left
        # by a pairing that picked another RAW, or by an older version) is no photo's companion.
        if raw_is_a_photo
        or (
            presence == Presence.PRESENT
            and path not in paired
            and (
                not os.path.lexists(raw)
                or _split(os.path.basename(raw))[0] != _split(os.path.basename(path))[0]
                or os.path.dirname(raw) != os.path.dirname(path)
            )
        )
    ]
    with Image._meta.database.atomic():
        for shown, raw in pairs.items():
            Image.update(companion_path=str(raw)).where(
                (Image.path == str(shown))
                & (Image.companion_path.is_null() | (Image.companion_path != str(raw)))
            ).execute()
        for i in range(0, len(stale), 500):
            Image.update(companion_path=None).where(Image.id.in_(stale[i : i + 500])).execute()
        forget_identities(stale)  # (photos that leave the library forget theirs: remove_images)
    shown_paths = list(paired)
    recorded: list[tuple[int, str]] = []
    for i in range(0, len(shown_paths), 500):
        recorded.extend(
            Image.select(Image.id, Image.companion_path)
            .where(Image.path.in_(shown_paths[i : i + 500]) & Image.companion_path.is_null(False))
            .tuples()
        )
    record_identities(recorded, stamps)
