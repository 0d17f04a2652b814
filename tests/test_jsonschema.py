"""Tests for ``agent_tools.export.json_schema``: Pydantic JSON Schema in, OpenAPI 3.0 out.

Inputs come from real Pydantic models wherever Pydantic can produce them, so a Pydantic upgrade
that changes its output shows up here as a diff against the literal expectations below.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import json
import uuid
from decimal import Decimal
from types import MappingProxyType
from typing import Annotated, Any, Literal, Optional

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import OpenAPIV30SpecValidator, validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError
from pydantic import BaseModel, Field, StringConstraints

from agent_tools.export.json_schema import to_openapi30
from tests.openapi_checks import leftovers_31

COMPONENTS = "#/components/schemas/{model}"

# --- models ------------------------------------------------------------------------------


class Color(enum.Enum):
    RED = "red"
    GREEN = "green"


class Priority(enum.IntEnum):
    LOW = 1
    HIGH = 2


class Address(BaseModel):
    street: str
    zip_code: str | None = None


class Cat(BaseModel):
    kind: Literal["cat"] = "cat"
    lives: int


class Dog(BaseModel):
    kind: Literal["dog"] = "dog"
    good: bool


class Optionals(BaseModel):
    nickname: Optional[str]  # noqa: UP045 (the spelling under test)
    age: int | None = None
    addresses: list[Address] | None = None
    counts: dict[str, int]


class Choices(BaseModel):
    mode: Literal["fast"] = "fast"
    size: Literal["s", "m", "l"]
    maybe: Literal["x", "y", None] = None
    color: Color
    priority: Priority = Priority.LOW


class Numbers(BaseModel):
    rating: int = Field(gt=0, lt=10)
    ratio: float = Field(ge=0, gt=1)
    floor: float = Field(ge=5, gt=1)
    code: str = Field(examples=["AB-1", "CD-2"])


class Tuples(BaseModel):
    pair: tuple[int, str]
    twins: tuple[int, int]
    many: tuple[int, ...]
    nothing: tuple[()]


class Person(BaseModel):
    home: Address
    work: Address = Field(description="Where they work.")
    previous: Address | None = None


class Owner(BaseModel):
    pet: Annotated[Cat | Dog, Field(discriminator="kind")]


class Scalars(BaseModel):
    at: dt.datetime
    on: dt.date
    id: uuid.UUID
    amount: Decimal


class Node(BaseModel):
    children: list[Node] = []


class Odds(BaseModel):
    nothing: None
    letter: Optional[Literal["a"]] = None  # noqa: UP045
    mixed: int | str | None
    pets: Annotated[Cat | Dog, Field(discriminator="kind")] | None = None
    by_prefix: dict[Annotated[str, StringConstraints(pattern="^a")], int]
    anything: list[Any]
    tags: set[str]
    flag: bool = Field(default=False, json_schema_extra={"x-hint": "rarely set"})


MODELS: list[type[BaseModel]] = [
    Optionals,
    Choices,
    Numbers,
    Tuples,
    Person,
    Owner,
    Scalars,
    Node,
    Odds,
]


def _convert(model: type[BaseModel]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    return to_openapi30(model.model_json_schema(ref_template=COMPONENTS))


def _document(root: dict[str, Any], defs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    operation = {
        "operationId": "x",
        "description": "d",
        "requestBody": {"content": {"application/json": {"schema": root}}},
        "responses": {"200": {"description": "ok"}},
    }
    return {
        "openapi": "3.0.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/x": {"post": operation}},
        "components": {"schemas": defs},
    }


ADDRESS = {
    "title": "Address",
    "type": "object",
    "properties": {
        "street": {"title": "Street", "type": "string"},
        "zip_code": {"title": "Zip Code", "type": "string", "nullable": True, "default": None},
    },
    "required": ["street"],
}

# --- whole schemas -----------------------------------------------------------------------


def test_optionals() -> None:
    assert _convert(Optionals) == (
        {
            "title": "Optionals",
            "type": "object",
            "properties": {
                "nickname": {"title": "Nickname", "type": "string", "nullable": True},
                "age": {"title": "Age", "type": "integer", "nullable": True, "default": None},
                "addresses": {
                    "title": "Addresses",
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/Address"},
                    "nullable": True,
                    "default": None,
                },
                "counts": {
                    "title": "Counts",
                    "type": "object",
                    "additionalProperties": {"type": "integer"},
                },
            },
            "required": ["nickname", "counts"],
        },
        {"Address": ADDRESS},
    )


def test_literals_and_enums_become_descriptions() -> None:
    assert _convert(Choices) == (
        {
            "title": "Choices",
            "type": "object",
            "properties": {
                "mode": {
                    "title": "Mode",
                    "type": "string",
                    "description": "Always fast.",
                    "default": "fast",
                },
                "size": {"title": "Size", "type": "string", "description": "One of: s, m, l."},
                "maybe": {
                    "title": "Maybe",
                    "type": "string",
                    "description": "One of: x, y.",
                    "nullable": True,
                    "default": None,
                },
                "color": {"$ref": "#/components/schemas/Color"},
                "priority": {"allOf": [{"$ref": "#/components/schemas/Priority"}], "default": 1},
            },
            "required": ["size", "color"],
        },
        {
            "Color": {"title": "Color", "type": "string", "description": "One of: red, green."},
            "Priority": {"title": "Priority", "type": "integer", "description": "One of: 1, 2."},
        },
    )


def test_numeric_bounds_and_examples() -> None:
    assert _convert(Numbers) == (
        {
            "title": "Numbers",
            "type": "object",
            "properties": {
                "rating": {
                    "title": "Rating",
                    "type": "integer",
                    "minimum": 0,
                    "exclusiveMinimum": True,
                    "maximum": 10,
                    "exclusiveMaximum": True,
                },
                "ratio": {
                    "title": "Ratio",
                    "type": "number",
                    "minimum": 1,
                    "exclusiveMinimum": True,
                },
                # ge=5 already excludes everything gt=1 does.
                "floor": {"title": "Floor", "type": "number", "minimum": 5},
                "code": {"title": "Code", "type": "string", "example": "AB-1"},
            },
            "required": ["rating", "ratio", "floor", "code"],
        },
        {},
    )


def test_tuples() -> None:
    assert _convert(Tuples) == (
        {
            "title": "Tuples",
            "type": "object",
            "properties": {
                "pair": {
                    "title": "Pair",
                    "type": "array",
                    "items": {"anyOf": [{"type": "integer"}, {"type": "string"}]},
                    "minItems": 2,
                    "maxItems": 2,
                },
                "twins": {
                    "title": "Twins",
                    "type": "array",
                    "items": {"type": "integer"},
                    "minItems": 2,
                    "maxItems": 2,
                },
                "many": {"title": "Many", "type": "array", "items": {"type": "integer"}},
                "nothing": {
                    "title": "Nothing",
                    "type": "array",
                    "items": {},
                    "minItems": 0,
                    "maxItems": 0,
                },
            },
            "required": ["pair", "twins", "many", "nothing"],
        },
        {},
    )


def test_nested_models() -> None:
    assert _convert(Person) == (
        {
            "title": "Person",
            "type": "object",
            "properties": {
                "home": {"$ref": "#/components/schemas/Address"},
                "work": {
                    "allOf": [{"$ref": "#/components/schemas/Address"}],
                    "description": "Where they work.",
                },
                "previous": {
                    "allOf": [{"$ref": "#/components/schemas/Address"}],
                    "nullable": True,
                    "default": None,
                },
            },
            "required": ["home", "work"],
        },
        {"Address": ADDRESS},
    )


def test_discriminated_union() -> None:
    def pet(name: str, extra: str, extra_type: str) -> dict[str, Any]:
        return {
            "title": name.title(),
            "type": "object",
            "properties": {
                "kind": {
                    "title": "Kind",
                    "type": "string",
                    "description": f"Always {name}.",
                    "default": name,
                },
                extra: {"title": extra.title(), "type": extra_type},
            },
            "required": [extra],
        }

    assert _convert(Owner) == (
        {
            "title": "Owner",
            "type": "object",
            "properties": {
                "pet": {
                    "title": "Pet",
                    "oneOf": [
                        {"$ref": "#/components/schemas/Cat"},
                        {"$ref": "#/components/schemas/Dog"},
                    ],
                    "discriminator": {
                        "propertyName": "kind",
                        "mapping": {
                            "cat": "#/components/schemas/Cat",
                            "dog": "#/components/schemas/Dog",
                        },
                    },
                },
            },
            "required": ["pet"],
        },
        {"Cat": pet("cat", "lives", "integer"), "Dog": pet("dog", "good", "boolean")},
    )


def test_scalars() -> None:
    assert _convert(Scalars) == (
        {
            "title": "Scalars",
            "type": "object",
            "properties": {
                "at": {"title": "At", "type": "string", "format": "date-time"},
                "on": {"title": "On", "type": "string", "format": "date"},
                "id": {"title": "Id", "type": "string", "format": "uuid"},
                "amount": {"title": "Amount", "anyOf": [{"type": "number"}, {"type": "string"}]},
            },
            "required": ["at", "on", "id", "amount"],
        },
        {},
    )


def test_recursive_model() -> None:
    assert _convert(Node) == (
        {"$ref": "#/components/schemas/Node"},
        {
            "Node": {
                "title": "Node",
                "type": "object",
                "properties": {
                    "children": {
                        "title": "Children",
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/Node"},
                        "default": [],
                    },
                },
            },
        },
    )


def test_odds_and_ends() -> None:
    root, defs = _convert(Odds)
    assert root["properties"] == {
        # 3.0 cannot say "only null"; nullable without a type admits anything.
        "nothing": {"title": "Nothing", "nullable": True, "description": "Always null."},
        "letter": {
            "title": "Letter",
            "type": "string",
            "description": "Always a.",
            "nullable": True,
            "default": None,
        },
        "mixed": {
            "title": "Mixed",
            "anyOf": [{"type": "integer"}, {"type": "string"}],
            "nullable": True,
        },
        "pets": {
            "title": "Pets",
            "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
            "discriminator": {
                "propertyName": "kind",
                "mapping": {"cat": "#/components/schemas/Cat", "dog": "#/components/schemas/Dog"},
            },
            "nullable": True,
            "default": None,
        },
        "by_prefix": {
            "title": "By Prefix",
            "type": "object",
            "additionalProperties": {"type": "integer"},
            "description": "Keys match ^a.",
        },
        "anything": {"title": "Anything", "type": "array", "items": {}},
        "tags": {
            "title": "Tags",
            "type": "array",
            "items": {"type": "string"},
            "uniqueItems": True,
        },
        "flag": {"title": "Flag", "type": "boolean", "default": False, "x-hint": "rarely set"},
    }
    assert set(defs) == {"Cat", "Dog"}


# --- every model: valid 3.0, nothing from 3.1 left, input untouched ------------------------


# Keywords of the 3.0 Schema Object, minus `enum`, which Bedrock rejects.
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_output_is_valid_openapi_30(model: type[BaseModel]) -> None:
    validate(_document(*_convert(model)), cls=OpenAPIV30SpecValidator)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_no_31_isms_remain(model: type[BaseModel]) -> None:
    assert leftovers_31(*_convert(model)) == []


@pytest.mark.parametrize("model", [Optionals, Choices, Numbers, Tuples, Owner])
def test_the_validator_would_catch_unconverted_schemas(model: type[BaseModel]) -> None:
    # Otherwise test_output_is_valid_openapi_30 could pass by accepting 3.1 as well.
    raw = model.model_json_schema(ref_template=COMPONENTS)
    defs = raw.pop("$defs", {})
    with pytest.raises(OpenAPIValidationError):
        validate(_document(raw, defs), cls=OpenAPIV30SpecValidator)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_input_is_not_mutated(model: type[BaseModel]) -> None:
    schema = model.model_json_schema(ref_template=COMPONENTS)
    before = copy.deepcopy(schema)
    to_openapi30(schema)
    assert schema == before


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_default_ref_template_gives_the_same_result(model: type[BaseModel]) -> None:
    assert to_openapi30(model.model_json_schema()) == _convert(model)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_conversion_is_idempotent(model: type[BaseModel]) -> None:
    root, defs = _convert(model)
    assert to_openapi30(root) == (root, {})
    assert {name: to_openapi30(d)[0] for name, d in defs.items()} == defs


# --- values Pydantic accepts still validate under 3.0 semantics ---------------------------

SAMPLES = [
    Optionals(nickname=None, age=3, addresses=[Address(street="Main")], counts={"a": 1}),
    Optionals(nickname="Al", counts={}),
    Choices(size="m", color=Color.RED),
    Choices(size="s", maybe="y", color=Color.GREEN, priority=Priority.HIGH),
    Numbers(rating=9, ratio=1.5, floor=5, code="AB-1"),
    Tuples(pair=(1, "a"), twins=(1, 2), many=(1, 2, 3), nothing=()),
    # `previous=None` is left out on purpose: strict 3.0.3 readers (this validator among them)
    # ignore `nullable` beside allOf without a `type` (see the module's docstring).
    Person(home=Address(street="a"), work=Address(street="b"), previous=Address(street="c")),
    Owner(pet=Cat(lives=9)),
    Owner(pet=Dog(good=True)),
    Scalars(
        at=dt.datetime(2024, 1, 2, 3, 4),
        on=dt.date(2024, 1, 2),
        id=uuid.UUID(int=1),
        amount=Decimal("1.50"),
    ),
    Node(children=[Node(), Node(children=[Node()])]),
]


def _value_validator(root: dict[str, Any], defs: dict[str, dict[str, Any]]) -> OAS30Validator:
    # An unknown `components` key at the root makes "#/components/schemas/X" resolve.
    return OAS30Validator({**root, "components": {"schemas": defs}})


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: type(s).__name__)
def test_pydantic_values_validate(sample: BaseModel) -> None:
    _value_validator(*_convert(type(sample))).validate(sample.model_dump(mode="json"))


@pytest.mark.parametrize(("rating", "ok"), [(0, False), (1, True), (9, True), (10, False)])
def test_exclusive_bounds_keep_their_meaning(rating: int, ok: bool) -> None:
    root, defs = _convert(Numbers)
    value = {"rating": rating, "ratio": 1.5, "floor": 5, "code": "x"}
    assert _value_validator(root, defs).is_valid(value) is ok


# --- single keywords ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"type": ["string", "null"]}, {"type": "string", "nullable": True}),
        (
            {"type": ["string", "integer", "null"], "title": "T"},
            {"anyOf": [{"type": "string"}, {"type": "integer"}], "nullable": True, "title": "T"},
        ),
        (
            {"type": ["string", "integer"], "anyOf": [{"minLength": 1}, {"minimum": 1}]},
            {
                "anyOf": [{"minLength": 1}, {"minimum": 1}],
                "allOf": [{"anyOf": [{"type": "string"}, {"type": "integer"}]}],
            },
        ),
        ({"type": ["null"]}, {"nullable": True, "description": "Always null."}),
        ({"anyOf": [{"type": "null"}]}, {"nullable": True, "description": "Always null."}),
        (
            {"oneOf": [{"type": "string"}, {"type": "null"}], "description": "Name."},
            {"type": "string", "nullable": True, "description": "Name."},
        ),
        (
            # The parent's keys describe the field and win; descriptions are joined.
            {
                "anyOf": [
                    {"type": "string", "title": "In", "description": "Inner."},
                    {"const": None},
                ],
                "title": "Out",
                "description": "Outer.",
            },
            {"type": "string", "nullable": True, "title": "Out", "description": "Outer. Inner."},
        ),
        (
            {"anyOf": [{"$ref": "#/$defs/A", "description": "An A."}, {"type": "null"}]},
            {
                "allOf": [{"$ref": "#/components/schemas/A"}],
                "nullable": True,
                "description": "An A.",
            },
        ),
        (
            {"anyOf": [{"type": "integer"}, {"enum": [None]}, {"type": "string"}]},
            {"anyOf": [{"type": "integer"}, {"type": "string"}], "nullable": True},
        ),
        (
            {"anyOf": [{"anyOf": [{"type": "string"}, {"type": "null"}]}, {"type": "null"}]},
            {"type": "string", "nullable": True},
        ),
    ],
)
def test_null(schema: dict[str, Any], expected: dict[str, Any]) -> None:
    assert to_openapi30(schema)[0] == expected


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        (
            {"const": 3, "description": "Answer."},
            {"type": "integer", "description": "Answer. Always 3."},
        ),
        ({"const": True}, {"type": "boolean", "description": "Always true."}),
        ({"const": 1.5}, {"type": "number", "description": "Always 1.5."}),
        ({"const": "x", "type": "string"}, {"type": "string", "description": "Always x."}),
        ({"const": None}, {"nullable": True, "description": "Always null."}),
        ({"const": [1, "a"]}, {"type": "array", "items": {}, "description": 'Always [1, "a"].'}),
        ({"enum": ["x"]}, {"type": "string", "description": "Always x."}),
        ({"enum": [1, 2.5]}, {"type": "number", "description": "One of: 1, 2.5."}),
        ({"enum": [1, "a", True]}, {"description": "One of: 1, a, true."}),
        ({"enum": [None]}, {"nullable": True, "description": "Always null."}),
        (
            {"enum": ["a, b", "", " c"]},
            {"type": "string", "description": 'One of: "a, b", "", " c".'},
        ),
        (
            {"enum": ["a", None], "description": "Pick."},
            {"type": "string", "nullable": True, "description": "Pick. Always a."},
        ),
    ],
)
def test_const_and_enum(schema: dict[str, Any], expected: dict[str, Any]) -> None:
    assert to_openapi30(schema)[0] == expected


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"exclusiveMinimum": 1}, {"minimum": 1, "exclusiveMinimum": True}),
        ({"exclusiveMaximum": 1.5}, {"maximum": 1.5, "exclusiveMaximum": True}),
        ({"exclusiveMinimum": 1, "minimum": 1}, {"minimum": 1, "exclusiveMinimum": True}),
        ({"exclusiveMinimum": 1, "minimum": 0}, {"minimum": 1, "exclusiveMinimum": True}),
        ({"exclusiveMinimum": 1, "minimum": 2}, {"minimum": 2}),
        ({"exclusiveMaximum": 9, "maximum": 5}, {"maximum": 5}),
        ({"exclusiveMaximum": 5, "maximum": 9}, {"maximum": 5, "exclusiveMaximum": True}),
        # Already 3.0.
        ({"minimum": 1, "exclusiveMinimum": True}, {"minimum": 1, "exclusiveMinimum": True}),
        ({"maximum": 1, "exclusiveMaximum": False}, {"maximum": 1, "exclusiveMaximum": False}),
    ],
)
def test_bounds(schema: dict[str, Any], expected: dict[str, Any]) -> None:
    assert to_openapi30(schema)[0] == expected


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"examples": [1, 2]}, {"example": 1}),
        ({"examples": []}, {}),
        ({"examples": [1], "example": 0}, {"example": 0}),
        (
            {"type": "array", "prefixItems": [{"type": "integer"}], "items": {"type": "string"}},
            {"type": "array", "items": {"anyOf": [{"type": "integer"}, {"type": "string"}]}},
        ),
        (
            {"type": "array", "prefixItems": [{"type": "integer"}], "items": False},
            {"type": "array", "items": {"type": "integer"}},
        ),
        (
            # 1 == True in Python, but not in JSON.
            {"prefixItems": [{"const": 1}, {"const": True}]},
            {
                "items": {
                    "anyOf": [
                        {"type": "integer", "description": "Always 1."},
                        {"type": "boolean", "description": "Always true."},
                    ],
                },
            },
        ),
        ({"type": "array"}, {"type": "array", "items": {}}),
        ({"type": "array", "items": True}, {"type": "array", "items": {}}),
        ({"not": False}, {"not": {"not": {}}}),
        ({"additionalProperties": False}, {"additionalProperties": False}),
        (
            {"patternProperties": {"^a": {"type": "integer"}}, "additionalProperties": False},
            {"additionalProperties": {"type": "integer"}, "description": "Keys match ^a."},
        ),
        (
            {"patternProperties": {"^a": {"type": "integer"}}, "additionalProperties": True},
            {"additionalProperties": True},
        ),
        ({"type": "object", "required": []}, {"type": "object"}),
    ],
)
def test_other_keywords(schema: dict[str, Any], expected: dict[str, Any]) -> None:
    assert to_openapi30(schema)[0] == expected


def test_keywords_30_lacks_are_dropped() -> None:
    kept = {
        "title": "T",
        "description": "D",
        "deprecated": True,
        "readOnly": True,
        "writeOnly": False,
        "format": "email",
        "pattern": "^a",
        "minLength": 1,
        "maxLength": 9,
        "multipleOf": 2,
        "minProperties": 1,
        "x-extra": {"const": 1},
    }
    dropped = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "x",
        "$anchor": "a",
        "$comment": "c",
        "$dynamicRef": "#meta",
        "contentMediaType": "text/plain",
        "contentEncoding": "base64",
        "contentSchema": {"type": "string"},
        "dependentRequired": {"a": ["b"]},
        "dependentSchemas": {"a": {"required": ["b"]}},
        "unevaluatedProperties": False,
        "unevaluatedItems": False,
        "propertyNames": {"pattern": "^a"},
        "if": {"type": "string"},
        "then": {"minLength": 1},
        "else": {"type": "integer"},
        "contains": {"type": "string"},
        "minContains": 1,
    }
    assert to_openapi30({**kept, **dropped})[0] == kept


def test_refs_and_definitions() -> None:
    schema = {
        "$defs": {"A": {"type": "object", "$defs": {"B": {"const": "b"}}}},
        "properties": {
            "a": {"$ref": "#/$defs/A"},
            "b": {"$ref": "#/$defs/B", "description": "A B.", "allOf": [{"title": "x"}]},
            "c": {"$ref": "#/components/schemas/A"},
            "d": {"$ref": "https://example.com/elsewhere.json"},
            "e": {
                "oneOf": [{"$ref": "#/$defs/A"}],
                "discriminator": {"propertyName": "k", "mapping": {"a": "#/$defs/A", "b": "B"}},
            },
        },
    }
    assert to_openapi30(schema) == (
        {
            "properties": {
                "a": {"$ref": "#/components/schemas/A"},
                "b": {
                    "allOf": [{"$ref": "#/components/schemas/B"}, {"title": "x"}],
                    "description": "A B.",
                },
                "c": {"$ref": "#/components/schemas/A"},
                "d": {"$ref": "https://example.com/elsewhere.json"},
                "e": {
                    "oneOf": [{"$ref": "#/components/schemas/A"}],
                    "discriminator": {
                        "propertyName": "k",
                        "mapping": {"a": "#/components/schemas/A", "b": "B"},
                    },
                },
            },
        },
        {"A": {"type": "object"}, "B": {"type": "string", "description": "Always b."}},
    )


def test_two_different_definitions_with_one_name_are_an_error() -> None:
    schema = {"$defs": {"A": {"type": "object", "$defs": {"A": {"type": "string"}}}}}
    with pytest.raises(ValueError, match="'A'"):
        to_openapi30(schema)


def test_property_names_are_not_keywords() -> None:
    schema = {"type": "object", "properties": {"enum": {"type": "string"}, "const": {}}}
    assert to_openapi30(schema)[0] == schema


def test_output_is_plain_json() -> None:
    schema = MappingProxyType(
        {"type": "array", "default": (Priority.LOW, Color.RED.value), "items": {"examples": [(1,)]}}
    )
    root, _ = to_openapi30(schema)
    assert root == {"type": "array", "default": [1, "red"], "items": {"example": [1]}}
    assert type(root["default"][0]) is int


def test_non_json_values_are_rejected() -> None:
    with pytest.raises(TypeError, match="not a JSON value"):
        to_openapi30({"default": dt.date(2024, 1, 1)})
    with pytest.raises(ValueError, match="not JSON compliant"):
        to_openapi30({"maximum": float("inf")})


# --- properties --------------------------------------------------------------------------

_TYPES = st.sampled_from(["string", "integer", "number", "boolean", "array", "object", "null"])
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.floats(-3, 3, allow_nan=False, width=16)
    | st.text(max_size=3)
)
_BOUND = st.integers(-3, 3) | st.floats(-3, 3, width=16) | st.booleans()
_REFS = st.sampled_from(["#/$defs/Thing", "#/components/schemas/Thing"])


def _fragments(children: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Pieces of 2020-12 schemas; several merged make one schema with keywords side by side."""
    one = st.fixed_dictionaries
    return st.one_of(
        one({"type": _TYPES | st.lists(_TYPES, min_size=1, max_size=3, unique=True)}),
        one({"const": _SCALARS}),
        one({"enum": st.lists(_SCALARS, min_size=1, max_size=4)}),
        one({"exclusiveMinimum": _BOUND}, optional={"minimum": st.integers(-3, 3)}),
        one({"exclusiveMaximum": _BOUND}, optional={"maximum": st.integers(-3, 3)}),
        one({"examples": st.lists(_SCALARS, max_size=2)}),
        one({"description": st.text(max_size=3)}, optional={"title": st.text(max_size=3)}),
        one({"$ref": _REFS}),
        one({"if": children, "then": children, "$comment": st.text(max_size=3)}),
        one({"unevaluatedProperties": st.booleans(), "propertyNames": children}),
        st.sampled_from(["anyOf", "oneOf", "allOf"]).flatmap(
            lambda key: one({key: st.lists(children, min_size=1, max_size=3)})
        ),
        one({"anyOf": st.lists(children, max_size=2).map(lambda xs: [*xs, {"type": "null"}])}),
        one(
            {"prefixItems": st.lists(children, min_size=1, max_size=3)},
            optional={"items": children},
        ),
        one({"items": children}),
        one({"properties": st.dictionaries(st.sampled_from(["a", "enum", "type"]), children)}),
        one({"additionalProperties": children}),
        one({"patternProperties": st.dictionaries(st.sampled_from(["^a", "^b"]), children)}),
        one({"not": children}),
        st.just({"$defs": {"Inner": {"type": "string"}}}),
        one(
            {
                "oneOf": st.just([{"$ref": "#/$defs/Thing"}]),
                "discriminator": st.just({"propertyName": "k", "mapping": {"t": "#/$defs/Thing"}}),
            }
        ),
    )


def _merge(fragments: list[dict[str, Any]]) -> dict[str, Any]:
    return {k: v for fragment in fragments for k, v in fragment.items()}


_SCHEMAS = st.recursive(
    st.booleans() | st.fixed_dictionaries({"type": _TYPES}),
    lambda children: st.lists(_fragments(children), max_size=3).map(_merge),
    max_leaves=12,
)


def _root(prop: Any, thing: Any) -> dict[str, Any]:
    # Thing may refer to itself, but only through a property, as a recursive model does: a bare
    # `Thing: {"$ref": Thing}` is a cycle no schema reader resolves.
    thing = {"type": "object", "properties": {"t": thing}}
    return {"type": "object", "properties": {"p": prop}, "$defs": {"Thing": thing}}


_ROOTS = st.builds(_root, _SCHEMAS, _SCHEMAS)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ROOTS)
def test_any_schema_comes_out_as_valid_30(schema: dict[str, Any]) -> None:
    before = copy.deepcopy(schema)
    root, defs = to_openapi30(schema)
    assert schema == before
    assert leftovers_31(root, defs) == []
    assert json.loads(json.dumps(root)) == root
    validate(_document(root, defs), cls=OpenAPIV30SpecValidator)
    assert to_openapi30(root) == (root, {})
