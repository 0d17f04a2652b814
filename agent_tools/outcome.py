"""What a call came to, defined once: every runtime, the test kit, return of control and the
CLI read it.

Four kinds, each with the Classic state and HTTP status it is written as:

========== ============ ====== ==============================================================
kind       state        status who can fix it
========== ============ ====== ==============================================================
success    ``SUCCESS``  2xx    nobody needs to
bad input  ``REPROMPT`` 4xx    the model, by correcting its call
not found  ``FAILURE``  501    the deployment: no tool answers to that name or operation
failure    ``FAILURE``  5xx    the people running the tool; the model should not retry now
========== ============ ====== ==============================================================

``docs/bedrock-agents.md`` and ``docs/agentcore-gateway.md`` describe how each platform
writes them.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from .text import shorten

__all__ = [
    "Outcome",
    "OutcomeKind",
    "State",
    "kind_for_status",
    "state_for_status",
    "status_for_state",
]

State = Literal["SUCCESS", "REPROMPT", "FAILURE"]


class OutcomeKind(enum.Enum):
    """Who can fix what a call came to."""

    SUCCESS = "success"
    BAD_INPUT = "bad_input"
    NOT_FOUND = "not_found"
    FAILURE = "failure"

    @property
    def state(self) -> State:
        """The Classic ``responseState`` this kind is written as."""
        return _STATES[self]


_STATES: dict[OutcomeKind, State] = {
    OutcomeKind.SUCCESS: "SUCCESS",
    OutcomeKind.BAD_INPUT: "REPROMPT",
    OutcomeKind.NOT_FOUND: "FAILURE",
    OutcomeKind.FAILURE: "FAILURE",
}


def state_for_status(status: int) -> State:
    """The state an HTTP status stands for: 4xx is ``REPROMPT``, 5xx ``FAILURE``."""
    if status >= 500:
        return "FAILURE"
    if status >= 400:
        return "REPROMPT"
    return "SUCCESS"


def status_for_state(state: str) -> int:
    """The status a state is written as where only a state was given: 200, 400 or 500."""
    return 500 if state == "FAILURE" else 400 if state == "REPROMPT" else 200


def kind_for_status(status: int) -> OutcomeKind:
    """The kind an HTTP status stands for; 501 is an unknown tool or operation."""
    if status == 501:
        return OutcomeKind.NOT_FOUND
    if status >= 500:
        return OutcomeKind.FAILURE
    if status >= 400:
        return OutcomeKind.BAD_INPUT
    return OutcomeKind.SUCCESS


class Outcome:
    """What a call came to, before a runtime writes it in its platform's answer.

    Attributes:
        kind: success, bad input, not found or failure.
        body: the text the model reads: the result as JSON (a ``str`` result as is), or the
            message that says what went wrong.
        status: the HTTP status, in the range that ``kind`` stands for.
        value: the tool's result before it was written as ``body`` (success only).
        reference: the id an internal error was logged under, for the people running it.
        session_attributes: the session attributes to send back, or ``None`` to echo.
        prompt_session_attributes: likewise for prompt session attributes.
        knowledge_bases: knowledge base configurations to send back, if the tool set any.
    """

    __slots__ = (
        "body",
        "kind",
        "knowledge_bases",
        "prompt_session_attributes",
        "reference",
        "session_attributes",
        "status",
        "value",
    )

    def __init__(
        self,
        body: str,
        kind: OutcomeKind = OutcomeKind.SUCCESS,
        status: int = 200,
        value: Any = None,
        *,
        reference: str | None = None,
        session_attributes: Mapping[str, str] | None = None,
        prompt_session_attributes: Mapping[str, str] | None = None,
        knowledge_bases: Sequence[Mapping[str, Any]] | None = None,
    ) -> None:
        self.body = body
        self.kind = kind
        self.status = status
        self.value = value
        self.reference = reference
        self.session_attributes = session_attributes
        self.prompt_session_attributes = prompt_session_attributes
        self.knowledge_bases = knowledge_bases

    @property
    def state(self) -> State:
        """The Classic ``responseState``: ``SUCCESS``, ``REPROMPT`` or ``FAILURE``."""
        return _STATES[self.kind]

    @property
    def ok(self) -> bool:
        return self.kind is OutcomeKind.SUCCESS

    def __repr__(self) -> str:
        shown = shorten(self.body, 60)
        return f"Outcome({self.kind.value}, status={self.status}, body={shown!r})"
