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
