"""Are the models there? Show what is missing, download them, or point at a folder."""

from __future__ import annotations

import logging
from pathlib import Path

from pictopy_desktop.library.changes import OpChanges
from pictopy_desktop.settings import save_settings
from pictopy_desktop.ui import messages
from pictopy_desktop.ui.context import AppContext
from pictopy_desktop.ui.core_texts import translated
from pictopy_desktop.ui.qt import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QObject,
    QProgressBar,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
    Slot,
)
from pictopy_desktop.ui.translations import file_size, translate
from pictopy_desktop.workers.tasks import pools, run_in_background

MODEL_CHANGES = OpChanges(models=True)

log = logging.getLogger(__name__)


def model_problems(library) -> list[str]:
    """Worker: what keeps tags and faces from working ([] when all is well)."""
    analyzer = library.analyzer()
    if analyzer is None:
        return [
            translate(
                "pictopy",
                "The ML pipeline could not be loaded (see the log); photos can still be browsed.",
            )
        ]
    return list(analyzer.problems)


class _DownloadRelay(QObject):
    progressed = Signal(str, int, int)


class ModelsPanel(QFrame):
    """The models' state with "Download models" and "Choose folder…"; used on the first-run
    page and in Settings."""

    analyse_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("modelsPanel")
        self.title = QLabel(translate("pictopy", "Checking models…"))
        self.title.setObjectName("modelsTitle")
        self.detail = QLabel("")
        self.detail.setWordWrap(True)
        self.detail.setObjectName("modelsDetail")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.where = QLabel("")
        self.where.setObjectName("pageSubtitle")
        self.where.setWordWrap(True)
        self.download_button = QPushButton(translate("pictopy", "Download models"))
        self.download_button.setObjectName("primaryButton")
        self.download_button.clicked.connect(self.download)
        self.choose_button = QPushButton(translate("pictopy", "Choose folder…"))
        self.choose_button.clicked.connect(self.choose_folder)
        self.progress = QProgressBar()
        self.progress.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.download_button)
        buttons.addWidget(self.choose_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addWidget(self.where)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        self.problems: list[str] | None = None
        self._relay = _DownloadRelay()
        self._relay.progressed.connect(self._progress)
        ctx.changed.connect(lambda changes: self.check() if changes.touches("models") else None)

    def check(self) -> None:
        library = self.ctx.library
        self.ctx.read(
            lambda: (model_problems(library), str(library.models_dir)), self._checked, context=self
        )

    def _checked(self, result) -> None:
        problems, where = result
        self.problems = problems
        self.where.setText(translate("pictopy", "Models folder: {where}").format(where=where))
        if problems:
            self.title.setText(
                translate("pictopy", "⚠  Tags and faces are off until the models are here")
            )
            # The fix hint after ";" is what the buttons below do; keep the lines short.
            shown = [translated(p) for p in problems]
            self.detail.setText("\n".join(f"• {p.split(';')[0]}" for p in shown))
            self.detail.setToolTip("\n".join(shown))
            self.download_button.show()
        else:
            self.title.setText(
                translate(
                    "pictopy", "✓  Models ready: things and faces are found as photos are added"
                )
            )
            self.detail.setText("")
            self.download_button.hide()
        self.setProperty("ok", not problems)
        self.style().unpolish(self)
        self.style().polish(self)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self,
            translate("pictopy", "Folder that holds the models"),
            str(self.ctx.library.models_dir),
        )
        if folder:
            self.set_models_dir(folder)

    def set_models_dir(self, folder: str) -> None:
        library = self.ctx.library
        library.settings.models_dir = folder
        save_settings(library.settings, library.settings_path)
        library.reset_analyzer()
        self.ctx.broadcast(MODEL_CHANGES)
        self.analyse_requested.emit()

    def download(self) -> None:
        try:
            from pictopy_desktop.ml import model_manager
        except ImportError as exc:
            messages.exception(exc, "Model downloads are unavailable")
            return
        library = self.ctx.library
        target = Path(library.models_dir)  # env var, else the setting, else <data dir>/models
        relay = self._relay
        set_name = library.settings.model_set
        self.download_button.setEnabled(False)
        self.progress.show()
        self.progress.setRange(0, 0)

        def op():
            return model_manager.download_missing(
                target, set_name, lambda mid, done, total: relay.progressed.emit(mid, done, total)
            )

        def done(fetched) -> None:
            self.download_button.setEnabled(True)
            self.progress.hide()
            messages.info(
                translate(
                    "pictopy", "Models ready ({count} downloaded). Analysing your photos…"
                ).format(count=len(fetched))
            )
            library.reset_analyzer()
            self.ctx.broadcast(MODEL_CHANGES)
            self.analyse_requested.emit()

        def failed(exc: BaseException) -> None:
            self.download_button.setEnabled(True)
            self.progress.hide()
            messages.exception(exc, "Downloading the models failed")

        run_in_background(op, done, failed, pools().general, context=self)

    @Slot(str, int, int)
    def _progress(self, model_id: str, done: int, total: int) -> None:
        if total:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * done / total))
        self.progress.setFormat(f"{model_id}: {file_size(done)}")


class WelcomePage(QWidget):
    """The first-run empty state: what to do, and the models check."""

    add_folder = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        from pictopy_desktop.ui.resources import icon_pixmap

        art = QLabel()
        art.setPixmap(icon_pixmap("pictopy", 96))
        art.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel(translate("pictopy", "Welcome to PictoPy"))
        title.setObjectName("welcomeTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            translate(
                "pictopy",
                "Add a folder of photos to start, or drop a folder onto this window.\n"
                "PictoPy finds the people and things in them — everything stays on this computer.",
            )
        )
        text.setObjectName("welcomeText")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        add = QPushButton(translate("pictopy", "Add a folder…"))
        add.setObjectName("primaryButton")
        add.setMinimumWidth(200)
        add.clicked.connect(self.add_folder.emit)
        drop = QLabel(translate("pictopy", "or drop a folder here"))
        drop.setObjectName("dropHint")
        drop.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.models = ModelsPanel(ctx, self)
        column = QVBoxLayout()
        column.setSpacing(12)
        column.addStretch(2)
        column.addWidget(art)
        column.addWidget(title)
        column.addWidget(text)
        column.addSpacing(8)
        column.addWidget(add, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(drop)
        column.addSpacing(24)
        column.addWidget(self.models)
        column.addStretch(3)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 4)
        outer.addStretch(1)
