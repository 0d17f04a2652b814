"""Instructions per warm call, counted by valgrind: a figure that a loaded machine cannot move.

    .venv/bin/python -m bench.instructions              # every warm contender, 2,000 calls
    .venv/bin/python -m bench.instructions --only gateway --calls 500

Wall-clock timings on a shared machine move by 2x between runs; instruction counts move by
well under 1%. Each contender runs twice under ``valgrind --tool=callgrind`` in the same
interpreter setup, once with N warm calls and once with one; the difference over N - 1 is the
cost of one warm call. Instructions are not time (cache misses and branch mispredictions are
not counted), but a change that removes instructions from a warm call removes its time, and
the ratio between two contenders doing similar work is close to their time ratio. Needs
``valgrind`` on the PATH; the figures are printed, not written to ``results.json``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import CONTEXTS, EVENTS, WARM  # noqa: E402

_KIND_EVENTS = {
    "function": "FUNCTION_EVENT",
    "openapi": "OPENAPI_EVENT",
    "gateway": "GATEWAY_EVENT",
}
_COLLECTED = re.compile(r"Collected\s*:\s*([0-9]+)")


def _child(module: str, kind: str, calls: int) -> None:
    """Make ``calls`` warm calls (after one that warms the handler up) and nothing else."""
    import logging  # noqa: F401 - the Lambda runtime has always imported it

    handler = importlib.import_module(module).lambda_handler
    event = EVENTS[_KIND_EVENTS[kind]]
    context = CONTEXTS[kind]
    handler(event, context)
    for _ in range(calls):
        handler(event, context)


def _count(module: str, kind: str, calls: int, *, valgrind: bool = True) -> int:
    tool = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] if valgrind else []
    result = subprocess.run(
        [
            *tool,
            sys.executable,
            "-I",
            str(Path(__file__).resolve()),
            "--child",
            module,
            kind,
            str(calls),
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    if not valgrind:
        return 0
    found = _COLLECTED.search(result.stderr)
    if found is None:
        raise SystemExit(f"valgrind gave no instruction count:\n{result.stderr[-2000:]}")
    return int(found[1])


def per_call(module: str, kind: str, calls: int) -> float:
    """Instructions one warm call of ``module``'s handler costs on the ``kind`` event.

    A first run outside valgrind writes the bytecode caches: compiling a changed module in one
    counted run and not the other would be counted as the calls' cost.
    """
    _count(module, kind, 1, valgrind=False)
    return (_count(module, kind, calls) - _count(module, kind, 1)) / (calls - 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--only", choices=sorted(WARM), help="one kind of call")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        module, kind, calls = options.child
        _child(module, kind, int(calls))
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed")
    for kind, contenders in WARM.items():
        if options.only and kind != options.only:
            continue
        counts = {
            name: per_call(module, kind, options.calls) for name, module in contenders.items()
        }
        floor = counts.get("handwritten")
        for name, count in counts.items():
            ratio = f"  {count / floor:.2f}x the hand-written" if floor else ""
            print(f"{kind:9} {name:22} {count:10,.0f} instructions per call{ratio}", flush=True)


if __name__ == "__main__":
    main()
