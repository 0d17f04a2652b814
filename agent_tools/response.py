"""``Response``: what a tool returns when it needs more than a body."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["Response", "ResponseStatus"]

ResponseStatus = Literal["REPROMPT", "FAILURE"] | int | None


@dataclass(slots=True)
class Response:
    """A tool result with session changes or an explicit status.

    Args:
        body: the result; a ``str`` is sent as is, anything else as JSON.
        session_attributes: updates merged into the session's attributes; a ``None`` value
            removes the key.
        prompt_session_attributes: the same for this turn's prompt session attributes.
        knowledge_bases: ``knowledgeBasesConfiguration`` entries for the rest of the session.
        status: ``None`` for success, ``"REPROMPT"`` or ``"FAILURE"``, or an HTTP status code.
            Codes map to states for function-details events (4xx is ``REPROMPT``, 5xx is
            ``FAILURE``) and states to codes for OpenAPI events (400 and 500).
    """

    body: Any = ""
    session_attributes: Mapping[str, str | None] | None = None
    prompt_session_attributes: Mapping[str, str | None] | None = None
    knowledge_bases: Sequence[Mapping[str, Any]] | None = None
    status: ResponseStatus = None

    def __post_init__(self) -> None:
        status = self.status
        if status is None or status in ("REPROMPT", "FAILURE"):
            return
        if isinstance(status, bool) or not isinstance(status, int) or not 200 <= status <= 599:
            raise ValueError(
                f"Response status must be None, 'REPROMPT', 'FAILURE' or an HTTP code 200-599, "
                f"got {status!r}"
            )
