#!/usr/bin/env bash
# The whole test suite on a fresh machine: system packages, a virtualenv built from
# pyproject.toml, the code checks (ruff lint, ruff format, mypy), then pytest with Qt
# offscreen. Extra arguments go to pytest.
#
# The fast loop while developing (skips slow tests and the app build; under a minute):
#   bash scripts/test.sh -m "not slow and not build"
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
VENV="${PICTOPY_VENV:-.venv}"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check -e '.[test]'
# Style and types first: a failure here fails the run before any test starts.
"$VENV/bin/python" -m ruff check .
"$VENV/bin/python" -m ruff format --check .
"$VENV/bin/python" -m mypy
export QT_QPA_PLATFORM=offscreen
set +e
"$VENV/bin/python" -m pytest "$@"
rc=$?
set -e
# pytest exits 5 when it collected no tests: nothing failed.
[ $rc -eq 5 ] && rc=0
exit $rc
