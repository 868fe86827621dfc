"""The translation catalogues: complete, up to date with the sources, compiled, and used.

``pictopy_de.ts`` holds every user-visible string of ``ui/`` with its German translation;
``pictopy_en.ts`` the English plural forms of the ``%n`` strings. Both are made by
``scripts/update-translations.sh`` (PySide6's lupdate), and their ``.qm`` are committed.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import PySide6
import pytest

from pictopy_desktop.ui import translations
from pictopy_desktop.ui.qt import QCoreApplication
from tests.conftest import REPO_ROOT

UI_DIR = REPO_ROOT / "pictopy_desktop" / "ui"
QT_BIN = Path(PySide6.__file__).parent  # PySide6-Essentials ships lupdate and lrelease here
CATALOGUES = {lang: translations.I18N_DIR / f"pictopy_{lang}.ts" for lang in translations.LANGUAGES}
PLACEHOLDER = re.compile(r"%L?n|%\d|\{\w*\}")


def _tool(name: str) -> str:
    exe = QT_BIN / (name + (".exe" if os.name == "nt" else ""))
    assert exe.exists(), f"{exe} is missing: PySide6-Essentials installs it (pyproject dependency)"
    return str(exe)


def _messages(path: Path) -> list[ET.Element]:
    return list(ET.parse(path).iter("message"))


def _sources(path: Path) -> set[tuple[str, bool]]:
    return {(m.findtext("source"), m.get("numerus") == "yes") for m in _messages(path)}


def _literal_texts() -> dict[str, str]:
    """Texts given literally to translate()/n_()/QT_TRANSLATE_NOOP in ui/, with where."""
    found: dict[str, str] = {}
    for path in sorted(UI_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", None))
            index = {"translate": 1, "QT_TRANSLATE_NOOP": 1, "n_": 0}.get(name)
            if index is None or len(node.args) <= index:
                continue
            arg = node.args[index]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found[arg.value] = f"{path.name}:{node.lineno}"
    return found


def _n_texts() -> set[str]:
    texts = set()
    for path in sorted(UI_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "n_"
                and isinstance(node.args[0], ast.Constant)
            ):
                texts.add(node.args[0].value)
    return texts


@pytest.mark.parametrize("lang", translations.LANGUAGES)
def test_every_entry_is_translated(lang: str) -> None:
    """No unfinished, vanished or obsolete entry; plural forms all there; placeholders kept."""
    messages = _messages(CATALOGUES[lang])
    assert messages
    for m in messages:
        source = m.findtext("source")
        translation = m.find("translation")
        assert translation.get("type") is None, f"{lang}: {translation.get('type')}: {source!r}"
        if m.get("numerus") == "yes":
            forms = [f.text or "" for f in translation.iter("numerusform")]
        else:
            forms = [translation.text or ""]
        assert len(forms) == (2 if m.get("numerus") == "yes" else 1), source
        for form in forms:
            assert form.strip(), f"{lang}: empty translation of {source!r}"
            assert sorted(PLACEHOLDER.findall(form)) == sorted(PLACEHOLDER.findall(source)), (
                f"{lang}: placeholders differ in {form!r} (for {source!r})"
            )


def test_catalogue_matches_the_sources(tmp_path: Path) -> None:
    """lupdate over ui/ now finds exactly the messages in pictopy_de.ts (else run the script)."""
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in UI_DIR.rglob("*.py"))
    subprocess.run(
        [_tool("lupdate"), "-locations", "none", *sources, "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    expected, committed = _sources(fresh), _sources(CATALOGUES["de"])
    assert expected == committed, (
        f"new: {sorted(expected - committed)}; gone: {sorted(committed - expected)}; "
        "run scripts/update-translations.sh and translate the new entries"
    )
    plurals = {text for text, numerus in expected if numerus}
    assert _sources(CATALOGUES["en"]) == {(t, True) for t in plurals}


def test_lupdate_sees_every_translated_text() -> None:
    """A text inside translate()/n_() that lupdate's Python parser misses would stay English."""
    catalogue = {text for text, _ in _sources(CATALOGUES["de"])}
    missed = {t: where for t, where in _literal_texts().items() if t not in catalogue}
    assert not missed, f"not in the catalogue (lupdate cannot read the call): {missed}"


def test_every_plural_text_is_a_plural_entry() -> None:
    """lupdate marks plurals only from a literal count: each n_ text is in _plural_texts()."""
    plurals = {text for text, numerus in _sources(CATALOGUES["en"]) if numerus}
    used = _n_texts()
    assert used, "no n_() strings found"
    missing = sorted(used - plurals)
    assert not missing, f"add to translations._plural_texts() and re-run the script: {missing}"


