"""The menu bar: File, Edit, View, Help, with the platform's standard shortcuts.

Shortcuts come from ``QKeySequence.StandardKey`` where the platform defines one, plus the
keys users of other platforms expect (Ctrl+Y redo, F11 full screen) where they do not clash.
The actions live here and nowhere else: the shortcuts dialog lists them from the menus.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from pictopy_desktop.ui import theme
from pictopy_desktop.ui.qt import QAction, QActionGroup, QKeySequence, QMenuBar, QObject
from pictopy_desktop.ui.translations import translate

StandardKey = QKeySequence.StandardKey


class MenuTarget(Protocol):
    """What the menus call on the window."""

    def choose_folder(self) -> None: ...
    def export_library(self) -> None: ...
    def import_library(self) -> None: ...
    def close(self) -> bool: ...
    def undo(self) -> None: ...
    def redo(self) -> None: ...
    def focus_search(self) -> None: ...
    def select_all(self) -> None: ...
    def delete_selection(self) -> None: ...
    def open_settings(self) -> object: ...
    def toggle_full_screen(self) -> None: ...
    def zoom_thumbnails(self, step: int) -> None: ...
    def set_theme(self, choice: str) -> None: ...
    def show_shortcuts(self) -> None: ...
    def open_log_folder(self) -> None: ...
    def copy_diagnostics(self) -> None: ...
    def show_about(self) -> None: ...


def shortcuts(standard: StandardKey | None, *more: str) -> list[QKeySequence]:
    """The platform's keys for ``standard``, then ``more`` where not already among them."""
    keys = list(QKeySequence.keyBindings(standard)) if standard is not None else []
    for text in more:
        key = QKeySequence(text)
        if key not in keys:
            keys.append(key)
    return keys


@dataclass
class MenuActions:
    """Every action of the menu bar, for the window to enable and check."""

    add_folder: QAction
    export: QAction
    import_: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    find: QAction
    select_all: QAction
    delete: QAction
    settings: QAction
    full_screen: QAction
    bigger: QAction
    smaller: QAction
    themes: dict[str, QAction]
    shortcuts: QAction
    log_folder: QAction
    diagnostics: QAction
    about: QAction


def _action(
    parent: QObject,
    text: str,
    slot: Callable[[], object],
    keys: Sequence[QKeySequence] = (),
    tip: str = "",
) -> QAction:
    action = QAction(text, parent)
    if keys:
        action.setShortcuts(list(keys))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def _call(slot: Callable[[str], None], value: str) -> Callable[[], None]:
    return lambda: slot(value)


