"""``ToolResult.from_response``: check an envelope, then read it."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from agent_tools.testing import ContractError, ToolResult


def api_envelope(status: int, body: str = '{"ok": true}') -> dict[str, Any]:
    return {
        "messageVersion": "1.0",
        "response": {
            "actionGroup": "Shop",
            "apiPath": "/orders",
            "httpMethod": "POST",
            "httpStatusCode": status,
            "responseBody": {"application/json": {"body": body}},
        },
        "sessionAttributes": {"cart": "3"},
        "promptSessionAttributes": {"tone": "formal"},
    }


@pytest.mark.parametrize(
    ("status", "state"),
    [
        (200, "SUCCESS"),
        (201, "SUCCESS"),
        (399, "SUCCESS"),
        (400, "REPROMPT"),
        (404, "REPROMPT"),
        (499, "REPROMPT"),
        (500, "FAILURE"),
        (503, "FAILURE"),
    ],
)
def test_an_openapi_status_gives_the_state(status: int, state: str) -> None:
    result = ToolResult.from_response(api_envelope(status))
    assert (result.state, result.status, result.ok) == (state, status, state == "SUCCESS")


@pytest.mark.parametrize(
    ("function_response", "state", "status"),
    [
        ({}, "SUCCESS", 200),
        ({"responseState": "REPROMPT"}, "REPROMPT", 400),
        ({"responseState": "FAILURE"}, "FAILURE", 500),
    ],
)
def test_a_function_details_state_gives_the_status(
    function_response: dict[str, str], state: str, status: int
) -> None:
    envelope = {
        "messageVersion": "1.0",
        "response": {
            "actionGroup": "Shop",
            "function": "order",
            "functionResponse": {**function_response, "responseBody": {"TEXT": {"body": "x"}}},
        },
        "sessionAttributes": {},
        "promptSessionAttributes": {},
    }
    result = ToolResult.from_response(envelope)
    assert (result.state, result.status, result.text) == (state, status, "x")
    assert result.response is envelope
    assert result.event is None


def test_all_the_fields() -> None:
    envelope = api_envelope(200)
    event = {"actionGroup": "Shop", "apiPath": "/orders", "httpMethod": "POST"}
    result = ToolResult.from_response(envelope, event=event)
    assert result == ToolResult(
        state="SUCCESS",
        status=200,
        text='{"ok": true}',
        session_attributes={"cart": "3"},
        prompt_session_attributes={"tone": "formal"},
        knowledge_bases=None,
        response=envelope,
        event=event,
    )
    assert result.json == {"ok": True}
    assert repr(result) == "ToolResult(state='SUCCESS', status=200, text='{\"ok\": true}')"
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.state = "FAILURE"  # type: ignore[misc]


def test_the_envelope_is_checked_first() -> None:
    event = {"actionGroup": "Shop", "apiPath": "/orders/{id}", "httpMethod": "POST"}
    with pytest.raises(ContractError, match=r"^response.apiPath: must echo the event's"):
        ToolResult.from_response(api_envelope(200), event=event)


def test_a_long_body_that_is_not_json_is_shown_shortened() -> None:
    result = ToolResult.from_response(api_envelope(500, "x" * 500))
    with pytest.raises(ValueError, match=r"^the FAILURE body is not JSON \(.*\): 'x{197}\.\.\.'$"):
        result.json  # noqa: B018 - the property is what is tested
