"""People: the grid of people, one person's page, and the unknown faces.

Names are edited in place (double-click the name, or F2); several selected people
merge into one; a person's page shows their faces (move one elsewhere, remove it, use
it as the cover) above all their photos.
"""

from __future__ import annotations

from pictopy_desktop.library import read_model as bq
from pictopy_desktop.ui import people_actions as actions
from pictopy_desktop.ui.context import AppContext, face_id_of_key
from pictopy_desktop.ui.export_actions import export_person_photos
from pictopy_desktop.ui.face_tiles import paint_round_face
from pictopy_desktop.ui.gallery import GalleryPage
from pictopy_desktop.ui.person_chooser import exact_match, name_completer
from pictopy_desktop.ui.qt import (
    QAbstractItemView,
    QAbstractListModel,
    QColor,
    QFont,
    QHBoxLayout,
    QItemSelectionModel,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QListView,
    QLocale,
    QMenu,
    QModelIndex,
    QMouseEvent,
    QPainter,
    QPushButton,
    QRect,
    QRectF,
    QSize,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from pictopy_desktop.ui.suggestions_review import SuggestionsStrip
from pictopy_desktop.ui.translations import n_, translate

PersonRole = Qt.ItemDataRole.UserRole + 10
FaceRole = Qt.ItemDataRole.UserRole + 11


def shown_name(row: bq.PersonRow) -> str:
    """A person's name, or the invitation to add one."""
    return row.name or translate("pictopy", "Add a name")


class PeopleModel(QAbstractListModel):
    """People (``PersonRow``), named first; the name is editable (rename on the writer).

    While the page is open the order stays put: a reload after naming someone updates the
    tiles where they are (new people go last), so the tile under the cursor, the selection
    and F2 still mean the same person. ``resort`` puts the named-first order back when the
    user leaves the page.
    """

    loaded = Signal(int)
    name_entered = Signal(object, str)  # PersonRow, the name typed for them

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.rows: list[bq.PersonRow] = []
        self.is_loaded = False
        self.show_hidden = False
        ctx.images.loaded.connect(self._image_loaded)

    def reload(self) -> None:
        include_hidden = self.show_hidden
        self.ctx.read(
            lambda: bq.people_rows(include_hidden=include_hidden), self._loaded, context=self
        )

    def _loaded(self, rows: list[bq.PersonRow]) -> None:
        if self.rows:
            place = {r.id: i for i, r in enumerate(self.rows)}
            rows = sorted(
                rows, key=lambda r: place.get(r.id, len(place))
            )  # stable: new people keep their order
        if [r.id for r in rows] == [r.id for r in self.rows]:
            self.rows = rows
            if rows:  # same people in the same places: repaint, keep selection and an open editor
                self.dataChanged.emit(self.index(0), self.index(len(rows) - 1))
        else:
            self.beginResetModel()
            self.rows = rows
            self.endResetModel()
        self.is_loaded = True
        self.loaded.emit(len(rows))

    def resort(self) -> None:
        """Named people first, then by photo count (the order ``people_rows`` gives)."""
        ordered = sorted(self.rows, key=bq.people_order)
        if [r.id for r in ordered] != [r.id for r in self.rows]:
            self.beginResetModel()
            self.rows = ordered
            self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return shown_name(row)
        if role == Qt.ItemDataRole.EditRole:
            return row.name or ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{shown_name(row)}\n" + translate("pictopy", "{photos} · {faces}").format(
                photos=n_("%Ln photo(s)", row.photo_count), faces=n_("%Ln face(s)", row.face_count)
            )
        if role == PersonRole:
            return row
        if role == Qt.ItemDataRole.DecorationRole:
            return self.ctx.face_by_id(row.cover_face_id)
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row = self.rows[index.row()]
        name = " ".join(str(value or "").split())
        if not name or name == (row.name or ""):
            return False
        if exact_match([p for p in self.rows if p.id != row.id], name) is None:
            # Show the new name at once; the reload after the write confirms it (or undoes it on error).
            self.rows[index.row()] = bq.PersonRow(
                row.id, name, True, row.hidden, row.photo_count, row.face_count, row.cover_face_id
            )
            self.dataChanged.emit(index, index)
        self.name_entered.emit(row, name)  # someone else's name: the page asks "Same person?"
        return True

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def row_of(self, person_id: int) -> int:
        for i, r in enumerate(self.rows):
            if r.id == person_id:
                return i
        return -1

    def _image_loaded(self, key: str) -> None:
        if key.startswith("face:") and self.rows:
            face_id = face_id_of_key(key)
            for i, r in enumerate(self.rows):
                if r.cover_face_id == face_id:
                    idx = self.index(i)
                    self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DecorationRole])


