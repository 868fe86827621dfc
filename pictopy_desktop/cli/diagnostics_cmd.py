"""`pictopy diagnostics [--json]`: what a bug report needs (``pictopy_desktop.diagnostics``).

The models are loaded here to see which execution provider runs each; the library
database is not opened, so a damaged library still gets its report.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from pictopy_desktop.cli.common import print_json


def register(sub: Any) -> None:
    p = sub.add_parser(
        "diagnostics",
        help="versions, execution providers per model, folders and the last problems, for a bug report",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run)


def _loaded_analyzer() -> Any:
    """The configured models, loaded (their sessions say what runs them); None without ML."""
    from pictopy_desktop import paths
    from pictopy_desktop.ml.analyzer import ImageAnalyzer
    from pictopy_desktop.settings import load_settings

    settings = load_settings()
    analyzer = ImageAnalyzer.from_models_dir(
        paths.models_dir(),
        set_name=settings.model_set,
        model_files=settings.model_files or None,
        thresholds=settings.thresholds or None,
    )
    analyzer.load()
    return analyzer


def run(args: argparse.Namespace) -> int:
    from pictopy_desktop.diagnostics import as_text, collect

    report = collect(_loaded_analyzer())
    if args.json:
        print_json(report)
    else:
        sys.stdout.write(as_text(report))
    return 0
