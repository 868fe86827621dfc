"""Videos played inside the viewer with QtMultimedia, or in the system's player where it can't.

QtMultimedia comes in a separate wheel and needs the system's audio libraries; where it
is missing, fails to load, or has no working backend, ``inline_video_problem`` says why
and the viewer hands the file to the system's player instead. A player error while
playing (a codec the backend lacks) falls back the same way through ``failed``.
"""

from __future__ import annotations

import functools
import logging

from pictopy_desktop.ui.links import format_duration, local_file_url
from pictopy_desktop.ui.qt import (
    QHBoxLayout,
    QLabel,
    QSlider,
    Qt,
    QToolButton,
    QUrl,
    QVBoxLayout,
    QWidget,
    Signal,
    multimedia,
)
from pictopy_desktop.ui.translations import translate

log = logging.getLogger(__name__)


@functools.cache
def inline_video_problem() -> str | None:
    """Why videos cannot play inside PictoPy here, or None when they can (checked once)."""
    try:
        media_player, _audio, _widget = multimedia()
    except (ImportError, OSError) as exc:
        return f"Qt Multimedia is not available ({exc})"
    player = media_player()
    try:
        if not player.isAvailable():
            return "Qt Multimedia has no working media backend"
    finally:
        player.deleteLater()
    return None


class VideoPane(QWidget):
    """A video with play/pause, a position slider and the time; ``failed(reason)`` on a player error."""

    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoPane")
        media_player, audio_output, video_widget = multimedia()
        self.player = media_player(self)
        self.audio = audio_output(self)
        self.player.setAudioOutput(self.audio)
        self.video = video_widget(self)
        self.player.setVideoOutput(self.video)
        self.path: str | None = None
        self.play_button = QToolButton()
        self.play_button.setText(translate("pictopy", "Pause"))
        self.play_button.setAccessibleName(translate("pictopy", "Play or pause"))
        self.play_button.clicked.connect(self.toggle)
        self.position = QSlider(Qt.Orientation.Horizontal)
        self.position.setAccessibleName(translate("pictopy", "Position in the video"))
        self.position.sliderMoved.connect(self.player.setPosition)
        self.time = QLabel("")
        self.time.setObjectName("pageSubtitle")
        controls = QHBoxLayout()
        controls.setContentsMargins(8, 4, 8, 4)
        controls.addWidget(self.play_button)
        controls.addWidget(self.position, 1)
        controls.addWidget(self.time)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.video, 1)
        layout.addLayout(controls)
        self.player.durationChanged.connect(lambda ms: self.position.setRange(0, max(0, ms)))
        self.player.positionChanged.connect(self._moved)
        self.player.playbackStateChanged.connect(self._state_changed)
        self.player.errorOccurred.connect(self._error)

    def play(self, path: str) -> None:
        """Play the video at ``path`` from its start."""
        self.path = path
        self.player.setSource(local_file_url(path))
        self.player.play()

    def stop(self) -> None:
        self.player.stop()
        self.player.setSource(QUrl())  # let go of the file
        self.path = None

    def toggle(self) -> None:
        playing = self.player.playbackState() == self.player.PlaybackState.PlayingState
        self.player.pause() if playing else self.player.play()

    def _moved(self, ms: int) -> None:
        if not self.position.isSliderDown():
            self.position.setValue(ms)
        self.time.setText(
            f"{format_duration(ms / 1000)} / {format_duration(self.player.duration() / 1000)}"
        )

    def _state_changed(self, state) -> None:
        playing = state == self.player.PlaybackState.PlayingState
        self.play_button.setText(
            translate("pictopy", "Pause") if playing else translate("pictopy", "Play")
        )

    def _error(self, error, text: str = "") -> None:
        if error == self.player.Error.NoError or self.path is None:
            return
        reason = text or self.player.errorString() or str(error)
        log.info("Inline playback of %s failed: %s", self.path, reason)
        self.failed.emit(reason)