class PeopleDelegate(QStyledItemDelegate):
    """A round face, the name (or "Add a name") and the photo count."""

    W, H, FACE = 156, 196, 124

    def sizeHint(self, option, index) -> QSize:
        return QSize(self.W, self.H)

    @classmethod
    def name_rect(cls, cell: QRect) -> QRect:
        return QRect(cell.left() + 4, cell.top() + cls.FACE + 14, cell.width() - 8, 24)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        row: bq.PersonRow = index.data(PersonRole)
        if row is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        palette = option.palette
        cell = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected or option.state & QStyle.StateFlag.State_MouseOver:
            color = palette.color(palette.ColorRole.Highlight)
            color.setAlpha(60 if selected else 25)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawRoundedRect(QRectF(cell.adjusted(2, 2, -2, -2)), 10, 10)
        face_rect = QRect(
            cell.left() + (cell.width() - self.FACE) // 2, cell.top() + 8, self.FACE, self.FACE
        )
        initial = (row.name or "?")[:1].upper()
        paint_round_face(
            painter, face_rect, index.data(Qt.ItemDataRole.DecorationRole), palette, initial
        )
        if selected:
            painter.setPen(palette.color(palette.ColorRole.Highlight))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            pen = painter.pen()
            pen.setWidth(4)
            painter.setPen(pen)
            painter.drawEllipse(QRectF(face_rect).adjusted(2, 2, -2, -2))
        font = QFont(painter.font())
        name_rect = self.name_rect(cell)
        if row.has_name:
            font.setBold(True)
            painter.setPen(palette.color(palette.ColorRole.Text))
        else:
            font.setItalic(True)
            painter.setPen(palette.color(palette.ColorRole.Link))
        painter.setFont(font)
        name = painter.fontMetrics().elidedText(
            shown_name(row), Qt.TextElideMode.ElideRight, name_rect.width()
        )
        painter.drawText(name_rect, Qt.AlignmentFlag.AlignCenter, name)
        font.setBold(False)
        font.setItalic(False)
        painter.setFont(font)
        painter.setPen(palette.color(palette.ColorRole.PlaceholderText))
        count_rect = name_rect.translated(0, 22)
        painter.drawText(
            count_rect,
            Qt.AlignmentFlag.AlignCenter,
            n_("%Ln photo(s)", row.photo_count),
        )
        painter.restore()

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setPlaceholderText(translate("pictopy", "Add a name"))
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setObjectName("nameEditor")
        model = index.model()
        if isinstance(model, PeopleModel):
            editor.setCompleter(name_completer(model.ctx, editor))
            # Enter in the completer's list goes to the line edit past this delegate's own key
            # handling: finish the edit here so one Enter names the person, as everywhere else.
            editor.returnPressed.connect(
                lambda: QTimer.singleShot(0, editor, lambda: self._finish(editor))
            )
        return editor

    def _finish(self, editor: QLineEdit) -> None:
        if editor.isVisible():  # not already committed and closed by the usual Enter handling
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor, index) -> None:
        # Qt calls this again whenever the tile repaints (its face crop arriving, a reload):
        # once the user has typed, what they typed wins.
        if editor.isModified():
            return
        editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.selectAll()

    def setModelData(self, editor, model, index) -> None:
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor, option, index) -> None:
        editor.setGeometry(self.name_rect(option.rect).adjusted(0, -3, 0, 3))


