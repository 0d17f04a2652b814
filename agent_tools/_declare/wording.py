"""Words about types: what the model should send, and what it sent wrong.

Bedrock's function schema has no ``enum``, no ``items`` and no ``format``
(docs/bedrock-agents.md#function-schema),
so allowed values, date formats and element types travel in the parameter's description. The
same phrases name what was expected when a value is refused, so the schema and the REPROMPT
message never disagree.
"""

from __future__ import annotations

import enum
import json
from typing import Any

from .typeinfo import Kind, TypeInfo

__all__ = ["choice_text", "expected", "format_hint", "json_type"]

_EXPECTED: dict[Kind, str] = {
    Kind.STR: "a string",
    Kind.INT: "a whole number such as 42",
    Kind.FLOAT: "a number such as 3.5",
    Kind.DECIMAL: "a decimal number such as 12.50",
    Kind.BOOL: "true or false",
    Kind.DATE: "a date as YYYY-MM-DD",
    Kind.DATETIME: "an ISO 8601 date-time such as 2026-01-24T09:30:00Z",
    Kind.UUID: "a UUID such as 123e4567-e89b-12d3-a456-426614174000",
    Kind.ANY: "a value",
}
_PLURAL: dict[Kind, str] = {
    Kind.STR: "strings",
    Kind.INT: "whole numbers",
    Kind.FLOAT: "numbers",
    Kind.DECIMAL: "decimal numbers",
    Kind.BOOL: "booleans",
    Kind.DATE: "dates (YYYY-MM-DD)",
    Kind.DATETIME: "ISO 8601 date-times",
    Kind.UUID: "UUIDs",
    Kind.ANY: "values",
}
_EXAMPLE_ITEMS: dict[Kind, str] = {
    Kind.STR: '["a", "b"]',
    Kind.INT: "[1, 2]",
    Kind.FLOAT: "[1.5, 2]",
    Kind.DECIMAL: "[1.50, 2]",
    Kind.BOOL: "[true, false]",
    Kind.DATE: '["2026-01-24", "2026-01-25"]',
    Kind.DATETIME: '["2026-01-24T09:30:00Z"]',
    Kind.UUID: '["123e4567-e89b-12d3-a456-426614174000"]',
    Kind.ANY: "[1, 2]",
}


def expected(info: TypeInfo) -> str:
    """What a value of this type looks like, in words the model can act on."""
    kind = info.kind
    if kind in (Kind.ENUM, Kind.LITERAL):
        return f"one of: {choice_text(info)}"
    if kind is Kind.ARRAY:
        assert info.item is not None  # an ARRAY always has an item type
        return f"a JSON array of {_plural(info.item)}, such as {_example_array(info.item)}"
    if kind is Kind.OBJECT:
        if info.fields:
            names = ", ".join(f.name for f in info.fields)
            return f"a JSON object with the fields {names}"
        return "a JSON object"
    return _EXPECTED[kind]


def format_hint(info: TypeInfo) -> str | None:
    """The sentence added to a parameter's description so the model knows what to send.

    ``None`` for types whose schema ``type`` already says everything.
    """
    kind = info.kind
    if kind in (Kind.STR, Kind.INT, Kind.FLOAT, Kind.BOOL, Kind.ANY):
        return None
    if kind is Kind.OBJECT and info.fields:
        fields = ", ".join(
            f"{f.name} ({json_type(f.type)}{'' if f.required else ', optional'})"
            for f in info.fields
        )
        return f"A JSON object with the fields: {fields}."
    text = expected(info)
    return text[0].upper() + text[1:] + "."


def choice_text(info: TypeInfo) -> str:
    return ", ".join(_plain(_choice_value(c)) for c in info.choices)


def json_type(info: TypeInfo) -> str:
    """The JSON type a value of ``info`` is written as: what Bedrock's ``type`` field takes."""
    kind = info.kind
    if kind is Kind.INT:
        return "integer"
    if kind in (Kind.FLOAT, Kind.DECIMAL):
        return "number"
    if kind is Kind.BOOL:
        return "boolean"
    if kind is Kind.ARRAY:
        return "array"
    if kind is Kind.OBJECT:
        return "object"
    if kind in (Kind.ENUM, Kind.LITERAL):
        values = [_choice_value(c) for c in info.choices]
        if all(isinstance(v, bool) for v in values):
            return "boolean"
        if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            return "integer"
    return "string"


def _choice_value(choice: Any) -> Any:
    return choice.value if isinstance(choice, enum.Enum) else choice


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    return json.dumps(value, default=str)


def _plural(item: TypeInfo) -> str:
    if item.kind in (Kind.ENUM, Kind.LITERAL):
        return f"values from: {choice_text(item)}"
    if item.kind is Kind.OBJECT:
        return "objects"
    return _PLURAL[item.kind]


def _example_array(item: TypeInfo) -> str:
    if item.kind in (Kind.ENUM, Kind.LITERAL):
        return json.dumps([_choice_value(c) for c in item.choices[:2]], default=str)
    if item.kind is Kind.OBJECT:
        return '[{"name": "value"}]'
    return _EXAMPLE_ITEMS[item.kind]
