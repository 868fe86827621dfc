"""Asking before two people become one: both faces side by side, with real photo counts.

A merge moves every face of the others into the target; the dialog says exactly that
("Merge 15 photos of an unnamed person into Alice?") over the covers of everyone
involved, so a click on the wrong tile is caught before it happens (and Ctrl+Z still
splits a merge back afterwards).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from pictopy_desktop.library import read_model as bq
from pictopy_desktop.ui.context import AppContext
from pictopy_desktop.ui.face_tiles import round_face_pixmap
from pictopy_desktop.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    Qt,
    QVBoxLayout,
    QWidget,
)
from pictopy_desktop.ui.translations import n_, translate

COVER = 96


def person_label(row: bq.PersonRow) -> str:
    """How messages name a person: their name, or "an unnamed person" (never an internal id)."""
    return row.name or translate("pictopy", "an unnamed person")


def photos(n: int) -> str:
    return n_("%Ln photo(s)", n)


def merge_summary(target: bq.PersonRow, others: Sequence[bq.PersonRow]) -> tuple[int, str]:
    """(photos moved, "15 photos of an unnamed person") for the question and the message after."""
    moved = sum(o.photo_count for o in others)
    if len(others) == 1:
        who = person_label(others[0])
    else:
        names = [o.name for o in others if o.name]
        who = ", ".join(names) if len(names) == len(others) else n_("%Ln person(s)", len(others))
    return moved, translate("pictopy", "{photos} of {who}").format(photos=photos(moved), who=who)


class MergeDialog(QDialog):
    """ "Same person?": the others' covers, an arrow, the target's cover; Merge or Cancel."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None,
        target: bq.PersonRow,
        others: Sequence[bq.PersonRow],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle(translate("pictopy", "Same person?"))
        self.ctx = ctx
        self.target = target
        self.others = list(others)
        self.covers: list[tuple[QLabel, bq.PersonRow]] = []
        faces = QHBoxLayout()
        faces.addStretch(1)
        for other in self.others[:4]:
            faces.addLayout(self._person_column(other))
        arrow = QLabel("→")
        arrow.setObjectName("pageTitle")
        faces.addWidget(arrow)
        faces.addLayout(self._person_column(target))
        faces.addStretch(1)
        _, what = merge_summary(target, self.others)
        self.question = QLabel()
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.question.setText(
            translate("pictopy", "Merge {what} into {name}?").format(
                what=what, name=target.name or translate("pictopy", "this unnamed person")
            )
        )
        self.question.setObjectName("mergeQuestion")
        self.question.setWordWrap(True)
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        named = target.name or next((o.name for o in self.others if o.name), None)
        detail = QLabel(
            (
                translate("pictopy", "They become one person named {name}.").format(name=named)
                if named
                else translate("pictopy", "They become one person.")
            )
            + " "
            + translate("pictopy", "Ctrl+Z undoes it.")
        )
        detail.setTextFormat(Qt.TextFormat.PlainText)
        detail.setObjectName("pageSubtitle")
        detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            translate("pictopy", "Merge")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(faces)
        layout.addWidget(self.question)
        layout.addWidget(detail)
        layout.addWidget(self.buttons)
        ctx.images.loaded.connect(self._show_covers)
        self._show_covers()

    def _person_column(self, row: bq.PersonRow) -> QVBoxLayout:
        column = QVBoxLayout()
        cover = QLabel()
        cover.setFixedSize(COVER, COVER)
        self.covers.append((cover, row))
        name = QLabel(
            f"<b>{html.escape(row.name)}</b>"
            if row.name
            else "<i>" + html.escape(translate("pictopy", "No name yet")) + "</i>"
        )
        name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        count = QLabel(photos(row.photo_count))
        count.setObjectName("pageSubtitle")
        count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(cover, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(name)
        column.addWidget(count)
        return column

    def _show_covers(self, _key: str = "") -> None:
        for label, row in self.covers:
            pm = self.ctx.face_by_id(row.cover_face_id)
            label.setPixmap(
                round_face_pixmap(pm, COVER, self.palette(), (row.name or "?")[:1].upper())
            )
