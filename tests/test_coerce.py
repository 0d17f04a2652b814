"""Tests for ``agent_tools._serve.convert``: Bedrock's strings in, the annotated values out."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import math
import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Literal, Optional

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, Field

from agent_tools._declare.annotations import type_info
from agent_tools._declare.kinds import converter, expected
from agent_tools.errors import CoercionError
from tests.choices import Color, Level

# --- types under test -------------------------------------------------------------------


class Switch(enum.Enum):
    """Two names that differ only in case: ``Low`` cannot pick one."""

    low = "l"
    LOW = "L"


class Swapped(enum.Enum):
    """Each member's name is the other member's value."""

    x = "y"
    y = "x"


@dataclasses.dataclass
class Point:
    x: int
    y: int = 0


@dataclasses.dataclass(frozen=True)
class FrozenPoint:
    x: int


@dataclasses.dataclass
class Address:
    street: str
    zip_code: str | None = None


@dataclasses.dataclass
class Customer:
    name: str
    address: Address
    tags: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class DateRange:
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("end is before start")


class Item(BaseModel):
    sku: str = Field(alias="itemSku")
    quantity: int = 1
    tags: list[str] = Field(default_factory=list)


class Order(BaseModel):
    item: Item
    priority: Literal["low", "high"] = "low"


# --- helpers ----------------------------------------------------------------------------


def convert(annotation: Any, raw: Any) -> Any:
    return converter(type_info(annotation))(raw)


def refused(annotation: Any, raw: Any) -> CoercionError:
    """The error for ``raw``, checked to say what ``annotation`` expects and what arrived."""
    info = type_info(annotation)
    convert_value = converter(info)
    with pytest.raises(CoercionError) as caught:
        convert_value(raw)
    error = caught.value
    assert error.expected == expected(info)
    assert error.got is raw
    return error


def shape(value: Any) -> Any:
    """Value and type all the way down: 1 == 1.0 == True, and Decimal("1.0") == Decimal("1")."""
    if isinstance(value, list | tuple):
        return (type(value), [shape(v) for v in value])
    if isinstance(value, set | frozenset):
        return (type(value), sorted(repr(shape(v)) for v in value))
    if isinstance(value, dict):
        return (type(value), {k: shape(v) for k, v in value.items()})
    return (type(value), repr(value))


def assert_same(result: Any, value: Any) -> None:
    assert result == value
    assert shape(result) == shape(value)


UTC = dt.UTC
U = uuid.UUID("123e4567-e89b-12d3-a456-426614174000")

# --- accepted values --------------------------------------------------------------------

ACCEPTED = [
    # str: text as sent; JSON numbers inside an array of strings become their text.
    pytest.param(str, "  spaced  ", "  spaced  ", id="str-kept-as-is"),
    pytest.param(str, "", "", id="str-empty"),
    pytest.param(str, 7, "7", id="str-from-json-int"),
    pytest.param(str, 2.5, "2.5", id="str-from-json-float"),
    # int
    pytest.param(int, "3", 3, id="int"),
    pytest.param(int, " 3 ", 3, id="int-spaces"),
    pytest.param(int, "\t3\n", 3, id="int-whitespace"),
    pytest.param(int, "+3", 3, id="int-plus"),
    pytest.param(int, "-3", -3, id="int-minus"),
    pytest.param(int, "-0", 0, id="int-minus-zero"),
    pytest.param(int, "007", 7, id="int-leading-zeros"),
    pytest.param(int, "9" * 4300, int("9" * 4300), id="int-4300-digits"),
    pytest.param(int, 12, 12, id="int-from-json"),
    # A whole number written as a float: models write 4 guests as "4.0" (and JSON 4.0).
    pytest.param(int, "4.0", 4, id="int-point-zero"),
    pytest.param(int, " -2.00 ", -2, id="int-minus-point-zeros"),
    pytest.param(int, "4.", 4, id="int-trailing-point"),
    pytest.param(int, 4.0, 4, id="int-from-json-whole-float"),
    # float
    pytest.param(float, "3.5", 3.5, id="float"),
    pytest.param(float, " -2 ", -2.0, id="float-int-text"),
    pytest.param(float, "+1.5", 1.5, id="float-plus"),
    pytest.param(float, ".5", 0.5, id="float-leading-dot"),
    pytest.param(float, "5.", 5.0, id="float-trailing-dot"),
    pytest.param(float, "1e3", 1000.0, id="float-exponent"),
    pytest.param(float, "1E-2", 0.01, id="float-negative-exponent"),
    pytest.param(float, "-0.0", -0.0, id="float-minus-zero"),
    pytest.param(float, "1e-999", 0.0, id="float-underflow-is-zero"),
    pytest.param(float, 2, 2.0, id="float-from-json-int"),
    pytest.param(float, 2.5, 2.5, id="float-from-json-float"),
    # Decimal: the text decides the digits, so "12.50" keeps its trailing zero.
    pytest.param(Decimal, "12.50", Decimal("12.50"), id="decimal"),
    pytest.param(Decimal, " -3 ", Decimal("-3"), id="decimal-int-text"),
    pytest.param(Decimal, "1e3", Decimal("1E+3"), id="decimal-exponent"),
    pytest.param(Decimal, 0.1, Decimal("0.1"), id="decimal-from-json-float-by-repr"),
    pytest.param(Decimal, 5, Decimal(5), id="decimal-from-json-int"),
    # bool
    pytest.param(bool, "true", True, id="bool-true"),
    pytest.param(bool, "TRUE", True, id="bool-TRUE"),
    pytest.param(bool, " True\n", True, id="bool-True-spaces"),
    pytest.param(bool, "1", True, id="bool-1"),
    pytest.param(bool, "yes", True, id="bool-yes"),
    pytest.param(bool, "YeS", True, id="bool-YeS"),
    pytest.param(bool, "false", False, id="bool-false"),
    pytest.param(bool, "False", False, id="bool-False"),
    pytest.param(bool, "\t0 ", False, id="bool-0"),
    pytest.param(bool, "no", False, id="bool-no"),
    pytest.param(bool, "NO", False, id="bool-NO"),
    pytest.param(bool, True, True, id="bool-from-json-true"),
    pytest.param(bool, 0, False, id="bool-from-json-0"),
    pytest.param(bool, 1, True, id="bool-from-json-1"),
    # date
    pytest.param(dt.date, "2026-01-24", dt.date(2026, 1, 24), id="date"),
    pytest.param(dt.date, " 2026-01-24 ", dt.date(2026, 1, 24), id="date-spaces"),
    pytest.param(dt.date, "2024-02-29", dt.date(2024, 2, 29), id="date-leap-day"),
    pytest.param(dt.date, "0001-01-01", dt.date(1, 1, 1), id="date-first"),
    # datetime
    pytest.param(
        dt.datetime,
        "2026-01-24T09:30:00Z",
        dt.datetime(2026, 1, 24, 9, 30, tzinfo=UTC),
        id="datetime-Z",
    ),
    pytest.param(
        dt.datetime,
        "2026-01-24T09:30:00+05:30",
        dt.datetime(2026, 1, 24, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30))),
        id="datetime-plus-offset",
    ),
    pytest.param(
        dt.datetime,
        "2026-01-24T09:30:00-08:00",
        dt.datetime(2026, 1, 24, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-8))),
        id="datetime-minus-offset",
    ),
    pytest.param(
        dt.datetime,
        "2026-01-24T09:30:00.250+00:00",
        dt.datetime(2026, 1, 24, 9, 30, 0, 250000, tzinfo=UTC),
        id="datetime-fraction",
    ),
    pytest.param(
        dt.datetime, " 2026-01-24 09:30 ", dt.datetime(2026, 1, 24, 9, 30), id="datetime-space"
    ),
    pytest.param(dt.datetime, "2026-01-24", dt.datetime(2026, 1, 24), id="datetime-date-only"),
    # UUID
    pytest.param(uuid.UUID, str(U), U, id="uuid"),
    pytest.param(uuid.UUID, f" {str(U).upper()} ", U, id="uuid-upper-spaces"),
    pytest.param(uuid.UUID, U.hex, U, id="uuid-no-hyphens"),
    pytest.param(uuid.UUID, f"{{{U}}}", U, id="uuid-braces"),
    pytest.param(uuid.UUID, f"urn:uuid:{U}", U, id="uuid-urn"),
    # Enum: by value, by name, then ignoring case when that picks one member.
    pytest.param(Color, "red", Color.RED, id="enum-value"),
    pytest.param(Color, "GREEN", Color.GREEN, id="enum-name"),
    pytest.param(Color, " green ", Color.GREEN, id="enum-value-spaces"),
    pytest.param(Color, "Red", Color.RED, id="enum-case-insensitive"),
    pytest.param(Color, "gReEn", Color.GREEN, id="enum-mixed-case"),
    pytest.param(Level, "2", Level.HIGH, id="int-enum-value"),
    pytest.param(Level, "LOW", Level.LOW, id="int-enum-name"),
    pytest.param(Level, "high", Level.HIGH, id="int-enum-name-case-insensitive"),
    pytest.param(Level, 1, Level.LOW, id="int-enum-from-json"),
    pytest.param(Switch, "low", Switch.low, id="enum-exact-name-beats-folding"),
    pytest.param(Switch, "LOW", Switch.LOW, id="enum-exact-name-upper"),
    pytest.param(Switch, "L", Switch.LOW, id="enum-exact-value"),
    # Literal
    pytest.param(Literal["asc", "desc"], "desc", "desc", id="literal-str"),
    pytest.param(Literal["asc", "desc"], " ASC ", "asc", id="literal-str-case-insensitive"),
    pytest.param(Literal[1, 2, 3], "2", 2, id="literal-int-from-text"),
    pytest.param(Literal[1, 2, 3], " 3 ", 3, id="literal-int-spaces"),
    pytest.param(Literal[1, 2, 3], 1, 1, id="literal-int-from-json"),
    pytest.param(Literal[True], "TRUE", True, id="literal-bool"),
]


@pytest.mark.parametrize(("annotation", "raw", "value"), ACCEPTED)
def test_accepted(annotation: Any, raw: Any, value: Any) -> None:
    assert_same(convert(annotation, raw), value)


def test_enum_matches_by_value_before_name() -> None:
    assert convert(Swapped, "x") is Swapped.y
    assert convert(Swapped, "y") is Swapped.x


# --- refused values ---------------------------------------------------------------------

REFUSED = [
    # int
    pytest.param(int, "3.5", None, id="int-fraction"),
    pytest.param(int, "4.000001", None, id="int-nearly-whole"),
    pytest.param(int, "4.0e2", None, id="int-float-exponent"),
    pytest.param(int, ".0", None, id="int-point-zero-no-digits"),
    pytest.param(int, "abc", None, id="int-word"),
    pytest.param(int, "\u0663", None, id="int-arabic-indic-digit"),
    pytest.param(dt.date, "\u0662\u0660\u0662\u0666-01-24", None, id="date-arabic-indic-digits"),
    pytest.param(int, "", None, id="int-empty"),
    pytest.param(int, "   ", None, id="int-blank"),
    pytest.param(int, "1_000", None, id="int-underscore"),
    pytest.param(int, "1,000", None, id="int-thousands-comma"),
    pytest.param(int, "1e3", None, id="int-exponent"),
    pytest.param(int, "0x10", None, id="int-hex"),
    pytest.param(int, "+-3", None, id="int-two-signs"),
    pytest.param(int, "\u00b2", None, id="int-superscript-two"),  # a digit, but not decimal
    pytest.param(int, "9" * 5000, "too many digits", id="int-5000-digits"),
    pytest.param(int, True, None, id="int-from-json-true"),
    pytest.param(int, 4.5, None, id="int-from-json-fraction"),
    pytest.param(int, None, None, id="int-None"),
    # float
    pytest.param(float, "NaN", None, id="float-NaN"),
    pytest.param(float, "nan", None, id="float-nan"),
    pytest.param(float, "Infinity", None, id="float-Infinity"),
    pytest.param(float, "inf", None, id="float-inf"),
    pytest.param(float, "-inf", None, id="float-minus-inf"),
    pytest.param(float, "1e999", None, id="float-overflow"),
    pytest.param(float, "9" * 400, None, id="float-overflow-digits"),
    pytest.param(float, "", None, id="float-empty"),
    pytest.param(float, "abc", None, id="float-word"),
    pytest.param(float, "1,5", None, id="float-decimal-comma"),
    pytest.param(float, "0x10", None, id="float-hex"),
    pytest.param(float, "1_000.5", None, id="float-underscore"),
    pytest.param(float, ".", None, id="float-dot"),
    pytest.param(float, "1e", None, id="float-bare-e"),
    pytest.param(float, True, None, id="float-from-json-true"),
    pytest.param(float, math.nan, None, id="float-native-nan"),
    pytest.param(float, math.inf, None, id="float-native-inf"),
    pytest.param(float, 10**400, "too large", id="float-from-json-int-too-large"),
    # Decimal
    pytest.param(Decimal, "NaN", None, id="decimal-NaN"),
    pytest.param(Decimal, "Infinity", None, id="decimal-Infinity"),
    pytest.param(Decimal, "inf", None, id="decimal-inf"),
    pytest.param(Decimal, "1e999", None, id="decimal-overflow"),
    pytest.param(Decimal, "sNaN", None, id="decimal-sNaN"),
    pytest.param(Decimal, "", None, id="decimal-empty"),
    pytest.param(Decimal, "12,50", None, id="decimal-comma"),
    pytest.param(Decimal, False, None, id="decimal-from-json-false"),
    pytest.param(Decimal, 10**400, "too large", id="decimal-from-json-int-too-large"),
    # Exponents past what the decimal module can hold.
    pytest.param(
        Decimal, "1e-99999999999999999999999", "out of range", id="decimal-exponent-too-small"
    ),
    pytest.param(
        Decimal, "0e99999999999999999999", "out of range", id="decimal-zero-exponent-too-large"
    ),
    # bool
    pytest.param(bool, "y", None, id="bool-y"),
    pytest.param(bool, "n", None, id="bool-n"),
    pytest.param(bool, "2", None, id="bool-2"),
    pytest.param(bool, "", None, id="bool-empty"),
    pytest.param(bool, "on", None, id="bool-on"),
    pytest.param(bool, "t", None, id="bool-t"),
    pytest.param(bool, "truthy", None, id="bool-truthy"),
    pytest.param(bool, 2, None, id="bool-from-json-2"),
    pytest.param(bool, 1.0, None, id="bool-from-json-float"),
    pytest.param(bool, None, None, id="bool-None"),
    # date
    pytest.param(dt.date, "2026-02-30", "no such day", id="date-february-30"),
    pytest.param(dt.date, "2025-02-29", "no such day", id="date-not-a-leap-year"),
    pytest.param(dt.date, "2026-13-01", "no such day", id="date-month-13"),
    pytest.param(dt.date, "24/01/2026", None, id="date-european"),
    pytest.param(dt.date, "01/24/2026", None, id="date-american"),
    pytest.param(dt.date, "20260124", None, id="date-compact"),
    pytest.param(dt.date, "2026-W04-1", None, id="date-week"),
    pytest.param(dt.date, "2026-024", None, id="date-ordinal"),
    pytest.param(dt.date, "2026-1-24", None, id="date-short-month"),
    pytest.param(dt.date, "2026-01-24T09:30:00", None, id="date-with-time"),
    pytest.param(dt.date, "", None, id="date-empty"),
    pytest.param(dt.date, "tomorrow", None, id="date-word"),
    pytest.param(dt.date, 20260124, None, id="date-from-json-int"),
    # datetime
    pytest.param(dt.datetime, "garbage", None, id="datetime-word"),
    pytest.param(dt.datetime, "", None, id="datetime-empty"),
    pytest.param(dt.datetime, "2026-01-24garbage", None, id="datetime-trailing-garbage"),
    pytest.param(dt.datetime, "2026-01-24T25:00", None, id="datetime-hour-25"),
    pytest.param(dt.datetime, "2026-02-30T09:30:00", None, id="datetime-no-such-day"),
    pytest.param(dt.datetime, "2026-01-24T09:30:00+25:00", None, id="datetime-bad-offset"),
    pytest.param(dt.datetime, "2026-W04-1T09:30", None, id="datetime-week"),
    pytest.param(dt.datetime, "20260124T093000", None, id="datetime-compact"),
    pytest.param(dt.datetime, "24/01/2026 09:30", None, id="datetime-european"),
    pytest.param(dt.datetime, 1769247000, None, id="datetime-from-json-epoch"),
    # UUID
    pytest.param(uuid.UUID, "not-a-uuid", None, id="uuid-word"),
    pytest.param(uuid.UUID, str(U)[:-1], None, id="uuid-short"),
    pytest.param(uuid.UUID, str(U) + "0", None, id="uuid-long"),
    pytest.param(uuid.UUID, str(U).replace("e", "g"), None, id="uuid-not-hex"),
    pytest.param(uuid.UUID, "", None, id="uuid-empty"),
    pytest.param(uuid.UUID, U.int, None, id="uuid-from-json-int"),
    # Enum and Literal
    pytest.param(Color, "blue", None, id="enum-unknown"),
    pytest.param(Color, "", None, id="enum-empty"),
    pytest.param(Color, "RED_", None, id="enum-near-name"),
    pytest.param(Switch, "Low", None, id="enum-ambiguous-case-folding"),
    pytest.param(Switch, "l0w", None, id="enum-unknown-switch"),
    pytest.param(Level, "3", None, id="int-enum-unknown"),
    pytest.param(Level, 3, None, id="int-enum-from-json-unknown"),
    pytest.param(Literal["asc", "desc"], "up", None, id="literal-str-unknown"),
    pytest.param(Literal[1, 2, 3], "4", None, id="literal-int-unknown"),
    pytest.param(Literal[1, 2, 3], "2.0", None, id="literal-int-as-float"),
    pytest.param(Literal[1, 2, 3], "two", None, id="literal-int-word"),
    # str
    pytest.param(str, True, None, id="str-from-json-true"),
    pytest.param(str, None, None, id="str-None"),
    pytest.param(str, ["a"], None, id="str-from-json-list"),
]


@pytest.mark.parametrize(("annotation", "raw", "detail"), REFUSED)
def test_refused(annotation: Any, raw: Any, detail: str | None) -> None:
    assert refused(annotation, raw).detail == detail


def test_error_message() -> None:
    error = refused(dt.date, "2026-02-30")
    assert str(error) == "expected a date as YYYY-MM-DD (no such day)"
    error = refused(int, "x")
    assert str(error) == "expected a whole number such as 42"
    assert isinstance(error, ValueError)


def test_refusal_is_chained_to_its_cause() -> None:
    assert isinstance(refused(int, "9" * 5000).__cause__, ValueError)
    assert isinstance(refused(dt.date, "2026-02-30").__cause__, ValueError)


# --- arrays -----------------------------------------------------------------------------

ARRAYS = [
    # The three forms Bedrock sends (docs/bedrock-agents.md#parameter-values).
    pytest.param(list[int], "[1, 2, 3]", [1, 2, 3], id="json-ints"),
    pytest.param(list[int], '[1, "2", " 3 "]', [1, 2, 3], id="json-int-strings"),
    pytest.param(list[str], '["a", "b"]', ["a", "b"], id="json-strings"),
    pytest.param(list[str], "[FHIR, HL7 CDA]", ["FHIR", "HL7 CDA"], id="bare-words"),
    pytest.param(list[str], '["a", 1, 2.5]', ["a", "1", "2.5"], id="json-numbers-as-strings"),
    pytest.param(list[int], "[1, 02]", [1, 2], id="bare-ints"),  # 02 is not JSON
    pytest.param(list[float], "[1, 2.5, -3e2]", [1.0, 2.5, -300.0], id="json-floats"),
    pytest.param(list[Decimal], "[1.10, 2]", [Decimal("1.10"), Decimal(2)], id="json-decimals"),
    pytest.param(
        list[Decimal],
        "[1.10, 02.50]",
        [Decimal("1.10"), Decimal("2.50")],
        id="bare-decimals-keep-digits",
    ),
    pytest.param(list[bool], "[true, false, 1, 0]", [True, False, True, False], id="json-bools"),
    pytest.param(list[bool], "[yes, No, TRUE]", [True, False, True], id="bare-bools"),
    pytest.param(
        list[dt.date],
        "[2026-01-24, 2026-01-25]",
        [dt.date(2026, 1, 24), dt.date(2026, 1, 25)],
        id="bare-dates",
    ),
    pytest.param(list[dt.date], '["2026-01-24"]', [dt.date(2026, 1, 24)], id="json-dates"),
    pytest.param(list[uuid.UUID], f"[{U}]", [U], id="bare-uuids"),
    pytest.param(list[Color], '["red", "GREEN"]', [Color.RED, Color.GREEN], id="json-enums"),
    pytest.param(list[Level], "[1, 2]", [Level.LOW, Level.HIGH], id="int-enums"),
    pytest.param(list[Literal[1, 2]], "[2, 1]", [2, 1], id="int-literals"),
    pytest.param(list[int | None], "[1, null]", [1, None], id="nullable-items"),
    pytest.param(list[int], "[]", [], id="empty"),
    pytest.param(list[int], " [ ] ", [], id="empty-bare"),
    pytest.param(list[int], [1, "2"], [1, 2], id="native-list"),
    pytest.param(list[Any], '[1, "a", null]', [1, "a", None], id="any-items"),
    pytest.param(list, "[1, a]", ["1", "a"], id="bare-list-bare-words"),
    # Java-map arrays of objects.
    pytest.param(
        list[Point],
        "[{x=1, y=2}, {x=3}]",
        [Point(1, 2), Point(3, 0)],
        id="java-map-dataclasses",
    ),
    pytest.param(list[Point], '[{"x": 1, "y": "2"}]', [Point(1, 2)], id="json-dataclasses"),
    pytest.param(
        list[dict[str, int]],
        "[{channel=1, sessions=80507}]",
        [{"channel": 1, "sessions": 80507}],
        id="java-map-dicts",
    ),
    pytest.param(
        list[Item],
        "[{itemSku=A1, quantity=2}]",
        [Item(itemSku="A1", quantity=2)],
        id="java-map-pydantic",
    ),
    # Containers other than list.
    pytest.param(tuple[int, ...], "[1, 2, 1]", (1, 2, 1), id="tuple"),
    pytest.param(set[str], "[a, b, a]", {"a", "b"}, id="set"),
    pytest.param(frozenset[int], "[1, 2, 2]", frozenset({1, 2}), id="frozenset"),
    pytest.param(Sequence[int], "[1]", [1], id="sequence-is-a-list"),
    pytest.param(
        frozenset[FrozenPoint],
        "[{x=1}, {x=1}]",
        frozenset({FrozenPoint(1)}),
        id="frozenset-of-frozen-dataclass",
    ),
]


@pytest.mark.parametrize(("annotation", "raw", "value"), ARRAYS)
def test_array(annotation: Any, raw: Any, value: Any) -> None:
    assert_same(convert(annotation, raw), value)


ARRAYS_REFUSED = [
    pytest.param(list[int], "[1, 2, x]", "element 3 is 'x'", id="bare-element"),
    pytest.param(list[int], '[1, "a"]', "element 2 is 'a'", id="json-element"),
    pytest.param(list[int], "[1.5]", "element 1 is 1.5", id="json-float-for-int"),
    pytest.param(list[int], "[true]", "element 1 is True", id="json-bool-for-int"),
    pytest.param(list[int], "[null]", "element 1 is None", id="json-null"),
    pytest.param(list[int], "[[1]]", "element 1 is [1]", id="nested-json"),
    pytest.param(list[str], "[{a=1}]", "element 1 is {'a': '1'}", id="object-for-str"),
    pytest.param(
        list[dt.date],
        "[2026-01-24, 2026-02-30]",
        "element 2 is '2026-02-30' (no such day)",
        id="bad-date",
    ),
    pytest.param(list[str], "[1, true]", "element 2 is True", id="json-bool-for-str"),
    pytest.param(
        list[int],
        "[" + "x" * 50 + "]",
        "element 1 is 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...",
        id="long-element-shortened",
    ),
    pytest.param(
        list[Point],
        '[{"x": 1}, {"y": 2}]',
        "element 2 is {'y': 2} (x: missing (a whole number such as 42))",
        id="dataclass",
    ),
    pytest.param(
        list[Point],
        "[{x=1}, {x=a}]",
        "element 2 is {'x': 'a'} (x: expected a whole number such as 42)",
        id="java-map",
    ),
    pytest.param(list[Color], "[red, blue]", "element 2 is 'blue'", id="enum"),
    pytest.param(tuple[int, ...], "[1, x]", "element 2 is 'x'", id="tuple"),
    pytest.param(set[int], "[x]", "element 1 is 'x'", id="set"),
    pytest.param(list[float], "[1, NaN]", None, id="json-nan"),
    pytest.param(list[int], "1, 2", None, id="no-brackets"),
    pytest.param(list[int], "[1, 2", None, id="unclosed"),
    pytest.param(list[int], '{"a": 1}', None, id="object"),
    pytest.param(list[int], "", None, id="empty"),
    pytest.param(list[int], "3", None, id="scalar"),
    pytest.param(list[int], 3, None, id="json-scalar"),
    pytest.param(list[int], {"a": 1}, None, id="json-object"),
    # A JSON integer too large for a float is refused like the same digits sent as text.
    pytest.param(
        list[float],
        "[1" + "0" * 400 + "]",
        "element 1 is " + repr(10**400)[:37] + "... (too large)",
        id="float-int-too-large",
    ),
    pytest.param(
        list[Decimal],
        "[1" + "0" * 400 + "]",
        "element 1 is " + repr(10**400)[:37] + "... (too large)",
        id="decimal-int-too-large",
    ),
]


@pytest.mark.parametrize(("annotation", "raw", "detail"), ARRAYS_REFUSED)
def test_array_refused(annotation: Any, raw: Any, detail: str | None) -> None:
    assert refused(annotation, raw).detail == detail


def test_array_element_error_is_chained() -> None:
    cause = refused(list[int], "[1, x]").__cause__
    assert isinstance(cause, CoercionError)
    assert (cause.expected, cause.got) == ("a whole number such as 42", "x")


# --- Optional ---------------------------------------------------------------------------

NULLS = [
    pytest.param(None, id="None"),
    pytest.param("", id="empty"),
    pytest.param("  ", id="blank"),
    pytest.param("null", id="null"),
    pytest.param("NULL", id="NULL"),
    pytest.param("None", id="None-text"),
    pytest.param(" none\n", id="none-spaces"),
]


@pytest.mark.parametrize("raw", NULLS)
@pytest.mark.parametrize(
    "annotation",
    [
        pytest.param(Optional[int], id="Optional-int"),  # noqa: UP045
        pytest.param(int | None, id="int-or-None"),
        pytest.param(str | None, id="str-or-None"),
        pytest.param(dt.date | None, id="date-or-None"),
        pytest.param(list[int] | None, id="list-or-None"),
        pytest.param(Point | None, id="dataclass-or-None"),
        pytest.param(Literal["a", None], id="Literal-with-None"),
    ],
)
def test_optional_null(annotation: Any, raw: Any) -> None:
    assert convert(annotation, raw) is None


@pytest.mark.parametrize(
    ("annotation", "raw", "value"),
    [
        pytest.param(int | None, " 3 ", 3, id="int"),
        pytest.param(str | None, "nil", "nil", id="str"),
        pytest.param(bool | None, "false", False, id="bool-false-is-not-null"),
        pytest.param(int | None, "0", 0, id="zero-is-not-null"),
        pytest.param(list[int] | None, "[1, 2]", [1, 2], id="list"),
        pytest.param(Point | None, "{x=1}", Point(1, 0), id="dataclass"),
        pytest.param(Literal["a", None], "A", "a", id="literal"),
    ],
)
def test_optional_value(annotation: Any, raw: Any, value: Any) -> None:
    assert_same(convert(annotation, raw), value)


@pytest.mark.parametrize(
    ("annotation", "raw"),
    [
        pytest.param(int | None, "abc", id="int"),
        pytest.param(dt.date | None, "nil", id="date"),
        pytest.param(Literal["a", None], "b", id="literal"),
    ],
)
def test_optional_refused(annotation: Any, raw: Any) -> None:
    assert refused(annotation, raw).detail is None


# --- mappings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("annotation", "raw", "value"),
    [
        pytest.param(dict[str, int], '{"a": 1, "b": "2"}', {"a": 1, "b": 2}, id="json"),
        pytest.param(dict[str, int], "{a=1, b= 2 }", {"a": 1, "b": 2}, id="java-map"),
        pytest.param(dict[str, int], "{}", {}, id="empty"),
        pytest.param(dict[str, int], {"a": "3"}, {"a": 3}, id="native"),
        pytest.param(
            dict[str, list[int]], "{a=[1, 2], b=[]}", {"a": [1, 2], "b": []}, id="list-values"
        ),
        pytest.param(dict[str, Any], '{"a": [1]}', {"a": [1]}, id="any-values"),
        pytest.param(dict, "{a=x}", {"a": "x"}, id="bare-dict"),
    ],
)
def test_mapping(annotation: Any, raw: Any, value: Any) -> None:
    assert_same(convert(annotation, raw), value)


@pytest.mark.parametrize(
    ("raw", "detail"),
    [
        pytest.param('{"a": 1, "b": "x"}', "b: expected a whole number such as 42", id="json"),
        pytest.param("{a=1, b=}", "b: expected a whole number such as 42", id="java-map-empty"),
        pytest.param("[1]", None, id="array"),
        pytest.param("a=1", None, id="no-braces"),
        pytest.param("", None, id="empty"),
        pytest.param(["a"], None, id="json-list"),
    ],
)
def test_mapping_refused(raw: Any, detail: str | None) -> None:
    assert refused(dict[str, int], raw).detail == detail


# --- dataclasses ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("annotation", "raw", "value"),
    [
        pytest.param(Point, '{"x": 1, "y": 2}', Point(1, 2), id="json"),
        pytest.param(Point, '{"x": "1"}', Point(1, 0), id="json-default"),
        pytest.param(Point, "{x=1, y=-2}", Point(1, -2), id="java-map"),
        pytest.param(Point, {"x": 5}, Point(5, 0), id="dict"),
        pytest.param(Point, '{"x": 1, "z": 9}', Point(1, 0), id="unknown-field-ignored"),
        pytest.param(
            Customer,
            "{name=Ann, address={street=Main St 1, zip_code=12345}, tags=[a, b]}",
            Customer("Ann", Address("Main St 1", "12345"), ["a", "b"]),
            id="nested-java-map",
        ),
        pytest.param(
            Customer,
            '{"name": "Ann", "address": {"street": "Main St 1", "zip_code": null}}',
            Customer("Ann", Address("Main St 1", None), []),
            id="nested-json",
        ),
        pytest.param(
            Customer,
            {"name": "Ann", "address": "{street=Elm, zip_code=}", "tags": '["x"]'},
            Customer("Ann", Address("Elm", None), ["x"]),
            id="nested-strings",
        ),
        pytest.param(
            DateRange,
            "{start=2026-01-24, end=2026-01-25}",
            DateRange(dt.date(2026, 1, 24), dt.date(2026, 1, 25)),
            id="post-init-passes",
        ),
    ],
)
def test_dataclass(annotation: Any, raw: Any, value: Any) -> None:
    assert_same(convert(annotation, raw), value)


@pytest.mark.parametrize(
    ("annotation", "raw", "detail"),
    [
        pytest.param(Point, "{y=1}", "x: missing (a whole number such as 42)", id="missing"),
        pytest.param(
            Point, '{"x": "one"}', "x: expected a whole number such as 42", id="wrong-type"
        ),
        pytest.param(
            Point,
            '{"x": "one", "y": true}',
            "x: expected a whole number such as 42; y: expected a whole number such as 42",
            id="two-problems",
        ),
        pytest.param(
            Customer,
            "{address={zip_code=1}}",
            "name: missing (a string); address: expected a JSON object with the fields street, "
            "zip_code (street: missing (a string))",
            id="nested",
        ),
        pytest.param(
            DateRange,
            "{start=2026-02-30, end=2026-03-01}",
            "start: expected a date as YYYY-MM-DD (no such day)",
            id="field-detail",
        ),
        pytest.param(
            DateRange,
            "{start=2026-01-25, end=2026-01-24}",
            "end is before start",
            id="post-init-ValueError",
        ),
        pytest.param(Point, "[1, 2]", None, id="array"),
        pytest.param(Point, "x=1", None, id="not-an-object"),
        pytest.param(Point, 1, None, id="json-scalar"),
    ],
)
def test_dataclass_refused(annotation: Any, raw: Any, detail: str | None) -> None:
    assert refused(annotation, raw).detail == detail


def test_dataclass_post_init_error_is_chained() -> None:
    error = refused(DateRange, '{"start": "2026-01-25", "end": "2026-01-24"}')
    assert isinstance(error.__cause__, ValueError)
    assert str(error.__cause__) == "end is before start"


# --- Pydantic models --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("annotation", "raw", "value"),
    [
        pytest.param(
            Item,
            '{"itemSku": "A1", "quantity": "3", "tags": ["x"]}',
            Item(itemSku="A1", quantity=3, tags=["x"]),
            id="json",
        ),
        pytest.param(
            Item,
            "{itemSku=A1, quantity=3, tags=[red, big]}",
            Item(itemSku="A1", quantity=3, tags=["red", "big"]),
            id="java-map-with-list",
        ),
        pytest.param(
            Item,
            '{"itemSku": "A1", "tags": "[red, big]"}',
            Item(itemSku="A1", tags=["red", "big"]),
            id="json-with-list-as-text",
        ),
        pytest.param(
            Item,
            {"itemSku": "A1", "tags": "[red, big]"},
            Item(itemSku="A1", tags=["red", "big"]),
            id="dict-with-list-as-text",
        ),
        pytest.param(
            Order,
            "{item={itemSku=B2}, priority=high}",
            Order(item=Item(itemSku="B2"), priority="high"),
            id="nested-java-map",
        ),
        pytest.param(
            Order,
            {"item": '{"itemSku": "B2", "quantity": 4}'},
            Order(item=Item(itemSku="B2", quantity=4)),
            id="nested-model-as-text",
        ),
    ],
)
def test_pydantic(annotation: Any, raw: Any, value: Any) -> None:
    result = convert(annotation, raw)
    assert type(result) is annotation
    assert result == value


_NOT_AN_INT = "Input should be a valid integer, unable to parse string as an integer"


@pytest.mark.parametrize(
    ("annotation", "raw", "detail"),
    [
        pytest.param(
            Item,
            '{"itemSku": "A1", "quantity": "secret-value"}',
            f"quantity: {_NOT_AN_INT}",
            id="field",
        ),
        pytest.param(
            Item,
            '{"quantity": "secret-value"}',
            f"itemSku: Field required; quantity: {_NOT_AN_INT}",
            id="two-fields",
        ),
        pytest.param(
            Order,
            '{"item": {"itemSku": "A1", "quantity": "secret-value"}}',
            f"item.quantity: {_NOT_AN_INT}",
            id="nested-location",
        ),
        pytest.param(
            Order,
            "{item={itemSku=A1}, priority=secret-value}",
            "priority: Input should be 'low' or 'high'",
            id="literal",
        ),
        pytest.param(
            Item,
            '{"itemSku": "A1", "tags": "[secret-value"}',
            'tags: expected a JSON array of strings, such as ["a", "b"]',
            id="list-text-unparseable",
        ),
        pytest.param(Item, "secret-value", None, id="not-an-object"),
    ],
)
def test_pydantic_refused(annotation: Any, raw: Any, detail: str | None) -> None:
    error = refused(annotation, raw)
    assert error.detail == detail
    # The input can hold anything the user typed: the summary names fields, not values.
    assert "secret-value" not in str(error)


# --- properties -------------------------------------------------------------------------

_SCALAR_TYPES: list[tuple[Any, Any]] = [
    (str, str),
    (int, int),
    (float, float),
    (Decimal, Decimal),
    (bool, bool),
    (dt.date, dt.date),
    (dt.datetime, dt.datetime),
    (uuid.UUID, uuid.UUID),
    (Color, Color),
    (Level, Level),
    (Literal["asc", "desc"], str),
    (Literal[1, 2, 3], int),
]


def _check_scalar(annotation: Any, result_type: type, raw: str) -> None:
    """A value of the annotated type, or a CoercionError: never any other exception."""
    outcome: Any
    try:
        outcome = convert(annotation, raw)
    except CoercionError as error:
        outcome = error
    if isinstance(outcome, CoercionError):
        assert outcome.got is raw
        return
    assert type(outcome) is result_type
    if isinstance(outcome, float):
        assert math.isfinite(outcome)
    if isinstance(outcome, Decimal):
        assert outcome.is_finite()


@pytest.mark.parametrize(
    ("annotation", "result_type"),
    [pytest.param(a, t, id=str(a).replace("typing.", "")) for a, t in _SCALAR_TYPES],
)
@given(raw=st.text())
def test_any_text_converts_or_is_refused(annotation: Any, result_type: type, raw: str) -> None:
    _check_scalar(annotation, result_type, raw)


@pytest.mark.parametrize(
    "annotation", [pytest.param(dt.date, id="date"), pytest.param(dt.datetime, id="datetime")]
)
@given(raw=st.from_regex(r"\A\s*\d{4}-\d{2}-\d{2}", fullmatch=False))
def test_any_date_shaped_text_converts_or_is_refused(annotation: Any, raw: str) -> None:
    _check_scalar(annotation, annotation, raw)


@given(st.integers())
def test_int_round_trip(n: int) -> None:
    assert_same(convert(int, str(n)), n)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_float_round_trip(f: float) -> None:
    assert_same(convert(float, repr(f)), f)


@given(st.dates())
def test_date_round_trip(d: dt.date) -> None:
    assert_same(convert(dt.date, d.isoformat()), d)


_OFFSETS = st.integers(min_value=-1439, max_value=1439).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)


@given(st.datetimes(timezones=st.none() | _OFFSETS))
def test_datetime_round_trip(value: dt.datetime) -> None:
    result = convert(dt.datetime, value.isoformat())
    assert (result, result.utcoffset()) == (value, value.utcoffset())


@given(st.uuids())
def test_uuid_round_trip(u: uuid.UUID) -> None:
    assert_same(convert(uuid.UUID, str(u)), u)


@given(st.lists(st.integers()))
def test_int_list_round_trip(xs: list[int]) -> None:
    assert_same(convert(list[int], json.dumps(xs)), xs)


@given(st.booleans())
def test_bool_round_trip(b: bool) -> None:
    assert_same(convert(bool, str(b).lower()), b)


def test_nullable_choice_spelled_like_null_is_the_choice() -> None:
    convert = converter(type_info(Literal["none", "low"] | None))
    assert convert("none") == "none"
    assert convert("null") is None
    assert convert("") is None
    assert convert(None) is None
    with pytest.raises(CoercionError):
        convert("high")


@pytest.mark.parametrize(
    ("annotation", "raw", "value"),
    [
        pytest.param(
            list[Decimal],
            "[12345678901234567.89, 12.50]",
            [Decimal("12345678901234567.89"), Decimal("12.50")],
            id="list",
        ),
        pytest.param(dict[str, Decimal], '{"fee": 0.10}', {"fee": Decimal("0.10")}, id="dict"),
        pytest.param(list[str], '[12.50, "a"]', ["12.50", "a"], id="str-as-written"),
    ],
)
def test_json_numbers_keep_their_digits(annotation: Any, raw: str, value: Any) -> None:
    result = convert(annotation, raw)
    assert result == value
    assert [str(v) for v in (result.values() if isinstance(result, dict) else result)] == [
        str(v) for v in (value.values() if isinstance(value, dict) else value)
    ]


def test_a_pydantic_decimal_field_keeps_the_digits_of_a_json_number() -> None:
    class Payment(BaseModel):
        amount: Decimal

    payment = convert(Payment, '{"amount": 12345678901234567.89}')
    assert payment.amount == Decimal("12345678901234567.89")


def test_a_float_from_json_text_is_a_plain_float() -> None:
    (number,) = convert(list[float], "[12.50]")
    assert type(number) is float
    assert number == 12.5
