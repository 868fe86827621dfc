"""The Linux desktop entry installs with a working Exec line and the icon."""

from __future__ import annotations

from pathlib import Path

from pictopy_desktop.desktop_integration import install_desktop_entry


def test_install_desktop_entry(tmp_path: Path) -> None:
    written = install_desktop_entry(tmp_path)
    entry = (tmp_path / "applications" / "pictopy.desktop").read_text()
    assert "@EXEC@" not in entry and "Exec=" in entry and "Icon=pictopy" in entry
    assert "inode/directory" in entry  # "Open with PictoPy" on a folder
    assert all(p.stat().st_size > 0 for p in written)
