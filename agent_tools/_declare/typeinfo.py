"""The small typed description of one annotation: ``Kind``, ``TypeInfo``, ``FieldInfo``.

``annotations.type_info`` builds it once per parameter when a tool is registered. Everything
downstream (the coercers, the function-schema writer, the OpenAPI writer, the description
hints) reads only the ``TypeInfo``, each with one branch per ``Kind``. Adding a supported
type means adding a ``Kind`` and one branch in each reader.
"""

from __future__ import annotations

import enum
from typing import Any

from .constraints import Constraints
from .frozen import Frozen

__all__ = ["FieldInfo", "Kind", "TypeInfo", "UnsupportedType"]


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
