"""Serve an existing Bedrock Agents (Classic) action-group Lambda as an AgentCore Gateway target.

``gateway_handler`` wraps the old handler, unchanged. For each Gateway call it builds the event
the handler was written for (``docs/migration.md#the-bridge``), calls it within the Lambda's
remaining time, and turns its envelope back into what the Gateway returns to the model:

* success: the response body, parsed as JSON when it is JSON;
* ``REPROMPT`` or a 4xx status: ``{"error": <the handler's text>, "kind": "bad_input"}``;
* ``FAILURE``, a 5xx status, a raise, a timeout or a malformed envelope: an error naming only
  a reference (``"kind": "failure"``), which is logged with the cause.

Errors have the shape of the package's own Gateway runtime (``_runtimes.gateway``).

Classic events still reach the old handler as they are, so one function serves both while
the agent moves. The schema is read once, when the handler is built; a schema that cannot
be served raises ``SchemaError`` then, naming the tool, the field and the fix.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Mapping
from typing import Any

from ._runtimes import gateway
from ._serve.log import ERROR, WARNING, log
from .errors import SchemaError
from .outcome import OutcomeKind

__all__ = ["BridgeTool", "gateway_handler", "read_tools"]

_REQUEST_ID_KEY = "bedrockAgentCoreAwsRequestId"
_GATEWAY_ID_KEY = "bedrockAgentCoreGatewayId"
_TYPES = ("string", "number", "integer", "boolean", "array", "object")
_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
_MISSING_TEXT = object()

Handler = Callable[[Any, Any], Any]


class _Overran(Exception):
    """The old handler did not answer in the time left."""


class BridgeTool:
    """One Classic function or OpenAPI operation, as the bridge serves it.

    Attributes:
        name: the Gateway tool name (the function name, or the operation's ``operationId``).
        description: the description the schema gives, if any.
        parameters: name -> (type, required, where): ``where`` is ``"parameter"`` for
            function details and path or query parameters, ``"body"`` for request-body
            properties.
        api_path, http_method: the operation, for OpenAPI groups ("" for function details).
        confirm: the Classic schema asked the user to confirm before the tool runs.
    """

    __slots__ = (
        "api_path",
        "confirm",
        "description",
        "http_method",
        "name",
        "parameters",
    )

    def __init__(
        self,
        name: str,
        description: str | None,
        parameters: dict[str, tuple[str, bool, str, str | None]],
        *,
        api_path: str = "",
        http_method: str = "",
        confirm: bool = False,
    ) -> None:
        self.name = name
        self.description = description
        self.parameters = parameters
        self.api_path = api_path
        self.http_method = http_method
        self.confirm = confirm


def gateway_handler(
    classic_handler: Handler,
    *,
    action_group: str,
    function_schema: Mapping[str, Any] | list[Any] | str | None = None,
    openapi: Mapping[str, Any] | str | None = None,
    session_headers: Mapping[str, str] | None = None,
    prompt_session_headers: Mapping[str, str] | None = None,
    reserve_ms: int = 500,
    timeout: float | None = None,
) -> Handler:
    """A Lambda handler that answers AgentCore Gateway calls with a Classic handler.

    Args:
        classic_handler: the old ``lambda_handler(event, context)``, called unchanged.
        action_group: the ``actionGroup`` the handler expects in its events.
        function_schema: the group's ``functionSchema`` (``{"functions": [...]}``), as a
            mapping or JSON text; or
        openapi: the group's OpenAPI document, as a mapping or JSON text.
        session_headers: session attribute -> propagated header carrying its trusted value
            (allow the header on the target with ``allowedRequestHeaders``). Matched
            case-insensitively; an absent header leaves the attribute out.
        prompt_session_headers: the same for ``promptSessionAttributes``.
        reserve_ms: time kept back from the Lambda's remaining time to answer after the old
            handler overran it.
        timeout: seconds the old handler may take at most, also without a Lambda context.

    Raises:
        SchemaError: the schema is missing, invalid, or names a tool twice.
    """
    tools = read_tools(function_schema=function_schema, openapi=openapi)
    session_map = _header_map(session_headers, "session_headers")
    prompt_map = _header_map(prompt_session_headers, "prompt_session_headers")

    def handler(event: Any, context: Any) -> Any:
        custom = gateway.custom(context) or {}
        qualified = gateway.tool_name(context)
        if not isinstance(qualified, str):
            if isinstance(event, Mapping) and "messageVersion" in event:
                return classic_handler(event, context)  # a Classic call: the old path
            return gateway.error_answer(
                "This Lambda serves AgentCore Gateway tools, but the call named no tool "
                f"(client context key {gateway.TOOL_NAME_KEY!r} is missing).",
                OutcomeKind.FAILURE,
            )
        name = gateway.split_tool_name(qualified)[1]
        tool = tools.get(name)
        if tool is None:
            known = ", ".join(sorted(tools))
            return gateway.error_answer(
                f"There is no tool named {name!r}; the tools are: {known}.",
                OutcomeKind.NOT_FOUND,
            )
        problems, parameters, body = _arguments(tool, event)
        if problems:
            return gateway.error_answer(
                f"Invalid input for {name}: "
                + "; ".join(problems)
                + ". Correct these parameters and call again.",
                OutcomeKind.BAD_INPUT,
            )
        headers = gateway.read_headers(gateway.custom(context))
        classic_event = _classic_event(
            tool,
            action_group,
            parameters,
            body,
            session=_pick(headers, session_map),
            prompt=_pick(headers, prompt_map),
            custom=custom,
            context=context,
        )
        reference = getattr(context, "aws_request_id", None) or os.urandom(6).hex()
        limit = _time_limit(context, reserve_ms, timeout)
        try:
            envelope = _call(classic_handler, classic_event, context, limit)
        except _Overran:
            return _failure(name, reference, "did not answer within %s s", limit)
        except Exception as exc:
            return _failure(name, reference, "raised %s", type(exc).__name__, exc=exc)
        return _answer(name, reference, envelope)

    handler.__doc__ = f"AgentCore Gateway handler for the Classic action group {action_group!r}."
    return handler


# -- the schema ----------------------------------------------------------------------------


def read_tools(
    *,
    function_schema: Mapping[str, Any] | list[Any] | str | None = None,
    openapi: Mapping[str, Any] | str | None = None,
) -> dict[str, BridgeTool]:
    """The tools of a Classic schema, by Gateway tool name. Raises ``SchemaError``."""
    if (function_schema is None) == (openapi is None):
        raise _bad(
            None,
            "schema",
            "exactly one of function_schema and openapi is needed",
            None,
            "Pass the group's functionSchema or its OpenAPI document.",
        )
    if function_schema is not None:
        return _function_tools(_loaded(function_schema, "function_schema"))
    return _openapi_tools(_loaded(openapi, "openapi"))


def _loaded(value: Any, what: str) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError as exc:
            raise _bad(None, what, "must be JSON", value[:80], f"Fix the JSON ({exc}).") from None
    return value


def _function_tools(schema: Any) -> dict[str, BridgeTool]:
    functions = schema.get("functions") if isinstance(schema, Mapping) else schema
    if not isinstance(functions, list) or not functions:
        raise _bad(
            None,
            "functions",
            "a functionSchema is {'functions': [...]} with at least one function",
            schema,
            "Pass the functionSchema of create_agent_action_group.",
        )
    tools: dict[str, BridgeTool] = {}
    for function in functions:
        name = function.get("name") if isinstance(function, Mapping) else None
        if not isinstance(name, str) or not name:
            raise _bad(None, "name", "every function needs a name", function, "Name it.")
        declared = function.get("parameters") or {}
        if not isinstance(declared, Mapping):
            raise _bad(
                name, "parameters", "must map names to {type, required}", declared, "Fix it."
            )
        parameters: dict[str, tuple[str, bool, str, str | None]] = {}
        for pname, pspec in declared.items():
            kind = _check_type(
                name, pname, pspec.get("type") if isinstance(pspec, Mapping) else None
            )
            required = bool(pspec.get("required"))
            parameters[pname] = (kind, required, "parameter", _text(pspec.get("description")))
        description = function.get("description")
        _add(
            tools,
            BridgeTool(
                name,
                description if isinstance(description, str) else None,
                parameters,
                confirm=function.get("requireConfirmation") == "ENABLED",
            ),
        )
    return tools


def _openapi_tools(document: Any) -> dict[str, BridgeTool]:
    paths = document.get("paths") if isinstance(document, Mapping) else None
    if not isinstance(paths, Mapping) or not paths:
        raise _bad(
            None, "paths", "an OpenAPI document needs paths", None, "Pass the whole document."
        )
    tools: dict[str, BridgeTool] = {}
    for path, item in paths.items():
        if not isinstance(item, Mapping):
            raise _bad(None, f"path {path}", "must be an object", item, "Fix the path.")
        shared = item.get("parameters") or []
        for method in _METHODS:
            operation = item.get(method)
            if not isinstance(operation, Mapping):
                continue
            name = operation.get("operationId")
            if not isinstance(name, str) or not name:
                raise _bad(
                    None,
                    f"{method.upper()} {path}",
                    "every operation needs an operationId: it is the tool's name",
                    None,
                    "Add a unique operationId.",
                )
            parameters: dict[str, tuple[str, bool, str, str | None]] = {}
            for parameter in [*shared, *(operation.get("parameters") or [])]:
                parameter = _resolve(document, parameter)
                if parameter.get("in") not in ("path", "query"):
                    continue  # header and cookie parameters are the caller's, not the model's
                pname = parameter.get("name")
                schema = _resolve(document, parameter.get("schema") or {"type": "string"})
                kind = _check_type(name, pname, schema.get("type", "string"))
                required = bool(parameter.get("required")) or parameter.get("in") == "path"
                parameters[pname] = (
                    kind,
                    required,
                    "parameter",
                    _text(parameter.get("description")),
                )
            _body(document, name, operation, parameters)
            description = operation.get("description") or operation.get("summary")
            _add(
                tools,
                BridgeTool(
                    name,
                    description if isinstance(description, str) else None,
                    parameters,
                    api_path=path,
                    http_method=method.upper(),
                    confirm=operation.get("x-requireConfirmation") == "ENABLED",
                ),
            )
    return tools


def _body(
    document: Mapping[str, Any],
    name: str,
    operation: Mapping[str, Any],
    parameters: dict[str, tuple[str, bool, str, str | None]],
) -> None:
    request_body = _resolve(document, operation.get("requestBody") or {})
    content = request_body.get("content") or {}
    media = content.get("application/json") if isinstance(content, Mapping) else None
    if not isinstance(media, Mapping):
        return
    schema = _resolve(document, media.get("schema") or {})
    required = set(schema.get("required") or ())
    for pname, pschema in (schema.get("properties") or {}).items():
        pschema = _resolve(document, pschema)
        kind = _check_type(name, pname, pschema.get("type", "object"))
        if pname in parameters:
            raise _bad(
                name,
                f"parameter {pname}",
                "a body property has the name of a path or query parameter; the Gateway "
                "tool has one flat list of arguments",
                pname,
                "Rename one of them.",
            )
        parameters[pname] = (kind, pname in required, "body", _text(pschema.get("description")))


def _resolve(document: Mapping[str, Any], node: Any) -> Any:
    """Follow local ``$ref``s (``#/components/...``)."""
    seen = 0
    while isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
        reference: str = node["$ref"]
        seen += 1
        if not reference.startswith("#/") or seen > 32:
            raise _bad(None, "$ref", "only local references are served", reference, "Inline it.")
        target: Any = document
        for part in reference[2:].split("/"):
            target = target.get(part) if isinstance(target, Mapping) else None
        if target is None:
            raise _bad(None, "$ref", "points at nothing", reference, "Fix the reference.")
        node = target
    if not isinstance(node, Mapping):
        raise _bad(None, "schema", "must be an object", node, "Fix the document.")
    return node


def _check_type(tool: str, name: Any, kind: Any) -> str:
    if not isinstance(name, str) or not name:
        raise _bad(tool, "parameter", "every parameter needs a name", name, "Name it.")
    if kind not in _TYPES:
        raise _bad(
            tool,
            f"parameter {name}",
            f"type must be one of {', '.join(_TYPES)}",
            kind,
            "Declare the parameter's type.",
        )
    return str(kind)


def _add(tools: dict[str, BridgeTool], tool: BridgeTool) -> None:
    if tool.name in tools:
        raise _bad(tool.name, "name", "two tools have this name", tool.name, "Make names unique.")
    tools[tool.name] = tool


def _bad(tool: str | None, field: str, rule: str, value: Any, fix: str) -> SchemaError:
    return SchemaError(tool=tool, field=field, rule=rule, value=value, fix=fix)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _header_map(mapping: Mapping[str, str] | None, what: str) -> dict[str, str]:
    result: dict[str, str] = {}
    for attribute, header in (mapping or {}).items():
        if not isinstance(attribute, str) or not isinstance(header, str) or not header:
            raise _bad(
                None,
                what,
                "maps attribute names to header names",
                (attribute, header),
                'e.g. {"employee_id": "x-employee-id"}',
            )
        result[attribute] = header.lower()
    return result


# -- one call ------------------------------------------------------------------------------


def _pick(headers: Mapping[str, str], mapping: Mapping[str, str]) -> dict[str, str]:
    return {attribute: headers[h] for attribute, h in mapping.items() if h in headers}


def _arguments(
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


def _classic_event(
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


def _time_limit(context: Any, reserve_ms: int, timeout: float | None) -> float | None:
    remaining = getattr(context, "get_remaining_time_in_millis", None)
    limit = timeout
    if callable(remaining):
        try:
            left = (float(remaining()) - reserve_ms) / 1000
        except (TypeError, ValueError):
            left = None
        if left is not None:
            limit = max(left, 0.0) if limit is None else min(limit, max(left, 0.0))
    return limit


def _call(handler: Handler, event: dict[str, Any], context: Any, limit: float | None) -> Any:
    """The old handler's answer, or ``_Overran`` once ``limit`` seconds have passed."""
    if limit is None:
        return handler(event, context)
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append((True, handler(event, context)))
        except BaseException as exc:
            outcome.append((False, exc))

    worker = threading.Thread(target=run, name="classic-handler", daemon=True)
    worker.start()
    worker.join(limit)
    if not outcome:
        raise _Overran
    ok, value = outcome[0]
    if not ok:
        raise value
    return value


def _answer(name: str, reference: str, envelope: Any) -> Any:
    state, body = _read_envelope(envelope)
    if state == "MALFORMED":
        return _failure(name, reference, "answered with no valid envelope: %s", body)
    if state == "FAILURE":
        log(WARNING, "%s answered FAILURE (reference %s): %s", name, reference, body)
        return _failed(name, reference)
    if state == "REPROMPT":
        return gateway.error_answer(body, OutcomeKind.BAD_INPUT)
    try:
        return json.loads(body)
    except ValueError:
        return body


def _read_envelope(envelope: Any) -> tuple[str, str]:
    """``(state, body)``: SUCCESS, REPROMPT, FAILURE, or MALFORMED with what is wrong."""
    response = envelope.get("response") if isinstance(envelope, Mapping) else None
    if not isinstance(response, Mapping):
        return "MALFORMED", f"no 'response' object in {type(envelope).__name__}"
    function_response = response.get("functionResponse")
    if isinstance(function_response, Mapping):
        body = _body_text(function_response.get("responseBody"), "TEXT")
        if body is _MISSING_TEXT:
            return "MALFORMED", "functionResponse.responseBody.TEXT.body is not a string"
        state = function_response.get("responseState")
        if state not in (None, "REPROMPT", "FAILURE"):
            return "MALFORMED", f"unknown responseState {state!r}"
        return state or "SUCCESS", str(body)
    status = response.get("httpStatusCode", 200)
    if isinstance(status, str) and status.isdigit():
        status = int(status)
    if isinstance(status, bool) or not isinstance(status, int):
        return "MALFORMED", "httpStatusCode is not a number"
    body = _body_text(response.get("responseBody"), None)
    if body is _MISSING_TEXT:
        return "MALFORMED", "responseBody has no content type with a string body"
    if status >= 500:
        return "FAILURE", str(body)
    if status >= 400:
        return "REPROMPT", str(body)
    return "SUCCESS", str(body)


def _body_text(response_body: Any, key: str | None) -> object:
    if not isinstance(response_body, Mapping) or not response_body:
        return _MISSING_TEXT
    content = response_body.get(key) if key else next(iter(response_body.values()))
    body = content.get("body") if isinstance(content, Mapping) else None
    return body if isinstance(body, str) else _MISSING_TEXT


def _failed(name: str, reference: str) -> dict[str, Any]:
    return gateway.error_answer(
        f"{name} failed with an internal error (reference {reference}). "
        "It is not caused by the input; do not retry it now.",
        OutcomeKind.FAILURE,
        reference,
    )


def _failure(name: str, reference: str, what: str, *args: Any, exc: Any = None) -> Any:
    log(
        ERROR,
        f"%s {what} (reference %s)",
        name,
        *args,
        reference,
        exc_info=exc,
        extra={"tool": name, "error_reference": reference},
    )
    return _failed(name, reference)
