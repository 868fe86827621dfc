"""The photo viewer: the full image (EXIF-rotated), fit and zoom, next/previous, an info
panel, and face boxes with names; clicking a face names it, moves it to a person or finds
the photos with that face. A heart marks favourites ("." key). A video shows its poster
frame with a play button that opens the file in the system's player."""

from __future__ import annotations

import logging
import os

from pictopy_desktop.library import browse_queries as bq
from pictopy_desktop.library.changes import OpChanges
from pictopy_desktop.library.file_names import display_path
from pictopy_desktop.ui import links
from pictopy_desktop.ui import people_actions as actions
from pictopy_desktop.ui.context import AppContext
from pictopy_desktop.ui.favourites import toggle_favourite
from pictopy_desktop.ui.qt import (
    QColor,
    QFont,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QImage,
    QKeyEvent,
    QLabel,
    QMenu,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QPointF,
    QPushButton,
    QRectF,
    QScrollArea,
    QSplitter,
    Qt,
    QToolButton,
    QVBoxLayout,
    QWheelEvent,
    QWidget,
    Signal,
)
from pictopy_desktop.ui.resources import icon
from pictopy_desktop.ui.suggestions_review import SuggestionItem, load_suggestions
from pictopy_desktop.workers import images as image_jobs

log = logging.getLogger(__name__)

SUGGESTIONS_SCANNED = 1000  # suggestions looked through for the faces of the photo shown


