"""Help -> Copy diagnostics: the report of ``pictopy diagnostics`` on the clipboard.

``copy_diagnostics(ctx)`` is what a menu action or a button calls; the report comes from
the core (``pictopy_desktop.diagnostics``) with the running Qt's version and the live
model sessions of the open library.
"""

from __future__ import annotations

from pictopy_desktop.diagnostics import as_text, collect
from pictopy_desktop.ui import messages
from pictopy_desktop.ui.context import AppContext
from pictopy_desktop.ui.qt import QGuiApplication, qVersion
from pictopy_desktop.ui.translations import translate


def diagnostics_text(ctx: AppContext) -> str:
    """The diagnostics report of this window's library, as text."""
    library = ctx.library
    return as_text(collect(library.loaded_analyzer(), qt_version=qVersion(), where=library.folders))


def copy_diagnostics(ctx: AppContext) -> str:
    """Put the diagnostics report on the clipboard, say so, and return it."""
    text = diagnostics_text(ctx)
    QGuiApplication.clipboard().setText(text)
    messages.info(translate("pictopy", "Diagnostics copied: paste them into your bug report."))
    return text
