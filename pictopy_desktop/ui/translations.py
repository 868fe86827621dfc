"""Qt translations: the English plural forms of the app's ``%n`` strings.

Qt writes numbers into text with ``tr()``/``QCoreApplication.translate`` and ``%n``
("%n photo(s)"); the right plural for each language comes from a compiled ``.qm``
(``resources/i18n/pictopy_en.ts``, compiled by ``pyside6-lrelease``). Without it
English would read "1 photo(s)".
"""

from __future__ import annotations

from pictopy_desktop import paths
from pictopy_desktop.ui.qt import QCoreApplication, QTranslator

CONTEXT = "pictopy"  # one context: the strings live in functions as well as in widgets
I18N_DIR = paths.resources_dir() / "i18n"
SOURCE_FILE = I18N_DIR / "pictopy_en.ts"
COMPILED_FILE = I18N_DIR / "pictopy_en.qm"

_installed: QTranslator | None = None


def install_translator(app: QCoreApplication) -> bool:
    """Load the plural forms into ``app`` (once); False when the compiled file is absent."""
    global _installed
    if _installed is not None:
        return True
    translator = QTranslator(app)
    if not translator.load(str(COMPILED_FILE)):
        return False
    app.installTranslator(translator)
    _installed = translator
    return True


def n_(text: str, n: int) -> str:
    """``text`` with ``%n`` (or ``%Ln``, digits grouped) replaced by ``n`` in the right plural form."""
    return QCoreApplication.translate(CONTEXT, text, None, n)
