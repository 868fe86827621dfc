"""A sidecar written, changed or removed after indexing is read again; hostile sidecars never hurt."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from pictopy_desktop.library.service import Library
from pictopy_desktop.storage.tables import Face, FaceSource, Image, Keyword, Person
from tests.metadata.sidecars import write_mwg_sidecar

SAMPLES = Path(__file__).resolve().parent.parent / "sample_library"


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    folder = tmp_path / "photos"
    folder.mkdir()
    return Path(shutil.copy2(SAMPLES / "rejected.jpg", folder / "plain.jpg"))


def _keywords(image_id: int) -> list[str]:
    return sorted(k.path for k in Keyword.select().where(Keyword.image == image_id))


def test_sidecar_that_comes_changes_and_goes_is_read_each_time(
    data_dir: Path, no_models: Path, photo: Path
) -> None:
    sidecar = photo.with_name("plain.xmp")
    with Library() as lib:
        lib.index([photo.parent])
        image = Image.get(Image.path == str(photo))
        assert _keywords(image.id) == [] and image.rating is None
        write_mwg_sidecar(sidecar, [("Ada Lovelace", (0.1, 0.1, 0.4, 0.5))], ["tea"], rating=3)
        report = lib.index([photo.parent])
        assert report.indexed == 0 and report.unchanged == 1  # the photo was not decoded again
        assert _keywords(image.id) == ["tea"]
        assert Image.get_by_id(image.id).rating == 3
        (face,) = Face.select().where(Face.image == image.id)
        assert face.source == FaceSource.METADATA and face.person.name == "Ada Lovelace"
        # The same size, a new modification time: read again.
        write_mwg_sidecar(sidecar, [("Ada Lovelace", (0.1, 0.1, 0.4, 0.5))], ["cup"], rating=3)
        st = sidecar.stat()
        os.utime(sidecar, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
        lib.index([photo.parent])
        assert _keywords(image.id) == ["cup"]
        # Gone: what only the sidecar said goes; the named person stays (names are kept).
        sidecar.unlink()
        lib.index([photo.parent])
        assert _keywords(image.id) == []
        assert Face.select().where(Face.image == image.id).count() == 0
        assert Person.get(Person.name == "Ada Lovelace").user_named
        # A rating PictoPy holds is kept when no file says otherwise.
        assert Image.get_by_id(image.id).rating == 3


def test_keywords_the_user_typed_stay_when_the_sidecar_changes(
    data_dir: Path, no_models: Path, photo: Path
) -> None:
    sidecar = photo.with_name("plain.jpg.xmp")
    write_mwg_sidecar(sidecar, [], ["tea"])
    with Library() as lib:
        lib.index([photo.parent])
        image = Image.get(Image.path == str(photo))
        with lib.db.atomic():
            Keyword.create(image=image, name="mine", path="mine", source="user")
        write_mwg_sidecar(sidecar, [], ["coffee", "tea"])
        st = sidecar.stat()
        os.utime(sidecar, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
        lib.index([photo.parent])
        assert _keywords(image.id) == ["coffee", "mine", "tea"]


def test_a_named_pipe_or_folder_where_a_sidecar_belongs_is_skipped(
    data_dir: Path, no_models: Path, photo: Path
) -> None:
    os.mkfifo(photo.with_name("plain.jpg.xmp"))  # reading it would wait for ever
    photo.with_name("plain.xmp").mkdir()
    with Library() as lib:
        report = lib.index([photo.parent])
        assert report.indexed == 1 and report.failed == []
        assert Image.get(Image.path == str(photo)).rating is None


def test_garbage_sidecar_is_one_sentence_and_the_photo_is_indexed(
    data_dir: Path, no_models: Path, photo: Path
) -> None:
    photo.with_name("plain.jpg.xmp").write_bytes(b"\x00\xff" * 500)
    with Library() as lib:
        report = lib.index([photo.parent])
        assert report.indexed == 1 and report.failed == []
        (message,) = [m for m in report.messages if "The sidecar" in m]
        assert message.startswith(f"The sidecar {photo}.xmp could not be read (")
        assert message.endswith("the photo was indexed without it.")


def test_the_users_word_on_a_face_from_a_file_outlives_a_new_read(
    data_dir: Path, no_models: Path, photo: Path
) -> None:
    from pictopy_desktop.people import people_service as ps

    sidecar = photo.with_name("plain.xmp")
    regions = [("Ada", (0.1, 0.1, 0.4, 0.5)), ("Bob", (0.6, 0.1, 0.9, 0.5))]
    write_mwg_sidecar(sidecar, regions, ["tea"])
    with Library() as lib:
        lib.index([photo.parent])
        image = Image.get(Image.path == str(photo))
        faces = {f.person.name: f.id for f in Face.select().where(Face.image == image.id)}
        ada = ps.name_face(faces["Ada"], "Ada Lovelace").value  # the user corrects one name
        unnamed = ps.move_face(faces["Bob"], None).value  # and says the other is not Bob
        write_mwg_sidecar(sidecar, regions, ["tea", "cake"])  # another program adds a keyword
        st = sidecar.stat()
        os.utime(sidecar, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
        lib.index([photo.parent])
        assert _keywords(image.id) == ["cake", "tea"]
        after = {f.id: f.person_id for f in Face.select().where(Face.image == image.id)}
        assert after == {faces["Ada"]: ada, faces["Bob"]: unnamed}
