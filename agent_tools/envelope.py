"""Bedrock's response envelopes, exactly as contract section 2 gives them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["Outcome", "Request", "api_response", "function_response", "render"]

State = Literal["SUCCESS", "REPROMPT", "FAILURE"]


@dataclass(slots=True, kw_only=True)
class Request:
    """The parts of an event that the envelope echoes."""

    api: bool
    action_group: str
    function: str = ""
    api_path: str = ""
    http_method: str = ""
    session_attributes: Mapping[str, str] = field(default_factory=dict)
    prompt_session_attributes: Mapping[str, str] = field(default_factory=dict)


@dataclass(slots=True, kw_only=True)
class Outcome:
    """What a call came to, before it is written in one of the two envelopes."""

    body: str
    state: State = "SUCCESS"
    status: int = 200
    session_attributes: Mapping[str, str] | None = None
    prompt_session_attributes: Mapping[str, str] | None = None
    knowledge_bases: Sequence[Mapping[str, Any]] | None = None


def render(request: Request, outcome: Outcome) -> dict[str, Any]:
    """Write ``outcome`` in the envelope that matches the event's kind."""
    if request.api:
        return api_response(request, outcome)
    return function_response(request, outcome)


def function_response(request: Request, outcome: Outcome) -> dict[str, Any]:
    function_response: dict[str, Any] = {"responseBody": {"TEXT": {"body": outcome.body}}}
    if outcome.state != "SUCCESS":  # omitted on success (contract section 2)
        function_response = {"responseState": outcome.state, **function_response}
    return _wrap(
        request,
        outcome,
        {
            "actionGroup": request.action_group,
            "function": request.function,
            "functionResponse": function_response,
        },
    )


def api_response(request: Request, outcome: Outcome) -> dict[str, Any]:
    return _wrap(
        request,
        outcome,
        {
            "actionGroup": request.action_group,
            "apiPath": request.api_path,
            "httpMethod": request.http_method,
            "httpStatusCode": outcome.status,
            "responseBody": {"application/json": {"body": outcome.body}},
        },
    )


def _wrap(request: Request, outcome: Outcome, response: dict[str, Any]) -> dict[str, Any]:
    envelope: dict[str, Any] = {
        "messageVersion": "1.0",
        "response": response,
        "sessionAttributes": _or(outcome.session_attributes, request.session_attributes),
        "promptSessionAttributes": _or(
            outcome.prompt_session_attributes, request.prompt_session_attributes
        ),
    }
    if outcome.knowledge_bases is not None:
        envelope["knowledgeBasesConfiguration"] = [dict(kb) for kb in outcome.knowledge_bases]
    return envelope


def _or(changed: Mapping[str, str] | None, incoming: Mapping[str, str]) -> dict[str, str]:
    return dict(incoming if changed is None else changed)
