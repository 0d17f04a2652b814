"""The bridge: Classic handlers nobody here wrote, served as AgentCore Gateway targets."""

from __future__ import annotations

import json
import logging
import re
import threading
from types import SimpleNamespace
from typing import Any

import pytest
from aws_lambda_powertools.event_handler import (
    BedrockAgentFunctionResolver,
    BedrockAgentResolver,
)

from agent_tools.bridge import gateway_handler
from agent_tools.errors import SchemaError
from agent_tools.testing import gateway_context
from agent_tools.testing.lambda_context import fake_lambda_context

# -- a hand-written handler in the style of the AWS tutorials ------------------------------

FUNCTION_SCHEMA = {
    "functions": [
        {
            "name": "get_available_vacation_days",
            "description": "Days left for an employee.",
            "parameters": {
                "employee_id": {"type": "integer", "description": "Id", "required": True}
            },
        },
        {
            "name": "reserve_vacation_time",
            "description": "Reserve days.",
            "parameters": {
                "employee_id": {"type": "integer", "description": "Id", "required": True},
                "start_date": {"type": "string", "description": "YYYY-MM-DD", "required": True},
                "half_day": {"type": "boolean", "description": "Half", "required": False},
                "hours": {"type": "number", "description": "Hours", "required": False},
                "tags": {"type": "array", "description": "Tags", "required": False},
            },
            "requireConfirmation": "ENABLED",
        },
        {"name": "explode", "description": "Breaks.", "parameters": {}},
        {"name": "fail", "description": "Says FAILURE.", "parameters": {}},
        {"name": "garbage", "description": "Answers nonsense.", "parameters": {}},
        {"name": "plain_text", "description": "Answers words.", "parameters": {}},
    ]
}

SEEN: list[dict[str, Any]] = []


def tutorial_handler(event: dict[str, Any], context: Any) -> Any:
    SEEN.append(event)
    action_group = event["actionGroup"]
    function = event["function"]
    parameters = event.get("parameters", [])
    values = {p["name"]: p["value"] for p in parameters}
    state = None
    if function == "get_available_vacation_days":
        if event["sessionAttributes"].get("employee_id") != values["employee_id"]:
            body = "You can only ask about your own days."
            state = "REPROMPT"
        else:
            body = json.dumps({"available_days": 12})
    elif function == "reserve_vacation_time":
        body = json.dumps({"reserved": values})
    elif function == "explode":
        raise RuntimeError("password=hunter2 at /var/task/app.py")
    elif function == "fail":
        body = "database at 10.0.0.7 refused the connection"
        state = "FAILURE"
    elif function == "garbage":
        return {"hello": "world"}
    else:
        body = "all good"
    function_response: dict[str, Any] = {"responseBody": {"TEXT": {"body": body}}}
    if state:
        function_response["responseState"] = state
    return {
        "messageVersion": "1.0",
        "response": {
            "actionGroup": action_group,
            "function": function,
            "functionResponse": function_response,
        },
        "sessionAttributes": event["sessionAttributes"],
        "promptSessionAttributes": event["promptSessionAttributes"],
    }


@pytest.fixture
def bridged() -> Any:
    SEEN.clear()
    return gateway_handler(
        tutorial_handler,
        action_group="VacationTools",
        function_schema=FUNCTION_SCHEMA,
        session_headers={"employee_id": "X-Employee-Id"},
    )


def test_function_call_builds_the_classic_event_with_values_as_bedrock_writes_them(
    bridged: Any,
) -> None:
    arguments = {
        "employee_id": 7,
        "start_date": "2026-03-02",
        "half_day": True,
        "hours": 3.5,
        "tags": ["a", "b"],
    }
    answer = bridged(
        arguments, gateway_context("reserve_vacation_time", headers={"x-employee-id": "7"})
    )
    assert answer == {
        "reserved": {
            "employee_id": "7",
            "start_date": "2026-03-02",
            "half_day": "true",
            "hours": "3.5",
            "tags": '["a", "b"]',
        }
    }
    event = SEEN[-1]
    assert event["actionGroup"] == "VacationTools"
    assert event["function"] == "reserve_vacation_time"
    assert {"name": "employee_id", "type": "integer", "value": "7"} in event["parameters"]
    assert event["sessionAttributes"] == {"employee_id": "7"}
    assert "apiPath" not in event


@pytest.mark.parametrize("as_json", [False, True], ids=["mapping", "json-text"])
def test_session_attributes_come_from_propagated_headers(bridged: Any, as_json: bool) -> None:
    context = gateway_context(
        "get_available_vacation_days", headers={"X-EMPLOYEE-ID": "3"}, headers_as_json=as_json
    )
    answer = bridged({"employee_id": 3}, context)
    assert answer == {"available_days": 12}
    assert SEEN[-1]["sessionAttributes"] == {"employee_id": "3"}


