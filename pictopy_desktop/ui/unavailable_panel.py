"""Settings → Library: the photos that are offline or missing, and a button to forget them for good."""

from __future__ import annotations

from pathlib import Path

from pictopy_desktop.library.changes import OpChanges, OpResult
from pictopy_desktop.library.unavailable import (
    UnavailablePhoto,
    forget_unavailable,
    save_user_data,
    unavailable_photos,
)
from pictopy_desktop.ui import messages
from pictopy_desktop.ui.context import AppContext
from pictopy_desktop.ui.qt import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from pictopy_desktop.ui.translations import n_, translate

# Forgetting photos takes their faces, tags, albums and hearts with them.
FORGET_CHANGES = OpChanges(
    photos=True, people=True, tags=True, albums=True, favourites=True, folders=True
)


def describe(photos: list[UnavailablePhoto]) -> str:
    """One sentence on what is offline and missing."""
    offline = sum(p.offline for p in photos)
    missing = len(photos) - offline
    if not photos:
        return translate("pictopy", "Every photo in the library is on hand.")
    parts = []
    if offline:
        parts.append(
            n_("%Ln photo(s) offline (the drive or folder holding them can't be reached)", offline)
        )
    if missing:
        parts.append(n_("%Ln photo(s) missing (the file is gone)", missing))
    return translate("pictopy", " and ").join(parts) + translate(
        "pictopy",
        ". They keep their names, albums and favourites, and come back whole when their files return.",
    )


class UnavailablePanel(QWidget):
    """Lists offline and missing photos; "Forget them…" drops them (after asking, with their data saved first)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.photos: list[UnavailablePhoto] = []
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("unavailableSummary")
        self.list = QListWidget()
        self.list.setObjectName("unavailableList")
        self.list.setMaximumHeight(120)
        self.forget_button = QPushButton(translate("pictopy", "Forget them…"))
        self.forget_button.setToolTip(
            translate(
                "pictopy",
                "Remove these photos from the library for good (the files are not touched)",
            )
        )
        self.forget_button.clicked.connect(self.ask_to_forget)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.forget_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.list)
        ctx.changed.connect(
            lambda changes: self.refresh() if changes.touches("photos", "folders") else None
        )
        self.refresh()

    def refresh(self) -> None:
        self.ctx.read(unavailable_photos, self.show_photos, context=self)

    def show_photos(self, photos: list[UnavailablePhoto]) -> None:
        self.photos = photos
        self.summary.setText(describe(photos))
        self.list.clear()
        for p in photos:
            since = f" since {p.since:%Y-%m-%d %H:%M}" if p.since else ""
            self.list.addItem(f"{'Offline' if p.offline else 'Missing'}{since} — {p.path}")
        self.list.setVisible(bool(photos))
        self.forget_button.setEnabled(bool(photos))

    def ask_to_forget(self) -> None:
        if not self.photos:
            return
        n = len(self.photos)
        answer = QMessageBox.question(
            self,
            translate("pictopy", "Forget offline and missing photos"),
            n_(
                "Forget %Ln photo(s) for good, with their names, albums and favourites?\n"
                "They are saved to a file first (Import… puts them back if the photos return). The files are not touched.",
                n,
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.forget([p.id for p in self.photos])

    def forget(self, ids: list[int]) -> None:
        library = self.ctx.library

        def op() -> OpResult[tuple[Path, int]]:
            saved = save_user_data(library.data_dir)
            forgotten = forget_unavailable(library.db, library.thumbnails_dir, ids)
            return OpResult((saved, len(forgotten.value)), forgotten.changes)

        def done(result: OpResult[tuple[Path, int]]) -> None:
            saved, n = result.value
            messages.info(
                n_("Forgot %Ln photo(s). Their names and albums were saved to {saved}.", n).format(
                    saved=saved
                )
            )

        self.ctx.write(
            op,
            done,
            FORGET_CHANGES,
            translate("pictopy", "Forgetting the photos failed"),
            context=self,
        )
