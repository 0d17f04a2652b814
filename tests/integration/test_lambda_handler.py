"""Whole events from tests/events through the real ``lambda_handler``, whole envelopes out."""

from __future__ import annotations

import json
from types import SimpleNamespace

from tests.apps.vacation import lambda_handler
from tests.conftest import load_event
from tests.contract import check_envelope

LAMBDA_CONTEXT = SimpleNamespace(aws_request_id="c6af9ac6-7b61-11e6-9a41-93e8deadbeef")


def test_function_details_success() -> None:
    event = load_event("function_get_available_vacation_days")
    envelope = lambda_handler(event, LAMBDA_CONTEXT)
    assert envelope == {
        "messageVersion": "1.0",
        "response": {
            "actionGroup": "VacationTools",
            "function": "get_available_vacation_days",
            "functionResponse": {
                "responseBody": {"TEXT": {"body": '{"employee_id":2,"available_days":22}'}}
            },
        },
        "sessionAttributes": {"employee_id": "2"},
        "promptSessionAttributes": {},
    }
    check_envelope(event, envelope)


def test_function_details_with_session_and_context() -> None:
    event = load_event("function_reserve_vacation_time")
    envelope = lambda_handler(event, LAMBDA_CONTEXT)
    assert envelope == {
        "messageVersion": "1.0",
        "response": {
            "actionGroup": "VacationTools",
            "function": "reserve_vacation_time",
            "functionResponse": {
                "responseBody": {
                    "TEXT": {
                        "body": '{"employee_id":2,"caller":"2","days":3,"start_date":"2026-01-24"}'
                    }
                }
            },
        },
        "sessionAttributes": {"employee_id": "2", "last_booking": "2026-01-24/2026-01-26"},
        "promptSessionAttributes": {"time_zone": "Europe/Paris"},
    }
    check_envelope(event, envelope)


def test_openapi_path_parameter_and_request_body() -> None:
    event = load_event("openapi_reserve_vacation_time")
    envelope = lambda_handler(event, LAMBDA_CONTEXT)
    assert envelope == {
        "messageVersion": "1.0",
        "response": {
            "actionGroup": "VacationTools",
            "apiPath": "/employees/{employee_id}/vacations",
            "httpMethod": "POST",
            "httpStatusCode": 200,
            "responseBody": {
                "application/json": {
                    "body": '{"employee_id":2,"caller":"2","days":3,"start_date":"2026-01-24"}'
                }
            },
        },
        "sessionAttributes": {"employee_id": "2", "last_booking": "2026-01-24/2026-01-26"},
        "promptSessionAttributes": {},
    }
    check_envelope(event, envelope)


def test_openapi_query_parameters_and_defaults() -> None:
    event = load_event("openapi_list_planned_vacations")
    envelope = lambda_handler(event, LAMBDA_CONTEXT)
    check_envelope(event, envelope)
    assert envelope["response"]["httpStatusCode"] == 200
    body = envelope["response"]["responseBody"]["application/json"]["body"]
    assert json.loads(body) == [{"employee_id": 2, "year": 2026, "status": "planned"}]


def test_openapi_body_that_is_a_dataclass_arrives_flat() -> None:
    event = load_event("openapi_submit_request")
    envelope = lambda_handler(event, LAMBDA_CONTEXT)
    check_envelope(event, envelope)
    assert envelope["response"]["httpStatusCode"] == 200
    body = json.loads(envelope["response"]["responseBody"]["application/json"]["body"])
    assert body == {
        "employee_id": 2,
        "booking": {"start_date": "2026-02-03", "end_date": "2026-02-04", "kind": "sick"},
    }
    # Response(session_attributes=...) merges; a None value removes the key.
    assert envelope["sessionAttributes"] == {"employee_id": "2", "pending": "sick"}
    assert envelope["promptSessionAttributes"] == {"hint": "request submitted"}


def test_arrays_in_bare_word_and_json_forms() -> None:
    event = load_event("function_tag_days")
    envelope = lambda_handler(event, LAMBDA_CONTEXT)
    check_envelope(event, envelope)
    body = json.loads(envelope["response"]["functionResponse"]["responseBody"]["TEXT"]["body"])
    assert body == {"days": ["2026-01-24", "2026-01-25"], "tags": ["offsite", "travel"]}


def test_the_same_tool_answers_both_event_kinds_alike() -> None:
    function_event = load_event("function_reserve_vacation_time", promptSessionAttributes={})
    api_event = load_event("openapi_reserve_vacation_time")
    function_envelope = lambda_handler(function_event, LAMBDA_CONTEXT)
    api_envelope = lambda_handler(api_event, LAMBDA_CONTEXT)
    assert (
        function_envelope["response"]["functionResponse"]["responseBody"]["TEXT"]["body"]
        == api_envelope["response"]["responseBody"]["application/json"]["body"]
    )
    assert function_envelope["sessionAttributes"] == api_envelope["sessionAttributes"]
