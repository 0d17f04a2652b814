#!/usr/bin/env bash
# Install what the tests need into .venv (Python 3.11+), then lint, type-check and test.
# Extra arguments go to pytest, e.g. scripts/test.sh -k dispatch
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/venv.sh
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'

.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/mypy --strict tests/typing
.venv/bin/python -m pytest "$@"