class PeopleView(QListView):
    open_person = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("peopleGrid")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setUniformItemSizes(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)  # F2
        self.setMouseTracking(True)
        self.setSpacing(6)
        self.delegate = PeopleDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid():
            if (
                PeopleDelegate.name_rect(self.visualRect(index))
                .adjusted(0, -4, 0, 26)
                .contains(event.position().toPoint())
            ):
                self.edit(index)  # double-click the name: rename in place
            else:
                self.open_person.emit(index.data(PersonRole).id)
            return
        super().mouseDoubleClickEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        pos = event.position().toPoint()
        index = self.indexAt(pos)
        plain = event.modifiers() == Qt.KeyboardModifier.NoModifier
        if (
            index.isValid()
            and plain
            and event.button() == Qt.MouseButton.LeftButton
            and not index.data(PersonRole).has_name
            and PeopleDelegate.name_rect(self.visualRect(index)).adjusted(0, -4, 0, 4).contains(pos)
        ):
            self.setCurrentIndex(index)
            self.edit(index)  # "Add a name" looks like a link: a click starts typing the name there

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.state() != QAbstractItemView.State.EditingState
        ):
            index = self.currentIndex()
            if index.isValid():
                self.open_person.emit(index.data(PersonRole).id)
                return
        super().keyPressEvent(event)

    def selected_people(self) -> list[bq.PersonRow]:
        return [
            i.data(PersonRole)
            for i in sorted(self.selectionModel().selectedIndexes(), key=lambda i: i.row())
        ]


