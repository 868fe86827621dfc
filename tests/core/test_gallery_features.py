"""Favourites, duplicates, memories, places, find-by-face, videos and Takeout sidecars on real files."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import cv2
import numpy as np
import piexif
import pytest
from PIL import Image as PILImage

from pictopy_desktop.library import duplicates, face_search, memories, places, read_model
from pictopy_desktop.library.favourites import set_favourite, toggle_favourite
from pictopy_desktop.library.service import Library
from pictopy_desktop.storage.tables import Face, Image, Presence


@pytest.fixture
def models(shared_models_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(shared_models_dir))
    return shared_models_dir


def _to_rational(x: float) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
    d = int(x)
    m = int((x - d) * 60)
    s = round(((x - d) * 60 - m) * 60 * 100)
    return ((d, 1), (m, 1), (s, 100))


def exif_photo(
    src: Path, dest: Path, taken: dt.datetime | None = None, gps: tuple[float, float] | None = None
) -> Path:
    exif: dict = {"0th": {}, "Exif": {}, "GPS": {}}
    if taken:
        exif["Exif"][piexif.ExifIFD.DateTimeOriginal] = taken.strftime("%Y:%m:%d %H:%M:%S").encode()
    if gps:
        lat, lon = gps
        exif["GPS"] = {
            piexif.GPSIFD.GPSLatitudeRef: b"N" if lat >= 0 else b"S",
            piexif.GPSIFD.GPSLatitude: _to_rational(abs(lat)),
            piexif.GPSIFD.GPSLongitudeRef: b"E" if lon >= 0 else b"W",
            piexif.GPSIFD.GPSLongitude: _to_rational(abs(lon)),
        }
    PILImage.open(src).convert("RGB").save(dest, "JPEG", exif=piexif.dump(exif), quality=90)
    return dest


@pytest.mark.slow
def test_favourites_and_search(tmp_path: Path, photo_copy, models: Path) -> None:
    folder = photo_copy("darknet/dog.jpg", "darknet/person.jpg", "darknet/eagle.jpg")
    with Library(tmp_path / "data") as lib:
        lib.index([folder])
        dog = Image.get(Image.path == str(folder / "dog.jpg"))
        eagle = Image.get(Image.path == str(folder / "eagle.jpg"))
        set_favourite(lib.db, [dog.id, eagle.id])
        assert read_model.search("favourites")["count"] == 2
        assert [r["path"] for r in read_model.search("favourites dog")["results"]] == [
            str(folder / "dog.jpg")
        ]
        assert toggle_favourite(lib.db, eagle.id).value is False
        assert read_model.search("favorites")["count"] == 1


def test_obama_sizes_are_one_duplicate_group_and_trash_keeps_one(
    tmp_path: Path, photo_copy, monkeypatch: pytest.MonkeyPatch, trash_dir: Path
) -> None:
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(tmp_path / "none"))
    sizes = [f"face_recognition/examples/obama-{s}.jpg" for s in ("240p", "480p", "720p", "1080p")]
    folder = photo_copy(*sizes, "face_recognition/examples/biden.jpg", "darknet/dog.jpg")
    shutil.copy(folder / "dog.jpg", folder / "dog-copy.jpg")
    with Library(tmp_path / "data") as lib:
        lib.index([folder])
        groups = duplicates.find_duplicates()
        named = [{Path(Image.get_by_id(i).path).name for i in g.image_ids} for g in groups]
        assert {f"obama-{s}.jpg" for s in ("240p", "480p", "720p", "1080p")} in named
        assert {"dog.jpg", "dog-copy.jpg"} in named
        assert len(groups) == 2
        obama = next(g for g in groups if len(g.image_ids) == 4)
        assert (
            not obama.exact
            and Path(Image.get_by_id(obama.image_ids[0]).path).name == "obama-1080p.jpg"
        )
        outcome = duplicates.trash_duplicates(obama.image_ids[0], obama.image_ids[1:])
        assert outcome.refused == [] and len(outcome.trashed) == 3
        assert sorted(p.name for p in folder.glob("obama-*.jpg")) == ["obama-1080p.jpg"]
        trashed = sorted(p.name for p in trash_dir.rglob("obama-*.jpg"))
        assert trashed == [
            "obama-240p.jpg",
            "obama-480p.jpg",
            "obama-720p.jpg",
        ]  # moved, not deleted outright
        present = [
            Path(i.path).name for i in Image.select().where(Image.presence == Presence.PRESENT)
        ]
        assert [n for n in present if n.startswith("obama-")] == ["obama-1080p.jpg"]
        # The trashed copies' rows stay, marked missing, so a restored file comes back with everything.
        assert Image.select().where(Image.presence == Presence.MISSING).count() == 3


@pytest.mark.slow
def test_places_from_gps_and_memories(tmp_path: Path, shared_photos_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(tmp_path / "none"))
    folder = tmp_path / "photos"
    folder.mkdir()
    src = sorted((shared_photos_dir / "darknet").glob("*.jpg"))
    today = dt.date.today()
    paris, rome = (48.8566, 2.3522), (41.9028, 12.4964)
    # A trip: 6 photos over two days in Rome, years ago; a day at home in Paris; one "on this day".
    trip_start = dt.datetime(2019, 6, 1, 9)
    for i in range(6):
        exif_photo(
            src[i % len(src)],
            folder / f"rome-{i}.jpg",
            trip_start + dt.timedelta(hours=5 * i),
            rome,
        )
    for i in range(5):
        exif_photo(
            src[i % len(src)], folder / f"paris-{i}.jpg", dt.datetime(2020, 3, 7, 10 + i), paris
        )
    exif_photo(
        src[0], folder / "birthday.jpg", dt.datetime(today.year - 3, today.month, today.day, 15)
    )
    with Library(tmp_path / "data") as lib:
        lib.index([folder])
        rome_img = Image.get(Image.path == str(folder / "rome-0.jpg"))
        assert rome_img.latitude == pytest.approx(rome[0], abs=1e-3)
        assert rome_img.longitude == pytest.approx(rome[1], abs=1e-3)
        found = {p.label: p.count for p in places.places()}
        assert found == {"Rome, Italy": 6, "Paris, France": 5}
        assert len(places.images_in(places.PlaceKey("IT", "Rome"))) == 6
        assert "openstreetmap.org" in places.map_url(*rome)

        otd = memories.on_this_day(today)
        assert len(otd) == 1 and otd[0].title == "3 years ago today"
        evs = memories.events()
        kinds = sorted((m.kind, len(m.image_ids)) for m in evs)
        assert ("trip", 6) in kinds and ("event", 5) in kinds
        assert all(m.cover_id in m.image_ids for m in evs)
        # Titled with where and when.
        assert {m.title for m in evs} == {"Rome, June 2019", "Paris, March 2020"}


@pytest.mark.slow
def test_find_by_face_ranks_the_same_person_first(
    tmp_path: Path, photo_copy, models: Path, shared_photos_dir: Path
) -> None:
    folder = photo_copy(
        "face_recognition/examples/obama.jpg",
        "face_recognition/examples/obama2.jpg",
        "face_recognition/examples/biden.jpg",
        "openface/adams.jpg",
        "openface/carell.jpg",
        "face_recognition/examples/knn_examples/test/obama1.jpg",
    )
    with Library(tmp_path / "data") as lib:
        lib.index([folder])
        cutoff = face_search.similarity_cutoff(lib.analyzer().cluster_distance)
        obama_face = Face.select().join(Image).where(Image.path == str(folder / "obama.jpg")).get()
        matches = face_search.similar_to_face(obama_face.id, cutoff)
        names = [Path(Image.get_by_id(m.image_id).path).name for m in matches]
        assert set(names) == {"obama2.jpg", "obama1.jpg"}, names
        assert matches[0].similarity >= matches[-1].similarity
        # A face from a file outside the library (dropped onto the search field).
        faces = face_search.faces_in_file(
            shared_photos_dir / "face_recognition/tests/test_images/obama3.jpg", lib.analyzer()
        )
        by_file = face_search.similar_to_embedding(faces[0].embedding, cutoff)
        assert {Path(Image.get_by_id(m.image_id).path).name for m in by_file} >= {
            "obama.jpg",
            "obama2.jpg",
        }
        assert "biden.jpg" not in {Path(Image.get_by_id(m.image_id).path).name for m in by_file}


def _write_video(
    path: Path, frames: list[np.ndarray], fps: float = 2.0, fourcc: str = "mp4v"
) -> Path:
    h, w = frames[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*fourcc), fps, (w, h))
    assert writer.isOpened()
    for f in frames:
        writer.write(cv2.resize(f, (w, h)))
    writer.release()
    return path


@pytest.mark.slow
def test_videos_get_poster_duration_and_faces(
    tmp_path: Path, shared_photos_dir: Path, models: Path
) -> None:
    folder = tmp_path / "videos"
    folder.mkdir()
    obama = cv2.imread(str(shared_photos_dir / "face_recognition/examples/obama.jpg"))
    adams = cv2.imread(str(shared_photos_dir / "openface/adams.jpg"))
    frames = [obama] * 8 + [cv2.resize(adams, obama.shape[1::-1])] * 8  # 8 s at 2 fps
    _write_video(folder / "clip.mp4", frames)
    _write_video(folder / "clip.avi", frames[:4], fourcc="MJPG")
    (folder / "broken.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 100)
    with Library(tmp_path / "data") as lib:
        report = lib.index([folder])
        assert report.indexed == 2, report.to_dict()
        assert str(folder / "broken.mp4") in dict(report.failed)
        clip = Image.get(Image.path == str(folder / "clip.mp4"))
        assert clip.media_type == "video" and clip.duration_s == pytest.approx(8.0, abs=0.6)
        assert (lib.thumbnails_dir / clip.thumbnail).is_file()
        faces = list(Face.select().where(Face.image == clip.id))
        assert len(faces) == 2  # two people, each once despite many frames
        assert sorted(f.frame_time_s for f in faces)[1] >= 4.0  # the second person appears later
        assert Image.get(Image.path == str(folder / "clip.avi")).media_type == "video"


def test_takeout_sidecar_fills_what_exif_lacks(
    tmp_path: Path, shared_photos_dir: Path, monkeypatch
) -> None:
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(tmp_path / "none"))
    folder = tmp_path / "Takeout" / "Google Photos" / "Trip"
    folder.mkdir(parents=True)
    PILImage.open(shared_photos_dir / "darknet/kite.jpg").save(
        folder / "kite.jpg"
    )  # no EXIF, as Takeout often gives
    taken = dt.datetime(2016, 8, 14, 17, 30)
    (folder / "kite.jpg.json").write_text(
        json.dumps(
            {
                "title": "kite.jpg",
                "description": "Kites on the beach",
                "photoTakenTime": {"timestamp": str(int(taken.timestamp())), "formatted": "..."},
                "geoData": {"latitude": 52.3702, "longitude": 4.8952, "altitude": 0.0},
            }
        )
    )
    exif_photo(
        shared_photos_dir / "darknet/eagle.jpg", folder / "eagle.jpg", dt.datetime(2018, 1, 1, 12)
    )
    (folder / "eagle.jpg.json").write_text(
        json.dumps(
            {"photoTakenTime": {"timestamp": "0"}, "geoData": {"latitude": 0.0, "longitude": 0.0}}
        )
    )
    with Library(tmp_path / "data") as lib:
        report = lib.index([folder.parent.parent])
        assert report.indexed == 2
        kite = Image.get(Image.path == str(folder / "kite.jpg"))
        assert kite.taken_at == taken
        assert kite.latitude == pytest.approx(52.3702) and kite.description == "Kites on the beach"
        eagle = Image.get(Image.path == str(folder / "eagle.jpg"))
        assert eagle.taken_at == dt.datetime(2018, 1, 1, 12)  # EXIF wins over the sidecar
        assert eagle.latitude is None
