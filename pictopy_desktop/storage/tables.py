"""The library's tables (Peewee models), bound to a database at open time.

Changing a table means adding a migration in ``migrations.py``; the models here
always describe the newest schema.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from peewee import (
    SQL,
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

if TYPE_CHECKING:
    import numpy as np

database_proxy = DatabaseProxy()


def _now() -> dt.datetime:
    return dt.datetime.now()


# Lone surrogates (a file name that is not valid UTF-8, decoded by Python with
# "surrogateescape") cannot be stored as SQLite text. They are mapped one to one onto
# code points of a private-use plane, which keeps names lossless and keeps the order
# and prefixes that the path range scans rely on.
_SURROGATE_BASE = 0xDC80
_PRIVATE_BASE = 0x10FC80
_TO_DB = {_SURROGATE_BASE + i: _PRIVATE_BASE + i for i in range(128)}
_FROM_DB = {v: k for k, v in _TO_DB.items()}


def path_to_db(path: str) -> str:
    """A path as stored: lossless for any name the OS gives."""
    return path.translate(_TO_DB)


def path_from_db(text: str) -> str:
    """The OS path back from its stored form."""
    return text.translate(_FROM_DB)


class PathField(TextField):
    """A file-system path, stored losslessly even where it is not valid UTF-8."""

    def db_value(self, value: object) -> object:
        value = super().db_value(value)
        return path_to_db(value) if isinstance(value, str) else value

    def python_value(self, value: object) -> object:
        value = super().python_value(value)
        return path_from_db(value) if isinstance(value, str) else value


class BaseModel(Model):
    class Meta:
        database = database_proxy
        legacy_table_names = False


class LibraryFolder(BaseModel):
    path = PathField(unique=True)
    added_at = DateTimeField(default=_now)
    last_scanned_at = DateTimeField(null=True)
    # schema v4: the volume the folder was on when last seen; another device there now
    # (or an empty mount point) means the drive is not plugged in, not that photos went.
    device = IntegerField(null=True)


class Presence:
    """Values of ``Image.presence``: is the photo's file there?"""

    PRESENT = "present"
    OFFLINE = "offline"  # its folder or volume can't be seen now; everything is kept
    MISSING = "missing"  # its file is confirmed gone; user data kept until pruned


class ImageState:
    """Values of ``Image.state``."""

    WAITING = "waiting"  # decoded and thumbnailed; ML analysis not done yet (no models, or pending)
    DONE = "done"  # analysed by the models named in ``analyzed_with``
    FAILED = "failed"  # could not be read; ``error`` says why


class Image(BaseModel):
    path = PathField(unique=True)
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
    error = PathField(null=True)  # may quote a file name, so stored losslessly
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
    # schema v4: one file, one photo; offline is not deleted; failures retried on change
    device = IntegerField(null=True)
    inode = IntegerField(null=True)
    ctime = FloatField(null=True)
    presence = TextField(default=Presence.PRESENT, index=True)
    missing_since = DateTimeField(null=True)
    # schema v5: what the user and other programs said about the photo
    rotation = IntegerField(
        default=0
    )  # degrees clockwise on top of EXIF orientation; file untouched
    rating = IntegerField(null=True, index=True)  # 0-5 stars (XMP, or set in PictoPy)
    color_label = TextField(null=True)  # e.g. "Red" (XMP/digiKam colour label)
    title = TextField(null=True)  # XMP dc:title; the caption is ``description``
    utc_offset_min = IntegerField(
        null=True
    )  # capture time zone: taken_at is local time at this offset
    companion_path = PathField(
        null=True
    )  # the RAW file shown with this JPEG as one photo (kept too)
    # schema v6: the gallery's order, COALESCE(taken_at, local file time), kept by triggers
    # (storage/gallery_order.py); indexed with id and the visibility columns, so the
    # gallery is one covering index scan.
    sort_key = TextField(null=True)

    class Meta:
        indexes = (
            (("device", "inode"), False),
            (("sort_key", "id", "state", "presence"), False),
        )

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


class FaceSource:
    """Values of ``Face.source``."""

    DETECTED = "detected"
    METADATA = "metadata"


def embedding_from_blob(blob: bytes | None) -> np.ndarray | None:
    """A stored embedding as float32, or None where there is none or the row is damaged.

    A blob whose length is not a whole number of floats (a damaged row, another program's
    write) must cost that face only, not every reader of faces (suggestions, search by face).
    """
    if not blob or len(blob) % 4:
        return None
    import numpy as np  # the tables open with the app; numpy only where vectors are read

    return np.frombuffer(blob, dtype=np.float32)


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
    # schema v5: "detected" by the face model, or "metadata" (a named region another program
    # wrote, with no detected face under it: it has no embedding)
    source = TextField(default=FaceSource.DETECTED)

    def embedding_array(self) -> np.ndarray | None:
        return embedding_from_blob(self.embedding)

    def landmarks_array(self) -> np.ndarray | None:
        import numpy as np

        return (
            None
            if self.landmarks is None
            else np.frombuffer(self.landmarks, dtype=np.float32).reshape(5, 2)
        )


# schema v6: People's counts and each person's best face (confirmed, then largest and most
# certain, then id: ``people_store.best_cover_face``) read this index alone, one seek per
# person, never the face rows (each carries a 512-byte embedding).
FACE_COVER_INDEX = SQL(
    'CREATE INDEX IF NOT EXISTS "face_person_cover" ON "face" ("person_id", "ignored", '
    '"confirmed" DESC, (("x2" - "x1") * ("y2" - "y1") * "score") DESC, "id", "image_id")'
)
Face.add_index(FACE_COVER_INDEX)


class FaceExclusion(BaseModel):
    """A face the user took out of a person never goes back into it."""

    face = ForeignKeyField(Face, on_delete="CASCADE")
    person = ForeignKeyField(Person, on_delete="CASCADE")

    class Meta:
        primary_key = CompositeKey("face", "person")


class TagExclusion(BaseModel):
    """A tag the user removed from a photo (schema v4): re-analysis never puts it back."""

    image = ForeignKeyField(Image, on_delete="CASCADE")
    label = TextField()

    class Meta:
        primary_key = CompositeKey("image", "label")


class Keyword(BaseModel):
    """A keyword on a photo (schema v5), from XMP/IPTC or typed by the user.

    ``name`` is the leaf ("Paris"); ``path`` the hierarchical subject it came from
    ("Places|France|Paris"), or the name itself where there was no hierarchy.
    """

    image = ForeignKeyField(Image, backref="keywords", on_delete="CASCADE")
    name = TextField(index=True)
    path = TextField()
    source = TextField(default="xmp")  # "xmp" | "iptc" | "user"

    class Meta:
        indexes = ((("image", "path"), True),)


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

    description = PathField()  # may name a file (an import), so stored losslessly
    payload = TextField()  # JSON
    created_at = DateTimeField(default=_now)


class TrashRecord(BaseModel):
    """A file PictoPy moved to the system trash (schema v4), listed with a way back."""

    original_path = PathField()
    trashed_at = DateTimeField(default=_now, index=True)
    content_hash = TextField(null=True)
    size = IntegerField(null=True)
    reason = (
        PathField()
    )  # e.g. "exact duplicate of /photos/a.jpg": names paths, so stored losslessly
    kept_path = PathField(null=True)  # the copy that was kept, if any
    trash_location = PathField(null=True)  # where the trash put it, where the platform says
    restored_at = DateTimeField(null=True)


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
    TagExclusion,
    Keyword,
    Album,
    AlbumImage,
    UndoEntry,
    TrashRecord,
    Meta,
]
