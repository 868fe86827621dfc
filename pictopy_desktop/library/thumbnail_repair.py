"""Thumbnails that could not be written while indexing, or all of them after the cache was deleted.

The cache is disposable (``library.thumbnails``): at the end of a scan the missing ones are
made again from their photos on the decode workers, and photos indexed while the cache was
unwritable get their thumbnail.
"""

from __future__ import annotations

from pathlib import Path

from peewee import SqliteDatabase

from pictopy_desktop.library.index_report import IndexReport, ProgressFn, StopFn
from pictopy_desktop.library.read_ahead import read_ahead
from pictopy_desktop.library.thumbnails import (
    cache_write_problem,
    rebuild_thumbnail,
    thumbnails_to_rebuild,
)
from pictopy_desktop.storage.tables import Image


def note_cache_unwritable(report: IndexReport, thumbnails_dir: Path, exc: OSError) -> None:
    """Say once per run that the thumbnail cache can't be written, and that nothing else suffers."""
    start = f"Thumbnails could not be written to {thumbnails_dir}"
    if not any(m.startswith(start) for m in report.messages):
        report.messages.append(
            f"{start} ({exc.strerror or exc}); the photos are indexed and their thumbnails are made when next needed."
        )


def _rebuild_one(thumbnails_dir: Path, rel: str, sources: list[str]) -> str | None:
    """Worker thread: one thumbnail made again; the problem in words, or None."""
    try:
        rebuild_thumbnail(thumbnails_dir, rel, sources)
    except OSError as exc:
        return str(exc)
    if not (thumbnails_dir / rel).exists():
        return f"the thumbnail cache {thumbnails_dir} cannot be written"
    return None


def rebuild_missing_thumbnails(
    db: SqliteDatabase,
    thumbnails_dir: Path,
    report: IndexReport,
    progress: ProgressFn,
    should_stop: StopFn,
    workers: int,
    prefetch: int,
) -> None:
    """Make the thumbnails that could not be written before, or all of them when the cache was deleted."""
    missing = thumbnails_to_rebuild(thumbnails_dir)
    if not missing or should_stop():
        return
    problem = cache_write_problem(thumbnails_dir)
    if problem is not None:  # decoding every photo only to fail writing helps nobody
        note_cache_unwritable(report, thumbnails_dir, problem)
        return
    total, failures = len(missing), []
    progress(0, total, "")
    jobs = read_ahead(
        missing.items(),
        lambda item: _rebuild_one(thumbnails_dir, *item),
        should_stop,
        workers,
        prefetch,
    )
    for done, ((rel, _), problem) in enumerate(jobs, start=1):
        if problem is None:
            # Photos indexed while the cache was unwritable get their thumbnail.
            with db.atomic():
                Image.update(thumbnail=rel).where(
                    (Image.content_hash == Path(rel).stem) & Image.thumbnail.is_null()
                ).execute()
            report.thumbnails_rebuilt += 1
        else:
            failures.append(problem)
        progress(done, total, rel)
    if failures:
        report.messages.append(
            f"{len(failures)} thumbnails could not be made again, e.g. {failures[0]}"
        )