class ImageCanvas(QWidget):
    """Paints the photo fitted or zoomed, with face boxes; reports clicks on faces."""

    face_clicked = Signal(object, object)  # FaceRow, global QPoint
    zoom_changed = Signal(float)
    play_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imageCanvas")
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.pixmap: QPixmap | None = None
        self.full_size = (0, 0)
        self.faces: list[bq.FaceRow] = []
        self.names: dict[int, str] = {}
        self.guesses: dict[
            int, str
        ] = {}  # face id -> "Alice?" for faces without a name that look like her
        self.show_faces = True
        self.zoom: float | None = None  # None = fit; else display pixels per full-size pixel
        self.offset = QPointF(0, 0)  # pan, in widget pixels
        self._drag_from: QPointF | None = None
        self._hover: int | None = None
        self.message = ""
        self.is_video = False  # paint a play button over the poster frame

    def set_image(self, pixmap: QPixmap | None, full_size: tuple[int, int]) -> None:
        self.pixmap = pixmap
        self.full_size = (
            full_size
            if all(full_size)
            else ((pixmap.width(), pixmap.height()) if pixmap else (0, 0))
        )
        self.zoom = None
        self.offset = QPointF(0, 0)
        self.message = ""
        self.update()

    def set_faces(self, faces: list[bq.FaceRow], names: dict[int, str]) -> None:
        self.faces = faces
        self.names = names
        self.update()

    # ------------------------------------------------------------ geometry

    def fit_scale(self) -> float:
        fw, fh = self.full_size
        if not fw or not fh:
            return 1.0
        return min(self.width() / fw, self.height() / fh, 1.0 if max(fw, fh) > 64 else 8.0)

    def scale(self) -> float:
        return self.zoom if self.zoom is not None else self.fit_scale()

    def image_rect(self) -> QRectF:
        fw, fh = self.full_size
        s = self.scale()
        w, h = fw * s, fh * s
        return QRectF(
            (self.width() - w) / 2 + self.offset.x(),
            (self.height() - h) / 2 + self.offset.y(),
            w,
            h,
        )

    def face_rect(self, face: bq.FaceRow) -> QRectF:
        r = self.image_rect()
        s = self.scale()
        x1, y1, x2, y2 = face.box
        return QRectF(r.left() + x1 * s, r.top() + y1 * s, (x2 - x1) * s, (y2 - y1) * s)

    def set_zoom(self, zoom: float | None, anchor: QPointF | None = None) -> None:
        if zoom is not None:
            zoom = max(0.02, min(zoom, 16.0))
            if anchor is not None:
                old = self.scale()
                # keep the point under the cursor still
                center = QPointF(self.width() / 2, self.height() / 2)
                self.offset = (self.offset - (anchor - center)) * (zoom / old) + (anchor - center)
        else:
            self.offset = QPointF(0, 0)
        self.zoom = zoom
        self.zoom_changed.emit(self.scale())
        self.update()

    # ------------------------------------------------------------ painting

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#111315"))
        if self.pixmap is None or self.pixmap.isNull():
            painter.setPen(QColor("#9aa0a6"))
            painter.drawText(
                self.rect().adjusted(24, 0, -24, 0),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.message or "Loading…",
            )
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.drawPixmap(self.image_rect(), self.pixmap, QRectF(self.pixmap.rect()))
        if self.is_video:
            self._paint_play(painter)
            return  # a video's faces come from other frames than the poster
        if not self.show_faces:
            return
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        fm = painter.fontMetrics()
        for face in self.faces:
            r = self.face_rect(face)
            named = face.person_id is not None and bool(self.names.get(face.person_id))
            color = QColor("#4fc3f7") if named else QColor("#ffca28")
            if self._hover == face.id:
                color = color.lighter(130)
            painter.setPen(QPen(color, 3 if self._hover == face.id else 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(r, 6, 6)
            label = (
                self.names.get(face.person_id or -1)
                or self.guesses.get(face.id)
                or ("Unnamed" if face.person_id else "Who is this?")
            )
            tw = fm.horizontalAdvance(label) + 12
            tag = QRectF(r.center().x() - tw / 2, r.bottom() + 4, tw, fm.height() + 6)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(0, 0, 0, 170))
            painter.drawRoundedRect(tag, 4, 4)
            painter.setPen(color)
            painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, label)

    def play_rect(self) -> QRectF:
        side = max(48.0, min(96.0, min(self.width(), self.height()) / 5))
        c = self.image_rect().center()
        return QRectF(c.x() - side / 2, c.y() - side / 2, side, side)

    def _paint_play(self, painter: QPainter) -> None:
        r = self.play_rect()
        painter.setPen(QPen(QColor(255, 255, 255, 220), 3))
        painter.setBrush(QColor(0, 0, 0, 150 if self._hover != -1 else 190))
        painter.drawEllipse(r)
        s = r.width() / 2
        c = r.center()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("white"))
        painter.drawPolygon(
            [
                QPointF(c.x() - s * 0.28, c.y() - s * 0.4),
                QPointF(c.x() - s * 0.28, c.y() + s * 0.4),
                QPointF(c.x() + s * 0.45, c.y()),
            ]
        )

    # ------------------------------------------------------------ input

    def face_at(self, pos: QPointF) -> bq.FaceRow | None:
        if not self.show_faces or self.is_video:
            return None
        for face in self.faces:
            if self.face_rect(face).adjusted(-4, -4, 4, 24).contains(pos):
                return face
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if (
            self.is_video
            and event.button() == Qt.MouseButton.LeftButton
            and self.play_rect().contains(pos)
        ):
            self.play_clicked.emit()
            return
        face = self.face_at(pos)
        if face is not None and event.button() in (
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.RightButton,
        ):
            self.face_clicked.emit(face, event.globalPosition().toPoint())
            return
        if event.button() == Qt.MouseButton.LeftButton and self.zoom is not None:
            self._drag_from = pos
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self._drag_from is not None:
            self.offset += pos - self._drag_from
            self._drag_from = pos
            self.update()
            return
        if self.is_video:
            hover = -1 if self.play_rect().contains(pos) else None
            if hover != self._hover:
                self._hover = hover
                self.setCursor(
                    Qt.CursorShape.PointingHandCursor if hover else Qt.CursorShape.ArrowCursor
                )
                self.setToolTip("Play in your video player" if hover else "")
                self.update()
            return
        face = self.face_at(pos)
        hover = face.id if face else None
        if hover != self._hover:
            self._hover = hover
            self.setCursor(
                Qt.CursorShape.PointingHandCursor if face else Qt.CursorShape.ArrowCursor
            )
            self.setToolTip(
                "Click to name this face, move it to someone or find photos with it" if face else ""
            )
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag_from = None
        self.setCursor(Qt.CursorShape.ArrowCursor)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.face_at(event.position()) is None:
            self.set_zoom(None if self.zoom is not None else 1.0, event.position())

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.set_zoom(self.scale() * (1.25**steps), event.position())


