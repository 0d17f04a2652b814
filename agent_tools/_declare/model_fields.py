"""The fields a dataclass, TypedDict or Pydantic model declares, as plain data.

``annotations.type_info`` describes each field's annotation in turn; this module only reads
the declarations, so it needs nothing from there. It is imported only when a tool's types
include such a class, so a handler of plain parameters does not load it.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Any, NamedTuple

from .typeinfo import UnsupportedType

__all__ = ["DeclaredField", "dataclass_fields", "pydantic_fields", "typeddict_fields"]


class DeclaredField(NamedTuple):
    """One field as its class declares it.

    ``attribute`` is the attribute's own name (errors name it); ``name`` is the name on the
    wire and ``other_names`` the further names it is read by (see ``FieldInfo``).
    """

    attribute: str
    annotation: Any
    required: bool
    name: str
    other_names: tuple[str, ...] = ()
    default: Any = None
    description: str | None = None


def dataclass_fields(tp: type) -> Iterator[DeclaredField]:
    """The fields ``__init__`` takes, in order."""
    import dataclasses  # already imported by the module that defined the dataclass

    hints = typing.get_type_hints(tp, include_extras=True)
    for field in dataclasses.fields(tp):
        if not field.init:
            continue
        has_default = (
            field.default is not dataclasses.MISSING
            or field.default_factory is not dataclasses.MISSING
        )
        yield DeclaredField(
            attribute=field.name,
            annotation=hints[field.name],
            required=not has_default,
            name=field.name,
            default=None if field.default is dataclasses.MISSING else field.default,
            description=field.metadata.get("description") if field.metadata else None,
        )


def typeddict_fields(tp: Any) -> Iterator[DeclaredField]:
    """Every key, required where the TypedDict says so."""
    hints = typing.get_type_hints(tp, include_extras=True)
    required = tp.__required_keys__
    for name, annotation in hints.items():
        yield DeclaredField(
            attribute=name, annotation=annotation, required=name in required, name=name
        )


def pydantic_fields(tp: Any) -> Iterator[DeclaredField]:
    """Every model field, named as its JSON Schema shows it first."""
    for name, field in tp.model_fields.items():
        required = field.is_required()
        wire, *others = _pydantic_names(tp, name, field)
        yield DeclaredField(
            attribute=name,
            annotation=field.annotation,
            required=required,
            name=wire,
            other_names=tuple(others),
            default=None if required else field.get_default(call_default_factory=True),
            description=field.description,
        )


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
