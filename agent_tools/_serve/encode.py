"""A tool's return value as the body string Bedrock takes.

A ``str`` is the body as is; anything else is JSON, with the types tools commonly return
(dates, decimals, enums, UUIDs, sets, dataclasses, Pydantic models) written the way a model
reads them best. Non-ASCII text stays readable (``ensure_ascii=False``): escapes cost tokens.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from typing import Any

__all__ = ["encode_body"]


def encode_body(value: Any) -> str:
    """Serialise a tool result; raises ``TypeError`` or ``ValueError`` if it cannot."""
    if isinstance(value, str):
        return value
    return _ENCODER.encode(value)


def _default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.time):  # datetime is a date
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, set | frozenset):
        try:
            return sorted(value)
        except TypeError:
            return list(value)
    if hasattr(value, "__dataclass_fields__") and not isinstance(value, type):
        import dataclasses  # already imported by whoever made the dataclass

        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    dump = getattr(value, "model_dump", None)
    if callable(dump):  # a Pydantic model
        return dump(mode="json", by_alias=True)
    module = type(value).__module__
    if module == "decimal":
        return _decimal(value)
    if module == "uuid" or isinstance(value, dt.timedelta):
        return str(value)
    raise TypeError(f"a {type(value).__name__} cannot be written as JSON")


def _decimal(value: Any) -> int | float:
    if not value.is_finite():
        raise ValueError(f"{value} cannot be written as JSON")
    return int(value) if value == value.to_integral_value() else float(value)


# Built once: json.dumps with options builds a new encoder on every call.
_ENCODER = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=_default
)