@pytest.mark.parametrize("lang", translations.LANGUAGES)
def test_qm_is_the_ts_compiled(lang: str, tmp_path: Path) -> None:
    out = tmp_path / f"pictopy_{lang}.qm"
    subprocess.run(
        [_tool("lrelease"), str(CATALOGUES[lang]), "-qm", str(out)],
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == translations.compiled_file(lang).read_bytes(), (
        "run: scripts/update-translations.sh"
    )


def test_plurals_read_right(qapp) -> None:
    try:
        assert translations.install_translator(qapp, "en")
        assert translations.n_("%Ln photo(s)", 1) == "1 photo"
        assert translations.n_("%Ln photo(s)", 0) == "0 photos"
        assert translations.n_("%Ln person(s)", 3) == "3 people"
        assert translations.install_translator(qapp, "de")
        assert translations.current_language() == "de"
        assert translations.n_("%Ln photo(s)", 1) == "1 Foto"
        assert translations.n_("%Ln photo(s)", 2) == "2 Fotos"
        assert translations.translate("pictopy", "Albums") == "Alben"
        # Qt's own texts too: the standard buttons of dialogs and message boxes.
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
    finally:
        translations.install_translator(qapp, translations.SYSTEM)


def test_language_choice_is_remembered(tmp_path: Path) -> None:
    assert translations.read_choice(tmp_path) == translations.SYSTEM
    translations.write_choice(tmp_path, "de")
    assert translations.read_choice(tmp_path) == "de"
    assert translations.resolve("de") == "de"
    assert translations.resolve(translations.SYSTEM) in translations.LANGUAGES
    assert set(translations.choice_labels()) == {translations.SYSTEM, *translations.LANGUAGES}


def test_shipped_with_the_package_and_the_app() -> None:
    """The .qm files are package data (pyproject) and inside build.spec's resources folder."""
    pyproject = (REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"resources/**/*"' in pyproject
    spec = (REPO_ROOT / "build.spec").read_text(encoding="utf-8")
    assert '"pictopy_desktop" / "resources"' in spec
    for lang in translations.LANGUAGES:
        assert translations.compiled_file(lang).stat().st_size > 100
    assert (REPO_ROOT / "scripts" / "update-translations.sh").exists()


@pytest.fixture
def german(qapp):
    assert translations.install_translator(qapp, "de")
    yield
    translations.install_translator(qapp, translations.SYSTEM)


def _german_without_english(english: str, shown: str, *values: str) -> None:
    assert shown != english, f"stayed English: {english!r}"
    for value in values:
        assert value in shown, f"{value!r} lost in {shown!r}"


def test_core_errors_read_german(german, tmp_path: Path) -> None:
    """The core's one-sentence errors (full disk, no access, busy library) as the UI shows them."""
    import errno
    import sqlite3

    from pictopy_desktop.ui import messages
    from pictopy_desktop.user_errors import explain

    full = OSError(errno.ENOSPC, "No space left on device", "/media/photos/a.jpg")
    shown, _details = messages.describe(full)
    _german_without_english(explain(full), shown, "/media/photos/a.jpg")
    assert shown.startswith("Der Datenträger mit /media/photos/a.jpg ist voll"), shown
    database_full = sqlite3.OperationalError("database or disk is full")
    shown = messages.describe(database_full)[0]
    assert shown.startswith("Der Datenträger mit der Bibliothek ist voll"), shown
    denied = OSError(errno.EACCES, "Permission denied", "/srv/pics")
    _german_without_english(explain(denied), messages.describe(denied)[0], "/srv/pics")
    busy = sqlite3.OperationalError("database is locked")
    _german_without_english(explain(busy), messages.describe(busy)[0])


def test_unreadable_file_reason_reads_german(german, tmp_path: Path) -> None:
    from pictopy_desktop.errors import ImageReadError
    from pictopy_desktop.library.media_decode import decode_media
    from pictopy_desktop.ui.core_texts import translated, translated_reason

    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    with pytest.raises(ImageReadError) as caught:
        decode_media(empty)
    reason = str(caught.value)
    _german_without_english(reason, translated(reason))
    line = f"{tmp_path / 'a: b.jpg'}: {reason}"  # a ": " in the path too
    assert translated_reason(line) == f"{tmp_path / 'a: b.jpg'}: {translated(reason)}"


def test_missing_model_reads_german(german, tmp_path: Path) -> None:
    """The models panel's reason, from an analyzer over an empty models folder."""
    from pictopy_desktop.ml.analyzer import ImageAnalyzer
    from pictopy_desktop.ui.core_texts import translated

    problems = ImageAnalyzer.from_models_dir(tmp_path).problems
    assert problems
    for problem in problems:
        shown = translated(problem)
        _german_without_english(problem, shown, str(tmp_path))
        assert "pictopy models download" in shown and " is off" not in shown, shown


def test_offline_refusal_reads_german(german, library) -> None:
    """Moving an offline photo to the trash is refused with a reason, in German."""
    from pictopy_desktop.library.photo_trash import trash_photos
    from pictopy_desktop.storage.tables import Image, Presence
    from pictopy_desktop.ui.core_texts import translated

    photo = Image.select().first()
    Image.update(presence=Presence.OFFLINE).where(Image.id == photo.id).execute()
    outcome = trash_photos([photo.id])
    assert [path for path, _ in outcome.refused] == [photo.path]
    reason = outcome.refused[0][1]
    _german_without_english(reason, translated(reason))


def test_refused_album_and_name_read_german(german, library) -> None:
    """What the core refuses (an album gone meanwhile, an empty name), as the UI shows it."""
    from pictopy_desktop.errors import PictoPyError
    from pictopy_desktop.library import albums
    from pictopy_desktop.people import people_ops
    from pictopy_desktop.storage.tables import Person
    from pictopy_desktop.ui import messages

    with pytest.raises(PictoPyError) as gone:
        albums.rename_album(2**40, "Holiday")
    with pytest.raises(PictoPyError) as empty:
        people_ops.rename_person(Person.select().first().id, "   ")
    for caught in (gone, empty):
        english = str(caught.value)
        _german_without_english(english, messages.describe(caught.value)[0])
    assert messages.describe(gone.value)[0] == "Dieses Album gibt es nicht mehr."


def test_unknown_core_text_stays_as_it_is(german) -> None:
    from pictopy_desktop.ui.core_texts import translated

    assert translated("Something nobody catalogued") == "Something nobody catalogued"
    assert translated("") == ""
