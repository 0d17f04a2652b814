"""Return of control: run an action group in your own code and answer with a ``sessionState``.

An action group deployed with ``executor=RETURN_CONTROL`` gets no Lambda call: InvokeAgent's
stream yields a ``returnControl`` event instead, and the application runs the tools and sends
their results in the ``sessionState`` of its next InvokeAgent call
(docs/bedrock-agents.md#return-of-control).
``session_state`` does that with the same ``ActionGroup`` (or ``Router``) a Lambda serves: each
invocation input becomes the event Bedrock would have sent the Lambda, goes through
``group.resolve``, and the envelope becomes the result Bedrock expects. So one action group runs
in Lambda or client-side unchanged::

    from agent_tools.return_control import session_state

    agent = {"agentId": AGENT_ID, "agentAliasId": ALIAS_ID, "sessionId": session_id}
    attributes = {"employee_id": "2"}
    state = {"sessionAttributes": attributes}
    response = client.invoke_agent(**agent, inputText=question, sessionState=state)
    for event in response["completion"]:
        if "returnControl" in event:
            state = session_state(app, event, confirm=ask_user, session_attributes=attributes)
            response = client.invoke_agent(**agent, sessionState=state)
            # ...and read this response's stream the same way.

Unlike ``resolve``, this raises on a malformed payload: it runs in the developer's own code,
where an exception is the clearest answer.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal

from ._declare.frozen import Frozen
from .outcome import state_for_status

if TYPE_CHECKING:
    from .app import ActionGroup, Router

__all__ = ["DECLINED", "InvocationType", "ToolCall", "session_state"]

InvocationType = Literal["RESULT", "USER_CONFIRMATION", "USER_CONFIRMATION_AND_RESULT"]
_INVOCATION_TYPES: tuple[InvocationType, ...] = (
    "RESULT",
    "USER_CONFIRMATION",
    "USER_CONFIRMATION_AND_RESULT",
)
_FUNCTION = "functionInvocationInput"
_API = "apiInvocationInput"
_MAX_INPUTS = 5  # InvocationInputs and ReturnControlInvocationResults both hold 1-5 members

DECLINED = "The user declined to run this action."
"""The body sent for a denied ``USER_CONFIRMATION_AND_RESULT`` call, which did not run."""


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


class _Invocation(Frozen):
    """One invocation input, checked: its union member, its fields and the call it asks for."""

    __slots__ = ("call", "fields", "member")
    call: ToolCall
    fields: Mapping[str, Any]
    member: str

    def __init__(self, *, member: str, fields: Mapping[str, Any], call: ToolCall) -> None:
        self._set(member=member, fields=fields, call=call)


def session_state(
    group: ActionGroup | Router,
    payload: Mapping[str, Any],
    *,
    confirm: Callable[[ToolCall], bool] | None = None,
    session_attributes: Mapping[str, str] | None = None,
    prompt_session_attributes: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Run the calls of a ``returnControl`` event and build the next InvokeAgent ``sessionState``.

    Every input is checked before any tool runs, so a malformed payload runs nothing.

    Args:
        group: the action group (or router) whose tools answer the calls.
        payload: the ``returnControl`` member of an InvokeAgent stream event, or the whole
            event.
        confirm: asked before a call that needs the user's confirmation; return ``True`` to
            run it, ``False`` to deny it. Required when the payload asks for a confirmation.
        session_attributes: the session attributes this session has; the tools see them, may
            change them, and the result carries them on.
        prompt_session_attributes: the same for the prompt session attributes.

    Raises:
        ValueError: the payload is malformed, or asks for a confirmation without ``confirm``.
        TypeError: ``confirm`` answered something other than ``True`` or ``False``.
    """
    invocation_id, invocations = _read_payload(payload)
    invocations = [_with_declared_confirmation(group, invocation) for invocation in invocations]
    if confirm is None:
        for invocation in invocations:
            call = invocation.call
            if call.invocation_type != "RESULT":
                raise ValueError(
                    f"{call.name} of action group {call.action_group!r} needs the user's "
                    f"confirmation ({call.invocation_type}): pass confirm= to answer the "
                    "user's confirmation"
                )
    session = dict(session_attributes or {})
    prompt = dict(prompt_session_attributes or {})
    knowledge_bases: dict[Any, dict[str, Any]] = {}
    results: list[dict[str, Any]] = []
    for invocation in invocations:
        call, fields = invocation.call, invocation.fields
        api = invocation.member == _API
        result = _result_head(fields, api)
        confirmation: str | None = None
        if call.invocation_type != "RESULT" and confirm is not None:
            answer = confirm(call)
            if not isinstance(answer, bool):
                raise TypeError(f"confirm must return True or False, got {answer!r}")
            confirmation = "CONFIRM" if answer else "DENY"
            result["confirmationState"] = confirmation
        if call.invocation_type == "USER_CONFIRMATION":
            # Confirmation only: the group runs on Bedrock's side (a Lambda executor with
            # confirmation enabled), and Bedrock runs the call itself once it reads CONFIRM.
            # Running it here too would run it twice, so only the answer is sent, with no
            # body: the model (FunctionResult, ApiResult) requires none. AWS's own client,
            # aws-samples' InlineAgent ProcessROC, answers the same way.
            pass
        elif confirmation == "DENY":
            # The tool does not run. The model requires no body, but the agent should learn
            # why nothing came back; AWS's InlineAgent client sends a body with DENY too.
            result["responseBody"] = _body(DECLINED, api)
        else:
            event = _event(fields, call, api, session, prompt)
            envelope = group.resolve(event)
            session = dict(envelope.get("sessionAttributes", session))
            prompt = dict(envelope.get("promptSessionAttributes", prompt))
            for kb in envelope.get("knowledgeBasesConfiguration") or ():
                knowledge_bases[kb.get("knowledgeBaseId")] = copy.deepcopy(dict(kb))
            result.update(_result_body(envelope["response"], api))
        results.append({"apiResult" if api else "functionResult": result})
    state: dict[str, Any] = {
        "invocationId": invocation_id,
        "returnControlInvocationResults": results,
        "sessionAttributes": session,
        "promptSessionAttributes": prompt,
    }
    if knowledge_bases:
        # A tool's ``knowledgeBasesConfiguration``
        # (docs/bedrock-agents.md#knowledge-base-configuration) is spelled
        # ``knowledgeBaseConfigurations`` in SessionState, with the same members.
        state["knowledgeBaseConfigurations"] = list(knowledge_bases.values())
    return state


