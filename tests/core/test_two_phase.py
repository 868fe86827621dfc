"""Two-phase indexing: every photo browsable first (WAITING), the models behind, resumable."""

from __future__ import annotations

import dataclasses
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image as PILImage

from pictopy_desktop.cli import main
from pictopy_desktop.library import read_model
from pictopy_desktop.library.analysis_queue import AnalysisQueue
from pictopy_desktop.library.media_decode import PREVIEW_SIDE, decode_media
from pictopy_desktop.library.service import Library
from pictopy_desktop.library.thumbnails import THUMBNAIL_SIZE
from pictopy_desktop.storage.tables import Face, Image, ImageState, ObjectTag
from tests.conftest import REPO_ROOT


@pytest.fixture
def with_models(shared_models_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PICTOPY_MODELS_DIR", str(shared_models_dir))
    return shared_models_dir


@pytest.mark.slow
def test_phase_one_leaves_every_photo_browsable_and_waiting(
    data_dir: Path, with_models: Path, photo_copy
) -> None:
    folder = photo_copy("darknet", "openface")
    seen: list[int] = []
    with Library() as lib:
        report = lib.index(
            [folder],
            analysis=False,
            on_browsable=lambda r: seen.append(read_model.count(read_model.GalleryFilter())),
        )
        assert report.indexed == 14 and report.failed == [] and report.analyzed == 0
        assert seen == [14]  # every photo was in the gallery when phase one said so
        assert report.waiting_for_models == 14
        images = list(Image.select())
        assert {img.state for img in images} == {ImageState.WAITING}
        for img in images:
            assert img.thumbnail and (lib.thumbnails_dir / img.thumbnail).is_file()
            assert img.width and img.height and img.content_hash and img.phash
            assert img.analyzed_with is None
        assert ObjectTag.select().count() == 0 and Face.select().count() == 0
        assert lib.waiting_for_analysis() == 14


@pytest.mark.slow
def test_phase_two_completes_what_phase_one_left(
    data_dir: Path, with_models: Path, photo_copy
) -> None:
    folder = photo_copy("darknet/dog.jpg", "darknet/person.jpg", "openface/adams.jpg")
    with Library() as lib:
        lib.index([folder], analysis=False)
        report = lib.analyze_waiting()
        assert report.analyzed == 3 and report.waiting_for_models == 0 and report.failed == []
        assert {img.state for img in Image.select()} == {ImageState.DONE}
        dog = Image.get(Image.path == str(folder / "dog.jpg"))
        assert {"dog", "bicycle"} <= {t.label for t in dog.tags}
        adams = Image.get(Image.path == str(folder / "adams.jpg"))
        assert Face.select().where(Face.image == adams).count() == 1
        assert lib.waiting_for_analysis() == 0
        # Both phases by default: a second run finds nothing to do.
        again = lib.index([folder])
        assert (again.indexed, again.unchanged, again.analyzed) == (0, 3, 0)


@pytest.mark.slow
def test_both_phases_by_default_and_browsable_comes_first(
    data_dir: Path, with_models: Path, photo_copy
) -> None:
    folder = photo_copy("darknet/dog.jpg", "openface/adams.jpg", "openface/carell.jpg")
    events: list[tuple[str, int, int]] = []
    with Library() as lib:
        report = lib.index(
            [folder],
            progress=lambda done, total, current: events.append(("progress", done, total)),
            on_browsable=lambda r: events.append(
                ("browsable", Image.select().count(), Face.select().count())
            ),
        )
        assert report.indexed == 3 and report.analyzed == 3
        assert {img.state for img in Image.select()} == {ImageState.DONE}
    at = next(i for i, e in enumerate(events) if e[0] == "browsable")
    assert events[at][1:] == (3, 0)  # all photos in, no face found yet
    # Phase two has its own progress, from 0 to the photos it analyses.
    assert events[at + 1] == ("progress", 0, 3) and events[-1] == ("progress", 3, 3)


@pytest.mark.slow
def test_stopped_analysis_resumes_where_it_stopped(
    data_dir: Path, with_models: Path, photo_copy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stop (Ctrl+C, the app closing) keeps the committed batches; the next run does the rest."""
    from pictopy_desktop.library import analysis_queue

    monkeypatch.setattr(analysis_queue, "BATCH_PHOTOS", 2)
    folder = photo_copy("darknet", "openface")
    with Library() as lib:
        lib.index([folder], analysis=False)
        committed: list[int] = []  # stop once the first batch is in
        first = lib.analyze_waiting(
            progress=lambda done, total, current: committed.append(done) if done else None,
            should_stop=lambda: bool(committed),
        )
        assert first.cancelled and 2 <= first.analyzed < 14
        done = Image.select().where(Image.state == ImageState.DONE).count()
        assert done == first.analyzed
        assert lib.waiting_for_analysis() == 14 - done
        second = lib.analyze_waiting()
        assert not second.cancelled and second.analyzed == 14 - done
        assert {img.state for img in Image.select()} == {ImageState.DONE}


@pytest.mark.parametrize("size", [(4000, 3000), (1500, 2000), (600, 450)])
def test_phase_one_decodes_jpegs_to_the_thumbnail(
    tmp_path: Path, shared_photos_dir: Path, size: tuple[int, int]
) -> None:
    """DCT scaling (1/8 for 12 MP, 500 px), never below the thumbnail, then one resize: the
    preview is the thumbnail's own pixels."""
    big = tmp_path / "big.jpg"
    with PILImage.open(shared_photos_dir / "darknet" / "dog.jpg") as src:
        src.convert("RGB").resize(size).save(big, quality=90)
    decoded = decode_media(big)
    assert (decoded.width, decoded.height) == size
    assert max(decoded.rgb.shape[:2]) == PREVIEW_SIDE == THUMBNAIL_SIZE


def test_phase_one_results_wait_for_the_writer_without_pixels(
    data_dir: Path, no_models: Path, tmp_path: Path
) -> None:
    """A batch and the read-ahead wait for the writer: what they hold is the facts, not pixels."""
    photo = tmp_path / "a.jpg"
    PILImage.new("RGB", (900, 600), "teal").save(photo)
    with Library() as lib:
        store = lib.make_indexer()._photo_store()
        prepared = store.prepare(photo, None)
        assert prepared.error is None and prepared.thumbnail and prepared.phash
        assert prepared.decoded is not None and prepared.decoded.rgb.size == 0
        assert (prepared.decoded.width, prepared.decoded.height) == (900, 600)


@pytest.mark.slow
def test_cli_no_analysis_then_analyze(
    data_dir: Path, with_models: Path, photo_copy, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = photo_copy("darknet/dog.jpg", "openface/adams.jpg")
    assert main(["index", "--no-analysis", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.count("Browsable after") == 1 and "(2 new or changed photos)" in out
    assert "Indexed 2," in out and "2 photos wait for analysis." in out
    with Library():
        assert {img.state for img in Image.select()} == {ImageState.WAITING}
    assert main(["index", "--analysis-only"]) == 0
    out = capsys.readouterr().out
    assert "2 analysed" in out and "wait for analysis" not in out
    with Library():
        assert {img.state for img in Image.select()} == {ImageState.DONE}
    assert main(["index", "--analysis-only", str(folder)]) == 1
    assert "--analysis-only rescans no folder" in capsys.readouterr().err


def test_cli_json_keeps_stdout_one_document(
    data_dir: Path, no_models: Path, photo_copy, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    folder = photo_copy("darknet/dog.jpg")
    assert main(["index", "--json", str(folder)]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["indexed"] == 1
    assert "Browsable after" in captured.err


def _count(db: Path, sql: str) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute(sql).fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_sigkill_between_phases_then_restart_resumes(
    tmp_path: Path, shared_photos_dir: Path, shared_models_dir: Path
) -> None:
    import shutil

    photos = tmp_path / "photos"
    shutil.copytree(shared_photos_dir / "dlib_faces", photos)
    expected = sum(1 for p in photos.rglob("*") if p.suffix.lower() in {".jpg", ".jpeg", ".png"})
    data = tmp_path / "data"
    db = data / "library.sqlite3"
    env = dict(os.environ, PICTOPY_MODELS_DIR=str(shared_models_dir), PYTHONPATH=str(REPO_ROOT))
    base = [sys.executable, "-m", "pictopy_desktop", "--data-dir", str(data)]
    proc = subprocess.Popen(
        [*base, "index", str(photos)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    # Phase one is over once its line is printed: kill the run there, before analysis ends.
    line = proc.stdout.readline() if proc.stdout else ""
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert line.startswith("Browsable after"), line
    assert _count(db, "SELECT COUNT(*) FROM image") == expected
    waiting = _count(db, "SELECT COUNT(*) FROM image WHERE state = 'waiting'")
    assert waiting > 0, "analysis finished before the kill"

    done = subprocess.run(
        [*base, "index", str(photos)], env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    assert "Indexed 0," in done.stdout and f"({expected} unchanged" in done.stdout
    assert f"{waiting} analysed" in done.stdout
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT COUNT(*) FROM image").fetchone()[0] == expected
        assert con.execute("SELECT COUNT(*) FROM image WHERE state != 'done'").fetchone()[0] == 0
        dup_faces = con.execute(
            "SELECT COUNT(*) FROM (SELECT image_id, x1, y1, x2, y2 FROM face "
            "GROUP BY 1,2,3,4,5 HAVING COUNT(*) > 1)"
        ).fetchone()[0]
        assert dup_faces == 0
    finally:
        con.close()


@pytest.mark.slow
def test_analysis_skips_a_file_swapped_since_the_scan(
    data_dir: Path, with_models: Path, photo_copy
) -> None:
    """Names swapped outside the app between the phases: no photo gets the other's faces."""
    examples = "face_recognition/examples/"
    folder = photo_copy(examples + "two_people.jpg", examples + "obama_small.jpg")
    one, two = folder / "IMG_1.jpg", folder / "IMG_2.jpg"
    (folder / "two_people.jpg").rename(one)
    (folder / "obama_small.jpg").rename(two)
    with Library() as lib:
        lib.index([folder], analysis=False)
        hashes = {img.content_hash: img.id for img in Image.select()}
        one.rename(folder / "tmp")
        two.rename(one)
        (folder / "tmp").rename(two)
        report = lib.analyze_waiting()
        assert report.analyzed == 0 and report.failed == []
        assert Face.select().count() == 0
        assert {img.state for img in Image.select()} == {ImageState.WAITING}
        # The next index reads both files again, and then analysis finds the right faces.
        lib.index([folder])
        faces = {1: 0, 2: 0}
        for img in Image.select():
            assert img.state == ImageState.DONE and img.content_hash in hashes
            boxes = list(Face.select().where(Face.image == img))
            for f in boxes:
                assert 0 <= f.x1 < f.x2 <= img.width and 0 <= f.y1 < f.y2 <= img.height
            faces[len(boxes)] = faces.get(len(boxes), 0) + 1
        assert faces == {1: 1, 2: 1}  # obama_small has one face, two_people two


class _CountingAnalyzer:
    """An analyzer that records what it was asked to analyse (and finds nothing)."""

    has_objects = True
    has_faces = True
    problems: list[str] = []

    def __init__(self) -> None:
        self.calls = 0

    def analyze(self, rgb):
        self.calls += 1
        raise AssertionError("a picture that is not the row's was analysed")


def test_analysis_skips_a_picture_of_another_size_read_mid_swap(
    data_dir: Path, no_models: Path, tmp_path: Path
) -> None:
    """The file passed the identity check but the picture read is another: nothing is stored."""
    folder = tmp_path / "photos"
    folder.mkdir()
    PILImage.new("RGB", (60, 40), "red").save(folder / "a.jpg")
    with Library() as lib:
        lib.index([folder], analysis=False)
        other = decode_media(folder / "a.jpg")
        other = dataclasses.replace(other, width=40, height=60)
        analyzer = _CountingAnalyzer()
        queue = AnalysisQueue(lib.db, analyzer, lambda path: other, workers=1)
        report = queue.run()
        assert analyzer.calls == 0 and report.analyzed == 0 and report.failed == []
        img = Image.get()
        assert img.state == ImageState.WAITING and img.error is None and img.analyzed_with is None
