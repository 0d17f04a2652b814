"""Tests for ``agent_tools._declare.kinds``: one entry per kind, Annotated bounds through it."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

import annotated_types
import pytest
from pydantic import EmailStr, Field

from agent_tools import ActionGroup, RegistrationError
from agent_tools._declare.annotations import type_info
from agent_tools._declare.constraints import Constraints
from agent_tools._declare.kinds import KINDS, converter, expected, json_type, leaf_schema
from agent_tools._declare.typeinfo import Kind, UnsupportedType
from agent_tools.errors import CoercionError
from agent_tools.export.wording import format_hint

Days = Annotated[int, Field(ge=1, le=90)]
Code = Annotated[str, Field(min_length=3, max_length=3, pattern="^[A-Z]+$")]


def test_every_kind_has_one_entry() -> None:
    assert set(KINDS) == set(Kind)


def convert(annotation: Any, raw: Any) -> Any:
    return converter(type_info(annotation))(raw)


@pytest.mark.parametrize(
    ("annotation", "raw", "value"),
    [
        pytest.param(Days, "1", 1, id="ge-edge"),
        pytest.param(Days, "90", 90, id="le-edge"),
        pytest.param(Days, "4.0", 4, id="integral-float"),
        pytest.param(Code, "EUR", "EUR", id="pattern-and-lengths"),
        pytest.param(Annotated[float, annotated_types.Gt(0)], "0.5", 0.5, id="gt"),
        pytest.param(Annotated[Decimal, Field(lt=100)], "99.99", Decimal("99.99"), id="lt"),
        pytest.param(Annotated[int, Field(multiple_of=5)], "15", 15, id="multiple-of"),
        pytest.param(
            Annotated[list[str], Field(max_length=2)], '["a", "b"]', ["a", "b"], id="list"
        ),
        pytest.param(Annotated[int, Field(ge=1)] | None, "null", None, id="nullable"),
        pytest.param(EmailStr, " ana@example.com ", "ana@example.com", id="email"),
    ],
)
def test_accepted(annotation: Any, raw: Any, value: Any) -> None:
    assert convert(annotation, raw) == value


@pytest.mark.parametrize(
    ("annotation", "raw", "message"),
    [
        pytest.param(
            Days,
            "0",
            "expected a whole number such as 42, from 1 to 90 (less than 1)",
            id="below",
        ),
        pytest.param(
            Days,
            "91",
            "expected a whole number such as 42, from 1 to 90 (more than 90)",
            id="above",
        ),
        pytest.param(
            Code,
            "EURO",
            "expected a string, exactly 3 characters, matching the regular expression ^[A-Z]+$ "
            "(longer than 3)",
            id="too-long",
        ),
        pytest.param(
            Code,
            "eur",
            "expected a string, exactly 3 characters, matching the regular expression ^[A-Z]+$ "
            "(not matching ^[A-Z]+$)",
            id="pattern",
        ),
        pytest.param(
            Annotated[float, annotated_types.Gt(0)],
            "0",
            "expected a number such as 3.5, more than 0 (not more than 0)",
            id="gt",
        ),
        pytest.param(
            Annotated[list[str], Field(max_length=2)],
            "[a, b, c]",
            'expected a JSON array of strings, such as ["a", "b"], at most 2 items (longer than 2)',
            id="list-items",
        ),
        pytest.param(
            Annotated[int, Field(ge=1)] | None,
            "0",
            "expected a whole number such as 42, at least 1 (less than 1)",
            id="nullable",
        ),
        pytest.param(
            EmailStr,
            "Ana Lopez",
            "expected an email address such as name@example.com",
            id="email-name",
        ),
        pytest.param(
            EmailStr,
            "ana@localhost",
            "expected an email address such as name@example.com",
            id="email-no-domain",
        ),
    ],
)
def test_refused(annotation: Any, raw: Any, message: str) -> None:
    with pytest.raises(CoercionError) as caught:
        convert(annotation, raw)
    assert str(caught.value) == message


def test_bounds_are_read_from_field_and_annotated_types_alike() -> None:
    from_field = type_info(Annotated[int, Field(ge=1, le=90)]).constraints
    from_types = type_info(Annotated[int, annotated_types.Interval(ge=1, le=90)]).constraints
    assert from_field == from_types == Constraints(ge=1, le=90)
    assert type_info(int).constraints is None
    assert type_info(Annotated[int, "a note"]).constraints is None


@pytest.mark.parametrize(
    ("annotation", "message"),
    [
        (Annotated[str, Field(ge=1)], "bounds such as ge/le apply to numbers, not to str"),
        (Annotated[int, Field(max_length=2)], "min_length/max_length apply to strings and arrays"),
        (Annotated[int, Field(pattern="x")], "pattern applies to strings, not to int"),
        (Annotated[int, Field(ge=5, le=1)], "the lower bound 5 is above the upper bound 1"),
    ],
)
def test_bounds_that_cannot_apply_are_refused(annotation: Any, message: str) -> None:
    with pytest.raises(UnsupportedType, match=message):
        type_info(annotation)


def test_a_misplaced_bound_fails_at_registration_naming_the_tool() -> None:
    group = ActionGroup("Bounds")
    with pytest.raises(RegistrationError, match=r"tool 'name_it'.*parameter 'name'.*numbers"):

        @group.tool
        def name_it(name: Annotated[str, Field(gt=0)]) -> str:
            """Name it."""
            return name


@pytest.mark.parametrize(
    ("annotation", "words", "schema", "schema_31"),
    [
        pytest.param(
            Days,
            "A whole number such as 42, from 1 to 90.",
            {"type": "integer", "minimum": 1, "maximum": 90},
            {"type": "integer", "minimum": 1, "maximum": 90},
            id="int",
        ),
        pytest.param(
            Annotated[float, Field(gt=0, lt=1)],
            "A number such as 3.5, more than 0, less than 1.",
            {
                "type": "number",
                "minimum": 0,
                "exclusiveMinimum": True,
                "maximum": 1,
                "exclusiveMaximum": True,
            },
            {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
            id="exclusive",
        ),
        pytest.param(
            Code,
            "A string, exactly 3 characters, matching the regular expression ^[A-Z]+$.",
            {"type": "string", "minLength": 3, "maxLength": 3, "pattern": "^[A-Z]+$"},
            {"type": "string", "minLength": 3, "maxLength": 3, "pattern": "^[A-Z]+$"},
            id="str",
        ),
        pytest.param(
            EmailStr,
            "An email address such as name@example.com.",
            {"type": "string", "format": "email"},
            {"type": "string", "format": "email"},
            id="email",
        ),
    ],
)
def test_words_and_schema_come_from_one_entry(
    annotation: Any, words: str, schema: dict[str, Any], schema_31: dict[str, Any]
) -> None:
    info = type_info(annotation)
    assert format_hint(info) == words
    assert expected(info)[0].upper() + expected(info)[1:] + "." == words
    assert leaf_schema(info, boolean_exclusive=True) == schema
    assert leaf_schema(info, boolean_exclusive=False) == schema_31
    assert json_type(info) == schema["type"]
