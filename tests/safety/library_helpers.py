"""Helpers for the safety tests: distinct photos, and everything a user gives a photo."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image as PILImage

from pictopy_desktop.storage.tables import Album, AlbumImage, Face, Image, Person


def make_photo(path: Path, seed: int) -> Path:
    """A small JPEG whose bytes (and size) differ for every seed."""
    rng = np.random.default_rng(seed)
    pixels = rng.integers(0, 255, size=(40 + seed, 60 + 2 * seed, 3), dtype=np.uint8)
    path.parent.mkdir(parents=True, exist_ok=True)
    PILImage.fromarray(pixels).save(path, "JPEG", quality=90)
    return path


@dataclass(frozen=True)
class UserData:
    """What the user gave one photo."""

    favourite: bool
    albums: tuple[str, ...]
    names: tuple[tuple[str, bool], ...]  # (person name, face confirmed)
    caption: str | None


def give(image: Image, name: str, album: str, caption: str) -> UserData:
    """Favourite, album entry, a confirmed face with a named person, and a caption."""
    person = Person.get_or_none(Person.name == name) or Person.create(name=name, user_named=True)
    Face.create(image=image, x1=1, y1=1, x2=20, y2=20, score=0.9, person=person, confirmed=True)
    target = Album.get_or_none(Album.name == album) or Album.create(name=album)
    AlbumImage.create(album=target, image=image)
    Image.update(favourite=True, description=caption).where(Image.id == image.id).execute()
    return user_data(image.id)


def user_data(image_id: int) -> UserData:
    img = Image.get_by_id(image_id)
    albums = tuple(
        sorted(a.name for a in Album.select().join(AlbumImage).where(AlbumImage.image == image_id))
    )
    names = tuple(
        sorted(
            (f.person.name, bool(f.confirmed))
            for f in Face.select().where(Face.image == image_id)
            if f.person_id
        )
    )
    return UserData(bool(img.favourite), albums, names, img.description)


def at(path: Path) -> Image:
    """The library row stored for ``path``."""
    return Image.get(Image.path == str(path))
