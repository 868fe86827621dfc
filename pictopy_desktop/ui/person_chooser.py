"""Choosing a person by face: the one dialog behind "Who is this?", "Move to…" and "Merge into…".

A list of text such as "Unnamed person #22" tells the user nothing; here every person is
their face, their name (or "No name yet") and their photo count, and typing filters the
list by name as you type (names starting with the text first). The dialog shows the
face(s) being named or moved, so nobody names the wrong face. Enter picks the
highlighted person, or a new person with the typed name where that is allowed.

The people come from ``AppContext.people`` (kept fresh in the background), so opening
the dialog runs no query on the GUI thread; face crops come from the shared loader.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pictopy_desktop.library import read_model as bq
from pictopy_desktop.ui.context import AppContext, face_id_of_key
from pictopy_desktop.ui.face_tiles import paint_round_face, round_face_pixmap
from pictopy_desktop.ui.qt import (
    QAbstractItemView,
    QAbstractListModel,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QEvent,
    QFont,
    QGuiApplication,
    QHBoxLayout,
    QIcon,
    QLabel,
    QLineEdit,
    QListView,
    QModelIndex,
    QObject,
    QPainter,
    QPixmap,
    QRect,
    QSize,
    QStyle,
    QStyledItemDelegate,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from pictopy_desktop.ui.translations import n_, translate


@dataclass(frozen=True)
class Choice:
    """What the user picked: an existing person, or a new one (with the typed name, if any)."""

    person_id: int | None
    name: str | None = None

    @property
    def is_new(self) -> bool:
        return self.person_id is None


NEW = "new"  # the "New person" entry of the list

EntryRole = Qt.ItemDataRole.UserRole + 20


def rank_people(
    people: Sequence[bq.PersonRow], text: str, exclude: set[int] = frozenset()
) -> list[bq.PersonRow]:
    """``people`` matching the typed ``text``: names starting with it, then a word starting with
    it, then containing it; with no text, named people by name, then unnamed by photo count."""
    text = " ".join(text.split()).casefold()
    people = [p for p in people if p.id not in exclude]
    if not text:
        named = sorted(
            (p for p in people if p.has_name), key=lambda p: ((p.name or "").casefold(), p.id)
        )
        unnamed = sorted(
            (p for p in people if not p.has_name), key=lambda p: (-p.photo_count, p.id)
        )
        return named + unnamed
    ranked = []
    for p in people:
        name = (p.name or "").casefold()
        if not name:
            continue
        if name.startswith(text):
            rank = 0
        elif any(word.startswith(text) for word in name.split()):
            rank = 1
        elif text in name:
            rank = 2
        else:
            continue
        ranked.append((rank, -p.photo_count, name, p.id, p))
    return [r[-1] for r in sorted(ranked, key=lambda r: r[:4])]


def exact_match(people: Sequence[bq.PersonRow], name: str) -> bq.PersonRow | None:
    """The named person called ``name`` (ignoring case and extra spaces), if there is one."""
    key = " ".join(name.split()).casefold()
    return next(
        (p for p in people if p.has_name and " ".join((p.name or "").split()).casefold() == key),
        None,
    )


class ChooserModel(QAbstractListModel):
    """The people matching the typed text, each with their face; maybe a "New person" entry first."""

    def __init__(
        self, ctx: AppContext, allow_new: bool, exclude: set[int], new_first: bool = True
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.allow_new = allow_new
        self.new_first = new_first
        self.exclude = exclude
        self.text = ""
        self.entries: list = []
        ctx.images.loaded.connect(self._image_loaded)
        self.set_text("")

    def set_text(self, text: str) -> None:
        self.text = " ".join(text.split())
        people = rank_people(self.ctx.people, self.text, self.exclude)
        entries: list = list(people)
        if self.allow_new and not exact_match(self.ctx.people, self.text):
            # Naming: a typed name that is nobody's yet comes first, so Enter never files a face
            # under "Evan" when the user typed "Eva"; the people whose names match follow (Down,
            # Enter). Moving: the text finds a person, and Enter picks the best match.
            if self.text and (self.new_first or not people):
                entries.insert(0, NEW)
            else:
                entries.append(NEW)
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.entries):
            return None
        entry = self.entries[index.row()]
        if role == EntryRole:
            return entry
        if entry == NEW:
            if role == Qt.ItemDataRole.DisplayRole:
                if self.text:
                    return translate("pictopy", "New person “{name}”").format(name=self.text)
                return translate("pictopy", "New person")
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.name or translate("pictopy", "No name yet")
        if role == Qt.ItemDataRole.DecorationRole:
            return self.ctx.face_by_id(entry.cover_face_id)
        if role == Qt.ItemDataRole.ToolTipRole:
            name = entry.name or translate("pictopy", "No name yet")
            return f"{name}\n{_photos(entry.photo_count)}"
        return None

    def _image_loaded(self, key: str) -> None:
        if not key.startswith("face:"):
            return
        face_id = face_id_of_key(key)
        for i, entry in enumerate(self.entries):
            if entry != NEW and entry.cover_face_id == face_id:
                idx = self.index(i)
                self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DecorationRole])


def _photos(n: int) -> str:
    return n_("%Ln photo(s)", n)


class ChooserDelegate(QStyledItemDelegate):
    """A round face, the name (bold) or "No name yet" (italic), and the photo count."""

    H, FACE = 52, 40

    def sizeHint(self, option, index) -> QSize:
        return QSize(260, self.H)

    def paint(self, painter: QPainter, option, index: QModelIndex) -> None:
        entry = index.data(EntryRole)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        palette, cell = option.palette, option.rect
        if option.state & QStyle.StateFlag.State_Selected:
            color = palette.color(palette.ColorRole.Highlight)
            color.setAlpha(70)
            painter.fillRect(cell, color)
        face = QRect(
            cell.left() + 8, cell.top() + (cell.height() - self.FACE) // 2, self.FACE, self.FACE
        )
        text_rect = cell.adjusted(self.FACE + 20, 4, -8, -4)
        font = QFont(painter.font())
        if entry == NEW:
            paint_round_face(painter, face, None, palette, "+")
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(palette.color(palette.ColorRole.Link))
            painter.drawText(
                text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, index.data()
            )
            painter.restore()
            return
        paint_round_face(
            painter,
            face,
            index.data(Qt.ItemDataRole.DecorationRole),
            palette,
            (entry.name or "?")[:1].upper(),
        )
        font.setBold(entry.has_name)
        font.setItalic(not entry.has_name)
        painter.setFont(font)
        painter.setPen(palette.color(palette.ColorRole.Text))
        top = QRect(text_rect.left(), text_rect.top(), text_rect.width(), text_rect.height() // 2)
        name = painter.fontMetrics().elidedText(
            index.data(), Qt.TextElideMode.ElideRight, top.width()
        )
        painter.drawText(top, Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft, name)
        font.setBold(False)
        font.setItalic(False)
        painter.setFont(font)
        painter.setPen(palette.color(palette.ColorRole.PlaceholderText))
        painter.drawText(
            top.translated(0, top.height() + 2),
            Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft,
            _photos(entry.photo_count),
        )
        painter.restore()


class PersonChooser(QDialog):
    """Pick a person by face and name; ``chosen(Choice)`` when the user picks one.

    ``faces``: the faces this is about (shown on top, so the user sees whom they name);
    ``allow_new``: offer a new person (named with the typed text, if any);
    ``exclude``: people not to offer (the face's own person, the one being merged);
    ``new_first``: a typed name that matches nobody exactly is offered before the matches
    (naming) rather than after them (moving, where typing looks a person up).
    """

    chosen = Signal(object)  # Choice

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None,
        title: str,
        prompt: str,
        faces: Sequence[bq.FaceRow | int] = (),
        allow_new: bool = True,
        exclude: Sequence[int] = (),
        ok_text: str = "OK",
        new_first: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("personChooser")
        self.setWindowTitle(title)
        self.ctx = ctx
        self.faces = list(faces)[:6]
        self.face_labels: list[QLabel] = []
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        for _face in self.faces:
            label = QLabel()
            label.setObjectName("chooserFace")
            side = 96 if len(self.faces) == 1 else 56
            label.setFixedSize(side, side)
            self.face_labels.append(label)
            header.addWidget(label)
        self.prompt = QLabel(prompt)
        self.prompt.setObjectName("pageTitle" if self.faces else "chooserPrompt")
        self.prompt.setWordWrap(True)
        header.addWidget(self.prompt, 1)
        layout.addLayout(header)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("chooserName")
        self.name_edit.setPlaceholderText(
            translate("pictopy", "Type a name")
            if allow_new
            else translate("pictopy", "Type to find a person")
        )
        self.name_edit.setClearButtonEnabled(True)
        layout.addWidget(self.name_edit)
        self.model = ChooserModel(ctx, allow_new, set(exclude), new_first)
        self.list = QListView()
        self.list.setObjectName("chooserList")
        self.list.setModel(self.model)
        self.list.setItemDelegate(ChooserDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setMinimumHeight(ChooserDelegate.H * 5 + 4)
        self.list.activated.connect(lambda _i: self.accept())
        layout.addWidget(self.list, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.name_edit.textChanged.connect(self._filter)
        self.list.selectionModel().currentChanged.connect(self._update_ok)
        self.name_edit.installEventFilter(self)
        ctx.images.loaded.connect(self._show_faces)
        self.resize(380, 520)
        self._filter("")
        self._show_faces()
        self.name_edit.setFocus()

    # ------------------------------------------------------------ faces on top

    def _face_pixmap(self, face: bq.FaceRow | int) -> QPixmap | None:
        return self.ctx.face(face) if isinstance(face, bq.FaceRow) else self.ctx.face_by_id(face)

    def _show_faces(self, _key: str = "") -> None:
        for face, label in zip(self.faces, self.face_labels):
            label.setPixmap(
                round_face_pixmap(self._face_pixmap(face), label.width(), self.palette(), "?")
            )

    # ------------------------------------------------------------ type-ahead

    def _filter(self, text: str) -> None:
        self.model.set_text(text)
        # Nothing is picked until the user types or clicks: Enter on an untouched dialog
        # must not file a face under whoever happens to be first.
        if self.model.text and self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0))
        else:
            self.list.setCurrentIndex(QModelIndex())
        self._update_ok()

    def _update_ok(self, *_args) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            self.list.currentIndex().isValid()
        )

    def eventFilter(self, obj, event) -> bool:
        # Up/Down in the name field move through the list, as in a search box.
        if obj is self.name_edit and event.type() == QEvent.Type.KeyPress:
            if event.key() in (
                Qt.Key.Key_Down,
                Qt.Key.Key_Up,
                Qt.Key.Key_PageDown,
                Qt.Key.Key_PageUp,
            ):
                row = self.list.currentIndex().row()  # -1 when nothing is picked yet
                step = {
                    Qt.Key.Key_Down: 1,
                    Qt.Key.Key_Up: -1,
                    Qt.Key.Key_PageDown: 5,
                    Qt.Key.Key_PageUp: -5,
                }[event.key()]
                row = min(max(row + step, 0), self.model.rowCount() - 1)
                if row >= 0:
                    self.list.setCurrentIndex(self.model.index(row))
                return True
        return super().eventFilter(obj, event)

    # ------------------------------------------------------------ the answer

    def current_choice(self) -> Choice | None:
        """What Enter would pick now."""
        index = self.list.currentIndex()
        entry = index.data(EntryRole) if index.isValid() else None
        if entry is None:
            return None
        if entry == NEW:
            return Choice(None, self.model.text or None)
        return Choice(entry.id, entry.name)

    def choose(self, text: str) -> None:
        """Type ``text`` and press Enter (what a user does; tests use it too)."""
        self.name_edit.setText(text)
        self.accept()

    def accept(self) -> None:
        choice = self.current_choice()
        if choice is None:
            return
        super().accept()
        self.chosen.emit(choice)


def choose_person(
    ctx: AppContext,
    parent: QWidget | None,
    title: str,
    prompt: str,
    on_chosen: Callable[[Choice], None],
    **options,
) -> PersonChooser:
    """Open a ``PersonChooser`` (window-modal, not blocking) and call ``on_chosen`` with the pick."""
    dialog = PersonChooser(ctx, parent, title, prompt, **options)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.chosen.connect(on_chosen)
    dialog.open()
    return dialog


class NamesModel(QAbstractListModel):
    """The named people, each with a small round face, for a name field's completer."""

    ICON = 32

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows = rank_people(ctx.people, "")
        self.rows = [p for p in self.rows if p.has_name]
        ctx.images.loaded.connect(self._image_loaded)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return row.name
        if role == Qt.ItemDataRole.DecorationRole:
            pm = self.ctx.face_by_id(row.cover_face_id)
            return QIcon(
                round_face_pixmap(
                    pm, self.ICON, QGuiApplication.palette(), (row.name or "?")[:1].upper()
                )
            )
        if role == EntryRole:
            return row
        return None

    def _image_loaded(self, key: str) -> None:
        if key.startswith("face:"):
            face_id = face_id_of_key(key)
            for i, row in enumerate(self.rows):
                if row.cover_face_id == face_id:
                    idx = self.index(i)
                    self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DecorationRole])


def name_completer(ctx: AppContext, parent: QObject) -> QCompleter:
    """Type-ahead over the names already given, each shown with its face (any word of the name matches)."""
    completer = QCompleter(NamesModel(ctx, parent), parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.popup().setIconSize(QSize(NamesModel.ICON, NamesModel.ICON))
    completer.popup().setObjectName("nameCompleter")
    return completer
