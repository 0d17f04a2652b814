"""``Response``: what a tool returns when it needs more than a body."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

__all__ = ["Response", "ResponseStatus"]

ResponseStatus = Literal["REPROMPT", "FAILURE"] | int | None


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

    __slots__ = (
        "body",
        "knowledge_bases",
        "prompt_session_attributes",
        "session_attributes",
        "status",
    )

    def __init__(
        self,
        body: Any = "",
        *,
        session_attributes: Mapping[str, str | None] | None = None,
        prompt_session_attributes: Mapping[str, str | None] | None = None,
        knowledge_bases: Sequence[Mapping[str, Any]] | None = None,
        status: ResponseStatus = None,
    ) -> None:
        if not (status is None or status in ("REPROMPT", "FAILURE")) and (
            isinstance(status, bool) or not isinstance(status, int) or not 200 <= status <= 599
        ):
            raise ValueError(
                f"Response status must be None, 'REPROMPT', 'FAILURE' or an HTTP code 200-599, "
                f"got {status!r}"
            )
        self.body = body
        self.session_attributes = session_attributes
        self.prompt_session_attributes = prompt_session_attributes
        self.knowledge_bases = knowledge_bases
        self.status = status

    def __repr__(self) -> str:
        return f"Response({self.body!r}, status={self.status!r})"
