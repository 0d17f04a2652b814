"""Bounds declared with ``Annotated``: read once, checked per call, written out for the model.

``Annotated[int, Field(ge=1, le=90)]``, ``annotated_types.MaxLen(40)`` and the like are read
by their attributes, so neither Pydantic nor annotated_types is imported. Whether a bound fits
its type is ``typeinfo``'s to say; the checks run only for parameters that declare bounds.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from typing import Any

from agent_tools.errors import CoercionError

from .frozen import Frozen

__all__ = ["Constraints", "bounded", "constraint_schema", "constraint_text", "read_constraints"]

_Convert = Callable[[Any], Any]


class Constraints(Frozen):
    """Bounds declared with ``Annotated`` (``Field(ge=1, le=90)``, ``annotated_types.MaxLen``).

    Numeric bounds apply to numbers; lengths count a string's characters or an array's items.
    """

    __slots__ = ("ge", "gt", "le", "lt", "max_length", "min_length", "multiple_of", "pattern")
    ge: Any
    gt: Any
    le: Any
    lt: Any
    multiple_of: Any
    min_length: int | None
    max_length: int | None
    pattern: str | None

    def __init__(self, **bounds: Any) -> None:
        self._set(**{name: bounds.get(name) for name in self.__slots__})

    def merged(self, **bounds: Any) -> Constraints:
        """These bounds, with ``bounds`` set over them."""
        current = {name: getattr(self, name) for name in self.__slots__}
        return Constraints(**{**current, **{k: v for k, v in bounds.items() if v is not None}})

    @property
    def numeric(self) -> bool:
        return any(getattr(self, n) is not None for n in ("ge", "gt", "le", "lt", "multiple_of"))


# Constraint objects are read by their attributes, from the libraries that define them, so
# neither is imported: annotated_types (Ge, Le, Interval, MaxLen...) and Pydantic's
# ``Field(...)``, whose bounds sit in its ``metadata``.
_BOUNDS = ("ge", "gt", "le", "lt", "multiple_of", "min_length", "max_length", "pattern")
_CONSTRAINT_MODULES = ("annotated_types", "pydantic")


def read_constraints(metadata: tuple[Any, ...], current: Constraints | None) -> Constraints | None:
    """``current`` with the bounds found in ``Annotated`` metadata set over it."""
    bounds: dict[str, Any] = {}
    for marker in metadata:
        if not type(marker).__module__.startswith(_CONSTRAINT_MODULES):
            continue  # Param, SessionAttr, plain strings: not constraints
        for item in (marker, *(getattr(marker, "metadata", None) or ())):
            for name in _BOUNDS:
                value = getattr(item, name, None)
                if value is not None:
                    bounds[name] = value
    if not bounds:
        return current
    return (current or Constraints()).merged(**bounds)


def bounded(convert: _Convert, constraints: Constraints, words: str) -> _Convert:
    """``convert``, then the ``Annotated`` bounds checked on the value it returns."""
    checks = _checks(constraints)

    def convert_bounded(value: Any) -> Any:
        result = convert(value)
        for holds, bound, problem in checks:
            if not holds(result, bound):
                raise CoercionError(words, value, problem)
        return result

    return convert_bounded


_Check = tuple[Callable[[Any, Any], bool], Any, str]


def _checks(c: Constraints) -> list[_Check]:
    candidates: list[tuple[Callable[[Any, Any], bool], Any, str]] = [
        (operator.ge, c.ge, f"less than {c.ge}"),
        (operator.gt, c.gt, f"not more than {c.gt}"),
        (operator.le, c.le, f"more than {c.le}"),
        (operator.lt, c.lt, f"not less than {c.lt}"),
        (_multiple, c.multiple_of, f"not a multiple of {c.multiple_of}"),
        (_min_length, c.min_length, f"shorter than {c.min_length}"),
        (_max_length, c.max_length, f"longer than {c.max_length}"),
        # JSON Schema patterns are not anchored: search, not match
        (
            _matches,
            None if c.pattern is None else re.compile(c.pattern),
            f"not matching {c.pattern}",
        ),
    ]
    return [check for check in candidates if check[1] is not None]


def _multiple(value: Any, step: Any) -> bool:
    return bool(value % step == 0)


def _min_length(value: Any, length: int) -> bool:
    return len(value) >= length


def _max_length(value: Any, length: int) -> bool:
    return len(value) <= length


def _matches(value: Any, pattern: re.Pattern[str]) -> bool:
    return pattern.search(value) is not None


def constraint_schema(
    c: Constraints, *, boolean_exclusive: bool, array: bool = False
) -> dict[str, Any]:
    """JSON Schema keywords for ``Annotated`` bounds; lengths count an ``array``'s items."""
    schema: dict[str, Any] = {}
    for name, value in (("minimum", c.ge), ("maximum", c.le), ("multipleOf", c.multiple_of)):
        if value is not None:
            schema[name] = _number(value)
    for name, flag, value in (
        ("exclusiveMinimum", "minimum", c.gt),
        ("exclusiveMaximum", "maximum", c.lt),
    ):
        if value is not None:
            if boolean_exclusive:
                schema[flag] = _number(value)
                schema[name] = True
            else:
                schema[name] = _number(value)
    if c.min_length is not None:
        schema["minItems" if array else "minLength"] = c.min_length
    if c.max_length is not None:
        schema["maxItems" if array else "maxLength"] = c.max_length
    if c.pattern is not None:
        schema["pattern"] = c.pattern
    return schema


def constraint_text(c: Constraints, unit: str) -> str:
    """The bounds in words, for descriptions and refusals: "from 1 to 90"."""
    parts = [_range(c.ge, c.le, "")]
    if c.gt is not None:
        parts.append(f"more than {c.gt}")
    if c.lt is not None:
        parts.append(f"less than {c.lt}")
    if c.multiple_of is not None:
        parts.append(f"a multiple of {c.multiple_of}")
    parts.append(_range(c.min_length, c.max_length, f" {unit}"))
    if c.pattern is not None:
        parts.append(f"matching the regular expression {c.pattern}")
    return ", ".join(part for part in parts if part)


def _range(low: Any, high: Any, unit: str) -> str:
    if low is not None and high is not None:
        return f"exactly {low}{unit}" if low == high else f"from {low} to {high}{unit}"
    if low is not None:
        return f"at least {low}{unit}"
    if high is not None:
        return f"at most {high}{unit}"
    return ""


def _number(value: Any) -> int | float:
    return value if isinstance(value, int | float) else float(value)  # a Decimal bound
