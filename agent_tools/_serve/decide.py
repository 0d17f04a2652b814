"""What a call came to: a tool's result, or an exception, as an ``Outcome``.

Who can fix what (``agent_tools.outcome``): bad input and ``Reprompt`` are bad input, for the
model; ``Failure``, malformed requests and anything unexpected are failures, for the people
running the tool; a name no tool answers to is not found.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any

from agent_tools._declare.spec import ToolSpec
from agent_tools.context import Context
from agent_tools.errors import Failure, Reprompt
from agent_tools.outcome import Outcome, OutcomeKind, kind_for_status
from agent_tools.response import Response

from .encode import encode_body, encode_plain, is_plain
from .log import ERROR, WARNING, log

__all__ = [
    "BadInput",
    "BadRequest",
    "NotFound",
    "PlainOutcome",
    "finish",
    "outcome_for",
    "within_limit",
]

_SUCCESS = OutcomeKind.SUCCESS


class BadRequest(Exception):
    """The request is not shaped as its platform shapes requests; no model retry can fix it."""


class NotFound(Exception):
    """No tool answers to the request's name or operation."""

    @classmethod
    def tool(cls, name: object, known: Iterable[str]) -> NotFound:
        """No tool of the called name; the message lists the ones there are."""
        return cls(f"There is no tool {name!r:.100}; the tools are {', '.join(known)}.")


class BadInput(Exception):
    """The model's input did not convert; the message names every bad parameter."""

    def __init__(self, tool: str, problems: list[str]) -> None:
        super().__init__(
            f"Invalid input for {tool}: "
            + "; ".join(problems)
            + ". Correct these parameters and call again."
        )
        self.message = self.args[0]


class PlainOutcome(Outcome):
    """A success whose ``value`` is plain JSON data (``encode.is_plain``): a runtime that
    sends the result as data (a gateway) sends ``value`` as it is, without checking again."""

    __slots__ = ()


def finish(
    tool: ToolSpec,
    result: Any,
    context: Context | None,
    session_attributes: Mapping[str, str],
    prompt_session_attributes: Mapping[str, str],
    max_body_bytes: int,
) -> Outcome:
    """The outcome of a tool that returned ``result``."""
    if context is None and not isinstance(result, Response):  # most calls: a plain result
        if is_plain(result):
            outcome: Outcome = PlainOutcome(encode_plain(result), _SUCCESS, 200, result)
        else:
            outcome = Outcome(encode_body(result), _SUCCESS, 200, result)
        if len(outcome.body) * 4 <= max_body_bytes:  # small enough whatever its characters
            return outcome
        return within_limit(tool.name, outcome, max_body_bytes)
    session = context.session_attributes if context is not None else None
    prompt = context.prompt_session_attributes if context is not None else None
    knowledge_bases = context.knowledge_bases if context is not None else None
    kind, status = _SUCCESS, 200
    if isinstance(result, Response):
        session = _merge(session, session_attributes, result.session_attributes)
        prompt = _merge(prompt, prompt_session_attributes, result.prompt_session_attributes)
        if result.knowledge_bases is not None:
            knowledge_bases = [dict(kb) for kb in result.knowledge_bases]
        kind, status = _kind(result.status)
        result = result.body
    outcome = Outcome(
        encode_body(result),
        kind,
        status,
        value=result,
        session_attributes=_strings(session, "session attribute"),
        prompt_session_attributes=_strings(prompt, "prompt session attribute"),
        knowledge_bases=knowledge_bases,
    )
    set_bytes = _set_attribute_bytes(outcome, session_attributes, prompt_session_attributes)
    if set_bytes > max_body_bytes:
        # Session state a tool sets is sent back beside the body (prompt attributes go into
        # the model's prompt), so it is held to the same limit; the caller's own attributes
        # are echoed as they came.
        log(
            ERROR,
            "%s set %d bytes of session attributes, over the limit of %d; none were sent",
            tool.name,
            set_bytes,
            max_body_bytes,
            extra={"tool": tool.name, "attribute_bytes": set_bytes},
        )
        return Outcome(
            f"{tool.name} ran, but the session state it set is too large to send back "
            f"({set_bytes} bytes, over the limit of {max_body_bytes}); the session keeps "
            "its previous state. Do not retry it now.",
            OutcomeKind.FAILURE,
            500,
        )
    return within_limit(tool.name, outcome, max_body_bytes)


