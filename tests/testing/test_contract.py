"""The response checker: every envelope the framework writes passes; each violation is named."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from agent_tools.testing import ContractError, check_response, tool_event
from tests.apps import vacation

KB = {
    "knowledgeBaseId": "KB12345678",
    "retrievalConfiguration": {
        "vectorSearchConfiguration": {
            "numberOfResults": 5,
            "overrideSearchType": "HYBRID",
            "filter": {"equals": {"key": "team", "value": "hr"}},
        }
    },
}
FUNCTION_EVENT = tool_event(vacation.app, "get_available_vacation_days", {"employee_id": 2})
FUNCTION_RESPONSE = {
    "messageVersion": "1.0",
    "response": {
        "actionGroup": "VacationTools",
        "function": "get_available_vacation_days",
        "functionResponse": {"responseBody": {"TEXT": {"body": "{}"}}},
    },
    "sessionAttributes": {"employee_id": "2"},
    "promptSessionAttributes": {},
    "knowledgeBasesConfiguration": [KB],
}
API_EVENT = tool_event(vacation.app, "list_planned_vacations", {"employee_id": 2}, openapi=True)
API_RESPONSE = {
    "messageVersion": "1.0",
    "response": {
        "actionGroup": "VacationTools",
        "apiPath": "/employees/{employee_id}/vacations",
        "httpMethod": "GET",
        "httpStatusCode": 200,
        "responseBody": {"application/json": {"body": "[]"}},
    },
    "sessionAttributes": {},
    "promptSessionAttributes": {},
}

# Every tool of the vacation app, with arguments, once per event kind.
CALLS: list[tuple[str, dict[str, Any], str]] = [
    ("get_available_vacation_days", {"employee_id": 2}, ""),
    ("get_available_vacation_days", {"employee_id": 99}, ""),  # REPROMPT
    ("get_available_vacation_days", {"employee_id": "two"}, ""),  # bad input
    ("reserve_vacation_time", {"employee_id": 2, "start_date": "2026-01-24"}, ""),  # missing
    (
        "reserve_vacation_time",
        {"employee_id": 2, "start_date": dt.date(2026, 1, 24), "end_date": dt.date(2026, 1, 26)},
        "",
    ),
    ("list_planned_vacations", {"employee_id": 2, "year": 2026}, ""),
    (
        "submit_request",
        {"employee_id": 2, "booking": vacation.Booking(dt.date(2026, 2, 3), dt.date(2026, 2, 4))},
        "",
    ),
    ("tag_days", {"days": [dt.date(2026, 1, 24)], "tags": ["travel"]}, ""),
    ("ping", {"message": "hello"}, ""),
    ("broken", {}, ""),
    ("broken", {"reason": "dependency"}, ""),
    ("huge", {"size": 30_000}, ""),
    ("who_am_i", {}, ""),
    ("apply_kb", {}, ""),
    ("apply_kb", {}, "reprompt me"),
]


@pytest.mark.parametrize("openapi", [False, True], ids=["function", "openapi"])
@pytest.mark.parametrize(("tool", "arguments", "input_text"), CALLS)
def test_every_envelope_the_framework_writes_passes(
    tool: str, arguments: dict[str, Any], input_text: str, openapi: bool
) -> None:
    event = tool_event(
        vacation.app,
        tool,
        arguments,
        openapi=openapi,
        input_text=input_text,
        session_attributes={"employee_id": "2", "role": "hr_admin"},
        prompt_session_attributes={"time_zone": "Europe/Paris"},
    )
    check_response(event, vacation.app.resolve(event))


def test_the_framework_answers_malformed_events_within_the_contract() -> None:
    events: list[Any] = [None, [], {"function": 3}, {"apiPath": "/nowhere", "httpMethod": "GET"}]
    for event in events:
        check_response(event, vacation.app.resolve(event))


def test_the_fixtures_here_are_valid() -> None:
    check_response(FUNCTION_EVENT, FUNCTION_RESPONSE)
    check_response(API_EVENT, API_RESPONSE)


def test_without_an_event_the_shape_gives_the_kind_and_echoes_are_not_checked() -> None:
    check_response(None, API_RESPONSE)
    check_response(None, FUNCTION_RESPONSE)
    with pytest.raises(ContractError, match=r"response.apiPath: is in the answer to a function"):
        check_response(FUNCTION_EVENT, API_RESPONSE)
    with pytest.raises(ContractError, match=r"response.functionResponse: is in the answer to an"):
        check_response(API_EVENT, FUNCTION_RESPONSE)


def test_a_contract_error_is_an_assertion_error_with_the_field() -> None:
    with pytest.raises(AssertionError) as raised:
        check_response(FUNCTION_EVENT, {**FUNCTION_RESPONSE, "messageVersion": "2.0"})
    assert isinstance(raised.value, ContractError)
    assert raised.value.field == "messageVersion"
    assert raised.value.problem == "must be \"1.0\", got '2.0'"
    assert str(raised.value) == "messageVersion: must be \"1.0\", got '2.0'"


Change = Callable[[dict[str, Any]], Any]


def setting(path: str, value: Any) -> Change:
    """Set (or, for ``...``, delete) the item at a dotted path; ``[n]`` indexes a list."""

    def change(envelope: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = envelope
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        if value is ...:
            del node[last]
        else:
            node[int(last) if last.isdigit() else last] = value

    return change


KB_PATH = "knowledgeBasesConfiguration.0"
VECTOR = f"{KB_PATH}.retrievalConfiguration.vectorSearchConfiguration"
VECTOR_FIELD = "knowledgeBasesConfiguration[0].retrievalConfiguration.vectorSearchConfiguration"

FUNCTION_VIOLATIONS = [
    ("unknown-top-level", setting("sessionState", {}), "sessionState", "not a field of the"),
    ("no-version", setting("messageVersion", ...), "messageVersion", 'missing; it must be "1.0"'),
    ("bad-version", setting("messageVersion", 1.0), "messageVersion", 'must be "1.0", got 1.0'),
    ("no-session", setting("sessionAttributes", ...), "sessionAttributes", "is missing"),
    ("session-list", setting("sessionAttributes", []), "sessionAttributes", "got list"),
    (
        "session-int",
        setting("sessionAttributes.employee_id", 2),
        "sessionAttributes['employee_id']",
        "must be a string, got int 2",
    ),
    (
        "prompt-null",
        setting("promptSessionAttributes.hint", None),
        "promptSessionAttributes['hint']",
        "must be a string, got null",
    ),
    ("no-prompt", setting("promptSessionAttributes", ...), "promptSessionAttributes", "missing"),
    (
        "kb-not-list",
        setting("knowledgeBasesConfiguration", KB),
        "knowledgeBasesConfiguration",
        "must be a list, got dict",
    ),
    (
        "kb-empty",
        setting("knowledgeBasesConfiguration", []),
        "knowledgeBasesConfiguration",
        "must hold at least one entry; leave it out instead",
    ),
    (
        "kb-no-retrieval",
        setting(f"{KB_PATH}.retrievalConfiguration", ...),
        "knowledgeBasesConfiguration[0].retrievalConfiguration",
        "is missing",
    ),
    (
        "kb-bad-id",
        setting(f"{KB_PATH}.knowledgeBaseId", "kb-1"),
        "knowledgeBasesConfiguration[0].knowledgeBaseId",
        "must be 1-10 letters and digits, got 'kb-1'",
    ),
    (
        "kb-long-id",
        setting(f"{KB_PATH}.knowledgeBaseId", "KB123456789"),
        "knowledgeBasesConfiguration[0].knowledgeBaseId",
        "1-10 letters",
    ),
    (
        "kb-extra-field",
        setting(f"{KB_PATH}.description", "x"),
        "knowledgeBasesConfiguration[0].description",
        "is not a field here",
    ),
    (
        "kb-managed-search",
        setting(f"{KB_PATH}.retrievalConfiguration.managedSearchConfiguration", {}),
        "knowledgeBasesConfiguration[0].retrievalConfiguration.managedSearchConfiguration",
        "the fields are vectorSearchConfiguration",
    ),
    (
        "kb-no-vector-search",
        setting(f"{KB_PATH}.retrievalConfiguration.vectorSearchConfiguration", ...),
        VECTOR_FIELD,
        "is missing",
    ),
    (
        "kb-zero",
        setting(f"{VECTOR}.numberOfResults", 0),
        f"{VECTOR_FIELD}.numberOfResults",
        "must be an integer from 1 to 100, got 0",
    ),
    (
        "kb-101",
        setting(f"{VECTOR}.numberOfResults", 101),
        f"{VECTOR_FIELD}.numberOfResults",
        "must be an integer from 1 to 100, got 101",
    ),
    (
        "kb-bool",
        setting(f"{VECTOR}.numberOfResults", True),
        f"{VECTOR_FIELD}.numberOfResults",
        "must be an integer from 1 to 100, got True",
    ),
    (
        "kb-text",
        setting(f"{VECTOR}.numberOfResults", "5"),
        f"{VECTOR_FIELD}.numberOfResults",
        "must be an integer from 1 to 100, got '5'",
    ),
    (
        "kb-search-type",
        setting(f"{VECTOR}.overrideSearchType", "KEYWORD"),
        f"{VECTOR_FIELD}.overrideSearchType",
        "must be HYBRID or SEMANTIC, got 'KEYWORD'",
    ),
    (
        "kb-unknown-search-field",
        setting(f"{VECTOR}.topK", 3),
        f"{VECTOR_FIELD}.topK",
        "is not a field here",
    ),
    ("kb-filter", setting(f"{VECTOR}.filter", "team=hr"), f"{VECTOR_FIELD}.filter", "got str"),
    ("no-response", setting("response", ...), "response", "is missing"),
    ("response-text", setting("response", "ok"), "response", "must be an object, got str"),
    (
        "wrong-group",
        setting("response.actionGroup", "Other"),
        "response.actionGroup",
        "must echo the event's 'VacationTools', got 'Other'",
    ),
    (
        "group-not-text",
        setting("response.actionGroup", None),
        "response.actionGroup",
        "must be a string, got null",
    ),
    (
        "wrong-function",
        setting("response.function", "reserve_vacation_time"),
        "response.function",
        "must echo the event's 'get_available_vacation_days'",
    ),
    ("no-function", setting("response.function", ...), "response.function", "is missing"),
    (
        "status-in-function-answer",
        setting("response.httpStatusCode", 200),
        "response.httpStatusCode",
        "the fields are actionGroup, function, functionResponse",
    ),
    (
        "no-function-response",
        setting("response.functionResponse", ...),
        "response.functionResponse",
        "is missing",
    ),
    (
        "success-state",
        setting("response.functionResponse.responseState", "SUCCESS"),
        "response.functionResponse.responseState",
        "must be REPROMPT or FAILURE, or left out on success; got 'SUCCESS'",
    ),
    (
        "state-lower-case",
        setting("response.functionResponse.responseState", "reprompt"),
        "response.functionResponse.responseState",
        "got 'reprompt'",
    ),
    (
        "no-body",
        setting("response.functionResponse.responseBody", ...),
        "response.functionResponse.responseBody",
        "is missing",
    ),
    (
        "json-body-key",
        setting("response.functionResponse.responseBody", {"application/json": {"body": "{}"}}),
        "response.functionResponse.responseBody.application/json",
        "the fields are TEXT",
    ),
    (
        "body-object",
        setting("response.functionResponse.responseBody.TEXT.body", {"days": 3}),
        "response.functionResponse.responseBody.TEXT.body",
        "must be a string, got dict",
    ),
    (
        "text-extra",
        setting("response.functionResponse.responseBody.TEXT.contentType", "text/plain"),
        "response.functionResponse.responseBody.TEXT.contentType",
        "the fields are body",
    ),
    (
        "not-json",
        setting(f"{VECTOR}.filter", {"equals": {"key": "n", "value": float("nan")}}),
        "(envelope)",
        "is not JSON",
    ),
    (
        "too-large",
        setting("response.functionResponse.responseBody.TEXT.body", "x" * 6_300_000),
        "(envelope)",
        "over Lambda's 6291556-byte response limit",
    ),
]

API_VIOLATIONS = [
    (
        "wrong-path",
        setting("response.apiPath", "/employees/2/vacations"),
        "response.apiPath",
        "must echo the event's '/employees/{employee_id}/vacations', got '/employees/2/vacations'",
    ),
    (
        "method-case",
        setting("response.httpMethod", "get"),
        "response.httpMethod",
        "must echo the event's 'GET', got 'get'",
    ),
    ("no-method", setting("response.httpMethod", ...), "response.httpMethod", "is missing"),
    ("status-199", setting("response.httpStatusCode", 199), "response.httpStatusCode", "got 199"),
    ("status-600", setting("response.httpStatusCode", 600), "response.httpStatusCode", "got 600"),
    ("status-bool", setting("response.httpStatusCode", True), "response.httpStatusCode", "True"),
    ("status-text", setting("response.httpStatusCode", "200"), "response.httpStatusCode", "'200'"),
    ("no-status", setting("response.httpStatusCode", ...), "response.httpStatusCode", "missing"),
    (
        "text-body-key",
        setting("response.responseBody", {"TEXT": {"body": "[]"}}),
        "response.responseBody.TEXT",
        "the fields are application/json",
    ),
    (
        "body-list",
        setting("response.responseBody.application/json.body", []),
        "response.responseBody.application/json.body",
        "must be a string, got list",
    ),
    (
        "state-in-api-answer",
        setting("response.responseState", "REPROMPT"),
        "response.responseState",
        "is not a field here",
    ),
]


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [pytest.param(*case[1:], id=case[0]) for case in FUNCTION_VIOLATIONS],
)
def test_function_details_violations_name_the_field(
    change: Change, field: str, problem: str
) -> None:
    response = copy.deepcopy(FUNCTION_RESPONSE)
    change(response)
    with pytest.raises(ContractError) as raised:
        check_response(FUNCTION_EVENT, response)
    assert raised.value.field == field
    assert problem in raised.value.problem


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [pytest.param(*case[1:], id=case[0]) for case in API_VIOLATIONS],
)
def test_openapi_violations_name_the_field(change: Change, field: str, problem: str) -> None:
    response = copy.deepcopy(API_RESPONSE)
    change(response)
    with pytest.raises(ContractError) as raised:
        check_response(API_EVENT, response)
    assert raised.value.field == field
    assert problem in raised.value.problem


@pytest.mark.parametrize("response", [None, [], "ok", 200], ids=repr)
def test_an_answer_that_is_not_an_object(response: Any) -> None:
    with pytest.raises(ContractError, match=r"^\(envelope\): must be a JSON object, got "):
        check_response(FUNCTION_EVENT, response)
