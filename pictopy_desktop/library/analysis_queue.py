"""Phase two of indexing: run the models on photos waiting for analysis, and store what they find.

Photos enter the library browsable and ``ImageState.WAITING`` (``library.photo_store``);
this queue takes every present WAITING photo the available models have not seen,
decodes it at analysis size and runs the models on the decode workers, and commits the
tags and faces of a few photos per transaction. New faces go to people after each
commit, so People and search grow as analysis goes on. The queue is the database
itself: a run that is stopped, paused or killed leaves the rest WAITING, and the next
run picks them up.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from peewee import OperationalError, SqliteDatabase

from pictopy_desktop.errors import ImageReadError
from pictopy_desktop.library.fatal_write import fatal_write_error
from pictopy_desktop.library.image_decode import DecodedImage
from pictopy_desktop.library.index_report import IndexReport, ProgressFn, StopFn
from pictopy_desktop.library.metadata.store import match_metadata_faces
from pictopy_desktop.library.photo_analysis import (
    ALL_STAGES,
    STAGE_FACES,
    STAGE_OBJECTS,
    Analyzer,
    AnalyzerPool,
    analyzer_stages,
    face_sharpness,
    frame_rgb,
    run_analysis,
    stages_of,
)
from pictopy_desktop.library.read_ahead import read_ahead
from pictopy_desktop.library.tags import excluded_labels
from pictopy_desktop.people.face_refresh import store_faces
from pictopy_desktop.storage.tables import FaceSource, Image, ImageState, ObjectTag, Presence

log = logging.getLogger(__name__)

Analysis = tuple[Any, list[float] | None]
DecodeFn = Callable[[Path], DecodedImage]

# Results are committed a few photos at a time: fewer commits, and a kill loses at most
# these (they stay WAITING and are analysed again). A slow batch is committed by time.
BATCH_PHOTOS = 16
BATCH_SECONDS = 1.0


class FileChanged:
    """A worker's answer for a photo whose file is no longer the one its row describes."""


FILE_CHANGED = FileChanged()
Decoded = DecodedImage | str | FileChanged


def file_matches_row(image: Image) -> bool:
    """Whether the file at ``image.path`` still has the size, mtime and inode the row recorded.

    Names swapped or a file replaced outside the app since the scan would otherwise give
    one photo's faces and tags to another row.
    """
    try:
        st = os.stat(image.path)
    except OSError:
        return False
    if st.st_size != image.size or abs(st.st_mtime - image.mtime) >= 1e-6:
        return False
    return image.inode is None or (image.device, image.inode) == (st.st_dev, st.st_ino)


def decoded_matches_row(image: Image, decoded: DecodedImage) -> bool:
    """Whether the decoded picture has the row's size (another picture, read mid-swap, has not)."""
    if image.width is None or image.height is None:
        return True
    return (decoded.width, decoded.height) == (image.width, image.height)


