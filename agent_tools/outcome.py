"""What a call came to: a tool's result, or an exception, as an ``Outcome``.

The mapping that decides who can fix what: bad input and ``Reprompt`` are ``REPROMPT``/4xx,
for the model; ``Failure``, malformed events, unknown tools and anything unexpected are
``FAILURE``/5xx (or 400 for a malformed event), for the people running the Lambda.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .context import Context
from .encode import encode_body
from .envelope import Outcome, Request
from .errors import Failure, Reprompt
from .log import ERROR, WARNING, log
from .response import Response
from .spec import ToolSpec

if TYPE_CHECKING:
    from .app import ActionGroup

__all__ = ["BadEvent", "BadInput", "NotFound", "finish", "outcome_for", "within_limit"]


class BadEvent(Exception):
    """The event is not shaped as Bedrock shapes events; no model retry can fix it."""


class NotFound(Exception):
    """No tool answers to the event's function or operation."""


class BadInput(Exception):
    """The model's input did not convert; the message names every bad parameter."""

    def __init__(self, tool: str, problems: list[str]) -> None:
        super().__init__(
            f"Invalid input for {tool}: "
            + "; ".join(problems)
            + ". Correct these parameters and call again."
        )
        self.message = self.args[0]


def finish(
    group: ActionGroup, tool: ToolSpec, request: Request, result: Any, context: Context | None
) -> Outcome:
    if context is None and not isinstance(result, Response):  # most calls: a plain result
        body = encode_body(result)
        if len(body) * 4 <= group.max_body_bytes:  # small enough whatever its characters
            return Outcome(body)
        return within_limit(group, tool, Outcome(body))
    session = context.session_attributes if context is not None else None
    prompt = context.prompt_session_attributes if context is not None else None
    knowledge_bases = context.knowledge_bases if context is not None else None
    state = "SUCCESS"
    status = 200
    if isinstance(result, Response):
        session = _merge(session, request.session_attributes, result.session_attributes)
        prompt = _merge(prompt, request.prompt_session_attributes, result.prompt_session_attributes)
        if result.knowledge_bases is not None:
            knowledge_bases = [dict(kb) for kb in result.knowledge_bases]
        state, status = _state(result.status)
        result = result.body
    outcome = Outcome(
        body=encode_body(result),
        state=state,  # type: ignore[arg-type]
        status=status,
        session_attributes=_strings(session, "session attribute"),
        prompt_session_attributes=_strings(prompt, "prompt session attribute"),
        knowledge_bases=knowledge_bases,
    )
    set_bytes = _set_attribute_bytes(request, outcome)
    if set_bytes > group.max_body_bytes:
        # Session state a tool sets is sent back beside the body (prompt attributes go into
        # the model's prompt), so it is held to the same limit; the caller's own attributes
        # are echoed as they came.
        log(
            ERROR,
            "%s set %d bytes of session attributes, over the limit of %d; none were sent",
            tool.name,
            set_bytes,
            group.max_body_bytes,
            extra={"tool": tool.name, "attribute_bytes": set_bytes},
        )
        return Outcome(
            body=f"{tool.name} ran, but the session state it set is too large to send back "
            f"({set_bytes} bytes, over the limit of {group.max_body_bytes}); the session keeps "
            "its previous state. Do not retry it now.",
            state="FAILURE",
            status=500,
        )
    return within_limit(group, tool, outcome)


def _set_attribute_bytes(request: Request, outcome: Outcome) -> int:
    """UTF-8 bytes of the attribute maps the tool changed (unchanged ones are an echo)."""
    size = 0
    for sent, came in (
        (outcome.session_attributes, request.session_attributes),
        (outcome.prompt_session_attributes, request.prompt_session_attributes),
    ):
        if sent is not None and sent != came:
            size += sum(len(k.encode()) + len(v.encode()) for k, v in sent.items())
    return size


def within_limit(group: ActionGroup, tool: ToolSpec, outcome: Outcome) -> Outcome:
    """``outcome``, or a REPROMPT saying its body is over ``max_body_bytes``."""
    body = outcome.body
    limit = group.max_body_bytes
    # Four bytes per character at most in UTF-8: encode only bodies that might be too large.
    size = len(body.encode("utf-8")) if len(body) * 4 > limit else len(body)
    if size > limit:
        log(
            WARNING,
            "%s returned %d bytes, over the limit of %d; the model was told to ask for less",
            tool.name,
            size,
            limit,
            extra={"tool": tool.name, "body_bytes": size, "max_body_bytes": limit},
        )
        return Outcome(
            body=(
                f"The result of {tool.name} is too large to return: {size} bytes, "
                f"{size - limit} over the limit of {limit}. "
                "Ask for less, for example with narrower parameters."
            ),
            state="REPROMPT",
            status=413,
        )
    return outcome


def _merge(
    current: dict[str, str] | None,
    incoming: Mapping[str, str],
    changes: Mapping[str, str | None] | None,
) -> dict[str, str] | None:
    if changes is None:
        return current
    merged = dict(incoming) if current is None else current
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged


def _strings(attributes: Mapping[str, Any] | None, kind: str) -> Mapping[str, str] | None:
    if attributes is not None:
        for key, value in attributes.items():
            if not isinstance(key, str) or not isinstance(value, str):
                raise TypeError(
                    f"{kind} {key!r} must map a str to a str, got {type(value).__name__}; "
                    "Bedrock keeps only strings in session attributes"
                )
    return attributes


def _state(status: Any) -> tuple[str, int]:
    if status is None:
        return "SUCCESS", 200
    if status == "REPROMPT":
        return "REPROMPT", 400
    if status == "FAILURE":
        return "FAILURE", 500
    if status < 400:
        return "SUCCESS", status
    return ("REPROMPT" if status < 500 else "FAILURE"), status


def _bounded(message: str, group: ActionGroup) -> str:
    """A tool's own message, cut to ``max_body_bytes``: it may quote a huge input back."""
    limit = group.max_body_bytes
    if len(message) * 4 <= limit:
        return message
    encoded = message.encode("utf-8")
    if len(encoded) <= limit:
        return message
    note = f" [message shortened from {len(encoded)} bytes]"
    kept = encoded[: max(limit - len(note.encode()), 0)].decode("utf-8", errors="ignore")
    return kept + note


def outcome_for(
    exc: Exception, group: ActionGroup, tool: ToolSpec | None, request: Request, lambda_context: Any
) -> Outcome:
    if isinstance(exc, BadInput | Reprompt):
        status = exc.status if isinstance(exc, Reprompt) else 400
        return Outcome(body=_bounded(exc.message, group), state="REPROMPT", status=status)
    if isinstance(exc, Failure):
        return Outcome(body=_bounded(exc.message, group), state="FAILURE", status=exc.status)
    if isinstance(exc, NotFound):
        return Outcome(body=str(exc), state="FAILURE", status=501)
    if isinstance(exc, BadEvent):
        return Outcome(body=f"Malformed event: {exc}.", state="FAILURE", status=400)
    reference = getattr(lambda_context, "aws_request_id", None) or os.urandom(6).hex()
    name = tool.name if tool is not None else "the action group"
    log(
        ERROR,
        "%s raised %s (reference %s)",
        name,
        type(exc).__name__,
        reference,
        exc_info=exc,
        extra={"tool": name, "error_reference": reference},
    )
    return Outcome(
        body=f"{name} failed with an internal error (reference {reference}). "
        "It is not caused by the input; do not retry it now.",
        state="FAILURE",
        status=500,
    )
