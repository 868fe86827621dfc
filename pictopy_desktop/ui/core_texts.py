"""Sentences from the Qt-free core (errors, unreadable files, offline folders, missing models)
in the app's language.

The core speaks English and imports no Qt: the command line prints the same sentences. The
ones users meet most are listed here as templates, under ``QT_TRANSLATE_NOOP`` so that lupdate
collects them, with ``{name}`` where the core puts a value. ``translated(text)`` recognises a
finished English sentence by its template, translates each value that is itself a known text
(" holding the library", "Face detection", the fix hint), and formats the translation with
them: a catalogue of the core's texts, like gettext's, keyed by the English. A sentence that
matches no template stays English. ``tests/ui/test_translations.py`` makes the real core
sentences (a full disk, a denied file, an offline folder, a missing model) and checks each
comes out German, so a reworded core sentence cannot silently fall back to English.
"""

from __future__ import annotations

import functools
import re

from pictopy_desktop.ui.qt import QT_TRANSLATE_NOOP
from pictopy_desktop.ui.translations import translate

TEMPLATES = (
    # user_errors.py: file-system and database errors, one sentence each
    QT_TRANSLATE_NOOP("pictopy", "The disk{where} is full: free some space and try again."),
    QT_TRANSLATE_NOOP("pictopy", " holding {path}"),
    QT_TRANSLATE_NOOP("pictopy", " holding the library"),
    QT_TRANSLATE_NOOP(
        "pictopy",
        "Another program is busy with the library: wait for it to finish (or close it) and try again.",
    ),
    QT_TRANSLATE_NOOP(
        "pictopy",
        "Permission denied on {name}: give your user access to it, or choose another location.",
    ),
    QT_TRANSLATE_NOOP("pictopy", "a file"),
    QT_TRANSLATE_NOOP(
        "pictopy",
        "{name} is on a read-only disk: choose a writable location (for the library: --data-dir DIR).",
    ),
    QT_TRANSLATE_NOOP(
        "pictopy",
        "{name} is not a folder (a file is in its path): move that file or choose another location.",
    ),
    QT_TRANSLATE_NOOP(
        "pictopy",
        "{name} is a folder where PictoPy needs a file: move it away or choose another location.",
    ),
    QT_TRANSLATE_NOOP("pictopy", "{name} already exists: move it away or choose another name."),
    QT_TRANSLATE_NOOP(
        "pictopy", "{name} does not exist: check the path (is its disk plugged in?)."
    ),
    QT_TRANSLATE_NOOP(
        "pictopy",
        "The name {name} is too long for this file system: use a shorter name or path.",
    ),
    QT_TRANSLATE_NOOP(
        "pictopy",
        "The disk could not read or write {name} (input/output error): check the disk or its connection.",
    ),
    QT_TRANSLATE_NOOP(
        "pictopy", "{name} cannot be reached ({reason}): check the network drive and try again."
    ),
    QT_TRANSLATE_NOOP(
        "pictopy",
        "The library database is read-only: give your user write access to the data dir, or choose another with --data-dir.",
    ),
    QT_TRANSLATE_NOOP(
        "pictopy",
        "The disk could not read or write the library database (disk I/O error): check the disk and try again.",
    ),
    QT_TRANSLATE_NOOP(
        "pictopy",
        "The library database cannot be opened: check that the data dir exists and is writable.",
    ),
    QT_TRANSLATE_NOOP("pictopy", "PictoPy ran out of memory: close other programs and try again."),
    # library/photo_store.py: the disk fills up while indexing
    QT_TRANSLATE_NOOP(
        "pictopy",
        "The disk holding the library is full ({where}). Indexing stopped; everything indexed so far is kept. Free some space and index again to continue.",
    ),
    # Why a file could not be read (image_decode, video_decode, raw_decode, photo_store)
    QT_TRANSLATE_NOOP("pictopy", "permission denied"),
    QT_TRANSLATE_NOOP("pictopy", "empty file (0 bytes)"),
    QT_TRANSLATE_NOOP("pictopy", "file vanished before it could be read"),
    QT_TRANSLATE_NOOP("pictopy", "unsupported image format {format}"),
    QT_TRANSLATE_NOOP("pictopy", "not an image, or an image format PictoPy cannot read"),
    QT_TRANSLATE_NOOP("pictopy", "truncated or corrupt image data"),
    QT_TRANSLATE_NOOP("pictopy", "corrupt image ({error})"),
    QT_TRANSLATE_NOOP("pictopy", "not enough memory to decode this image"),
    QT_TRANSLATE_NOOP("pictopy", "not a video PictoPy can read"),
    QT_TRANSLATE_NOOP("pictopy", "video has no readable frames"),
    QT_TRANSLATE_NOOP("pictopy", "cannot read file ({error})"),
    # library/scan_plan.py, photo_trash.py: a folder or drive that is not there now
    QT_TRANSLATE_NOOP(
        "pictopy",
        "{count} photo in {root} is offline: {reason}. They keep their names, albums and favourites, and come back when the folder does.",
    ),
    QT_TRANSLATE_NOOP(
        "pictopy",
        "{count} photos in {root} are offline: {reason}. They keep their names, albums and favourites, and come back when the folder does.",
    ),
    QT_TRANSLATE_NOOP(
        "pictopy",
        "{count} photo under {root} can't be seen now (an unreadable folder or a drive that is not connected): kept offline with everything you gave them.",
    ),
    QT_TRANSLATE_NOOP(
        "pictopy",
        "{count} photos under {root} can't be seen now (an unreadable folder or a drive that is not connected): kept offline with everything you gave them.",
    ),
    QT_TRANSLATE_NOOP("pictopy", "it is offline: connect its drive to move it to the trash"),
    # library/albums.py, people/people_ops.py: what the user typed cannot be used
    QT_TRANSLATE_NOOP("pictopy", "There is already an album called “{name}”."),
    QT_TRANSLATE_NOOP("pictopy", "That album no longer exists."),
    QT_TRANSLATE_NOOP("pictopy", "That album name cannot be used: {reason}."),
    QT_TRANSLATE_NOOP("pictopy", "A name cannot be empty."),
    QT_TRANSLATE_NOOP("pictopy", "A name can be at most 200 characters long."),
    # library/trash.py: why a file did not come back from the trash
    QT_TRANSLATE_NOOP("pictopy", "{path} was already restored."),
    QT_TRANSLATE_NOOP(
        "pictopy",
        "Something else is at {path} now; PictoPy will not overwrite it. Move that file away and restore again.",
    ),
    QT_TRANSLATE_NOOP(
        "pictopy",
        "{name} is no longer in the trash (it was emptied, or restored from there already).",
    ),
    QT_TRANSLATE_NOOP(
        "pictopy",
        "The folder {folder} is not there (is its drive plugged in?); {name} stays in the trash.",
    ),
    # library/exif_info.py: the viewer's camera details
    QT_TRANSLATE_NOOP("pictopy", "{focal} mm ({focal35} mm in 35 mm terms)"),
    # ml/analyzer.py, library/indexer.py: models that are missing or cannot load
    QT_TRANSLATE_NOOP("pictopy", "{role} is off: model file {file} is not in {folder}; {hint}."),
    QT_TRANSLATE_NOOP("pictopy", "{role} is off: {file} could not be loaded ({error})."),
    QT_TRANSLATE_NOOP("pictopy", "Object tagging"),
    QT_TRANSLATE_NOOP("pictopy", "Face detection"),
    QT_TRANSLATE_NOOP("pictopy", "Face recognition"),
    QT_TRANSLATE_NOOP(
        "pictopy",
        "run `pictopy models download` or set PICTOPY_MODELS_DIR to a folder that holds the models",
    ),
    QT_TRANSLATE_NOOP("pictopy", "No models can be used: {error}"),
    QT_TRANSLATE_NOOP(
        "pictopy",
        "No models found: photos are indexed and browsable, and wait for analysis. Run `pictopy models download` (or set PICTOPY_MODELS_DIR) to find tags and faces.",
    ),
)

