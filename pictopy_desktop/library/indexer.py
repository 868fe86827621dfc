"""Indexing: bring the library up to date with folders on disk, in two phases.

Phase one makes every photo browsable: ``scan_plan`` finds what changed on disk,
``photo_store`` hashes, reads EXIF, decodes small and thumbnails each new or changed file
on the decode workers and commits them in batches, ``ImageState.WAITING``. Phase two,
``analysis_queue``, then runs the models on the waiting photos. A run that stops between
or during the phases keeps what it committed; the next one scans again (unchanged files
cost one stat) and analyses what still waits. ``Indexer`` only puts the steps in order.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from peewee import SqliteDatabase

from pictopy_desktop.library.analysis_queue import AnalysisQueue
from pictopy_desktop.library.image_decode import ANALYSIS_MAX_SIDE, content_hash
from pictopy_desktop.library.index_report import IndexReport, ProgressFn, StopFn
from pictopy_desktop.library.media_decode import decode_media
from pictopy_desktop.library.metadata.store import reread_file_metadata
from pictopy_desktop.library.photo_analysis import (
    ALL_STAGES,
    STAGE_FACES,
    STAGE_OBJECTS,
    Analyzer,
    AnalyzerPool,
    analyzer_stages,
    face_sharpness,
    run_analysis,
    stages_of,
)
from pictopy_desktop.library.photo_store import (
    DISPLACED_PREFIX,
    PERMISSION_DENIED,
    PhotoStore,
    displaced_path,
    remove_images,
    shown_path,
)
from pictopy_desktop.library.raw_pairs import record_companions
from pictopy_desktop.library.read_ahead import read_ahead
from pictopy_desktop.library.scan_plan import ScanPlanner
from pictopy_desktop.library.thumbnail_repair import rebuild_missing_thumbnails
from pictopy_desktop.storage.tables import Image, ImageState

__all__ = [
    "ALL_STAGES",
    "DISPLACED_PREFIX",
    "PERMISSION_DENIED",
    "STAGE_FACES",
    "STAGE_OBJECTS",
    "Analyzer",
    "AnalyzerPool",
    "IndexReport",
    "Indexer",
    "ProgressFn",
    "StopFn",
    "analyzer_stages",
    "content_hash",
    "decode_media",
    "displaced_path",
    "face_sharpness",
    "remove_images",
    "run_analysis",
    "shown_path",
    "stages_of",
]

# Phase one commits this many photos per transaction (or what came in this many seconds):
# the grid fills in steps a user can see, and a kill loses at most one batch, read again
# by the next run.
BROWSABLE_BATCH_PHOTOS = 32
BROWSABLE_BATCH_SECONDS = 0.5

NO_MODELS = (
    "No models found: photos are indexed and browsable, and wait for analysis. "
    "Run `pictopy models download` (or set PICTOPY_MODELS_DIR) to find tags and faces."
)


class Indexer:
    """Scans folders into the library (phase one) and analyses what waits (phase two)."""

    def __init__(
        self,
        db: SqliteDatabase,
        thumbnails_dir: Path,
        analyzer: Analyzer | None = None,
        on_faces_added: Callable[[list[int]], None] | None = None,
        workers: int = 2,
        prefetch: int | None = None,
        analyzer_pool: AnalyzerPool | None = None,
        keep_missing_days: int = 30,
        analysis_behind: bool = True,
        five_stars_favourite: bool = True,
    ) -> None:
        self.db = db
        self.five_stars_favourite = five_stars_favourite
        self.thumbnails_dir = thumbnails_dir
        self.analyzer = analyzer
        self.workers = max(1, workers)
        # Finished photos wait in the read-ahead queue holding only their small pixels
        # (a few MB), so two a worker keeps every worker busy behind a slow photo.
        self.prefetch = max(1, prefetch if prefetch is not None else 2 * self.workers)
        # False: the order before two phases (each photo analysed before it is stored),
        # kept so benchmarks can compare the two in one run.
        self.analysis_behind = analysis_behind
        self.planner = ScanPlanner(db, thumbnails_dir, keep_missing_days)
        self.analysis = AnalysisQueue(
            db,
            analyzer,
            functools.partial(decode_media, max_side=ANALYSIS_MAX_SIDE),
            self.workers,
            self.prefetch,
            analyzer_pool,
            on_faces_added,
        )

    def index(
        self,
        roots: Sequence[Path],
        progress: ProgressFn | None = None,
        should_stop: StopFn | None = None,
        retry_failed: bool = False,
        analysis: bool = True,
        on_browsable: Callable[[IndexReport], None] | None = None,
    ) -> IndexReport:
        """Add ``roots`` (folders or single photos) and bring the library up to date with them.

        Phase one reports ``progress`` per committed batch and then calls ``on_browsable``
        (every photo found is in the library); phase two, unless ``analysis`` is False,
        reports its own progress from 0. Files that failed before are tried again when they
        changed (size, mtime or ctime), when the failure was a permission error, and all of
        them with ``retry_failed``.
        """
        report = IndexReport()
        progress = progress or (lambda done, total, current: None)
        should_stop = should_stop or (lambda: False)
        if self.analyzer is not None:
            report.messages.extend(self.analyzer.problems)
        else:
            report.messages.append(NO_MODELS)
        plan = self.planner.plan(roots, report, retry_failed)
        reread_file_metadata(self.db, plan.metadata_to_reread, report, self.five_stars_favourite)
        self._store_all(plan.to_process, report, progress, should_stop)
        record_companions(
            plan.raw_pairs,
            plan.raw_stamps,
            [s.root for s in plan.scanned_roots],
            plan.other_folders,
        )
        if should_stop():
            report.cancelled = True
            return report
        self.planner.settle(plan, report)
        rebuild_missing_thumbnails(
            self.db,
            self.thumbnails_dir,
            report,
            progress,
            should_stop,
            self.workers,
            self.prefetch,
        )
        self.planner.mark_scanned(plan)
        if on_browsable is not None:
            on_browsable(report)
        if analysis:
            return self.analyze_waiting(progress, should_stop, report)
        report.waiting_for_models = Image.select().where(Image.state == ImageState.WAITING).count()
        return report

    def analyze_waiting(
        self,
        progress: ProgressFn | None = None,
        should_stop: StopFn | None = None,
        report: IndexReport | None = None,
    ) -> IndexReport:
        """Phase two: analyse every photo that waits for the available models, without rescanning."""
        return self.analysis.run(progress, should_stop, report)

    def _photo_store(self) -> PhotoStore:
        """Phase one's reader, made per run: ``decode_media`` and ``content_hash`` are looked up now
        (tests put failing ones in their place)."""
        if self.analysis_behind:
            return PhotoStore(
                self.db,
                self.thumbnails_dir,
                decode_media,
                content_hash,
                five_stars_favourite=self.five_stars_favourite,
            )
        return PhotoStore(
            self.db,
            self.thumbnails_dir,
            functools.partial(decode_media, max_side=ANALYSIS_MAX_SIDE),
            content_hash,
            analysis=self.analysis,
            five_stars_favourite=self.five_stars_favourite,
        )

    def _store_all(
        self,
        to_process: list,
        report: IndexReport,
        progress: ProgressFn,
        should_stop: StopFn,
    ) -> None:
        """Read the files on the decode workers and commit them in batches, in order."""
        store = self._photo_store()
        # Analysed photos hold their analysis-size pixels until committed: one at a time.
        size = BROWSABLE_BATCH_PHOTOS if store.analysis is None else 1
        total, done = len(to_process), 0
        progress(0, total, "")
        batch: list = []
        started = time.monotonic()
        # Workers read a whole batch ahead while the writer commits one: they would wait
        # otherwise. Phase one's results hold no pixels (PhotoStore), so this costs little.
        prefetch = self.prefetch if store.analysis is not None else size + self.prefetch
        jobs = read_ahead(
            to_process,
            lambda item: store.prepare(item[0], item[2]),
            should_stop,
            self.workers,
            prefetch,
        )
        for (_, folder, _row), prepared in jobs:
            if not batch:
                started = time.monotonic()
            batch.append((prepared, folder))
            if len(batch) >= size or time.monotonic() - started >= BROWSABLE_BATCH_SECONDS:
                store.store_batch(batch, report)
                done += len(batch)
                progress(done, total, str(prepared.path))
                batch = []
        if batch:
            store.store_batch(batch, report)
            done += len(batch)
            progress(done, total, str(batch[-1][0].path))
