"""The one place the UI imports Qt from (like Anki's ``aqt.qt``).

Every other module in ``pictopy_desktop.ui`` and ``pictopy_desktop.workers`` does
``from pictopy_desktop.ui.qt import ...``; version quirks are handled here only.
"""

from __future__ import annotations

# ruff: noqa: F401
from PySide6.QtCore import (
    QAbstractListModel,
    QBuffer,
    QByteArray,
    QElapsedTimer,
    QEvent,
    QIODevice,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QRunnable,
    QSettings,
    QSize,
    QSizeF,
    QSortFilterProxyModel,
    Qt,
    QThread,
    QThreadPool,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QBrush,
    QCloseEvent,
    QColor,
    QDesktopServices,
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QIcon,
    QImage,
    QImageReader,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
    QShortcut,
    QTransform,
    QWheelEvent,
)
from PySide6.QtCore import QFileSystemWatcher
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QStatusBar,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid as qobject_alive

QT_VERSION_STR = __import__("PySide6").__version__


def _fix_signal_emit_refcount() -> bool:
    """Work around a PySide6 6.12 bug: ``SignalInstance.emit()`` returns ``True`` without a
    new reference, so on Python < 3.12 (where ``True`` is not immortal) every emit from
    Python takes one reference from ``True`` until the interpreter aborts with
    "bool_dealloc: deallocating True or False". Probe for it once and, if present, wrap
    ``emit`` so the reference is given back. Returns whether the fix was installed.
    """
    import ctypes
    import sys

    from PySide6.QtCore import SignalInstance

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    results = [probe.ping.emit() for _ in range(8)]
    del results
    leaked = before - sys.getrefcount(True)
    if leaked <= 0:
        return False
    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    for _ in range(leaked):
        incref(True)  # give back what the probe took
    original = SignalInstance.emit

    def emit(self, *args):  # type: ignore[no-untyped-def]
        result = original(self, *args)
        if result is True or result is False:
            incref(result)
        return result

    SignalInstance.emit = emit
    return True


SIGNAL_EMIT_PATCHED = _fix_signal_emit_refcount()