def test_a_missing_header_leaves_the_attribute_out_and_the_handler_refuses(bridged: Any) -> None:
    answer = bridged({"employee_id": 3}, gateway_context("get_available_vacation_days"))
    assert SEEN[-1]["sessionAttributes"] == {}
    assert answer == {"error": "You can only ask about your own days.", "kind": "bad_input"}


def test_a_plain_text_body_is_returned_as_text(bridged: Any) -> None:
    assert bridged({}, gateway_context("plain_text")) == "all good"


def test_unknown_tool_names_the_known_ones(bridged: Any) -> None:
    answer = bridged({}, gateway_context("delete_everything"))
    assert answer["kind"] == "not_found"
    message = answer["error"]
    assert "'delete_everything'" in message
    assert "get_available_vacation_days" in message
    assert SEEN == []


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({}, "employee_id is required (a whole number)"),
        ({"employee_id": "seven"}, "employee_id must be a whole number, got 'seven'"),
        ({"employee_id": 2.5}, "employee_id must be a whole number, got 2.5"),
        ({"employee_id": True}, "employee_id must be a whole number, got true"),
        ([1, 2], "the arguments must be a JSON object, not list"),
    ],
)
def test_arguments_that_do_not_fit_are_refused_by_name(
    bridged: Any, arguments: Any, expected: str
) -> None:
    answer = bridged(arguments, gateway_context("get_available_vacation_days", headers={}))
    assert answer["kind"] == "bad_input"
    assert expected in answer["error"]
    assert SEEN == []


def test_wrong_types_for_other_kinds(bridged: Any) -> None:
    arguments = {
        "employee_id": "7",
        "start_date": {"day": 1},
        "half_day": "maybe",
        "hours": "lots",
        "tags": "a,b",
    }
    message = bridged(arguments, gateway_context("reserve_vacation_time"))["error"]
    for name in ("start_date", "half_day", "hours", "tags"):
        assert f"{name} must be" in message
    assert "employee_id" not in message  # "7" is a whole number written as text