_FIELD = re.compile(r"\{(\w+)\}")


@functools.cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    """Each template as a pattern that captures its values; the most specific (longest
    literal text) first, so "... does not exist: ..." wins over a looser template."""
    patterns = []
    for template in TEMPLATES:
        parts = _FIELD.split(template)  # literal, field, literal, field, ...
        regex = "".join(
            re.escape(part) if i % 2 == 0 else f"(?P<{part}>.*?)" for i, part in enumerate(parts)
        )
        literal = sum(len(part) for part in parts[::2])
        patterns.append((literal, re.compile(regex, re.DOTALL), template))
    patterns.sort(key=lambda p: -p[0])
    return [(pattern, template) for _, pattern, template in patterns]


def translated(text: str) -> str:
    """``text``, an English sentence from the core, in the app's language (unchanged when it
    matches no template)."""
    if not text:
        return text
    for pattern, template in _patterns():
        match = pattern.fullmatch(text)
        if match is None:
            continue
        values = {name: translated(value) for name, value in match.groupdict().items()}
        return translate("pictopy", template).format(**values)
    return text


def translated_reason(line: str) -> str:
    """One "path: reason" line with the reason in the app's language (a path or a reason may
    hold ": " too: the first split whose reason is known wins)."""
    start = 0
    while (at := line.find(": ", start)) >= 0:
        reason = line[at + 2 :]
        shown = translated(reason)
        if shown != reason:
            return line[: at + 2] + shown
        start = at + 1
    return translated(line)
