"""Measure this project against Powertools and a hand-written handler, in one run.

    scripts/bench.sh            # installs the bench extra, runs everything, writes results.json

Every contender answers the same events (bench/events.py) with the same result: a Bedrock
Agents function-details and OpenAPI event, and an AgentCore Gateway Lambda-target call. Cold
starts run each contender in fresh interpreters, interleaved so that drift in the machine's
speed hits all of them alike; warm calls are timed in-process. Figures are medians with their
spread (25th-75th percentile for cold starts, min-max of the repeats for warm calls).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import timeit
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.events import (  # noqa: E402
    FUNCTION_EVENT,
    GATEWAY_CONTEXT,
    GATEWAY_EVENT,
    OPENAPI_EVENT,
)

# name: (module, event the first call answers)
COLD = {
    "agent_tools": ("bench.contenders.agent_tools_app", "FUNCTION_EVENT"),
    "agent_tools_gateway": ("bench.contenders.agent_tools_app", "GATEWAY_EVENT"),
    "powertools_function": ("bench.contenders.powertools_function", "FUNCTION_EVENT"),
    "powertools_openapi": ("bench.contenders.powertools_openapi", "OPENAPI_EVENT"),
    "handwritten": ("bench.contenders.handwritten", "FUNCTION_EVENT"),
    "handwritten_gateway": ("bench.contenders.handwritten_gateway", "GATEWAY_EVENT"),
}
EVENTS = {
    "FUNCTION_EVENT": FUNCTION_EVENT,
    "OPENAPI_EVENT": OPENAPI_EVENT,
    "GATEWAY_EVENT": GATEWAY_EVENT,
}
# The Lambda context of each kind of call: a gateway names the tool in the client context.
CONTEXTS: dict[str, Any] = {"function": None, "openapi": None, "gateway": GATEWAY_CONTEXT}
WARM = {
    "function": {
        "agent_tools": "bench.contenders.agent_tools_app",
        "powertools_function": "bench.contenders.powertools_function",
        "handwritten": "bench.contenders.handwritten",
    },
    "openapi": {
        "agent_tools": "bench.contenders.agent_tools_app",
        "powertools_openapi": "bench.contenders.powertools_openapi",
        "handwritten": "bench.contenders.handwritten",
    },
    "gateway": {
        "agent_tools": "bench.contenders.agent_tools_app",
        "handwritten": "bench.contenders.handwritten_gateway",
    },
}

# The Lambda runtime parses the event before the handler runs, so parsing is in the baseline.
# Peak memory is the process's VmHWM: ru_maxrss would carry the parent's peak across exec.
_PROLOGUE = (
    "import sys, json, time\n"
    "sys.path.insert(0, {root!r})\n"
    "event = json.loads(sys.argv[1])\n"
    "def peak_kib():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'):\n"
    "            return int(line.split()[1])\n"
    "    import resource\n"
    "    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
)
_BARE = _PROLOGUE + "print(json.dumps([0.0, peak_kib()]))\n"
_CONTENDER = _PROLOGUE + (
    "import importlib\n"
    "handler = importlib.import_module({module!r}).lambda_handler\n"
    "context = None\n"
    "if {gateway!r}:  # the context Lambda builds from a gateway's ClientContext\n"
    "    from bench.events import GATEWAY_CONTEXT as context\n"
    "handler(event, context)\n"
    "print(json.dumps([0.0, peak_kib()]))\n"
)
_EXPORT = _PROLOGUE + (
    "import importlib\n"
    "module = importlib.import_module({module!r})\n"
    "started = time.perf_counter()\n"
    "{export}\n"
    "print(json.dumps([time.perf_counter() - started, 0]))\n"
)
EXPORTS = {
    "agent_tools": (
        "bench.contenders.agent_tools_app",
        "module.app.function_schema(); module.app.openapi()",
    ),
    "powertools_openapi": (
        "bench.contenders.powertools_openapi",
        "module.app.get_openapi_json_schema()",
    ),
}


def _run(code: str, event: dict[str, Any]) -> tuple[float, float, float]:
    """Wall time of a fresh interpreter running ``code``, its in-process figure, its peak RSS."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-I", "-c", code, json.dumps(event)],
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed = time.perf_counter() - started
    inner, rss_kib = json.loads(result.stdout.splitlines()[-1])
    return elapsed, inner, rss_kib


import time  # noqa: E402 - after the code templates that name it


def _spread(values: list[float]) -> dict[str, float]:
    quartiles = statistics.quantiles(values, n=4) if len(values) > 1 else [values[0]] * 3
    return {
        "median": statistics.median(values),
        "p25": quartiles[0],
        "p75": quartiles[2],
        "runs": len(values),
    }


