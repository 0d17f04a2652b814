"""Turn the strings Bedrock sends into the annotated Python values.

Each builder here is named by one kind's entry in ``kinds.py`` and called once per parameter
at registration (through ``kinds.converter``); it returns a function that does one conversion
per call. A converter takes a ``str`` (what Bedrock sends) or a JSON value (an element of a
parsed JSON array or object) and returns the value, or raises ``CoercionError`` saying what
was expected. The annotation decides, never the event's ``type`` field, which only echoes the
schema (docs/bedrock-agents.md#parameter-values).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import Any

from agent_tools._declare.typeinfo import Kind, TypeInfo
from agent_tools.errors import CoercionError

from .parse import JsonFloat

__all__ = ["Build", "Builder", "Converter"]

Converter = Callable[[Any], Any]


class Build:
    """What a builder may ask of ``kinds``: converters and words for the types inside its own.

    Passed in, so that the builders need not import the table that names them. (A plain
    slotted class: a NamedTuple costs about a millisecond of cold start to define.)
    """

    __slots__ = ("converter", "expected")

    def __init__(
        self, converter: Callable[[TypeInfo], Converter], expected: Callable[[TypeInfo], str]
    ) -> None:
        self.converter = converter
        self.expected = expected


Builder = Callable[[TypeInfo, Build], Converter]

# ASCII digits only: the model writes numbers and dates as JSON does.
_INT = re.compile(r"[+-]?[0-9]+")
_INTEGRAL = re.compile(r"[+-]?[0-9]{1,4300}\.0*")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TRUE = frozenset({"true", "1", "yes"})
_FALSE = frozenset({"false", "0", "no"})
_NULL = frozenset({"", "null", "none"})


def nullable(convert: Converter) -> Converter:
    """``convert``, also taking ``null``, ``none`` and an empty value as ``None``."""

    def convert_nullable(value: Any) -> Any:
        if value is None or (isinstance(value, str) and value.strip().lower() in _NULL):
            return None
        return convert(value)

    return convert_nullable


def nullable_choice(convert: Converter) -> Converter:
    """``nullable`` for Enum and Literal: a choice spelled "none" is that choice, not ``None``."""

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


def str_converter(info: TypeInfo, build: Build) -> Converter:
    words = build.expected(info)

    def convert(value: Any) -> str:
        if isinstance(value, str):
            return value
        if isinstance(value, JsonFloat):
            return value.text  # a JSON number inside an array of strings, as written
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        raise CoercionError(words, value)

    return convert


def int_converter(info: TypeInfo, build: Build) -> Converter:
    words = build.expected(info)

    def convert(value: Any) -> int:
        if isinstance(value, str):
            if value.isdigit() and value.isascii() and len(value) < 4300:  # the common case
                return int(value)
            text = value.strip()
            if _INT.fullmatch(text):
                try:
                    return int(text)
                except ValueError as exc:  # more digits than int() accepts
                    raise CoercionError(words, value, "too many digits") from exc
            if _INTEGRAL.fullmatch(text):  # "4.0": the model wrote a whole number as a float
                return int(text.partition(".")[0])
        elif isinstance(value, int) and not isinstance(value, bool):
            return value
        elif isinstance(value, float) and value.is_integer():  # JSON 4.0 inside an array
            return int(value)
        raise CoercionError(words, value)

    return convert


def _finite_number(words: str, value: Any) -> str | int | float:
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
        raise CoercionError(words, value, "too large") from exc
    raise CoercionError(words, value)


def float_converter(info: TypeInfo, build: Build) -> Converter:
    words = build.expected(info)

    def convert(value: Any) -> float:
        return float(_finite_number(words, value))

    return convert


def decimal_converter(info: TypeInfo, build: Build) -> Converter:
    words = build.expected(info)
    from decimal import Decimal, InvalidOperation  # only handlers using Decimal pay for it

    def convert(value: Any) -> Decimal:
        number = _finite_number(words, value)
        if isinstance(number, JsonFloat):  # a number inside JSON text: its own digits
            number = number.text
        try:
            return Decimal(repr(number) if isinstance(number, float) else number)
        except InvalidOperation as exc:  # an exponent beyond what the decimal module holds
            raise CoercionError(words, value, "out of range") from exc

    return convert


def bool_converter(info: TypeInfo, build: Build) -> Converter:
    words = build.expected(info)

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
        raise CoercionError(words, value)

    return convert


def date_converter(info: TypeInfo, build: Build) -> Converter:
    words = build.expected(info)
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
                    raise CoercionError(words, value, detail) from exc
        raise CoercionError(words, value)

    return convert


def datetime_converter(info: TypeInfo, build: Build) -> Converter:
    words = build.expected(info)

    def convert(value: Any) -> dt.datetime:
        if isinstance(value, str):
            text = value.strip()
            if _DATE.match(text):  # fromisoformat also takes week dates and compact forms
                try:
                    return dt.datetime.fromisoformat(text)
                except ValueError as exc:
                    raise CoercionError(words, value) from exc
        raise CoercionError(words, value)

    return convert


def uuid_converter(info: TypeInfo, build: Build) -> Converter:
    words = build.expected(info)
    import uuid  # only handlers that use UUID pay for the import

    def convert(value: Any) -> uuid.UUID:
        if isinstance(value, str):
            try:
                return uuid.UUID(value.strip())
            except ValueError as exc:
                raise CoercionError(words, value) from exc
        raise CoercionError(words, value)

    return convert


def email_converter(info: TypeInfo, build: Build) -> Converter:
    words = build.expected(info)
    # Enough to catch what is not an address (a name, a phone number) without refusing real
    # ones; the mail server is the judge of the rest. Compiled here: few tools take one.
    address = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+").fullmatch

    def convert(value: Any) -> str:
        if isinstance(value, str):
            text = value.strip()
            if address(text):
                return text
        raise CoercionError(words, value)

    return convert


def choices_converter(info: TypeInfo, build: Build) -> Converter:
    """Enum members or Literal values, matched by value, then name, then ignoring case."""
    words = build.expected(info)
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
        raise CoercionError(words, value)

    return convert


def _value(info: TypeInfo, choice: Any) -> Any:
    return choice.value if info.kind is Kind.ENUM else choice


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def any_converter(info: TypeInfo, build: Build) -> Converter:
    def convert(value: Any) -> Any:
        return value

    return convert
