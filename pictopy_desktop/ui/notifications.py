"""Non-blocking notifications: toasts stacked in the window's bottom-right corner.

The message bridge delivers here. Errors stay until closed; warnings and info fade
after a while. "Details" opens the full text (a traceback, the list of failed files)
in a non-modal window.
"""

from __future__ import annotations

from pictopy_desktop.ui.messages import ERROR, INFO, WARNING, Message
from pictopy_desktop.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    Qt,
    QTimer,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from pictopy_desktop.ui.translations import translate

_TIMEOUT_MS = {INFO: 6000, WARNING: 12000, ERROR: 0}
_ICONS = {INFO: "ℹ", WARNING: "⚠", ERROR: "✖"}


class DetailsDialog(QDialog):
    def __init__(self, msg: Message, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("pictopy", "Details"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(640, 360)
        layout = QVBoxLayout(self)
        title = QLabel(msg.text)
        title.setWordWrap(True)
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text = QPlainTextEdit(msg.details)
        text.setReadOnly(True)
        text.setObjectName("detailsText")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        copy = buttons.addButton(
            translate("pictopy", "Copy"), QDialogButtonBox.ButtonRole.ActionRole
        )
        copy.clicked.connect(lambda: (text.selectAll(), text.copy()))
        layout.addWidget(title)
        layout.addWidget(text, 1)
        layout.addWidget(buttons)


class Toast(QFrame):
    def __init__(self, msg: Message, parent: QWidget) -> None:
        super().__init__(parent)
        self.msg = msg
        self.action_button: QPushButton | None = None
        self.setObjectName("toast")
        self.setProperty("level", msg.level)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 6, 8)
        icon = QLabel(_ICONS.get(msg.level, ""))
        icon.setObjectName("toastIcon")
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        text = QLabel(msg.text)
        self.text_label = text
        text.setObjectName("toastText")
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(icon)
        layout.addWidget(text, 1)
        if msg.action is not None:
            label, act = msg.action
            action = QPushButton(label)
            action.setObjectName("toastAction")
            action.clicked.connect(lambda: (self.dismiss(), act()))
            layout.addWidget(action, 0, Qt.AlignmentFlag.AlignTop)
            self.action_button = action
        if msg.details:
            details = QPushButton(translate("pictopy", "Details"))
            details.setObjectName("toastDetails")
            details.clicked.connect(self.show_details)
            layout.addWidget(details, 0, Qt.AlignmentFlag.AlignTop)
        close = QToolButton()
        close.setText("✕")
        close.setObjectName("toastClose")
        close.setToolTip(translate("pictopy", "Dismiss"))
        close.setAccessibleName(translate("pictopy", "Dismiss"))
        close.clicked.connect(self.dismiss)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        timeout = _TIMEOUT_MS.get(msg.level, 0)
        if timeout:
            QTimer.singleShot(timeout, self, self.dismiss)

    def height_for(self, width: int) -> int:
        """Height to show all the (wrapped) text at ``width``."""
        extras = 12 + 6 + 24 + (90 if self.msg.details else 0) + 36  # margins, icon, buttons
        extras += 90 if self.msg.action else 0
        text_h = self.text_label.heightForWidth(max(80, width - extras))
        return max(40, text_h + 18)

    def show_details(self) -> None:
        DetailsDialog(self.msg, self.window()).show()

    def dismiss(self) -> None:
        area = self.parent()
        self.hide()
        self.deleteLater()
        if isinstance(area, NotificationArea):
            QTimer.singleShot(0, area, area.relayout)  # not after the window (and the area) closed


class NotificationArea(QWidget):
    """An overlay on the window's central widget; toasts stack upwards from the bottom."""

    MAX_VISIBLE = 4
    WIDTH = 420

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("notifications")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, False)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        self._layout.addStretch(1)
        parent.installEventFilter(self)
        self.hide()

    def show_message(self, msg: Message) -> Toast:
        toast = Toast(msg, self)
        self._layout.addWidget(toast)
        toast.show()
        toasts = self.toasts()
        for old in toasts[: max(0, len(toasts) - self.MAX_VISIBLE)]:
            old.dismiss()
        self.relayout()
        return toast

    def toasts(self) -> list[Toast]:
        return [w for w in self.findChildren(Toast) if not w.isHidden()]

    def relayout(self) -> None:
        parent = self.parentWidget()
        live = [t for t in self.findChildren(Toast) if not t.isHidden()]
        if not live:
            self.hide()
            return
        self.show()
        self.raise_()
        width = min(self.WIDTH, parent.width() - 24)
        wanted = sum(t.height_for(width) for t in live) + self._layout.spacing() * (len(live) - 1)
        for t in live:
            t.setFixedHeight(t.height_for(width))
        height = min(parent.height() - 24, wanted)
        self.setGeometry(parent.width() - width - 12, parent.height() - height - 12, width, height)

    def eventFilter(self, obj, event) -> bool:
        from pictopy_desktop.ui.qt import QEvent

        if obj is self.parentWidget() and event.type() == QEvent.Type.Resize and self.isVisible():
            self.relayout()
        return False
