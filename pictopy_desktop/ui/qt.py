"""The one place the UI imports Qt from (like Anki's ``aqt.qt``).

Every other module in ``pictopy_desktop.ui`` and ``pictopy_desktop.workers`` does
``from pictopy_desktop.ui.qt import ...``; version quirks are handled here only.
"""

from __future__ import annotations

import sys

# ruff: noqa: F401
from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QCoreApplication,
    QEvent,
    QEventLoop,
    QFile,
    QFileDevice,
    QFileSystemWatcher,
    QIODevice,
    QItemSelection,
    QItemSelectionModel,
    QLibraryInfo,
    QLocale,
    QMimeData,
    QModelIndex,
    QObject,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QRunnable,
    QSettings,
    QSize,
    QStandardPaths,
    Qt,
    QThreadPool,
    QTimer,
    QTranslator,
    QUrl,
    Signal,
    Slot,
    qVersion,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QColor,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QFont,
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
    QPixmapCache,
    QRegion,
    QShortcut,
    QTransform,
    QWheelEvent,
)
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMenuBar,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QRubberBand,
    QScrollArea,
    QSlider,
    QSpinBox,
    QSplitter,
    QStackedWidget,
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


def _skip_feature_source_scan() -> None:
    """Stop PySide6 from reading the source of every module imported after it.

    For its opt-in ``from __feature__ import snake_case`` PySide6 runs
    ``inspect.getsource`` on each module an import statement names, to see whether it
    mentions PySide6 (napari#8584): at our start that is some 140 files read, peewee's
    8,000 lines among them, all kept in ``linecache``. This app selects no feature, so
    every module gets the answer PySide6 gives a Qt module: plain Qt API, no switching.
    """
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = lambda module: True


_skip_feature_source_scan()


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for pyside6-lupdate (which reads this name) and returns it unchanged.

    PySide6's own is typed as returning ``object``, which made every label it marks an
    ``object`` to mypy.
    """
    return text


def dbus():
    """QtDBus's ``(QDBusConnection, QDBusInterface)``, imported on first use: only "Show in
    folder" talks to the desktop over D-Bus, and the app starts without it."""
    from PySide6.QtDBus import QDBusConnection, QDBusInterface

    return QDBusConnection, QDBusInterface


def multimedia():
    """QtMultimedia's player and video widget: ``(QMediaPlayer, QAudioOutput, QVideoWidget)``.

    Imported on first use: it is a separate wheel (PySide6-Addons) that needs the system's
    audio libraries, so it may be missing or fail to load; ImportError (or OSError) says so.
    """
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
    from PySide6.QtMultimediaWidgets import QVideoWidget

    return QMediaPlayer, QAudioOutput, QVideoWidget