@pytest.mark.parametrize("hours", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_a_number_that_is_not_finite_is_refused(bridged: Any, hours: str) -> None:
    arguments = {"employee_id": 7, "start_date": "2026-01-24", "hours": hours}
    answer = bridged(arguments, gateway_context("reserve_vacation_time"))
    assert answer["kind"] == "bad_input"
    assert f"hours must be a number, got {hours!r}" in answer["error"]
    assert SEEN == []


@pytest.mark.parametrize("tool", ["explode", "fail", "garbage"])
def test_failures_leak_nothing_and_carry_a_reference(
    bridged: Any, tool: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="agent_tools"):
        answer = bridged({}, gateway_context(tool))
    reference = "00000000-0000-4000-8000-000000000000"
    assert answer["kind"] == "failure"
    assert answer["reference"] == reference
    assert f"reference {reference}" in answer["error"]
    text = json.dumps(answer)
    for secret in ("hunter2", "/var/task", "10.0.0.7", "hello", "RuntimeError"):
        assert secret not in text
    assert reference in caplog.text  # the cause is logged under the same reference


def test_a_slow_handler_is_bounded_by_the_remaining_time() -> None:
    release = threading.Event()

    def slow(event: Any, context: Any) -> Any:
        release.wait(30)  # stands in for a handler that would take 20 s
        return tutorial_handler(event, context)

    handler = gateway_handler(slow, action_group="VacationTools", function_schema=FUNCTION_SCHEMA)
    try:
        answer = handler({}, gateway_context("plain_text", remaining_time_in_millis=650))
    finally:
        release.set()
    assert answer["kind"] == "failure"
    assert "failed with an internal error" in answer["error"]


def test_timeout_caps_the_wait_without_a_context_clock() -> None:
    release = threading.Event()

    def slow(event: Any, context: Any) -> Any:
        release.wait(30)
        return None

    handler = gateway_handler(slow, action_group="G", function_schema=FUNCTION_SCHEMA, timeout=0.05)
    context = SimpleNamespace(
        client_context=SimpleNamespace(custom={"bedrockAgentCoreToolName": "t___plain_text"})
    )
    try:
        answer = handler({}, context)
    finally:
        release.set()
    assert answer["kind"] == "failure"
    assert "reference" in answer


def test_classic_events_still_reach_the_old_handler(bridged: Any) -> None:
    event = {
        "messageVersion": "1.0",
        "actionGroup": "VacationTools",
        "function": "plain_text",
        "parameters": [],
        "sessionAttributes": {},
        "promptSessionAttributes": {},
    }
    answer = bridged(event, fake_lambda_context())
    assert answer["response"]["functionResponse"]["responseBody"]["TEXT"]["body"] == "all good"


def test_a_call_without_a_tool_name_is_answered(bridged: Any) -> None:
    answer = bridged({"employee_id": 1}, fake_lambda_context())
    assert "bedrockAgentCoreToolName" in answer["error"]


@pytest.mark.parametrize(
    ("schema", "words"),
    [
        ({"functions": []}, "at least one function"),
        ({"functions": [{"description": "x"}]}, "every function needs a name"),
        (
            {"functions": [{"name": "f", "parameters": {"a": {"type": "date"}}}]},
            "tool 'f', parameter a: type must be one of",
        ),
        ({"functions": [{"name": "f"}, {"name": "f"}]}, "two tools have this name"),
        ("{not json", "must be JSON"),
    ],
)
def test_invalid_schemas_are_refused_when_the_handler_is_built(schema: Any, words: str) -> None:
    with pytest.raises(SchemaError, match=re.escape(words)):
        gateway_handler(tutorial_handler, action_group="G", function_schema=schema)


def test_exactly_one_schema_is_needed() -> None:
    with pytest.raises(SchemaError, match="exactly one of function_schema and openapi"):
        gateway_handler(tutorial_handler, action_group="G")


# -- Powertools' function-details resolver --------------------------------------------------

functions = BedrockAgentFunctionResolver()


@functions.tool(name="convert", description="Convert an amount.")
def convert(amount: float, currency: str, rounded: bool = False) -> dict[str, Any]:
    value = round(amount * 2) if rounded else amount * 2
    return {"amount": value, "currency": currency.upper()}


def test_powertools_function_resolver_behind_the_bridge() -> None:
    schema = {
        "functions": [
            {
                "name": "convert",
                "description": "Convert an amount.",
                "parameters": {
                    "amount": {"type": "number", "required": True},
                    "currency": {"type": "string", "required": True},
                    "rounded": {"type": "boolean", "required": False},
                },
            }
        ]
    }
    handler = gateway_handler(functions.resolve, action_group="Money", function_schema=schema)
    answer = handler(
        {"amount": 2.3, "currency": "eur", "rounded": True}, gateway_context("convert")
    )
    assert answer == {"amount": 5, "currency": "EUR"}


# -- Powertools' OpenAPI resolver --------------------------------------------------------------

api = BedrockAgentResolver()


@api.get("/claims/<claim_id>", description="Read one claim.")
def read_claim(claim_id: str, detail: bool = False) -> dict[str, Any]:
    return {"claim": claim_id, "detail": detail}


@api.post("/claims", description="File a claim.")
def file_claim(amount: int, reason: str = "") -> dict[str, Any]:
    return {"filed": amount, "reason": reason}


def test_powertools_openapi_resolver_behind_the_bridge() -> None:
    document = json.loads(api.get_openapi_json_schema())
    operations = {
        op["operationId"]: (path, method)
        for path, item in document["paths"].items()
        for method, op in item.items()
    }
    read_id = next(name for name in operations if name.startswith("read_claim"))
    file_id = next(name for name in operations if name.startswith("file_claim"))
    handler = gateway_handler(api.resolve, action_group="Claims", openapi=document)

    answer = handler({"claim_id": "C-9", "detail": True}, gateway_context(read_id))
    assert answer == {"claim": "C-9", "detail": True}

    answer = handler({"amount": 40}, gateway_context(file_id))
    assert answer == {"filed": 40, "reason": ""}


def test_powertools_openapi_validation_error_is_a_reprompt() -> None:
    document = json.loads(api.get_openapi_json_schema())
    file_id = next(
        op["operationId"]
        for item in document["paths"].values()
        for op in item.values()
        if op["operationId"].startswith("file_claim")
    )
    handler = gateway_handler(api.resolve, action_group="Claims", openapi=document)
    answer = handler({"amount": "forty"}, gateway_context(file_id))
    assert answer["kind"] == "bad_input"
    assert answer["error"].startswith("Invalid input for")


def test_the_bridge_keeps_the_lambda_import_path_lean() -> None:
    from tests.test_imports import HEAVY, loaded_after

    modules = loaded_after("import agent_tools.bridge")
    assert [m for m in HEAVY if m in modules] == []
    assert not [m for m in modules if m.startswith(("agent_tools.export", "agent_tools.cli"))]