class AnalysisQueue:
    """Runs the models on waiting photos and stores tags and faces."""

    def __init__(
        self,
        db: SqliteDatabase,
        analyzer: Analyzer | None,
        decode: DecodeFn,
        workers: int = 2,
        prefetch: int = 4,
        analyzer_pool: AnalyzerPool | None = None,
        on_faces_added: Callable[[list[int]], None] | None = None,
    ) -> None:
        self.db = db
        self.analyzer = analyzer
        self.decode = decode
        self.workers = workers
        self.prefetch = prefetch
        self.stages = analyzer_stages(analyzer)
        # Analysis runs in the workers beside decoding when there are analyzers for them.
        self.analyzer_pool = analyzer_pool if self.stages else None
        self.on_faces_added = on_faces_added

    def pending(self) -> list[Image]:
        """Present photos waiting for a stage the available models can run, oldest first."""
        if not self.stages:
            return []
        return [
            img
            for img in Image.select()
            .where(
                (Image.state == ImageState.WAITING)
                & Image.error.is_null()
                & (Image.presence == Presence.PRESENT)
            )
            .order_by(Image.id)
            if not self.stages <= stages_of(img)
        ]

    def run(
        self,
        progress: ProgressFn | None = None,
        should_stop: StopFn | None = None,
        report: IndexReport | None = None,
    ) -> IndexReport:
        """Analyse every waiting photo (``progress(done, total, path)``), until done or stopped."""
        report = report or IndexReport()
        should_stop = should_stop or (lambda: False)
        progress = progress or (lambda done, total, current: None)
        pending = self.pending()
        total = len(pending)
        batch: list[tuple[Image, Decoded, Analysis | None]] = []
        started = time.monotonic()
        done = 0
        if total:
            progress(0, total, "")
        jobs = read_ahead(
            pending, self._decode_and_analyze, should_stop, self.workers, self.prefetch
        )
        for image, (decoded, analysis) in jobs:
            if not batch:
                started = time.monotonic()
            batch.append((image, decoded, analysis))
            if len(batch) >= BATCH_PHOTOS or time.monotonic() - started >= BATCH_SECONDS:
                done += self._commit(batch, report)
                progress(done, total, image.path)
                batch = []
        if batch:
            done += self._commit(batch, report)
            progress(done, total, batch[-1][0].path)
        if should_stop():
            report.cancelled = True
        report.waiting_for_models = Image.select().where(Image.state == ImageState.WAITING).count()
        return report

    def _decode_and_analyze(self, image: Image) -> tuple[Decoded, Analysis | None]:
        """Worker thread: the pixels (or why they could not be read) and, when it can, the analysis.

        The file is checked against its row before and after the read: one that changed
        since the scan is left WAITING for the next index, which reads it again.
        """
        if not file_matches_row(image):
            return FILE_CHANGED, None
        try:
            decoded = self.decode(Path(image.path))
        except ImageReadError as exc:
            return str(exc), None
        if not decoded_matches_row(image, decoded) or not file_matches_row(image):
            return FILE_CHANGED, None
        return decoded, self.analyze_in_worker(decoded)

    def _commit(
        self, batch: list[tuple[Image, Decoded, Analysis | None]], report: IndexReport
    ) -> int:
        """Store a batch's results in one transaction, then hand the new faces to people.

        A full disk or a read-only library stops the run (``fatal_write``): the batch's
        photos stay WAITING and the next run analyses them.
        """
        try:
            with self.db.atomic():
                for image, decoded, analysis in batch:
                    if isinstance(decoded, FileChanged):
                        log.info("Not analysed, changed on disk since indexed: %s", image.path)
                    elif isinstance(decoded, str):
                        Image.update(error=f"analysis skipped: {decoded}").where(
                            Image.id == image.id
                        ).execute()
                        report.failed.append((image.path, decoded))
                    else:
                        self.store_analysis(image, decoded, report, analysis)
        except OperationalError as exc:
            raise fatal_write_error(exc, self.db.database) or exc from exc
        self.notify_faces(report)
        return len(batch)

    def analyze_in_worker(self, decoded: DecodedImage) -> Analysis | None:
        """Worker thread: analyse with a borrowed analyzer; None leaves it to the writer thread."""
        if self.analyzer_pool is None:
            return None
        try:
            with self.analyzer_pool.borrow() as analyzer:
                return run_analysis(analyzer, decoded)
        except Exception:  # retried on the writer thread, which records the failure
            log.exception("Analysis in a worker failed")
            return None

    def store_analysis(
        self,
        image: Image,
        decoded: DecodedImage,
        report: IndexReport,
        precomputed: Analysis | None = None,
    ) -> None:
        """Store the available stages the image still lacks; call inside a transaction."""
        assert self.analyzer is not None
        done = stages_of(image)
        todo = self.stages - done
        if not todo:
            return
        try:
            analysis, frame_times = precomputed or run_analysis(self.analyzer, decoded)
        except Exception as exc:
            log.exception("Analysis failed for %s", image.path)
            Image.update(error=f"analysis failed: {type(exc).__name__}: {exc}").where(
                Image.id == image.id
            ).execute()
            report.failed.append((image.path, f"analysis failed: {exc}"))
            return
        scale = decoded.scale
        # Tags the user removed from this photo stay removed (library.tags.remove_tag).
        excluded = excluded_labels(image.id) if analysis.tags else set()
        tags = [t for t in analysis.tags if t.label not in excluded]
        if STAGE_OBJECTS in todo and tags:
            ObjectTag.insert_many(
                [
                    dict(
                        image=image.id,
                        label=t.label,
                        confidence=float(t.confidence),
                        x1=t.box[0] * scale,
                        y1=t.box[1] * scale,
                        x2=t.box[2] * scale,
                        y2=t.box[3] * scale,
                    )
                    for t in tags
                ]
            ).execute()
        if STAGE_FACES in todo:
            found = []
            for i, f in enumerate(analysis.faces):
                landmarks = None
                if f.landmarks is not None:
                    landmarks = (
                        (np.asarray(f.landmarks, dtype=np.float32) * scale)
                        .astype(np.float32)
                        .tobytes()
                    )
                found.append(
                    dict(
                        x1=f.box[0] * scale,
                        y1=f.box[1] * scale,
                        x2=f.box[2] * scale,
                        y2=f.box[3] * scale,
                        landmarks=landmarks,
                        score=float(f.score),
                        embedding=np.asarray(f.embedding, dtype=np.float32).tobytes(),
                        sharpness=face_sharpness(frame_rgb(decoded, frame_times, i), f.box),
                        frame_time_s=frame_times[i] if frame_times else None,
                        source=FaceSource.DETECTED,
                    )
                )
            report.new_face_ids.extend(store_faces(image.id, image.width, image.height, found))
            # Named regions from the photo's metadata move onto the faces found under them.
            match_metadata_faces(image.id)
        stages = done | todo
        state = ImageState.DONE if stages >= ALL_STAGES else ImageState.WAITING
        Image.update(analyzed_with=",".join(sorted(stages)), state=state, error=None).where(
            Image.id == image.id
        ).execute()
        report.analyzed += 1

    def notify_faces(self, report: IndexReport) -> None:
        """Hand the faces stored since the last call to people (assignment to known persons)."""
        if self.on_faces_added and report.new_face_ids:
            ids, report.new_face_ids = report.new_face_ids, []
            try:
                self.on_faces_added(ids)
            except OperationalError as exc:
                # Unassigned faces are not lost: the next re-cluster sees them (people.recluster).
                if (fatal := fatal_write_error(exc, self.db.database)) is not None:
                    raise fatal from exc
                log.exception("Assigning new faces to people failed")
            except Exception:
                log.exception("Assigning new faces to people failed")
