"""Turn the strings Bedrock sends into the annotated Python values.

``converter(info)`` is called once per parameter at registration and returns a function that
does one conversion per call. Each converter takes a ``str`` (what Bedrock sends) or a JSON
value (an element of a parsed JSON array or object) and returns the value, or raises
``CoercionError`` saying what was expected. The annotation decides, never the event's
``type`` field, which only echoes the schema (docs/bedrock-agents.md#parameter-values).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import Any

from agent_tools._declare.typeinfo import Kind, TypeInfo
from agent_tools._declare.wording import expected
from agent_tools.errors import CoercionError

from .parse import ArrayFormatError, parse_array, parse_object

__all__ = ["Converter", "converter"]

Converter = Callable[[Any], Any]

# ASCII digits only: the model writes numbers and dates as JSON does.
_INT = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TRUE = frozenset({"true", "1", "yes"})
_FALSE = frozenset({"false", "0", "no"})
_NULL = frozenset({"", "null", "none"})


def converter(info: TypeInfo) -> Converter:
    """Build the converter for one annotation."""
    convert = _BUILDERS[info.kind](info)
    if not info.nullable:
        return convert
    if info.kind in (Kind.ENUM, Kind.LITERAL):
        return _nullable_choice(convert)
    return _nullable(convert)


def _fail(info: TypeInfo, got: Any, detail: str | None = None) -> CoercionError:
    return CoercionError(expected(info), got, detail)


def _nullable(convert: Converter) -> Converter:
    def convert_nullable(value: Any) -> Any:
        if value is None or (isinstance(value, str) and value.strip().lower() in _NULL):
            return None
        return convert(value)

    return convert_nullable


def _nullable_choice(convert: Converter) -> Converter:
    # A choice spelled "none" or "null" is that choice, not a missing value.
    def convert_nullable(value: Any) -> Any:
        if value is None:
            return None
        try:
            return convert(value)
        except CoercionError:
            if isinstance(value, str) and value.strip().lower() in _NULL:
                return None
            raise

    return convert_nullable


def _str(info: TypeInfo) -> Converter:
    def convert(value: Any) -> str:
        if isinstance(value, str):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)  # a JSON number inside an array of strings
        raise _fail(info, value)

    return convert


def _int(info: TypeInfo) -> Converter:
    def convert(value: Any) -> int:
        if isinstance(value, str):
            if value.isdigit() and value.isascii() and len(value) < 4300:  # the common case
                return int(value)
            text = value.strip()
            if _INT.fullmatch(text):
                try:
                    return int(text)
                except ValueError as exc:  # more digits than int() accepts
                    raise _fail(info, value, "too many digits") from exc
        elif isinstance(value, int) and not isinstance(value, bool):
            return value
        raise _fail(info, value)

    return convert


def _finite_number(info: TypeInfo, value: Any) -> str | int | float:
    """Check a number's text or value is finite; return it for the final conversion."""
    try:
        if isinstance(value, str):
            text = value.strip()
            if _NUMBER.fullmatch(text) and math.isfinite(float(text)):
                return text
        elif (
            isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
        ):
            return value
    except OverflowError as exc:  # an integer too large for a float
        raise _fail(info, value, "too large") from exc
    raise _fail(info, value)


def _float(info: TypeInfo) -> Converter:
    def convert(value: Any) -> float:
        return float(_finite_number(info, value))

    return convert


def _decimal(info: TypeInfo) -> Converter:
    from decimal import Decimal, InvalidOperation  # only handlers using Decimal pay for it

    def convert(value: Any) -> Decimal:
        number = _finite_number(info, value)
        try:
            return Decimal(repr(number) if isinstance(number, float) else number)
        except InvalidOperation as exc:  # an exponent beyond what the decimal module holds
            raise _fail(info, value, "out of range") from exc

    return convert


