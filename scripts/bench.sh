#!/usr/bin/env bash
# Install the bench extra (Powertools for the comparison) into .venv and run the benchmarks.
# Extra arguments go to bench/run.py, e.g. scripts/bench.sh --cold-runs 80 --output /tmp/b.json
# Progress (each phase and contender) goes to stderr; the table to stdout at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/venv.sh
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[bench]'
exec .venv/bin/python -m bench.run "$@"
