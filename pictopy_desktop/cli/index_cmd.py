"""`pictopy index PATH...` and `pictopy analyze`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pictopy_desktop.cli.common import (
    EXIT_INTERRUPTED,
    ProgressBar,
    ProgressTracker,
    StopOnCtrlC,
    fail,
    open_library,
    plural,
    print_json,
)
from pictopy_desktop.errors import PictoPyError
from pictopy_desktop.library.indexer import IndexReport
from pictopy_desktop.storage.tables import LibraryFolder


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "index",
        help="add folders (or photos) to the library and index them",
        description="Add folders (or photos) to the library and index them; without a PATH, re-check every library folder.",
    )
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument(
        "--retry-failed",
        action="store_true",
        help="try again every file that could not be read before, even if it has not changed",
    )
    p.add_argument(
        "--wait",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="wait this long for another PictoPy to finish",
    )
    p.set_defaults(handler=run_index)
    a = sub.add_parser(
        "analyze", help="analyse photos that wait for models, without rescanning folders"
    )
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_analyze)


def print_report(report: IndexReport, stream=None) -> None:
    """The end-of-run summary: indexed / skipped / failed with reasons."""
    w = (stream or sys.stdout).write
    special = (
        f", {plural(len(report.skipped_files), 'not a regular file or link out', 'not regular files or links out')}"
        if report.skipped_files
        else ""
    )
    w(
        f"Indexed {report.indexed}, skipped {report.skipped} "
        f"({report.unchanged} unchanged, {plural(report.non_images, 'not an image', 'not images')}{special}), failed {len(report.failed)}"
    )
    extras = [
        f"{n} {label}"
        for n, label in (
            (report.moved, "moved"),
            (report.removed, "removed"),
            (report.analyzed, "analysed"),
        )
        if n
    ]
    w(f"; {', '.join(extras)}.\n" if extras else ".\n")
    if report.waiting_for_models:
        n = report.waiting_for_models
        w(f"{plural(n, 'photo')} {'waits' if n == 1 else 'wait'} for analysis.\n")
    if report.thumbnails_rebuilt:
        w(f"Made {plural(report.thumbnails_rebuilt, 'missing thumbnail')} again.\n")
    for message in report.messages:
        w(f"Note: {message}\n")
    if report.skipped_files:
        w("Not read:\n")
        for path, reason in report.skipped_files:
            w(f"  {path}: {reason}\n")
    if report.failed:
        w("Could not read:\n")
        for path, reason in report.failed:
            w(f"  {path}: {reason}\n")
    if report.cancelled:
        w("Stopped before the end; run the same command again to continue.\n")


def _finish(
    args: argparse.Namespace,
    report: IndexReport,
    ctrl_c: StopOnCtrlC,
    tracker: ProgressTracker,
    verb: str,
) -> int:
    """Print the report; after Ctrl+C also the one-line summary on stderr, and exit 130."""
    if args.json:
        print_json(report.to_dict())
    else:
        print_report(report)
    if ctrl_c.pressed and report.cancelled:
        sys.stdout.flush()
        print(
            f"Stopped: {getattr(report, verb)} {verb}, {tracker.left} left for next time.",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    return 0


def run_index(args: argparse.Namespace) -> int:
    tracker = ProgressTracker(ProgressBar("Indexing"))
    try:
        with StopOnCtrlC() as ctrl_c, open_library() as lib:
            paths = args.paths or [Path(f.path) for f in LibraryFolder.select()]
            if not paths:
                return fail(
                    "the library has no folders yet: give a folder to index, e.g. `pictopy index ~/Pictures`"
                )
            report = lib.index(
                paths,
                progress=tracker,
                should_stop=ctrl_c.should_stop,
                wait_for_lock_s=args.wait,
                retry_failed=args.retry_failed,
            )
    except PictoPyError as exc:
        return fail(str(exc))
    return _finish(args, report, ctrl_c, tracker, "indexed")


def run_analyze(args: argparse.Namespace) -> int:
    tracker = ProgressTracker(ProgressBar("Analysing"))
    try:
        with StopOnCtrlC() as ctrl_c, open_library() as lib:
            report = lib.analyze_waiting(progress=tracker, should_stop=ctrl_c.should_stop)
            analyzer = lib.analyzer()
            if analyzer is not None:
                report.messages.extend(analyzer.problems)
    except PictoPyError as exc:
        return fail(str(exc))
    return _finish(args, report, ctrl_c, tracker, "analyzed")
