"""'Is this Alice?': suggested faces answered with one click, or one key each on a review page.

``people.suggestions`` finds Unknown faces that look like someone already in People.
Here they become cards (the face, the question, Yes / No) on the People page and on a
person's page, and a review page that goes through them one key press each: Y (yes),
N (no), S or → (skip). Each answer is one undoable step (Ctrl+Z). Suggestions and the
face rows to crop are read in a worker; the GUI thread only paints.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from pictopy_desktop.library import read_model as bq
from pictopy_desktop.ui import people_actions as actions
from pictopy_desktop.ui.context import AppContext
from pictopy_desktop.ui.face_tiles import round_face_pixmap
from pictopy_desktop.ui.qt import (
    QFrame,
    QHBoxLayout,
    QKeyEvent,
    QLabel,
    QPushButton,
    QScrollArea,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from pictopy_desktop.ui.translations import n_, translate

STRIP_CARDS = 8  # cards on a strip; the rest wait on the review page


@dataclass(frozen=True)
class SuggestionItem:
    """One suggestion with the face row its crop is cut from."""

    face: bq.FaceRow
    person_id: int
    person_name: str | None
    distance: float

    @property
    def question(self) -> str:
        if self.person_name:
            return translate("pictopy", "Is this {name}?").format(name=self.person_name)
        return translate("pictopy", "Is this the same person?")


def load_suggestions(
    library, person_id: int | None = None, limit: int = 200
) -> list[SuggestionItem]:
    """Suggestions (best first) with their faces; runs in a worker.

    The person's own name is used, or None for someone unnamed ("Same person?"), never
    an internal label such as "Person 22".
    """
    from pictopy_desktop.people.people_store import NoSuchPersonError
    from pictopy_desktop.people.suggestions import list_suggestions

    try:
        found = list_suggestions(library, person_id=person_id, limit=limit)
    except NoSuchPersonError:  # merged away or removed while their page was open: nothing to ask
        return []
    faces = bq.faces_by_id([s.face_id for s in found])
    names = bq.person_names(s.person_id for s in found)
    return [
        SuggestionItem(faces[s.face_id], s.person_id, names.get(s.person_id) or None, s.distance)
        for s in found
        if s.face_id in faces
    ]


def _person(ctx: AppContext, person_id: int) -> bq.PersonRow | None:
    return next((p for p in ctx.people if p.id == person_id), None)


class SuggestionCard(QFrame):
    """The suggested face, "Alice?" with her face beside it, and Yes / No."""

    answered = Signal(object, bool)  # SuggestionItem, yes

    FACE, COVER = 88, 28

    def __init__(
        self, ctx: AppContext, item: SuggestionItem, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("suggestionCard")
        self.ctx = ctx
        self.item = item
        self.face = QLabel()
        self.face.setFixedSize(self.FACE, self.FACE)
        self.cover = QLabel()
        self.cover.setFixedSize(self.COVER, self.COVER)
        self.name = QLabel()
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.name.setText(
            f"{item.person_name}?" if item.person_name else translate("pictopy", "Same person?")
        )
        self.name.setObjectName("suggestionName")
        self.setToolTip(f"{item.question}\n{item.face.path}")
        self.yes = QPushButton(translate("pictopy", "Yes"))
        self.yes.setObjectName("primaryButton")
        self.yes.setToolTip(
            translate("pictopy", "Yes: put this face with {name}").format(
                name=item.person_name or translate("pictopy", "this person")
            )
        )
        self.no = QPushButton(translate("pictopy", "No"))
        self.no.setToolTip(
            translate("pictopy", "No: not this person; it will not be suggested for them again")
        )
        self.yes.clicked.connect(lambda: self.answered.emit(self.item, True))
        self.no.clicked.connect(lambda: self.answered.emit(self.item, False))
        who = QHBoxLayout()
        who.setSpacing(6)
        who.addWidget(self.cover)
        who.addWidget(self.name, 1)
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        buttons.addWidget(self.yes)
        buttons.addWidget(self.no)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.face, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(who)
        layout.addLayout(buttons)
        self.setFixedWidth(150)
        self.show_faces()

    def show_faces(self) -> None:
        self.face.setPixmap(
            round_face_pixmap(self.ctx.face(self.item.face), self.FACE, self.palette(), "?")
        )
        person = _person(self.ctx, self.item.person_id)
        cover = self.ctx.face_by_id(person.cover_face_id) if person is not None else None
        initial = (self.item.person_name or "?")[:1].upper()
        self.cover.setPixmap(round_face_pixmap(cover, self.COVER, self.palette(), initial))


class SuggestionsStrip(QFrame):
    """A row of "Is this …?" cards over the People grid or a person's photos; hidden when empty."""

    review_requested = Signal(object)  # person id, or None for everyone

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestionsStrip")
        self.ctx = ctx
        self.person_id: int | None = None
        self.items: list[SuggestionItem] = []
        self.cards: list[SuggestionCard] = []
        self._generation = 0
        self.title = QLabel(translate("pictopy", "Is this them?"))
        self.title.setObjectName("sectionLabel")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.review_button = QPushButton(translate("pictopy", "Review all"))
        self.review_button.setToolTip(
            translate(
                "pictopy", "Go through the suggestions one key press each: Y yes, N no, S skip"
            )
        )
        self.review_button.clicked.connect(lambda: self.review_requested.emit(self.person_id))
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.review_button)
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addStretch(1)
        holder = QWidget()
        holder.setLayout(self.row)
        scroll = QScrollArea()
        scroll.setObjectName("suggestionsScroll")
        scroll.setWidget(holder)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFixedHeight(196)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addLayout(top)
        layout.addWidget(scroll)
        ctx.images.loaded.connect(self._image_loaded)
        self.hide()

    def load(self, person_id: int | None = None) -> None:
        """Read the suggestions (for ``person_id``, or everyone) in a worker and show them."""
        self.person_id = person_id
        self._generation += 1
        generation, library = self._generation, self.ctx.library
        self.ctx.read(
            lambda: load_suggestions(library, person_id),
            lambda items: self._loaded(generation, items),
            context=self,
            on_failure=self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        from pictopy_desktop.ui import messages

        messages.exception(exc, "Could not look for suggested faces")
        self.hide()

    def _loaded(self, generation: int, items: list[SuggestionItem]) -> None:
        if generation != self._generation:
            return
        self.items = items
        for card in self.cards:
            card.deleteLater()
        self.cards = []
        for item in items[:STRIP_CARDS]:
            card = SuggestionCard(self.ctx, item, self)
            card.answered.connect(self.answer)
            self.row.insertWidget(self.row.count() - 1, card)
            self.cards.append(card)
        self._update_title()

    def _update_title(self) -> None:
        n = len(self.items)
        names = {i.person_name for i in self.items}
        if self.person_id is not None and len(names) == 1 and None not in names:
            self.title.setText(
                n_("Is this {name}? %Ln suggested face(s)", n).format(name=next(iter(names)))
            )
        else:
            self.title.setText(n_("Is this them? %Ln suggested face(s)", n))
        self.review_button.setText(n_("Review all (%Ln)", n))
        self.setVisible(n > 0)

    def answer(self, item: SuggestionItem, yes: bool) -> None:
        """Answer one card: it goes at once; the write and the refresh follow in the background."""
        self.items = [i for i in self.items if i.face.id != item.face.id]
        for card in [c for c in self.cards if c.item.face.id == item.face.id]:
            self.cards.remove(card)
            card.deleteLater()
        self._update_title()
        actions.answer_suggestion(self.ctx, item.face.id, item.person_id, yes)

    def _image_loaded(self, key: str) -> None:
        if key.startswith("face:"):
            for card in self.cards:
                card.show_faces()


class SuggestionsReviewPage(QWidget):
    """One suggestion at a time, big: Y yes, N no, S or → skip; Esc goes back."""

    back = Signal()

    FACE, COVER = 220, 96

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestionsReview")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.ctx = ctx
        self.person_id: int | None = None
        self.items: list[SuggestionItem] = []
        self.position = 0
        self.answered = 0
        self.is_loaded = False
        self._generation = 0
        back = QPushButton(translate("pictopy", "‹ People"))
        back.setObjectName("backButton")
        back.clicked.connect(self.back.emit)
        title = QLabel(translate("pictopy", "Review suggested faces"))
        title.setObjectName("pageTitle")
        self.progress = QLabel("")
        self.progress.setObjectName("pageSubtitle")
        top = QHBoxLayout()
        top.addWidget(back)
        top.addWidget(title, 1)
        top.addWidget(self.progress)
        self.face = QLabel()
        self.face.setFixedSize(self.FACE, self.FACE)
        self.cover = QLabel()
        self.cover.setFixedSize(self.COVER, self.COVER)
        self.cover_name = QLabel()
        self.cover_name.setTextFormat(Qt.TextFormat.PlainText)
        self.cover_name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.question = QLabel()
        self.question.setObjectName("pageTitle")
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.file = QLabel()
        self.file.setObjectName("pageSubtitle")
        self.file.setTextFormat(Qt.TextFormat.PlainText)
        self.file.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.yes = QPushButton(translate("pictopy", "Yes  (Y)"))
        self.yes.setObjectName("primaryButton")
        self.no = QPushButton(translate("pictopy", "No  (N)"))
        self.skip = QPushButton(translate("pictopy", "Skip  (S)"))
        self.yes.clicked.connect(lambda: self.answer(True))
        self.no.clicked.connect(lambda: self.answer(False))
        self.skip.clicked.connect(self.skip_one)
        for button in (self.yes, self.no, self.skip):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys go to the page, not a button
        self.done = QLabel("")
        self.done.setObjectName("emptyHint")
        self.done.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done.setWordWrap(True)
        faces = QHBoxLayout()
        faces.addStretch(1)
        faces.addWidget(self.face)
        faces.addSpacing(24)
        who = QVBoxLayout()
        who.addStretch(1)
        who.addWidget(self.cover, 0, Qt.AlignmentFlag.AlignHCenter)
        who.addWidget(self.cover_name)
        who.addStretch(1)
        faces.addLayout(who)
        faces.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.yes, self.no, self.skip):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.card = QWidget()
        card = QVBoxLayout(self.card)
        card.addStretch(1)
        card.addLayout(faces)
        card.addSpacing(12)
        card.addWidget(self.question)
        card.addWidget(self.file)
        card.addSpacing(12)
        card.addLayout(buttons)
        card.addStretch(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 8, 12)
        layout.addLayout(top)
        layout.addWidget(self.card, 1)
        layout.addWidget(self.done, 1)
        ctx.images.loaded.connect(self._image_loaded)

    def show_for(self, person_id: int | None) -> None:
        """Review the suggestions for ``person_id`` (None: everyone's)."""
        self.person_id = person_id
        self.refresh()

    def refresh(self) -> None:
        self._generation += 1
        self.is_loaded = False
        generation, library, person_id = self._generation, self.ctx.library, self.person_id
        self.ctx.read(
            lambda: load_suggestions(library, person_id),
            lambda items: self._loaded(generation, items),
            context=self,
        )

    def _loaded(self, generation: int, items: list[SuggestionItem]) -> None:
        if generation != self._generation:
            return
        self.items, self.position, self.answered = items, 0, 0
        self.is_loaded = True
        self._show()
        self.setFocus()

    @property
    def current(self) -> SuggestionItem | None:
        return self.items[self.position] if 0 <= self.position < len(self.items) else None

    def _show(self) -> None:
        item = self.current
        self.card.setVisible(item is not None)
        self.done.setVisible(item is None)
        if item is None:
            self.progress.setText("")
            self.done.setText(
                n_(
                    "All done: %Ln answered. New suggestions appear as photos are added.",
                    self.answered,
                )
                if self.answered
                else translate(
                    "pictopy",
                    "Nothing to review: no Unknown face looks like anyone in People right now.",
                )
            )
            return
        self.progress.setText(
            translate("pictopy", "{position} of {count}").format(
                position=self.position + 1, count=len(self.items)
            )
        )
        self.question.setText(item.question)
        self.file.setText(self._where(item))
        self.cover_name.setText(item.person_name or translate("pictopy", "No name yet"))
        self._show_faces()

    def _where(self, item: SuggestionItem) -> str:
        """The photo's file name; for a face standing for a small unnamed group, that yes takes them all."""
        name = os.path.basename(item.face.path)
        group = _person(self.ctx, item.face.person_id) if item.face.person_id is not None else None
        if group is not None and not group.has_name and group.photo_count > 1:
            return f"{name} · " + n_(
                "one of %Ln photo(s) of an unnamed person: yes adds them all", group.photo_count
            )
        return name

    def _show_faces(self) -> None:
        item = self.current
        if item is None:
            return
        self.face.setPixmap(
            round_face_pixmap(self.ctx.face(item.face), self.FACE, self.palette(), "?")
        )
        person = _person(self.ctx, item.person_id)
        cover = self.ctx.face_by_id(person.cover_face_id) if person is not None else None
        self.cover.setPixmap(
            round_face_pixmap(
                cover, self.COVER, self.palette(), (item.person_name or "?")[:1].upper()
            )
        )

    def _image_loaded(self, key: str) -> None:
        if key.startswith("face:") and self.isVisible():
            self._show_faces()

    def answer(self, yes: bool) -> None:
        """Yes or no for the face shown, then the next one at once (the write runs behind)."""
        item = self.current
        if item is None:
            return
        actions.answer_suggestion(self.ctx, item.face.id, item.person_id, yes)
        self.answered += 1
        self.position += 1
        self._show()

    def skip_one(self) -> None:
        if self.current is not None:
            self.position += 1
            self._show()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Y:
            self.answer(True)
        elif key == Qt.Key.Key_N:
            self.answer(False)
        elif key in (Qt.Key.Key_S, Qt.Key.Key_Right, Qt.Key.Key_Space):
            self.skip_one()
        elif key == Qt.Key.Key_Escape:
            self.back.emit()
        else:
            super().keyPressEvent(event)