class InfoPanel(QScrollArea):
    OPTIONAL = ("Description", "Duration", "Place")  # rows shown only when the photo has them

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("infoPanel")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        self.form = QFormLayout(inner)
        self.form.setContentsMargins(14, 14, 14, 14)
        self.form.setVerticalSpacing(10)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.fields: dict[str, QLabel] = {}
        self.location: tuple[float, float] | None = None
        for key in (
            "File",
            "Folder",
            "Date",
            "Description",
            "Duration",
            "Size",
            "Place",
            "Things",
            "People",
            "Albums",
        ):
            value = QLabel("")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setObjectName("infoValue")
            title = QLabel(key)
            title.setObjectName("infoKey")
            self.form.addRow(title, value)
            self.fields[key] = value
        place = self.fields["Place"]
        place.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        place.setOpenExternalLinks(
            False
        )  # the link opens through links.open_in_map, on the user's click
        place.linkActivated.connect(self._open_map)
        self.setWidget(inner)
        self.setMinimumWidth(240)

    def show_details(self, d: bq.ImageDetails, names: dict[int, str]) -> None:
        self.fields["File"].setText(display_path(os.path.basename(d.path)))
        self.fields["Folder"].setText(display_path(os.path.dirname(d.path)))
        self.fields["Date"].setText(d.date + ("" if d.date_is_exif else "  (file date)"))
        mb = d.file_size / 1e6
        dims = f"{d.width} × {d.height}" if d.width else "?"
        self.fields["Size"].setText(
            f"{dims} · {mb:.1f} MB" + (f" · {d.format}" if d.format else "")
        )
        self.fields["Things"].setText(
            ", ".join(f"{label} ({conf:.0%})" for label, conf in d.tags) or "—"
        )
        people = []
        for f in d.faces:
            people.append(
                names.get(f.person_id or -1)
                or ("Unnamed person" if f.person_id else "Unknown face")
            )
        self.fields["People"].setText(", ".join(sorted(set(people))) or "—")
        self.fields["Albums"].setText(", ".join(d.albums) or "—")
        self.fields["Description"].setText(d.description or "")
        self.fields["Duration"].setText(links.format_duration(d.duration_s) if d.is_video else "")
        if d.latitude is not None and d.longitude is not None:
            self.location = (d.latitude, d.longitude)
            self.fields["Place"].setText(
                f"{links.format_coordinates(d.latitude, d.longitude)}<br>"
                '<a href="map" style="color:#8ab4f8">Open in map ↗</a>'
            )
            self.fields["Place"].setToolTip(
                "Opens the position in your web browser (OpenStreetMap)"
            )
        else:
            self.location = None
            self.fields["Place"].setText("")
        for key in self.OPTIONAL:
            self.form.setRowVisible(self.fields[key], bool(self.fields[key].text()))

    def _open_map(self, _link: str = "") -> None:
        if self.location is not None:
            links.open_in_map(*self.location)


