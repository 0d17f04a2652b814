"""A tool's return value as the body string Bedrock takes.

A ``str`` is the body as is; anything else is JSON, with the types tools commonly return
(dates, decimals, enums, UUIDs, sets, dataclasses, Pydantic models) written the way a model
reads them best. Non-ASCII text stays readable (``ensure_ascii=False``): escapes cost tokens.

A ``Decimal`` is written as a JSON number with exactly its digits (``12.50`` stays ``12.50``,
``12345678901234567.89`` is not rounded through a float). ``json`` can only write a value a
``default`` returns, so a result holding decimals is written a second time with each decimal
as a placeholder string, which is then replaced by the digits; results without decimals never
pay for it.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import os
import re
from typing import Any

__all__ = ["encode_body"]


def encode_body(value: Any) -> str:
    """Serialise a tool result; raises ``TypeError`` or ``ValueError`` if it cannot."""
    if isinstance(value, str):
        return value
    try:
        return _ENCODER.encode(value)
    except _HasDecimal:
        return _encode_exact(value)


class _HasDecimal(Exception):
    """The value holds a Decimal: write it again with its digits kept."""


def _encode_exact(value: Any) -> str:
    digits: list[str] = []
    marker = "decimal-" + os.urandom(8).hex() + "-"  # no string of the result can hold it

    def default(item: Any) -> Any:
        if type(item).__module__ == "decimal":
            if not item.is_finite():
                raise ValueError(f"{item} cannot be written as JSON")
            digits.append(str(item))  # always JSON number syntax: 12.50, -0, 1E+3, 1E-7
            return f"{marker}{len(digits) - 1}"
        return _default(item)

    text = json.JSONEncoder(
        ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=default
    ).encode(value)
    return re.sub(f'"{marker}([0-9]+)"', lambda match: digits[int(match[1])], text)


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
        raise _HasDecimal
    if module == "uuid" or isinstance(value, dt.timedelta):
        return str(value)
    raise TypeError(f"a {type(value).__name__} cannot be written as JSON")


# Built once: json.dumps with options builds a new encoder on every call.
_ENCODER = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=_default
)
