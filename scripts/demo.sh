#!/usr/bin/env bash
# Install the package and the sample's dependencies into .venv (Python 3.11+) and run the
# HR vacation demo conversation on the embedded SQLite store.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/venv.sh
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[sample]'
exec .venv/bin/python -m sample_tools.demo "$@"
