"""Expected errors map to one sentence with what to do; the app's notification keeps the traceback as details."""

from __future__ import annotations

import errno
import os
import sqlite3

import peewee
import pytest

from pictopy_desktop.errors import PictoPyError
from pictopy_desktop.user_errors import DISK_FULL, LIBRARY_BUSY, explain


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (errno.ENOSPC, "The disk holding /photos/a.jpg is full: free some space and try again."),
        (
            errno.EACCES,
            "Permission denied on /photos/a.jpg: give your user access to it, or choose another location.",
        ),
        (errno.EPERM, "Permission denied on /photos/a.jpg"),
        (errno.EROFS, "/photos/a.jpg is on a read-only disk"),
        (errno.ENOTDIR, "/photos/a.jpg is not a folder"),
        (errno.EISDIR, "/photos/a.jpg is a folder where PictoPy needs a file"),
        (errno.ENOENT, "/photos/a.jpg does not exist"),
        (errno.EIO, "input/output error"),
    ],
)
def test_os_errors_by_errno(code: int, expected: str) -> None:
    text = explain(OSError(code, os.strerror(code), "/photos/a.jpg"))
    assert text is not None and expected in text
    assert "\n" not in text and text.endswith(".")


def test_database_errors() -> None:
    assert explain(sqlite3.OperationalError("database is locked")) == LIBRARY_BUSY
    assert explain(peewee.OperationalError("database is locked")) == LIBRARY_BUSY
    assert explain(peewee.OperationalError("database or disk is full")) == DISK_FULL.format(
        where=" holding the library"
    )
    assert "read-only" in explain(sqlite3.OperationalError("attempt to write a readonly database"))
    assert (
        explain(peewee.IntegrityError("UNIQUE constraint failed: album.name")) is None
    )  # a bug, not the user's


def test_own_and_unexpected_errors() -> None:
    assert explain(PictoPyError("There is no person with id 9.")) == "There is no person with id 9."
    assert explain(RuntimeError("boom")) is None
    assert explain(KeyError("x")) is None


def test_notification_text_and_details(qapp) -> None:
    from pictopy_desktop.ui import messages

    try:
        raise OSError(errno.ENOSPC, "No space left on device", "/data/thumbnails/ab.jpg")
    except OSError as exc:
        text, details = messages.describe(exc)
    assert (
        text == "The disk holding /data/thumbnails/ab.jpg is full: free some space and try again."
    )
    assert "Traceback" in details and "No space left on device" in details
    text, _ = messages.describe(ValueError("odd"))
    assert text == "Something went wrong: ValueError: odd"


def test_app_start_on_a_data_dir_that_is_a_file(qapp, tmp_path, monkeypatch) -> None:
    """The app says why in a dialog (the traceback as its details) instead of dying."""
    from pictopy_desktop.ui import app as app_module
    from pictopy_desktop.ui import messages
    from pictopy_desktop.ui.qt import QMessageBox

    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("")
    monkeypatch.setenv("PICTOPY_DATA_DIR", str(not_a_folder))
    monkeypatch.setattr(messages, "install_excepthook", lambda: None)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: shown.append((box.text(), box.detailedText())) or 0
    )
    assert app_module.run_app([]) == 1
    assert len(shown) == 1
    text, details = shown[0]
    assert text.startswith(f"The data dir {not_a_folder} is a file")
    assert "Traceback" in details


def test_any_os_error_names_its_file() -> None:
    """An errno without its own sentence still names the file (and both files of a rename)."""
    text = explain(OSError(errno.EINVAL, os.strerror(errno.EINVAL), "/data/library.lock"))
    assert text == "Invalid argument on /data/library.lock: check it and try again."
    text = explain(OSError(errno.EXDEV, os.strerror(errno.EXDEV), "/a/x.jpg", None, "/b/x.jpg"))
    assert text is not None and "/a/x.jpg" in text and "/b/x.jpg" in text


def test_model_errors_are_pictopy_errors(data_dir, tmp_path, capsys) -> None:
    """One hierarchy: a model error is explained like any other, and escapes the CLI as exit 1."""
    from pictopy_desktop.cli import main
    from pictopy_desktop.cli.common import run_guarded
    from pictopy_desktop.ml.errors import ModelError, ModelMismatchError, ModelMissingError

    for kind in (ModelError, ModelMissingError, ModelMismatchError):
        assert issubclass(kind, PictoPyError)
    message = "The face detector file is missing: run pictopy models download."
    assert explain(ModelMissingError(message)) == message

    def raises() -> int:
        raise ModelMissingError(message)

    assert run_guarded(raises) == 1
    assert capsys.readouterr().err == f"pictopy: {message}\n"
    assert main(["models", "--set", "no-such-set"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("pictopy: ") and err.count("\n") == 1
