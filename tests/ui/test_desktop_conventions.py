"""Desktop conventions: a menu bar with the platform's shortcuts, full screen, thumbnail size,
light and dark themes (chosen, remembered, following the system), a shortcuts dialog read from
the actions, the log folder, About, and an accessible name on every icon-only button."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pictopy_desktop.ui import routes, theme
from pictopy_desktop.ui.qt import (
    QAbstractButton,
    QApplication,
    QDesktopServices,
    QKeySequence,
    QMessageBox,
    QPalette,
    Qt,
)
from tests.ui.conftest import make_window, screenshot, settle


def _menu_titles(window) -> list[str]:
    return [a.text().replace("&", "") for a in window.menuBar().actions()]


def test_menus_with_standard_shortcuts_and_quit_closes(qtbot, window) -> None:
    assert _menu_titles(window) == ["File", "Edit", "View", "Help"]
    m = window.menu
    assert QKeySequence("Ctrl+Q") in m.quit.shortcuts()
    assert {QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")} <= set(m.redo.shortcuts())
    assert QKeySequence("F11") in m.full_screen.shortcuts()
    for action, standard in (
        (m.undo, QKeySequence.StandardKey.Undo),
        (m.select_all, QKeySequence.StandardKey.SelectAll),
        (m.delete, QKeySequence.StandardKey.Delete),
        (m.add_folder, QKeySequence.StandardKey.Open),
    ):
        assert set(QKeySequence.keyBindings(standard)) <= set(action.shortcuts()), action.text()
    m.quit.trigger()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)


def test_f11_toggles_full_screen(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    assert not window.isFullScreen()
    qtbot.keyClick(window, Qt.Key.Key_F11)
    qtbot.waitUntil(window.isFullScreen, timeout=3000)
    assert window.menu.full_screen.isChecked()
    qtbot.keyClick(window, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=3000)
    assert not window.menu.full_screen.isChecked()


def test_thumbnail_size_and_edit_actions_follow_the_shown_view(qtbot, window) -> None:
    photos = window.page("photos")
    qtbot.waitUntil(lambda: photos.model.is_loaded, timeout=5000)
    before = photos.view.target_tile
    window.menu.bigger.trigger()
    assert photos.view.target_tile > before
    assert photos.size_slider.value() == photos.view.target_tile  # the slider follows the menu
    window.menu.smaller.trigger()
    window.menu.smaller.trigger()
    assert photos.view.target_tile < before
    window.menu.select_all.trigger()
    assert len(photos.view.selected_image_ids()) == photos.model.photo_count()
    window.navigate(routes.ThingsRoute())  # nothing to zoom, select or delete there
    assert not window.menu.bigger.isEnabled() and not window.menu.delete.isEnabled()
    window.navigate(routes.AlbumsRoute())
    assert window.menu.delete.isEnabled()  # Delete there deletes the album (after asking)


def _background(widget) -> str:
    image = widget.grab().toImage()
    return image.pixelColor(image.width() // 2, image.height() - 4).name()


@pytest.mark.slow
def test_theme_switch_repaints_is_remembered_and_shows_in_settings(qtbot, window, library) -> None:
    app = QApplication.instance()
    window.set_theme(theme.LIGHT)
    light_sidebar = _background(window.sidebar)
    assert light_sidebar == theme.LIGHT_THEME.sidebar
    window.menu.themes[theme.DARK].trigger()
    assert window.menu.themes[theme.DARK].isChecked()
    assert app.palette().color(QPalette.ColorRole.Window).name() == theme.DARK_THEME.window
    settle(qtbot, 50)
    assert _background(window.sidebar) == theme.DARK_THEME.sidebar  # repainted
    dialog = window.open_settings()
    assert dialog.theme.currentData() == theme.DARK
    dialog.theme.setCurrentIndex(dialog.theme.findData(theme.LIGHT))
    dialog.save()
    assert window.theme_choice() == theme.LIGHT and theme.current() is theme.LIGHT_THEME
    window.set_theme(theme.DARK)
    window.close()
    w2 = make_window(qtbot, library)  # a new start uses the remembered theme
    assert w2.theme_choice() == theme.DARK and w2.menu.themes[theme.DARK].isChecked()
    assert app.palette().color(QPalette.ColorRole.Window).name() == theme.DARK_THEME.window
    w2.set_theme(theme.SYSTEM)  # the offscreen platform says nothing: light
    assert theme.current() is theme.LIGHT_THEME
    w2.close()


@pytest.mark.slow
def test_system_theme_follows_the_platform(qtbot, window, monkeypatch) -> None:
    window.set_theme(theme.SYSTEM)
    hints = QApplication.styleHints()
    monkeypatch.setattr(theme, "system_theme", lambda: theme.DARK_THEME)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.current() is theme.DARK_THEME
    window.set_theme(theme.LIGHT)  # a chosen theme no longer follows
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.current() is theme.LIGHT_THEME


def test_shortcuts_dialog_lists_every_action_shortcut(qtbot, window) -> None:
    dialog = window.show_shortcuts()
    listed = dict(dialog.listed())
    m = window.menu
    actions = [
        m.add_folder, m.export, m.quit, m.undo, m.redo, m.find, m.select_all, m.delete,
        m.full_screen, m.bigger, m.smaller, m.shortcuts,
    ]  # fmt: skip
    for action in actions:
        name = re.sub(r"&|…", "", action.text()).strip()
        keys = action.shortcuts()[0].toString(QKeySequence.SequenceFormat.NativeText)
        assert name in listed and keys in listed[name], (name, listed)
    assert "F11" in listed["Full screen"] and "Ctrl+Y" in listed["Redo"]
    dialog.close()


def test_log_folder_and_about(qtbot, window, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window.menu.log_folder.trigger()
    folder = Path(opened[0].toLocalFile())
    assert folder == window.ctx.library.data_dir / "logs" and folder.is_dir()
    window.show_about()
    box = window.findChild(QMessageBox, "aboutBox")
    assert box is not None and "PictoPy" in box.text()
    box.close()


def _unnamed_icon_buttons(root) -> list[str]:
    """Buttons that show only an icon (or a symbol) and give a screen reader nothing to say."""
    bad = []
    for button in root.findChildren(QAbstractButton):
        text = button.text().replace("&", "").strip()
        icon_only = not button.icon().isNull() and not text
        symbol_only = bool(text) and not re.search(r"\w", text)
        if (icon_only or symbol_only) and not button.accessibleName().strip():
            bad.append(
                f"{type(button).__name__} {button.objectName()!r} {text!r} in "
                f"{type(button.parent()).__name__} {button.parent().objectName()!r}"
            )
    return bad


def test_every_icon_only_button_has_an_accessible_name_and_tooltip(qtbot, window) -> None:
    for view in window.views:  # every page, each shown once (some build widgets on show)
        if view.sidebar is not None:
            window.navigate(view.sidebar.route)
    settle(qtbot, 100)
    assert _unnamed_icon_buttons(window) == [], "\n".join(_unnamed_icon_buttons(window))
    for button in window.findChildren(QAbstractButton):
        if not button.icon().isNull() and not button.text():
            assert button.toolTip(), button.accessibleName()
    dialog = window.open_settings()
    assert _unnamed_icon_buttons(dialog) == []
    dialog.close()


@pytest.mark.slow
@pytest.mark.parametrize("choice", [theme.LIGHT, theme.DARK])
def test_main_window_screenshots(qtbot, window, choice: str) -> None:
    window.set_theme(choice)
    photos = window.page("photos")
    qtbot.waitUntil(lambda: photos.model.is_loaded, timeout=5000)
    photos.model.load_all_pages_now()
    settle(qtbot, 600)
    screenshot(window, f"main-{choice}")  # copied to docs/screenshots for the README
