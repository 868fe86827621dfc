"""The library service: one open library (database, thumbnails, models) and its operations.

The CLI and the GUI's workers both drive a ``Library``; neither talks to the
indexer or the database setup directly.

Opening a library imports no image or ML library (numpy, OpenCV, Pillow): the app opens
one before its first paint, which shows thumbnails Qt decodes. The indexer and the
analyzers are imported when a run makes them (``make_indexer``), on a worker.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peewee import OperationalError

from pictopy_desktop import paths
from pictopy_desktop.library.fatal_write import fatal_write_error
from pictopy_desktop.library.index_report import IndexReport, ProgressFn, StopFn
from pictopy_desktop.settings import Settings, load_settings
from pictopy_desktop.storage.database import open_database
from pictopy_desktop.storage.library_lock import LibraryLock

if TYPE_CHECKING:
    from pictopy_desktop.library.indexer import Indexer
    from pictopy_desktop.library.photo_analysis import AnalyzerPool

log = logging.getLogger(__name__)


def _usable_cpus() -> int | None:
    """CPUs this process may run on (its affinity), where the platform says."""
    counter = getattr(os, "process_cpu_count", None) or os.cpu_count
    return counter()


class Library:
    """An open library: in ``data_dir`` with everything inside it, else in this process's
    folders (``paths.folders()``: the platform's, or the one ``--data-dir`` chose)."""

    def __init__(self, data_dir: Path | None = None) -> None:
        self.folders = paths.folders() if data_dir is None else paths.Folders.all_in(data_dir)
        self.data_dir = paths.data_dir() if data_dir is None else data_dir
        self.db = open_database(self.data_dir / "library.sqlite3")
        self.thumbnails_dir = self.folders.thumbnails
        paths.tag_as_cache(self.thumbnails_dir)  # never indexed as photos, by any library
        self.settings_path = self.folders.settings
        for folder, what in (
            (self.folders.cache, "cache folder"),
            (self.folders.config, "config folder"),
        ):
            paths.ensure_folder(folder, what)
        self.settings: Settings = load_settings(self.settings_path)
        self._analyzer: Any = None
        self._analyzer_loaded = False
        self._analyzer_lock = threading.Lock()
        self._analyzer_pool: AnalyzerPool | None = None

    @property
    def models_dir(self) -> Path:
        return paths.models_dir()

    def analyzer(self) -> Any:
        """The ML analyzer for the configured models (loaded once, thread-safe); None if ML is unavailable."""
        with self._analyzer_lock:
            if not self._analyzer_loaded:
                self._analyzer = self._load_analyzer()
                self._analyzer_loaded = True
            return self._analyzer

    def loaded_analyzer(self) -> Any:
        """The analyzer if it was made already (its live sessions say what runs each model);
        None otherwise. Never loads anything: the settings window asks from the GUI thread."""
        with self._analyzer_lock:
            return self._analyzer if self._analyzer_loaded else None

    def reset_analyzer(self) -> None:
        """Look for models again on next use (after a download, or a new models folder)."""
        with self._analyzer_lock:
            self._analyzer = None
            self._analyzer_loaded = False
            self._analyzer_pool = None
            self.settings = load_settings(self.settings_path)

    def _load_analyzer(self) -> Any:
        try:
            from pictopy_desktop.ml.analyzer import ImageAnalyzer
            from pictopy_desktop.ml.model_manager import HashCache
        except ImportError as exc:  # a broken ML install must not stop browsing
            log.warning("ML pipeline unavailable: %s", exc)
            return None
        analyzer = ImageAnalyzer.from_models_dir(
            self.models_dir,
            set_name=self.settings.model_set,
            model_files=self.settings.model_files or None,
            thresholds=self.settings.thresholds or None,
            hash_cache=HashCache(self.data_dir / "model-hashes.json"),
        )
        if not (analyzer.has_objects or analyzer.has_faces):
            log.info("No usable models in %s", self.models_dir)
        return analyzer

    def make_indexer(self, **kwargs: Any) -> Indexer:
        """An indexer on this library with its analyzers (imports the image and ML stack)."""
        from pictopy_desktop.library.indexer import Indexer
        from pictopy_desktop.library.memory_budget import available_memory, decode_workers

        analyzer = self.analyzer()
        if "workers" not in kwargs:
            kwargs["workers"] = decode_workers(_usable_cpus(), available_memory())
            log.debug("Indexing with %d decode workers", kwargs["workers"])
        kwargs.setdefault("keep_missing_days", self.settings.keep_missing_days)
        kwargs.setdefault("five_stars_favourite", self.settings.five_stars_favourite)
        if analyzer is not None and (analyzer.has_objects or analyzer.has_faces):
            kwargs.setdefault("analyzer_pool", self._worker_analyzers(analyzer))
        return Indexer(
            self.db,
            self.thumbnails_dir,
            analyzer=analyzer,
            on_faces_added=self._faces_added_hook(),
            **kwargs,
        )

    def _worker_analyzers(self, analyzer: Any) -> AnalyzerPool:
        """One single-threaded analyzer per decode worker, kept for the library's life."""
        from pictopy_desktop.library.photo_analysis import AnalyzerPool

        with self._analyzer_lock:
            if self._analyzer_pool is None:
                self._analyzer_pool = AnalyzerPool(lambda: analyzer.clone(intra_op_threads=1))
            return self._analyzer_pool

    def _faces_added_hook(self):
        """People assignment for new faces, when the people module is present."""
        try:
            from pictopy_desktop.people.face_assignment import assign_new_faces
        except ImportError:
            return None
        return lambda face_ids: assign_new_faces(self, face_ids)

    @contextlib.contextmanager
    def _people_index_warmed(self, indexer: Indexer | None) -> Iterator[None]:
        """Where ``indexer`` will find faces, read the assigned ones while it makes photos browsable.

        The first new faces are put with their people against every assigned face: at
        300,000 faces reading them takes seconds, done on a thread of its own
        (``face_assignment.warm_index``) instead of after the first photos analysed. The
        thread ends before the block does.
        """
        analyzer = indexer.analyzer if indexer is not None else None
        thread = None
        if analyzer is not None and getattr(analyzer, "has_faces", False):
            from pictopy_desktop.people.face_assignment import warm_index

            thread = threading.Thread(
                target=warm_index, args=(self,), name="people-index", daemon=True
            )
            thread.start()
        try:
            yield
        finally:
            if thread is not None:
                thread.join()

    def write_lock(self, wait_s: float = 0.0) -> LibraryLock:
        lock = LibraryLock(self.data_dir / "library.lock")
        lock.acquire(wait_s)
        return lock

    def index(
        self,
        roots: Sequence[Path],
        progress: ProgressFn | None = None,
        should_stop: StopFn | None = None,
        wait_for_lock_s: float = 0.0,
        retry_failed: bool = False,
        analysis: bool = True,
        on_browsable: Callable[[IndexReport], None] | None = None,
    ) -> IndexReport:
        """Add and index ``roots``, holding the library's write lock (``retry_failed``: every failed file again).

        Every photo is browsable when ``on_browsable`` is called; then, unless ``analysis``
        is False, the models run on what waits for them (``Indexer.index``).
        """
        with self.write_lock(wait_for_lock_s):
            self._daily_backup()
            indexer = self.make_indexer()
            with self._people_index_warmed(indexer if analysis else None):
                report = indexer.index(
                    roots,
                    progress,
                    should_stop,
                    retry_failed=retry_failed,
                    analysis=analysis,
                    on_browsable=on_browsable,
                )
            if analysis:
                self._after_analysis()
            return report

    def waiting_for_analysis(self) -> int:
        """How many present photos wait for a stage the available models can run."""
        analyzer = self.analyzer()
        if analyzer is None:
            return 0
        return len(self.make_indexer(workers=1).analysis.pending())

    def _daily_backup(self) -> None:
        """The daily backup for those who index from the command line (the app also keeps one while it runs)."""
        from pictopy_desktop.storage.backup import backup_if_due
        from pictopy_desktop.storage.tables import Image

        if not Image.select().exists():  # an empty library has nothing to lose
            return
        try:
            backup_if_due(self.data_dir / "library.sqlite3")
        except Exception as exc:  # a backup that can't be made must not stop indexing
            log.warning("Could not back up the library before indexing: %s", exc)

    def analyze_waiting(
        self, progress: ProgressFn | None = None, should_stop: StopFn | None = None
    ) -> IndexReport:
        with self.write_lock():
            indexer = self.make_indexer()
            with self._people_index_warmed(indexer):
                report = indexer.analyze_waiting(progress, should_stop)
            self._after_analysis()
            return report

    def _after_analysis(self) -> None:
        """Let the people module re-cluster if enough new photos came in (it debounces).

        A full disk or a read-only library stops the run with the same sentence as indexing
        and analysis (``fatal_write``); any other trouble is logged and the run goes on.
        """
        try:
            from pictopy_desktop.people.recluster import maybe_recluster
        except ImportError:
            return
        try:
            maybe_recluster(self)
        except OperationalError as exc:
            if (fatal := fatal_write_error(exc, self.db.database)) is not None:
                raise fatal from exc
            log.exception("Re-clustering after indexing failed")
        except Exception:  # people upkeep must never cost the indexing run
            log.exception("Re-clustering after indexing failed")

    def close(self) -> None:
        # The library stays among the files never opened outside SQLite (data_files.py):
        # workers' connections may outlive this one, and their locks with them.
        if not self.db.is_closed():
            self.db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
