"""The DynamoDB client the store uses, and what its calls' failures mean.

Every call is bounded: a connection within 1 s, an answer within 2 s, 3 attempts at most
(botocore's standard retry mode, with its jittered backoff). Without this, botocore waits
60 s per read and retries throttling for longer than a Lambda's timeout. No attempt starts
once the request's time budget (``budget.py``) is too short for it to finish, and an
attempt whose answer was lost (a read timeout, a dropped connection, a 5xx) is noted: the
write it carried may have been applied.
"""

from __future__ import annotations

import hashlib
import threading
from typing import Any

from botocore.config import Config
from botocore.exceptions import (
    ClientError,
    ConnectionClosedError,
    ParamValidationError,
    ReadTimeoutError,
)

from .budget import remaining

__all__ = ["CLIENT_CONFIG", "CallGuard", "OutOfTime", "is_invalid_request", "new_client", "token"]

_CONNECT_SECONDS = 1.0
_READ_SECONDS = 2.0
CLIENT_CONFIG = Config(
    connect_timeout=_CONNECT_SECONDS,
    read_timeout=_READ_SECONDS,
    retries={"mode": "standard", "total_max_attempts": 3},
)
# An attempt starts only if it can finish, timeouts included, within the time budget.
_ATTEMPT_SECONDS = _CONNECT_SECONDS + _READ_SECONDS

_TOKEN_LENGTH = 36  # ClientRequestToken: 1 to 36 characters


class OutOfTime(Exception):
    """Raised from botocore's send hook: no attempt may start once the budget is spent."""


def new_client() -> Any:
    """A DynamoDB client with ``CLIENT_CONFIG``."""
    import boto3  # only the DynamoDB backend needs it; SQLite runs never import it

    # A session of its own: boto3's default session is not safe to share between threads.
    return boto3.session.Session().client("dynamodb", config=CLIENT_CONFIG)


class CallGuard:
    """Hooks on one client: the time budget before each attempt, lost answers after it."""

    def __init__(self, client: Any) -> None:
        self._local = threading.local()  # per thread: was this call's answer lost?
        events = client.meta.events
        events.register_first("before-send.dynamodb", self._before_send)
        events.register("needs-retry.dynamodb", self._after_attempt)

    def start(self) -> None:
        """A new call begins: no answer lost yet."""
        self._local.answer_lost = False

    @property
    def answer_lost(self) -> bool:
        """Whether an attempt of the call since ``start`` lost its answer."""
        return bool(getattr(self._local, "answer_lost", False))

    def _before_send(self, **_: Any) -> None:
        left = remaining()
        if left is not None and left < _ATTEMPT_SECONDS:
            raise OutOfTime(f"{max(left, 0):.2f} s left, an attempt may take {_ATTEMPT_SECONDS} s")

    def _after_attempt(self, response: Any = None, caught_exception: Any = None, **_: Any) -> None:
        status = response[0].status_code if response is not None else None
        if isinstance(caught_exception, ReadTimeoutError | ConnectionClosedError) or (
            status is not None and status >= 500
        ):
            self._local.answer_lost = True


def is_invalid_request(exc: Exception) -> bool:
    """Whether DynamoDB (``ValidationException``) or botocore before sending
    (``ParamValidationError``) refused the request as invalid: a defect of the request,
    never an outage to try again later."""
    if isinstance(exc, ParamValidationError):
        return True
    return isinstance(exc, ClientError) and (
        exc.response.get("Error", {}).get("Code") == "ValidationException"
    )


def token(*parts: object) -> str:
    """A ClientRequestToken naming one transaction attempt, derived from ``parts``."""
    text = "\x1f".join(str(part) for part in parts)
    return hashlib.sha256(text.encode()).hexdigest()[:_TOKEN_LENGTH]