def cold_starts(runs: int) -> dict[str, Any]:
    walls: dict[str, list[float]] = {name: [] for name in ["bare", *COLD]}
    memory: dict[str, list[float]] = {name: [] for name in ["bare", *COLD]}
    for _ in range(runs):  # interleaved: one of each per round
        wall, _, rss = _run(_BARE.format(root=str(ROOT)), FUNCTION_EVENT)
        walls["bare"].append(wall * 1000)
        memory["bare"].append(rss / 1024)
        for name, (module, event) in COLD.items():
            code = _CONTENDER.format(
                root=str(ROOT), module=module, gateway=event == "GATEWAY_EVENT"
            )
            wall, _, rss = _run(code, EVENTS[event])
            walls[name].append(wall * 1000)
            memory[name].append(rss / 1024)
    bare = statistics.median(walls["bare"])
    return {
        "bare_interpreter_ms": _spread(walls["bare"]),
        "above_bare_ms": {name: _spread([w - bare for w in walls[name]]) for name in COLD},
        "peak_rss_mib": {name: _spread(memory[name]) for name in ["bare", *COLD]},
    }


def warm_calls(repeat: int) -> dict[str, Any]:
    """Per-call times; the contenders' batches alternate, so machine drift hits all alike."""
    import importlib

    events = {"function": FUNCTION_EVENT, "openapi": OPENAPI_EVENT, "gateway": GATEWAY_EVENT}
    figures: dict[str, Any] = {}
    for kind, contenders in WARM.items():
        timers = {}
        context = CONTEXTS[kind]
        for name, module in contenders.items():
            handler = importlib.import_module(module).lambda_handler
            event = events[kind]
            handler(event, context)
            timer = timeit.Timer(lambda h=handler, e=event, c=context: h(e, c))
            timers[name] = (timer, timer.autorange()[0])
        samples: dict[str, list[float]] = {name: [] for name in timers}
        for _ in range(repeat):
            for name, (timer, number) in timers.items():
                samples[name].append(timer.timeit(number) / number * 1e6)
        figures[kind] = {
            name: {
                "median": statistics.median(per_call),
                "min": min(per_call),
                "max": max(per_call),
                "calls": timers[name][1] * repeat,
            }
            for name, per_call in samples.items()
        }
    return figures


def exports(runs: int) -> dict[str, Any]:
    figures = {}
    for name, (module, export) in EXPORTS.items():
        code = _EXPORT.format(root=str(ROOT), module=module, export=export)
        figures[name] = _spread([_run(code, FUNCTION_EVENT)[1] * 1000 for _ in range(runs)])
    return figures


def store_rates(rounds: int) -> dict[str, Any]:
    from bench.store import bookings_per_second

    return {str(writers): bookings_per_second(writers, rounds) for writers in (1, 2, 4)}


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import aws_lambda_powertools

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "powertools": aws_lambda_powertools.__version__
        if hasattr(aws_lambda_powertools, "__version__")
        else _version("aws-lambda-powertools"),
    }


def _version(distribution: str) -> str:
    from importlib.metadata import version

    return version(distribution)


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "n/a"


