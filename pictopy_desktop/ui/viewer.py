"""The photo viewer: the full image (EXIF-oriented, then turned by ``Image.rotation``), fit
and zoom, next/previous, full screen (F11, double-click) and slideshow, rotate, delete to the
system trash, show in folder, open with, copy; an info panel with camera details; face boxes
with names (click one to name it, move it or find the photos with it). A heart marks
favourites ("." key). Videos play inside the viewer, or in the system's player where Qt
Multimedia can't.
"""

from __future__ import annotations

import html
import logging
import os
from typing import TYPE_CHECKING

from pictopy_desktop.library import read_model as bq
from pictopy_desktop.library.changes import OpChanges
from pictopy_desktop.library.exif_info import ExifInfo, format_utc_offset, read_exif_info
from pictopy_desktop.library.file_names import display_path
from pictopy_desktop.library.places import PlaceKey, place_at
from pictopy_desktop.library.rotation import normalised, rotate_box, rotated_size
from pictopy_desktop.ui import links, messages, photo_actions
from pictopy_desktop.ui import people_actions as actions
from pictopy_desktop.ui.context import AppContext
from pictopy_desktop.ui.core_texts import translated
from pictopy_desktop.ui.favourites import toggle_favourite
from pictopy_desktop.ui.preferences import (
    DEFAULT_SLIDESHOW_SECONDS,
    SLIDESHOW_CHOICES,
    SLIDESHOW_SECONDS,
    read_int,
    write_int,
)
from pictopy_desktop.ui.qt import (
    QT_TRANSLATE_NOOP,
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
    QStackedWidget,
    Qt,
    QTimer,
    QToolButton,
    QTransform,
    QVBoxLayout,
    QWheelEvent,
    QWidget,
    Signal,
)
from pictopy_desktop.ui.resources import icon
from pictopy_desktop.ui.suggestions_review import SuggestionItem, load_suggestions
from pictopy_desktop.ui.tag_names import tag_name
from pictopy_desktop.ui.translations import file_size, n_, translate
from pictopy_desktop.ui.video_pane import VideoPane, inline_video_problem

if TYPE_CHECKING:
    # The gazetteer (numpy) is loaded by the worker that names a place, never at start.
    from pictopy_desktop.library.geocoding import PlaceName

log = logging.getLogger(__name__)

SUGGESTIONS_SCANNED = 1000  # suggestions looked through for the faces of the photo shown
# The info panel is dark in both themes (style.qss); its links and small print use the fixed
# colours checked in theme.FIXED_TEXT_PAIRS ("info panel link", "info panel key").
INFO_LINK = "#8ab4f8"
INFO_MUTED = "#9aa0a6"


class ImageCanvas(QWidget):
    """Paints the photo fitted or zoomed, with face boxes; reports clicks on faces."""

    face_clicked = Signal(object, object)  # FaceRow, global QPoint
    zoom_changed = Signal(float)
    play_clicked = Signal()
    double_clicked = Signal()  # full screen on and off

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
        self.rotation = 0  # degrees the photo is shown turned (Image.rotation)
        self.source_size = (0, 0)  # the photo's size before that turn: face boxes are in it

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

    def set_rotation(self, rotation: int, source_size: tuple[int, int]) -> None:
        """Show the photo turned ``rotation`` degrees; ``source_size`` is its size unturned."""
        self.rotation = normalised(rotation)
        self.source_size = source_size
        self.full_size = rotated_size(*source_size, self.rotation)

    def face_rect(self, face: bq.FaceRow) -> QRectF:
        r = self.image_rect()
        s = self.scale()
        x1, y1, x2, y2 = face.box
        if self.rotation and all(self.source_size):
            x1, y1, x2, y2 = rotate_box(face.box, *self.source_size, self.rotation)
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
                self.message or translate("pictopy", "Loading…"),
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
                or (
                    translate("pictopy", "Unnamed")
                    if face.person_id
                    else translate("pictopy", "Who is this?")
                )
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
                self.setToolTip(translate("pictopy", "Play in your video player") if hover else "")
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
                translate(
                    "pictopy", "Click to name this face, move it to someone or find photos with it"
                )
                if face
                else ""
            )
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag_from = None
        self.setCursor(Qt.CursorShape.ArrowCursor)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.face_at(event.position()) is None:
            self.double_clicked.emit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.set_zoom(self.scale() * (1.25**steps), event.position())


