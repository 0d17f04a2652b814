"""One event in, one envelope out: look the tool up, convert, call, wrap.

Nothing here raises. A malformed event, bad model input, a missing session attribute, a tool
that raises and a result that cannot be sent each become an envelope whose state says who
can fix it: ``REPROMPT``/4xx when the model can, ``FAILURE``/5xx when it cannot.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .context import Context
from .envelope import Outcome, Request, render
from .errors import CoercionError, Failure
from .kinds import expected
from .log import ERROR, INFO, WARNING, log, logger
from .outcome import BadEvent, BadInput, NotFound, finish, outcome_for
from .spec import ParamSpec, Source, ToolSpec

if TYPE_CHECKING:
    import logging

    from .app import ActionGroup

__all__ = ["error_envelope", "read_request", "resolve"]

_clock = time.perf_counter


def resolve(group: ActionGroup, event: Any, lambda_context: Any = None) -> dict[str, Any]:
    """Answer one event for ``group``; see ``ActionGroup.resolve``."""
    started = _clock()
    try:
        request = read_request(event, group.name)
        tool: ToolSpec | None = None
        try:
            tool = _find_tool(group, event, request)
            outcome = _call(group, tool, request, event, lambda_context)
        except Exception as exc:
            outcome = outcome_for(exc, group, tool, request, lambda_context)
        target = logger()
        level = WARNING if outcome.state == "FAILURE" else INFO
        if target is not None and target.isEnabledFor(level):
            _log_call(target, event, request, tool, outcome, started, level)
        return render(request, outcome, group.error_media_type)
    except Exception:  # a last guard: even a bug here must answer with an envelope
        log(ERROR, "agent_tools could not answer an event", exc_info=True)
        return error_envelope(
            Request(api=False, action_group=group.name),
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


def error_envelope(request: Request, message: str, *, status: int = 500) -> dict[str, Any]:
    """A ``FAILURE`` (or 4xx/5xx) envelope for an event no tool could take."""
    if status < 500:
        return render(request, Outcome(body=message, state="REPROMPT", status=status))
    return render(request, Outcome(body=message, state="FAILURE", status=status))


def _find_tool(group: ActionGroup, event: Any, request: Request) -> ToolSpec:
    if type(event) is not dict and not isinstance(event, Mapping):
        raise BadEvent(f"expected a JSON object, got {type(event).__name__}")
    if request.api:
        if not request.api_path or not request.http_method:
            raise BadEvent("an OpenAPI event needs a string apiPath and httpMethod")
        tool = group.route(request.http_method, request.api_path)
        if tool is None:
            raise NotFound(
                f"The action group has no operation {request.http_method.upper()} "
                f"{request.api_path!r}."
            )
        return tool
    if not request.function:
        raise BadEvent("expected a function (function details) or an apiPath (OpenAPI) to call")
    tool = group.tool_named(request.function)
    if tool is None:
        raise NotFound(f"The action group has no function {request.function!r}.")
    return tool


def _call(
    group: ActionGroup,
    tool: ToolSpec,
    request: Request,
    event: Mapping[str, Any],
    lambda_context: Any,
) -> Outcome:
    values, conflicts = _event_values(event)
    kwargs, problems, context = _arguments(tool, request, event, values, lambda_context)
    if problems or conflicts:
        repeated = [f"{name} was sent more than once with different values" for name in conflicts]
        raise BadInput(tool.name, repeated + problems)
    result = tool.function(**kwargs)
    if tool.is_async:
        result = group.run_async(result)
    if tool.check_result is not None:  # only tools declaring a model pay for the check
        tool.check_result(result)
    return finish(group, tool, request, result, context)


def _event_values(event: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Merge ``parameters`` and the request body's properties into one name-to-value map.

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
            raise BadEvent(
                "requestBody must be {content: {application/json: {properties: [...]}}}"
            ) from exc
        _collect(properties, "requestBody properties", values, conflicts)
    return values, conflicts


def _collect(entries: Any, where: str, values: dict[str, Any], conflicts: list[str]) -> None:
    if entries is None:
        return
    if type(entries) is not list:
        raise BadEvent(f"{where} must be a list of {{name, type, value}} objects")
    for entry in entries:
        name = entry.get("name") if type(entry) is dict else None
        if type(name) is not str:
            raise BadEvent(f"each of the {where} must be an object with a string name")
        value = entry.get("value")
        if name in values:
            if values[name] != value:
                conflicts.append(name)
        else:
            values[name] = value


def _arguments(
    tool: ToolSpec,
    request: Request,
    event: Mapping[str, Any],
    values: dict[str, Any],
    lambda_context: Any,
) -> tuple[dict[str, Any], list[str], Context | None]:
    kwargs: dict[str, Any] = {}
    problems: list[str] = []
    context: Context | None = None
    used = 0  # how many event values a parameter took: fewer than sent means unknown ones
    if tool.direct is not None:
        for name, key, convert, param in tool.direct:
            raw = values.get(key)
            if raw is None:
                _missing(param, kwargs, problems)
                continue
            used += 1
            try:
                kwargs[name] = convert(raw)
            except CoercionError as exc:
                problems.append(_refusal(param, exc))
        if used < len(values):
            _log_unknown(tool, values)
        return kwargs, problems, None
    model = Source.MODEL
    body_model = tool.body_model if request.api else None
    for param in tool.params:
        source = param.source
        if source is model:
            if param is body_model:
                raw, found = _body_fields(param, values)
                used += found
            else:
                key = param.key
                raw = values.get(key)
                if raw is not None or key in values:
                    used += 1
            if raw is None:
                _missing(param, kwargs, problems)
                continue
            try:
                kwargs[param.name] = param.convert(raw)
            except CoercionError as exc:
                problems.append(_refusal(param, exc))
        elif source is Source.CONTEXT:
            context = Context(
                event,
                tool=tool.name,
                action_group=request.action_group,
                lambda_context=lambda_context,
                session_attributes=dict(request.session_attributes),
                prompt_session_attributes=dict(request.prompt_session_attributes),
            )
            kwargs[param.name] = context
        else:
            kwargs[param.name] = _session_value(tool, param, request)
    if used < len(values):
        _log_unknown(tool, values)
    return kwargs, problems, context


def _missing(param: ParamSpec, kwargs: dict[str, Any], problems: list[str]) -> None:
    if param.required:
        problems.append(f"{param.key} is missing ({expected(param.type)})")
    else:
        kwargs[param.name] = param.default


def _log_unknown(tool: ToolSpec, values: dict[str, Any]) -> None:
    known = {p.key for p in tool.inputs}
    if tool.body_model is not None:
        for field in tool.body_model.type.fields:
            known.update((field.name, *field.other_names))
    unknown = values.keys() - known
    if unknown:
        log(
            WARNING,
            "%s ignored parameters it does not declare: %s",
            tool.name,
            ", ".join(sorted(unknown)),
            extra={"tool": tool.name, "ignored_parameters": sorted(unknown)},
        )


def _body_fields(param: ParamSpec, values: dict[str, Any]) -> tuple[Any, int]:
    """An OpenAPI body that *is* a model arrives as its fields, flat (contract section 1).

    Returns the value to convert and how many event values it took.
    """
    names = [name for f in param.type.fields for name in (f.name, *f.other_names)]
    if param.key in values and not any(name in values for name in names):
        return values[param.key], 1
    found = {name: values[name] for name in names if name in values}
    return found, len(found)


def _refusal(param: ParamSpec, exc: CoercionError) -> str:
    detail = f"; {exc.detail}" if exc.detail else ""
    return f"{param.key} must be {exc.expected}, got {_show(exc.got)}{detail}"


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _session_value(tool: ToolSpec, param: ParamSpec, request: Request) -> Any:
    attributes = (
        request.session_attributes
        if param.source is Source.SESSION
        else request.prompt_session_attributes
    )
    kind = "session attribute" if param.source is Source.SESSION else "prompt session attribute"
    raw = attributes.get(param.key)
    if raw is None:
        if param.required:
            raise Failure(
                f"{tool.name} needs the {kind} {param.key!r}, which this session does not "
                "have. The application that calls InvokeAgent must set it."
            )
        return param.default
    try:
        return param.convert(raw)
    except CoercionError as exc:
        raise Failure(
            f"{tool.name} needs the {kind} {param.key!r} to be {exc.expected}; "
            "the application that calls InvokeAgent must set it correctly."
        ) from exc


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
            values = _loggable(event, logged)
            if values:
                fields["parameters"] = values
    target.log(
        level,
        "%s %s in %.1f ms",
        fields["tool"],
        fields["outcome"],
        fields["duration_ms"],
        extra=fields,
    )


def _loggable(event: Mapping[str, Any], names: set[str]) -> dict[str, Any]:
    try:
        values, _ = _event_values(event)
    except BadEvent:
        return {}
    return {name: values[name] for name in names if name in values}


def _attributes(value: Any) -> Mapping[str, str]:
    # Bedrock keeps only str-to-str maps (contract section 1); anything else cannot be echoed.
    if type(value) is dict:
        for key, item in value.items():
            if type(item) is not str or type(key) is not str:
                break
        else:
            return value
    if isinstance(value, Mapping):
        return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}
    return {}
