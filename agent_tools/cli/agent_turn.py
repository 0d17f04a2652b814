"""One InvokeAgent response stream, shown as it arrives: the answer, the tool calls, the tokens.

The stream's events are those of botocore's ``bedrock-agent-runtime`` model: ``chunk`` (a
piece of the answer, printed at once), ``trace`` (the agent's steps: the action group calls
and what they returned, and each model call's token usage), ``returnControl`` (calls for the
application to run) and ``files``. The answer goes to stdout; the steps go to stderr, so the
answer can be piped on its own.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import click

__all__ = ["Turn", "read_stream"]

_SHOWN = 300  # characters of a tool's result or a failure shown in a step line


@dataclass
class Turn:
    """What one response stream held, besides the answer it printed."""

    answer: str = ""
    input_tokens: int = 0
    output_tokens: int = 0
    tool_calls: int = 0
    return_control: Mapping[str, Any] | None = None
    files: list[str] = field(default_factory=list)


def read_stream(events: Iterable[Mapping[str, Any]], turn: Turn) -> Turn:
    """Print the stream's answer and steps as they arrive, adding to ``turn``."""
    for event in events:
        if "chunk" in event:
            text = bytes(event["chunk"].get("bytes", b"")).decode("utf-8", errors="replace")
            turn.answer += text
            click.echo(text, nl=False)
        elif "trace" in event:
            _trace(event["trace"].get("trace") or {}, turn)
        elif "returnControl" in event:
            turn.return_control = event["returnControl"]
        elif "files" in event:
            turn.files += [str(f.get("name")) for f in event["files"].get("files") or []]
    return turn


def _trace(trace: Mapping[str, Any], turn: Turn) -> None:
    for usage in _usages(trace):
        turn.input_tokens += int(usage.get("inputTokens") or 0)
        turn.output_tokens += int(usage.get("outputTokens") or 0)
    orchestration = trace.get("orchestrationTrace") or {}
    invocation = (orchestration.get("invocationInput") or {}).get("actionGroupInvocationInput")
    if invocation:
        turn.tool_calls += 1
        _step(f"-> {_call(invocation)}")
    observation = orchestration.get("observation") or {}
    output = observation.get("actionGroupInvocationOutput")
    if output:
        _step(f"<- {_shorten(str(output.get('text', '')))}")
    failure = trace.get("failureTrace")
    if failure:
        reason = _shorten(str(failure.get("failureReason", "no reason given")))
        _step(f"!! the agent failed: {reason}")


def _call(invocation: Mapping[str, Any]) -> str:
    """``VacationTools.book(employee_id=2)`` or ``VacationTools POST /book(...)``."""
    values = [f"{p.get('name')}={p.get('value')}" for p in invocation.get("parameters") or []]
    body = invocation.get("requestBody") or {}
    for content in (body.get("content") or {}).values():
        values += [f"{p.get('name')}={p.get('value')}" for p in content or []]
    group = invocation.get("actionGroupName", "?")
    name = invocation.get("function")
    if name is None:
        name = f" {str(invocation.get('verb', '')).upper()} {invocation.get('apiPath', '')}"
    else:
        name = f".{name}"
    where = (
        " (returned to this application)"
        if invocation.get("executionType") == ("RETURN_CONTROL")
        else ""
    )
    return f"{group}{name}({', '.join(values)}){where}"


def _usages(node: Any, inside_output: bool = False) -> Iterator[Mapping[str, Any]]:
    """Every ``metadata.usage`` of a model invocation output, wherever the trace holds one."""
    if isinstance(node, Mapping):
        if inside_output and isinstance(node.get("usage"), Mapping):
            yield node["usage"]
        for key, value in node.items():
            yield from _usages(value, inside_output or key == "modelInvocationOutput")
    elif isinstance(node, list):
        for item in node:
            yield from _usages(item, inside_output)


def _step(line: str) -> None:
    click.echo(line, err=True)


def _shorten(text: str) -> str:
    try:  # a JSON result on one line
        text = json.dumps(json.loads(text), ensure_ascii=False)
    except ValueError:
        text = " ".join(text.split())
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."