class PeoplePage(QWidget):
    open_person = Signal(int)
    open_unknown = Signal()
    review = Signal(object)  # review suggested faces: a person id, or None for everyone

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = PeopleModel(ctx)
        self.view = PeopleView(self)
        self.view.setModel(self.model)
        title = QLabel(translate("pictopy", "People"))
        title.setObjectName("pageTitle")
        self.subtitle = QLabel("")
        self.subtitle.setObjectName("pageSubtitle")
        self.merge_button = QPushButton(translate("pictopy", "Merge selected"))
        self.merge_button.setToolTip(
            translate("pictopy", "Put the selected people together as one person")
        )
        self.merge_button.setEnabled(False)
        self.merge_button.clicked.connect(self.merge_selected)
        self.unknown_button = QPushButton(translate("pictopy", "Unknown faces"))
        self.unknown_button.setToolTip(
            translate("pictopy", "Faces not in anyone yet: name them or move them to a person")
        )
        self.unknown_button.clicked.connect(self.open_unknown.emit)
        more = QMenu(self)
        self.show_hidden_action = more.addAction(translate("pictopy", "Show hidden people"))
        self.show_hidden_action.setCheckable(True)
        self.show_hidden_action.toggled.connect(self._toggle_hidden)
        regroup = more.addAction(translate("pictopy", "Regroup faces now"))
        regroup.setToolTip(
            translate(
                "pictopy", "Group faces into people again now; names and your corrections are kept"
            )
        )
        regroup.triggered.connect(lambda: actions.regroup_faces(self.ctx))
        self.more_button = QPushButton(translate("pictopy", "More"))
        self.more_button.setToolTip(translate("pictopy", "Hidden people, regroup faces"))
        self.more_button.setMenu(more)
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(title)
        titles.addWidget(self.subtitle)
        top.addLayout(titles, 1)
        top.addWidget(self.merge_button)
        top.addWidget(self.unknown_button)
        top.addWidget(self.more_button)
        self.empty = QLabel(
            translate(
                "pictopy",
                "No people yet.\nFaces found in your photos are grouped into people here as photos are analysed.",
            )
        )
        self.empty.setObjectName("emptyHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        self.suggestions = SuggestionsStrip(ctx, self)
        self.suggestions.review_requested.connect(self.review.emit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 8, 0)
        layout.addLayout(top)
        layout.addWidget(self.suggestions)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)
        self.model.loaded.connect(self._loaded)
        self.model.name_entered.connect(
            lambda row, name: actions.name_person(self.ctx, self, row, name)
        )
        self.view.open_person.connect(self.open_person.emit)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self._kept_selection: tuple[list[int], int | None] = ([], None)
        self.model.modelAboutToBeReset.connect(self._keep_selection)
        self.model.modelReset.connect(self._restore_selection)

    def hideEvent(self, event) -> None:
        # The order stays put while the user names people here; leaving the page re-sorts it.
        self.model.resort()
        super().hideEvent(event)

    def _keep_selection(self) -> None:
        current = self.view.currentIndex()
        self._kept_selection = (
            [p.id for p in self.view.selected_people()],
            current.data(PersonRole).id if current.isValid() else None,
        )

    def _restore_selection(self) -> None:
        ids, current = self._kept_selection
        sel = self.view.selectionModel()
        for person_id in ids:
            row = self.model.row_of(person_id)
            if row >= 0:
                sel.select(self.model.index(row), QItemSelectionModel.SelectionFlag.Select)
        if current is not None and self.model.row_of(current) >= 0:
            sel.setCurrentIndex(
                self.model.index(self.model.row_of(current)),
                QItemSelectionModel.SelectionFlag.NoUpdate,
            )
        self._selection_changed()

    def refresh(self) -> None:
        self.model.reload()
        self.ctx.read(bq.unknown_face_count, self._unknown_count, context=self)
        self.suggestions.load(None)

    def _toggle_hidden(self, show: bool) -> None:
        self.model.show_hidden = show
        self.model.reload()

    def _unknown_count(self, n: int) -> None:
        self.unknown_button.setText(n_("Unknown faces (%Ln)", n))

    def _loaded(self, n: int) -> None:
        named = sum(1 for r in self.model.rows if r.has_name)
        self.subtitle.setText(
            translate("pictopy", "{people} · {named} named").format(
                people=n_("%Ln person(s)", n), named=QLocale().toString(named)
            )
            if n
            else ""
        )
        self.empty.setVisible(n == 0)
        self.view.setVisible(n > 0)

    def _selection_changed(self, *args) -> None:
        n = len(self.view.selectionModel().selectedIndexes())
        self.merge_button.setEnabled(n >= 2)
        self.merge_button.setText(
            n_("Merge %Ln people", n) if n >= 2 else translate("pictopy", "Merge selected")
        )

    def merge_selected(self) -> None:
        people = self.view.selected_people()
        if len(people) < 2:
            return
        # Keep the named one with the most photos; the others' faces join it (after "Same person?").
        target = min(people, key=lambda r: (not r.has_name, -r.photo_count, r.id))
        actions.confirm_merge(self.ctx, self, target, [p for p in people if p.id != target.id])

    def _context_menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        row: bq.PersonRow = index.data(PersonRole)
        menu = QMenu(self)
        menu.addAction(translate("pictopy", "Open"), lambda: self.open_person.emit(row.id))
        menu.addAction(
            (translate("pictopy", "Rename") if row.has_name else translate("pictopy", "Add a name"))
            + "\tF2",
            lambda: self.view.edit(index),
        )
        people = self.view.selected_people()
        if len(people) >= 2:
            menu.addAction(n_("Merge %Ln people", len(people)), self.merge_selected)
        else:
            menu.addAction(
                translate("pictopy", "Merge into…"),
                lambda: actions.ask_merge_into(self.ctx, self, row),
            )
        menu.addAction(
            translate("pictopy", "Copy photos to a folder…"),
            lambda: export_person_photos(self.ctx, self, row.id, row.name or "this person"),
        )
        menu.addSeparator()
        if row.hidden:
            menu.addAction(
                translate("pictopy", "Show this person again"),
                lambda: actions.set_hidden(self.ctx, row.id, False),
            )
        else:
            menu.addAction(
                translate("pictopy", "Hide this person"),
                lambda: actions.set_hidden(self.ctx, row.id, True),
            )
        menu.exec(self.view.viewport().mapToGlobal(pos))


# ---------------------------------------------------------------------- faces


