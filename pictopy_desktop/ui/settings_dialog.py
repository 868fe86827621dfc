"""Settings: library folders, models (and what runs them) and thresholds, re-clustering,
thumbnail cache, where each kind of file is kept."""

from __future__ import annotations

from typing import Any

from pictopy_desktop.diagnostics import available_providers
from pictopy_desktop.library import read_model as bq
from pictopy_desktop.library.file_names import display_path
from pictopy_desktop.settings import save_settings
from pictopy_desktop.ui import messages, theme, translations
from pictopy_desktop.ui.context import AppContext
from pictopy_desktop.ui.diagnostics_actions import copy_diagnostics
from pictopy_desktop.ui.export_actions import export_library_dialog, import_library_dialog
from pictopy_desktop.ui.models_check import ModelsPanel
from pictopy_desktop.ui.qt import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    Qt,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    Signal,
)
from pictopy_desktop.ui.translations import n_, translate
from pictopy_desktop.ui.unavailable_panel import UnavailablePanel

_DEFAULT_THRESHOLDS = {"object_detector": 0.35, "face_detector": 0.7}


class SettingsDialog(QDialog):
    add_folder = Signal()
    rescan = Signal(object)  # list of paths
    remove_folder = Signal(int, str)
    analyse = Signal()
    theme_chosen = Signal(str)  # system, light or dark (the window applies and remembers it)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(translate("pictopy", "Settings"))
        self.setObjectName("settingsDialog")
        self.resize(640, 480)
        settings = ctx.library.settings
        tabs = QTabWidget()

        # Library folders
        lib = QWidget()
        self.folders = QListWidget()
        self.folders.setObjectName("foldersList")
        self.folders.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        add = QPushButton(translate("pictopy", "Add folder…"))
        add.clicked.connect(self.add_folder.emit)
        remove = QPushButton(translate("pictopy", "Remove"))
        remove.setToolTip(
            translate("pictopy", "Forget the folder's photos (the files are not touched)")
        )
        remove.clicked.connect(self._remove)
        rescan = QPushButton(translate("pictopy", "Rescan"))
        rescan.setToolTip(translate("pictopy", "Look for new, changed and deleted photos"))
        rescan.clicked.connect(self._rescan)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addWidget(rescan)
        buttons.addStretch(1)
        export_names = QPushButton(translate("pictopy", "Export names and albums…"))
        export_names.setToolTip(
            translate(
                "pictopy",
                "Save people's names, face assignments, albums and favourites, to bring them to another computer",
            )
        )
        export_names.clicked.connect(lambda: export_library_dialog(ctx, self))
        import_names = QPushButton(translate("pictopy", "Import…"))
        import_names.setToolTip(
            translate("pictopy", "Apply names and albums exported from another PictoPy")
        )
        import_names.clicked.connect(lambda: import_library_dialog(ctx, self))
        moving = QHBoxLayout()
        moving.addWidget(export_names)
        moving.addWidget(import_names)
        moving.addStretch(1)
        lib_layout = QVBoxLayout(lib)
        lib_layout.addWidget(QLabel(translate("pictopy", "Folders in your library:")))
        lib_layout.addWidget(self.folders, 1)
        lib_layout.addLayout(buttons)
        self.unavailable = UnavailablePanel(ctx, lib)
        lib_layout.addWidget(self.unavailable)
        lib_layout.addWidget(QLabel(translate("pictopy", "Moving to a new computer:")))
        lib_layout.addLayout(moving)
        tabs.addTab(lib, translate("pictopy", "Library"))

        # Models and thresholds
        models = QWidget()
        self.models_panel = ModelsPanel(ctx, models)
        self.models_panel.analyse_requested.connect(self.analyse.emit)
        self.object_conf = QDoubleSpinBox()
        self.face_conf = QDoubleSpinBox()
        for box, role in ((self.object_conf, "object_detector"), (self.face_conf, "face_detector")):
            box.setRange(0.05, 0.99)
            box.setSingleStep(0.05)
            box.setDecimals(2)
            box.setValue(
                settings.thresholds.get(role, {}).get("confidence", _DEFAULT_THRESHOLDS[role])
            )
        form = QFormLayout()
        form.addRow(translate("pictopy", "Things: minimum confidence"), self.object_conf)
        form.addRow(translate("pictopy", "Faces: minimum confidence"), self.face_conf)
        note = QLabel(
            translate(
                "pictopy",
                "Lower finds more (and more mistakes). New thresholds apply to photos analysed from now on.",
            )
        )
        note.setWordWrap(True)
        note.setObjectName("pageSubtitle")
        # What runs each model, read from the live sessions (CPU, CUDA, DirectML ...).
        self.runtime = QLabel(_runtime_text(ctx.library.loaded_analyzer()))
        self.runtime.setObjectName("runtimeLabel")
        self.runtime.setWordWrap(True)
        self.runtime.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        m_layout = QVBoxLayout(models)
        m_layout.addWidget(self.models_panel)
        m_layout.addLayout(form)
        m_layout.addWidget(note)
        m_layout.addWidget(self.runtime)
        m_layout.addStretch(1)
        tabs.addTab(models, translate("pictopy", "Models"))

        # People
        people = QWidget()
        self.recluster = QSpinBox()
        self.recluster.setRange(1, 100000)
        self.recluster.setValue(settings.recluster_every_photos)
        self.recluster.setSuffix(translate("pictopy", " new photos"))
        p_form = QFormLayout(people)
        p_form.addRow(translate("pictopy", "Regroup faces into people after"), self.recluster)
        tabs.addTab(people, translate("pictopy", "People"))

        # Metadata shared with other programs (library.metadata)
        metadata = QWidget()
        self.write_sidecars = QCheckBox(
            translate("pictopy", "Write names, keywords, ratings and rotations to .xmp sidecars")
        )
        self.write_sidecars.setObjectName("writeSidecars")
        self.write_sidecars.setChecked(settings.write_xmp_sidecars)
        self.five_stars = QCheckBox(
            translate("pictopy", "Photos rated 5 stars in other programs are favourites")
        )
        self.five_stars.setObjectName("fiveStarsFavourite")
        self.five_stars.setChecked(settings.five_stars_favourite)
        explain = QLabel(
            translate(
                "pictopy",
                "Keywords, ratings, colour labels, titles, captions and named faces that digiKam, "
                "Lightroom, Picasa or your phone wrote are always read. With writing on, what you "
                "change in PictoPy goes to a sidecar beside each photo (photo.jpg.xmp), merged "
                "with what other programs wrote there; the photo files themselves are never "
                "changed.",
            )
        )
        explain.setWordWrap(True)
        explain.setObjectName("pageSubtitle")
        md_layout = QVBoxLayout(metadata)
        md_layout.addWidget(self.write_sidecars)
        md_layout.addWidget(self.five_stars)
        md_layout.addWidget(explain)
        md_layout.addStretch(1)
        tabs.addTab(metadata, translate("pictopy", "Metadata"))

        # Storage
        storage = QWidget()
        self.cache_mb = QSpinBox()
        self.cache_mb.setRange(32, 16384)
        self.cache_mb.setSingleStep(64)
        self.cache_mb.setSuffix(translate("pictopy", " MB"))
        self.cache_mb.setValue(settings.thumbnail_cache_mb)
        s_form = QFormLayout(storage)
        s_form.addRow(translate("pictopy", "Thumbnail memory cache"), self.cache_mb)
        kept = ctx.library.folders
        where = QLabel(
            translate(
                "pictopy",
                "Library: {data}\nThumbnails: {thumbnails}\nSettings: {settings}\nLogs: {logs}",
            ).format(
                data=kept.data, thumbnails=kept.thumbnails, settings=kept.settings, logs=kept.logs
            )
        )
        where.setObjectName("pageSubtitle")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        s_form.addRow(where)
        diagnostics = QPushButton(translate("pictopy", "Copy diagnostics"))
        diagnostics.setObjectName("copyDiagnostics")
        diagnostics.setToolTip(
            translate(
                "pictopy",
                "Versions, what runs each model, these folders and the last problems, for a bug report",
            )
        )
        diagnostics.clicked.connect(lambda: copy_diagnostics(ctx))
        help_row = QHBoxLayout()
        help_row.addWidget(diagnostics)
        help_row.addStretch(1)
        s_form.addRow(help_row)
        tabs.addTab(storage, translate("pictopy", "Storage"))

        # Appearance
        appearance = QWidget()
        self.theme = QComboBox()
        self.theme.setAccessibleName(translate("pictopy", "Theme"))
        for choice in theme.CHOICES:
            self.theme.addItem(translate("pictopy", theme.CHOICE_LABELS[choice]), choice)
        a_form = QFormLayout(appearance)
        a_form.addRow(translate("pictopy", "Theme"), self.theme)
        follows = QLabel(
            translate(
                "pictopy", "System follows your computer's light or dark setting as it changes."
            )
        )
        follows.setObjectName("pageSubtitle")
        follows.setWordWrap(True)
        a_form.addRow(follows)
        self.language = QComboBox()
        self.language.setAccessibleName(translate("pictopy", "Language"))
        for choice, label in translations.choice_labels().items():
            self.language.addItem(label, choice)
        self._language_at_open = translations.read_choice(ctx.library.data_dir)
        self.language.setCurrentIndex(max(0, self.language.findData(self._language_at_open)))
        a_form.addRow(translate("pictopy", "Language"), self.language)
        tabs.addTab(appearance, translate("pictopy", "Appearance"))
        self._theme_at_open = theme.SYSTEM

        self.tabs = tabs
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        box.accepted.connect(self.save)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(box)
        ctx.changed.connect(lambda changes: self.refresh() if changes.touches("folders") else None)
        self.refresh()
        self.models_panel.check()

    def refresh(self) -> None:
        self.ctx.read(bq.folders_listing, self._folders, context=self)

    def _folders(self, rows: list[bq.FolderRow]) -> None:
        self.folders.clear()
        for f in rows:
            item = QListWidgetItem(f"{display_path(f.path)}    ({n_('%Ln photo(s)', f.count)})")
            # The row itself: a path inside a tuple would become a QString and lose bytes that are not UTF-8.
            item.setData(Qt.ItemDataRole.UserRole, f)
            self.folders.addItem(item)

    def _selected(self) -> list[tuple[int, str]]:
        return [
            (row.id, row.path)
            for row in (i.data(Qt.ItemDataRole.UserRole) for i in self.folders.selectedItems())
        ]

    def _remove(self) -> None:
        for folder_id, path in self._selected():
            self.remove_folder.emit(folder_id, path)

    def _rescan(self) -> None:
        paths = [p for _, p in self._selected()] or [
            self.folders.item(i).data(Qt.ItemDataRole.UserRole).path
            for i in range(self.folders.count())
        ]
        if paths:
            self.rescan.emit(paths)

    def set_theme_choice(self, choice: str) -> None:
        """Show the theme in use when the dialog opens."""
        self._theme_at_open = choice
        self.theme.setCurrentIndex(max(0, self.theme.findData(choice)))

    def save(self) -> None:
        library = self.ctx.library
        s = library.settings
        old_thresholds = {k: dict(v) for k, v in s.thresholds.items()}
        for box, role in ((self.object_conf, "object_detector"), (self.face_conf, "face_detector")):
            value = round(box.value(), 2)
            if abs(
                value - _DEFAULT_THRESHOLDS[role]
            ) < 1e-9 and "confidence" not in s.thresholds.get(role, {}):
                continue
            s.thresholds.setdefault(role, {})["confidence"] = value
        s.recluster_every_photos = self.recluster.value()
        turned_on = self.write_sidecars.isChecked() and not s.write_xmp_sidecars
        s.write_xmp_sidecars = self.write_sidecars.isChecked()
        s.five_stars_favourite = self.five_stars.isChecked()
        s.thumbnail_cache_mb = self.cache_mb.value()
        save_settings(s, library.settings_path)
        self.ctx.images.set_max_bytes(s.thumbnail_cache_mb << 20)
        if s.thresholds != old_thresholds:
            library.reset_analyzer()
        language = self.language.currentData()
        if language != self._language_at_open:
            # Applied at the next start: every window would have to rebuild its texts.
            translations.write_choice(library.data_dir, language)
            messages.info(translate("pictopy", "The language changes when PictoPy starts again."))
        if self.theme.currentData() != self._theme_at_open:
            self.theme_chosen.emit(self.theme.currentData())
        if turned_on:  # what the library already knows goes out now, not at the next change
            self.ctx.sidecars.write_now()
        self.accept()


def _runtime_text(analyzer: Any) -> str:
    """What runs each model, from the live sessions (never loads them: that would stall)."""
    loaded = analyzer.execution_providers() if analyzer is not None else {}
    lines = [translate("pictopy", "Running on:")]
    if not loaded:
        lines.append(
            translate(
                "pictopy", "The models are not loaded yet: they load when photos are analysed."
            )
        )
    for rt in loaded.values():
        lines.append(
            translate("pictopy", "{what}: {file} on {provider}").format(
                what=rt.what, file=rt.file, provider=rt.provider
            )
        )
    providers = ", ".join(available_providers())
    lines += ["", translate("pictopy", "Available here: {providers}").format(providers=providers)]
    return "\n".join(lines)
