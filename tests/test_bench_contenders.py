"""The benchmark compares like with like: this project and the hand-written floor agree."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bench.contenders import agent_tools_app, handwritten, handwritten_gateway
from bench.events import FUNCTION_EVENT, GATEWAY_CONTEXT, GATEWAY_EVENT, OPENAPI_EVENT


def body(envelope: dict[str, Any]) -> Any:
    response = envelope["response"]
    holder = response.get("functionResponse", response)
    return json.loads(next(iter(holder["responseBody"].values()))["body"])


@pytest.mark.parametrize("event", [FUNCTION_EVENT, OPENAPI_EVENT], ids=["function", "openapi"])
def test_same_answer(event: dict[str, Any]) -> None:
    ours = agent_tools_app.lambda_handler(event, None)
    floor = handwritten.lambda_handler(event, None)
    assert body(ours) == body(floor)
    assert ours["response"].keys() == floor["response"].keys()


def test_same_answer_on_the_gateway() -> None:
    ours = agent_tools_app.lambda_handler(GATEWAY_EVENT, GATEWAY_CONTEXT)
    floor = handwritten_gateway.lambda_handler(GATEWAY_EVENT, GATEWAY_CONTEXT)
    assert ours == floor == {"employee_id": 2, "name": "Ana", "day": "2026-01-24", "days": 3}


def _gateway_call(arguments: dict[str, Any], tool: str = "bench___lookup") -> Any:
    from types import SimpleNamespace

    custom = {**GATEWAY_CONTEXT.client_context.custom, "bedrockAgentCoreToolName": tool}
    context = SimpleNamespace(
        aws_request_id=GATEWAY_CONTEXT.aws_request_id,
        client_context=SimpleNamespace(custom=custom),
    )
    return (
        agent_tools_app.lambda_handler(arguments, context),
        handwritten_gateway.lambda_handler(arguments, context),
    )


@pytest.mark.parametrize(
    ("arguments", "tool", "result"),
    [
        (
            {"employee_id": " 7 ", "name": "Ana", "day": "2026-01-24"},
            "bench___lookup",
            {"employee_id": 7, "name": "Ana", "day": "2026-01-24", "days": 3},
        ),
        (
            {"employee_id": 2, "note": "ski", "paid": "true"},
            "bench___book",
            {"employee_id": 2, "note": "ski", "paid": True, "days": 3},
        ),
        (
            {"employee_id": 2, "note": "ski", "paid": False},
            "book",
            {"employee_id": 2, "note": "ski", "paid": False, "days": 3},
        ),
    ],
)
def test_the_gateway_yardstick_converts_as_the_package_does(
    arguments: dict[str, Any], tool: str, result: dict[str, Any]
) -> None:
    ours, floor = _gateway_call(arguments, tool)
    assert ours == floor == result


@pytest.mark.parametrize(
    ("arguments", "bad"),
    [
        ({"employee_id": "two", "name": "Ana", "day": "2026-01-24"}, ["employee_id"]),
        ({"employee_id": True, "name": "Ana", "day": "2026-01-24"}, ["employee_id"]),
        ({"employee_id": 2, "name": ["Ana"], "day": "24/01/2026"}, ["name", "day"]),
        ({"employee_id": 2, "name": "Ana", "day": "2026-02-30"}, ["day"]),
        ({"name": "Ana"}, ["employee_id", "day"]),
    ],
)
def test_the_gateway_yardstick_refuses_bad_input_naming_each_parameter(
    arguments: dict[str, Any], bad: list[str]
) -> None:
    ours, floor = _gateway_call(arguments)
    for answer in (ours, floor):
        assert answer["kind"] == "bad_input"
        for name in bad:
            assert name in answer["error"]
    assert "name" not in bad or "day" in floor["error"]  # every problem, not the first


def test_the_gateway_yardstick_answers_an_unknown_tool() -> None:
    ours, floor = _gateway_call({}, "bench___fire")
    assert ours["kind"] == floor["kind"] == "not_found"
    assert "'fire'" in floor["error"]
    assert "lookup" in floor["error"]


def test_the_gateway_yardstick_holds_the_result_to_the_body_limit() -> None:
    arguments = {"employee_id": 2, "name": "é" * 13_000, "day": "2026-01-24"}
    ours, floor = _gateway_call(arguments)  # 13,000 characters, 26,000 bytes of UTF-8
    assert ours["kind"] == floor["kind"] == "bad_input"
    assert "too large" in floor["error"]
    fits = {"employee_id": 2, "name": "é" * 12_000, "day": "2026-01-24"}
    ours, floor = _gateway_call(fits)
    assert ours == floor
    assert floor["name"] == fits["name"]
