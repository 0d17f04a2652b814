"""Dispatch: conversion, bad input, failures, session state and logs, one event at a time."""

from __future__ import annotations

import json
import logging
from types import SimpleNamespace
from typing import Any

import pytest

from agent_tools import ActionGroup, Context, Failure, Reprompt, Response
from tests.apps.vacation import app
from tests.conftest import load_event
from tests.contract import body, check_envelope, state


def call(event: Any, context: Any = None) -> dict[str, Any]:
    envelope = app.resolve(event, context)
    check_envelope(event, envelope)
    return envelope


def function_event(
    function: str, session: dict[str, str] | None = None, **params: str
) -> dict[str, Any]:
    return load_event(
        "function_get_available_vacation_days",
        function=function,
        parameters=[{"name": k, "type": "string", "value": v} for k, v in params.items()],
        sessionAttributes=session if session is not None else {"employee_id": "2"},
    )


# -- bad input: REPROMPT / 4xx, one message naming every bad parameter ------------------------


def test_bad_values_reprompt_naming_every_parameter_expected_and_received() -> None:
    envelope = call(
        function_event(
            "reserve_vacation_time", employee_id="two", start_date="24/01/2026", end_date="x"
        )
    )
    assert state(envelope) == "REPROMPT"
    assert body(envelope) == (
        "Invalid input for reserve_vacation_time: "
        "employee_id must be a whole number such as 42, got 'two'; "
        "start_date must be a date as YYYY-MM-DD, got '24/01/2026'; "
        "end_date must be a date as YYYY-MM-DD, got 'x'. "
        "Correct these parameters and call again."
    )


def test_missing_required_parameter_reprompts_with_what_to_send() -> None:
    envelope = call(function_event("reserve_vacation_time", employee_id="2"))
    assert state(envelope) == "REPROMPT"
    assert body(envelope) == (
        "Invalid input for reserve_vacation_time: "
        "start_date is missing (a date as YYYY-MM-DD); "
        "end_date is missing (a date as YYYY-MM-DD). Correct these parameters and call again."
    )


def test_bad_input_in_openapi_event_is_400_with_the_same_message() -> None:
    event = load_event("openapi_reserve_vacation_time")
    event["requestBody"]["content"]["application/json"]["properties"][0]["value"] = "2026-02-30"
    envelope = call(event)
    assert state(envelope) == "400"
    assert body(envelope) == (
        "Invalid input for reserve_vacation_time: start_date must be a date as YYYY-MM-DD, "
        "got '2026-02-30'; no such day. Correct these parameters and call again."
    )


def test_bad_element_of_an_array_is_named() -> None:
    envelope = call(function_event("tag_days", days="[2026-01-24, soon]"))
    assert state(envelope) == "REPROMPT"
    assert "days must be a JSON array of dates (YYYY-MM-DD)" in body(envelope)
    assert "element 2 is 'soon'" in body(envelope)


def test_long_received_values_are_shortened_in_the_message() -> None:
    envelope = call(function_event("get_available_vacation_days", employee_id="9" * 5 + "x" * 500))
    assert state(envelope) == "REPROMPT"
    assert len(body(envelope)) < 250
    assert "..." in body(envelope)


def test_same_parameter_twice_with_different_values_reprompts() -> None:
    event = function_event("get_available_vacation_days", employee_id="2")
    event["parameters"].append({"name": "employee_id", "type": "integer", "value": "3"})
    envelope = call(event)
    assert state(envelope) == "REPROMPT"
    assert "employee_id was sent more than once with different values" in body(envelope)


def test_same_parameter_twice_with_the_same_value_is_accepted() -> None:
    event = function_event("get_available_vacation_days", employee_id="2")
    event["parameters"].append({"name": "employee_id", "type": "integer", "value": "2"})
    assert state(call(event)) == "SUCCESS"


def test_unknown_extra_parameters_are_ignored_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    event = function_event("get_available_vacation_days", employee_id="2", shoe_size="44")
    with caplog.at_level(logging.WARNING, logger="agent_tools"):
        envelope = call(event)
    assert state(envelope) == "SUCCESS"
    [record] = [r for r in caplog.records if "ignored" in r.getMessage()]
    assert record.getMessage() == (
        "get_available_vacation_days ignored parameters it does not declare: shoe_size"
    )
    assert "44" not in record.getMessage()


def test_reprompt_raised_by_the_tool() -> None:
    envelope = call(function_event("get_available_vacation_days", employee_id="99"))
    assert state(envelope) == "REPROMPT"
    assert body(envelope) == "There is no employee 99; ask the user for their id."


