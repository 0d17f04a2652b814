"""Bedrock Agents (Classic) action-group events in, response envelopes out.

The event and envelope shapes are described in ``docs/bedrock-agents.md``. Values arrive as
strings in ``parameters`` and, for OpenAPI operations, in the request body's ``properties``;
a model that is the whole body arrives as its fields, flat.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from agent_tools._declare.registry import ToolRegistry
from agent_tools._declare.spec import ToolSpec
from agent_tools._serve.call import Call, Runner
from agent_tools._serve.decide import BadRequest, NotFound, outcome_for
from agent_tools._serve.log import ERROR, call_level, log, logger
from agent_tools.outcome import Outcome, OutcomeKind, kind_for_status

if TYPE_CHECKING:
    import logging

__all__ = ["Request", "answer", "matches", "read_request", "refusal", "render"]

_EMPTY: Mapping[str, str] = {}
_SUCCESS = OutcomeKind.SUCCESS
_clock = time.perf_counter


class Request(Call):
    """The call an event makes, and the parts of it that the envelope echoes.

    Built once per event: the event's values are filled in once its tool is found.
    """

    __slots__ = ("api", "api_path", "function", "http_method")

    def __init__(
        self,
        api: bool,
        action_group: str,
        function: str = "",
        api_path: str = "",
        http_method: str = "",
        session_attributes: Mapping[str, str] = _EMPTY,
        prompt_session_attributes: Mapping[str, str] = _EMPTY,
    ) -> None:
        # Call's fields are set here rather than through its __init__: a frame less per event.
        self.api = api
        self.action_group = action_group
        self.function = function
        self.api_path = api_path
        self.http_method = http_method
        self.session_attributes = session_attributes
        self.prompt_session_attributes = prompt_session_attributes
        self.arguments = _EMPTY
        self.event = _EMPTY
        self.lambda_context = None
        self.repeated = None
        self.flat_body = api  # Bedrock sends the fields of a model that is the whole body flat
        self.source = "session attribute"
        self.setter = "the application that calls InvokeAgent"
        self.by_header = False


def matches(event: Any, lambda_context: Any) -> bool:
    """Every event that no other runtime claims is answered as a Bedrock Agents event."""
    return True


def answer(
    registry: ToolRegistry, runner: Runner, event: Any, lambda_context: Any = None
) -> dict[str, Any]:
    """Answer one action-group event with its envelope. Never raises."""
    started = _clock()
    try:
        request = read_request(event, registry.group)
        tool: ToolSpec | None = None
        try:
            tool = _find_tool(registry, event, request)
            request.arguments, request.repeated = _event_values(event)
            request.event = event
            request.lambda_context = lambda_context
            outcome = runner.run(tool, request)
        except Exception as exc:
            outcome = outcome_for(exc, None, runner.max_body_bytes, lambda_context)
        target = logger()
        level = call_level(outcome.kind)
        if target is not None and target.isEnabledFor(level):
            _log_call(target, event, request, tool, outcome, started, level)
        return render(request, outcome, registry.error_media_type)
    except Exception:  # a last guard: even a bug here must answer with an envelope
        log(ERROR, "agent_tools could not answer an event", exc_info=True)
        return refusal(
            Request(api=False, action_group=registry.group),
            "The action group failed with an internal error.",
        )


def read_request(event: Any, default_group: str) -> Request:
    """The fields an envelope echoes, read defensively from any event."""
    if type(event) is not dict:  # what Lambda hands over; checked exactly: this runs per call
        if not isinstance(event, Mapping):
            return Request(api=False, action_group=default_group)
        event = dict(event)
    get = event.get
    action_group = get("actionGroup")
    function = get("function", "")
    api_path = get("apiPath")
    http_method = get("httpMethod", "")
    return Request(
        "apiPath" in event,
        action_group if type(action_group) is str else default_group,
        function if type(function) is str else "",
        api_path if type(api_path) is str else "",
        http_method if type(http_method) is str else "",
        _attributes(get("sessionAttributes")),
        _attributes(get("promptSessionAttributes")),
    )


def refusal(request: Request, message: str, *, status: int = 500) -> dict[str, Any]:
    """The envelope for an event no tool could take: bad input below 500, else a failure."""
    kind = kind_for_status(status)
    return render(request, Outcome(message, kind, status))


def render(
    request: Request, outcome: Outcome, error_media_type: str = "application/json"
) -> dict[str, Any]:
    """Write ``outcome`` in the envelope that matches the event's kind.

    ``error_media_type`` is the content type of an OpenAPI answer's body from status 400.
    """
    if request.api:
        media_type = error_media_type if outcome.status >= 400 else "application/json"
        response: dict[str, Any] = {
            "actionGroup": request.action_group,
            "apiPath": request.api_path,
            "httpMethod": request.http_method,
            "httpStatusCode": outcome.status,
            "responseBody": {media_type: {"body": outcome.body}},
        }
    else:
        function_response: dict[str, Any] = {"responseBody": {"TEXT": {"body": outcome.body}}}
        if outcome.kind is not _SUCCESS:  # omitted on success
            function_response = {"responseState": outcome.state, **function_response}
        response = {
            "actionGroup": request.action_group,
            "function": request.function,
            "functionResponse": function_response,
        }
    session = outcome.session_attributes
    prompt = outcome.prompt_session_attributes
    envelope: dict[str, Any] = {
        "messageVersion": "1.0",
        "response": response,
        "sessionAttributes": dict(request.session_attributes if session is None else session),
        "promptSessionAttributes": dict(
            request.prompt_session_attributes if prompt is None else prompt
        ),
    }
    if outcome.knowledge_bases is not None:
        envelope["knowledgeBasesConfiguration"] = [dict(kb) for kb in outcome.knowledge_bases]
    return envelope


def _find_tool(registry: ToolRegistry, event: Any, request: Request) -> ToolSpec:
    if type(event) is not dict and not isinstance(event, Mapping):
        raise BadRequest(f"expected a JSON object, got {type(event).__name__}")
    if request.api:
        if not request.api_path or not request.http_method:
            raise BadRequest("an OpenAPI event needs a string apiPath and httpMethod")
        tool = registry.by_route.get((request.http_method.upper(), request.api_path))
        if tool is None:
            raise NotFound(
                f"The action group has no operation {request.http_method.upper()} "
                f"{request.api_path!r}."
            )
        return tool
    if not request.function:
        raise BadRequest("expected a function (function details) or an apiPath (OpenAPI) to call")
    tool = registry.by_name.get(request.function)
    if tool is None:
        raise NotFound(f"The action group has no function {request.function!r}.")
    return tool


def _event_values(event: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """``parameters`` and the request body's properties as one name-to-value map.

    Also returns the names sent twice with different values.
    """
    values: dict[str, Any] = {}
    conflicts: list[str] = []
    _collect(event.get("parameters"), "parameters", values, conflicts)
    body = event.get("requestBody")
    if body is not None:
        try:
            properties = body["content"]["application/json"]["properties"]
        except (KeyError, TypeError) as exc:
            raise BadRequest(
                "requestBody must be {content: {application/json: {properties: [...]}}}"
            ) from exc
        _collect(properties, "requestBody properties", values, conflicts)
    return values, conflicts


def _collect(entries: Any, where: str, values: dict[str, Any], conflicts: list[str]) -> None:
    if entries is None:
        return
    if type(entries) is not list:
        raise BadRequest(f"{where} must be a list of {{name, type, value}} objects")
    for entry in entries:
        name = entry.get("name") if type(entry) is dict else None
        if type(name) is not str:
            raise BadRequest(f"each of the {where} must be an object with a string name")
        value = entry.get("value")
        if name in values:
            if values[name] != value and name not in conflicts:  # named once, however many
                conflicts.append(name)
        else:
            values[name] = value


def _log_call(
    target: logging.Logger,
    event: Any,
    request: Request,
    tool: ToolSpec | None,
    outcome: Outcome,
    started: float,
    level: int,
) -> None:
    agent = event.get("agent") if isinstance(event, Mapping) else None
    agent = agent if isinstance(agent, Mapping) else {}
    fields: dict[str, Any] = {
        "agent_id": agent.get("id"),
        "agent_alias": agent.get("alias"),
        "session_id": event.get("sessionId") if isinstance(event, Mapping) else None,
        "action_group": request.action_group,
        "tool": tool.name if tool else (request.function or request.api_path),
        "outcome": outcome.state.lower(),
        "status": outcome.status,
        "duration_ms": round((time.perf_counter() - started) * 1000, 3),
    }
    if tool is not None and isinstance(event, Mapping):
        logged = {p.key for p in tool.inputs if p.log}
        if logged:
            try:
                values, _ = _event_values(event)
            except BadRequest:
                values = {}
            shown = {name: values[name] for name in logged if name in values}
            if shown:
                fields["parameters"] = shown
    target.log(
        level,
        "%s %s in %.1f ms",
        fields["tool"],
        fields["outcome"],
        fields["duration_ms"],
        extra=fields,
    )


def _attributes(value: Any) -> Mapping[str, str]:
    # Bedrock keeps only str-to-str maps; anything else cannot be echoed.
    if type(value) is dict:
        for key, item in value.items():
            if type(item) is not str or type(key) is not str:
                break
        else:
            return value
    if isinstance(value, Mapping):
        return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}
    return {}