def build_menu_bar(bar: QMenuBar, target: MenuTarget) -> MenuActions:
    """Fill ``bar`` with the app's menus; the actions call ``target``."""
    file = bar.addMenu(translate("pictopy", "&File"))
    add_folder = _action(
        bar,
        translate("pictopy", "&Add folder…"),
        target.choose_folder,
        shortcuts(StandardKey.Open),
        translate("pictopy", "Add a folder of photos to the library"),
    )
    export = _action(
        bar,
        translate("pictopy", "&Export names and albums…"),
        target.export_library,
        shortcuts(None, "Ctrl+E"),
        translate("pictopy", "Save people's names, albums and favourites to a file"),
    )
    import_ = _action(
        bar,
        translate("pictopy", "&Import names and albums…"),
        target.import_library,
        tip=translate("pictopy", "Apply names and albums exported from another PictoPy"),
    )
    quit_ = _action(
        bar, translate("pictopy", "&Quit"), target.close, shortcuts(StandardKey.Quit, "Ctrl+Q")
    )
    quit_.setMenuRole(QAction.MenuRole.QuitRole)
    file.addActions([add_folder, export, import_])
    file.addSeparator()
    file.addAction(quit_)

    edit = bar.addMenu(translate("pictopy", "&Edit"))
    undo = _action(bar, translate("pictopy", "&Undo"), target.undo, shortcuts(StandardKey.Undo))
    redo = _action(
        bar,
        translate("pictopy", "&Redo"),
        target.redo,
        shortcuts(StandardKey.Redo, "Ctrl+Shift+Z", "Ctrl+Y"),
    )
    find = _action(
        bar, translate("pictopy", "&Find…"), target.focus_search, shortcuts(StandardKey.Find)
    )
    select_all = _action(
        bar,
        translate("pictopy", "Select &all"),
        target.select_all,
        shortcuts(StandardKey.SelectAll),
    )
    delete = _action(
        bar, translate("pictopy", "&Delete"), target.delete_selection, shortcuts(StandardKey.Delete)
    )
    settings = _action(
        bar,
        translate("pictopy", "&Settings…"),
        target.open_settings,
        shortcuts(StandardKey.Preferences),
    )
    settings.setMenuRole(QAction.MenuRole.PreferencesRole)
    edit.addActions([undo, redo])
    edit.addSeparator()
    edit.addActions([find, select_all, delete])
    edit.addSeparator()
    edit.addAction(settings)

    view = bar.addMenu(translate("pictopy", "&View"))
    full_screen = _action(
        bar,
        translate("pictopy", "&Full screen"),
        target.toggle_full_screen,
        shortcuts(StandardKey.FullScreen, "F11"),
    )
    full_screen.setCheckable(True)
    bigger = _action(
        bar,
        translate("pictopy", "&Bigger thumbnails"),
        lambda: target.zoom_thumbnails(+1),
        shortcuts(StandardKey.ZoomIn, "Ctrl+="),
    )
    smaller = _action(
        bar,
        translate("pictopy", "&Smaller thumbnails"),
        lambda: target.zoom_thumbnails(-1),
        shortcuts(StandardKey.ZoomOut),
    )
    view.addAction(full_screen)
    view.addSeparator()
    view.addActions([bigger, smaller])
    view.addSeparator()
    themes_menu = view.addMenu(translate("pictopy", "&Theme"))
    group = QActionGroup(bar)
    group.setExclusive(True)
    themes: dict[str, QAction] = {}
    for choice in theme.CHOICES:
        action = _action(
            bar, translate("pictopy", theme.CHOICE_LABELS[choice]), _call(target.set_theme, choice)
        )
        action.setCheckable(True)
        group.addAction(action)
        themes_menu.addAction(action)
        themes[choice] = action

    help_ = bar.addMenu(translate("pictopy", "&Help"))
    shortcuts_ = _action(
        bar,
        translate("pictopy", "&Keyboard shortcuts"),
        target.show_shortcuts,
        shortcuts(StandardKey.HelpContents),
    )
    log_folder = _action(
        bar,
        translate("pictopy", "Open &log folder"),
        target.open_log_folder,
        tip=translate("pictopy", "Show the app's log files"),
    )
    diagnostics = _action(
        bar,
        translate("pictopy", "Copy &diagnostics"),
        target.copy_diagnostics,
        tip=translate(
            "pictopy",
            "Versions, what runs each model, the folders and the last problems, for a bug report",
        ),
    )
    about = _action(bar, translate("pictopy", "&About PictoPy"), target.show_about)
    about.setMenuRole(QAction.MenuRole.AboutRole)
    help_.addActions([shortcuts_, log_folder, diagnostics])
    help_.addSeparator()
    help_.addAction(about)

    return MenuActions(
        add_folder=add_folder,
        export=export,
        import_=import_,
        quit=quit_,
        undo=undo,
        redo=redo,
        find=find,
        select_all=select_all,
        delete=delete,
        settings=settings,
        full_screen=full_screen,
        bigger=bigger,
        smaller=smaller,
        themes=themes,
        shortcuts=shortcuts_,
        log_folder=log_folder,
        diagnostics=diagnostics,
        about=about,
    )
