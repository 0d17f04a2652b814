# Sourced by the other scripts: make .venv with Python 3.11+ if it is not there yet.
python=${PYTHON:-python3.11}
command -v "$python" >/dev/null || python=python3
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
