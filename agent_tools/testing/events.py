"""The events Bedrock Agents send an action-group Lambda, built for tests
(docs/bedrock-agents.md#event-fields).

Values are written by ``format_value`` (``values.py``); ``tool_event`` reads a registered
tool's declaration for the types, the operation and where each value goes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from agent_tools._declare.kinds import json_type
from agent_tools.spec import Kind, Location, ParamSpec, Source, ToolSpec, TypeInfo

from .values import ArrayStyle, format_value, model_fields, value_type

if TYPE_CHECKING:
    from agent_tools.app import ActionGroup

__all__ = [
    "DEFAULT_AGENT",
    "ArrayStyle",
    "BedrockEvents",
    "format_value",
    "function_event",
    "openapi_event",
    "tool_event",
]

DEFAULT_AGENT: Mapping[str, str] = {
    "name": "test-agent",
    "id": "AGENT12345",
    "alias": "TSTALIASID",
    "version": "DRAFT",
}
"""The ``agent`` of built events; pass ``agent=`` to change some of its fields."""


def function_event(
    function: str,
    arguments: Mapping[str, Any] | None = None,
    *,
    action_group: str = "ActionGroup",
    session_attributes: Mapping[str, str] | None = None,
    prompt_session_attributes: Mapping[str, str] | None = None,
    input_text: str = "",
    session_id: str = "test-session",
    agent: Mapping[str, str] | None = None,
    array_style: ArrayStyle = "json",
) -> dict[str, Any]:
    """A function-details event, each argument's ``type`` taken from its value.

    Args:
        function: the function the model calls.
        arguments: parameter name to value; each value is written by ``format_value``.
        action_group: the action group's name as deployed.
        session_attributes: the session's attributes (strings only).
        prompt_session_attributes: this turn's prompt session attributes (strings only).
        input_text: the user's text for this turn.
        session_id: the agent session's id.
        agent: fields of the calling agent that differ from ``DEFAULT_AGENT``.
        array_style: how arrays are written: ``"json"``, ``"bare"`` or ``"java"``.
    """
    return _event(
        {"function": function},
        _entries(arguments, array_style, openapi=False),
        None,
        action_group=action_group,
        session_attributes=session_attributes,
        prompt_session_attributes=prompt_session_attributes,
        input_text=input_text,
        session_id=session_id,
        agent=agent,
    )


def openapi_event(
    api_path: str,
    method: str,
    parameters: Mapping[str, Any] | None = None,
    body: Mapping[str, Any] | None = None,
    *,
    action_group: str = "ActionGroup",
    session_attributes: Mapping[str, str] | None = None,
    prompt_session_attributes: Mapping[str, str] | None = None,
    input_text: str = "",
    session_id: str = "test-session",
    agent: Mapping[str, str] | None = None,
    array_style: ArrayStyle = "json",
) -> dict[str, Any]:
    """An OpenAPI event, each value's ``type`` taken from the value.

    Args:
        api_path: the operation's path *template*, such as ``/claims/{claimId}``: Bedrock
            never sends the substituted path.
        method: the HTTP method; sent in upper case.
        parameters: the path, query and header values, sent flat in ``parameters``.
        body: the request body's properties; ``None`` sends no ``requestBody`` at all.
        action_group: see ``function_event``; so are the other keywords.
    """
    return _event(
        {"apiPath": api_path, "httpMethod": method.upper()},
        _entries(parameters, array_style, openapi=True),
        None if body is None else _entries(body, array_style, openapi=True),
        action_group=action_group,
        session_attributes=session_attributes,
        prompt_session_attributes=prompt_session_attributes,
        input_text=input_text,
        session_id=session_id,
        agent=agent,
    )


def tool_event(
    group: ActionGroup,
    tool_name: str,
    arguments: Mapping[str, Any] | None = None,
    *,
    openapi: bool = False,
    action_group: str | None = None,
    session_attributes: Mapping[str, str] | None = None,
    prompt_session_attributes: Mapping[str, str] | None = None,
    input_text: str = "",
    session_id: str = "test-session",
    agent: Mapping[str, str] | None = None,
    array_style: ArrayStyle = "json",
) -> dict[str, Any]:
    """The event Bedrock sends for a call of one of ``group``'s tools.

    Each ``type`` is the one the tool's schema declares. With ``openapi=True`` the event
    carries the tool's path template and method, its path and query values in
    ``parameters`` and its body values as ``requestBody`` properties; a body that is one
    dataclass or Pydantic parameter is sent as that model's fields, flat, as Bedrock does
    (fields whose value is ``None`` are left out).

    Args:
        group: the action group that declares the tool.
        tool_name: the tool's name, as the model calls it.
        arguments: the values the model fills in, by parameter name; session attributes
            are not arguments (set ``session_attributes``).
        openapi: build an OpenAPI event instead of a function-details one.
        action_group: the deployed name; defaults to ``group.name``. The other keywords
            are ``function_event``'s.

    Raises:
        ValueError: the group has no such tool, or the tool no such parameter.
    """
    tool = find_tool(group, tool_name)
    values = dict(arguments or {})
    check_arguments(tool, values)
    context: dict[str, Any] = {
        "action_group": group.name if action_group is None else action_group,
        "session_attributes": session_attributes,
        "prompt_session_attributes": prompt_session_attributes,
        "input_text": input_text,
        "session_id": session_id,
        "agent": agent,
    }
    given = [p for p in tool.inputs if p.key in values]
    if not openapi:
        entries = [_entry(p.key, values[p.key], _function_type(p.type), array_style) for p in given]
        return _event({"function": tool.name}, entries, None, **context)
    parameters = [
        _entry(p.key, values[p.key], json_type(p.type), array_style)
        for p in given
        if p.location is not Location.BODY
    ]
    body: list[dict[str, str]] | None = None
    if any(p.location is Location.BODY for p in tool.inputs):
        body = []
        for param in given:
            if param.location is Location.BODY:
                body.extend(_body_entries(tool, param, values[param.key], array_style))
    return _event({"apiPath": tool.path, "httpMethod": tool.method}, parameters, body, **context)


class BedrockEvents:
    """The event builders in one object: what the ``bedrock_event`` pytest fixture gives."""

    function_event = staticmethod(function_event)
    openapi_event = staticmethod(openapi_event)
    tool_event = staticmethod(tool_event)
    format_value = staticmethod(format_value)

    def __repr__(self) -> str:
        return "BedrockEvents(function_event, openapi_event, tool_event, format_value)"


# -- building -------------------------------------------------------------------------------


def _event(
    target: dict[str, str],
    parameters: list[dict[str, str]],
    body: list[dict[str, str]] | None,
    *,
    action_group: str,
    session_attributes: Mapping[str, str] | None,
    prompt_session_attributes: Mapping[str, str] | None,
    input_text: str,
    session_id: str,
    agent: Mapping[str, str] | None,
) -> dict[str, Any]:
    # Field order follows docs/bedrock-agents.md#function-details-event, so a printed event reads
    # like AWS's.
    event: dict[str, Any] = {
        "messageVersion": "1.0",
        "agent": {**DEFAULT_AGENT, **(agent or {})},
        "sessionId": session_id,
        "inputText": input_text,
        "actionGroup": action_group,
        **target,
        "parameters": parameters,
    }
    if body is not None:
        event["requestBody"] = {"content": {"application/json": {"properties": body}}}
    event["sessionAttributes"] = _attributes(session_attributes, "session_attributes")
    event["promptSessionAttributes"] = _attributes(
        prompt_session_attributes, "prompt_session_attributes"
    )
    return event


def _attributes(attributes: Mapping[str, str] | None, name: str) -> dict[str, str]:
    # Bedrock keeps only str-to-str maps (docs/bedrock-agents.md#session-attributes): a test must
    # not send others.
    result = dict(attributes or {})
    for key, value in result.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise ValueError(
                f"{name} must map strings to strings, as Bedrock's do; {key!r} maps to "
                f"{type(value).__name__} {value!r}"
            )
    return result


def _entries(
    arguments: Mapping[str, Any] | None, array_style: ArrayStyle, *, openapi: bool
) -> list[dict[str, str]]:
    return [
        _entry(name, value, value_type(value, openapi=openapi), array_style)
        for name, value in (arguments or {}).items()
    ]


def _entry(name: str, value: Any, type_: str, array_style: ArrayStyle) -> dict[str, str]:
    try:
        text = format_value(value, array_style=array_style)
    except (TypeError, ValueError) as exc:
        raise type(exc)(f"parameter {name!r}: {exc}") from exc
    return {"name": name, "type": type_, "value": text}


def _function_type(info: TypeInfo) -> str:
    # As the function schema declares it: an object parameter is a string there.
    return "string" if info.kind is Kind.OBJECT else json_type(info)


def find_tool(group: ActionGroup, tool_name: str) -> ToolSpec:
    """``group``'s tool ``tool_name``; a ``ValueError`` naming the tools it has otherwise."""
    tool = next((t for t in group.tools if t.name == tool_name), None)
    if tool is None:
        known = ", ".join(t.name for t in group.tools) or "none"
        raise ValueError(
            f"action group {group.name!r} has no tool {tool_name!r}; its tools: {known}"
        )
    return tool