def _bool(info: TypeInfo) -> Converter:
    def convert(value: Any) -> bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            text = value.strip().lower()
            if text in _TRUE:
                return True
            if text in _FALSE:
                return False
        elif isinstance(value, int) and value in (0, 1):
            return bool(value)
        raise _fail(info, value)

    return convert


def _date(info: TypeInfo) -> Converter:
    fromisoformat = dt.date.fromisoformat

    def convert(value: Any) -> dt.date:
        if isinstance(value, str):
            # The common case, checked cheaply (fromisoformat alone also takes week dates);
            # anything else is stripped and held to YYYY-MM-DD first.
            quick = len(value) == 10 and value[4] == "-" and value[7] == "-" and value.isascii()
            text = value if quick else value.strip()
            if quick or _DATE.fullmatch(text):
                try:
                    return fromisoformat(text)
                except ValueError as exc:
                    detail = "no such day" if _DATE.fullmatch(text) else None
                    raise _fail(info, value, detail) from exc
        raise _fail(info, value)

    return convert


def _datetime(info: TypeInfo) -> Converter:
    def convert(value: Any) -> dt.datetime:
        if isinstance(value, str):
            text = value.strip()
            if _DATE.match(text):  # fromisoformat also takes week dates and compact forms
                try:
                    return dt.datetime.fromisoformat(text)
                except ValueError as exc:
                    raise _fail(info, value) from exc
        raise _fail(info, value)

    return convert


def _uuid(info: TypeInfo) -> Converter:
    import uuid  # only handlers that use UUID pay for the import

    def convert(value: Any) -> uuid.UUID:
        if isinstance(value, str):
            try:
                return uuid.UUID(value.strip())
            except ValueError as exc:
                raise _fail(info, value) from exc
        raise _fail(info, value)

    return convert


def _choices(info: TypeInfo) -> Converter:
    """Enum members or Literal values, matched by value, then name, then ignoring case."""
    by_text: dict[str, Any] = {}
    folded: dict[str, list[Any]] = {}
    spellings = [(_text(_value(info, c)), c) for c in info.choices]
    if info.kind is Kind.ENUM:  # names after values: a value always wins over a name
        spellings += [(c.name, c) for c in info.choices]
    for text, choice in spellings:
        by_text.setdefault(text, choice)
        folded.setdefault(text.lower(), []).append(choice)

    def convert(value: Any) -> Any:
        text = value.strip() if isinstance(value, str) else _text(value)
        if text in by_text:
            return by_text[text]
        matches = {id(c): c for c in folded.get(text.lower(), [])}
        if len(matches) == 1:
            return next(iter(matches.values()))
        raise _fail(info, value)

    return convert


def _value(info: TypeInfo, choice: Any) -> Any:
    return choice.value if info.kind is Kind.ENUM else choice


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _array(info: TypeInfo) -> Converter:
    assert info.item is not None  # an ARRAY always has an item type
    convert_item = converter(info.item)
    container = info.container

    def convert(value: Any) -> Any:
        if isinstance(value, str):
            try:
                items = parse_array(value)
            except ArrayFormatError as exc:
                raise _fail(info, value) from exc
        elif isinstance(value, list | tuple):
            items = list(value)
        else:
            raise _fail(info, value)
        converted = []
        for index, item in enumerate(items, 1):
            try:
                converted.append(convert_item(item))
            except CoercionError as exc:
                raise _fail(info, value, f"element {index} is {_short(item)}") from exc
        return converted if container is list else container(converted)

    return convert


def _object(info: TypeInfo) -> Converter:
    if info.model is None:
        return _mapping(info)
    if info.pydantic:
        return _pydantic(info)
    return _dataclass(info)


