"""Tests for ``agent_tools._declare.constraints``: Annotated bounds as schema keywords and words."""

from __future__ import annotations

from decimal import Decimal

import annotated_types
import pytest

from agent_tools._declare.constraints import (
    Constraints,
    constraint_schema,
    constraint_text,
    read_constraints,
)


def test_array_lengths_are_item_counts() -> None:
    c = Constraints(min_length=1, max_length=3)
    assert constraint_schema(c, boolean_exclusive=True, array=True) == {
        "minItems": 1,
        "maxItems": 3,
    }
    assert constraint_schema(c, boolean_exclusive=True) == {"minLength": 1, "maxLength": 3}


def test_decimal_bounds_are_written_as_json_numbers() -> None:
    schema = constraint_schema(Constraints(ge=Decimal("0.01")), boolean_exclusive=True)
    assert schema == {"minimum": 0.01}


@pytest.mark.parametrize(
    ("constraints", "unit", "text"),
    [
        (Constraints(ge=1, le=90), "characters", "from 1 to 90"),
        (
            Constraints(gt=0, lt=1, multiple_of=0.5),
            "characters",
            "more than 0, less than 1, a multiple of 0.5",
        ),
        (Constraints(min_length=2), "items", "at least 2 items"),
        (
            Constraints(max_length=40, pattern="^[A-Z]"),
            "characters",
            "at most 40 characters, matching the regular expression ^[A-Z]",
        ),
    ],
)
def test_constraint_text(constraints: Constraints, unit: str, text: str) -> None:
    assert constraint_text(constraints, unit) == text


def test_later_markers_win_and_other_metadata_is_ignored() -> None:
    read = read_constraints((annotated_types.Ge(1), "a note", annotated_types.Ge(2)), None)
    assert read == Constraints(ge=2)
    assert read_constraints(("a note",), None) is None
