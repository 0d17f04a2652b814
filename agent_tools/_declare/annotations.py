"""Annotations in, one ``TypeInfo`` out.

``type_info`` runs once per parameter when a tool is registered: it strips ``Optional`` and
``Annotated`` (reading bounds from the latter), and describes what is left, refusing with
``UnsupportedType`` what Bedrock's types cannot carry and saying what to use instead.
"""

from __future__ import annotations

import datetime as dt
import enum
import sys
import types
import typing
from collections.abc import Mapping, Sequence
from typing import Any

from .constraints import Constraints, read_constraints
from .typeinfo import FieldInfo, Kind, TypeInfo, UnsupportedType

__all__ = ["is_pydantic_model", "type_info"]


_SCALARS: dict[Any, Kind] = {
    str: Kind.STR,
    int: Kind.INT,
    float: Kind.FLOAT,
    bool: Kind.BOOL,
    dt.date: Kind.DATE,
    dt.datetime: Kind.DATETIME,
    Any: Kind.ANY,
    object: Kind.ANY,
}
_ARRAYS: dict[Any, type] = {
    list: list,
    tuple: tuple,
    set: set,
    frozenset: frozenset,
    Sequence: list,
    typing.Sequence: list,
    typing.List: list,  # noqa: UP006
    typing.Tuple: tuple,  # noqa: UP006
    typing.Set: set,  # noqa: UP006
    typing.FrozenSet: frozenset,  # noqa: UP006
}
_MAPPINGS = (dict, Mapping, typing.Dict, typing.Mapping)  # noqa: UP006


def type_info(annotation: Any) -> TypeInfo:
    """Describe ``annotation``, or raise ``UnsupportedType`` saying what to use instead."""
    return _type_info(annotation, ())


def is_pydantic_model(tp: Any) -> bool:
    """``tp`` is a Pydantic model class, checked without importing Pydantic."""
    pydantic = sys.modules.get("pydantic")
    return pydantic is not None and isinstance(tp, type) and issubclass(tp, pydantic.BaseModel)


def _type_info(annotation: Any, seen: tuple[type, ...]) -> TypeInfo:
    annotation, metadata = _split_annotated(annotation)
    inner, nullable = _strip_optional(annotation)
    inner, inner_metadata = _split_annotated(inner)
    info = _describe(inner, seen)
    if metadata or inner_metadata:
        info = info.constrained(_constraints(info, (*metadata, *inner_metadata)))
    return info.as_nullable() if nullable else info


_NUMBERS = (Kind.INT, Kind.FLOAT, Kind.DECIMAL)
_SIZED = (Kind.STR, Kind.EMAIL, Kind.ARRAY)


def _constraints(info: TypeInfo, metadata: tuple[Any, ...]) -> Constraints | None:
    constraints = read_constraints(metadata, info.constraints)
    if constraints is not None and constraints is not info.constraints:
        _check_constraints(info, constraints)
    return constraints


def _check_constraints(info: TypeInfo, constraints: Constraints) -> None:
    kind = info.kind
    if constraints.numeric and kind not in _NUMBERS:
        raise UnsupportedType(
            f"bounds such as ge/le apply to numbers, not to {_name(info.annotation)}"
        )
    lengths = constraints.min_length is not None or constraints.max_length is not None
    if lengths and kind not in _SIZED:
        raise UnsupportedType(
            f"min_length/max_length apply to strings and arrays, not to {_name(info.annotation)}"
        )
    if constraints.pattern is not None and kind not in (Kind.STR, Kind.EMAIL):
        raise UnsupportedType(f"pattern applies to strings, not to {_name(info.annotation)}")
    low = constraints.ge if constraints.ge is not None else constraints.gt
    high = constraints.le if constraints.le is not None else constraints.lt
    if low is not None and high is not None and low > high:
        raise UnsupportedType(f"the lower bound {low} is above the upper bound {high}")
    if (
        constraints.min_length is not None
        and constraints.max_length is not None
        and constraints.min_length > constraints.max_length
    ):
        raise UnsupportedType(
            f"min_length {constraints.min_length} is above max_length {constraints.max_length}"
        )


def _describe(tp: Any, seen: tuple[type, ...]) -> TypeInfo:
    kind = _SCALARS.get(tp)
    if kind is not None:
        return TypeInfo(kind=kind, annotation=tp)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Literal:
        return _literal(tp, args)
    if tp in _ARRAYS or origin in _ARRAYS:
        return _array(tp, origin, args, seen)
    if tp in _MAPPINGS or origin in _MAPPINGS:
        return _mapping(tp, args, seen)
    if origin is typing.Union or origin is types.UnionType:
        raise UnsupportedType(
            f"union {_name(tp)} is not supported: Bedrock sends one string per parameter, "
            "so use a single type (Optional[X] is fine)"
        )
    if isinstance(tp, type):
        return _class(tp, seen)
    raise UnsupportedType(f"{_name(tp)} is not a supported parameter type")