def place_html(location: tuple[float, float], place: PlaceName | None) -> str:
    """The info panel's place: the town and country with the coordinates smaller below and
    its links; the coordinates alone until the town is named (``place``), or far from any town."""
    coordinates = links.format_coordinates(*location)
    open_map = html.escape(translate("pictopy", "Open in map"))
    map_link = f'<a href="map" style="color:{INFO_LINK}">{open_map} ↗</a>'
    if place is None or not place.named:
        return f"{coordinates}<br>{map_link}"
    here = html.escape(translate("pictopy", "Photos taken here"))
    return (
        f"<b>{html.escape(place.label)}</b><br>"
        f'<span style="font-size:11px; color:{INFO_MUTED}">{coordinates}</span><br>'
        f'<a href="place" style="color:{INFO_LINK}">{here}</a> · {map_link}'
    )


def keywords_html(paths: list[str]) -> str:
    """The info panel's keywords ("Places › France › Paris, beach"), each a link to its photos."""
    return ", ".join(
        f'<a href="keyword:{i}" style="color:{INFO_LINK}; text-decoration:none">'
        f"{html.escape(bq.keyword_label(path))}</a>"
        for i, path in enumerate(paths)
    )


class InfoPanel(QScrollArea):
    """The photo's details beside it: file, date, what other programs wrote, camera, place, people."""

    open_gallery = Signal(object)  # GalleryFilter: the photos of the town this one was taken in
    # Each row's key is its English label (QT_TRANSLATE_NOOP: translated where it is shown).
    CAMERA = (
        QT_TRANSLATE_NOOP("pictopy", "Camera"),
        QT_TRANSLATE_NOOP("pictopy", "Lens"),
        QT_TRANSLATE_NOOP("pictopy", "Exposure"),
        QT_TRANSLATE_NOOP("pictopy", "Aperture"),
        QT_TRANSLATE_NOOP("pictopy", "ISO"),
        QT_TRANSLATE_NOOP("pictopy", "Focal length"),
        QT_TRANSLATE_NOOP("pictopy", "Time zone"),
    )
    # Rows shown only when the photo has them.
    OPTIONAL = ("Title", "Description", "Rating", "Label", "Keywords", "Duration", "Place", *CAMERA)

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
        self.place: PlaceName | None = None  # the town at ``location``, once a worker named it
        self.keywords: list[str] = []  # the photo's keyword paths, each a link to its photos
        for key in (
            QT_TRANSLATE_NOOP("pictopy", "File"),
            QT_TRANSLATE_NOOP("pictopy", "Folder"),
            QT_TRANSLATE_NOOP("pictopy", "Title"),
            QT_TRANSLATE_NOOP("pictopy", "Date"),
            QT_TRANSLATE_NOOP("pictopy", "Description"),
            QT_TRANSLATE_NOOP("pictopy", "Rating"),
            QT_TRANSLATE_NOOP("pictopy", "Label"),
            QT_TRANSLATE_NOOP("pictopy", "Keywords"),
            QT_TRANSLATE_NOOP("pictopy", "Duration"),
            QT_TRANSLATE_NOOP("pictopy", "Size"),
            *self.CAMERA,
            QT_TRANSLATE_NOOP("pictopy", "Place"),
            QT_TRANSLATE_NOOP("pictopy", "Things"),
            QT_TRANSLATE_NOOP("pictopy", "People"),
            QT_TRANSLATE_NOOP("pictopy", "Albums"),
        ):
            value = QLabel("")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setObjectName("infoValue")
            title = QLabel(translate("pictopy", key))
            title.setObjectName("infoKey")
            self.form.addRow(title, value)
            self.fields[key] = value
        place = self.fields["Place"]
        place.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        # The links open through links.open_in_map or the Places gallery, on the user's click.
        place.setOpenExternalLinks(False)
        place.linkActivated.connect(self._place_link)
        place.linkHovered.connect(self._place_link_hovered)
        keywords = self.fields["Keywords"]
        keywords.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        keywords.setOpenExternalLinks(False)
        keywords.linkActivated.connect(self._keyword_link)
        keywords.linkHovered.connect(self._keyword_link_hovered)
        self.setWidget(inner)
        self.setMinimumWidth(240)

    def show_details(self, d: bq.ImageDetails, names: dict[int, str]) -> None:
        name = display_path(os.path.basename(d.path))
        if d.companion_path:  # a RAW+JPEG pair is one photo: both files are named
            name += f" + {display_path(os.path.basename(d.companion_path))} (RAW)"
        self.fields["File"].setText(name)
        self.fields["Folder"].setText(display_path(os.path.dirname(d.path)))
        self.fields["Date"].setText(
            d.date + ("" if d.date_is_exif else "  " + translate("pictopy", "(file date)"))
        )
        self.fields["Title"].setText(d.title or "")
        self.fields["Rating"].setText(
            "" if d.rating is None else "★" * d.rating + "☆" * (5 - d.rating)
        )
        self.fields["Label"].setText(d.color_label or "")
        self.keywords = list(d.keywords)
        self.fields["Keywords"].setText(keywords_html(self.keywords))
        dims = f"{d.width} × {d.height}" if d.width else "?"
        self.fields["Size"].setText(
            f"{dims} · {file_size(d.file_size)}" + (f" · {d.format}" if d.format else "")
        )
        self.fields["Things"].setText(
            ", ".join(f"{tag_name(label)} ({conf:.0%})" for label, conf in d.tags) or "—"
        )
        people = []
        for f in d.faces:
            people.append(
                names.get(f.person_id or -1)
                or (
                    translate("pictopy", "Unnamed person")
                    if f.person_id
                    else translate("pictopy", "Unknown face")
                )
            )
        self.fields["People"].setText(", ".join(sorted(set(people))) or "—")
        self.fields["Albums"].setText(", ".join(d.albums) or "—")
        self.fields["Description"].setText(d.description or "")
        self.fields["Duration"].setText(links.format_duration(d.duration_s) if d.is_video else "")
        location = None
        if d.latitude is not None and d.longitude is not None:
            location = (d.latitude, d.longitude)
        if location != self.location:
            self.place = None  # named by ``show_place`` once the worker has looked it up
        self.location = location
        self._show_place()
        # Until the worker has read the file's EXIF: the zone the library knows, no camera yet.
        self.show_exif(ExifInfo(time_zone=format_utc_offset(d.utc_offset_min)))

    def show_exif(self, info: ExifInfo) -> None:
        """The camera details read from the file (in a worker)."""
        values = dict(info.rows())
        for key in self.CAMERA:
            self.fields[key].setText(translated(values.get(key, "")))
        for key in self.OPTIONAL:
            self.form.setRowVisible(self.fields[key], bool(self.fields[key].text()))

    def show_place(self, location: tuple[float, float], place: PlaceName) -> None:
        """The town and country at ``location`` (named in a worker), if the photo is still there."""
        if location == self.location:
            self.place = place
            self._show_place()

    def _show_place(self) -> None:
        self.fields["Place"].setText(
            "" if self.location is None else place_html(self.location, self.place)
        )

    def _keyword(self, link: str) -> str | None:
        """The keyword path a link of the Keywords row stands for ("keyword:2": the third)."""
        _, _, index = link.partition(":")
        return (
            self.keywords[int(index)]
            if index.isdigit() and int(index) < len(self.keywords)
            else None
        )

    def _keyword_link(self, link: str) -> None:
        if (path := self._keyword(link)) is not None:
            self.open_gallery.emit(bq.GalleryFilter(bq.KEYWORD, path, bq.keyword_label(path)))

    def _keyword_link_hovered(self, link: str) -> None:
        path = self._keyword(link)
        tip = ""
        if path is not None:
            tip = translate("pictopy", "Shows every photo with the keyword {keyword}").format(
                keyword=bq.keyword_label(path)
            )
        self.fields["Keywords"].setToolTip(tip)

    def _place_link(self, link: str) -> None:
        if link == "place" and self.place is not None and self.place.named:
            key = PlaceKey(self.place.country_code, self.place.city)
            self.open_gallery.emit(bq.GalleryFilter(bq.PLACE, key, self.place.label))
        elif self.location is not None:
            links.open_in_map(*self.location)

    def _place_link_hovered(self, link: str) -> None:
        if link == "place" and self.place is not None:
            tip = translate("pictopy", "Shows every photo taken in {place}").format(
                place=self.place.label
            )
        elif link:
            tip = translate("pictopy", "Opens the position in your web browser (OpenStreetMap)")
        else:
            tip = ""
        self.fields["Place"].setToolTip(tip)


