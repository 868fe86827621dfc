#!/usr/bin/env bash
# Regenerate the translation catalogues from the sources in pictopy_desktop/ui and compile them.
#   pictopy_de.ts: every user-visible string (translate new or changed entries, then re-run)
#   pictopy_en.ts: only the %n strings, for English plural forms
# The .qm files are committed (package data; build.spec ships resources/ whole).
# Uses the lupdate/lrelease that PySide6-Essentials installs; PYTHON picks the interpreter.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
QT_BIN=$("$PYTHON" -c 'import os, PySide6; print(os.path.dirname(PySide6.__file__))')
I18N=pictopy_desktop/resources/i18n
mapfile -t SOURCES < <(find pictopy_desktop/ui -name '*.py' | sort)
"$QT_BIN/lupdate" -locations none -no-obsolete -source-language en -target-language de \
    "${SOURCES[@]}" -ts "$I18N/pictopy_de.ts"
"$QT_BIN/lupdate" -locations none -no-obsolete -pluralonly -source-language en -target-language en \
    "${SOURCES[@]}" -ts "$I18N/pictopy_en.ts"
for lang in de en; do
    "$QT_BIN/lrelease" "$I18N/pictopy_$lang.ts" -qm "$I18N/pictopy_$lang.qm"
done
