"""Bedrock Agents' return of control, read and written: ``returnControl`` payloads in,
``returnControlInvocationResults`` out (docs/bedrock-agents.md#return-of-control).

Each invocation input becomes the event Bedrock would have sent a Lambda, so the group answers
it through its Classic runtime; its envelope becomes the result Bedrock expects.
``agent_tools.return_control.session_state`` drives it.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any, Literal

from agent_tools._declare.frozen import Frozen
from agent_tools.outcome import state_for_status

__all__ = [
    "API",
    "FUNCTION",
    "Invocation",
    "InvocationType",
    "ToolCall",
    "body",
    "event_for",
    "read_payload",
    "result_body",
    "result_head",
]

InvocationType = Literal["RESULT", "USER_CONFIRMATION", "USER_CONFIRMATION_AND_RESULT"]
_INVOCATION_TYPES: tuple[InvocationType, ...] = (
    "RESULT",
    "USER_CONFIRMATION",
    "USER_CONFIRMATION_AND_RESULT",
)
FUNCTION = "functionInvocationInput"
API = "apiInvocationInput"
_MAX_INPUTS = 5  # InvocationInputs and ReturnControlInvocationResults both hold 1-5 members


class ToolCall(Frozen):
    """One call the agent wants to make, as ``confirm`` sees it.

    Attributes:
        action_group: the action group's name as deployed.
        function: the function's name (function-details groups), else ``None``.
        api_path: the operation's path template (OpenAPI groups), else ``None``.
        http_method: the operation's method as Bedrock sent it (lower case), else ``None``.
        arguments: the model's values by name, all strings: parameters, then request body
            properties.
        invocation_type: ``USER_CONFIRMATION_AND_RESULT`` or ``USER_CONFIRMATION`` when
            ``confirm`` is asked; ``RESULT`` otherwise.
        agent_id: the agent that asked, in multi-agent setups.
        collaborator_name: the collaborator that asked, in multi-agent setups.
    """

    __slots__ = (
        "action_group",
        "agent_id",
        "api_path",
        "arguments",
        "collaborator_name",
        "function",
        "http_method",
        "invocation_type",
    )
    action_group: str
    agent_id: str | None
    api_path: str | None
    arguments: Mapping[str, str]
    collaborator_name: str | None
    function: str | None
    http_method: str | None
    invocation_type: InvocationType

    def __init__(
        self,
        *,
        action_group: str,
        arguments: Mapping[str, str],
        invocation_type: InvocationType = "RESULT",
        function: str | None = None,
        api_path: str | None = None,
        http_method: str | None = None,
        agent_id: str | None = None,
        collaborator_name: str | None = None,
    ) -> None:
        self._set(
            action_group=action_group,
            agent_id=agent_id,
            api_path=api_path,
            arguments=dict(arguments),
            collaborator_name=collaborator_name,
            function=function,
            http_method=http_method,
            invocation_type=invocation_type,
        )

    @property
    def name(self) -> str:
        """The function's name, or ``METHOD /path`` for an operation."""
        if self.function is not None:
            return self.function
        return f"{(self.http_method or '').upper()} {self.api_path}"

    def __hash__(self) -> int:
        fields = self._fields()
        return hash(
            (type(self), *(frozenset(f.items()) if isinstance(f, dict) else f for f in fields))
        )


class Invocation(Frozen):
    """One invocation input, checked: its union member, its fields and the call it asks for."""

    __slots__ = ("call", "fields", "member")
    call: ToolCall
    fields: Mapping[str, Any]
    member: str

    def __init__(self, *, member: str, fields: Mapping[str, Any], call: ToolCall) -> None:
        self._set(member=member, fields=fields, call=call)


# -- reading the payload ------------------------------------------------------------------


def read_payload(payload: Any) -> tuple[str, list[Invocation]]:
    if not isinstance(payload, Mapping):
        raise ValueError(
            f"expected the returnControl payload as a mapping, got {type(payload).__name__}"
        )
    if "returnControl" in payload and "invocationInputs" not in payload:
        payload = payload["returnControl"]
        if not isinstance(payload, Mapping):
            raise ValueError(f"returnControl must be a mapping, got {type(payload).__name__}")
    invocation_id = payload.get("invocationId")
    if not isinstance(invocation_id, str) or not invocation_id:
        raise ValueError(
            "the returnControl payload has no invocationId (got "
            f"{invocation_id!r}); pass the returnControl member of the InvokeAgent stream event"
        )
    inputs = payload.get("invocationInputs")
    if not isinstance(inputs, list | tuple) or not inputs:
        raise ValueError(
            f"the returnControl payload {invocation_id!r} has no invocationInputs (got "
            f"{inputs!r}); Bedrock sends 1 to {_MAX_INPUTS}"
        )
    if len(inputs) > _MAX_INPUTS:
        raise ValueError(
            f"the returnControl payload {invocation_id!r} has {len(inputs)} invocationInputs; "
            f"Bedrock sends at most {_MAX_INPUTS} and accepts at most {_MAX_INPUTS} results"
        )
    return invocation_id, [_read_input(index, entry) for index, entry in enumerate(inputs)]


