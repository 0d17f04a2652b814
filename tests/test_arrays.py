"""Tests for ``agent_tools._serve.parse``: the three array forms Bedrock sends, and objects."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from agent_tools._serve.parse import ArrayFormatError, parse_array, parse_object

# --- arrays -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # JSON keeps its types.
        ('["a", "b"]', ["a", "b"]),
        ("[1, 2.5, true]", [1, 2.5, True]),
        ("[1, 2, 3]", [1, 2, 3]),
        ("[null, false]", [None, False]),
        ('[{"a": 1}]', [{"a": 1}]),
        ('[[1, [2]], {"k": [true]}]', [[1, [2]], {"k": [True]}]),
        ('["a, b", "[x]"]', ["a, b", "[x]"]),
        ("[]", []),
        ("[1e400]", [math.inf]),  # a literal that overflows is not the NaN constant
        # Bare words come back as strings.
        ("[FHIR, HL7 CDA]", ["FHIR", "HL7 CDA"]),
        ("[2026-01-24, 2026-01-25]", ["2026-01-24", "2026-01-25"]),
        ("[1, 2, abc]", ["1", "2", "abc"]),
        ("[a]", ["a"]),
        ("[a=b]", ["a=b"]),
        ("[ ]", []),
        ("[a, b,]", ["a", "b"]),
        ("[a, b , ]", ["a", "b"]),
        ("[see [1], x]", ["see [1]", "x"]),
        ("[f(x{1, 2}), y]", ["f(x{1, 2})", "y"]),
        ("[NaN, x]", ["NaN", "x"]),
        ("[x, Infinity]", ["x", "Infinity"]),
        # Java-map style arrays of objects.
        (
            "[{channel=Organic Search, sessions=80507}, {channel=Direct, sessions=100}]",
            [
                {"channel": "Organic Search", "sessions": "80507"},
                {"channel": "Direct", "sessions": "100"},
            ],
        ),
        ("[{}]", [{}]),
        ("[{a=}]", [{"a": ""}]),
        ("[{ a = 1 , b = x y }]", [{"a": "1", "b": "x y"}]),
        # Nesting.
        ("[[a, b], [c]]", [["a", "b"], ["c"]]),
        ("[[], [[]], x]", [[], [[]], "x"]),
        ("[{k=[1, 2], e={}, m={n=o}}]", [{"k": ["1", "2"], "e": {}, "m": {"n": "o"}}]),
        ("[{k=[]}, {k={}}]", [{"k": []}, {"k": {}}]),
        ("[{a=1},{b=2},]", [{"a": "1"}, {"b": "2"}]),
    ],
)
def test_parse_array(raw: str, expected: list[object]) -> None:
    result = parse_array(raw)
    assert result == expected
    # 1 == 1.0 == True in Python: compare the JSON text too, so the types are checked.
    assert json.dumps(result) == json.dumps(expected)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  [a, b]  ", ["a", "b"]),
        ("\n\t[1, 2]\r\n", [1, 2]),
        ("[  a  ,\n b\t]", ["a", "b"]),
        ("[\u00a0a\u2003]", ["a"]),
        ("[ x y  z ]", ["x y  z"]),
    ],
)
def test_whitespace_is_stripped(raw: str, expected: list[object]) -> None:
    assert parse_array(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("['a', 'b']", ["a", "b"]),
        ('["a", b]', ["a", "b"]),
        ("[a, 'b']", ["a", "b"]),
        ("['a, b', c]", ["a, b", "c"]),
        ("['a]', 'b']", ["a]", "b"]),
        ("['', x]", ["", "x"]),
        ("[  'a'  ,  'b'  ]", ["a", "b"]),
        ("['it's', x]", ["it's", "x"]),
        ('["say "hi"", x]', ['say "hi"', "x"]),
        ("[it's, ok]", ["it's", "ok"]),
        ("[a 'b', c]", ["a 'b'", "c"]),
        ("['a\"', b]", ['a"', "b"]),
        ("[['x', 'y']]", [["x", "y"]]),
        ("[{k=['x']}]", [{"k": ["x"]}]),
    ],
)
def test_quotes_around_bare_elements_are_removed(raw: str, expected: list[object]) -> None:
    assert parse_array(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        # Not bracketed: never split.
        "",
        "   ",
        "a, b",
        "a",
        "FHIR, HL7 CDA",
        "(a, b)",
        "{a=1}",
        "x [a]",
        # JSON of the wrong shape.
        '"5"',
        '"[a, b]"',
        "5",
        "null",
        "true",
        "{}",
        '{"a": 1}',
        # NaN and Infinity in otherwise valid JSON.
        "[NaN]",
        "[1, Infinity]",
        "[-Infinity]",
        '[{"a": NaN}]',
        # Unbalanced.
        "[",
        "[a, b",
        "[a, [b]",
        "[a]]",
        "[a] b",
        "[a}",
        "[a[}]",
        "[a[b]",
        "[{a=1]",
        "[{a=1} x]",
        "[[a] x]",
        # Empty elements.
        "[,]",
        "[a,,b]",
        "[, a]",
        "[a, , ]",
        "[a,,]",
        # Quotes and Java maps inside arrays.
        "['a, b]",
        "['a' x]",
        "[{a}]",
        "[{=1}]",
        "[{a=1,,b=2}]",
        "[{a=1, b}]",
        "[{a{=1}]",
    ],
)
def test_parse_array_rejects(raw: str) -> None:
    with pytest.raises(ArrayFormatError, match=r"^expected "):
        parse_array(raw)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("a, b", 'expected an array such as [1, 2] or ["a", "b"]'),
        ("{}", 'expected an array such as [1, 2] or ["a", "b"]'),
        ("[NaN]", "expected finite numbers, not NaN or Infinity"),
        ("[a,,b]", "expected an element between the commas at position 3"),
        ("[a, b", "expected ',' or ']' at position 5"),
        ("[a]]", "expected nothing after the closing bracket at position 3"),
        ("[a[}]", "expected ']' at position 3"),
        ("['a, b]", "expected a closing ' at position 1"),
        ("[{a=1, b}]", "expected key=value entries such as {a=1, b=x} at position 8"),
    ],
)
def test_error_messages(raw: str, message: str) -> None:
    with pytest.raises(ArrayFormatError) as info:
        parse_array(raw)
    assert str(info.value) == message


def test_error_message_does_not_repeat_the_input() -> None:
    with pytest.raises(ArrayFormatError) as info:
        parse_array("[" + "x" * 100_000 + ",,]")
    assert len(str(info.value)) < 100


def test_array_format_error_is_a_value_error() -> None:
    assert issubclass(ArrayFormatError, ValueError)


# --- objects ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('{"a": 1}', {"a": 1}),
        ('{"a": [1.5, null], "b": {"c": true}}', {"a": [1.5, None], "b": {"c": True}}),
        ("{}", {}),
        ("{ }", {}),
        ("  {a=1}\n", {"a": "1"}),
        ("{a=1, b=x y}", {"a": "1", "b": "x y"}),
        ("{ a = 1 ,  b =  x y  }", {"a": "1", "b": "x y"}),
        ("{a=1,}", {"a": "1"}),
        ("{a=}", {"a": ""}),
        ("{a=, b=2}", {"a": "", "b": "2"}),
        ("{q=a=b}", {"q": "a=b"}),
        ("{a=1, a=2}", {"a": "2"}),
        ("{x=see [1] and {2}}", {"x": "see [1] and {2}"}),
        ("{a='x'}", {"a": "'x'"}),  # Java never quotes: quotes in a value are data
        ("{a={b={c=d}}, e=[f, {g=h}]}", {"a": {"b": {"c": "d"}}, "e": ["f", {"g": "h"}]}),
        ("{a=[], b={}}", {"a": [], "b": {}}),
    ],
)
def test_parse_object(raw: str, expected: dict[str, object]) -> None:
    result = parse_object(raw)
    assert result == expected
    assert json.dumps(result) == json.dumps(expected)


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "a=1",
        "a=1, b=2",
        "[]",
        "[{a=1}]",
        '"{a=1}"',
        "1",
        "null",
        '{"a": NaN}',
        "{",
        "{a=1",
        "{a=1}}",
        "{a=1} x",
        "{a=1]",
        "{a}",
        "{a=1, b}",
        # A comma inside a Java-map value splits it: the known ambiguity of the format.
        "{channel=Organic, Search, sessions=1}",
        "{=1}",
        "{ =1}",
        "{,}",
        "{a=1,,b=2}",
        "{a=1,,}",
        "{a=[1}",
        "{a={b=1}",
        "{a={b=1} c}",
        "{a=x]}",
    ],
)
def test_parse_object_rejects(raw: str) -> None:
    with pytest.raises(ArrayFormatError, match=r"^expected "):
        parse_object(raw)


# --- depth and size ---------------------------------------------------------------------


def _nested_list(depth: int) -> object:
    value: object = "a"
    for _ in range(depth):
        value = [value]
    return value


def test_depth_cap_allows_32_levels() -> None:
    assert parse_array("[" * 32 + "a" + "]" * 32) == _nested_list(32)
    assert parse_array("[x" + "[" * 31 + "]" * 31 + "]") == ["x" + "[" * 31 + "]" * 31]
    expected: object = "1"
    for _ in range(32):
        expected = {"a": expected}
    assert parse_object("{a=" * 32 + "1" + "}" * 32) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "[" * 33 + "a" + "]" * 33,
        "[x" + "[" * 32 + "]" * 32 + "]",
        "[{a=" * 17 + "1" + "}]" * 17,
        "[" * 100_000,
        "[" * 100_000 + "]" * 100_000,  # valid JSON, too deep for the json module
        "[" * 100_000 + "a" + "]" * 100_000,
        "[x" + "[" * 100_000 + "]" * 100_000 + "]",
    ],
)
def test_depth_cap_on_arrays(raw: str) -> None:
    with pytest.raises(ArrayFormatError, match="levels of nested brackets"):
        parse_array(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "{a=" * 33 + "1" + "}" * 33,
        "{a=" * 100_000 + "1" + "}" * 100_000,
        '{"a":' * 100_000 + "1" + "}" * 100_000,
        "{a=x" + "{" * 100_000 + "}" * 100_000 + "}",
    ],
)
def test_depth_cap_on_objects(raw: str) -> None:
    with pytest.raises(ArrayFormatError, match="levels of nested brackets"):
        parse_object(raw)


@pytest.mark.parametrize(
    ("raw", "length"),
    [
        ("[" + "a, " * 300_000 + "a]", 300_001),
        ("[" + "x" * 1_000_000 + "]", 1),
        ("[" + "{a=1}, " * 100_000 + "]", 100_000),
        ("[" + "'a' " * 250_000 + "]", 1),
        ('["' + "x" * 1_000_000 + '", y]', 2),
    ],
)
def test_megabyte_inputs(raw: str, length: int) -> None:
    assert len(parse_array(raw)) == length


@pytest.mark.parametrize(
    "raw",
    [
        "['a, " * 200_000 + "]",
        "[" + "," * 1_000_000 + "]",
        "[" * 20 + "x" * 1_000_000,
        "[" + "x" * 1_000_000,
    ],
)
def test_megabyte_bad_inputs(raw: str) -> None:
    with pytest.raises(ArrayFormatError):
        parse_array(raw)


# --- properties -------------------------------------------------------------------------

# A word that opens with a quote is a quoted element (ASCII quotes are excluded, typographic
# double quotes at the start are JSON the model wrote with the wrong quotes).
_word = st.text(st.characters(exclude_characters=",[]{}='\""), min_size=1).filter(
    lambda s: s == s.strip() and not s.startswith(("\u201c", "\u201e", "\u201f"))
)


@given(st.lists(_word))
def test_bare_words_round_trip(xs: list[str]) -> None:
    text = "[" + ", ".join(xs) + "]"
    try:
        json.loads(text)
    except ValueError:
        pass
    else:
        assume(False)  # [1, 2] or [true] is JSON and rightly keeps its JSON types
    assert parse_array(text) == xs


_json_scalar = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
_json_value = st.recursive(
    _json_scalar,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(st.lists(_json_value))
def test_json_round_trip(xs: list[object]) -> None:
    assert parse_array(json.dumps(xs)) == xs


@given(st.dictionaries(st.text(), _json_value))
def test_json_object_round_trip(obj: dict[str, object]) -> None:
    assert parse_object(json.dumps(obj)) == obj


_structural_text = st.text(alphabet="[]{},=:'\" \tab1.-NaIfinty\\")


@given(st.text() | _structural_text)
def test_parse_array_only_raises_array_format_error(raw: str) -> None:
    try:
        result = parse_array(raw)
    except ArrayFormatError:
        return
    assert isinstance(result, list)


@given(st.text() | _structural_text)
def test_parse_object_only_raises_array_format_error(raw: str) -> None:
    try:
        result = parse_object(raw)
    except ArrayFormatError:
        return
    assert isinstance(result, dict)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(r"[\"a\", \"b\"]", ["a", "b"], id="escaped-twice"),
        pytest.param(r"[\"a b\", 2]", ["a b", 2], id="escaped-twice-mixed"),
        pytest.param("[\u201ca\u201d, \u201cb\u201d]", ["a", "b"], id="typographic"),
        pytest.param("[\u201ea\u201c]", ["a"], id="typographic-low-open"),
        pytest.param("[It\u2019s, fine]", ["It\u2019s", "fine"], id="apostrophe-is-a-letter"),
    ],
)
def test_quotes_the_model_mangled_are_read_as_meant(raw: str, expected: list[object]) -> None:
    assert parse_array(raw) == expected


def test_an_object_escaped_twice_is_read_as_meant() -> None:
    assert parse_object(r"{\"claimId\": \"C-1\"}") == {"claimId": "C-1"}


@pytest.mark.parametrize(
    "raw",
    [r"[\"a, b]", "[\u201ca, \u201cb\u201d]", "[\u201c]", r"{\"a\": 1, \"b}"],
    ids=["escaped-unbalanced", "typographic-unbalanced", "typographic-alone", "object"],
)
def test_mangled_quotes_that_are_not_json_after_repair_are_refused(raw: str) -> None:
    parse = parse_object if raw.startswith("{") else parse_array
    with pytest.raises(ArrayFormatError, match="with plain double quotes and no backslashes"):
        parse(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("[He said \u201chi\u201d, ok]", ["He said \u201chi\u201d", "ok"]),
        (r"[C:\"dir\", x]", ['C:\\"dir\\"', "x"]),
    ],
    ids=["typographic-inside-a-word", "escaped-inside-a-word"],
)
def test_a_quote_inside_a_bare_word_is_part_of_it(raw: str, expected: list[object]) -> None:
    assert parse_array(raw) == expected
