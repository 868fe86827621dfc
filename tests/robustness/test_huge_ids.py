"""An id beyond what SQLite can hold is one sentence and exit 1, never a crash (exit 70)."""

from __future__ import annotations

import pytest

from pictopy_desktop.cli import main

HUGE = "99999999999999999999999"


@pytest.mark.parametrize(
    "args",
    [
        ["trash", "restore", HUGE],
        ["favourite", HUGE],
        ["people", "rename", HUGE, "Bob"],
        ["people", "confirm", HUGE, "1"],
        ["similar", HUGE],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_a_huge_id_is_one_sentence_and_exit_1(args, data_dir, no_models, capsys) -> None:
    assert main(["--data-dir", str(data_dir), *args]) == 1
    err = capsys.readouterr().err
    assert err == (
        "pictopy: No photo, person, face or trash entry has a number that large "
        "(the largest is 9223372036854775807).\n"
    )
    assert not (data_dir / "logs").exists() or not list((data_dir / "logs").glob("crash-*"))
