"""Recently removed by PictoPy: every file PictoPy moved to the system trash, with a way back.

Each row says what went, from which folder, why (and which copy was kept), and when. On
a freedesktop trash "Restore" moves the file back on the writer thread (never over a
file that took its place) and the photo returns with its albums and favourite; elsewhere
it tells the user where the file is and how to put it back.
"""

from __future__ import annotations

from pathlib import Path

from pictopy_desktop.library import trash
from pictopy_desktop.library.changes import OpChanges
from pictopy_desktop.library.thumbnails import thumbnail_relpath
from pictopy_desktop.ui import messages
from pictopy_desktop.ui.context import AppContext
from pictopy_desktop.ui.core_texts import translated
from pictopy_desktop.ui.qt import (
    QT_TRANSLATE_NOOP,
    QHBoxLayout,
    QHeaderView,
    QIcon,
    QLabel,
    QPixmap,
    QPushButton,
    QSize,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from pictopy_desktop.ui.translations import file_size, translate, trash_name

ICON = 56
# A restored file comes back with its photo, faces, tags, albums and heart.
RESTORE_CHANGES = OpChanges(
    photos=True, people=True, tags=True, albums=True, favourites=True, trash=True
)
COLUMNS = (
    QT_TRANSLATE_NOOP("pictopy", "Photo"),
    QT_TRANSLATE_NOOP("pictopy", "Folder"),
    QT_TRANSLATE_NOOP("pictopy", "Why"),
    QT_TRANSLATE_NOOP("pictopy", "Removed"),
    "",
)


def _size(size: int | None) -> str:
    if not size:
        return ""
    return file_size(size)


class RecentlyRemovedPage(QWidget):
    """The list of trash records, most recent first, each with a Restore button."""

    index_requested = Signal(object)  # list[Path]: restored files whose library rows were gone

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.entries: list[trash.TrashEntry] = []
        self.buttons: dict[int, QPushButton] = {}
        self.is_loaded = False
        self._items_by_thumb: dict[str, list[QTreeWidgetItem]] = {}
        title = QLabel(translate("pictopy", "Recently removed by PictoPy"))
        title.setObjectName("pageTitle")
        how = (
            translate(
                "pictopy",
                "Files PictoPy moved to the system trash. Restore puts a file back where it was; "
                "the photo returns with its albums and favourite.",
            )
            if trash.freedesktop_trash()
            else translate(
                "pictopy",
                "Files PictoPy moved to the {trash}. Restore says where to find each one there.",
            ).format(trash=trash_name())
        )
        self.subtitle = QLabel(how)
        self.subtitle.setObjectName("pageSubtitle")
        self.subtitle.setWordWrap(True)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(title)
        titles.addWidget(self.subtitle)
        top = QHBoxLayout()
        top.addLayout(titles, 1)
        self.list = QTreeWidget()
        self.list.setObjectName("removedList")
        self.list.setHeaderLabels([translate("pictopy", c) if c else "" for c in COLUMNS])
        self.list.setRootIsDecorated(False)
        self.list.setIconSize(QSize(ICON, ICON))
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setTextElideMode(
            Qt.TextElideMode.ElideMiddle
        )  # the ends of paths tell them apart
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        self.list.setColumnWidth(0, 260)
        self.empty = QLabel(translate("pictopy", "PictoPy has not moved anything to the trash."))
        self.empty.setObjectName("emptyHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 12, 12)
        layout.addLayout(top)
        layout.addSpacing(6)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)
        self.list.hide()
        ctx.images.loaded.connect(self._thumbnail_loaded)

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        """Read the trash records in a worker and show them."""

        def failed(exc: BaseException) -> None:
            messages.exception(exc, "Listing what PictoPy moved to the trash failed")

        self.ctx.read(trash.recently_removed, self._show, context=self, on_failure=failed)

    def _show(self, entries: list[trash.TrashEntry]) -> None:
        self.entries = entries
        self.list.clear()
        self.buttons = {}
        self._items_by_thumb = {}
        for e in entries:
            item = QTreeWidgetItem(
                [
                    f"{e.name}\n{_size(e.size)}",
                    e.folder,
                    self._why(e),
                    f"{e.trashed_at:%Y-%m-%d %H:%M}",
                    "",
                ]
            )
            item.setToolTip(0, e.original_path)
            item.setToolTip(1, e.folder)
            item.setToolTip(
                2,
                self._why(e)
                + (
                    "\n" + translate("pictopy", "The copy kept: {path}").format(path=e.kept_path)
                    if e.kept_path
                    else ""
                ),
            )
            item.setSizeHint(0, QSize(ICON, ICON + 8))
            self.list.addTopLevelItem(item)
            self.list.setItemWidget(item, 4, self._button(e))
            if e.content_hash:
                self._show_thumbnail(item, thumbnail_relpath(e.content_hash))
        self.list.setVisible(bool(entries))
        self.empty.setVisible(not entries)
        self.is_loaded = True

    @staticmethod
    def _why(e: trash.TrashEntry) -> str:
        return e.reason[:1].upper() + e.reason[1:]

    def _button(self, e: trash.TrashEntry) -> QWidget:
        holder = QWidget()
        box = QHBoxLayout(holder)
        box.setContentsMargins(6, 2, 6, 2)
        if e.restored_at is not None:
            done = QLabel(
                translate("pictopy", "Restored {when}").format(
                    when=f"{e.restored_at:%Y-%m-%d %H:%M}"
                )
            )
            done.setObjectName("pageSubtitle")
            box.addWidget(done)
            return holder
        button = QPushButton(translate("pictopy", "Restore"))
        button.setObjectName("primaryButton")
        button.setToolTip(
            translate("pictopy", "Put {name} back in {folder}").format(name=e.name, folder=e.folder)
        )
        button.clicked.connect(lambda: self.restore(e))
        box.addWidget(button)
        self.buttons[e.id] = button
        return holder

    def _show_thumbnail(self, item: QTreeWidgetItem, rel: str) -> None:
        if not (self.ctx.thumbnails_dir / rel).exists():
            return
        pm = self.ctx.thumbnail(rel)
        if isinstance(pm, QPixmap) and not pm.isNull():
            item.setIcon(0, QIcon(pm))
        else:
            self._items_by_thumb.setdefault(f"thumb:{rel}", []).append(item)

    def _thumbnail_loaded(self, key: str) -> None:
        for item in self._items_by_thumb.pop(key, []):
            self._show_thumbnail(item, key.removeprefix("thumb:"))

    # ------------------------------------------------------------ restoring

    def restore(self, entry: trash.TrashEntry) -> None:
        """Put ``entry`` back (writer thread); a refusal is a notification saying why and what to do."""
        button = self.buttons.get(entry.id)
        if button is not None:
            button.setEnabled(False)

        def op() -> trash.Restored | str:
            try:
                return trash.restore(entry.id)
            except (
                trash.TrashError
            ) as exc:  # expected refusals reach the user as a message, not a crash
                return str(exc)

        def done(result: trash.Restored | str) -> None:
            if isinstance(result, str):
                messages.warning(
                    translate("pictopy", "{name} was not restored.").format(name=entry.name),
                    translated(result),
                )
                if button is not None:
                    button.setEnabled(True)
                return
            messages.info(
                translate("pictopy", "Restored {name} to {folder}.").format(
                    name=entry.name, folder=entry.folder
                ),
                result.note,  # the photo is back; why its RAW could not come with it
            )
            if not result.revived:
                self.index_requested.emit([Path(entry.original_path)])
            self.refresh()

        self.ctx.write(
            op,
            done,
            RESTORE_CHANGES,
            translate("pictopy", "Restoring {name} failed").format(name=entry.name),
            context=self,
        )
