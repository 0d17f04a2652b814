"""Reliability tests: bad inputs, broken dependencies and generated inputs.

The helpers here send raw events (so that a parameter can be duplicated or typed oddly) and
check that an answer leaks nothing internal.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from agent_tools.testing import (
    ToolResult,
    check_response,
    fake_lambda_context,
    function_event,
    gateway_context,
)

Handler = Callable[[Any, Any], Any]

LAMBDA_CONTEXT = fake_lambda_context(
    function_name="hr-tools",
    memory_limit_in_mb="256",
    aws_request_id="6f7e1c52-0000-4000-8000-00000000beef",
)

_TRACEBACK = re.compile(r"Traceback \(most recent call last\)|\bFile \"|line \d+, in ")
_PATH = re.compile(
    r"(?:^|[\s'\"(])/(?:tmp|work|home|usr|var|root|opt|etc|proc)\b|\.py\b|\.sqlite3?\b"
    r"|site-packages|[A-Za-z]:\\"
)
_SQL = re.compile(
    r"\b(?:SELECT\b.+\bFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+TABLE"
    r"|DROP\s+TABLE|BEGIN\s+(?:IMMEDIATE|EXCLUSIVE))\b",
    re.IGNORECASE,
)
_ARN = re.compile(r"\barn:aws[\w-]*:")
_EXCEPTIONS = re.compile(
    r"\b(?:OperationalError|ClientError|OverflowError|ValueError|KeyError|TypeError"
    r"|RuntimeError|sqlite3|botocore)\b"
)


def send(
    handler: Handler,
    function: str,
    parameters: Iterable[tuple[str, str]],
    *,
    action_group: str = "VacationTools",
    session: Mapping[str, str] | None = None,
    input_text: str = "",
    context: Any = LAMBDA_CONTEXT,
) -> ToolResult:
    """One function-details call with ``parameters`` written exactly as given (names may
    repeat), through JSON both ways as Lambda does; the answer is contract-checked."""
    event = function_event(
        function,
        {},
        action_group=action_group,
        session_attributes={"employee_id": "2"} if session is None else session,
        input_text=input_text,
    )
    event["parameters"] = [
        {"name": name, "type": _type(value), "value": value} for name, value in parameters
    ]
    event = json.loads(json.dumps(event))
    response = handler(event, context)
    check_response(event, response)
    return ToolResult.from_response(json.loads(json.dumps(response)), event=event)


HEADERS = {"employee_id": "x-employee-id", "role": "x-hr-role"}
"""The sample's session attributes and the headers that carry them on a gateway."""


def send_gateway(
    handler: Handler,
    tool: str,
    parameters: Iterable[tuple[str, Any]],
    *,
    session: Mapping[str, str] | None = None,
    target: str = "hr-tools",
) -> ToolResult:
    """One gateway call of ``tool`` with ``parameters`` as its arguments, identity from
    ``session`` sent in the sample's headers, through JSON both ways as Lambda does."""
    session = {"employee_id": "2"} if session is None else session
    headers = {HEADERS[key]: value for key, value in session.items()}
    event = json.loads(json.dumps(dict(parameters)))
    context = gateway_context(
        tool, target=target, headers=headers, aws_request_id=LAMBDA_CONTEXT.aws_request_id
    )
    answer = handler(event, context)
    return ToolResult.from_gateway(json.loads(json.dumps(answer)), event=event)


def _type(value: str) -> str:
    return "integer" if value.strip().lstrip("-").isdigit() else "string"


def assert_clean(result: ToolResult, sent: Iterable[str] = ()) -> None:
    """Nothing internal in the answer: no traceback, file path, SQL statement, AWS ARN or
    exception name. What the caller sent may be quoted back to it, so those values (and
    their reprs) are removed before looking."""
    text = result.text
    for value in sorted(set(sent), key=len, reverse=True):
        if value:
            for shown in (repr(value), value, repr(value.strip()), value.strip()):
                if shown:
                    text = text.replace(shown, "<sent>")
    for name, pattern in (
        ("a traceback", _TRACEBACK),
        ("a file path", _PATH),
        ("an SQL statement", _SQL),
        ("an AWS ARN", _ARN),
        ("an exception name", _EXCEPTIONS),
    ):
        found = pattern.search(text)
        assert found is None, f"the answer contains {name} ({found.group(0)!r}): {text[:500]!r}"


def assert_names(result: ToolResult, parameter: str) -> None:
    """A REPROMPT names the parameter it is about (as written, or in words)."""
    assert result.state == "REPROMPT"
    words = parameter.replace("_", " ")
    assert parameter in result.text or words in result.text.lower(), (
        f"the REPROMPT does not name {parameter!r}: {result.text[:300]!r}"
    )


def snapshot(path: Path) -> dict[str, Any]:
    """Every table of the SQLite file and its rows, read directly."""
    with sqlite3.connect(path) as db:
        tables = sorted(
            row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        )
        found: dict[str, Any] = {"tables": tables}
        for table in tables:
            found[table] = sorted(db.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
    db.close()
    return found
