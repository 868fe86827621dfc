"""Settings shows what runs each model (from the live sessions) and where each kind of file
is kept; "Copy diagnostics" puts the report on the clipboard."""

from __future__ import annotations

from pictopy_desktop.ui.qt import QGuiApplication, QPushButton
from tests.ui.conftest import screenshot, settle


def test_models_tab_names_the_provider_of_each_live_session(qtbot, window, messages_log) -> None:
    from pictopy_desktop.ui.settings_dialog import SettingsDialog

    library = window.ctx.library
    analyzer = library.analyzer()
    assert analyzer.has_objects and analyzer.has_faces  # the sessions are live now
    dialog = SettingsDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    text = dialog.runtime.text()
    assert "Object tagging: yolov8n_int8.onnx on CPUExecutionProvider" in text
    assert "Face detection: face_detection_yunet_2023mar.onnx on OpenCV DNN (CPU)" in text
    assert "Face recognition: MobileFaceNet.onnx on CPUExecutionProvider" in text
    assert "Available here: " in text and "CPUExecutionProvider" in text.rsplit("\n", 1)[1]
    dialog.tabs.setCurrentIndex([dialog.tabs.tabText(i) for i in range(4)].index("Models"))
    dialog.show()
    settle(qtbot)
    screenshot(dialog, "settings_models_runtime")

    names = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    dialog.tabs.setCurrentIndex(names.index("Storage"))
    copy = dialog.findChild(QPushButton, "copyDiagnostics")
    assert copy is not None
    copy.click()
    pasted = QGuiApplication.clipboard().text()
    assert pasted.startswith("PictoPy diagnostics")
    assert "Object tagging: yolov8n_int8.onnx on CPUExecutionProvider" in pasted
    assert f"  library: {library.folders.database}" in pasted
    assert any("Diagnostics copied" in m.text for m in messages_log.messages)
    settle(qtbot)
    screenshot(dialog, "settings_storage_folders")
    dialog.close()


def test_before_any_analysis_the_models_are_said_to_load_later(qtbot, data_dir) -> None:
    """The provider lines never load the models themselves (that would stall the window)."""
    from pictopy_desktop.library.service import Library
    from pictopy_desktop.ui.context import AppContext
    from pictopy_desktop.ui.settings_dialog import SettingsDialog

    lib = Library(data_dir)
    try:
        dialog = SettingsDialog(AppContext(lib))
        qtbot.addWidget(dialog)
        assert "The models are not loaded yet" in dialog.runtime.text()
    finally:
        lib.close()


def test_help_menu_copies_diagnostics(qtbot, window, messages_log) -> None:
    QGuiApplication.clipboard().clear()
    window.menu.diagnostics.trigger()
    pasted = QGuiApplication.clipboard().text()
    assert pasted.startswith("PictoPy diagnostics") and "Execution providers available" in pasted
    assert f"  logs: {window.ctx.library.folders.logs}" in pasted
