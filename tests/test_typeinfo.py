"""Tests for ``agent_tools._declare.typeinfo``: every supported annotation, and every refusal."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import subprocess
import sys
import textwrap
import typing
import uuid
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Annotated, Any, Literal, Optional, Union

import pytest
from pydantic import AliasChoices, AliasPath, BaseModel, Field

from agent_tools._declare.annotations import is_pydantic_model, type_info
from agent_tools._declare.typeinfo import FieldInfo, Kind, TypeInfo, UnsupportedType
from tests.choices import Color, Level

# --- types under test -------------------------------------------------------------------


class Empty(enum.Enum):
    pass


class Timestamp(dt.datetime):
    """A datetime subclass, as pandas' Timestamp is."""


class BusinessDay(dt.date):
    pass


@dataclasses.dataclass
class Address:
    street: str = dataclasses.field(metadata={"description": "Street and number"})
    zip_code: str | None = None


@dataclasses.dataclass
class Customer:
    name: str
    address: Address
    tags: list[str] = dataclasses.field(default_factory=list)
    vip: bool = False
    customer_id: int = dataclasses.field(default=0, init=False)


@dataclasses.dataclass
class Node:
    name: str
    children: list[Node]


@dataclasses.dataclass
class Link:
    target: Link | None = None


@dataclasses.dataclass
class Parent:
    child: Child


@dataclasses.dataclass
class Child:
    parent: Parent | None = None


@dataclasses.dataclass
class UnionField:
    value: int | str


@dataclasses.dataclass
class Point:
    x: int


@dataclasses.dataclass(frozen=True)
class FrozenPoint:
    x: int


class Plain:
    pass


class Item(BaseModel):
    sku: str = Field(alias="itemSku", description="Stock keeping unit")
    quantity: int = 1
    tags: list[str] = Field(default_factory=list)
    note: int | str | None = None  # Pydantic validates what this package cannot describe


class Order(BaseModel):
    item: Item
    ship_by: dt.date | None = Field(default=None, description="Latest shipping day")


class Tree(BaseModel):
    children: list[Tree] = []


# --- helpers ----------------------------------------------------------------------------

STR = TypeInfo(kind=Kind.STR, annotation=str)
INT = TypeInfo(kind=Kind.INT, annotation=int)
BOOL = TypeInfo(kind=Kind.BOOL, annotation=bool)
DATE = TypeInfo(kind=Kind.DATE, annotation=dt.date)
ANY = TypeInfo(kind=Kind.ANY, annotation=Any)


def _nullable(info: TypeInfo) -> TypeInfo:
    return info.as_nullable()


def _array(annotation: Any, item: TypeInfo, container: type = list) -> TypeInfo:
    return TypeInfo(kind=Kind.ARRAY, annotation=annotation, item=item, container=container)


# --- scalars ----------------------------------------------------------------------------

SCALARS = [
    pytest.param(str, Kind.STR, id="str"),
    pytest.param(int, Kind.INT, id="int"),
    pytest.param(float, Kind.FLOAT, id="float"),
    pytest.param(bool, Kind.BOOL, id="bool"),
    pytest.param(Decimal, Kind.DECIMAL, id="Decimal"),
    pytest.param(dt.date, Kind.DATE, id="date"),
    pytest.param(dt.datetime, Kind.DATETIME, id="datetime"),
    pytest.param(uuid.UUID, Kind.UUID, id="UUID"),
]


@pytest.mark.parametrize(("annotation", "kind"), SCALARS)
def test_scalar(annotation: Any, kind: Kind) -> None:
    assert type_info(annotation) == TypeInfo(kind=kind, annotation=annotation)


@pytest.mark.parametrize(
    ("annotation", "kind"),
    [
        pytest.param(Timestamp, Kind.DATETIME, id="datetime-subclass"),
        pytest.param(BusinessDay, Kind.DATE, id="date-subclass"),
        pytest.param(Any, Kind.ANY, id="Any"),
        pytest.param(object, Kind.ANY, id="object"),
    ],
)
def test_other_classes(annotation: Any, kind: Kind) -> None:
    assert type_info(annotation) == TypeInfo(kind=kind, annotation=annotation)


def test_scalar_defaults() -> None:
    info = type_info(int)
    assert (info.nullable, info.item, info.container, info.choices) == (False, None, list, ())
    assert (info.model, info.pydantic, info.fields, info.is_model) == (None, False, (), False)


