"""One Gateway call written as the Classic event the old handler was built for.

``arguments`` checks the model's JSON arguments against the tool's declared types and writes
each value as Bedrock Agents writes it (a string); ``classic_event`` wraps them, with the
trusted session values ``pick`` reads from propagated headers (``docs/migration.md#the-bridge``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from agent_tools._serve.log import WARNING, log

from .schema import BridgeTool

__all__ = ["arguments", "classic_event", "pick"]

_REQUEST_ID_KEY = "bedrockAgentCoreAwsRequestId"
_GATEWAY_ID_KEY = "bedrockAgentCoreGatewayId"


def pick(headers: Mapping[str, str], mapping: Mapping[str, str]) -> dict[str, str]:
    """Attribute -> value, for each mapped header the call carries."""
    return {attribute: headers[h] for attribute, h in mapping.items() if h in headers}


def arguments(
    tool: BridgeTool, event: Any
) -> tuple[list[str], list[dict[str, str]], list[dict[str, str]]]:
    """Problems, and the values written as Bedrock writes them: parameters, body properties."""
    if event is None:
        event = {}
    if not isinstance(event, Mapping):
        return [f"the arguments must be a JSON object, not {type(event).__name__}"], [], []
    problems: list[str] = []
    parameters: list[dict[str, str]] = []
    body: list[dict[str, str]] = []
    for name, (kind, required, where, _) in tool.parameters.items():
        value = event.get(name)
        if value is None:
            if required:
                problems.append(f"{name} is required ({_expected(kind)})")
            continue
        text = _written(kind, value)
        if text is None:
            problems.append(f"{name} must be {_expected(kind)}, got {_shown(value)}")
            continue
        entry = {"name": name, "type": kind, "value": text}
        (body if where == "body" else parameters).append(entry)
    unknown = sorted(set(event) - set(tool.parameters))
    if unknown:
        log(WARNING, "%s: ignored unknown arguments %s", tool.name, ", ".join(unknown))
    return problems, parameters, body


def _written(kind: str, value: Any) -> str | None:
    """``value`` as Bedrock Agents writes it into an event, or ``None`` if it does not fit."""
    if kind == "string":
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return None
        return json.dumps(value) if isinstance(value, int | float) else None
    if kind == "boolean":
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):
            return value.strip().lower()
        return None
    if kind in ("integer", "number"):
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        if isinstance(value, float) and not math.isfinite(value):
            return None  # "NaN" and "Infinity" parse, but are no number a tool can use
        if kind == "integer":
            if isinstance(value, float) and not value.is_integer():
                return None
            return str(int(value))
        return json.dumps(value)
    if kind == "array":
        if isinstance(value, str):
            return value if value.lstrip().startswith("[") else None
        return json.dumps(value) if isinstance(value, list) else None
    if isinstance(value, str):
        return value if value.lstrip().startswith("{") else None
    return json.dumps(value) if isinstance(value, Mapping) else None


def _expected(kind: str) -> str:
    return {
        "string": "a string",
        "number": "a number",
        "integer": "a whole number",
        "boolean": "true or false",
        "array": "a JSON array",
        "object": "a JSON object",
    }[kind]


def _shown(value: Any) -> str:
    text = json.dumps(value) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def classic_event(
    tool: BridgeTool,
    action_group: str,
    parameters: list[dict[str, str]],
    body: list[dict[str, str]],
    *,
    session: dict[str, str],
    prompt: dict[str, str],
    custom: Mapping[str, Any],
    context: Any,
) -> dict[str, Any]:
    """The Classic event for one call of ``tool``, as Bedrock Agents would send it."""
    gateway = custom.get(_GATEWAY_ID_KEY)
    request_id = custom.get(_REQUEST_ID_KEY) or getattr(context, "aws_request_id", None) or ""
    event: dict[str, Any] = {
        "messageVersion": "1.0",
        "agent": {
            "name": gateway if isinstance(gateway, str) else "",
            "id": gateway if isinstance(gateway, str) else "",
            "alias": "",
            "version": "",
        },
        "inputText": "",
        "sessionId": str(request_id),
        "actionGroup": action_group,
    }
    if tool.api_path:
        event["apiPath"] = tool.api_path
        event["httpMethod"] = tool.http_method
    else:
        event["function"] = tool.name
    event["parameters"] = parameters
    if tool.api_path and (body or any(w == "body" for _, _, w, _ in tool.parameters.values())):
        event["requestBody"] = {"content": {"application/json": {"properties": body}}}
    event["sessionAttributes"] = session
    event["promptSessionAttributes"] = prompt
    return event
