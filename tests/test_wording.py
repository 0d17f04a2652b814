"""Tests for ``agent_tools._declare.wording``: the words the model reads about each type.

Every expectation is a literal string, so a change of wording shows up here as a diff.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import uuid
from decimal import Decimal
from typing import Any, Literal, Optional

import pytest
from pydantic import BaseModel, Field

from agent_tools._declare.annotations import type_info
from agent_tools._declare.kinds import choice_text, expected, json_type
from agent_tools.export.wording import format_hint
from tests.choices import Color, Level


class Flag(enum.Enum):
    ON = True
    OFF = False


class Mixed(enum.Enum):
    ONE = 1
    TWO = "two"


@dataclasses.dataclass
class Point:
    x: int
    y: int = 0


@dataclasses.dataclass
class Booking:
    day: dt.date
    guests: list[str]
    note: str | None = None
    deposit: Decimal = Decimal(0)


@dataclasses.dataclass
class Nothing:
    pass


class Item(BaseModel):
    sku: str = Field(alias="itemSku")
    quantity: int = 1
    tags: list[str] = Field(default_factory=list)


_UUID = "123e4567-e89b-12d3-a456-426614174000"

# annotation, expected(), format_hint(), json_type()
HINTS = [
    pytest.param(str, "a string", None, "string", id="str"),
    pytest.param(int, "a whole number such as 42", None, "integer", id="int"),
    pytest.param(float, "a number such as 3.5", None, "number", id="float"),
    pytest.param(
        Decimal,
        "a decimal number such as 12.50",
        "A decimal number such as 12.50.",
        "number",
        id="Decimal",
    ),
    pytest.param(bool, "true or false", None, "boolean", id="bool"),
    pytest.param(dt.date, "a date as YYYY-MM-DD", "A date as YYYY-MM-DD.", "string", id="date"),
    pytest.param(
        dt.datetime,
        "an ISO 8601 date-time such as 2026-01-24T09:30:00Z",
        "An ISO 8601 date-time such as 2026-01-24T09:30:00Z.",
        "string",
        id="datetime",
    ),
    pytest.param(
        uuid.UUID, f"a UUID such as {_UUID}", f"A UUID such as {_UUID}.", "string", id="UUID"
    ),
    pytest.param(Any, "a value", None, "string", id="Any"),
    # Enum and Literal
    pytest.param(Color, "one of: red, green", "One of: red, green.", "string", id="str-enum"),
    pytest.param(Level, "one of: 1, 2", "One of: 1, 2.", "integer", id="int-enum"),
    pytest.param(Flag, "one of: true, false", "One of: true, false.", "boolean", id="bool-enum"),
    pytest.param(Mixed, "one of: 1, two", "One of: 1, two.", "string", id="mixed-enum"),
    pytest.param(
        Literal["asc", "desc"],
        "one of: asc, desc",
        "One of: asc, desc.",
        "string",
        id="str-literal",
    ),
    pytest.param(
        Literal[1, 2, 3], "one of: 1, 2, 3", "One of: 1, 2, 3.", "integer", id="int-literal"
    ),
    pytest.param(Literal[True], "one of: true", "One of: true.", "boolean", id="bool-literal"),
    pytest.param(Literal[1, "a"], "one of: 1, a", "One of: 1, a.", "string", id="mixed-literal"),
    pytest.param(Literal["a", None], "one of: a", "One of: a.", "string", id="nullable-literal"),
    # Arrays
    pytest.param(
        list[str],
        'a JSON array of strings, such as ["a", "b"]',
        'A JSON array of strings, such as ["a", "b"].',
        "array",
        id="list-str",
    ),
    pytest.param(
        list[int],
        "a JSON array of whole numbers, such as [1, 2]",
        "A JSON array of whole numbers, such as [1, 2].",
        "array",
        id="list-int",
    ),
    pytest.param(
        tuple[float, ...],
        "a JSON array of numbers, such as [1.5, 2]",
        "A JSON array of numbers, such as [1.5, 2].",
        "array",
        id="tuple-float",
    ),
    pytest.param(
        set[Decimal],
        "a JSON array of decimal numbers, such as [1.50, 2]",
        "A JSON array of decimal numbers, such as [1.50, 2].",
        "array",
        id="set-Decimal",
    ),
    pytest.param(
        frozenset[bool],
        "a JSON array of booleans, such as [true, false]",
        "A JSON array of booleans, such as [true, false].",
        "array",
        id="frozenset-bool",
    ),
    pytest.param(
        list[dt.date],
        'a JSON array of dates (YYYY-MM-DD), such as ["2026-01-24", "2026-01-25"]',
        'A JSON array of dates (YYYY-MM-DD), such as ["2026-01-24", "2026-01-25"].',
        "array",
        id="list-date",
    ),
    pytest.param(
        list[dt.datetime],
        'a JSON array of ISO 8601 date-times, such as ["2026-01-24T09:30:00Z"]',
        'A JSON array of ISO 8601 date-times, such as ["2026-01-24T09:30:00Z"].',
        "array",
        id="list-datetime",
    ),
    pytest.param(
        list[uuid.UUID],
        f'a JSON array of UUIDs, such as ["{_UUID}"]',
        f'A JSON array of UUIDs, such as ["{_UUID}"].',
        "array",
        id="list-UUID",
    ),
    pytest.param(
        list[Color],
        'a JSON array of values from: red, green, such as ["red", "green"]',
        'A JSON array of values from: red, green, such as ["red", "green"].',
        "array",
        id="list-str-enum",
    ),
    pytest.param(
        list[Level],
        "a JSON array of values from: 1, 2, such as [1, 2]",
        "A JSON array of values from: 1, 2, such as [1, 2].",
        "array",
        id="list-int-enum",
    ),
    pytest.param(
        list[Literal["x", "y", "z"]],
        'a JSON array of values from: x, y, z, such as ["x", "y"]',
        'A JSON array of values from: x, y, z, such as ["x", "y"].',
        "array",
        id="list-literal-first-two",
    ),
    pytest.param(
        list[Point],
        'a JSON array of objects, such as [{"name": "value"}]',
        'A JSON array of objects, such as [{"name": "value"}].',
        "array",
        id="list-dataclass",
    ),
    pytest.param(
        list[dict[str, int]],
        'a JSON array of objects, such as [{"name": "value"}]',
        'A JSON array of objects, such as [{"name": "value"}].',
        "array",
        id="list-dict",
    ),
    pytest.param(
        list,
        "a JSON array of values, such as [1, 2]",
        "A JSON array of values, such as [1, 2].",
        "array",
        id="bare-list",
    ),
    # Objects
    pytest.param(dict, "a JSON object", "A JSON object.", "object", id="dict"),
    pytest.param(dict[str, int], "a JSON object", "A JSON object.", "object", id="dict-str-int"),
    pytest.param(
        Point,
        "a JSON object with the fields x, y",
        "A JSON object with the fields: x (integer), y (integer, optional).",
        "object",
        id="dataclass",
    ),
    pytest.param(
        Booking,
        "a JSON object with the fields day, guests, note, deposit",
        "A JSON object with the fields: day (string), guests (array), note (string, optional), "
        "deposit (number, optional).",
        "object",
        id="dataclass-mixed-fields",
    ),
    pytest.param(Nothing, "a JSON object", "A JSON object.", "object", id="dataclass-no-fields"),
    pytest.param(
        Item,
        "a JSON object with the fields itemSku, quantity, tags",
        "A JSON object with the fields: itemSku (string), quantity (integer, optional), "
        "tags (array, optional).",
        "object",
        id="pydantic-alias",
    ),
    # Optional changes none of the words.
    pytest.param(Optional[int], "a whole number such as 42", None, "integer", id="Optional-int"),  # noqa: UP045
    pytest.param(
        dt.date | None, "a date as YYYY-MM-DD", "A date as YYYY-MM-DD.", "string", id="date-or-None"
    ),
    pytest.param(
        list[int] | None,
        "a JSON array of whole numbers, such as [1, 2]",
        "A JSON array of whole numbers, such as [1, 2].",
        "array",
        id="list-or-None",
    ),
]


@pytest.mark.parametrize(("annotation", "words", "hint", "schema_type"), HINTS)
def test_hints(annotation: Any, words: str, hint: str | None, schema_type: str) -> None:
    info = type_info(annotation)
    assert (expected(info), format_hint(info), json_type(info)) == (words, hint, schema_type)


@pytest.mark.parametrize(
    ("annotation", "text"),
    [
        pytest.param(Color, "red, green", id="enum-values-not-names"),
        pytest.param(Level, "1, 2", id="int-enum"),
        pytest.param(Literal[True, False], "true, false", id="bool-literal"),
        pytest.param(Literal["a", 2, None], "a, 2", id="None-left-out"),
    ],
)
def test_choice_text(annotation: Any, text: str) -> None:
    assert choice_text(type_info(annotation)) == text