def test_optional_parameters_take_their_defaults() -> None:
    event = load_event("openapi_list_planned_vacations")
    event["parameters"] = event["parameters"][:1]
    envelope = call(event)
    assert json.loads(body(envelope)) == [{"employee_id": 2, "year": None, "status": "planned"}]


def test_literal_values_are_checked() -> None:
    event = load_event("openapi_list_planned_vacations")
    event["parameters"].append({"name": "status", "type": "string", "value": "cancelled"})
    envelope = call(event)
    assert state(envelope) == "400"
    assert "status must be one of: planned, taken, got 'cancelled'" in body(envelope)


# -- failures: FAILURE / 5xx, nothing internal leaks ---------------------------------------


def test_failure_raised_by_the_tool_keeps_its_message_and_status() -> None:
    envelope = call(function_event("broken", reason="dependency"))
    assert state(envelope) == "FAILURE"
    assert body(envelope) == "The HR system is down; try again later."
    api = load_event(
        "openapi_list_planned_vacations",
        apiPath="/broken",
        httpMethod="POST",
        parameters=[{"name": "reason", "type": "string", "value": "dependency"}],
    )
    assert state(call(api)) == "503"


def test_unexpected_exception_is_failure_without_internals_and_logged_with_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    context = SimpleNamespace(aws_request_id="req-1234")
    with caplog.at_level(logging.ERROR, logger="agent_tools"):
        envelope = call(function_event("broken", reason="x"), context)
    assert state(envelope) == "FAILURE"
    assert body(envelope) == (
        "broken failed with an internal error (reference req-1234). "
        "It is not caused by the input; do not retry it now."
    )
    for secret in ("secret", "/var/task", "RuntimeError", "Traceback"):
        assert secret not in json.dumps(envelope)
    [record] = [r for r in caplog.records if r.exc_info]
    assert record.getMessage() == "broken raised RuntimeError (reference req-1234)"
    assert "secret internal detail" in caplog.text


def test_unexpected_exception_in_openapi_event_is_500() -> None:
    event = load_event(
        "openapi_list_planned_vacations", apiPath="/broken", httpMethod="POST", parameters=[]
    )
    envelope = call(event)
    assert state(envelope) == "500"
    assert "internal error (reference " in body(envelope)


def test_unknown_function_is_a_failure_naming_it() -> None:
    envelope = call(function_event("book_flight"))
    assert state(envelope) == "FAILURE"
    assert body(envelope) == "The action group has no function 'book_flight'."


def test_unknown_operation_is_501_naming_it() -> None:
    envelope = call(load_event("openapi_list_planned_vacations", httpMethod="DELETE"))
    assert state(envelope) == "501"
    assert body(envelope) == (
        "The action group has no operation DELETE '/employees/{employee_id}/vacations'."
    )


def test_http_method_is_compared_case_insensitively() -> None:
    envelope = call(load_event("openapi_list_planned_vacations", httpMethod="get"))
    assert state(envelope) == "200"
    assert envelope["response"]["httpMethod"] == "get"  # echoed as sent


def test_missing_session_attribute_is_a_failure_the_model_cannot_fix() -> None:
    envelope = call(function_event("who_am_i", session={}))
    assert state(envelope) == "FAILURE"
    assert body(envelope) == (
        "who_am_i needs the session attribute 'employee_id', which this session does not have. "
        "The application that calls InvokeAgent must set it."
    )


def test_session_attribute_is_converted_and_optional_ones_default() -> None:
    envelope = call(function_event("who_am_i", session={"employee_id": "7"}))
    assert json.loads(body(envelope)) == {"caller": 7, "role": "employee"}
    envelope = call(function_event("who_am_i", session={"employee_id": "7", "role": "hr_admin"}))
    assert json.loads(body(envelope)) == {"caller": 7, "role": "hr_admin"}


def test_session_attribute_of_the_wrong_type_is_a_failure() -> None:
    envelope = call(function_event("who_am_i", session={"employee_id": "seven"}))
    assert state(envelope) == "FAILURE"
    assert "session attribute 'employee_id' to be a whole number" in body(envelope)


def test_session_parameters_cannot_be_set_by_the_model() -> None:
    envelope = call(function_event("who_am_i", session={"employee_id": "7"}, caller="1"))
    assert json.loads(body(envelope)) == {"caller": 7, "role": "employee"}


# -- results ----------------------------------------------------------------------------------


