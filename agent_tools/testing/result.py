"""``ToolResult``: a checked response envelope, read."""

from __future__ import annotations

import json as _json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .contract import check_response

__all__ = ["State", "ToolResult"]

State = Literal["SUCCESS", "REPROMPT", "FAILURE"]

# How the framework maps states and codes (agent_tools.outcome), used here both ways.
_STATUS: dict[str, int] = {"SUCCESS": 200, "REPROMPT": 400, "FAILURE": 500}


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
        response: the envelope, as returned.
        event: the event that was answered, if known.
    """

    state: State
    status: int
    text: str
    session_attributes: Mapping[str, str]
    prompt_session_attributes: Mapping[str, str]
    knowledge_bases: Sequence[Mapping[str, Any]] | None
    response: Mapping[str, Any]
    event: Mapping[str, Any] | None

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
            state: State = "SUCCESS" if status < 400 else "REPROMPT" if status < 500 else "FAILURE"
            (content,) = answer["responseBody"].values()  # one media type, checked above
            text = content["body"]
        else:
            function_response = answer["functionResponse"]
            state = function_response.get("responseState", "SUCCESS")
            status = _STATUS[state]
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
            shown = self.text if len(self.text) <= 200 else self.text[:197] + "..."
            raise ValueError(f"the {self.state} body is not JSON ({exc}): {shown!r}") from exc

    def __repr__(self) -> str:
        shown = self.text if len(self.text) <= 80 else self.text[:77] + "..."
        return f"ToolResult(state={self.state!r}, status={self.status}, text={shown!r})"
