"""bench/run.py end to end with the smallest counts: it reports progress and writes anywhere.

No figure is asserted (they depend on the machine); only that a run completes, says what it
is doing while it runs, and writes its results where it is told.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_a_short_run_reports_progress_and_writes_outside_the_repository(tmp_path: Path) -> None:
    output = tmp_path / "figures" / "results.json"
    arguments = ["--cold-runs", "1", "--repeat", "1", "--export-runs", "1", "--store-rounds", "0"]
    run = subprocess.run(
        [sys.executable, "-m", "bench.run", *arguments, "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.rstrip().endswith(f"Figures written to {output}")
    results = json.loads(output.read_text(encoding="utf-8"))
    assert set(results) >= {"machine", "cold_start", "warm_call_us", "export_ms", "targets"}
    steps = [line.removeprefix("[bench] ") for line in run.stderr.splitlines()]
    assert steps[0] == "checking that every contender gives the same answer"
    assert steps[1].startswith("cold start: round 1/1 (bare, agent_tools, agent_tools_gateway, ")
    for contender in ("agent_tools", "powertools_function", "handwritten"):
        assert f"warm function calls: calibrating {contender}" in steps
    assert "warm openapi calls: calibrating powertools_openapi" in steps
    assert "schema export: agent_tools, 1 fresh processes" in steps
    assert not any(step.startswith("SQLite store") for step in steps)
