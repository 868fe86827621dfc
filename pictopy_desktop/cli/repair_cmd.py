"""`pictopy backup` and `pictopy repair`: the library file itself.

`repair` checks the library with SQLite's integrity check; a damaged one is replaced by
the newest backup that passes the same check, or else rebuilt from every row that can
still be read. The damaged file is always kept beside it, renamed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pictopy_desktop import paths
from pictopy_desktop.cli.common import fail
from pictopy_desktop.errors import PictoPyError
from pictopy_desktop.storage import backup, repair
from pictopy_desktop.storage.data_files import refuse_odd_library_files
from pictopy_desktop.storage.library_lock import LibraryLock


def register(sub: argparse._SubParsersAction) -> None:
    b = sub.add_parser(
        "backup", help="back the library database up now (kept in the data dir's backups folder)"
    )
    b.set_defaults(handler=run_backup)
    r = sub.add_parser(
        "repair",
        help="check the library database; restore the latest good backup or rebuild a damaged one",
    )
    r.add_argument(
        "--yes", action="store_true", help="do it without asking (needed without a terminal)"
    )
    r.add_argument(
        "--rebuild",
        action="store_true",
        help="rebuild from the damaged file even when a good backup exists",
    )
    r.set_defaults(handler=run_repair)


def run_backup(args: argparse.Namespace) -> int:
    try:
        target = backup.make_backup(paths.database_path(), "manual")
    except PictoPyError as exc:
        return fail(str(exc))
    print(f"Backed the library up to {target} (the newest {backup.KEEP} backups are kept).")
    return 0


def _confirm(question: str, assume_yes: bool) -> bool | None:
    """True/False from the user; None when there is no one to ask (no terminal, no --yes)."""
    if assume_yes:
        return True
    if not sys.stdin.isatty():
        return None
    answer = input(f"{question} [y/N] ").strip().lower()
    return answer in ("y", "yes")


def run_repair(args: argparse.Namespace) -> int:
    db_path = paths.database_path()
    if not db_path.exists():
        print(f"There is no library at {db_path} yet; nothing to repair.")
        return 0
    try:
        # A pipe where the library or its lock belongs would hang the check: refused first.
        refuse_odd_library_files(db_path)
    except PictoPyError as exc:
        return fail(str(exc))
    if _app_running(db_path.parent):
        # Its open connection would go on writing into the file moved aside: edits lost.
        return fail(
            "PictoPy is running on this library: close it, then run `pictopy repair` again (nothing was changed)."
        )
    try:
        with LibraryLock(db_path.parent / "library.lock"):
            return _repair(db_path, args)
    except PictoPyError as exc:
        return fail(str(exc))


def _app_running(data_dir: Path) -> bool:
    """True when the app has this library open (its single-instance socket answers)."""
    try:
        from pictopy_desktop.ui.qt import QLocalSocket
        from pictopy_desktop.ui.single_instance import server_name
    except ImportError:  # no Qt here: then no app either
        return False
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    running = socket.waitForConnected(500)
    socket.abort()
    return running


def _repair(db_path: Path, args: argparse.Namespace) -> int:
    diagnosis = repair.diagnose(db_path)
    if diagnosis.ok:
        print(f"The library {db_path} passed SQLite's integrity check; nothing to repair.")
        return 0
    more = (
        f" (and {len(diagnosis.problems) - 3} more findings)" if len(diagnosis.problems) > 3 else ""
    )
    print(f"The library {db_path} is damaged: {'; '.join(diagnosis.problems[:3])}{more}.")
    good, bad = (None, []) if args.rebuild else repair.newest_good_backup(db_path)
    for b in bad:
        print(f"  backup {b.path.name} is damaged too; skipped.")
    if good is not None:
        plan = f"restore the backup made {good.made_at:%Y-%m-%d %H:%M} ({good.path.name}); changes made after it are not in it"
    else:
        plan = "rebuild the library from every row that can still be read" + (
            "" if args.rebuild else " (there is no good backup)"
        )
    answer = _confirm(
        f"{plan[0].upper()}{plan[1:]}; the damaged file is kept beside it. Go ahead?", args.yes
    )
    if answer is None:
        return fail(
            f"Nothing was changed: run `pictopy repair --yes` to {plan} (the damaged file is kept beside it)."
        )
    if not answer:
        print("Nothing was changed.")
        return 1
    if good is not None:
        aside = repair.restore_backup(diagnosis, good)
        print(
            f"Restored the backup of {good.made_at:%Y-%m-%d %H:%M}; the damaged file is kept as {aside}."
        )
        print("Run `pictopy index` to pick up photos added since that backup.")
        return 0
    report = repair.rebuild(diagnosis)
    kept, lost = sum(report.kept.values()), sum(report.lost.values())
    print(
        f"Rebuilt the library: {kept} rows kept, {lost} could not be read; the damaged file is kept as {report.damaged_path}."
    )
    for table in report.unreadable_tables:
        print(f"  the {table} table could not be read at all")
    print(
        "Run `pictopy index` to re-scan your folders: photos whose rows were lost come back from the files."
    )
    return 0