def _class(tp: type, seen: tuple[type, ...]) -> TypeInfo:
    if issubclass(tp, enum.Enum):
        if not list(tp):
            raise UnsupportedType(f"enum {tp.__name__} has no members")
        return TypeInfo(kind=Kind.ENUM, annotation=tp, choices=tuple(tp), model=tp)
    if issubclass(tp, dt.datetime):  # before date: datetime is a date
        return TypeInfo(kind=Kind.DATETIME, annotation=tp)
    if issubclass(tp, dt.date):
        return TypeInfo(kind=Kind.DATE, annotation=tp)
    # Decimal and UUID are recognised by name so that neither module is imported for
    # handlers that never use them.
    qualified = (tp.__module__, tp.__qualname__)
    if qualified == ("decimal", "Decimal"):
        return TypeInfo(kind=Kind.DECIMAL, annotation=tp)
    if qualified == ("uuid", "UUID"):
        return TypeInfo(kind=Kind.UUID, annotation=tp)
    if qualified == ("pydantic.networks", "EmailStr"):
        return TypeInfo(kind=Kind.EMAIL, annotation=tp)
    if tp in seen:
        raise UnsupportedType(f"{tp.__name__} refers to itself; recursive models are not supported")
    pydantic = is_pydantic_model(tp)
    if pydantic or hasattr(tp, "__dataclass_fields__") or typing.is_typeddict(tp):
        return _model(tp, (*seen, tp), pydantic=pydantic)
    raise UnsupportedType(
        f"{tp.__name__} is not a supported parameter type; use str, int, float, bool, Decimal, "
        "date, datetime, UUID, an Enum, a Literal, a list of those, a dataclass, a TypedDict "
        "or a Pydantic model"
    )


def _literal(tp: Any, args: tuple[Any, ...]) -> TypeInfo:
    values = tuple(a for a in args if a is not None)
    if not values:
        raise UnsupportedType("Literal[None] carries no value")
    for value in values:
        if not isinstance(value, str | int) or isinstance(value, enum.Enum):
            raise UnsupportedType(f"Literal values must be str, int or bool, got {value!r}")
    info = TypeInfo(kind=Kind.LITERAL, annotation=tp, choices=values)
    return info.as_nullable() if len(values) < len(args) else info


def _array(tp: Any, origin: Any, args: tuple[Any, ...], seen: tuple[type, ...]) -> TypeInfo:
    container = _ARRAYS[origin if origin in _ARRAYS else tp]
    if container is tuple and args and not (len(args) == 2 and args[1] is Ellipsis):
        raise UnsupportedType(
            f"fixed-length {_name(tp)} is not supported: OpenAPI 3.0 has no prefixItems; "
            "use tuple[X, ...] or list[X]"
        )
    item = _type_info(args[0], seen) if args else TypeInfo(kind=Kind.ANY, annotation=Any)
    if item.kind is Kind.ARRAY:
        raise UnsupportedType(f"nested arrays ({_name(tp)}) are not supported by Bedrock")
    if container in (set, frozenset) and not _hashable(item):
        raise UnsupportedType(
            f"{_name(tp)} needs hashable elements; use list[...] or a frozen dataclass"
        )
    return TypeInfo(kind=Kind.ARRAY, annotation=tp, item=item, container=container)


def _hashable(item: TypeInfo) -> bool:
    if item.kind is not Kind.OBJECT:
        return True
    return item.model is not None and getattr(item.model, "__hash__", None) is not None


def _mapping(tp: Any, args: tuple[Any, ...], seen: tuple[type, ...]) -> TypeInfo:
    if args and args[0] is not str:
        raise UnsupportedType(f"{_name(tp)}: JSON object keys are strings; use dict[str, X]")
    value = _type_info(args[1], seen) if len(args) == 2 else TypeInfo(kind=Kind.ANY, annotation=Any)
    return TypeInfo(kind=Kind.OBJECT, annotation=tp, item=value)


def _model(tp: type, seen: tuple[type, ...], *, pydantic: bool) -> TypeInfo:
    # Only handlers whose types include a model load the module that reads their fields.
    from . import model_fields

    if pydantic:
        declared = model_fields.pydantic_fields(tp)
    elif hasattr(tp, "__dataclass_fields__"):
        declared = model_fields.dataclass_fields(tp)
    else:
        declared = model_fields.typeddict_fields(tp)
    fields = tuple(
        FieldInfo(
            name=field.name,
            other_names=field.other_names,
            type=_field_type(tp, field.attribute, field.annotation, seen, lenient=pydantic),
            required=field.required,
            default=field.default,
            description=field.description,
        )
        for field in declared
    )
    return TypeInfo(kind=Kind.OBJECT, annotation=tp, model=tp, pydantic=pydantic, fields=fields)


def _field_type(
    owner: type, name: str, annotation: Any, seen: tuple[type, ...], *, lenient: bool = False
) -> TypeInfo:
    try:
        return _type_info(annotation, seen)
    except UnsupportedType as exc:
        if lenient:
            # Pydantic validates its own fields; a type this package cannot describe is passed
            # through as sent and left to the model's validators.
            return TypeInfo(kind=Kind.ANY, annotation=annotation)
        raise UnsupportedType(f"field {owner.__name__}.{name}: {exc}") from exc


def _split_annotated(tp: Any) -> tuple[Any, tuple[Any, ...]]:
    metadata: tuple[Any, ...] = ()
    while typing.get_origin(tp) is typing.Annotated:
        metadata = (*tp.__metadata__, *metadata)
        tp = tp.__origin__
    return tp, metadata


def _strip_optional(tp: Any) -> tuple[Any, bool]:
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        args = typing.get_args(tp)
        rest = tuple(a for a in args if a is not type(None))
        if len(rest) < len(args):
            if len(rest) == 1:
                return rest[0], True
            return typing.Union[rest], True  # noqa: UP007 - rebuilt at run time
    if tp is None or tp is type(None):
        raise UnsupportedType("None alone is not a parameter type")
    return tp, False


def _name(tp: Any) -> str:
    if isinstance(tp, type) and not typing.get_args(tp):
        return tp.__name__
    return repr(tp).replace("typing.", "")
