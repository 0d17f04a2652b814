"""What the package knows about each kind of type, in one entry per ``Kind``.

An entry holds everything a reader needs: the converter's builder, the JSON type (what
Bedrock's function schema ``type`` takes), the JSON Schema fragment that OpenAPI and other
schema writers start from, and the words the model reads, both in descriptions and in a
REPROMPT. Formats that cannot carry ``format``, ``enum`` or bounds (Bedrock's function
schema, for one) put ``expected(info)`` into the description instead, so the schema and the
refusal never disagree. Adding a kind is one entry here plus recognising it in ``typeinfo``.

Structural kinds (Enum and Literal choices, arrays, objects) have entries too; their words and
schemas depend on what is inside them, so the functions below complete them.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping
from typing import Any

from agent_tools._serve import convert as coerce
from agent_tools._serve.convert import Build, Builder, Converter
from agent_tools._serve.convert_structured import array_converter, object_converter

from .constraints import bounded, constraint_schema, constraint_text
from .frozen import Frozen
from .typeinfo import Kind, TypeInfo

__all__ = [
    "KINDS",
    "KindEntry",
    "choice_text",
    "converter",
    "expected",
    "json_type",
    "leaf_schema",
]


class KindEntry(Frozen):
    """One kind of type, as every reader sees it.

    Attributes:
        json_type: the JSON type a value is written as; Bedrock's function-schema ``type``.
        schema: the JSON Schema fragment for a value (``format`` included); structural kinds
            give only their ``type`` and the writers add ``items`` or ``properties``.
        expected: what a value looks like, in words the model can act on.
        plural: the words for an array's elements of this kind.
        example: a JSON array of two such values, for the array words.
        described: ``expected`` goes into a parameter's description, because ``json_type``
            alone does not say what to send.
        build: makes the converter, once per parameter at registration.
    """

    __slots__ = ("build", "described", "example", "expected", "json_type", "plural", "schema")
    json_type: str
    schema: Mapping[str, Any]
    expected: str
    plural: str
    example: str
    described: bool
    build: Builder

    def __init__(
        self,
        *,
        json_type: str,
        schema: Mapping[str, Any],
        expected: str,
        plural: str,
        example: str,
        described: bool,
        build: Builder,
    ) -> None:
        self._set(
            json_type=json_type,
            schema=schema,
            expected=expected,
            plural=plural,
            example=example,
            described=described,
            build=build,
        )


_UUID = "123e4567-e89b-12d3-a456-426614174000"

KINDS: Mapping[Kind, KindEntry] = {
    Kind.STR: KindEntry(
        json_type="string",
        schema={"type": "string"},
        expected="a string",
        plural="strings",
        example='["a", "b"]',
        described=False,
        build=coerce.str_converter,
    ),
    Kind.INT: KindEntry(
        json_type="integer",
        schema={"type": "integer"},
        expected="a whole number such as 42",
        plural="whole numbers",
        example="[1, 2]",
        described=False,
        build=coerce.int_converter,
    ),
    Kind.FLOAT: KindEntry(
        json_type="number",
        schema={"type": "number"},
        expected="a number such as 3.5",
        plural="numbers",
        example="[1.5, 2]",
        described=False,
        build=coerce.float_converter,
    ),
    Kind.DECIMAL: KindEntry(
        json_type="number",
        schema={"type": "number"},
        expected="a decimal number such as 12.50",
        plural="decimal numbers",
        example="[1.50, 2]",
        described=True,
        build=coerce.decimal_converter,
    ),
    Kind.BOOL: KindEntry(
        json_type="boolean",
        schema={"type": "boolean"},
        expected="true or false",
        plural="booleans",
        example="[true, false]",
        described=False,
        build=coerce.bool_converter,
    ),
    Kind.DATE: KindEntry(
        json_type="string",
        schema={"type": "string", "format": "date"},
        expected="a date as YYYY-MM-DD",
        plural="dates (YYYY-MM-DD)",
        example='["2026-01-24", "2026-01-25"]',
        described=True,
        build=coerce.date_converter,
    ),
    Kind.DATETIME: KindEntry(
        json_type="string",
        schema={"type": "string", "format": "date-time"},
        expected="an ISO 8601 date-time such as 2026-01-24T09:30:00Z",
        plural="ISO 8601 date-times",
        example='["2026-01-24T09:30:00Z"]',
        described=True,
        build=coerce.datetime_converter,
    ),
    Kind.UUID: KindEntry(
        json_type="string",
        schema={"type": "string", "format": "uuid"},
        expected=f"a UUID such as {_UUID}",
        plural="UUIDs",
        example=f'["{_UUID}"]',
        described=True,
        build=coerce.uuid_converter,
    ),
    Kind.EMAIL: KindEntry(
        json_type="string",
        schema={"type": "string", "format": "email"},
        expected="an email address such as name@example.com",
        plural="email addresses",
        example='["ana@example.com", "bo@example.com"]',
        described=True,
        build=coerce.email_converter,
    ),
    Kind.ENUM: KindEntry(
        json_type="string",
        schema={},
        expected="one of the choices",
        plural="values",
        example="",
        described=True,
        build=coerce.choices_converter,
    ),
    Kind.LITERAL: KindEntry(
        json_type="string",
        schema={},
        expected="one of the choices",
        plural="values",
        example="",
        described=True,
        build=coerce.choices_converter,
    ),
    Kind.ARRAY: KindEntry(
        json_type="array",
        schema={"type": "array"},
        expected="a JSON array",
        plural="arrays",
        example="[[1, 2]]",
        described=True,
        build=array_converter,
    ),
    Kind.OBJECT: KindEntry(
        json_type="object",
        schema={"type": "object"},
        expected="a JSON object",
        plural="objects",
        example='[{"name": "value"}]',
        described=True,
        build=object_converter,
    ),
    Kind.ANY: KindEntry(
        json_type="string",
        schema={},
        expected="a value",
        plural="values",
        example="[1, 2]",
        described=False,
        build=coerce.any_converter,
    ),
}


def converter(info: TypeInfo) -> Converter:
    """Build the converter for one annotation: its kind's, then its bounds, then ``None``."""
    convert = KINDS[info.kind].build(info, _BUILD)
    if info.constraints is not None:  # only declared bounds cost a check per call
        convert = bounded(convert, info.constraints, expected(info))
    if not info.nullable:
        return convert
    if info.kind in (Kind.ENUM, Kind.LITERAL):
        return coerce.nullable_choice(convert)
    return coerce.nullable(convert)


