"""`pictopy models` (state of each model of the selected set) and `pictopy models download`."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

from pictopy_desktop import paths
from pictopy_desktop.cli.common import fail


def register(sub: Any) -> None:
    p = sub.add_parser(
        "models", help="show the ML models and their state; `models download` fetches missing ones"
    )
    p.add_argument(
        "action",
        nargs="?",
        choices=["list", "download"],
        default="list",
        help="list (default) or download",
    )
    p.add_argument(
        "--set",
        dest="model_set",
        metavar="NAME",
        help="model set (default: the `model_set` setting)",
    )
    p.add_argument("--json", action="store_true", help="print the list as JSON")
    p.set_defaults(handler=run)


def _hash_cache() -> Any:
    from pictopy_desktop.ml.model_manager import HashCache

    return HashCache(paths.data_dir() / "model-hashes.json")


def run(args: argparse.Namespace) -> int:
    """A ``ModelError`` (a ``PictoPyError``) ends as one sentence and exit 1 in ``run_guarded``."""
    from pictopy_desktop.settings import load_settings

    set_name = args.model_set or load_settings().model_set
    models_dir = paths.models_dir()
    if args.action == "download":
        return _download(models_dir, set_name)
    return _list(models_dir, set_name, as_json=args.json)


def _list(models_dir: Any, set_name: str, *, as_json: bool) -> int:
    from pictopy_desktop.ml.model_manager import ModelState, check_models

    statuses = check_models(models_dir, set_name, hash_cache=_hash_cache(), io_check=True)
    if as_json:
        rows = [
            {
                "id": s.spec.id,
                "role": s.spec.role,
                "family": s.spec.family,
                "file": str(s.path),
                "state": s.state.value,
                "detail": s.detail,
                "size_bytes": s.spec.size_bytes,
                "url": s.spec.url,
                "licence": s.spec.licence,
            }
            for s in statuses
        ]
        print(
            json.dumps({"models_dir": str(models_dir), "set": set_name, "models": rows}, indent=2)
        )
    else:
        print(f"Model set {set_name!r} in {models_dir}")
        for s in statuses:
            line = f"  {s.spec.role:<16} {s.spec.id:<16} {s.state.value:<9} {s.spec.file}"
            print(
                line + (f"  ({s.detail})" if s.detail and s.state is not ModelState.MISSING else "")
            )
        if any(s.state in (ModelState.MISSING, ModelState.WRONG) for s in statuses):
            print(
                "Run `pictopy models download` to fetch missing or wrong models, or set PICTOPY_MODELS_DIR."
            )
    return 0 if all(s.state is ModelState.VERIFIED for s in statuses) else 1


def _download(models_dir: Any, set_name: str) -> int:
    from pictopy_desktop.ml.model_manager import DownloadError, download_missing

    last = [0.0]

    def progress(model_id: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] < 0.2 and done != total:
            return
        last[0] = now
        size = f"{done / 1e6:.1f}/{total / 1e6:.1f} MB" if total else f"{done / 1e6:.1f} MB"
        pct = f" {100 * done // total:3d}%" if total else ""
        print(f"\r{model_id:<16} {size}{pct}", end="", file=sys.stderr, flush=True)

    try:
        fetched = download_missing(models_dir, set_name, progress, hash_cache=_hash_cache())
    except DownloadError as exc:
        print(file=sys.stderr)
        return fail(str(exc))
    if fetched:
        print(file=sys.stderr)
        print(f"Downloaded {len(fetched)} model(s) into {models_dir}.")
    else:
        print(f"All models of set {set_name!r} are already in {models_dir}.")
    return 0
