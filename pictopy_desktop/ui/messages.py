"""error() / warning() / info(): log, then show a non-blocking notification in the window.

Any module (or worker thread) can report without holding a widget, like qutebrowser's
``utils/message.py``: the bridge holds messages until a window attaches, then the
window's notification area shows them. ``install_excepthook()`` turns an uncaught
exception into a crash notification instead of a silent death.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType

from pictopy_desktop.ui.qt import QObject, Signal, Slot
from pictopy_desktop.ui.translations import translate

log = logging.getLogger("pictopy_desktop.ui.messages")

ERROR, WARNING, INFO = "error", "warning", "info"


@dataclass(frozen=True)
class Message:
    level: str
    text: str
    details: str = ""
    # A button on the notification, e.g. ("Undo", restore): its label and what it does.
    action: tuple[str, Callable[[], None]] | None = field(default=None, compare=False)


Handler = Callable[[Message], None]


class MessageBridge(QObject):
    """Carries messages to the GUI thread; queues them while no window is attached."""

    posted = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._handler: Handler | None = None
        self._queue: list[Message] = []
        self.history: list[Message] = []  # everything shown this session (tests read it)
        self.posted.connect(self._deliver)

    def attach(self, handler: Handler) -> None:
        """Show messages with ``handler`` from now on, starting with the queued ones."""
        with self._lock:
            self._handler = handler
            queued, self._queue = self._queue, []
        for msg in queued:
            handler(msg)

    def detach(self, handler: Handler | None = None) -> None:
        with self._lock:
            if handler is None or self._handler is handler:
                self._handler = None

    def post(self, msg: Message) -> None:
        self.history.append(msg)
        self.posted.emit(msg)  # queued to the GUI thread when called from a worker

    @Slot(object)
    def _deliver(self, msg: Message) -> None:
        with self._lock:
            handler = self._handler
            if handler is None:
                self._queue.append(msg)
                return
        try:
            handler(msg)
        except Exception:  # a broken notification must not turn into a loop of errors
            log.exception("Could not show message %r", msg.text)

    def pending(self) -> list[Message]:
        with self._lock:
            return list(self._queue)


_bridge: MessageBridge | None = None


def bridge() -> MessageBridge:
    global _bridge
    if _bridge is None:
        _bridge = MessageBridge()
    return _bridge


def _post(
    level: str,
    text: str,
    details: str | None,
    action: tuple[str, Callable[[], None]] | None = None,
) -> None:
    bridge().post(Message(level, text, details or "", action))


def error(text: str, details: str | None = None) -> None:
    log.error("%s%s", text, f"\n{details}" if details else "")
    _post(ERROR, text, details)


def warning(text: str, details: str | None = None) -> None:
    log.warning("%s%s", text, f"\n{details}" if details else "")
    _post(WARNING, text, details)


def info(
    text: str,
    details: str | None = None,
    action: tuple[str, Callable[[], None]] | None = None,
) -> None:
    """Tell the user something went well; ``action`` adds a button (e.g. Undo) to the notification."""
    log.info("%s%s", text, f"\n{details}" if details else "")
    _post(INFO, text, details, action)


def describe(exc: BaseException) -> tuple[str, str]:
    """A one-line message for the user and the details (traceback) behind it."""
    from pictopy_desktop.ui.core_texts import translated
    from pictopy_desktop.user_errors import explain

    tb = getattr(exc, "pictopy_traceback", None) or "".join(
        traceback.format_exception(type(exc), exc, exc.__traceback__)
    )
    text = explain(exc)  # expected errors (full disk, busy library, no access) in one sentence
    if text is not None:
        return translated(text), tb
    return translate("pictopy", "Something went wrong: {error}").format(
        error=f"{type(exc).__name__}: {exc}"
    ), tb


def exception(exc: BaseException, context: str | None = None) -> None:
    """Report an exception (from a worker or a slot) as an error notification."""
    text, details = describe(exc)
    error(f"{context}: {text}" if context else text, details)


def _excepthook(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    log.critical("Uncaught exception\n%s", details)
    try:
        _post(
            ERROR,
            translate(
                "pictopy",
                "Unexpected error: {error}. PictoPy keeps running; please report this with the details.",
            ).format(error=f"{exc_type.__name__}: {exc}"),
            details,
        )
    except Exception:
        sys.__excepthook__(exc_type, exc, tb)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        _excepthook(args.exc_type, args.exc_value, args.exc_traceback)


def install_excepthook() -> None:
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
