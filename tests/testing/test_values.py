"""Values written as Bedrock writes parameter values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest

from agent_tools.testing import format_value
from tests.apps.all_types import Address, Color, Item, Priority


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("as is, [1]", "as is, [1]"),
        (True, "true"),
        (False, "false"),
        (-3, "-3"),
        (2.5, "2.5"),
        (Decimal("12.50"), "12.50"),
        (dt.date(2026, 1, 24), "2026-01-24"),
        (dt.datetime(2026, 1, 24, 9, 30), "2026-01-24T09:30:00"),
        (UUID(int=255), "00000000-0000-0000-0000-0000000000ff"),
        (Color.RED, "red"),
        (Priority.LOW, "1"),
        (Address("1 rue X", "Lyon"), '{"street": "1 rue X", "city": "Lyon"}'),
        (Item(sku="é", quantity=1), '{"sku": "é", "quantity": 1}'),
        ({"n": Decimal("1.5"), "d": dt.date(2026, 1, 1)}, '{"n": 1.5, "d": "2026-01-01"}'),
        (frozenset({3, 1, 2}), "[1, 2, 3]"),
    ],
    ids=repr,
)
def test_scalars_and_objects(value: Any, text: str) -> None:
    assert format_value(value) == text


def test_java_style_writes_nested_values_as_java_does() -> None:
    rows = [{"tags": ["a", "b"], "owner": {"id": 1, "active": True}, "note": None}]
    assert format_value(rows, array_style="java") == (
        "[{tags=[a, b], owner={id=1, active=true}, note=null}]"
    )


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        pytest.param(None, ValueError, "leave the parameter out", id="none"),
        pytest.param(
            object(), TypeError, "a value of type object has no written form", id="unknown-type"
        ),
        pytest.param(
            [object()], TypeError, "a value of type object has no written form", id="unknown-item"
        ),
    ],
)
def test_values_without_a_written_form_are_refused(
    value: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        format_value(value)


def test_an_unknown_array_style_is_refused() -> None:
    with pytest.raises(ValueError, match="array_style must be one of json, bare, java"):
        format_value([1], array_style="yaml")  # type: ignore[arg-type]