def test_async_tool() -> None:
    envelope = call(function_event("ping", message="hello"))
    assert body(envelope) == "HELLO"
    assert body(call(function_event("ping"))) == "PING"


def test_body_over_the_limit_is_not_sent(caplog: pytest.LogCaptureFixture) -> None:
    small = call(function_event("huge", size="12500"))  # 25,000 bytes in UTF-8
    assert state(small) == "SUCCESS"
    with caplog.at_level(logging.WARNING, logger="agent_tools"):
        envelope = call(function_event("huge", size="12501"))
    assert state(envelope) == "REPROMPT"
    assert body(envelope) == (
        "The result of huge is too large to return: 25002 bytes, 2 over the limit of 25000. "
        "Ask for less, for example with narrower parameters."
    )
    assert "huge returned 25002 bytes, over the limit of 25000" in caplog.text
    api = load_event(
        "openapi_list_planned_vacations",
        apiPath="/huge",
        httpMethod="POST",
        parameters=[{"name": "size", "type": "integer", "value": "20000"}],
    )
    assert state(call(api)) == "413"


def test_body_limit_is_configurable() -> None:
    group = ActionGroup("Small", max_body_bytes=10)

    @group.tool
    def echo(text: str) -> str:
        """Echo."""
        return text

    ok = group.resolve(function_event("echo", text="0123456789"))
    assert state(ok) == "SUCCESS"
    assert state(group.resolve(function_event("echo", text="0123456789a"))) == "REPROMPT"


def test_knowledge_bases_and_response_status() -> None:
    envelope = call(function_event("apply_kb"))
    assert state(envelope) == "SUCCESS"
    assert envelope["knowledgeBasesConfiguration"] == [
        {
            "knowledgeBaseId": "KB12345678",
            "retrievalConfiguration": {"vectorSearchConfiguration": {"numberOfResults": 5}},
        }
    ]
    event = function_event("apply_kb")
    event["inputText"] = "reprompt me"
    assert state(call(event)) == "REPROMPT"


@pytest.mark.parametrize(
    ("status", "function_state", "api_status"),
    [
        pytest.param(None, "SUCCESS", "200", id="none"),
        pytest.param("REPROMPT", "REPROMPT", "400", id="reprompt"),
        pytest.param("FAILURE", "FAILURE", "500", id="failure"),
        pytest.param(201, "SUCCESS", "201", id="201"),
        pytest.param(404, "REPROMPT", "404", id="404"),
        pytest.param(503, "FAILURE", "503", id="503"),
    ],
)
def test_response_status_maps_between_states_and_codes(
    status: Any, function_state: str, api_status: str
) -> None:
    group = ActionGroup("Statuses")

    @group.tool
    def answer() -> Response:
        """Answer with a status."""
        return Response({"ok": True}, status=status)

    assert state(group.resolve(function_event("answer"))) == function_state
    api = load_event(
        "openapi_list_planned_vacations", apiPath="/answer", httpMethod="POST", parameters=[]
    )
    assert state(group.resolve(api)) == api_status


def test_session_attribute_values_must_be_strings() -> None:
    group = ActionGroup("Attributes")

    @group.tool
    def remember(ctx: Context) -> str:
        """Store a number."""
        ctx.session_attributes["count"] = 3  # type: ignore[assignment]
        return "ok"

    envelope = group.resolve(function_event("remember"))
    check_envelope(function_event("remember"), envelope)
    assert state(envelope) == "FAILURE"
    assert envelope["sessionAttributes"] == {"employee_id": "2"}


def test_result_that_cannot_be_json_is_a_failure() -> None:
    group = ActionGroup("Results")

    @group.tool
    def opaque() -> object:
        """Return something JSON cannot hold."""
        return object()

    envelope = group.resolve(function_event("opaque"))
    assert state(envelope) == "FAILURE"
    assert "internal error" in body(envelope)


def test_changes_to_session_are_dropped_when_the_tool_fails() -> None:
    group = ActionGroup("Atomic")

    @group.tool
    def half(ctx: Context) -> str:
        """Change the session, then fail."""
        ctx.session_attributes["step"] = "1"
        raise RuntimeError("half-way")

    envelope = group.resolve(function_event("half"))
    assert envelope["sessionAttributes"] == {"employee_id": "2"}


# -- malformed events: never raises ------------------------------------------------------------


