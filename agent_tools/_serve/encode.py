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

__all__ = ["encode_body", "encode_plain", "is_plain"]

_MAX_DEPTH = 8  # deeper results are written by the general encoder


def encode_body(value: Any) -> str:
    """Serialise a tool result; raises ``TypeError`` or ``ValueError`` if it cannot."""
    if isinstance(value, str):
        return value
    if is_plain(value):
        return encode_plain(value)
    try:
        return _ENCODER.encode(value)
    except _HasDecimal:
        return _encode_exact(value)


def is_plain(value: Any, depth: int = 0) -> bool:
    """``value`` is JSON data as it is: exact ``dict`` (``str`` keys), ``list``, ``str``,
    ``int``, ``bool``, ``None`` and finite ``float``, at most ``_MAX_DEPTH`` containers deep.

    Plain data is written without conversions and can be handed to any JSON encoder as it
    is, with the same result. Anything else (a date, a decimal, a tuple, a subclass, deep or
    circular nesting) is not plain. Scalars inside a container are checked in its loop, not
    by a call each: most results are a flat object.
    """
    kind = type(value)
    if kind is dict:
        if depth >= _MAX_DEPTH:
            return False
        for key, item in value.items():
            if type(key) is not str:
                return False
            kind = type(item)
            if kind is str or kind is int or kind is bool or item is None:
                continue
            if kind is float:
                if item - item != 0.0:  # NaN and infinities give NaN
                    return False
            elif not is_plain(item, depth + 1):
                return False
        return True
    if kind is list:
        if depth >= _MAX_DEPTH:
            return False
        for item in value:
            kind = type(item)
            if kind is str or kind is int or kind is bool or item is None:
                continue
            if kind is float:
                if item - item != 0.0:
                    return False
            elif not is_plain(item, depth + 1):
                return False
        return True
    if kind is str or kind is int or kind is bool or value is None:
        return True
    return kind is float and value - value == 0.0


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

# A kept JSONEncoder still builds its C encoder again on every encode(), about 40% of the cost
# of writing a small result. For plain data the C encoder is built once, without the
# circular-reference check (whose per-call state lives in the encoder): plain data is checked
# to a bounded depth first, so it has no circle, and it never needs ``_default``.
_make_encoder = getattr(json.encoder, "c_make_encoder", None)  # None on other Pythons
_PLAIN_ENCODER: Any = (
    None
    if _make_encoder is None
    else _make_encoder(
        None, _default, json.encoder.encode_basestring, None, ":", ",", False, False, False
    )
)


def encode_plain(value: Any) -> str:
    """``encode_body`` for a value ``is_plain`` accepted."""
    if type(value) is str:
        return value
    if _PLAIN_ENCODER is None:
        return _ENCODER.encode(value)
    return "".join(_PLAIN_ENCODER(value, 0))
