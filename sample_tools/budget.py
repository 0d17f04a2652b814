"""How long the current request may still spend in the store.

Lambda stops a function at its timeout, and the caller then gets an opaque error instead of
the store's clear "unavailable" answer. The handler sets the budget from the Lambda's
remaining time minus a margin for answering; the stores stop waiting, retrying and sending
once it is spent.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["remaining", "time_budget"]

_deadline: ContextVar[float | None] = ContextVar("store_deadline", default=None)


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Allow the store ``seconds`` from now (no limit if ``None``) inside the block."""
    token = _deadline.set(None if seconds is None else time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def remaining() -> float | None:
    """Seconds left of the budget (negative once spent), or ``None`` without one."""
    deadline = _deadline.get()
    return None if deadline is None else deadline - time.monotonic()