@pytest.mark.parametrize(
    ("event", "message"),
    [
        pytest.param("garbage", "Malformed event: expected a JSON object, got str.", id="str"),
        pytest.param(None, "Malformed event: expected a JSON object, got NoneType.", id="none"),
        pytest.param([1, 2], "Malformed event: expected a JSON object, got list.", id="list"),
        pytest.param(
            {"function": "get_available_vacation_days", "parameters": "employee_id=2"},
            "Malformed event: parameters must be a list of {name, type, value} objects.",
            id="parameters-not-a-list",
        ),
        pytest.param(
            {"function": "get_available_vacation_days", "parameters": [{"value": "2"}]},
            "Malformed event: each of the parameters must be an object with a string name.",
            id="parameter-without-name",
        ),
        pytest.param(
            {
                "apiPath": "/get_available_vacation_days",
                "httpMethod": "POST",
                "requestBody": {"content": {"text/plain": "2"}},
            },
            "Malformed event: requestBody must be {content: {application/json: "
            "{properties: [...]}}}.",
            id="request-body",
        ),
    ],
)
def test_malformed_events_get_a_failure_envelope(event: Any, message: str) -> None:
    envelope = call(event)
    assert body(envelope) == message
    assert state(envelope) in ("FAILURE", "400")
    assert envelope["response"]["actionGroup"] == "VacationTools"


def test_non_string_values_from_hand_written_events_are_converted() -> None:
    event = function_event("get_available_vacation_days")
    event["parameters"] = [{"name": "employee_id", "type": "integer", "value": 2}]
    assert json.loads(body(call(event))) == {"employee_id": 2, "available_days": 22}


# -- logs ------------------------------------------------------------------------------------


def test_one_log_line_per_call_with_values_only_where_allowed(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.INFO, logger="agent_tools"):
        call(load_event("function_get_available_vacation_days"))
        call(load_event("function_reserve_vacation_time"))
    first, second = caplog.records
    assert first.getMessage().startswith("get_available_vacation_days success in ")
    fields = {
        k: getattr(first, k)
        for k in (
            "agent_id",
            "agent_alias",
            "session_id",
            "action_group",
            "tool",
            "outcome",
            "status",
            "parameters",
        )
    }
    assert fields == {
        "agent_id": "AGENT12345",
        "agent_alias": "TSTALIASID",
        "session_id": "331e8192f7c9",
        "action_group": "VacationTools",
        "tool": "get_available_vacation_days",
        "outcome": "success",
        "status": 200,
        "parameters": {"employee_id": "2"},  # Param(log=True)
    }
    assert first.duration_ms >= 0
    assert not hasattr(second, "parameters")  # no Param(log=True): values stay out
    assert "2026-01-24" not in caplog.text


def test_reprompts_are_logged_as_such(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="agent_tools"):
        call(function_event("get_available_vacation_days", employee_id="x"))
    [record] = caplog.records
    assert record.outcome == "reprompt"
    assert record.levelno == logging.INFO


def test_a_bug_in_answering_still_gives_an_envelope(monkeypatch: pytest.MonkeyPatch) -> None:
    import agent_tools._runtimes.bedrock_agents as runtime

    def broken_render(*args: Any) -> dict[str, Any]:
        raise RuntimeError("bug")

    calls = []
    original = runtime.render

    def render_once(*args: Any) -> dict[str, Any]:
        calls.append(args)
        if len(calls) == 1:
            return broken_render(*args)
        return original(*args)

    monkeypatch.setattr(runtime, "render", render_once)
    event = load_event("function_get_available_vacation_days")
    envelope = app.resolve(event)
    assert state(envelope) == "FAILURE"
    assert body(envelope) == "The action group failed with an internal error."


def test_non_string_session_attributes_are_not_echoed() -> None:
    event = load_event(
        "function_get_available_vacation_days",
        sessionAttributes={"employee_id": "2", "count": 3, "nested": {"a": "b"}},
    )
    envelope = call(event)
    assert envelope["sessionAttributes"] == {"employee_id": "2"}


def test_a_huge_reprompt_or_failure_message_is_shortened_to_the_limit() -> None:
    group = ActionGroup("Loud", max_body_bytes=100)

    @group.tool
    def shout(kind: str) -> str:
        """Raise a long message."""
        if kind == "reprompt":
            raise Reprompt("é" * 1000)
        raise Failure("x" * 1000)

    for kind, expected_state in (("reprompt", "REPROMPT"), ("failure", "FAILURE")):
        envelope = group.resolve(function_event("shout", kind=kind))
        assert state(envelope) == expected_state
        text = body(envelope)
        assert len(text.encode("utf-8")) <= 100
        assert text.endswith(" bytes]")
        assert "[message shortened from " in text
