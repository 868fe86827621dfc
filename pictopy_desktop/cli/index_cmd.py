"""`pictopy index PATH...` and `pictopy analyze`.

`index` runs both phases (``library.indexer``): it says in one line when every photo is
browsable, then finds people and things with a progress bar of its own.
`--no-analysis` stops after phase one; `analyze` (or `index --analysis-only`) runs phase
two alone.
"""

from __future__ import annotations

import argparse
import sys
import time
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
from pictopy_desktop.library.read_model import folder_paths


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
    phases = p.add_mutually_exclusive_group()
    phases.add_argument(
        "--no-analysis",
        action="store_true",
        help="stop once the photos are browsable; find people and things later (`pictopy analyze`)",
    )
    phases.add_argument(
        "--analysis-only",
        action="store_true",
        help="only find people and things in photos waiting for it (like `pictopy analyze`)",
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
        "analyze",
        help="find people and things in photos waiting for analysis, without rescanning folders",
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


ANALYSING = "Finding people and things"


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
        left = f"{tracker.left} left for next time"
        if verb == "indexed" and isinstance(tracker.inner, ProgressBar):
            if tracker.inner.label == ANALYSING:  # stopped in phase two: every photo is in
                left = f"{report.analyzed} analysed, {tracker.left} wait for analysis next time"
        print(f"Stopped: {getattr(report, verb)} {verb}, {left}.", file=sys.stderr)
        return EXIT_INTERRUPTED
    return 0


def _say_browsable(args: argparse.Namespace, tracker: ProgressTracker, started: float):
    """Phase one's end: one line saying the photos can be browsed, then phase two's own bar."""

    def browsable(report: IndexReport) -> None:
        seconds = time.monotonic() - started
        new = plural(report.indexed, "new or changed photo")
        # Under --json the line goes to stderr, so stdout stays one JSON document.
        out = sys.stderr if args.json else sys.stdout
        print(f"Browsable after {seconds:.1f} s ({new}).", file=out, flush=True)
        if not args.no_analysis:
            tracker.inner = ProgressBar(ANALYSING)
            tracker.done = tracker.total = 0

    return browsable


def run_index(args: argparse.Namespace) -> int:
    if args.analysis_only:
        if args.paths:
            return fail("--analysis-only rescans no folder: give no PATH (or use `pictopy index`)")
        return run_analyze(args)
    tracker = ProgressTracker(ProgressBar("Indexing"))
    try:
        with StopOnCtrlC() as ctrl_c, open_library() as lib:
            paths = args.paths or [Path(f) for f in folder_paths()]
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
                analysis=not args.no_analysis,
                on_browsable=_say_browsable(args, tracker, time.monotonic()),
            )
    except PictoPyError as exc:
        return fail(str(exc))
    return _finish(args, report, ctrl_c, tracker, "indexed")


def run_analyze(args: argparse.Namespace) -> int:
    tracker = ProgressTracker(ProgressBar(ANALYSING))
    try:
        with StopOnCtrlC() as ctrl_c, open_library() as lib:
            report = lib.analyze_waiting(progress=tracker, should_stop=ctrl_c.should_stop)
            analyzer = lib.analyzer()
            if analyzer is not None:
                report.messages.extend(analyzer.problems)
    except PictoPyError as exc:
        return fail(str(exc))
    return _finish(args, report, ctrl_c, tracker, "analyzed")
