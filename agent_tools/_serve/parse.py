"""Parse the array and object parameter values Bedrock Agents send as strings.

Bedrock passes every parameter to the Lambda as text, and arrays arrive in whichever of
three forms the model and the service chose (AWS does not say which): JSON
(``["a", "b"]``), bare words (``[FHIR, HL7 CDA]``) or, for arrays of objects, Java's
``Map.toString`` (``[{channel=Direct, sessions=100}]``). Objects alone arrive as JSON or
Java-map text. JSON keeps its types; bare and Java-map elements come back as ``str`` for
the caller to convert to the annotated element type.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import TypeVar

__all__ = ["ArrayFormatError", "JsonFloat", "parse_array", "parse_object"]

# Enough for any real parameter; low enough that hostile input cannot exhaust the stack.
_MAX_DEPTH = 32
_ARRAY_EXPECTED = 'expected an array such as [1, 2] or ["a", "b"]'
_OBJECT_EXPECTED = 'expected an object such as {"a": 1} or {a=1}'
_TOO_DEEP = f"expected at most {_MAX_DEPTH} levels of nested brackets"
_CLOSER = {"[": "]", "{": "}"}
_T = TypeVar("_T")


class ArrayFormatError(ValueError):
    """The text is not an array or object in any of the forms Bedrock sends."""


class JsonFloat(float):
    """A JSON number with a fraction or an exponent, keeping the digits it was written with.

    It is a float everywhere, and a ``Decimal`` built from ``text`` keeps every digit:
    ``12345678901234567.89`` and ``12.50`` in a JSON array survive exactly as decimals.
    """

    __slots__ = ("text",)
    text: str


def _json_float(text: str) -> JsonFloat:
    number = JsonFloat(text)
    number.text = text
    return number


def parse_array(raw: str) -> list[object]:
    """Parse one array value in any of the three forms."""
    text = raw.strip()
    value = _load_json(text, list, _ARRAY_EXPECTED)
    if value is None:
        value = _load_retyped(text, list, _ARRAY_EXPECTED)
    if value is not None:
        return value
    # An unbracketed "a, b" is refused rather than split: a wrong guess gives a wrong value.
    if not text.startswith("["):
        raise ArrayFormatError(_ARRAY_EXPECTED)
    scanner = _Scanner(text)
    return scanner.expect_end(scanner.parse_list(1))


def parse_object(raw: str) -> dict[str, object]:
    """Parse one object value: JSON object or Java-map ``{k=v, ...}``."""
    text = raw.strip()
    value = _load_json(text, dict, _OBJECT_EXPECTED)
    if value is None:
        value = _load_retyped(text, dict, _OBJECT_EXPECTED)
    if value is not None:
        return value
    if not text.startswith("{"):
        raise ArrayFormatError(_OBJECT_EXPECTED)
    scanner = _Scanner(text)
    return scanner.expect_end(scanner.parse_map(1))


def _load_json(text: str, shape: type[_T], expected: str) -> _T | None:
    """Return the JSON value if it has the shape, ``None`` if the text is not JSON."""
    non_finite = False

    def flag(_: str) -> None:
        nonlocal non_finite
        non_finite = True

    # NaN is only flagged here, not raised: if the rest is not JSON either, the text is
    # bare words, and `[NaN, x]` must then parse the same as `[x, NaN]`.
    try:
        value = json.loads(text, parse_constant=flag, parse_float=_json_float)
    except RecursionError:  # any text this deep is over the cap in every form
        raise ArrayFormatError(_TOO_DEEP) from None
    except ValueError:  # not JSON, or an integer of over 4300 digits: try the other forms
        return None
    if non_finite:
        raise ArrayFormatError("expected finite numbers, not NaN or Infinity")
    if not isinstance(value, shape):
        raise ArrayFormatError(expected)
    if not _within_depth(value):
        # json.loads nests as deep as the recursion limit allows; a tool given such a value
        # could run and then fail to encode its result, so the cap is the bare form's.
        raise ArrayFormatError(_TOO_DEEP)
    return value


def _within_depth(value: object) -> bool:
    """Whether ``value`` nests at most ``_MAX_DEPTH`` lists and objects, walked without
    recursion (the value may be nested almost to the recursion limit)."""
    pending: list[tuple[object, int]] = [(value, 1)]
    while pending:
        current, depth = pending.pop()
        children = current.values() if isinstance(current, dict) else current
        assert isinstance(children, Iterable)  # only lists and dicts are pushed
        for child in children:
            if isinstance(child, list | dict):
                if depth + 1 > _MAX_DEPTH:
                    return False
                pending.append((child, depth + 1))
    return True


# Typographic double quotes, as a model or a word processor writes them around JSON strings.
_TYPOGRAPHIC = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'})


def _load_retyped(text: str, shape: type[_T], expected: str) -> _T | None:
    """JSON the model wrote with its quotes escaped once too often, or typographic quotes.

    ``[\\"a\\", \\"b\\"]`` and ``[“a”, “b”]`` mean ``["a", "b"]``. Read as bare words, they
    would keep the backslashes and quotes inside the values, so when an element opens with such
    a quote and the text is not JSON even after repair, it is refused rather than read as
    words. A quote inside a bare word (``[He said “hi”, ok]``) is left to the bare form.
    """
    if '\\"' in text:
        repaired = text.replace('\\"', '"')
    elif any(quote in text for quote in "\u201c\u201d\u201e\u201f"):
        repaired = text.translate(_TYPOGRAPHIC)
    else:
        return None
    value = _load_json(repaired, shape, expected)
    if value is None and _OPENS_QUOTED.search(text):
        raise ArrayFormatError(f"{expected}, with plain double quotes and no backslashes")
    return value


# An element or key that opens with an escaped or typographic double quote.
_OPENS_QUOTED = re.compile(r'[\[{,]\s*(?:\\"|[\u201c\u201e\u201f])')


class _Scanner:
    """A single-pass scanner for the bare and Java-map forms.

    It only recurses into ``[`` and ``{`` that open an element or a value, and the depth cap
    bounds that recursion; brackets in the middle of a word are tracked with a list instead.
    """

    __slots__ = ("pos", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def fail(self, expected: str) -> ArrayFormatError:
        return ArrayFormatError(f"expected {expected} at position {self.pos}")

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def skip_space(self) -> None:
        text, pos = self.text, self.pos
        while pos < len(text) and text[pos].isspace():
            pos += 1
        self.pos = pos

    def expect_end(self, value: _T) -> _T:
        if self.pos != len(self.text):
            raise self.fail("nothing after the closing bracket")
        return value

    def check_depth(self, depth: int) -> None:
        if depth > _MAX_DEPTH:
            raise ArrayFormatError(f"{_TOO_DEEP} at position {self.pos}")

    def parse_list(self, depth: int) -> list[object]:
        items: list[object] = []
        self.entries(depth, "]", lambda: items.append(self.element(depth)))
        return items

    def parse_map(self, depth: int) -> dict[str, object]:
        result: dict[str, object] = {}

        def entry() -> None:
            key = self.key()
            self.skip_space()
            value = self.nested(depth)
            # Java prints an empty string as `{a=}`, so an empty value is kept. A comma in a
            # value cannot be told from a separator in this format (its known ambiguity): it
            # splits there, and the text after it then fails as an entry without '='.
            result[key] = self.word(depth, allow_empty=True) if value is None else value

        self.entries(depth, "}", entry)
        return result

    def entries(self, depth: int, closer: str, read: Callable[[], object]) -> None:
        """Read comma-separated entries up to ``closer``; the scanner is on the opener."""
        self.check_depth(depth)
        self.pos += 1
        self.skip_space()
        if self.peek() == closer:
            self.pos += 1
            return
        while True:
            read()
            self.skip_space()
            char = self.peek()
            if char not in (",", closer):
                raise self.fail(f"',' or '{closer}'")
            self.pos += 1
            if char == closer:
                return
            self.skip_space()
            if self.peek() == closer:  # one trailing comma, as in [a, b,]
                self.pos += 1
                return

    def nested(self, depth: int) -> list[object] | dict[str, object] | None:
        char = self.peek()
        if char == "[":
            return self.parse_list(depth + 1)
        if char == "{":
            return self.parse_map(depth + 1)
        return None

    def element(self, depth: int) -> object:
        value = self.nested(depth)
        if value is not None:
            return value
        if self.peek() in ("'", '"'):
            return self.quoted()
        return self.word(depth, allow_empty=False)

    def key(self) -> str:
        text, start = self.text, self.pos
        end = start
        while end < len(text) and text[end] not in "=,[]{}":
            end += 1
        self.pos = end
        if end == len(text) or text[end] != "=":
            raise self.fail("key=value entries such as {a=1, b=x}")
        key = text[start:end].strip()
        if not key:
            raise self.fail("a key before '='")
        self.pos += 1
        return key

    def quoted(self) -> str:
        """Read a `'...'` or `"..."` element; only a quote followed by `,` or `]` closes it."""
        text, quote = self.text, self.text[self.pos]
        start = search = self.pos + 1
        while True:
            end = text.find(quote, search)
            if end < 0:
                raise self.fail(f"a closing {quote}")
            after = end + 1
            while after < len(text) and text[after].isspace():
                after += 1
            if after == len(text) or text[after] in ",]":
                self.pos = end + 1
                return text[start:end]
            search = end + 1

    def word(self, depth: int, *, allow_empty: bool) -> str:
        """Read up to the next top-level `,` or closing bracket; inner brackets must balance."""
        text, start = self.text, self.pos
        pos, open_brackets = start, []
        while pos < len(text):
            char = text[pos]
            if char in _CLOSER:
                open_brackets.append(_CLOSER[char])
                self.pos = pos
                self.check_depth(depth + len(open_brackets))
            elif char in "]}":
                if not open_brackets:
                    break
                expected = open_brackets.pop()
                if expected != char:
                    self.pos = pos
                    raise self.fail(f"'{expected}'")
            elif char == "," and not open_brackets:
                break
            pos += 1
        self.pos = pos
        value = text[start:pos].strip()
        if not value and not allow_empty:
            raise self.fail("an element between the commas")
        return value
