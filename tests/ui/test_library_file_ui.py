"""The app and the library file: Repair / Quit on a damaged library at start, and the daily backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pictopy_desktop.errors import CorruptLibraryError
from pictopy_desktop.library.service import Library
from pictopy_desktop.storage import backup
from pictopy_desktop.storage.tables import Album, Person
from pictopy_desktop.ui.library_file import damaged_library_box, open_or_repair, start_daily_backups
from pictopy_desktop.ui.qt import QWidget
from tests.old_schemas import strip_v6
from tests.safety.library_rows import make_library
from tests.ui.conftest import screenshot


def test_quit_leaves_a_damaged_library_untouched(qtbot, tmp_path: Path, inline_pools) -> None:
    db_path = tmp_path / "data" / "library.sqlite3"
    db_path.parent.mkdir()
    db_path.write_bytes(b"")
    asked: list[CorruptLibraryError] = []

    def quit_(exc: CorruptLibraryError) -> bool:
        asked.append(exc)
        return False

    assert open_or_repair(lambda: Library(db_path.parent), db_path, ask=quit_) is None
    assert "pictopy repair" in str(asked[0])
    assert db_path.read_bytes() == b"" and sorted(p.name for p in db_path.parent.iterdir()) == [
        "library.sqlite3"
    ]


def test_repair_restores_the_latest_backup_and_opens(
    qtbot, tmp_path: Path, inline_pools, messages_log
) -> None:
    db_path = make_library(tmp_path / "data")
    backup.make_backup(db_path, "daily")
    db_path.write_bytes(b"not a database any more")

    library = open_or_repair(lambda: Library(db_path.parent), db_path, ask=lambda exc: True)
    assert library is not None
    try:
        assert Person.get(Person.name == "Bob").user_named and Album.get(Album.name == "Local")
    finally:
        library.close()
    assert any("Restored the backup" in m.text for m in messages_log.messages)
    (kept,) = [p for p in db_path.parent.iterdir() if ".damaged-" in p.name]
    assert kept.read_bytes() == b"not a database any more"


def test_the_daily_backup_runs_in_the_background_when_due(
    qtbot, tmp_path: Path, inline_pools, messages_log
) -> None:
    db_path = make_library(tmp_path / "data")
    parent = QWidget()
    qtbot.addWidget(parent)
    timer = start_daily_backups(parent, db_path)
    assert timer.isActive() and backup.list_backups(db_path) == []
    timer.timeout.emit()
    (made,) = backup.list_backups(db_path)
    assert made.reason == "daily"
    timer.timeout.emit()  # made today: not due again
    assert len(backup.list_backups(db_path)) == 1


def test_damaged_library_dialog_screenshot(qtbot) -> None:
    error = CorruptLibraryError(
        "The library database /home/ann/.local/share/PictoPy/library.sqlite3 is damaged (database disk image is "
        "malformed): run `pictopy repair` to restore the latest backup or rebuild it from what can still be read "
        "(your photos are not touched)."
    )
    box = damaged_library_box(error)
    qtbot.addWidget(box)
    assert sorted(b.text() for b in box.buttons()) == ["Quit", "Repair"]
    box.show()
    qtbot.waitExposed(box)
    screenshot(box, "damaged-library")


def test_repair_refuses_while_the_app_has_the_library_open(qtbot, tmp_path: Path, capsys) -> None:
    from pictopy_desktop.cli import main
    from pictopy_desktop.ui.single_instance import InstanceServer

    db_path = make_library(tmp_path / "data")
    damaged = b"not a database any more"
    db_path.write_bytes(damaged)
    parent = QWidget()
    qtbot.addWidget(parent)
    server = InstanceServer(db_path.parent, parent)  # what the running app listens on
    assert server.is_listening()
    assert main(["--data-dir", str(db_path.parent), "repair", "--yes"]) == 1
    err = capsys.readouterr().err
    assert "PictoPy is running on this library" in err and "\n" not in err.strip()
    assert db_path.read_bytes() == damaged


def _v5_library(data_dir: Path) -> Path:
    """A library written by the version before schema v6, with Bob and the album "Local"."""
    db_path = make_library(data_dir)
    con = sqlite3.connect(db_path)
    strip_v6(con)
    con.commit()
    con.close()
    return db_path


def test_an_older_library_is_upgraded_behind_a_window_that_says_so(
    qtbot, tmp_path: Path, inline_pools, messages_log, monkeypatch
) -> None:
    """The upgrade runs while a small window (not modal, titled) says so; then the library opens, current."""
    from pictopy_desktop.storage.database import needs_upgrade
    from pictopy_desktop.storage.migrations import LATEST_VERSION
    from pictopy_desktop.ui import library_file
    from pictopy_desktop.ui.qt import QApplication, QProgressDialog, Qt

    db_path = _v5_library(tmp_path / "data")
    assert needs_upgrade(db_path)
    on_screen: list[tuple[str, str, bool]] = []
    upgrade = library_file.upgrade_database

    def watched(path: Path) -> None:
        on_screen.extend(
            (w.windowTitle(), w.labelText(), w.windowModality() == Qt.WindowModality.NonModal)
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QProgressDialog) and w.isVisible()
        )
        upgrade(path)

    monkeypatch.setattr(library_file, "upgrade_database", watched)
    library = open_or_repair(lambda: Library(db_path.parent), db_path)
    assert library is not None
    try:
        assert on_screen == [(library_file.upgrading_title(), library_file.upgrading_text(), True)]
        assert on_screen[0][0].startswith("PictoPy")
        assert library.db.execute_sql("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert Person.get(Person.name == "Bob").user_named and Album.get(Album.name == "Local")
    finally:
        library.close()
    assert not needs_upgrade(db_path)
    assert [b.reason for b in backup.list_backups(db_path)] == [f"before-v{LATEST_VERSION}"]
    assert not [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QProgressDialog) and w.isVisible()
    ]


def test_a_current_library_opens_without_the_upgrade_window(
    qtbot, tmp_path: Path, inline_pools, monkeypatch
) -> None:
    from pictopy_desktop.ui import library_file

    db_path = make_library(tmp_path / "data")
    upgrades: list[Path] = []
    monkeypatch.setattr(library_file, "upgrade_database", upgrades.append)
    library = open_or_repair(lambda: Library(db_path.parent), db_path)
    assert library is not None
    library.close()
    assert upgrades == []
