"""Calling the old handler within the time left, and turning its envelope into a Gateway answer.

Success gives the response body (parsed when it is JSON); ``REPROMPT`` or a 4xx gives a
``bad_input`` error with the handler's text; ``FAILURE``, a 5xx, a raise, a timeout or a
malformed envelope gives a failure naming only a reference, logged with the cause
(``docs/migration.md#the-bridge``).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Mapping
from typing import Any

from agent_tools._runtimes import gateway
from agent_tools._serve.log import ERROR, WARNING, log
from agent_tools.outcome import OutcomeKind

__all__ = ["Handler", "Overran", "answer", "call_within", "failure", "time_limit"]

_MISSING_TEXT = object()

Handler = Callable[[Any, Any], Any]


class Overran(Exception):
    """The old handler did not answer in the time left."""


def time_limit(context: Any, reserve_ms: int, timeout: float | None) -> float | None:
    """Seconds the old handler may take: the Lambda's time left less ``reserve_ms``, at most
    ``timeout``; ``None`` for no limit."""
    remaining = getattr(context, "get_remaining_time_in_millis", None)
    limit = timeout
    if callable(remaining):
        try:
            left = (float(remaining()) - reserve_ms) / 1000
        except (TypeError, ValueError):
            left = None
        if left is not None:
            limit = max(left, 0.0) if limit is None else min(limit, max(left, 0.0))
    return limit


def call_within(handler: Handler, event: dict[str, Any], context: Any, limit: float | None) -> Any:
    """The old handler's answer, or ``Overran`` once ``limit`` seconds have passed."""
    if limit is None:
        return handler(event, context)
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append((True, handler(event, context)))
        except BaseException as exc:
            outcome.append((False, exc))

    worker = threading.Thread(target=run, name="classic-handler", daemon=True)
    worker.start()
    worker.join(limit)
    if not outcome:
        raise Overran
    ok, value = outcome[0]
    if not ok:
        raise value
    return value


def answer(name: str, reference: str, envelope: Any) -> Any:
    """What the Gateway returns to the model for the old handler's ``envelope``."""
    state, body = _read_envelope(envelope)
    if state == "MALFORMED":
        return failure(name, reference, "answered with no valid envelope: %s", body)
    if state == "FAILURE":
        log(WARNING, "%s answered FAILURE (reference %s): %s", name, reference, body)
        return _failed(name, reference)
    if state == "REPROMPT":
        return gateway.error_answer(body, OutcomeKind.BAD_INPUT)
    try:
        return json.loads(body)
    except ValueError:
        return body


def _read_envelope(envelope: Any) -> tuple[str, str]:
    """``(state, body)``: SUCCESS, REPROMPT, FAILURE, or MALFORMED with what is wrong."""
    response = envelope.get("response") if isinstance(envelope, Mapping) else None
    if not isinstance(response, Mapping):
        return "MALFORMED", f"no 'response' object in {type(envelope).__name__}"
    function_response = response.get("functionResponse")
    if isinstance(function_response, Mapping):
        body = _body_text(function_response.get("responseBody"), "TEXT")
        if body is _MISSING_TEXT:
            return "MALFORMED", "functionResponse.responseBody.TEXT.body is not a string"
        state = function_response.get("responseState")
        if state not in (None, "REPROMPT", "FAILURE"):
            return "MALFORMED", f"unknown responseState {state!r}"
        return state or "SUCCESS", str(body)
    status = response.get("httpStatusCode", 200)
    if isinstance(status, str) and status.isdigit():
        status = int(status)
    if isinstance(status, bool) or not isinstance(status, int):
        return "MALFORMED", "httpStatusCode is not a number"
    body = _body_text(response.get("responseBody"), None)
    if body is _MISSING_TEXT:
        return "MALFORMED", "responseBody has no content type with a string body"
    if status >= 500:
        return "FAILURE", str(body)
    if status >= 400:
        return "REPROMPT", str(body)
    return "SUCCESS", str(body)


def _body_text(response_body: Any, key: str | None) -> object:
    if not isinstance(response_body, Mapping) or not response_body:
        return _MISSING_TEXT
    content = response_body.get(key) if key else next(iter(response_body.values()))
    body = content.get("body") if isinstance(content, Mapping) else None
    return body if isinstance(body, str) else _MISSING_TEXT


def _failed(name: str, reference: str) -> dict[str, Any]:
    return gateway.error_answer(
        f"{name} failed with an internal error (reference {reference}). "
        "It is not caused by the input; do not retry it now.",
        OutcomeKind.FAILURE,
        reference,
    )


def failure(name: str, reference: str, what: str, *args: Any, exc: Any = None) -> Any:
    """Log why ``name`` failed under ``reference``; answer with the reference only."""
    log(
        ERROR,
        f"%s {what} (reference %s)",
        name,
        *args,
        reference,
        exc_info=exc,
        extra={"tool": name, "error_reference": reference},
    )
    return _failed(name, reference)