# --- Enum and Literal -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        pytest.param(
            Color,
            TypeInfo(
                kind=Kind.ENUM, annotation=Color, choices=(Color.RED, Color.GREEN), model=Color
            ),
            id="str-enum",
        ),
        pytest.param(
            Level,
            TypeInfo(
                kind=Kind.ENUM, annotation=Level, choices=(Level.LOW, Level.HIGH), model=Level
            ),
            id="int-enum",
        ),
        pytest.param(
            Literal["asc", "desc"],
            TypeInfo(kind=Kind.LITERAL, annotation=Literal["asc", "desc"], choices=("asc", "desc")),
            id="str-literal",
        ),
        pytest.param(
            Literal[1, 2, 3],
            TypeInfo(kind=Kind.LITERAL, annotation=Literal[1, 2, 3], choices=(1, 2, 3)),
            id="int-literal",
        ),
        pytest.param(
            Literal[True, False],
            TypeInfo(kind=Kind.LITERAL, annotation=Literal[True, False], choices=(True, False)),
            id="bool-literal",
        ),
        pytest.param(
            Literal["a", None],
            TypeInfo(
                kind=Kind.LITERAL, annotation=Literal["a", None], choices=("a",), nullable=True
            ),
            id="literal-with-None-is-nullable",
        ),
        pytest.param(
            Optional[Literal["a"]],  # noqa: UP045
            TypeInfo(kind=Kind.LITERAL, annotation=Literal["a"], choices=("a",), nullable=True),
            id="optional-literal",
        ),
    ],
)
def test_choices(annotation: Any, expected: TypeInfo) -> None:
    assert type_info(annotation) == expected


def test_enum_is_not_a_model() -> None:
    assert type_info(Color).is_model is False


# --- arrays -----------------------------------------------------------------------------

SCALAR_ITEMS = [
    pytest.param(tp, id=tp.__name__) for tp in (str, int, float, bool, Decimal, dt.date, uuid.UUID)
] + [pytest.param(dt.datetime, id="datetime")]


@pytest.mark.parametrize("item", SCALAR_ITEMS)
@pytest.mark.parametrize(
    ("origin", "container"),
    [
        pytest.param(list, list, id="list"),
        pytest.param(set, set, id="set"),
        pytest.param(frozenset, frozenset, id="frozenset"),
        pytest.param(Sequence, list, id="abc.Sequence"),
        pytest.param(typing.Sequence, list, id="typing.Sequence"),
        pytest.param(typing.List, list, id="typing.List"),  # noqa: UP006
        pytest.param(typing.Set, set, id="typing.Set"),  # noqa: UP006
        pytest.param(typing.FrozenSet, frozenset, id="typing.FrozenSet"),  # noqa: UP006
    ],
)
def test_array_of_scalars(origin: Any, container: type, item: type) -> None:
    annotation = origin[item]
    assert type_info(annotation) == _array(annotation, type_info(item), container)


@pytest.mark.parametrize("item", SCALAR_ITEMS)
@pytest.mark.parametrize(
    "origin",
    [pytest.param(tuple, id="tuple"), pytest.param(typing.Tuple, id="typing.Tuple")],  # noqa: UP006
)
def test_variadic_tuple(origin: Any, item: type) -> None:
    annotation = origin[item, ...]
    assert type_info(annotation) == _array(annotation, type_info(item), tuple)


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        pytest.param(list, _array(list, ANY), id="bare-list"),
        pytest.param(tuple, _array(tuple, ANY, tuple), id="bare-tuple"),
        pytest.param(set, _array(set, ANY, set), id="bare-set"),
        pytest.param(list[Any], _array(list[Any], ANY), id="list-Any"),
        pytest.param(
            list[Color],
            _array(list[Color], type_info(Color)),
            id="list-enum",
        ),
        pytest.param(
            list[Literal["x", "y"]],
            _array(
                list[Literal["x", "y"]],
                TypeInfo(kind=Kind.LITERAL, annotation=Literal["x", "y"], choices=("x", "y")),
            ),
            id="list-literal",
        ),
        pytest.param(
            list[int | None], _array(list[int | None], _nullable(INT)), id="nullable-item"
        ),
        pytest.param(
            Optional[list[int]],  # noqa: UP045
            _nullable(_array(list[int], INT)),
            id="optional-list",
        ),
        pytest.param(
            list[Annotated[int, "an id"]],
            _array(list[Annotated[int, "an id"]], INT),
            id="annotated-item",
        ),
        pytest.param(
            list[dict[str, int]],
            _array(
                list[dict[str, int]],
                TypeInfo(kind=Kind.OBJECT, annotation=dict[str, int], item=INT),
            ),
            id="list-of-dict",
        ),
        pytest.param(
            frozenset[FrozenPoint],
            _array(frozenset[FrozenPoint], type_info(FrozenPoint), frozenset),
            id="frozenset-of-frozen-dataclass",
        ),
    ],
)
def test_array(annotation: Any, expected: TypeInfo) -> None:
    assert type_info(annotation) == expected