def check_arguments(
    tool: ToolSpec, values: Mapping[str, Any], *, trusted: str = "session_attributes"
) -> None:
    """Refuse an argument ``tool`` does not take from the model, naming the ones it does.

    A parameter the tool reads from a trusted place is named with where to set it instead
    (``trusted``: ``session_attributes`` for Bedrock Agents, ``headers`` for the Gateway).
    """
    keys = {p.key for p in tool.inputs}
    unknown = [name for name in values if name not in keys]
    if not unknown:
        return
    message = (
        f"tool {tool.name!r} has no parameter {', '.join(map(repr, unknown))} for the model "
        f"to fill in; its parameters: {', '.join(sorted(keys)) or 'none'}"
    )
    session = [p for p in tool.params if p.name in unknown and p.source is not Source.MODEL]
    if session:
        message += (
            f". {', '.join(p.name for p in session)} is read from the session or the "
            f"context, not from the model's arguments: set {trusted} instead"
        )
    raise ValueError(message)


def _body_entries(
    tool: ToolSpec, param: ParamSpec, value: Any, array_style: ArrayStyle
) -> list[dict[str, str]]:
    if param is not tool.body_model or isinstance(value, str):
        return [_entry(param.key, value, json_type(param.type), array_style)]
    fields = model_fields(value)
    known = {f.name: f for f in param.type.fields}
    unknown = [name for name in fields if name not in known]
    if unknown:
        raise ValueError(
            f"parameter {param.key!r} of tool {tool.name!r}: {param.type.annotation.__name__} "
            f"has no field {', '.join(map(repr, unknown))}; its fields: {', '.join(known)}"
        )
    # Declaration order, as the schema lists the properties.
    return [
        _entry(name, fields[name], json_type(field.type), array_style)
        for name, field in known.items()
        if fields.get(name) is not None
    ]
