"""A careful hand-written Gateway Lambda target for the two bench tools: the yardstick for a
warm Gateway call.

It does what this package guarantees for these two tools, written the way a competent
engineer would write it for exactly them:

* the tool name from ``context.client_context.custom["bedrockAgentCoreToolName"]``, with the
  ``target___`` prefix stripped; a missing name or an unknown tool answers an error object
  that lists the tools;
* each argument converted and checked: ``int`` from a JSON number or numeric text (not a
  boolean), ``date`` from ``YYYY-MM-DD`` text, ``str`` from text (or a number, as its text,
  as the package does), ``bool`` from JSON ``true``/``false`` or that text; every bad or
  missing argument is named in one error object (``{"error": ..., "kind": "bad_input"}``) so
  the model can correct its call;
* the body limit: the result's JSON is written once and its UTF-8 size checked against
  25,000 bytes; an oversized result answers an error object instead;
* an exception in a tool answers an error object with the request id, never its text.

What it does not do, because these two tools do not need it or it was not worth writing by
hand: read propagated headers (no tool here takes an identity), accept the arguments as
anything but a dict, convert other types, log anything, run exception handlers, or guard
against a malformed client context beyond a missing name.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

MAX_BODY_BYTES = 25_000


def _int(args: dict[str, Any], name: str, problems: list[str]) -> Any:
    value = args.get(name)
    if type(value) is int:
        return value
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            pass
    problems.append(f"{name} must be an integer, got {value!r:.50}")
    return None


def _str(args: dict[str, Any], name: str, problems: list[str]) -> Any:
    value = args.get(name)
    if isinstance(value, str):
        return value
    if type(value) is int or type(value) is float:  # the model wrote a number: its text
        return str(value)
    problems.append(f"{name} must be text, got {value!r:.50}")
    return None


def _date(args: dict[str, Any], name: str, problems: list[str]) -> Any:
    value = args.get(name)
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    problems.append(f"{name} must be a date as YYYY-MM-DD, got {value!r:.50}")
    return None


def _bool(args: dict[str, Any], name: str, problems: list[str]) -> Any:
    value = args.get(name)
    if type(value) is bool:
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    problems.append(f"{name} must be true or false, got {value!r:.50}")
    return None


def lookup(args: dict[str, Any], problems: list[str]) -> Any:
    employee_id = _int(args, "employee_id", problems)
    name = _str(args, "name", problems)
    day = _date(args, "day", problems)
    if problems:
        return None
    return {"employee_id": employee_id, "name": name, "day": day.isoformat(), "days": 3}


def book(args: dict[str, Any], problems: list[str]) -> Any:
    employee_id = _int(args, "employee_id", problems)
    note = _str(args, "note", problems)
    paid = _bool(args, "paid", problems)
    if problems:
        return None
    return {"employee_id": employee_id, "note": note, "paid": paid, "days": 3}


TOOLS = {"lookup": lookup, "book": book}


def _error(message: str, kind: str) -> dict[str, str]:
    return {"error": message, "kind": kind}


def lambda_handler(event: Any, context: Any) -> Any:
    qualified = context.client_context.custom.get("bedrockAgentCoreToolName") or ""
    name = qualified.partition("___")[2] or qualified
    tool = TOOLS.get(name)
    if tool is None:
        return _error(f"There is no tool {name!r}; the tools are book, lookup.", "not_found")
    problems: list[str] = []
    try:
        result = tool(event, problems)
    except Exception:
        return _error(f"{name} failed (reference {context.aws_request_id}).", "failure")
    if problems:
        return _error(f"Invalid input for {name}: {'; '.join(problems)}.", "bad_input")
    size = len(json.dumps(result, ensure_ascii=False).encode())
    if size > MAX_BODY_BYTES:
        return _error(f"The result of {name} is too large: {size} bytes.", "bad_input")
    return result
