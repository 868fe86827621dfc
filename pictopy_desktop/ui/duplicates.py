"""Duplicates: groups of the same picture (exact copies and resized/re-saved ones) with thumbnails.

Each copy shows its folder, resolution and file size. Per group, "Keep this one" moves
the others to the system trash (after a confirmation listing every file; never deleted
outright) on the writer thread, through the same checks as the command line
(``library.duplicates.trash_duplicates``), then a notification says what happened, files
left where they were included; "Recently removed" lists what went, with a way back. Photos indexed before perceptual hashes existed are hashed from
their thumbnails the first time the view opens.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from pictopy_desktop.library import read_model as bq
from pictopy_desktop.library.changes import OpChanges
from pictopy_desktop.library.memory_budget import release_free_memory
from pictopy_desktop.ui import messages
from pictopy_desktop.ui.context import AppContext
from pictopy_desktop.ui.face_tiles import square_pixmap
from pictopy_desktop.ui.qt import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPixmap,
    QPushButton,
    QScrollArea,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from pictopy_desktop.ui.translations import file_size, n_, translate
from pictopy_desktop.workers.tasks import pools, run_in_background

THUMB = 150
RELEASE_DELAY_MS = 200
COLUMNS = 5
PAGE_GROUPS = 50
# A trashed copy leaves the library; its heart, albums and names go to the keeper.
TRASH_CHANGES = OpChanges(
    photos=True, people=True, tags=True, albums=True, favourites=True, folders=True, trash=True
)

if TYPE_CHECKING:
    from pictopy_desktop.library.duplicates import TrashOutcome


def _mb(size: int) -> str:
    return file_size(size)


def folder_of(photo: bq.DuplicatePhoto) -> str:
    return os.path.dirname(photo.path)


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask before anything is moved to the trash (tests answer for the user)."""
    return QMessageBox.question(parent, title, text) == QMessageBox.StandardButton.Yes