def _with_declared_confirmation(
    group: ActionGroup | Router, invocation: _Invocation
) -> _Invocation:
    """The call as the code declares it: a ``confirm=True`` tool is confirmed even when the
    payload says ``RESULT`` (a deployment that drifted from the code, or a forged payload,
    must not run it without the user's consent)."""
    call = invocation.call
    if call.invocation_type != "RESULT" or not _declares_confirm(group, call):
        return invocation
    confirmed = ToolCall(
        **{name: getattr(call, name) for name in ToolCall.__slots__ if name != "invocation_type"},
        invocation_type="USER_CONFIRMATION_AND_RESULT",
    )
    return _Invocation(member=invocation.member, fields=invocation.fields, call=confirmed)


def _declares_confirm(group: ActionGroup | Router, call: ToolCall) -> bool:
    from .app import Router  # at call time, like the annotations: no import cycle to fear

    target = group.groups.get(call.action_group) if isinstance(group, Router) else group
    if target is None:
        return False
    method = (call.http_method or "").upper()
    return any(
        tool.confirm
        and (
            tool.name == call.function
            if call.function is not None
            else (tool.method, tool.path) == (method, call.api_path)
        )
        for tool in target.tools
    )


# -- reading the payload ------------------------------------------------------------------


def _read_payload(payload: Any) -> tuple[str, list[_Invocation]]:
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


def _read_input(index: int, entry: Any) -> _Invocation:
    where = f"invocationInputs[{index}]"
    if not isinstance(entry, Mapping):
        raise ValueError(f"{where} must be a mapping, got {type(entry).__name__}")
    if len(entry) != 1 or next(iter(entry)) not in (_FUNCTION, _API):
        raise ValueError(
            f"{where} must hold exactly one of {_FUNCTION} or {_API}, got keys "
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
    api = member == _API
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
    return _Invocation(member=member, fields=fields, call=call)


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


def _event(
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


def _result_head(fields: Mapping[str, Any], api: bool) -> dict[str, Any]:
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


def _result_body(response: Mapping[str, Any], api: bool) -> dict[str, Any]:
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


def _body(text: str, api: bool) -> dict[str, Any]:
    return {"application/json" if api else "TEXT": {"body": text}}
