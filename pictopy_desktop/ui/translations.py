"""Qt translations: the app's language, and its plural forms.

Every user-visible string in ``ui/`` goes through ``translate(CONTEXT, text)`` (one context:
strings live in functions as well as in widgets), with ``n`` where a count is shown
("%Ln photo(s)"). ``scripts/update-translations.sh`` collects them with ``pyside6-lupdate``
into ``resources/i18n/pictopy_de.ts`` (German) and ``pictopy_en.ts`` (English plural forms
only) and compiles both with ``pyside6-lrelease``; the ``.qm`` files are committed and ship
as package data (and in build.spec's resources). The language (System, English, Deutsch) is
remembered in ``<data dir>/ui.ini`` and applied at start, before any window is built.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pictopy_desktop import paths
from pictopy_desktop.ui.qt import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)

CONTEXT = "pictopy"
I18N_DIR = paths.resources_dir() / "i18n"
SOURCE_FILE = I18N_DIR / "pictopy_en.ts"
COMPILED_FILE = I18N_DIR / "pictopy_en.qm"

SYSTEM = "system"
LANGUAGES = ("en", "de")  # each has resources/i18n/pictopy_<code>.qm
LANGUAGE_KEY = "ui/language"

_installed: QTranslator | None = None
_qt_installed: QTranslator | None = None  # Qt's own texts: OK, Cancel, Yes, No, context menus
_language = "en"


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the app's language; ``n`` >= 0 picks the plural form of ``%n``/``%Ln``.

    Named ``translate`` so that ``pyside6-lupdate`` collects every call with a literal text.
    """
    return QCoreApplication.translate(context, text, disambiguation, n)


def n_(text: str, n: int) -> str:
    """``text`` with ``%n`` (or ``%Ln``, digits grouped) replaced by ``n`` in the right plural form.

    For texts built elsewhere (collected by lupdate where they are written, with
    ``QT_TRANSLATE_NOOP``); a literal text is written as ``translate(CONTEXT, text, None, n)``.
    """
    return QCoreApplication.translate(CONTEXT, text, None, n)


def choice_labels() -> dict[str, str]:
    """The Settings choices: each language by its own name, and the system's."""
    return {
        SYSTEM: translate("pictopy", "System"),
        "en": "English",  # a language's own name is never translated
        "de": "Deutsch",
    }


def resolve(choice: str) -> str:
    """The language code ``choice`` stands for (``SYSTEM``: the system's, English if not offered)."""
    if choice in LANGUAGES:
        return choice
    for name in QLocale.system().uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def compiled_file(language: str) -> Path:
    return I18N_DIR / f"pictopy_{language}.qm"


def install_translator(app: QCoreApplication, choice: str = SYSTEM) -> bool:
    """Install the translator for ``choice`` into ``app`` (replacing one installed before).

    False when its compiled file is absent or unreadable: the app then speaks English,
    without plural forms.
    """
    global _installed, _language, _qt_installed
    language = resolve(choice)
    translator = QTranslator(app)
    if not translator.load(str(compiled_file(language))):
        return False
    if _installed is not None:
        app.removeTranslator(_installed)
    app.installTranslator(translator)
    if _qt_installed is not None:
        app.removeTranslator(_qt_installed)
        _qt_installed = None
    qt_translator = QTranslator(app)
    # Qt's catalogue for the standard buttons; where it is not shipped they stay English.
    if qt_translator.load(
        f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt_translator)
        _qt_installed = qt_translator
    # %Ln and month names follow the language (the system's own locale where it is the choice).
    QLocale.setDefault(QLocale.system() if choice not in LANGUAGES else QLocale(language))
    _installed, _language = translator, language
    return True


def current_language() -> str:
    """The language code of the installed translator."""
    return _language


def month_name(month: int) -> str:
    """The name of ``month`` (1-12) standing alone, in the app's language."""
    return QLocale().standaloneMonthName(month, QLocale.FormatType.LongFormat)


def file_size(size: int) -> str:
    """``size`` bytes as the user reads it: "1,5 MB" in German, "800 KB" under a megabyte."""
    if size >= 1_000_000:
        return translate("pictopy", "{size} MB").format(size=QLocale().toString(size / 1e6, "f", 1))
    kb = QLocale().toString(max(1, round(size / 1e3)))
    return translate("pictopy", "{size} KB").format(size=kb)