class ViewerPage(QWidget):
    """One photo at a time, stepping through the gallery it was opened from."""

    closed = Signal()
    find_face = Signal(int)  # face id: show the photos with this face

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("viewer")
        self.ctx = ctx
        self.model = None
        self.row = -1
        self.image_id: int | None = None
        self.details: bq.ImageDetails | None = None
        self.suggestions: dict[int, SuggestionItem] = {}  # face without a name -> who it looks like
        self._request = 0
        back = QPushButton("‹ Back")
        back.setObjectName("backButton")
        back.setToolTip("Back to the gallery (Esc)")
        back.clicked.connect(self.close_viewer)
        self.title = QLabel("")
        self.title.setObjectName("viewerTitle")
        self.prev_button = QToolButton()
        self.prev_button.setText("‹")
        self.prev_button.setToolTip("Previous (Left arrow)")
        self.prev_button.setAccessibleName("Previous")
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QToolButton()
        self.next_button.setText("›")
        self.next_button.setToolTip("Next (Right arrow)")
        self.next_button.setAccessibleName("Next")
        self.next_button.clicked.connect(lambda: self.step(1))
        self.fit_button = QToolButton()
        self.fit_button.setText("Fit")
        self.fit_button.setToolTip("Fit to window (F)")
        self.fit_button.clicked.connect(lambda: self.canvas.set_zoom(None))
        self.actual_button = QToolButton()
        self.actual_button.setText("1:1")
        self.actual_button.setToolTip("Actual size (1)")
        self.actual_button.clicked.connect(lambda: self.canvas.set_zoom(1.0))
        self.zoom_label = QLabel("")
        self.zoom_label.setObjectName("pageSubtitle")
        self.faces_button = QToolButton()
        self.faces_button.setText("Faces")
        self.faces_button.setCheckable(True)
        self.faces_button.setChecked(True)
        self.faces_button.setToolTip("Show face boxes")
        self.faces_button.toggled.connect(self._toggle_faces)
        self.info_button = QToolButton()
        self.info_button.setText("Info")
        self.info_button.setCheckable(True)
        self.info_button.setChecked(True)
        self.info_button.setToolTip("Show the info panel (I)")
        self.favourite_button = QToolButton()
        self.favourite_button.setObjectName("favouriteButton")
        self.favourite_button.setCheckable(True)
        self.favourite_button.setIcon(icon("favourites", "#e8eaed"))
        self.favourite_button.setToolTip("Favourite (.)")
        self.favourite_button.setAccessibleName("Favourite")
        self.favourite_button.clicked.connect(self.toggle_favourite)
        self.play_button = QToolButton()
        self.play_button.setObjectName("playButton")
        self.play_button.setText("Play")
        self.play_button.setIcon(icon("play", "#e8eaed"))
        self.play_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.play_button.setToolTip("Play in your video player (P)")
        self.play_button.clicked.connect(self.play)
        self.play_button.hide()
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 6, 8, 6)
        bar.addWidget(back)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.title, 1)
        bar.addWidget(self.play_button)
        bar.addWidget(self.favourite_button)
        bar.addWidget(self.zoom_label)
        bar.addWidget(self.fit_button)
        bar.addWidget(self.actual_button)
        bar.addWidget(self.faces_button)
        bar.addWidget(self.info_button)
        self.canvas = ImageCanvas(self)
        self.canvas.face_clicked.connect(self._face_clicked)
        self.canvas.play_clicked.connect(self.play)
        self.canvas.zoom_changed.connect(lambda s: self.zoom_label.setText(f"{s:.0%}"))
        self.info = InfoPanel(self)
        self.info_button.toggled.connect(self.info.setVisible)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.canvas)
        self.splitter.addWidget(self.info)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([900, 280])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        bar_widget = QWidget()
        bar_widget.setObjectName("viewerBar")
        bar_widget.setLayout(bar)
        layout.addWidget(bar_widget)
        layout.addWidget(self.splitter, 1)
        ctx.changed.connect(self._library_changed)

    def _library_changed(self, changes: OpChanges) -> None:
        # names and faces, albums in the info panel, hearts, and photos changed on disk
        if changes.touches("people", "albums", "favourites", "photos"):
            self._reload_faces()

    # ------------------------------------------------------------ navigation

    def open(self, model, row: int) -> None:
        if self.model is not None and self.model is not model:
            try:
                self.model.modelReset.disconnect(self._model_reset)
            except (RuntimeError, TypeError):
                pass
        if model is not None and model is not self.model:
            model.modelReset.connect(self._model_reset)
        self.model = model
        self.row = row
        self._load()

    def _model_reset(self) -> None:
        """The gallery reloaded (a heart, a rename): keep showing the same photo."""
        if self.model is None or self.image_id is None:
            return
        index = self.model.index_of_image(self.image_id)
        if index.isValid():
            self.row = index.row()
        self._update_buttons()

    def step(self, delta: int) -> None:
        if self.model is None:
            return
        row = self.row + delta
        while 0 <= row < self.model.rowCount():
            if self.model.image_id(row) is not None:
                self.row = row
                self._load()
                return
            row += delta

    def close_viewer(self) -> None:
        self.closed.emit()

    def _load(self) -> None:
        image_id = self.model.image_id(self.row) if self.model is not None else None
        if image_id is None:
            return
        self.image_id = image_id
        self._request += 1
        request = self._request
        self.canvas.set_image(None, (0, 0))
        self.canvas.set_faces([], {})
        self.canvas.is_video = False
        self.title.setText("")
        self.ctx.read(
            lambda: bq.image_details(image_id),
            lambda d: self._got_details(request, d),
            context=self,
        )
        self._update_buttons()

    def _got_details(self, request: int, d: bq.ImageDetails) -> None:
        if request != self._request:
            return
        self.details = d
        self.title.setText(display_path(os.path.basename(d.path)))
        names = self._names(d)
        self.info.show_details(d, names)
        self.canvas.full_size = (d.width or 0, d.height or 0)
        self.canvas.is_video = d.is_video
        self.canvas.set_faces(d.faces, names)
        self._load_suggestions(request, d)
        self._show_favourite(d.favourite)
        self.play_button.setVisible(d.is_video and not d.offline)
        self.faces_button.setVisible(
            not d.is_video
        )  # a video's faces are in other frames than its poster
        if d.offline:
            # Its file can't be reached: say so instead of trying (and failing) to read it.
            what = "video" if d.is_video else "photo"
            self.canvas.message = (
                f"This {what} is offline: the drive or folder holding it is not connected.\n"
                "Its names, albums and favourite are kept; connect the drive and it comes back."
            )
            self.canvas.update()
            return
        path = d.path
        read = image_jobs.read_video_poster if d.is_video else image_jobs.read_full_image
        self.ctx.read(
            lambda: read(path),
            lambda img: self._got_image(request, img),
            context=self,
            on_failure=lambda exc: self._image_failed(request, exc),
        )

    def _load_suggestions(self, request: int, d: bq.ImageDetails) -> None:
        """ "Alice?" on faces without a name that look like someone in People (read in a worker)."""
        self.suggestions = {}
        self.canvas.guesses = {}
        unknown = {f.id for f in d.faces if f.person_id is None or not f.person_name}
        if not unknown or d.is_video:
            return
        library = self.ctx.library

        def op():
            return {
                i.face.id: i
                for i in load_suggestions(library, None, limit=SUGGESTIONS_SCANNED)
                if i.face.id in unknown
            }

        def got(found: dict) -> None:
            if request == self._request:
                self.suggestions = found
                self.canvas.guesses = {
                    fid: f"{i.person_name}?" for fid, i in found.items() if i.person_name
                }
                self.canvas.update()

        self.ctx.read(
            op,
            got,
            context=self,
            on_failure=lambda exc: log.warning("No face suggestions: %s", exc),
        )

    def _names(self, d: bq.ImageDetails) -> dict[int, str]:
        return {
            f.person_id: f.person_name for f in d.faces if f.person_id is not None and f.person_name
        }

    def _got_image(self, request: int, image: QImage) -> None:
        if request != self._request or self.details is None:
            return
        self.canvas.set_image(
            QPixmap.fromImage(image),
            (self.details.width or image.width(), self.details.height or image.height()),
        )
        self.canvas.set_faces(self.details.faces, self._names(self.details))
        self.zoom_label.setText(f"{self.canvas.scale():.0%}")

    def _image_failed(self, request: int, exc: BaseException) -> None:
        if request == self._request:
            self.canvas.set_image(None, (0, 0))
            what = "video" if self.details is not None and self.details.is_video else "photo"
            self.canvas.message = f"This {what} cannot be shown: {exc}"
            self.canvas.update()

    def _reload_faces(self) -> None:
        if self.image_id is None or not self.isVisible():
            return
        image_id, request = self.image_id, self._request

        def got(d: bq.ImageDetails) -> None:
            if request == self._request:
                self.details = d
                names = self._names(d)
                self.info.show_details(d, names)
                self.canvas.set_faces(d.faces, names)
                self._load_suggestions(request, d)
                self._show_favourite(d.favourite)

        self.ctx.read(
            lambda: bq.image_details(image_id),
            got,
            context=self,
            on_failure=lambda exc: log.info("Photo %s went away: %r", image_id, exc),
        )

    def _update_buttons(self) -> None:
        if self.model is None:
            return
        self.prev_button.setEnabled(
            any(self.model.image_id(r) is not None for r in range(max(0, self.row - 2), self.row))
        )
        n = self.model.rowCount()
        self.next_button.setEnabled(
            any(
                self.model.image_id(r) is not None
                for r in range(self.row + 1, min(n, self.row + 3))
            )
        )

    # ------------------------------------------------------------ favourite, play

    def _show_favourite(self, on: bool) -> None:
        self.favourite_button.setChecked(on)
        self.favourite_button.setIcon(
            icon("favourite-on", "#f28b82") if on else icon("favourites", "#e8eaed")
        )
        self.favourite_button.setToolTip(
            "Remove from favourites (.)" if on else "Add to favourites (.)"
        )

    def toggle_favourite(self) -> None:
        """Flip the heart of the photo on show (button or "." key)."""
        if self.details is None:
            return
        image_id, request = self.details.id, self._request
        self._show_favourite(not self.details.favourite)  # at once; the write confirms it

        def done(state: bool) -> None:
            if self.details is not None and self.details.id == image_id:
                self.details.favourite = state
                if request == self._request:
                    self._show_favourite(state)

        toggle_favourite(self.ctx, image_id, done)

    def play(self) -> None:
        if self.details is not None and self.details.is_video and not self.details.offline:
            links.open_in_player(self.details.path)

    def _toggle_faces(self, on: bool) -> None:
        self.canvas.show_faces = on
        self.canvas.update()

    def _face_clicked(self, face: bq.FaceRow, global_pos) -> None:
        self.face_menu(face).exec(global_pos)

    def face_menu(self, face: bq.FaceRow) -> QMenu:
        """What can be done with a face: name it, move it, find the photos with it."""
        menu = QMenu(self)
        who = self.canvas.names.get(face.person_id or -1)
        header = menu.addAction(who or ("Unnamed person" if face.person_id else "Unknown face"))
        header.setEnabled(False)
        guess = self.suggestions.get(face.id) if not who else None
        if guess is not None and guess.person_name:
            yes = menu.addAction(f"Yes, this is {guess.person_name}")
            yes.triggered.connect(
                lambda: actions.answer_suggestion(self.ctx, face.id, guess.person_id, True)
            )
            no = menu.addAction(f"No, not {guess.person_name}")
            no.triggered.connect(
                lambda: actions.answer_suggestion(self.ctx, face.id, guess.person_id, False)
            )
            menu.addSeparator()
        if face.person_id is not None and not who:
            menu.addAction("Add a name…", lambda: self._name_person(face))
        actions.add_face_actions(menu, self.ctx, self, face, face.person_id)
        menu.addSeparator()
        menu.addAction("Find photos with this face", lambda: self.find_face.emit(face.id))
        return menu

    def _name_person(self, face: bq.FaceRow) -> None:
        person = next((p for p in self.ctx.people if p.id == face.person_id), None)
        if person is not None:
            actions.ask_person_name(self.ctx, self, person, face=face)
        else:  # a hidden person: name this face on its own
            actions.ask_face_person(self.ctx, self, [face], face.person_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.close_viewer()
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_PageDown):
            self.step(1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Backspace, Qt.Key.Key_PageUp):
            self.step(-1)
        elif key == Qt.Key.Key_F:
            self.canvas.set_zoom(None)
        elif key == Qt.Key.Key_1:
            self.canvas.set_zoom(1.0)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.canvas.set_zoom(self.canvas.scale() * 1.25)
        elif key == Qt.Key.Key_Minus:
            self.canvas.set_zoom(self.canvas.scale() / 1.25)
        elif key == Qt.Key.Key_I:
            self.info_button.toggle()
        elif key == Qt.Key.Key_Period:
            self.toggle_favourite()
        elif key == Qt.Key.Key_P and self.details is not None and self.details.is_video:
            self.play()
        else:
            super().keyPressEvent(event)
