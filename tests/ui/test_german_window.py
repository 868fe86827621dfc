"""The main window in German: sidebar, menus and counts read German; screenshot main-de.png."""

from __future__ import annotations

from pictopy_desktop.ui import translations
from tests.ui.conftest import screenshot, settle


def _open_in(qtbot, library, language: str):
    from pictopy_desktop.ui.app import create_app, open_window

    app = create_app()
    # As run_app does: the chosen language is installed before the window is built.
    assert translations.install_translator(app, language)
    window = open_window(library)
    qtbot.addWidget(window)
    window.resize(1280, 820)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window._library_empty is not None, timeout=5000)
    return app, window


def _sidebar_texts(window) -> list[str]:
    return [item.text(0) for item in window.sidebar._all_items()]


def test_main_window_in_german(qtbot, library, inline_pools, messages_log) -> None:
    from pictopy_desktop.library import read_model as bq

    app, window = _open_in(qtbot, library, "de")
    try:
        sidebar = _sidebar_texts(window)
        for german in ("Fotos", "Favoriten", "Erinnerungen", "Orte", "Personen", "Alben"):
            assert german in sidebar, sidebar
        assert "Photos" not in sidebar
        menus = [a.text() for a in window.menuBar().actions()]
        assert menus[:4] == ["&Datei", "&Bearbeiten", "&Ansicht", "&Hilfe"], menus
        edit = window.menuBar().actions()[1].menu()
        assert "&Rückgängig" in [a.text() for a in edit.actions()]

        photos = window.page("photos")
        count = bq.count(bq.GalleryFilter())
        qtbot.waitUntil(lambda: photos.subtitle.text() != "", timeout=10000)
        assert photos.subtitle.text() == f"{count:,} Fotos".replace(",", "."), (
            photos.subtitle.text()
        )
        assert translations.n_("%Ln photo(s)", 1) == "1 Foto"
        settle(qtbot, 300)
        screenshot(window, "main-de")
    finally:
        window.close()
        translations.install_translator(app, translations.SYSTEM)


def test_language_setting_is_applied_at_the_next_start(
    qtbot, library, inline_pools, messages_log
) -> None:
    """Settings → Appearance → Language is remembered; the next window opens in it."""
    from pictopy_desktop.ui.app import create_app
    from pictopy_desktop.ui.context import AppContext
    from pictopy_desktop.ui.settings_dialog import SettingsDialog

    create_app()
    ctx = AppContext(library)
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.language.currentData() == translations.SYSTEM
    dialog.language.setCurrentIndex(dialog.language.findData("de"))
    dialog.save()
    assert translations.read_choice(library.data_dir) == "de"
    assert any("starts again" in m.text for m in messages_log.messages)

    app, window = _open_in(qtbot, library, translations.read_choice(library.data_dir))
    try:
        assert "Personen" in _sidebar_texts(window)
    finally:
        window.close()
        translations.install_translator(app, translations.SYSTEM)
