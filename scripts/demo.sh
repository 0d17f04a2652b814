#!/usr/bin/env bash
# Install the package into .venv (Python 3.11+) and run the quickstart demo.
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/venv.sh
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
exec .venv/bin/python examples/quickstart.py "$@"
