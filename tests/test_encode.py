"""Tool results as body strings."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

import pytest
from pydantic import BaseModel, Field

from agent_tools._serve.encode import encode_body


class Color(Enum):
    RED = "red"


@dataclass
class Point:
    x: int
    when: dt.date


class Model(BaseModel):
    item_sku: str = Field(alias="itemSku")
    price: Decimal


@pytest.mark.parametrize(
    ("value", "body"),
    [
        pytest.param("plain text, as is", "plain text, as is", id="str"),
        pytest.param('{"already": "json"}', '{"already": "json"}', id="json-str"),
        pytest.param({"a": 1, "b": [True, None]}, '{"a":1,"b":[true,null]}', id="compact"),
        pytest.param({"name": "Zoë 日本"}, '{"name":"Zoë 日本"}', id="not-ascii-escaped"),
        pytest.param(dt.date(2026, 1, 24), '"2026-01-24"', id="date"),
        pytest.param(
            dt.datetime(2026, 1, 24, 9, 30, tzinfo=dt.UTC), '"2026-01-24T09:30:00+00:00"', id="dt"
        ),
        pytest.param(dt.time(9, 30), '"09:30:00"', id="time"),
        # Decimals keep every digit, as JSON numbers: money survives exactly.
        pytest.param(Decimal("12.50"), "12.50", id="decimal-trailing-zero"),
        pytest.param(
            Decimal("12345678901234567.89"), "12345678901234567.89", id="decimal-17-digits"
        ),
        pytest.param(
            {"total": Decimal("12345678901234567.89"), "items": [Decimal("0.10"), 2.5, "12.50"]},
            '{"total":12345678901234567.89,"items":[0.10,2.5,"12.50"]}',
            id="decimals-nested-beside-floats-and-strings",
        ),
        pytest.param(Decimal("3"), "3", id="decimal-integral"),
        pytest.param(Decimal("-0.00"), "-0.00", id="decimal-negative-zero"),
        pytest.param(Decimal("1E+3"), "1E+3", id="decimal-exponent"),
        pytest.param(Color.RED, '"red"', id="enum"),
        pytest.param(
            uuid.UUID("123e4567-e89b-12d3-a456-426614174000"),
            '"123e4567-e89b-12d3-a456-426614174000"',
            id="uuid",
        ),
        pytest.param({3, 1, 2}, "[1,2,3]", id="set-sorted"),
        pytest.param(dt.timedelta(days=1), '"1 day, 0:00:00"', id="timedelta"),
        pytest.param(Point(1, dt.date(2026, 1, 24)), '{"x":1,"when":"2026-01-24"}', id="dataclass"),
        pytest.param(
            Model(itemSku="A1", price=Decimal("9.99")),
            '{"itemSku":"A1","price":"9.99"}',
            id="model",
        ),
        pytest.param([Point(1, dt.date(2026, 1, 1))], '[{"x":1,"when":"2026-01-01"}]', id="nested"),
    ],
)
def test_encode(value: Any, body: str) -> None:
    assert encode_body(value) == body


@pytest.mark.parametrize(
    "value",
    [object(), float("nan"), {"x": float("inf")}, Decimal("NaN"), {1: {2: {object()}}}],
    ids=["object", "nan", "inf", "decimal-nan", "nested-object"],
)
def test_values_json_cannot_hold_are_refused(value: Any) -> None:
    with pytest.raises((TypeError, ValueError)):
        encode_body(value)


def test_decimal_digits_read_back_exactly() -> None:
    body = encode_body({"amount": Decimal("12345678901234567.89")})
    assert json.loads(body, parse_float=Decimal) == {"amount": Decimal("12345678901234567.89")}


def test_a_string_that_looks_like_a_placeholder_is_left_alone() -> None:
    assert encode_body(["decimal-0", Decimal("1.0")]) == '["decimal-0",1.0]'


def test_mixed_set_keeps_all_members() -> None:
    assert sorted(json.loads(encode_body({1, "a"})), key=str) == [1, "a"]
