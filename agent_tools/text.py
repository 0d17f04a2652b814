"""Text shortened for display: in messages to the model, errors for developers and the CLI."""

from __future__ import annotations

from typing import Any

__all__ = ["shorten", "shown"]


def shorten(text: str, limit: int) -> str:
    """``text``, or its first ``limit - 3`` characters and ``...`` when it is longer."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def shown(value: Any, limit: int = 60) -> str:
    """``repr(value)``, shortened to ``limit`` characters."""
    return shorten(repr(value), limit)