class PhotoCard(QFrame):
    keep_requested = Signal(object)  # DuplicatePhoto

    def __init__(
        self, photo: bq.DuplicatePhoto, suggested: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatePhoto")
        self.setProperty("suggested", suggested)
        self.photo = photo
        self.thumb = QLabel()
        self.thumb.setObjectName("duplicateThumb")
        self.thumb.setFixedSize(THUMB, THUMB)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb.setText("…" if photo.thumbnail else translate("pictopy", "No preview"))
        name = QLabel()
        name.setObjectName("duplicateName")
        name.setText(name.fontMetrics().elidedText(photo.name, Qt.TextElideMode.ElideMiddle, THUMB))
        # Which folder each copy is in: two copies with one name are told apart only by it.
        self.folder = QLabel()
        self.folder.setObjectName("duplicateFolder")
        self.folder.setText(
            self.folder.fontMetrics().elidedText(
                folder_of(photo), Qt.TextElideMode.ElideMiddle, THUMB
            )
        )
        self.folder.setToolTip(folder_of(photo))
        dims = f"{photo.width} × {photo.height} · " if photo.width else ""
        self.details = f"{dims}{_mb(photo.file_size)}"
        info = QLabel(f"{self.details}\n{photo.date}")
        info.setObjectName("pageSubtitle")
        self.keep = QPushButton(translate("pictopy", "Keep this one"))
        self.keep.setObjectName("primaryButton" if suggested else "keepButton")
        self.keep.setToolTip(
            (translate("pictopy", "Suggested: the largest copy.") + "\n" if suggested else "")
            + translate("pictopy", "Keep this photo and move the others of the group to the trash")
        )
        self.keep.clicked.connect(lambda: self.keep_requested.emit(self.photo))
        self.setToolTip(photo.path)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(4)
        layout.addWidget(self.thumb, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(name)
        layout.addWidget(self.folder)
        layout.addWidget(info)
        layout.addWidget(self.keep)

    def set_pixmap(self, pm: QPixmap) -> None:
        self.thumb.setPixmap(square_pixmap(pm, THUMB, self.photo.faces))


class GroupWidget(QFrame):
    keep_requested = Signal(object, object)  # DuplicateGroupRow, kept DuplicatePhoto
    open_requested = Signal(object)  # DuplicateGroupRow

    def __init__(self, group: bq.DuplicateGroupRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicateGroup")
        self.group = group
        n = len(group.photos)
        kind = (
            "exact copies (the same file contents)"
            if group.exact
            else "the same picture at other sizes or quality"
        )
        header = QLabel(n_("%Ln photo(s)", n) + " · " + kind)
        header.setObjectName("duplicateHeader")
        spare = sum(p.file_size for p in group.photos[1:])
        note = QLabel(
            translate("pictopy", "Keeping one frees about {size}").format(size=_mb(spare))
        )
        note.setObjectName("pageSubtitle")
        compare = QPushButton(translate("pictopy", "Open as gallery"))
        compare.setToolTip(translate("pictopy", "Look at the photos side by side in the viewer"))
        compare.clicked.connect(lambda: self.open_requested.emit(self.group))
        top = QHBoxLayout()
        top.addWidget(header)
        top.addSpacing(8)
        top.addWidget(note, 1)
        top.addWidget(compare)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(10)
        self.cards: list[PhotoCard] = []
        for k, photo in enumerate(group.photos):
            card = PhotoCard(photo, suggested=k == 0)
            card.keep_requested.connect(lambda p: self.keep_requested.emit(self.group, p))
            grid.addWidget(card, k // COLUMNS, k % COLUMNS)
            self.cards.append(card)
        grid.setColumnStretch(COLUMNS, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.addLayout(top)
        layout.addLayout(grid)


class DuplicatesPage(QWidget):
    open_gallery = Signal(object)  # GalleryFilter
    open_removed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.groups: list[bq.DuplicateGroupRow] = []
        self.group_widgets: list[GroupWidget] = []
        self.is_loaded = False
        self._hashes_checked = False
        self._generation = 0
        self._busy = False
        self._again = False
        self._cards_by_thumb: dict[str, list[PhotoCard]] = {}
        self._hidden_at: tuple[int, int] | None = None  # (groups shown, scroll) when left
        title = QLabel(translate("pictopy", "Duplicates"))
        title.setObjectName("pageTitle")
        self.subtitle = QLabel("")
        self.subtitle.setObjectName("pageSubtitle")
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(title)
        titles.addWidget(self.subtitle)
        self.refresh_button = QPushButton(translate("pictopy", "Look again"))
        self.refresh_button.setToolTip(translate("pictopy", "Look for duplicates again"))
        self.refresh_button.clicked.connect(self.refresh)
        self.removed_button = QPushButton(translate("pictopy", "Recently removed…"))
        self.removed_button.setToolTip(
            translate("pictopy", "What PictoPy moved to the trash, with a way back")
        )
        self.removed_button.clicked.connect(self.open_removed.emit)
        top = QHBoxLayout()
        top.addLayout(titles, 1)
        top.addWidget(self.removed_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)
        self.container = QWidget()
        self.container.setObjectName("duplicatesList")
        self.list_layout = QVBoxLayout(self.container)
        self.list_layout.setContentsMargins(0, 0, 12, 12)
        self.list_layout.setSpacing(12)
        self.more = QPushButton(translate("pictopy", "Show more"))
        self.more.clicked.connect(self._show_more)
        self.list_layout.addWidget(self.more, 0, Qt.AlignmentFlag.AlignHCenter)
        self.list_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("duplicatesScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.container)
        self.empty = QLabel(translate("pictopy", "Looking for duplicates…"))
        self.empty.setObjectName("emptyHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 8, 0)
        layout.addLayout(top)
        layout.addSpacing(6)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.empty, 1)
        self.scroll.hide()
        ctx.images.loaded.connect(self._thumbnail_loaded)

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        """Look for duplicates in a worker; while one search runs, another waits for it (indexing refreshes often)."""
        if self._busy:
            self._again = True
            return
        self._busy = True
        self._generation += 1
        generation = self._generation
        if not self._hashes_checked:
            # Photos from before perceptual hashes: hash their thumbnails once, on the writer thread.
            from pictopy_desktop.library.duplicates import backfill_perceptual_hashes

            db, thumbs = self.ctx.library.db, self.ctx.library.thumbnails_dir
            self._hashes_checked = True

            def failed(exc: BaseException) -> None:
                messages.exception(exc, "Hashing older photos for the duplicate search failed")
                self._list(generation)

            run_in_background(
                lambda: backfill_perceptual_hashes(db, thumbs),
                lambda _n: self._list(generation),
                failed,
                pools().writer,
                self,
            )
        else:
            self._list(generation)

    def _list(self, generation: int) -> None:
        def failed(exc: BaseException) -> None:
            self._done()
            messages.exception(exc, "Looking for duplicates failed")

        self.ctx.read(
            bq.duplicates_listing,
            lambda groups: self._loaded(generation, groups),
            context=self,
            on_failure=failed,
        )

    def _done(self) -> None:
        self._busy = False
        if self._again:
            self._again = False
            self.refresh()

    def _loaded(self, generation: int, groups: list[bq.DuplicateGroupRow]) -> None:
        if generation == self._generation:
            self._show_groups(groups)
        self._done()

    def hideEvent(self, event) -> None:
        """Leaving the page lets its cards go (hundreds of widgets and thumbnails); the groups
        found stay, so coming back rebuilds the same cards without searching again."""
        super().hideEvent(event)
        if not event.spontaneous() and self.group_widgets:  # not when the window is minimised
            self._hidden_at = (len(self.group_widgets), self.scroll.verticalScrollBar().value())
            self._drop_cards()
            # Once the cards are deleted (deleteLater), hand their memory back to the system:
            # freed, it would stay in the process for the next allocations.
            QTimer.singleShot(RELEASE_DELAY_MS, self, release_free_memory)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._hidden_at is not None:
            shown, scroll = self._hidden_at
            self._hidden_at = None
            self._show_more()
            while len(self.group_widgets) < min(shown, len(self.groups)):
                self._show_more()
            QTimer.singleShot(0, self, lambda: self.scroll.verticalScrollBar().setValue(scroll))

    def _drop_cards(self) -> None:
        for w in self.group_widgets:
            w.setParent(None)
            w.deleteLater()
        self.group_widgets = []
        self._cards_by_thumb = {}

    def _show_groups(self, groups: list[bq.DuplicateGroupRow]) -> None:
        self.groups = groups
        self._drop_cards()
        if self.isHidden():  # found while the user looks elsewhere: the cards wait for the page
            self._hidden_at = (PAGE_GROUPS, 0)
        else:
            self._hidden_at = None
            self._show_more()
        spare = sum(p.file_size for g in groups for p in g.photos[1:])
        extra = sum(len(g.photos) - 1 for g in groups)
        self.subtitle.setText(
            n_("%Ln group(s)", len(groups))
            + " · "
            + n_("%Ln extra copy(-ies)", extra)
            + " · "
            + translate("pictopy", "about {size} to free").format(size=_mb(spare))
            if groups
            else ""
        )
        self.empty.setText(
            translate(
                "pictopy",
                "No duplicates found. Exact copies and the same picture saved at other sizes show up here.",
            )
        )
        self.empty.setVisible(not groups)
        self.scroll.setVisible(bool(groups))
        self.is_loaded = True

    def _show_more(self) -> None:
        start = len(self.group_widgets)
        for group in self.groups[start : start + PAGE_GROUPS]:
            w = GroupWidget(group, self.container)
            w.keep_requested.connect(self.keep)
            w.open_requested.connect(self._open_group)
            self.list_layout.insertWidget(self.list_layout.indexOf(self.more), w)
            self.group_widgets.append(w)
            for card in w.cards:
                self._show_thumbnail(card)
        left = len(self.groups) - len(self.group_widgets)
        self.more.setVisible(left > 0)
        self.more.setText(n_("Show more (%Ln more group(s))", left))

    def _show_thumbnail(self, card: PhotoCard) -> None:
        rel = card.photo.thumbnail
        if not rel:
            return
        pm = self.ctx.thumbnail(rel)
        if isinstance(pm, QPixmap) and not pm.isNull():
            card.set_pixmap(pm)
        else:
            self._cards_by_thumb.setdefault(f"thumb:{rel}", []).append(card)

    def _thumbnail_loaded(self, key: str) -> None:
        for card in self._cards_by_thumb.pop(key, []):
            self._show_thumbnail(card)

    # ------------------------------------------------------------ actions

    def _open_group(self, group: bq.DuplicateGroupRow) -> None:
        ids = tuple(p.id for p in group.photos)
        self.open_gallery.emit(
            bq.GalleryFilter(
                bq.RANKED,
                ids,
                translate("pictopy", "Duplicates of {name}").format(name=group.photos[0].name),
            )
        )

    def keep(self, group: bq.DuplicateGroupRow, keep: bq.DuplicatePhoto) -> None:
        """Ask, then keep ``keep`` and move the group's other photos to the system trash."""
        others = [p for p in group.photos if p.id != keep.id]
        if not others:
            return
        # Every file with its folder: the user sees exactly what will move.
        line = translate("pictopy", "  • {name}  ({width} × {height}, {size})  in {folder}")
        names = "\n".join(
            line.format(
                name=p.name,
                width=p.width,
                height=p.height,
                size=_mb(p.file_size),
                folder=folder_of(p),
            )
            for p in others
        )
        question = (
            n_(
                "Keep “{name}” in {folder} and move %Ln other photo(s) (exact copies) to the trash?",
                len(others),
            )
            if group.exact
            else n_(
                "Keep “{name}” in {folder} and move %Ln other photo(s) (near duplicates: the same "
                "picture, not identical files) to the trash?",
                len(others),
            )
        ).format(name=keep.name, folder=folder_of(keep))
        checked = translate(
            "pictopy",
            "Each file is checked again right before it moves. “Recently removed” lists them, with a way back.",
        )
        if not confirm(
            self,
            translate("pictopy", "Move duplicates to the trash"),
            f"{question}\n\n{names}\n\n{checked}",
        ):
            return
        other_ids = [p.id for p in others]

        def op() -> TrashOutcome:
            # numpy comes with it: imported in the worker, never on the app's start path.
            from pictopy_desktop.library.duplicates import trash_duplicates

            # The same checks as the command line: each file is re-read right before it moves.
            return trash_duplicates(keep.id, other_ids, exact_only=False)

        def done(outcome: TrashOutcome) -> None:
            moved = len(outcome.trashed)
            if outcome.refused:
                details = "\n".join(f"{path}: {reason}" for path, reason in outcome.refused)
                messages.warning(
                    n_(
                        "Moved %Ln photo(s) to the trash; {refused} stayed where they are (see details).",
                        moved,
                    ).format(refused=len(outcome.refused)),
                    details,
                )
            else:
                messages.info(
                    n_("Kept “{name}” and moved %Ln photo(s) to the trash.", moved).format(
                        name=keep.name
                    )
                )

        self.ctx.write(
            op,
            done,
            TRASH_CHANGES,
            translate("pictopy", "Moving duplicates to the trash failed"),
            context=self,
        )
