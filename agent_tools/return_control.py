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
from typing import TYPE_CHECKING, Any

from ._runtimes.return_of_control import (
    API,
    Invocation,
    InvocationType,
    ToolCall,
    body,
    event_for,
    read_payload,
    result_body,
    result_head,
)

if TYPE_CHECKING:
    from .app import ActionGroup
    from .router import Router

__all__ = ["DECLINED", "InvocationType", "ToolCall", "session_state"]

DECLINED = "The user declined to run this action."
"""The body sent for a denied ``USER_CONFIRMATION_AND_RESULT`` call, which did not run."""


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
    invocation_id, invocations = read_payload(payload)
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
        api = invocation.member == API
        result = result_head(fields, api)
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
            result["responseBody"] = body(DECLINED, api)
        else:
            event = event_for(fields, call, api, session, prompt)
            envelope = group.resolve(event)
            session = dict(envelope.get("sessionAttributes", session))
            prompt = dict(envelope.get("promptSessionAttributes", prompt))
            for kb in envelope.get("knowledgeBasesConfiguration") or ():
                knowledge_bases[kb.get("knowledgeBaseId")] = copy.deepcopy(dict(kb))
            result.update(result_body(envelope["response"], api))
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


def _with_declared_confirmation(group: ActionGroup | Router, invocation: Invocation) -> Invocation:
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
    return Invocation(member=invocation.member, fields=invocation.fields, call=confirmed)


def _declares_confirm(group: ActionGroup | Router, call: ToolCall) -> bool:
    from .router import Router  # at call time, like the annotations: no import cycle to fear

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