# --- Optional and Annotated -------------------------------------------------------------


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        pytest.param(Optional[int], _nullable(INT), id="Optional"),  # noqa: UP045
        pytest.param(int | None, _nullable(INT), id="pipe-None"),
        pytest.param(None | int, _nullable(INT), id="None-pipe"),
        pytest.param(Union[int, None], _nullable(INT), id="Union-None"),  # noqa: UP007
        pytest.param(Annotated[int, "doc"], INT, id="Annotated"),
        pytest.param(Annotated[int | None, "doc"], _nullable(INT), id="Annotated-Optional"),
        pytest.param(Optional[Annotated[int, "doc"]], _nullable(INT), id="Optional-Annotated"),  # noqa: UP045
        pytest.param(Annotated[Annotated[bool, "a"], "b"], BOOL, id="Annotated-twice"),
        pytest.param(Annotated[dt.date, "x"] | None, _nullable(DATE), id="Annotated-pipe-None"),
        pytest.param(
            Optional[Color],  # noqa: UP045
            _nullable(type_info(Color)),
            id="Optional-enum",
        ),
        pytest.param(Address | None, _nullable(type_info(Address)), id="Optional-dataclass"),
    ],
)
def test_optional_and_annotated(annotation: Any, expected: TypeInfo) -> None:
    assert type_info(annotation) == expected


# --- mappings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        pytest.param(dict, TypeInfo(kind=Kind.OBJECT, annotation=dict, item=ANY), id="dict"),
        pytest.param(
            dict[str, int],
            TypeInfo(kind=Kind.OBJECT, annotation=dict[str, int], item=INT),
            id="dict-str-int",
        ),
        pytest.param(
            dict[str, Any],
            TypeInfo(kind=Kind.OBJECT, annotation=dict[str, Any], item=ANY),
            id="dict-str-Any",
        ),
        pytest.param(
            dict[str, list[str]],
            TypeInfo(
                kind=Kind.OBJECT, annotation=dict[str, list[str]], item=_array(list[str], STR)
            ),
            id="dict-of-lists",
        ),
        pytest.param(
            Mapping[str, bool],
            TypeInfo(kind=Kind.OBJECT, annotation=Mapping[str, bool], item=BOOL),
            id="abc.Mapping",
        ),
        pytest.param(
            typing.Dict[str, int],  # noqa: UP006
            TypeInfo(kind=Kind.OBJECT, annotation=typing.Dict[str, int], item=INT),  # noqa: UP006
            id="typing.Dict",
        ),
        pytest.param(
            dict[str, int | None],
            TypeInfo(kind=Kind.OBJECT, annotation=dict[str, int | None], item=_nullable(INT)),
            id="nullable-values",
        ),
    ],
)
def test_mapping(annotation: Any, expected: TypeInfo) -> None:
    info = type_info(annotation)
    assert info == expected
    assert info.is_model is False


# --- dataclasses ------------------------------------------------------------------------

ADDRESS = TypeInfo(
    kind=Kind.OBJECT,
    annotation=Address,
    model=Address,
    fields=(
        FieldInfo(name="street", type=STR, required=True, description="Street and number"),
        FieldInfo(name="zip_code", type=_nullable(STR), required=False, default=None),
    ),
)


def test_dataclass() -> None:
    info = type_info(Address)
    assert info == ADDRESS
    assert info.is_model is True


def test_nested_dataclass() -> None:
    assert type_info(Customer) == TypeInfo(
        kind=Kind.OBJECT,
        annotation=Customer,
        model=Customer,
        fields=(
            FieldInfo(name="name", type=STR, required=True),
            FieldInfo(name="address", type=ADDRESS, required=True),
            # A default_factory makes the field optional; its default is not called.
            FieldInfo(name="tags", type=_array(list[str], STR), required=False, default=None),
            FieldInfo(name="vip", type=BOOL, required=False, default=False),
            # customer_id has init=False: the model cannot set it.
        ),
    )