def report(results: dict[str, Any]) -> str:
    cold = results["cold_start"]["above_bare_ms"]
    rss = results["cold_start"]["peak_rss_mib"]
    warm = results["warm_call_us"]
    lines = [
        f"Machine: {results['machine']['cpu']}, {results['machine']['cores']} cores, "
        f"{results['machine']['system']}, Python {results['machine']['python']}, "
        f"Powertools {results['machine']['powertools']}",
        "",
        f"Cold start above the bare interpreter "
        f"({results['cold_start']['bare_interpreter_ms']['median']:.1f} ms), median of "
        f"{cold['agent_tools']['runs']} fresh processes:",
        "| contender | ms (p25-p75) | vs agent_tools | peak RSS MiB |",
        "|---|---|---|---|",
    ]
    for name, figure in cold.items():
        lines.append(
            f"| {name} | {figure['median']:.1f} ({figure['p25']:.1f}-{figure['p75']:.1f}) | "
            f"{_ratio(figure['median'], cold['agent_tools']['median'])} | "
            f"{rss[name]['median']:.1f} |"
        )
    lines.append(f"| bare interpreter | 0 | | {rss['bare']['median']:.1f} |")
    for kind, title in (
        ("function", "function-details"),
        ("openapi", "OpenAPI (path + body)"),
        ("gateway", "AgentCore Gateway Lambda target"),
    ):
        lines += [
            "",
            f"Warm call, {title} event, microseconds per call (min-max of repeats):",
            "| contender | us (min-max) | vs handwritten | vs agent_tools |",
            "|---|---|---|---|",
        ]
        for name, figure in warm[kind].items():
            lines.append(
                f"| {name} | {figure['median']:.1f} ({figure['min']:.1f}-{figure['max']:.1f}) | "
                f"{_ratio(figure['median'], warm[kind]['handwritten']['median'])} | "
                f"{_ratio(figure['median'], warm[kind]['agent_tools']['median'])} |"
            )
    lines += ["", "Schema export (build time, not a target), ms in a fresh process:"]
    for name, figure in results["export_ms"].items():
        what = "functionSchema + OpenAPI" if name == "agent_tools" else "OpenAPI"
        lines.append(
            f"- {name} ({what}): {figure['median']:.1f} ({figure['p25']:.1f}-{figure['p75']:.1f})"
        )
    lines += ["", "Sample store, SQLite bookings per second (min-max of rounds):"]
    for writers, figure in results["sqlite_bookings_per_second"].items():
        lines.append(
            f"- {writers} writer process{'es' if writers != '1' else ''}: "
            f"{figure['median']:.0f} ({figure['min']:.0f}-{figure['max']:.0f})"
        )
    lines += ["", "Targets:"]
    for target in results["targets"]:
        verdict = "met" if target["met"] else "MISSED"
        lines.append(f"- {verdict}: {target['name']} ({target['value']})")
    return "\n".join(lines)


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    cold = results["cold_start"]["above_bare_ms"]
    warm = results["warm_call_us"]
    cold_ratio = cold["agent_tools"]["median"] / cold["powertools_function"]["median"]
    function_ratio = (
        warm["function"]["agent_tools"]["median"] / warm["function"]["handwritten"]["median"]
    )
    openapi_ratio = (
        warm["openapi"]["agent_tools"]["median"] / warm["openapi"]["powertools_openapi"]["median"]
    )
    gateway_ratio = (
        warm["gateway"]["agent_tools"]["median"] / warm["gateway"]["handwritten"]["median"]
    )
    gateway_cold = cold["agent_tools_gateway"]["median"] - cold["agent_tools"]["median"]
    return [
        {
            "name": "cold start at most 1/5 of Powertools' function resolver",
            "value": f"{cold_ratio:.2f}",
            "met": cold_ratio <= 0.2,
        },
        {
            "name": "warm function-details call at most 2x the hand-written handler",
            "value": f"{function_ratio:.2f}x",
            "met": function_ratio <= 2.0,
        },
        {
            "name": "warm OpenAPI call at most 1/8 of Powertools' BedrockAgentResolver",
            "value": f"{openapi_ratio:.3f}",
            "met": openapi_ratio <= 0.125,
        },
        {
            "name": "warm Gateway call at most 1.5x the hand-written Gateway handler",
            "value": f"{gateway_ratio:.2f}x",
            "met": gateway_ratio <= 1.5,
        },
        {
            "name": "cold start of a Gateway call within 1 ms of a Bedrock Agents one",
            "value": f"{gateway_cold:+.1f} ms",
            "met": abs(gateway_cold) <= 1.0,
        },
    ]


def check_same_answers() -> None:
    """Every contender must give the same result, or the timings compare different work."""
    import importlib

    events = {"function": FUNCTION_EVENT, "openapi": OPENAPI_EVENT, "gateway": GATEWAY_EVENT}
    for kind, contenders in WARM.items():
        bodies = {}
        for name, module in contenders.items():
            handler = importlib.import_module(module).lambda_handler
            response = handler(events[kind], CONTEXTS[kind])
            if kind == "gateway":  # the result itself, as the runtime serialises it
                bodies[name] = json.loads(json.dumps(response))
                continue
            body = response["response"].get("functionResponse", response["response"])
            text = next(iter(body["responseBody"].values()))["body"]
            bodies[name] = json.loads(text)
        if len({json.dumps(b, sort_keys=True) for b in bodies.values()}) != 1:
            raise SystemExit(f"contenders disagree on the {kind} event: {bodies}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold-runs", type=int, default=40, help="fresh processes per contender")
    parser.add_argument("--repeat", type=int, default=15, help="timing repeats of warm calls")
    parser.add_argument("--export-runs", type=int, default=10)
    parser.add_argument("--store-rounds", type=int, default=5, help="runs per writer count")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results.json")
    options = parser.parse_args()

    check_same_answers()
    results: dict[str, Any] = {"machine": machine()}
    results["cold_start"] = cold_starts(options.cold_runs)
    results["warm_call_us"] = warm_calls(options.repeat)
    results["export_ms"] = exports(options.export_runs)
    results["sqlite_bookings_per_second"] = store_rates(options.store_rounds)
    results["targets"] = targets(results)
    options.output.write_text(json.dumps(results, indent=2) + "\n")
    print(report(results))
    shown = options.output.resolve()
    print(
        f"\nFigures written to {shown.relative_to(ROOT) if shown.is_relative_to(ROOT) else shown}"
    )


if __name__ == "__main__":
    main()
