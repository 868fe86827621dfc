"""Help → Keyboard shortcuts: every shortcut, read from the actions themselves.

Nothing here is written by hand: the rows come from the menu bar's actions (and any other
action added to the window), so a new shortcut is listed the moment it exists.
"""

from __future__ import annotations

from collections.abc import Iterable

from pictopy_desktop.ui.qt import (
    QAction,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QKeySequence,
    QMainWindow,
    QMenu,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from pictopy_desktop.ui.translations import translate


def _plain(text: str) -> str:
    """A menu text as read: no "&" mnemonics, no trailing "…"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _on_a_keyboard(key: QKeySequence) -> bool:
    """False for a dedicated hardware key (Open, Undo, Zoom In on some keyboards): the
    shortcut works, but listing it would only confuse."""
    if key.count() != 1:
        return True
    combo = key[0]  # type: ignore[index]  # QKeySequence.operator[] (missing from the stubs)
    return (
        combo.keyboardModifiers() != Qt.KeyboardModifier.NoModifier or combo.key() < Qt.Key.Key_Back
    )


def _walk(menu: QMenu, path: tuple[str, ...]) -> Iterable[tuple[tuple[str, ...], QAction]]:
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            yield from _walk(sub, (*path, _plain(action.text())))
        elif not action.isSeparator():
            yield path, action


def shortcut_rows(window: QWidget) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every action of ``window`` that has a shortcut."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()
    found: list[tuple[tuple[str, ...], QAction]] = []
    if isinstance(window, QMainWindow):
        for top in window.menuBar().actions():
            menu = top.menu()
            if isinstance(menu, QMenu):
                found.extend(_walk(menu, (_plain(top.text()),)))
    found.extend(((), a) for a in window.actions())
    for path, action in found:
        if id(action) in seen or not action.shortcuts():
            continue
        seen.add(id(action))
        keys = " or ".join(
            k.toString(QKeySequence.SequenceFormat.NativeText)
            for k in action.shortcuts()
            if _on_a_keyboard(k)
        )
        rows.append((" › ".join(path), _plain(action.text()), keys))
    return rows


class ShortcutsDialog(QDialog):
    """A table of the window's shortcuts, grouped by menu."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle(translate("pictopy", "Keyboard shortcuts"))
        self.setObjectName("shortcutsDialog")
        self.resize(640, 520)
        self.table = QTreeWidget(self)
        self.table.setObjectName("shortcutsTable")
        self.table.setAccessibleName(translate("pictopy", "Keyboard shortcuts"))
        self.table.setColumnCount(2)
        self.table.setHeaderLabels(
            [translate("pictopy", "Action"), translate("pictopy", "Shortcut")]
        )
        self.table.setRootIsDecorated(False)
        self.table.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        groups: dict[str, QTreeWidgetItem] = {}
        self._groups = groups
        for menu, action, keys in shortcut_rows(window):
            parent = groups.get(menu)
            if parent is None:
                parent = QTreeWidgetItem([menu or translate("pictopy", "Other"), ""])
                font = parent.font(0)
                font.setBold(True)
                parent.setFont(0, font)
                self.table.addTopLevelItem(parent)
                groups[menu] = parent
            parent.addChild(QTreeWidgetItem([action, keys]))
        self.table.expandAll()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def listed(self) -> list[tuple[str, str]]:
        """(action, keys) as shown, for tests and screen readers' users alike."""
        out = []
        for group in self._groups.values():
            for j in range(group.childCount()):
                row = group.child(j)
                if row is not None:
                    out.append((row.text(0), row.text(1)))
        return out