class FullScreenWindow(QWidget):
    """A window of its own showing the viewer's photo on the whole screen.

    The viewer lends it its stage (the photo, or a playing video) and takes it back on
    leaving, so zoom, faces and playback carry on; keys go to the viewer.
    """

    def __init__(self, viewer: ViewerPage) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("fullScreenViewer")
        self.setWindowTitle(translate("pictopy", "PictoPy"))
        self.viewer = viewer
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def take(self, widget: QWidget) -> None:
        self.layout().addWidget(widget)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.viewer.keyPressEvent(event)

    def closeEvent(self, event) -> None:
        # Closed by the window manager: give the photo back to the viewer first.
        if self.viewer.full_screen_window is self:
            self.viewer.leave_full_screen()
        super().closeEvent(event)


class ViewerPage(QWidget):
    """One photo at a time, stepping through the gallery it was opened from."""

    closed = Signal()
    find_face = Signal(int)  # face id: show the photos with this face
    open_gallery = Signal(object)  # GalleryFilter: the photos of the town shown in the info panel

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
        back = QPushButton(translate("pictopy", "‹ Back"))
        back.setObjectName("backButton")
        back.setToolTip(translate("pictopy", "Back to the gallery (Esc)"))
        back.clicked.connect(self.close_viewer)
        self.title = QLabel("")
        self.title.setObjectName("viewerTitle")
        self.title.setMinimumWidth(1)  # a long file name must not widen the window
        self.prev_button = QToolButton()
        self.prev_button.setText("‹")
        self.prev_button.setToolTip(translate("pictopy", "Previous (Left arrow)"))
        self.prev_button.setAccessibleName(translate("pictopy", "Previous"))
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QToolButton()
        self.next_button.setText("›")
        self.next_button.setToolTip(translate("pictopy", "Next (Right arrow)"))
        self.next_button.setAccessibleName(translate("pictopy", "Next"))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.fit_button = QToolButton()
        self.fit_button.setText(translate("pictopy", "Fit"))
        self.fit_button.setToolTip(translate("pictopy", "Fit to window (F)"))
        self.fit_button.clicked.connect(lambda: self.canvas.set_zoom(None))
        self.actual_button = QToolButton()
        self.actual_button.setText("1:1")
        self.actual_button.setToolTip(translate("pictopy", "Actual size (1)"))
        self.actual_button.clicked.connect(lambda: self.canvas.set_zoom(1.0))
        self.zoom_label = QLabel("")
        self.zoom_label.setObjectName("pageSubtitle")
        self.faces_button = QToolButton()
        self.faces_button.setText(translate("pictopy", "Faces"))
        self.faces_button.setCheckable(True)
        self.faces_button.setChecked(True)
        self.faces_button.setToolTip(translate("pictopy", "Show face boxes"))
        self.faces_button.toggled.connect(self._toggle_faces)
        self.info_button = QToolButton()
        self.info_button.setText(translate("pictopy", "Info"))
        self.info_button.setCheckable(True)
        self.info_button.setChecked(True)
        self.info_button.setToolTip(translate("pictopy", "Show the info panel (I)"))
        self.favourite_button = QToolButton()
        self.favourite_button.setObjectName("favouriteButton")
        self.favourite_button.setCheckable(True)
        self.favourite_button.setIcon(icon("favourites", "#e8eaed"))
        self.favourite_button.setToolTip(translate("pictopy", "Favourite (.)"))
        self.favourite_button.setAccessibleName(translate("pictopy", "Favourite"))
        self.favourite_button.clicked.connect(self.toggle_favourite)
        self.play_button = QToolButton()
        self.play_button.setObjectName("playButton")
        self.play_button.setText(translate("pictopy", "Play"))
        self.play_button.setIcon(icon("play", "#e8eaed"))
        self.play_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.play_button.setToolTip(translate("pictopy", "Play in your video player (P)"))
        self.play_button.clicked.connect(self.play)
        self.play_button.hide()
        self.delete_button = self._tool(
            "", translate("pictopy", "Move to the trash (Delete)"), self.delete
        )
        self.delete_button.setIcon(icon("removed", "#e8eaed"))
        # Google Photos keeps the bar short: the rest is under "More".
        self.more_button = self._tool(
            "⋯",
            translate(
                "pictopy", "More: full screen, rotate, slideshow, show in folder, open with, copy"
            ),
            None,
        )
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more = QMenu(self.more_button)
        self.full_screen_action = more.addAction(
            translate("pictopy", "Full screen  (F11, double-click)"), self.toggle_full_screen
        )
        more.addSeparator()
        self.rotate_left_action = more.addAction(
            translate("pictopy", "Rotate left  ([)"), lambda: self.rotate(-1)
        )
        self.rotate_right_action = more.addAction(
            translate("pictopy", "Rotate right  (])"), lambda: self.rotate(1)
        )
        more.addSeparator()
        self.slideshow_action = more.addAction(
            translate("pictopy", "Slideshow  (S)"), self.start_slideshow
        )
        more.addMenu(self._slideshow_menu())
        more.addSeparator()
        more.addAction(translate("pictopy", "Show in folder"), self.show_in_folder)
        more.addAction(
            translate("pictopy", "Open with the default app"), self.open_with_default_app
        )
        more.addAction(translate("pictopy", "Copy image  (Ctrl+C)"), self.copy_image)
        more.addSeparator()
        # The grid and the viewer show a RAW's embedded preview; this develops the RAW itself.
        self.develop_action = more.addAction(
            translate("pictopy", "Develop RAW at full size"), self.develop_raw
        )
        self.develop_action.setEnabled(False)
        self.more_button.setMenu(more)
        self.slideshow_timer = QTimer(self)
        self.slideshow_timer.timeout.connect(self._slideshow_next)
        self.full_screen_window: FullScreenWindow | None = None
        self.video_pane: VideoPane | None = None
        self._neighbour: int | None = None  # the photo to show once a deleted one has left
        self._away = False  # the page is hidden (the user went back to the grid)
        self._dropped = False  # the photo's pixels were let go on leaving; decode on return
        self._keep_zoom = False
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 6, 8, 6)
        bar.addWidget(back)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.title, 1)
        bar.addWidget(self.play_button)
        bar.addWidget(self.favourite_button)
        bar.addWidget(self.delete_button)
        bar.addWidget(self.more_button)
        bar.addWidget(self.zoom_label)
        bar.addWidget(self.fit_button)
        bar.addWidget(self.actual_button)
        bar.addWidget(self.faces_button)
        bar.addWidget(self.info_button)
        self.canvas = ImageCanvas(self)
        self.canvas.face_clicked.connect(self._face_clicked)
        self.canvas.play_clicked.connect(self.play)
        self.canvas.zoom_changed.connect(lambda s: self.zoom_label.setText(f"{s:.0%}"))
        self.canvas.double_clicked.connect(self.toggle_full_screen)
        self.info = InfoPanel(self)
        self.info.open_gallery.connect(self.open_gallery)
        self.info_button.toggled.connect(self.info.setVisible)
        self.stage = QStackedWidget()  # the photo, or a video playing
        self.stage.addWidget(self.canvas)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.stage)
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
        """The gallery reloaded (a heart, a rename, a delete): keep showing the same photo."""
        if self.model is None or self.image_id is None:
            return
        index = self.model.index_of_image(self.image_id)
        if index.isValid():
            self.row = index.row()
        elif self._neighbour is not None:  # the photo on show was deleted: show its neighbour
            index = self.model.index_of_image(self._neighbour)
            if index.isValid():
                self.row = index.row()
                self._load()
        self._neighbour = None
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
        self._stop_video()
        self._dropped = False
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
        self._read_place(request, d)
        self.canvas.set_rotation(d.rotation, (d.width or 0, d.height or 0))
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
            self.canvas.message = (
                (
                    translate(
                        "pictopy",
                        "This video is offline: the drive or folder holding it is not connected.",
                    )
                    if d.is_video
                    else translate(
                        "pictopy",
                        "This photo is offline: the drive or folder holding it is not connected.",
                    )
                )
                + "\n"
                + translate(
                    "pictopy",
                    "Its names, albums and favourite are kept; connect the drive and it comes back.",
                )
            )
            self.canvas.update()
            return
        self.develop_action.setEnabled(d.raw_path is not None and not d.is_video)
        self._read_exif(request, d)
        self._read_image(request, d)

    def develop_raw(self) -> None:
        """Develop the photo's RAW (LibRaw, seconds) in a worker and show it at 100 %."""
        d = self.details
        if d is None or d.raw_path is None or d.offline:
            return
        request, path, rotation = self._request, d.raw_path, d.rotation
        self.zoom_label.setText(translate("pictopy", "Developing RAW…"))

        def develop() -> QImage:
            from pictopy_desktop.workers.images import read_developed_raw  # in the worker

            image = read_developed_raw(path)
            return image.transformed(QTransform().rotate(rotation)) if rotation % 360 else image

        def got(image: QImage) -> None:
            self._got_image(request, image)
            if request == self._request:
                self.canvas.set_zoom(1.0)

        self.ctx.read(
            develop,
            got,
            context=self,
            on_failure=lambda exc: self._image_failed(request, exc),
        )

    def _read_image(self, request: int, d: bq.ImageDetails) -> None:
        """Decode the photo (or a video's poster) in a worker, turned by its rotation."""
        path, rotation, is_video = d.path, d.rotation, d.is_video

        def load() -> QImage:
            # The image stack (numpy, Pillow, OpenCV) is imported here, in the worker.
            from pictopy_desktop.workers import images as image_jobs

            read = image_jobs.read_video_poster if is_video else image_jobs.read_full_image
            image = read(path)
            return image.transformed(QTransform().rotate(rotation)) if rotation % 360 else image

        self.ctx.read(
            load,
            lambda img: self._got_image(request, img),
            context=self,
            on_failure=lambda exc: self._image_failed(request, exc),
        )

    def _read_exif(self, request: int, d: bq.ImageDetails) -> None:
        """Camera, lens and exposure for the info panel, read from the file in a worker."""
        if d.is_video:
            return
        path, zone = d.path, d.utc_offset_min

        def got(info: ExifInfo) -> None:
            if request == self._request:
                self.info.show_exif(info)

        self.ctx.read(
            lambda: read_exif_info(path, zone),
            got,
            context=self,
            on_failure=lambda exc: log.info("No camera details for %s: %s", path, exc),
        )

    def _read_place(self, request: int, d: bq.ImageDetails) -> None:
        """The town and country at the photo's GPS position, named in a worker.

        A place not named before loads the offline gazetteer for the look-up (about a second,
        ``benchmarks/bench_place_names.py``); one named before comes from the places' cell
        cache in microseconds. A look-up the user has stepped past is skipped before it
        starts, so stepping quickly through photos never queues gazetteer loads.
        """
        if d.latitude is None or d.longitude is None:
            return
        location = (d.latitude, d.longitude)

        def look_up() -> PlaceName | None:
            return place_at(*location) if request == self._request else None

        def got(place: PlaceName | None) -> None:
            if place is not None and request == self._request:
                self.info.show_place(location, place)

        self.ctx.read(
            look_up,
            got,
            context=self,
            on_failure=lambda exc: log.info("No place name for %s: %s", location, exc),
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

    @property
    def image(self) -> QImage | None:
        """The picture on show, turned as shown (for copying): the canvas's own pixels, shared,
        not a second copy of a photo that may be 48 MB."""
        pixmap = self.canvas.pixmap
        return pixmap.toImage() if pixmap is not None and not pixmap.isNull() else None

    def hideEvent(self, event) -> None:
        """Back in the grid, the photo's pixels go: a 12 MP photo holds 48 MB, and browsing
        must not keep it. Shown again, the viewer decodes it anew, at the same zoom."""
        super().hideEvent(event)
        if not event.spontaneous() and not self.is_full_screen():  # not when minimised
            self._away = True
            if self.canvas.pixmap is not None:
                self.canvas.pixmap = None
                self._dropped = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._away = False
        if self._dropped:
            # On the next turn: opening another photo (``open``) comes right after the show.
            QTimer.singleShot(0, self, self._decode_dropped)

    def _decode_dropped(self) -> None:
        d = self.details
        if not self._dropped or self._away or d is None or d.id != self.image_id or d.offline:
            return
        self._dropped = False
        self._keep_zoom = self.canvas.zoom is not None
        self._read_image(self._request, d)

    def _got_image(self, request: int, image: QImage) -> None:
        if request != self._request or self.details is None:
            return
        if self._away:  # decoded after the user left: decoded again if they come back
            self._dropped = True
            return
        d = self.details
        if not (d.width and d.height):  # size unknown to the library: the decoded one, unturned
            self.canvas.set_rotation(
                d.rotation, rotated_size(image.width(), image.height(), d.rotation)
            )
        zoom, offset = self.canvas.zoom, self.canvas.offset
        self.canvas.set_image(QPixmap.fromImage(image), self.canvas.full_size)
        if self._keep_zoom:  # turned in place: keep the zoom the user chose
            self.canvas.zoom, self.canvas.offset = zoom, offset
            self._keep_zoom = False
        self.canvas.set_faces(self.details.faces, self._names(self.details))
        self.zoom_label.setText(f"{self.canvas.scale():.0%}")

    def _image_failed(self, request: int, exc: BaseException) -> None:
        if request == self._request:
            self.canvas.set_image(None, (0, 0))
            video = self.details is not None and self.details.is_video
            self.canvas.message = (
                translate("pictopy", "This video cannot be shown: {reason}")
                if video
                else translate("pictopy", "This photo cannot be shown: {reason}")
            ).format(reason=translated(str(exc)))
            self.canvas.update()

    def _reload_faces(self) -> None:
        if self.image_id is None or not self.isVisible():
            return
        image_id, request = self.image_id, self._request

        def got(d: bq.ImageDetails) -> None:
            if request == self._request:
                turned = self.details is not None and d.rotation != self.details.rotation
                self.details = d
                names = self._names(d)
                self.info.show_details(d, names)
                self._read_exif(request, d)
                self.canvas.set_rotation(d.rotation, (d.width or 0, d.height or 0))
                self.canvas.set_faces(d.faces, names)
                if turned and not d.offline:  # rotated (here or in the grid): show it turned
                    self._keep_zoom = False
                    self._read_image(request, d)
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
            translate("pictopy", "Remove from favourites (.)")
            if on
            else translate("pictopy", "Add to favourites (.)")
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
        """Play the video inside the viewer (QtMultimedia), or in the system's player where it can't."""
        if self.details is None or not self.details.is_video or self.details.offline:
            return
        path = self.details.path
        problem = inline_video_problem()
        if problem is not None:
            log.info("Playing %s in the system player: %s", path, problem)
            links.open_in_player(path)
            return
        if self.video_pane is None:
            self.video_pane = VideoPane(self)
            self.video_pane.failed.connect(self._video_failed)
            self.stage.addWidget(self.video_pane)
        self.stage.setCurrentWidget(self.video_pane)
        self.video_pane.play(path)

    def _video_failed(self, reason: str) -> None:
        path = self.video_pane.path if self.video_pane is not None else None
        self._stop_video()
        if path:
            messages.info(
                translate(
                    "pictopy",
                    "PictoPy could not play this video ({reason}); opening your video player.",
                ).format(reason=reason)
            )
            links.open_in_player(path)

    def _stop_video(self) -> None:
        if self.video_pane is not None and self.stage.currentWidget() is self.video_pane:
            self.video_pane.stop()
            self.stage.setCurrentWidget(self.canvas)

    def playing_inline(self) -> bool:
        """True while a video plays inside the viewer."""
        return self.video_pane is not None and self.stage.currentWidget() is self.video_pane

    # ------------------------------------------------------------ rotate, delete, copy, open

    def _tool(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        if slot is not None:
            button.clicked.connect(slot)
        return button

    def rotate(self, quarter_turns: int) -> None:
        """Turn the photo on show 90° clockwise (1) or anticlockwise (-1); the file is not touched."""
        if self.details is None or self.details.is_video:
            return
        image_id, request = self.details.id, self._request
        target = normalised(self.details.rotation + quarter_turns * 90)

        def done() -> None:
            d = self.details
            if request != self._request or d is None or d.id != image_id or d.rotation == target:
                return  # another photo now, or images_changed already showed the turn
            d.rotation = target
            self.canvas.set_rotation(d.rotation, (d.width or 0, d.height or 0))
            self._keep_zoom = self.canvas.zoom is not None
            if not d.offline:
                self._read_image(request, d)
            self.canvas.update()

        photo_actions.rotate_photos(self.ctx, [image_id], quarter_turns, done)

    def delete(self) -> None:
        """Move the photo on show to the system trash (Undo in the notification) and show the next."""
        if self.details is None or self.model is None:
            return
        image_id = self.details.id
        after = self._photo_row(self.row, 1)
        before = self._photo_row(self.row, -1)
        neighbour_row = after if after is not None else before
        self._neighbour = self.model.image_id(neighbour_row) if neighbour_row is not None else None

        def done(outcome) -> None:
            if not outcome.trashed or self.image_id != image_id:
                return
            if self._neighbour is None:
                self.stop_slideshow()
                self.leave_full_screen()
                self.close_viewer()
                return
            self.model.reload()  # the gallery drops the photo; _model_reset shows the neighbour

        photo_actions.delete_photos(self.ctx, [image_id], done)

    def _photo_row(self, row: int, delta: int) -> int | None:
        row += delta
        while self.model is not None and 0 <= row < self.model.rowCount():
            if self.model.image_id(row) is not None:
                return row
            row += delta
        return None

    def show_in_folder(self) -> None:
        if self.details is not None:
            links.show_in_folder(self.details.path)

    def open_with_default_app(self) -> None:
        if self.details is not None:
            links.open_with_default_app(self.details.path)

    def copy_image(self) -> None:
        if self.details is not None and not self.details.offline:
            photo_actions.copy_image(self.ctx, self.details.path, self.details.rotation, self.image)

    # ------------------------------------------------------------ full screen, slideshow

    def is_full_screen(self) -> bool:
        return self.full_screen_window is not None

    def toggle_full_screen(self) -> None:
        if self.is_full_screen():
            self.leave_full_screen()
        else:
            self.enter_full_screen()

    def enter_full_screen(self) -> None:
        """The photo alone on the whole screen: no sidebar, search or toolbar (Esc or F11 leaves)."""
        if self.full_screen_window is not None:
            return
        window = FullScreenWindow(self)
        window.take(self.stage)
        self.full_screen_window = window
        window.showFullScreen()
        self.canvas.setFocus()

    def leave_full_screen(self) -> None:
        window, self.full_screen_window = self.full_screen_window, None
        if window is None:
            return
        self.stop_slideshow()
        self.splitter.insertWidget(0, self.stage)
        self.splitter.setStretchFactor(0, 1)
        window.hide()
        window.deleteLater()
        self.canvas.setFocus()

    def _slideshow_menu(self) -> QMenu:
        menu = QMenu(translate("pictopy", "Slideshow: next photo every"), self)
        current = read_int(
            self.ctx, SLIDESHOW_SECONDS, DEFAULT_SLIDESHOW_SECONDS, 1, max(SLIDESHOW_CHOICES)
        )
        self.interval_actions = {}
        for seconds in SLIDESHOW_CHOICES:
            action = menu.addAction(n_("%n second(s)", seconds))
            action.setCheckable(True)
            action.setChecked(seconds == current)
            action.triggered.connect(lambda _=False, s=seconds: self.set_slideshow_interval(s))
            self.interval_actions[seconds] = action
        return menu

    def slideshow_interval(self) -> int:
        """Seconds each photo shows in a slideshow (a remembered setting)."""
        return read_int(
            self.ctx, SLIDESHOW_SECONDS, DEFAULT_SLIDESHOW_SECONDS, 1, max(SLIDESHOW_CHOICES)
        )

    def set_slideshow_interval(self, seconds: int) -> None:
        write_int(self.ctx, SLIDESHOW_SECONDS, seconds)
        for s, action in self.interval_actions.items():
            action.setChecked(s == seconds)
        if self.slideshow_timer.isActive():
            self.slideshow_timer.start(seconds * 1000)

    def start_slideshow(self) -> None:
        """Full screen, the next photo every few seconds, from the start again after the last; Esc stops."""
        self.enter_full_screen()
        self.slideshow_timer.start(self.slideshow_interval() * 1000)

    def stop_slideshow(self) -> None:
        self.slideshow_timer.stop()

    def is_slideshow_running(self) -> bool:
        return self.slideshow_timer.isActive()

    def _slideshow_next(self) -> None:
        if self.model is None:
            self.stop_slideshow()
            return
        row = self._photo_row(self.row, 1)
        if row is None:
            row = self._photo_row(-1, 1)  # past the last photo: from the first again
        if row is None:
            self.stop_slideshow()
            return
        self.row = row
        self._load()

    def _toggle_faces(self, on: bool) -> None:
        self.canvas.show_faces = on
        self.canvas.update()

    def _face_clicked(self, face: bq.FaceRow, global_pos) -> None:
        self.face_menu(face).exec(global_pos)

    def face_menu(self, face: bq.FaceRow) -> QMenu:
        """What can be done with a face: name it, move it, find the photos with it."""
        menu = QMenu(self)
        who = self.canvas.names.get(face.person_id or -1)
        header = menu.addAction(
            who
            or (
                translate("pictopy", "Unnamed person")
                if face.person_id
                else translate("pictopy", "Unknown face")
            )
        )
        header.setEnabled(False)
        guess = self.suggestions.get(face.id) if not who else None
        if guess is not None and guess.person_name:
            yes = menu.addAction(
                translate("pictopy", "Yes, this is {name}").format(name=guess.person_name)
            )
            yes.triggered.connect(
                lambda: actions.answer_suggestion(self.ctx, face.id, guess.person_id, True)
            )
            no = menu.addAction(
                translate("pictopy", "No, not {name}").format(name=guess.person_name)
            )
            no.triggered.connect(
                lambda: actions.answer_suggestion(self.ctx, face.id, guess.person_id, False)
            )
            menu.addSeparator()
        if face.person_id is not None and not who:
            menu.addAction(translate("pictopy", "Add a name…"), lambda: self._name_person(face))
        actions.add_face_actions(menu, self.ctx, self, face, face.person_id)
        menu.addSeparator()
        menu.addAction(
            translate("pictopy", "Find photos with this face"), lambda: self.find_face.emit(face.id)
        )
        return menu

    def _name_person(self, face: bq.FaceRow) -> None:
        person = next((p for p in self.ctx.people if p.id == face.person_id), None)
        if person is not None:
            actions.ask_person_name(self.ctx, self, person, face=face)
        else:  # a hidden person: name this face on its own
            actions.ask_face_person(self.ctx, self, [face], face.person_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if key == Qt.Key.Key_Escape:
            if self.is_slideshow_running():
                self.stop_slideshow()
            elif self.is_full_screen():
                self.leave_full_screen()
            else:
                self.close_viewer()
        elif self.is_slideshow_running() and key not in (Qt.Key.Key_Right, Qt.Key.Key_Left):
            self.stop_slideshow()  # any other key stops the slideshow, as in other viewers
        elif key == Qt.Key.Key_F11:
            self.toggle_full_screen()
        elif key == Qt.Key.Key_S and not ctrl:
            self.start_slideshow()
        elif key == Qt.Key.Key_BracketLeft or (
            ctrl and mods & Qt.KeyboardModifier.ShiftModifier and key == Qt.Key.Key_Left
        ):
            self.rotate(-1)
        elif key == Qt.Key.Key_BracketRight or (
            ctrl and mods & Qt.KeyboardModifier.ShiftModifier and key == Qt.Key.Key_Right
        ):
            self.rotate(1)
        elif key == Qt.Key.Key_Delete:
            self.delete()
        elif ctrl and key == Qt.Key.Key_C:
            self.copy_image()
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