def test_same_dataclass_twice_is_not_recursion() -> None:
    info = type_info(dict[str, Address])
    assert info.item == ADDRESS
    assert type_info(list[Address]).item == ADDRESS


# --- Pydantic models --------------------------------------------------------------------

ITEM = TypeInfo(
    kind=Kind.OBJECT,
    annotation=Item,
    model=Item,
    pydantic=True,
    fields=(
        # Read by its alias, the name the schema shows, or by its attribute's name.
        FieldInfo(
            name="itemSku",
            type=STR,
            required=True,
            description="Stock keeping unit",
            other_names=("sku",),
        ),
        FieldInfo(name="quantity", type=INT, required=False, default=1),
        # Pydantic's default_factory is called: the default is the value it makes.
        FieldInfo(name="tags", type=_array(list[str], STR), required=False, default=[]),
        # A union this package cannot describe is left to Pydantic's own validation.
        FieldInfo(
            name="note",
            type=TypeInfo(kind=Kind.ANY, annotation=int | str | None),
            required=False,
            default=None,
        ),
    ),
)


def test_pydantic_model() -> None:
    info = type_info(Item)
    assert info == ITEM
    assert info.is_model is True


def test_pydantic_validation_aliases_are_the_wire_names() -> None:
    class Claim(BaseModel):
        claim_id: str = Field(validation_alias="claimId")
        policy: str = Field(validation_alias=AliasChoices("policyNumber", "policy_no"))

    fields = type_info(Claim).fields
    assert [(f.name, f.other_names) for f in fields] == [
        ("claimId", ("claim_id",)),
        ("policyNumber", ("policy_no", "policy")),
    ]
    schema = Claim.model_json_schema(mode="validation")
    assert list(schema["properties"]) == [f.name for f in fields]


def test_pydantic_alias_path_is_refused() -> None:
    class Nested(BaseModel):
        city: str = Field(validation_alias=AliasPath("address", "city"))

    with pytest.raises(UnsupportedType, match=r"Nested\.city: AliasPath reads a nested value"):
        type_info(Nested)


def test_nested_pydantic_model() -> None:
    assert type_info(Order) == TypeInfo(
        kind=Kind.OBJECT,
        annotation=Order,
        model=Order,
        pydantic=True,
        fields=(
            FieldInfo(name="item", type=ITEM, required=True),
            FieldInfo(
                name="ship_by",
                type=_nullable(DATE),
                required=False,
                default=None,
                description="Latest shipping day",
            ),
        ),
    )


def test_recursive_pydantic_model_is_left_to_pydantic() -> None:
    (children,) = type_info(Tree).fields
    assert children == FieldInfo(
        name="children",
        type=TypeInfo(kind=Kind.ANY, annotation=list[Tree]),
        required=False,
        default=[],
    )


def test_is_pydantic_model() -> None:
    assert is_pydantic_model(Item) is True
    assert is_pydantic_model(BaseModel) is True
    assert is_pydantic_model(Item(itemSku="a")) is False  # an instance, not the class
    assert is_pydantic_model(Address) is False
    assert is_pydantic_model(list[Item]) is False
    assert is_pydantic_model("Item") is False