def _set_attribute_bytes(
    outcome: Outcome, session: Mapping[str, str], prompt: Mapping[str, str]
) -> int:
    """UTF-8 bytes of the attribute maps the tool changed (unchanged ones are an echo)."""
    size = 0
    for sent, came in (
        (outcome.session_attributes, session),
        (outcome.prompt_session_attributes, prompt),
    ):
        if sent is not None and sent != came:
            size += sum(len(k.encode()) + len(v.encode()) for k, v in sent.items())
    return size


def within_limit(tool: str, outcome: Outcome, max_body_bytes: int) -> Outcome:
    """``outcome``, or bad input saying its body is over ``max_body_bytes``."""
    body = outcome.body
    # Four bytes per character at most in UTF-8: encode only bodies that might be too large.
    size = len(body.encode("utf-8")) if len(body) * 4 > max_body_bytes else len(body)
    if size <= max_body_bytes:
        return outcome
    log(
        WARNING,
        "%s returned %d bytes, over the limit of %d; the model was told to ask for less",
        tool,
        size,
        max_body_bytes,
        extra={"tool": tool, "body_bytes": size, "max_body_bytes": max_body_bytes},
    )
    return Outcome(
        f"The result of {tool} is too large to return: {size} bytes, "
        f"{size - max_body_bytes} over the limit of {max_body_bytes}. "
        "Ask for less, for example with narrower parameters.",
        OutcomeKind.BAD_INPUT,
        413,
    )


def outcome_for(
    exc: BaseException, tool: str | None, max_body_bytes: int, lambda_context: Any
) -> Outcome:
    """The outcome of a call that raised ``exc``; unexpected errors are logged, never shown."""
    if isinstance(exc, BadInput | Reprompt):
        status = exc.status if isinstance(exc, Reprompt) else 400
        return Outcome(_bounded(exc.message, max_body_bytes), OutcomeKind.BAD_INPUT, status)
    if isinstance(exc, Failure):
        return Outcome(_bounded(exc.message, max_body_bytes), OutcomeKind.FAILURE, exc.status)
    if isinstance(exc, NotFound):
        return Outcome(str(exc), OutcomeKind.NOT_FOUND, 501)
    if isinstance(exc, BadRequest):
        return Outcome(f"Malformed event: {exc}.", OutcomeKind.FAILURE, 400)
    reference = getattr(lambda_context, "aws_request_id", None) or os.urandom(6).hex()
    name = tool if tool is not None else "the action group"
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
        f"{name} failed with an internal error (reference {reference}). "
        "It is not caused by the input; do not retry it now.",
        OutcomeKind.FAILURE,
        500,
        reference=reference,
    )


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


def _kind(status: Any) -> tuple[OutcomeKind, int]:
    if status is None:
        return _SUCCESS, 200
    if status == "REPROMPT":
        return OutcomeKind.BAD_INPUT, 400
    if status == "FAILURE":
        return OutcomeKind.FAILURE, 500
    return kind_for_status(status), status


def _bounded(message: str, limit: int) -> str:
    """A tool's own message, cut to ``limit`` bytes: it may quote a huge input back."""
    if len(message) * 4 <= limit:
        return message
    encoded = message.encode("utf-8")
    if len(encoded) <= limit:
        return message
    note = f" [message shortened from {len(encoded)} bytes]"
    kept = encoded[: max(limit - len(note.encode()), 0)].decode("utf-8", errors="ignore")
    return kept + note
