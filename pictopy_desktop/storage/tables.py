"""The library's tables (Peewee models), bound to a database at open time.

Changing a table means adding a migration in ``migrations.py``; the models here
always describe the newest schema.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from peewee import (
    BlobField,
    BooleanField,
    CompositeKey,
    DatabaseProxy,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

database_proxy = DatabaseProxy()


def _now() -> dt.datetime:
    return dt.datetime.now()


class BaseModel(Model):
    class Meta:
        database = database_proxy
        legacy_table_names = False


class LibraryFolder(BaseModel):
    path = TextField(unique=True)
    added_at = DateTimeField(default=_now)
    last_scanned_at = DateTimeField(null=True)


class ImageState:
    """Values of ``Image.state``."""

    WAITING = "waiting"  # decoded and thumbnailed; ML analysis not done yet (no models, or pending)
    DONE = "done"  # analysed by the models named in ``analyzed_with``
    FAILED = "failed"  # could not be read; ``error`` says why


class Image(BaseModel):
    path = TextField(unique=True)
    folder = ForeignKeyField(LibraryFolder, backref="images", on_delete="CASCADE", null=True)
    size = IntegerField()
    mtime = FloatField()
    content_hash = TextField(index=True, null=True)
    width = IntegerField(null=True)
    height = IntegerField(null=True)
    format = TextField(null=True)
    taken_at = DateTimeField(null=True, index=True)
    orientation = IntegerField(default=1)
    thumbnail = TextField(null=True)  # path relative to the thumbnail cache dir
    state = TextField(default=ImageState.WAITING, index=True)
    error = TextField(null=True)
    analyzed_with = TextField(null=True)
    added_at = DateTimeField(default=_now)
    favourite = BooleanField(default=False, index=True)  # schema v2
    # schema v3: places, captions, near-duplicates, videos
    latitude = FloatField(null=True)
    longitude = FloatField(null=True)
    description = TextField(null=True)
    phash = TextField(null=True, index=True)  # 64-bit perceptual hash, 16 hex digits
    media_type = TextField(default="photo")  # "photo" | "video"
    duration_s = FloatField(null=True)

    @property
    def sort_date(self) -> dt.datetime:
        return self.taken_at or dt.datetime.fromtimestamp(self.mtime)


class ObjectTag(BaseModel):
    image = ForeignKeyField(Image, backref="tags", on_delete="CASCADE")
    label = TextField(index=True)
    confidence = FloatField()
    x1 = FloatField()
    y1 = FloatField()
    x2 = FloatField()
    y2 = FloatField()


class Person(BaseModel):
    name = TextField(null=True, index=True)
    user_named = BooleanField(default=False)
    # Deferred: faces reference people and people reference a cover face.
    cover_face_id = IntegerField(null=True)
    hidden = BooleanField(default=False)
    created_at = DateTimeField(default=_now)


class Face(BaseModel):
    image = ForeignKeyField(Image, backref="faces", on_delete="CASCADE")
    x1 = FloatField()
    y1 = FloatField()
    x2 = FloatField()
    y2 = FloatField()
    landmarks = BlobField(null=True)  # float32 (5, 2), image pixels
    score = FloatField()
    embedding = BlobField(null=True)  # float32, L2-normalised
    person = ForeignKeyField(Person, backref="faces", null=True, on_delete="SET NULL", index=True)
    confirmed = BooleanField(default=False)  # the user put this face with this person
    ignored = BooleanField(default=False)  # the user said "not a face"
    sharpness = FloatField(null=True)  # schema v3: variance of the Laplacian on the face crop
    frame_time_s = FloatField(null=True)  # schema v3: where in a video the face was seen

    def embedding_array(self) -> np.ndarray | None:
        return None if self.embedding is None else np.frombuffer(self.embedding, dtype=np.float32)

    def landmarks_array(self) -> np.ndarray | None:
        return None if self.landmarks is None else np.frombuffer(self.landmarks, dtype=np.float32).reshape(5, 2)


class FaceExclusion(BaseModel):
    """A face the user took out of a person never goes back into it."""

    face = ForeignKeyField(Face, on_delete="CASCADE")
    person = ForeignKeyField(Person, on_delete="CASCADE")

    class Meta:
        primary_key = CompositeKey("face", "person")


class Album(BaseModel):
    name = TextField()
    created_at = DateTimeField(default=_now)


class AlbumImage(BaseModel):
    album = ForeignKeyField(Album, backref="entries", on_delete="CASCADE")
    image = ForeignKeyField(Image, backref="album_entries", on_delete="CASCADE")
    added_at = DateTimeField(default=_now)

    class Meta:
        primary_key = CompositeKey("album", "image")


class UndoEntry(BaseModel):
    """One user operation on people, with what is needed to reverse it exactly."""

    description = TextField()
    payload = TextField()  # JSON
    created_at = DateTimeField(default=_now)


class Meta(BaseModel):
    """Small key/value facts about the library (e.g. faces added since the last re-cluster)."""

    key = TextField(primary_key=True)
    value = TextField()


ALL_TABLES = [
    LibraryFolder,
    Image,
    ObjectTag,
    Person,
    Face,
    FaceExclusion,
    Album,
    AlbumImage,
    UndoEntry,
    Meta,
]