def test_pydantic_is_not_imported_by_the_package() -> None:
    code = textwrap.dedent(
        """
        import sys
        import agent_tools
        from agent_tools._declare.annotations import is_pydantic_model, type_info
        after_import = "pydantic" in sys.modules
        type_info(int)
        after_type_info = "pydantic" in sys.modules
        class Plain: pass
        print(after_import, after_type_info, is_pydantic_model(Plain), "pydantic" in sys.modules)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stderr, result.stdout) == (0, "", "False False False False\n")


# --- refusals ---------------------------------------------------------------------------

_CLASSES = (
    "use str, int, float, bool, Decimal, date, datetime, UUID, an Enum, a Literal, a list of "
    "those, a dataclass, a TypedDict or a Pydantic model"
)
_UNION = (
    "is not supported: Bedrock sends one string per parameter, so use a single type "
    "(Optional[X] is fine)"
)
_TUPLE = "is not supported: OpenAPI 3.0 has no prefixItems; use tuple[X, ...] or list[X]"


@pytest.mark.parametrize(
    ("annotation", "message"),
    [
        pytest.param(int | str, f"union int | str {_UNION}", id="union"),
        pytest.param(Plain, f"Plain is not a supported parameter type; {_CLASSES}", id="class"),
        pytest.param(
            list[Plain], f"Plain is not a supported parameter type; {_CLASSES}", id="list-of-class"
        ),
        pytest.param(Empty, "enum Empty has no members", id="empty-enum"),
        pytest.param(Literal[None], "Literal[None] carries no value", id="Literal-None"),
        pytest.param(
            Literal[b"x"], "Literal values must be str, int or bool, got b'x'", id="Literal-bytes"
        ),
        pytest.param(
            Literal[Color.RED],
            "Literal values must be str, int or bool, got <Color.RED: 'red'>",
            id="Literal-enum-member",
        ),
        pytest.param(None, "None alone is not a parameter type", id="None"),
        pytest.param(type(None), "None alone is not a parameter type", id="NoneType"),
        pytest.param(
            Node,
            "field Node.children: Node refers to itself; recursive models are not supported",
            id="recursive-dataclass",
        ),
        pytest.param(
            Link,
            "field Link.target: Link refers to itself; recursive models are not supported",
            id="self-referencing-optional",
        ),
        pytest.param(
            Parent,
            "field Parent.child: field Child.parent: Parent refers to itself; "
            "recursive models are not supported",
            id="mutually-recursive-dataclasses",
        ),
        pytest.param(
            UnionField, f"field UnionField.value: union int | str {_UNION}", id="dataclass-field"
        ),
        pytest.param("int", "'int' is not a supported parameter type", id="string-annotation"),
    ],
)
def test_refusal(annotation: Any, message: str) -> None:
    with pytest.raises(UnsupportedType) as caught:
        type_info(annotation)
    assert str(caught.value) == message


# The annotation in these messages is the whole one the developer wrote.
@pytest.mark.parametrize(
    ("annotation", "message"),
    [
        pytest.param(Union[int, str], f"union Union[int, str] {_UNION}", id="typing-Union"),  # noqa: UP007
        pytest.param(int | str | None, f"union Union[int, str] {_UNION}", id="union-with-None"),
        pytest.param(tuple[int, str], f"fixed-length tuple[int, str] {_TUPLE}", id="fixed-tuple"),
        pytest.param(tuple[int], f"fixed-length tuple[int] {_TUPLE}", id="one-tuple"),
        pytest.param(
            list[list[int]],
            "nested arrays (list[list[int]]) are not supported by Bedrock",
            id="nested-arrays",
        ),
        pytest.param(
            dict[int, str],
            "dict[int, str]: JSON object keys are strings; use dict[str, X]",
            id="non-str-keys",
        ),
    ],
)
def test_refusal_names_the_annotation(annotation: Any, message: str) -> None:
    with pytest.raises(UnsupportedType) as caught:
        type_info(annotation)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    "annotation",
    [
        pytest.param(list[tuple[int, ...]], id="list-of-tuple"),
        pytest.param(set[frozenset[int]], id="set-of-frozenset"),
        pytest.param(Optional[list[list[str]]], id="optional-nested"),  # noqa: UP045
        pytest.param(list[list[int] | None], id="nullable-inner"),
        pytest.param(Mapping[int, str], id="Mapping-int-keys"),
        pytest.param(typing.Tuple[int, str], id="typing-Tuple-fixed"),  # noqa: UP006
        pytest.param(Optional[Union[int, str]], id="Optional-Union"),  # noqa: UP007, UP045
    ],
)
def test_more_refusals(annotation: Any) -> None:
    with pytest.raises(UnsupportedType, match=r"union|fixed-length|nested arrays|keys"):
        type_info(annotation)


# A set of dicts or of mutable dataclasses cannot be built at all (the items are unhashable),
# so the developer should hear about it at registration, not the model at call time.
@pytest.mark.parametrize(
    "annotation",
    [
        pytest.param(set[dict[str, int]], id="set-of-dict"),
        pytest.param(frozenset[dict[str, int]], id="frozenset-of-dict"),
        pytest.param(set[Point], id="set-of-dataclass"),
        pytest.param(set[Item], id="set-of-pydantic-model"),
    ],
)
def test_set_of_unhashable_items_is_refused(annotation: Any) -> None:
    with pytest.raises(UnsupportedType):
        type_info(annotation)


def test_unsupported_type_is_a_type_error() -> None:
    assert issubclass(UnsupportedType, TypeError)
