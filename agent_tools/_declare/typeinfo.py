"""Annotations in, one small typed description out.

``type_info`` runs once per parameter when a tool is registered. Everything downstream (the
coercers, the function-schema writer, the OpenAPI writer, the description hints) reads only
the ``TypeInfo`` it returns, each with one branch per ``Kind``. Adding a supported type
means adding a ``Kind`` and one branch in each reader.
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
from .frozen import Frozen

__all__ = ["FieldInfo", "Kind", "TypeInfo", "UnsupportedType", "is_pydantic_model", "type_info"]


class Kind(enum.Enum):
    STR = "str"
    INT = "int"
    FLOAT = "float"
    DECIMAL = "decimal"
    BOOL = "bool"
    DATE = "date"
    DATETIME = "datetime"
    UUID = "uuid"
    EMAIL = "email"
    ENUM = "enum"
    LITERAL = "literal"
    ARRAY = "array"
    OBJECT = "object"
    ANY = "any"


class FieldInfo(Frozen):
    """One field of a dataclass or Pydantic model.

    ``name`` is the name on the wire, the one every schema shows: a Pydantic field's
    validation alias when it has one. ``other_names`` are also read (the attribute's own name
    and further alias choices), as Pydantic's ``populate_by_name`` would.
    """

    __slots__ = ("default", "description", "name", "other_names", "required", "type")
    name: str
    type: TypeInfo
    required: bool
    default: Any
    description: str | None
    other_names: tuple[str, ...]

    def __init__(
        self,
        *,
        name: str,
        type: TypeInfo,
        required: bool,
        default: Any = None,
        description: str | None = None,
        other_names: tuple[str, ...] = (),
    ) -> None:
        self._set(
            name=name,
            type=type,
            required=required,
            default=default,
            description=description,
            other_names=other_names,
        )


class TypeInfo(Frozen):
    """What the package needs to know about one annotation.

    Attributes:
        kind: the family of the type.
        annotation: the annotation it came from, without ``Optional`` and ``Annotated``.
        nullable: ``None`` is accepted (``Optional[X]``, ``X | None``).
        item: the element type of an ``ARRAY``, or the value type of a mapping ``OBJECT``.
        container: the concrete type an ``ARRAY`` is built as: list, tuple, set or frozenset.
        choices: the members of an ``ENUM`` or the values of a ``LITERAL``.
        model: the Enum class, dataclass or Pydantic model, or ``None``.
        pydantic: ``model`` is a Pydantic model.
        fields: the fields of a dataclass or Pydantic model ``OBJECT``.
        constraints: bounds declared with ``Annotated``, or ``None`` (most parameters).
    """

    __slots__ = (
        "annotation",
        "choices",
        "constraints",
        "container",
        "fields",
        "item",
        "kind",
        "model",
        "nullable",
        "pydantic",
    )
    kind: Kind
    annotation: Any
    nullable: bool
    item: TypeInfo | None
    container: type
    choices: tuple[Any, ...]
    model: type | None
    pydantic: bool
    fields: tuple[FieldInfo, ...]
    constraints: Constraints | None

    def __init__(
        self,
        *,
        kind: Kind,
        annotation: Any,
        nullable: bool = False,
        item: TypeInfo | None = None,
        container: type = list,
        choices: tuple[Any, ...] = (),
        model: type | None = None,
        pydantic: bool = False,
        fields: tuple[FieldInfo, ...] = (),
        constraints: Constraints | None = None,
    ) -> None:
        self._set(
            kind=kind,
            annotation=annotation,
            nullable=nullable,
            item=item,
            container=container,
            choices=choices,
            model=model,
            pydantic=pydantic,
            fields=fields,
            constraints=constraints,
        )

    def as_nullable(self) -> TypeInfo:
        """The same type, also accepting ``None``."""
        return self._with(nullable=True, constraints=self.constraints)

    def constrained(self, constraints: Constraints | None) -> TypeInfo:
        """The same type, with ``constraints`` (``None``: without any)."""
        return self._with(nullable=self.nullable, constraints=constraints)

    def _with(self, *, nullable: bool, constraints: Constraints | None) -> TypeInfo:
        return TypeInfo(
            kind=self.kind,
            annotation=self.annotation,
            nullable=nullable,
            item=self.item,
            container=self.container,
            choices=self.choices,
            model=self.model,
            pydantic=self.pydantic,
            fields=self.fields,
            constraints=constraints,
        )

    @property
    def is_model(self) -> bool:
        """A dataclass or Pydantic model (an ``OBJECT`` with named fields)."""
        return self.kind is Kind.OBJECT and self.model is not None


class UnsupportedType(TypeError):
    """The annotation has no mapping to Bedrock's types; the message says what to use."""


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
    if is_pydantic_model(tp):
        return _pydantic(tp, (*seen, tp))
    if hasattr(tp, "__dataclass_fields__"):
        return _dataclass(tp, (*seen, tp))
    if typing.is_typeddict(tp):
        return _typeddict(tp, (*seen, tp))
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


def _dataclass(tp: type, seen: tuple[type, ...]) -> TypeInfo:
    import dataclasses  # already imported by the module that defined the dataclass

    hints = typing.get_type_hints(tp, include_extras=True)
    fields = []
    for field in dataclasses.fields(tp):
        if not field.init:
            continue
        has_default = (
            field.default is not dataclasses.MISSING
            or field.default_factory is not dataclasses.MISSING
        )
        description = field.metadata.get("description") if field.metadata else None
        fields.append(
            FieldInfo(
                name=field.name,
                type=_field_type(tp, field.name, hints[field.name], seen),
                required=not has_default,
                default=None if field.default is dataclasses.MISSING else field.default,
                description=description,
            )
        )
    return TypeInfo(kind=Kind.OBJECT, annotation=tp, model=tp, fields=tuple(fields))


def _typeddict(tp: Any, seen: tuple[type, ...]) -> TypeInfo:
    hints = typing.get_type_hints(tp, include_extras=True)
    required = tp.__required_keys__
    fields = tuple(
        FieldInfo(
            name=name,
            type=_field_type(tp, name, annotation, seen),
            required=name in required,
        )
        for name, annotation in hints.items()
    )
    return TypeInfo(kind=Kind.OBJECT, annotation=tp, model=tp, fields=fields)


def _pydantic(tp: Any, seen: tuple[type, ...]) -> TypeInfo:
    fields = []
    for name, field in tp.model_fields.items():
        required = field.is_required()
        wire, *others = _pydantic_names(tp, name, field)
        fields.append(
            FieldInfo(
                name=wire,
                other_names=tuple(others),
                type=_field_type(tp, name, field.annotation, seen, lenient=True),
                required=required,
                default=None if required else field.get_default(call_default_factory=True),
                description=field.description,
            )
        )
    return TypeInfo(kind=Kind.OBJECT, annotation=tp, model=tp, pydantic=True, fields=tuple(fields))


def _pydantic_names(tp: type, name: str, field: Any) -> list[str]:
    """The names a Pydantic field is read by, the one its JSON Schema shows first."""
    alias = field.validation_alias
    if alias is None:
        names = [field.alias or name]
    elif isinstance(alias, str):
        names = [alias]
    else:  # AliasChoices or AliasPath
        choices = getattr(alias, "choices", None)
        names = [c for c in choices or () if isinstance(c, str)]
        if not names or len(names) < len(choices or ()):
            raise UnsupportedType(
                f"field {tp.__name__}.{name}: AliasPath reads a nested value, but Bedrock "
                "sends each field flat; use a plain alias or AliasChoices of names"
            )
    return list(dict.fromkeys([*names, name]))


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