class FacesModel(QAbstractListModel):
    loaded = Signal(int)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.rows: list[bq.FaceRow] = []
        ctx.images.loaded.connect(self._image_loaded)

    def load(self, op) -> None:
        self.ctx.read(op, self._loaded, context=self)

    def _loaded(self, rows: list[bq.FaceRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()
        self.loaded.emit(len(rows))

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == FaceRole:
            return row
        if role == Qt.ItemDataRole.DecorationRole:
            return self.ctx.face(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.path}\n{'confirmed' if row.confirmed else 'found automatically'}"
        return None

    def _image_loaded(self, key: str) -> None:
        if key.startswith("face:") and self.rows:
            face_id = face_id_of_key(key)
            for i, r in enumerate(self.rows):
                if r.id == face_id:
                    idx = self.index(i)
                    self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DecorationRole])
                    return


class FaceDelegate(QStyledItemDelegate):
    SIZE = 96

    def sizeHint(self, option, index) -> QSize:
        return QSize(self.SIZE + 8, self.SIZE + 8)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        rect = option.rect.adjusted(4, 4, -4, -4)
        paint_round_face(painter, rect, index.data(Qt.ItemDataRole.DecorationRole), option.palette)
        if option.state & QStyle.StateFlag.State_Selected:
            pen = painter.pen()
            pen.setColor(option.palette.color(option.palette.ColorRole.Highlight))
            pen.setWidth(4)
            painter.setPen(pen)
            painter.drawEllipse(QRectF(rect).adjusted(2, 2, -2, -2))
        painter.restore()


class FacesView(QListView):
    def __init__(self, parent: QWidget | None = None, strip: bool = False) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setUniformItemSizes(True)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setItemDelegate(FaceDelegate(self))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        if strip:
            self.setFlow(QListView.Flow.LeftToRight)
            self.setWrapping(False)
            self.setFixedHeight(FaceDelegate.SIZE + 8 + 22)
            self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

    def selected_faces(self) -> list[bq.FaceRow]:
        return [i.data(FaceRole) for i in self.selectionModel().selectedIndexes()]


class PersonPage(QWidget):
    """One person: editable name, "Is this them?" suggestions, their faces (move / remove /
    cover), all their photos."""

    back = Signal()
    review = Signal(object)  # review this person's suggested faces (person id)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person_id: int | None = None
        self.row: bq.PersonRow | None = None
        back = QPushButton(translate("pictopy", "‹ People"))
        back.setObjectName("backButton")
        back.clicked.connect(self.back.emit)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("personName")
        self.name_edit.setPlaceholderText(translate("pictopy", "Add a name"))
        self.name_edit.editingFinished.connect(self._rename)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("pageSubtitle")
        self.faces = FacesModel(ctx)
        self.faces_view = FacesView(self, strip=True)
        self.faces_view.setModel(self.faces)
        self.faces_view.customContextMenuRequested.connect(self._face_menu)
        self.gallery = GalleryPage(ctx, None, translate("pictopy", "No photos."), self)
        self.gallery.header.hide()
        self.gallery.subtitle.hide()
        self.gallery.layout().setContentsMargins(0, 0, 0, 0)
        faces_label = QLabel(
            translate("pictopy", "Faces — right-click one to move it to someone else or remove it")
        )
        faces_label.setObjectName("sectionLabel")
        self.merge_button = QPushButton(translate("pictopy", "Merge into…"))
        self.merge_button.setToolTip(
            translate("pictopy", "This is someone already in People: put the two together")
        )
        self.merge_button.clicked.connect(self._merge_into)
        top = QHBoxLayout()
        top.addWidget(back)
        top.addWidget(self.name_edit, 1)
        top.addWidget(self.merge_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 8, 0)
        layout.addLayout(top)
        layout.addWidget(self.subtitle)
        self.suggestions = SuggestionsStrip(ctx, self)
        self.suggestions.review_requested.connect(self.review.emit)
        layout.addWidget(self.suggestions)
        layout.addWidget(faces_label)
        layout.addWidget(self.faces_view)
        photos_label = QLabel(translate("pictopy", "Photos"))
        photos_label.setObjectName("sectionLabel")
        layout.addWidget(photos_label)
        layout.addWidget(self.gallery, 1)

    def show_person(self, person_id: int) -> None:
        self.person_id = person_id
        self.name_edit.setText("")
        self.gallery.set_filter(
            bq.GalleryFilter(bq.PERSON, person_id, translate("pictopy", "Person"))
        )
        self.refresh()

    def refresh(self) -> None:
        if self.person_id is None:
            return
        pid = self.person_id
        self.ctx.read(lambda: bq.person_row(pid), self._got_row, context=self)
        self.faces.load(lambda: bq.faces_of_person(pid))
        self.suggestions.load(pid)
        self.gallery.refresh()

    def _got_row(self, row: bq.PersonRow | None) -> None:
        self.row = row
        if row is None:  # merged away or removed
            self.subtitle.setText(
                translate("pictopy", "This person no longer exists (merged or removed).")
            )
            return
        if not self.name_edit.hasFocus():
            self.name_edit.setText(row.name or "")
            self.name_edit.setCompleter(name_completer(self.ctx, self.name_edit))
        self.subtitle.setText(
            n_("%Ln photo(s)", row.photo_count) + " · " + n_("%Ln face(s)", row.face_count)
        )

    def _rename(self) -> None:
        name = self.name_edit.text().strip()
        if self.row is not None and name and name != (self.row.name or ""):
            actions.name_person(self.ctx, self, self.row, name)

    def _merge_into(self) -> None:
        if self.row is not None:
            actions.ask_merge_into(self.ctx, self, self.row)

    def _face_menu(self, pos) -> None:
        index = self.faces_view.indexAt(pos)
        if not index.isValid():
            return
        face: bq.FaceRow = index.data(FaceRole)
        menu = QMenu(self)
        selected = self.faces_view.selected_faces()
        if len(selected) > 1 and face in selected:
            menu.addAction(
                n_("Move %Ln face(s) to…", len(selected)),
                lambda: actions.ask_face_person(
                    self.ctx, self, selected, face.person_id, move=True
                ),
            )
            menu.addSeparator()
        actions.add_face_actions(menu, self.ctx, self, face, face.person_id)
        menu.exec(self.faces_view.viewport().mapToGlobal(pos))