def _as_dict(info: TypeInfo, value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    if isinstance(value, str):
        try:
            return parse_object(value)
        except ArrayFormatError as exc:
            raise _fail(info, value) from exc
    raise _fail(info, value)


def _mapping(info: TypeInfo) -> Converter:
    assert info.item is not None  # a mapping OBJECT always has a value type
    convert_value = converter(info.item)

    def convert(value: Any) -> dict[str, Any]:
        result = {}
        for key, item in _as_dict(info, value).items():
            try:
                result[key] = convert_value(item)
            except CoercionError as exc:
                raise _fail(info, value, f"{key}: expected {exc.expected}") from exc
        return result

    return convert


def _dataclass(info: TypeInfo) -> Converter:
    fields = [(f.name, f.required, converter(f.type), f.type) for f in info.fields]
    model = info.model
    assert model is not None

    def convert(value: Any) -> Any:
        data = _as_dict(info, value)
        kwargs = {}
        problems = []
        for name, required, convert_field, field_type in fields:
            if name in data:
                try:
                    kwargs[name] = convert_field(data[name])
                except CoercionError as exc:
                    problems.append(f"{name}: expected {exc.expected}")
            elif required:
                problems.append(f"{name}: missing ({expected(field_type)})")
        if problems:
            raise _fail(info, value, "; ".join(problems))
        try:
            return model(**kwargs)
        except (TypeError, ValueError) as exc:  # the dataclass's own __post_init__ checks
            raise _fail(info, value, str(exc)) from exc

    return convert


def _pydantic(info: TypeInfo) -> Converter:
    # Pydantic validates scalars itself (lax mode turns "3" into 3); only arrays and nested
    # objects arriving as strings need this package's parsers first.
    structured = {
        f.name: converter(f.type) for f in info.fields if f.type.kind in (Kind.ARRAY, Kind.OBJECT)
    }
    # Fields this package cannot describe (a fixed-length tuple, say) are Pydantic's to
    # validate; an array or object among them still arrives as text and is parsed first.
    opaque = [f.name for f in info.fields if f.type.kind is Kind.ANY]
    model: Any = info.model

    def convert(value: Any) -> Any:
        data = dict(_as_dict(info, value))
        for name, convert_field in structured.items():
            item = data.get(name)
            if isinstance(item, str):
                try:
                    data[name] = convert_field(item)
                except CoercionError as exc:
                    raise _fail(info, value, f"{name}: expected {exc.expected}") from exc
        for name in opaque:
            if name in data:
                data[name] = _structure(data[name])
        try:
            return model.model_validate(data)
        except ValueError as exc:  # pydantic.ValidationError is a ValueError
            raise _fail(info, value, _pydantic_problems(exc)) from exc

    return convert


def _structure(item: Any) -> Any:
    """Array or object text as its value; anything else as it came."""
    if isinstance(item, str):
        text = item.strip()
        parse = (
            parse_array if text.startswith("[") else parse_object if text.startswith("{") else None
        )
        if parse is not None:
            try:
                return parse(text)
            except ArrayFormatError:
                return item  # Pydantic will say what is wrong with it
    return item


def _pydantic_problems(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if not callable(errors):
        return str(exc)
    parts = []
    for error in errors(include_url=False, include_input=False):
        location = ".".join(str(part) for part in error.get("loc", ())) or "value"
        parts.append(f"{location}: {error.get('msg', 'invalid')}")
    return "; ".join(parts)


def _any(info: TypeInfo) -> Converter:
    def convert(value: Any) -> Any:
        return value

    return convert


_BUILDERS: dict[Kind, Callable[[TypeInfo], Converter]] = {
    Kind.STR: _str,
    Kind.INT: _int,
    Kind.FLOAT: _float,
    Kind.DECIMAL: _decimal,
    Kind.BOOL: _bool,
    Kind.DATE: _date,
    Kind.DATETIME: _datetime,
    Kind.UUID: _uuid,
    Kind.ENUM: _choices,
    Kind.LITERAL: _choices,
    Kind.ARRAY: _array,
    Kind.OBJECT: _object,
    Kind.ANY: _any,
}
