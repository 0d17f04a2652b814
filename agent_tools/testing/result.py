"""``ToolResult``: a checked response envelope, read."""

from __future__ import annotations

import json as _json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from agent_tools.outcome import State, state_for_status, status_for_state
from agent_tools.text import shorten

from .contract import check_response

__all__ = ["State", "ToolResult"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ToolResult:
    """What a tool call came to, read from the envelope the handler returned.

    Attributes:
        state: ``SUCCESS``, ``REPROMPT`` or ``FAILURE``; for OpenAPI answers, from the
            status (4xx is ``REPROMPT``, 5xx ``FAILURE``).
        status: the HTTP status; for function-details answers, 200, 400 or 500 by state.
        text: the body, as sent.
        session_attributes: the session attributes the response carries.
        prompt_session_attributes: the prompt session attributes the response carries.
        knowledge_bases: the ``knowledgeBasesConfiguration``, or ``None`` when absent.
        response: the envelope, as returned; for a gateway answer, the error object, or
            ``{}`` on success.
        event: the event that was answered, if known.
        value: a gateway answer as returned (the tool's result, or the error object);
            ``None`` for a Bedrock Agents envelope.
    """

    state: State
    status: int
    text: str
    session_attributes: Mapping[str, str]
    prompt_session_attributes: Mapping[str, str]
    knowledge_bases: Sequence[Mapping[str, Any]] | None
    response: Mapping[str, Any]
    event: Mapping[str, Any] | None
    value: Any = None

    @classmethod
    def from_response(cls, response: Any, *, event: Mapping[str, Any] | None = None) -> ToolResult:
        """Check ``response`` with ``check_response`` and read it.

        Args:
            response: the envelope a handler returned.
            event: the event it answered; without it, the echoes are not checked.

        Raises:
            ContractError: the envelope breaks the contract.
        """
        check_response(event, response)
        answer = response["response"]
        if "httpStatusCode" in answer:
            status = answer["httpStatusCode"]
            state = state_for_status(status)
            (content,) = answer["responseBody"].values()  # one media type, checked above
            text = content["body"]
        else:
            function_response = answer["functionResponse"]
            state = function_response.get("responseState", "SUCCESS")
            status = status_for_state(state)
            text = function_response["responseBody"]["TEXT"]["body"]
        return cls(
            state=state,
            status=status,
            text=text,
            session_attributes=dict(response["sessionAttributes"]),
            prompt_session_attributes=dict(response["promptSessionAttributes"]),
            knowledge_bases=response.get("knowledgeBasesConfiguration"),
            response=response,
            event=event,
        )

    @classmethod
    def from_gateway(cls, answer: Any, *, event: Mapping[str, Any] | None = None) -> ToolResult:
        """Read what a handler answered an AgentCore Gateway call.

        An object of exactly ``error``, ``kind`` and optionally ``reference``, with a kind the
        package writes, is a refusal: ``bad_input`` reads as ``REPROMPT`` (400), ``not_found``
        as ``FAILURE`` (501), ``failure`` as ``FAILURE`` (500). Anything else is the result:
        ``text`` is a string result as is, or the result as compact JSON, as a Classic body.

        Args:
            answer: what the handler returned, after a trip through JSON.
            event: the arguments it answered.
        """
        refusal = _refusal(answer)
        if refusal is not None:
            state, status = refusal
            return cls(
                state=state,
                status=status,
                text=answer["error"],
                session_attributes={},
                prompt_session_attributes={},
                knowledge_bases=None,
                response=answer,
                event=event,
                value=answer,
            )
        text = (
            answer
            if isinstance(answer, str)
            else _json.dumps(answer, ensure_ascii=False, separators=(",", ":"))
        )  # as the package writes a Classic body
        return cls(
            state="SUCCESS",
            status=200,
            text=text,
            session_attributes={},
            prompt_session_attributes={},
            knowledge_bases=None,
            response={},
            event=event,
            value=answer,
        )

    @property
    def ok(self) -> bool:
        """The call succeeded."""
        return self.state == "SUCCESS"

    @property
    def json(self) -> Any:
        """The body parsed as JSON.

        Raises:
            ValueError: the body is not JSON; the message shows its start.
        """
        try:
            return _json.loads(self.text)
        except ValueError as exc:
            shown = shorten(self.text, 200)
            raise ValueError(f"the {self.state} body is not JSON ({exc}): {shown!r}") from exc

    def __repr__(self) -> str:
        shown = shorten(self.text, 80)
        return f"ToolResult(state={self.state!r}, status={self.status}, text={shown!r})"


_REFUSALS: dict[str, tuple[State, int]] = {
    "bad_input": ("REPROMPT", 400),
    "not_found": ("FAILURE", 501),
    "failure": ("FAILURE", 500),
}


def _refusal(answer: Any) -> tuple[State, int] | None:
    if not isinstance(answer, Mapping) or not isinstance(answer.get("error"), str):
        return None
    if not set(answer) <= {"error", "kind", "reference"}:
        return None
    kind = answer.get("kind")
    return _REFUSALS.get(kind) if isinstance(kind, str) else None