class UnknownFacesPage(QWidget):
    """Faces in no person: "Is this …?" for those that look like someone, then select some
    and name them, or move them to someone."""

    back = Signal()
    review = Signal(object)  # review suggested faces (None: everyone's)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        back = QPushButton(translate("pictopy", "‹ People"))
        back.setObjectName("backButton")
        back.clicked.connect(self.back.emit)
        title = QLabel(translate("pictopy", "Unknown faces"))
        title.setObjectName("pageTitle")
        self.subtitle = QLabel("")
        self.subtitle.setObjectName("pageSubtitle")
        self.name_button = QPushButton(translate("pictopy", "Name selected…"))
        self.name_button.clicked.connect(self.name_selected)
        top = QHBoxLayout()
        top.addWidget(back)
        top.addWidget(title, 1)
        top.addWidget(self.name_button)
        self.model = FacesModel(ctx)
        self.view = FacesView(self)
        self.view.setModel(self.model)
        self.view.setSpacing(4)
        self.view.customContextMenuRequested.connect(self._face_menu)
        self.suggestions = SuggestionsStrip(ctx, self)
        self.suggestions.review_requested.connect(self.review.emit)
        self.empty = QLabel(
            translate("pictopy", "No unknown faces: every face found belongs to someone.")
        )
        self.empty.setObjectName("emptyHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 8, 0)
        layout.addLayout(top)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.suggestions)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)
        self.model.loaded.connect(self._loaded)

    def refresh(self) -> None:
        self.model.load(bq.unknown_faces)
        self.suggestions.load(None)

    def _loaded(self, n: int) -> None:
        self.subtitle.setText(
            n_("%Ln face(s) not in anyone yet. Select faces of one person and name them.", n)
        )
        self.empty.setVisible(n == 0)
        self.view.setVisible(n > 0)

    def name_selected(self) -> None:
        faces = self.view.selected_faces()
        if faces:
            actions.ask_face_person(self.ctx, self, faces, None)

    def _face_menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        face: bq.FaceRow = index.data(FaceRole)
        menu = QMenu(self)
        actions.add_face_actions(menu, self.ctx, self, face, None)
        menu.exec(self.view.viewport().mapToGlobal(pos))


_ = QColor  # re-exported for style tweaks
