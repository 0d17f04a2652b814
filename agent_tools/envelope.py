"""Bedrock's response envelopes, exactly as contract section 2 gives them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

__all__ = ["Outcome", "Request", "api_response", "function_response", "render"]

State = Literal["SUCCESS", "REPROMPT", "FAILURE"]


_EMPTY: Mapping[str, str] = {}


class Request:
    """The parts of an event that the envelope echoes. Built once per event."""

    __slots__ = (
        "action_group",
        "api",
        "api_path",
        "function",
        "http_method",
        "prompt_session_attributes",
        "session_attributes",
    )

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
        self.api = api
        self.action_group = action_group
        self.function = function
        self.api_path = api_path
        self.http_method = http_method
        self.session_attributes = session_attributes
        self.prompt_session_attributes = prompt_session_attributes


class Outcome:
    """What a call came to, before it is written in one of the two envelopes."""

    __slots__ = (
        "body",
        "knowledge_bases",
        "prompt_session_attributes",
        "session_attributes",
        "state",
        "status",
    )

    def __init__(
        self,
        body: str,
        state: State = "SUCCESS",
        status: int = 200,
        session_attributes: Mapping[str, str] | None = None,
        prompt_session_attributes: Mapping[str, str] | None = None,
        knowledge_bases: Sequence[Mapping[str, Any]] | None = None,
    ) -> None:
        self.body = body
        self.state = state
        self.status = status
        self.session_attributes = session_attributes
        self.prompt_session_attributes = prompt_session_attributes
        self.knowledge_bases = knowledge_bases


def render(
    request: Request, outcome: Outcome, error_media_type: str = "application/json"
) -> dict[str, Any]:
    """Write ``outcome`` in the envelope that matches the event's kind.

    ``error_media_type`` is the content type of an OpenAPI answer's body from status 400.
    """
    if request.api:
        return api_response(request, outcome, error_media_type)
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


def api_response(
    request: Request, outcome: Outcome, error_media_type: str = "application/json"
) -> dict[str, Any]:
    media_type = error_media_type if outcome.status >= 400 else "application/json"
    return _wrap(
        request,
        outcome,
        {
            "actionGroup": request.action_group,
            "apiPath": request.api_path,
            "httpMethod": request.http_method,
            "httpStatusCode": outcome.status,
            "responseBody": {media_type: {"body": outcome.body}},
        },
    )


def _wrap(request: Request, outcome: Outcome, response: dict[str, Any]) -> dict[str, Any]:
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