def expected(info: TypeInfo) -> str:
    """What a value of this type looks like, in words the model can act on."""
    kind = info.kind
    if kind in (Kind.ENUM, Kind.LITERAL):
        words = f"one of: {choice_text(info)}"
    elif kind is Kind.ARRAY:
        assert info.item is not None  # an ARRAY always has an item type
        words = f"a JSON array of {_plural(info.item)}, such as {_example_array(info.item)}"
    elif kind is Kind.OBJECT and info.fields:
        words = f"a JSON object with the fields {', '.join(f.name for f in info.fields)}"
    else:
        words = KINDS[kind].expected
    if info.constraints is not None:
        unit = "items" if kind is Kind.ARRAY else "characters"
        return f"{words}, {constraint_text(info.constraints, unit)}"
    return words


def json_type(info: TypeInfo) -> str:
    """The JSON type a value of ``info`` is written as: what Bedrock's ``type`` field takes."""
    if info.kind in (Kind.ENUM, Kind.LITERAL):
        values = [_choice_value(c) for c in info.choices]
        if all(isinstance(v, bool) for v in values):
            return "boolean"
        if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            return "integer"
    return KINDS[info.kind].json_type


def leaf_schema(info: TypeInfo, *, boolean_exclusive: bool) -> dict[str, Any]:
    """The JSON Schema of a kind without parts (not an array or object), bounds included.

    Enum and Literal choices are left to the description (Bedrock refuses ``enum``).
    ``boolean_exclusive`` writes exclusive bounds as OpenAPI 3.0 does.
    """
    entry = KINDS[info.kind]
    schema = {"type": json_type(info)} if info.kind in (Kind.ENUM, Kind.LITERAL) else {}
    schema.update(entry.schema)
    if info.constraints is not None:
        schema.update(constraint_schema(info.constraints, boolean_exclusive=boolean_exclusive))
    return schema


def choice_text(info: TypeInfo) -> str:
    return ", ".join(_plain(_choice_value(c)) for c in info.choices)


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
    return KINDS[item.kind].plural


def _example_array(item: TypeInfo) -> str:
    if item.kind in (Kind.ENUM, Kind.LITERAL):
        return json.dumps([_choice_value(c) for c in item.choices[:2]], default=str)
    return KINDS[item.kind].example


_BUILD = Build(converter=converter, expected=expected)
