"""Converters for arrays and objects: parsed from text or taken as JSON, each element or field
converted by its own kind's converter (see ``convert.py`` for the scalars).
"""

from __future__ import annotations

from typing import Any

from agent_tools._declare.typeinfo import Kind, TypeInfo
from agent_tools.errors import CoercionError
from agent_tools.text import shown

from .convert import Build, Converter
from .parse import ArrayFormatError, JsonFloat, parse_array, parse_object

__all__ = ["array_converter", "object_converter"]


def array_converter(info: TypeInfo, build: Build) -> Converter:
    words = build.expected(info)
    assert info.item is not None  # an ARRAY always has an item type
    convert_item = build.converter(info.item)
    container = info.container

    def convert(value: Any) -> Any:
        if isinstance(value, str):
            try:
                items = parse_array(value)
            except ArrayFormatError as exc:
                raise CoercionError(words, value) from exc
        elif isinstance(value, list | tuple):
            items = list(value)
        else:
            raise CoercionError(words, value)
        converted = []
        for index, item in enumerate(items, 1):
            try:
                converted.append(convert_item(item))
            except CoercionError as exc:
                raise CoercionError(
                    words, value, f"element {index} is {shown(item, 40)}{_why(exc)}"
                ) from exc
        return converted if container is list else container(converted)

    return convert


def _why(exc: CoercionError) -> str:
    """The inner value's own detail, which says what to fix in it: a missing field, a day."""
    return f" ({exc.detail})" if exc.detail else ""


def _field_problem(name: str, exc: CoercionError) -> str:
    return f"{name}: expected {exc.expected}{_why(exc)}"


def object_converter(info: TypeInfo, build: Build) -> Converter:
    if info.model is None:
        return _mapping(info, build)
    if info.pydantic:
        return _pydantic(info, build)
    return _dataclass(info, build)


def _as_dict(words: str, value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    if isinstance(value, str):
        try:
            return parse_object(value)
        except ArrayFormatError as exc:
            raise CoercionError(words, value) from exc
    raise CoercionError(words, value)


def _mapping(info: TypeInfo, build: Build) -> Converter:
    words = build.expected(info)
    assert info.item is not None  # a mapping OBJECT always has a value type
    convert_value = build.converter(info.item)

    def convert(value: Any) -> dict[str, Any]:
        result = {}
        for key, item in _as_dict(words, value).items():
            try:
                result[key] = convert_value(item)
            except CoercionError as exc:
                raise CoercionError(words, value, _field_problem(key, exc)) from exc
        return result

    return convert


def _dataclass(info: TypeInfo, build: Build) -> Converter:
    words = build.expected(info)
    fields = [(f.name, f.required, build.converter(f.type), f.type) for f in info.fields]
    model = info.model
    assert model is not None

    def convert(value: Any) -> Any:
        data = _as_dict(words, value)
        kwargs = {}
        problems = []
        for name, required, convert_field, field_type in fields:
            if name in data:
                try:
                    kwargs[name] = convert_field(data[name])
                except CoercionError as exc:
                    problems.append(_field_problem(name, exc))
            elif required:
                problems.append(f"{name}: missing ({build.expected(field_type)})")
        if problems:
            raise CoercionError(words, value, "; ".join(problems))
        try:
            return model(**kwargs)
        except (TypeError, ValueError) as exc:  # the dataclass's own __post_init__ checks
            raise CoercionError(words, value, str(exc)) from exc

    return convert


def _pydantic(info: TypeInfo, build: Build) -> Converter:
    words = build.expected(info)
    # Pydantic validates scalars itself (lax mode turns "3" into 3); only arrays and nested
    # objects arriving as strings need this package's parsers first.
    structured = {
        f.name: build.converter(f.type)
        for f in info.fields
        if f.type.kind in (Kind.ARRAY, Kind.OBJECT)
    }
    # Fields this package cannot describe (a fixed-length tuple, say) are Pydantic's to
    # validate; an array or object among them still arrives as text and is parsed first.
    opaque = [f.name for f in info.fields if f.type.kind is Kind.ANY]
    # A field sent by another name it answers to (its attribute's name, another alias
    # choice) is passed on by the name Pydantic validates, the one the schemas show.
    renames = [(f.name, f.other_names) for f in info.fields if f.other_names]
    # Decimal fields get a JSON number's own digits, which Pydantic would read through a float.
    decimals = [f.name for f in info.fields if f.type.kind is Kind.DECIMAL]
    model: Any = info.model

    def convert(value: Any) -> Any:
        data = dict(_as_dict(words, value))
        for name, others in renames:
            if name not in data:
                for other in others:
                    if other in data:
                        data[name] = data.pop(other)
                        break
        for name, convert_field in structured.items():
            item = data.get(name)
            if isinstance(item, str):
                try:
                    data[name] = convert_field(item)
                except CoercionError as exc:
                    raise CoercionError(words, value, _field_problem(name, exc)) from exc
        for name in opaque:
            if name in data:
                data[name] = _structure(data[name])
        for name in decimals:
            number = data.get(name)
            if isinstance(number, JsonFloat):
                data[name] = number.text
        try:
            return model.model_validate(data)
        except ValueError as exc:  # pydantic.ValidationError is a ValueError
            raise CoercionError(words, value, _pydantic_problems(exc)) from exc

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