def _read_input(index: int, entry: Any) -> Invocation:
    where = f"invocationInputs[{index}]"
    if not isinstance(entry, Mapping):
        raise ValueError(f"{where} must be a mapping, got {type(entry).__name__}")
    if len(entry) != 1 or next(iter(entry)) not in (FUNCTION, API):
        raise ValueError(
            f"{where} must hold exactly one of {FUNCTION} or {API}, got keys "
            f"{sorted(map(str, entry))}"
        )
    member = next(iter(entry))
    fields = entry[member]
    where = f"{where}.{member}"
    if not isinstance(fields, Mapping):
        raise ValueError(f"{where} must be a mapping, got {type(fields).__name__}")
    invocation_type = fields.get("actionInvocationType", "RESULT")
    if invocation_type not in _INVOCATION_TYPES:
        raise ValueError(
            f"{where}.actionInvocationType must be one of {', '.join(_INVOCATION_TYPES)}, "
            f"got {invocation_type!r}"
        )
    api = member == API
    call = ToolCall(
        action_group=_text(fields, "actionGroup", where),
        function=None if api else _text(fields, "function", where),
        api_path=_text(fields, "apiPath", where) if api else None,
        http_method=_text(fields, "httpMethod", where) if api else None,
        arguments=_arguments(fields, where),
        invocation_type=invocation_type,
        agent_id=_optional_text(fields, "agentId", where),
        collaborator_name=_optional_text(fields, "collaboratorName", where),
    )
    return Invocation(member=member, fields=fields, call=call)


def _text(fields: Mapping[str, Any], key: str, where: str) -> str:
    value = fields.get(key)
    if not isinstance(value, str) or not value:
        raise ValueError(f"{where}.{key} must be a non-empty string, got {value!r}")
    return value


def _optional_text(fields: Mapping[str, Any], key: str, where: str) -> str | None:
    return _text(fields, key, where) if fields.get(key) is not None else None


def _arguments(fields: Mapping[str, Any], where: str) -> dict[str, str]:
    arguments: dict[str, str] = {}
    _named_values(fields.get("parameters"), f"{where}.parameters", arguments)
    body = fields.get("requestBody")
    if body is not None:
        content = body.get("content") if isinstance(body, Mapping) else None
        if not isinstance(content, Mapping):
            raise ValueError(
                f"{where}.requestBody must be {{content: {{<media type>: {{properties: "
                f"[...]}}}}}}, got {body!r}"
            )
        for media_type, properties in content.items():
            part = f"{where}.requestBody.content[{media_type!r}]"
            if not isinstance(properties, Mapping):
                raise ValueError(f"{part} must be {{properties: [...]}}, got {properties!r}")
            _named_values(properties.get("properties"), f"{part}.properties", arguments)
    return arguments


def _named_values(entries: Any, where: str, arguments: dict[str, str]) -> None:
    if entries is None:
        return
    if not isinstance(entries, list | tuple):
        raise ValueError(f"{where} must be a list of {{name, type, value}}, got {entries!r}")
    for index, entry in enumerate(entries):
        name = entry.get("name") if isinstance(entry, Mapping) else None
        value = entry.get("value") if isinstance(entry, Mapping) else None
        if not isinstance(name, str) or not isinstance(value, str):
            raise ValueError(
                f"{where}[{index}] must be {{name, type, value}} with string name and value, "
                f"got {entry!r}"
            )
        arguments.setdefault(name, value)


# -- the Lambda event and the result --------------------------------------------------------


def event_for(
    fields: Mapping[str, Any],
    call: ToolCall,
    api: bool,
    session: Mapping[str, str],
    prompt: Mapping[str, str],
) -> dict[str, Any]:
    """The event Bedrock would have sent a Lambda for this input.

    See docs/bedrock-agents.md#event-fields.
    """
    event: dict[str, Any] = {"messageVersion": "1.0", "actionGroup": call.action_group}
    if call.agent_id is not None:
        event["agent"] = {"id": call.agent_id}  # all a return-of-control payload tells of it
    if api:
        event["apiPath"] = call.api_path
        # Upper case in Lambda events, lower case in return-of-control payloads
        # (docs/bedrock-agents.md#openapi-event).
        event["httpMethod"] = (call.http_method or "").upper()
    else:
        event["function"] = call.function
    event["parameters"] = copy.deepcopy(list(fields.get("parameters") or ()))
    if api and fields.get("requestBody") is not None:
        # ApiInvocationInput.requestBody (ApiRequestBody: content -> media type ->
        # PropertyParameters.properties) is the Lambda event's requestBody, spelled the same.
        event["requestBody"] = copy.deepcopy(dict(fields["requestBody"]))
    event["sessionAttributes"] = dict(session)
    event["promptSessionAttributes"] = dict(prompt)
    return event


def result_head(fields: Mapping[str, Any], api: bool) -> dict[str, Any]:
    """The members that name the call, echoed as received.

    ``collaboratorName`` is not among them: FunctionResult and ApiResult have no such member.
    """
    result: dict[str, Any] = {"actionGroup": fields["actionGroup"]}
    if fields.get("agentId") is not None:
        result["agentId"] = fields["agentId"]
    if api:
        result["apiPath"] = fields["apiPath"]
        result["httpMethod"] = fields["httpMethod"]
    else:
        result["function"] = fields["function"]
    return result


def result_body(response: Mapping[str, Any], api: bool) -> dict[str, Any]:
    """``responseBody`` and the state of an envelope's ``response``, as result members."""
    if not api:
        function_response = response["functionResponse"]
        members: dict[str, Any] = {}
        if "responseState" in function_response:
            members["responseState"] = function_response["responseState"]
        members["responseBody"] = copy.deepcopy(dict(function_response["responseBody"]))
        return members
    status: int = response["httpStatusCode"]
    members = {"httpStatusCode": status}
    # ApiResult, unlike the Lambda's OpenAPI response, has a responseState; the status carries
    # it back (agent_tools.outcome: 4xx is REPROMPT, 5xx FAILURE).
    state = state_for_status(status)
    if state != "SUCCESS":
        members["responseState"] = state
    members["responseBody"] = copy.deepcopy(dict(response["responseBody"]))
    return members


def body(text: str, api: bool) -> dict[str, Any]:
    return {"application/json" if api else "TEXT": {"body": text}}
