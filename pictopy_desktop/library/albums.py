"""Albums: create, rename, delete; add and remove photos. Each call is one transaction.

Each returns what it changed (``OpChanges``, or an ``OpResult`` carrying the new id or a count).
"""

from __future__ import annotations

from collections.abc import Iterable

from pictopy_desktop.errors import PictoPyError
from pictopy_desktop.library.changes import NO_CHANGES, OpChanges, OpResult
from pictopy_desktop.library.export_file import clean_name
from pictopy_desktop.storage.tables import Album, AlbumImage, Image, database_proxy

ALBUMS_CHANGED = OpChanges(albums=True)


class AlbumError(PictoPyError):
    """An album operation the user asked for cannot be done (the message says why)."""


def clean_album_name(name: str) -> str:
    """The same rules as names in an import file: trimmed, no control characters, 200 characters at most."""
    try:
        return clean_name(name or "")
    except ValueError as exc:
        raise AlbumError(f"That album name cannot be used: {exc}.") from None


def find_album(name: str) -> Album:
    """The album called ``name`` (exactly, else ignoring case); AlbumError when none or several match."""
    name = clean_album_name(name)
    found = list(Album.select().where(Album.name == name))
    if not found:
        found = [a for a in Album.select() if a.name.casefold() == name.casefold()]
    if not found:
        raise AlbumError(f"There is no album called “{name}” (`pictopy albums` lists them).")
    if len(found) > 1:
        raise AlbumError(
            f"{len(found)} albums are called “{name}”: rename one of them in the app first."
        )
    return found[0]


def album_by_ref(ref: str) -> Album:
    """An album by id (digits) or by name (see ``find_album``)."""
    album = Album.get_or_none(Album.id == int(ref)) if ref.isdigit() else None
    return album or find_album(ref)


def refuse_taken_name(name: str, other_than: int | None = None) -> None:
    """AlbumError when another album has this name, ignoring case (``find_album`` would be ambiguous)."""
    for album in Album.select().where(Album.id != (other_than or 0)):
        if album.name.casefold() == name.casefold():
            raise AlbumError(f"There is already an album called “{album.name}”.")


def photo_count(album_id: int) -> int:
    """How many photos the album holds (offline and missing ones too: deleting it drops them all)."""
    return AlbumImage.select().where(AlbumImage.album == album_id).count()


def _album(album_id: int) -> Album:
    album = Album.get_or_none(Album.id == album_id)
    if album is None:
        raise AlbumError("That album no longer exists.")
    return album


def create_album(name: str, image_ids: Iterable[int] = ()) -> OpResult[int]:
    """A new album (optionally with photos); returns its id (``value``)."""
    name = clean_album_name(name)
    with database_proxy.atomic():
        album = Album.create(name=name)
        _add(album.id, image_ids)
    return OpResult(album.id, ALBUMS_CHANGED)


def rename_album(album_id: int, name: str) -> OpChanges:
    """Give an album another name (the same rules as a new one)."""
    name = clean_album_name(name)
    with database_proxy.atomic():
        _album(album_id)
        Album.update(name=name).where(Album.id == album_id).execute()
    return ALBUMS_CHANGED


def delete_album(album_id: int) -> OpChanges:
    """Delete the album; its photos stay in the library."""
    with database_proxy.atomic():
        _album(album_id)
        AlbumImage.delete().where(AlbumImage.album == album_id).execute()
        Album.delete().where(Album.id == album_id).execute()
    return ALBUMS_CHANGED


def _add(album_id: int, image_ids: Iterable[int]) -> int:
    ids = sorted({int(i) for i in image_ids})
    if not ids:
        return 0
    added = 0
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        existing = set(Image.select(Image.id).where(Image.id.in_(chunk)).tuples())
        already = {
            iid
            for (iid,) in AlbumImage.select(AlbumImage.image)
            .where((AlbumImage.album == album_id) & AlbumImage.image.in_(chunk))
            .tuples()
        }
        rows = [{"album": album_id, "image": iid} for (iid,) in existing if iid not in already]
        if rows:
            AlbumImage.insert_many(rows).execute()
            added += len(rows)
    return added


def add_to_album(album_id: int, image_ids: Iterable[int]) -> OpResult[int]:
    """Add photos to an album; returns how many were not in it yet (``value``)."""
    with database_proxy.atomic():
        _album(album_id)
        added = _add(album_id, image_ids)
    return OpResult(added, ALBUMS_CHANGED if added else NO_CHANGES)


def remove_from_album(album_id: int, image_ids: Iterable[int]) -> OpResult[int]:
    """Take photos out of an album (they stay in the library); returns how many went (``value``)."""
    ids = sorted({int(i) for i in image_ids})
    removed = 0
    with database_proxy.atomic():
        _album(album_id)
        for i in range(0, len(ids), 500):
            removed += (
                AlbumImage.delete()
                .where((AlbumImage.album == album_id) & AlbumImage.image.in_(ids[i : i + 500]))
                .execute()
            )
    return OpResult(removed, ALBUMS_CHANGED if removed else NO_CHANGES)
