"""Python values written as Bedrock writes parameter values: always strings.

Scalars are written plainly (``"true"``, ``"3"``, ``"2026-01-24"``), objects as JSON text,
and arrays in one of the three forms Bedrock is seen to send
(docs/bedrock-agents.md#parameter-values):
``"json"`` (``["a", "b"]``), ``"bare"`` (``[a, b]``) or ``"java"`` (bare words, with objects
in Java's ``Map.toString`` form: ``[{k=v, k2=v2}]``).
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Mapping
from typing import Any, Literal

__all__ = ["ArrayStyle", "format_value", "is_object", "model_fields", "value_type"]

ArrayStyle = Literal["json", "bare", "java"]

_ARRAY_STYLES = ("json", "bare", "java")
_SEQUENCES = (list, tuple, set, frozenset)


def format_value(value: Any, *, array_style: ArrayStyle = "json") -> str:
    """``value`` as Bedrock writes a parameter value: always a string.

    Args:
        value: a ``str`` (sent as is), bool, number, ``Decimal``, ``UUID``, date, datetime,
            Enum, list, tuple, set, dict, dataclass or Pydantic model.
        array_style: how arrays are written: ``"json"``, ``"bare"`` or ``"java"``.

    Raises:
        ValueError: ``value`` is ``None`` (leave the parameter out instead, or send the
            string ``"null"``), or an array of objects asked for in the ``"bare"`` style.
        TypeError: the value has no written form.
    """
    if array_style not in _ARRAY_STYLES:
        raise ValueError(
            f"array_style must be one of {', '.join(_ARRAY_STYLES)}, not {array_style!r}"
        )
    if isinstance(value, str):
        return value
    if value is None:
        raise ValueError(
            "None has no written form: leave the parameter out to send no value, or pass "
            "the string 'null' to send what a model would"
        )
    if isinstance(value, enum.Enum):
        return format_value(value.value, array_style=array_style)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date | dt.time):  # a datetime is a date
        return value.isoformat()
    if isinstance(value, _SEQUENCES):
        return _array(value, array_style)
    if is_object(value):
        return json.dumps(_plain(value), ensure_ascii=False)
    if type(value).__module__ in ("decimal", "uuid"):
        return str(value)
    raise TypeError(
        f"a value of type {type(value).__name__} has no written form as a Bedrock parameter"
    )


def value_type(value: Any, *, openapi: bool) -> str:
    """The ``type`` Bedrock would send for a value, judged from the value alone."""
    if isinstance(value, enum.Enum):
        return value_type(value.value, openapi=openapi)
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float) or type(value).__module__ == "decimal":
        return "number"
    if isinstance(value, _SEQUENCES):
        return "array"
    if is_object(value):
        # Function details have no object type: objects travel as JSON text
        # (docs/bedrock-agents.md#function-schema).
        return "object" if openapi else "string"
    return "string"


def model_fields(value: Any) -> dict[str, Any]:
    """A model's field values by the names the schema uses.

    For a Pydantic model: its aliases, and only the fields that were set, as a model
    writing the call would leave the others out.
    """
    if isinstance(value, Mapping):
        return dict(value)
    dump = getattr(value, "model_dump", None)
    if callable(dump):
        return dict(dump(by_alias=True, exclude_unset=True))
    if hasattr(value, "__dataclass_fields__") and not isinstance(value, type):
        import dataclasses  # already imported by whoever made the dataclass

        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value) if f.init}
    raise TypeError(f"a {type(value).__name__} is not a dataclass, Pydantic model or mapping")


def is_object(value: Any) -> bool:
    """A mapping, dataclass instance or Pydantic model: what is written as JSON text."""
    return (
        isinstance(value, Mapping)
        or callable(getattr(value, "model_dump", None))
        or (hasattr(value, "__dataclass_fields__") and not isinstance(value, type))
    )


def _ordered(items: Any) -> list[Any]:
    if not isinstance(items, set | frozenset):
        return list(items)
    try:  # a set has no order: sort it so that built events are the same on every run
        return sorted(items)
    except TypeError:
        return sorted(items, key=lambda item: json.dumps(_plain(item), sort_keys=True))


def _array(items: Any, array_style: ArrayStyle) -> str:
    elements = _ordered(items)
    if array_style == "json":
        return json.dumps([_plain(e) for e in elements], ensure_ascii=False)
    if array_style == "bare" and any(is_object(e) for e in elements):
        raise ValueError(
            "arrays of objects are not sent as bare words; use array_style='java' or 'json'"
        )
    return "[" + ", ".join(_java(_plain(e)) for e in elements) + "]"


def _java(plain: Any) -> str:
    """A JSON-like value as Java's ``toString`` writes it: ``{k=v}``, ``[a, b]``, bare words."""
    if isinstance(plain, dict):
        return "{" + ", ".join(f"{k}={_java(v)}" for k, v in plain.items()) + "}"
    if isinstance(plain, list):
        return "[" + ", ".join(_java(v) for v in plain) + "]"
    if plain is None:
        return "null"
    if isinstance(plain, bool):
        return "true" if plain else "false"
    return str(plain)


def _plain(value: Any) -> Any:
    """``value`` as JSON types: what a JSON-minded model would write for it."""
    if value is None or isinstance(value, str | bool | float):
        return value
    if isinstance(value, enum.Enum):
        return _plain(value.value)
    if isinstance(value, int):
        return value
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, _SEQUENCES):
        return [_plain(v) for v in _ordered(value)]
    module = type(value).__module__
    if module == "decimal":
        return int(value) if value == value.to_integral_value() else float(value)
    if module == "uuid":
        return str(value)
    if is_object(value):
        dump = getattr(value, "model_dump", None)
        if callable(dump):
            return _plain(dump(mode="json", by_alias=True, exclude_unset=True))
        return _plain(model_fields(value))
    raise TypeError(
        f"a value of type {type(value).__name__} has no written form as a Bedrock parameter"
    )