def trash_name() -> str:
    """What the user calls the system trash on this platform, in the app's language."""
    if sys.platform == "win32":
        return translate("pictopy", "Recycle Bin")
    return translate("pictopy", "Trash")


def read_choice(data_dir: Path) -> str:
    """The language chosen in Settings (``SYSTEM`` when none or unknown)."""
    value = QSettings(str(data_dir / "ui.ini"), QSettings.Format.IniFormat).value(LANGUAGE_KEY)
    return value if value in LANGUAGES else SYSTEM


def write_choice(data_dir: Path, choice: str) -> None:
    """Remember the language for the next start."""
    settings = QSettings(str(data_dir / "ui.ini"), QSettings.Format.IniFormat)
    settings.setValue(LANGUAGE_KEY, choice)
    settings.sync()


def _plural_texts() -> tuple[str, ...]:
    """Every ``n_`` text, for ``pyside6-lupdate``: it marks a text as plural (``numerus``)
    only where the count is a literal number. Never called; add each new ``n_`` text here
    (tests/ui/test_translations.py fails on one that is missing).
    """
    return (
        QCoreApplication.translate("pictopy", "%Ln album(s)", None, 1),
        QCoreApplication.translate("pictopy", "%Ln analysed", None, 1),
        QCoreApplication.translate("pictopy", "%Ln back", None, 1),
        QCoreApplication.translate("pictopy", "%Ln country(-ies)", None, 1),
        QCoreApplication.translate("pictopy", "%Ln extra copy(-ies)", None, 1),
        QCoreApplication.translate("pictopy", "%Ln face(s)", None, 1),
        QCoreApplication.translate(
            "pictopy",
            "%Ln face(s) not in anyone yet. Select faces of one person and name them.",
            None,
            1,
        ),
        QCoreApplication.translate(
            "pictopy",
            "%Ln face(s) were left as they are here (Ctrl+Z takes the import back).",
            None,
            1,
        ),
        QCoreApplication.translate("pictopy", "%Ln file(s)", None, 1),
        QCoreApplication.translate("pictopy", "%Ln file(s) could not be read.", None, 1),
        QCoreApplication.translate("pictopy", "%Ln file(s) unreadable", None, 1),
        QCoreApplication.translate("pictopy", "%Ln folder(s) in the library", None, 1),
        QCoreApplication.translate("pictopy", "%Ln group(s)", None, 1),
        QCoreApplication.translate(
            "pictopy",
            "%Ln item(s) were not read: pipes, devices or links leading out of the library.",
            None,
            1,
        ),
        QCoreApplication.translate("pictopy", "%Ln keyword(s) from the photos' metadata", None, 1),
        QCoreApplication.translate("pictopy", "%Ln kind(s) of thing found in your photos", None, 1),
        QCoreApplication.translate("pictopy", "%Ln missing (kept for now)", None, 1),
        QCoreApplication.translate("pictopy", "%Ln moved", None, 1),
        QCoreApplication.translate("pictopy", "%Ln new or changed", None, 1),
        QCoreApplication.translate(
            "pictopy",
            "%Ln of your photos has a capture date, but none was taken on this day in an earlier year, and no day or trip holds %1 of them yet.",
            None,
            1,
        ),
        QCoreApplication.translate("pictopy", "%Ln offline (kept)", None, 1),
        QCoreApplication.translate("pictopy", "%Ln on this day", None, 1),
        QCoreApplication.translate("pictopy", "%Ln person(s)", None, 1),
        QCoreApplication.translate("pictopy", "%Ln photo(s)", None, 1),
        QCoreApplication.translate("pictopy", "%Ln photo(s) missing (the file is gone)", None, 1),
        QCoreApplication.translate(
            "pictopy",
            "%Ln photo(s) offline (the drive or folder holding them can't be reached)",
            None,
            1,
        ),
        QCoreApplication.translate("pictopy", "%Ln place(s)", None, 1),
        QCoreApplication.translate("pictopy", "%Ln removed", None, 1),
        QCoreApplication.translate(
            "pictopy",
            "%Ln rotated photo(s) were copied unturned: their format cannot be turned without losing quality.",
            None,
            1,
        ),
        QCoreApplication.translate(
            "pictopy",
            "%Ln sidecar(s) could not be written; the photos and the library are unchanged.",
            None,
            1,
        ),
        QCoreApplication.translate("pictopy", "%Ln trip(s) and event(s)", None, 1),
        QCoreApplication.translate("pictopy", "%Ln waiting for analysis", None, 1),
        QCoreApplication.translate("pictopy", "%n second(s)", None, 1),
        QCoreApplication.translate("pictopy", "Added %Ln photo(s) to “{album}”.", None, 1),
        QCoreApplication.translate("pictopy", "Album “{name}” created with %Ln photo(s).", None, 1),
        QCoreApplication.translate(
            "pictopy", "Copied %Ln photo(s) of {what}{raws} to {dest}.", None, 1
        ),
        QCoreApplication.translate(
            "pictopy",
            "Copied %Ln photo(s) of {what}{raws} to {dest}; {failed} could not be copied.",
            None,
            1,
        ),
        QCoreApplication.translate(
            "pictopy", "Exported %Ln person(s) and {albums} to {path}.", None, 1
        ),
        QCoreApplication.translate(
            "pictopy",
            "Forget %Ln photo(s) for good, with their names, albums and favourites?\nThey are saved to a file first (Import… puts them back if the photos return). The files are not touched.",
            None,
            1,
        ),
        QCoreApplication.translate(
            "pictopy", "Forgot %Ln photo(s). Their names and albums were saved to {saved}.", None, 1
        ),
        QCoreApplication.translate("pictopy", "Is this them? %Ln suggested face(s)", None, 1),
        QCoreApplication.translate("pictopy", "Is this {name}? %Ln suggested face(s)", None, 1),
        QCoreApplication.translate(
            "pictopy", "Kept “{name}” and moved %Ln photo(s) to the trash.", None, 1
        ),
        QCoreApplication.translate("pictopy", "Merge %Ln people", None, 1),
        QCoreApplication.translate("pictopy", "Merged %Ln people. Ctrl+Z undoes it.", None, 1),
        QCoreApplication.translate("pictopy", "Move %Ln face(s) to…", None, 1),
        QCoreApplication.translate(
            "pictopy",
            "Moved %Ln photo(s) to the trash; {refused} stayed where they are (see details).",
            None,
            1,
        ),
        QCoreApplication.translate(
            "pictopy", "None of your %Ln photo(s) carries a GPS position.", None, 1
        ),
        QCoreApplication.translate(
            "pictopy",
            "None of your %Ln photo(s) has a capture date (from the camera's EXIF or a Google Takeout sidecar); copies without one can't be placed in time.",
            None,
            1,
        ),
        QCoreApplication.translate(
            "pictopy",
            "Only folders and photos can be dropped here; %Ln item(s) ignored ({sample}).",
            None,
            1,
        ),
        QCoreApplication.translate(
            "pictopy",
            "Removed {path} (%Ln photo(s)). Their names and albums were saved to {saved}.",
            None,
            1,
        ),
        QCoreApplication.translate("pictopy", "Review all (%Ln)", None, 1),
        QCoreApplication.translate("pictopy", "Show more (%Ln more group(s))", None, 1),
        QCoreApplication.translate("pictopy", "Unknown faces (%Ln)", None, 1),
        QCoreApplication.translate("pictopy", " (with %Ln RAW file(s))", None, 1),
        QCoreApplication.translate("pictopy", "%Ln year(s) ago today", None, 1),
        QCoreApplication.translate(
            "pictopy", "%Ln file(s) were not moved to the {trash}; see the details.", None, 1
        ),
        QCoreApplication.translate(
            "pictopy", "; %Ln item(s) wait for photos not in this library yet.", None, 1
        ),
        QCoreApplication.translate(
            "pictopy",
            "All done: %Ln answered. New suggestions appear as photos are added.",
            None,
            1,
        ),
        QCoreApplication.translate(
            "pictopy",
            "Keep “{name}” in {folder} and move %Ln other photo(s) (exact copies) to the trash?",
            None,
            1,
        ),
        QCoreApplication.translate(
            "pictopy",
            "Keep “{name}” in {folder} and move %Ln other photo(s) (near duplicates: the same picture, not identical files) to the trash?",
            None,
            1,
        ),
        QCoreApplication.translate("pictopy", "Who are these %Ln face(s)?", None, 1),
        QCoreApplication.translate(
            "pictopy", "one of %Ln photo(s) of an unnamed person: yes adds them all", None, 1
        ),
    )
