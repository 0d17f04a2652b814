"""Plain results: written by the kept C encoder, sent by a gateway as they are.

What counts as plain JSON data is decided once (``encode.is_plain``); everything else takes
the general encoder and is read back from the body on a gateway, as before.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections import namedtuple
from typing import Any

import pytest

from agent_tools import ActionGroup
from agent_tools._serve.decide import PlainOutcome, finish
from agent_tools._serve.encode import encode_body, is_plain
from agent_tools.testing import fake_lambda_context

Pair = namedtuple("Pair", "left right")


class Size(enum.IntEnum):
    SMALL = 1


class Tag(enum.StrEnum):
    RED = "red"


def nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


PLAIN = [
    {"a": 1, "b": "x", "c": True, "d": None, "e": 1.5, "f": [1, {"g": [-0.0, ""]}]},
    [],
    {},
    "text",
    7,
    2.5,
    None,
    nested(8),
]
NOT_PLAIN = [
    dt.date(2026, 1, 24),
    {"day": dt.date(2026, 1, 24)},
    [1, (2, 3)],
    Pair(1, 2),
    {1: "int key"},
    {"size": Size.SMALL},
    [Tag.RED],
    {"x": float("nan")},
    [float("inf")],
    nested(9),
    {"set": {1}},
]


@pytest.mark.parametrize("value", PLAIN)
def test_plain_data_is_recognised_and_written_compactly(value: Any) -> None:
    assert is_plain(value)
    body = encode_body(value)
    expected = (
        value
        if isinstance(value, str)
        else json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    )
    assert body == expected


@pytest.mark.parametrize("value", NOT_PLAIN)
def test_anything_else_is_not_plain(value: Any) -> None:
    assert not is_plain(value)


def test_a_circular_result_is_not_plain_and_is_still_refused() -> None:
    circle: dict[str, Any] = {}
    circle["self"] = circle
    assert not is_plain(circle)
    with pytest.raises(ValueError, match="Circular"):
        encode_body(circle)


app = ActionGroup("Plain")
RESULTS: dict[str, Any] = {}


@app.tool
def give(key: str) -> Any:
    """Return the stored result of that key."""
    return RESULTS[key]


def gateway_call(key: str) -> Any:
    context = fake_lambda_context()
    context.client_context = type(
        "ClientContext", (), {"custom": {"bedrockAgentCoreToolName": "plain___give"}}
    )()
    return app.lambda_handler({"key": key}, context)


def test_a_plain_result_is_sent_by_a_gateway_as_the_same_object() -> None:
    RESULTS["flat"] = {"employee_id": 2, "name": "Ana", "days": [1, 2.5, None]}
    assert gateway_call("flat") is RESULTS["flat"]


@pytest.mark.parametrize(
    ("value", "sent"),
    [
        (Pair(1, 2), [1, 2]),  # the Lambda runtime's encoder would write an object
        ({"size": Size.SMALL, "tags": (Tag.RED,)}, {"size": 1, "tags": ["red"]}),
        ({"day": dt.date(2026, 1, 24)}, {"day": "2026-01-24"}),
        (nested(9), nested(9)),
    ],
)
def test_other_results_are_sent_as_the_body_was_written(value: Any, sent: Any) -> None:
    RESULTS["other"] = value
    answer = gateway_call("other")
    assert answer == sent
    assert json.dumps(answer) == json.dumps(sent)  # plain types, not the tool's own


def test_only_plain_successes_are_marked_plain() -> None:
    RESULTS["flat"] = {"a": [1]}
    RESULTS["date"] = {"a": dt.date(2026, 1, 24)}
    tool = app._registry.by_name["give"]
    assert type(finish(tool, RESULTS["flat"], None, {}, {}, 25_000)) is PlainOutcome
    assert type(finish(tool, RESULTS["date"], None, {}, {}, 25_000)) is not PlainOutcome
    too_large = finish(tool, {"a": "x" * 30_000}, None, {}, {}, 25_000)
    assert type(too_large) is not PlainOutcome
    assert too_large.status == 413
