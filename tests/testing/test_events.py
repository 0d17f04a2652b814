"""The event builders: whole events, values written as Bedrock writes them."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest

from agent_tools.testing import (
    BedrockEvents,
    function_event,
    openapi_event,
    tool_event,
)
from tests.apps import all_types, vacation
from tests.apps.all_types import Address, Color, Item, Order, Priority
from tests.conftest import load_event

AGENT = {"name": "test-agent", "id": "AGENT12345", "alias": "TSTALIASID", "version": "DRAFT"}
HR_AGENT = {"name": "hr-assistant"}  # the agent of the events in tests/events


def test_function_event_writes_every_scalar_and_object_as_a_string() -> None:
    event = function_event(
        "book",
        {
            "text": "a, b",
            "count": 3,
            "ratio": 3.5,
            "flag": True,
            "off": False,
            "amount": Decimal("12.50"),
            "day": dt.date(2026, 1, 24),
            "moment": dt.datetime(2026, 1, 24, 9, 30, tzinfo=dt.UTC),
            "ident": UUID(int=1),
            "color": Color.GREEN,
            "priority": Priority.HIGH,
            "address": Address("1 rue X"),
            "counters": {"a": 1, "é": [True, None]},
            "item": Item(sku="b-1", quantity=2),
        },
        action_group="VacationTools",
        session_attributes={"employee_id": "2"},
        prompt_session_attributes={"time_zone": "Europe/Paris"},
        input_text="Book it.",
        session_id="331e8192f7c9",
    )
    assert event == {
        "messageVersion": "1.0",
        "agent": AGENT,
        "sessionId": "331e8192f7c9",
        "inputText": "Book it.",
        "actionGroup": "VacationTools",
        "function": "book",
        "parameters": [
            {"name": "text", "type": "string", "value": "a, b"},
            {"name": "count", "type": "integer", "value": "3"},
            {"name": "ratio", "type": "number", "value": "3.5"},
            {"name": "flag", "type": "boolean", "value": "true"},
            {"name": "off", "type": "boolean", "value": "false"},
            {"name": "amount", "type": "number", "value": "12.50"},
            {"name": "day", "type": "string", "value": "2026-01-24"},
            {"name": "moment", "type": "string", "value": "2026-01-24T09:30:00+00:00"},
            {"name": "ident", "type": "string", "value": "00000000-0000-0000-0000-000000000001"},
            {"name": "color", "type": "string", "value": "green"},
            {"name": "priority", "type": "integer", "value": "2"},
            {
                "name": "address",
                "type": "string",
                "value": '{"street": "1 rue X", "city": "Paris"}',
            },
            {"name": "counters", "type": "string", "value": '{"a": 1, "é": [true, null]}'},
            {"name": "item", "type": "string", "value": '{"sku": "b-1", "quantity": 2}'},
        ],
        "sessionAttributes": {"employee_id": "2"},
        "promptSessionAttributes": {"time_zone": "Europe/Paris"},
    }


def test_function_event_defaults() -> None:
    assert function_event("nothing") == {
        "messageVersion": "1.0",
        "agent": AGENT,
        "sessionId": "test-session",
        "inputText": "",
        "actionGroup": "ActionGroup",
        "function": "nothing",
        "parameters": [],
        "sessionAttributes": {},
        "promptSessionAttributes": {},
    }


def test_agent_fields_override_the_default_agent() -> None:
    event = function_event("nothing", agent={"name": "hr-assistant", "version": "3"})
    assert event["agent"] == {
        "name": "hr-assistant",
        "id": "AGENT12345",
        "alias": "TSTALIASID",
        "version": "3",
    }


ARRAYS: dict[str, Any] = {
    "words": ["FHIR", "HL7 CDA"],
    "numbers": (1, 2.5),
    "days": [dt.date(2026, 1, 24), dt.date(2026, 1, 25)],
    "colors": {Color.RED, Color.GREEN},  # a set: sorted, so the event is the same every run
    "flags": [True, False],
    "empty": [],
}
OBJECTS: list[Any] = [{"channel": "Organic Search", "sessions": 80507}, Address("1 rue X")]


def array_event(parameters: list[dict[str, str]]) -> dict[str, Any]:
    return {
        "messageVersion": "1.0",
        "agent": AGENT,
        "sessionId": "test-session",
        "inputText": "",
        "actionGroup": "Reports",
        "function": "report",
        "parameters": parameters,
        "sessionAttributes": {},
        "promptSessionAttributes": {},
    }


def test_arrays_in_json_style() -> None:
    event = function_event("report", {**ARRAYS, "rows": OBJECTS}, action_group="Reports")
    assert event == array_event(
        [
            {"name": "words", "type": "array", "value": '["FHIR", "HL7 CDA"]'},
            {"name": "numbers", "type": "array", "value": "[1, 2.5]"},
            {"name": "days", "type": "array", "value": '["2026-01-24", "2026-01-25"]'},
            {"name": "colors", "type": "array", "value": '["green", "red"]'},
            {"name": "flags", "type": "array", "value": "[true, false]"},
            {"name": "empty", "type": "array", "value": "[]"},
            {
                "name": "rows",
                "type": "array",
                "value": '[{"channel": "Organic Search", "sessions": 80507}, '
                '{"street": "1 rue X", "city": "Paris"}]',
            },
        ]
    )


def test_arrays_in_bare_style() -> None:
    event = function_event("report", ARRAYS, action_group="Reports", array_style="bare")
    assert event == array_event(
        [
            {"name": "words", "type": "array", "value": "[FHIR, HL7 CDA]"},
            {"name": "numbers", "type": "array", "value": "[1, 2.5]"},
            {"name": "days", "type": "array", "value": "[2026-01-24, 2026-01-25]"},
            {"name": "colors", "type": "array", "value": "[green, red]"},
            {"name": "flags", "type": "array", "value": "[true, false]"},
            {"name": "empty", "type": "array", "value": "[]"},
        ]
    )


def test_arrays_in_java_style() -> None:
    event = function_event(
        "report", {**ARRAYS, "rows": OBJECTS}, action_group="Reports", array_style="java"
    )
    assert event == array_event(
        [
            {"name": "words", "type": "array", "value": "[FHIR, HL7 CDA]"},
            {"name": "numbers", "type": "array", "value": "[1, 2.5]"},
            {"name": "days", "type": "array", "value": "[2026-01-24, 2026-01-25]"},
            {"name": "colors", "type": "array", "value": "[green, red]"},
            {"name": "flags", "type": "array", "value": "[true, false]"},
            {"name": "empty", "type": "array", "value": "[]"},
            {
                "name": "rows",
                "type": "array",
                "value": "[{channel=Organic Search, sessions=80507}, {street=1 rue X, city=Paris}]",
            },
        ]
    )


def test_bare_style_refuses_arrays_of_objects() -> None:
    with pytest.raises(ValueError, match="parameter 'rows': arrays of objects are not sent"):
        function_event("report", {"rows": OBJECTS}, array_style="bare")


def test_session_attributes_must_be_strings() -> None:
    with pytest.raises(ValueError, match="session_attributes must map strings to strings"):
        function_event("nothing", session_attributes={"employee_id": 2})  # type: ignore[dict-item]


def test_openapi_event_with_a_body() -> None:
    event = openapi_event(
        "/employees/{employee_id}/vacations",
        "post",
        {"employee_id": 2},
        {"start_date": dt.date(2026, 1, 24), "days": [1, 2], "booking": {"kind": "sick"}},
        action_group="VacationTools",
    )
    assert event == {
        "messageVersion": "1.0",
        "agent": AGENT,
        "sessionId": "test-session",
        "inputText": "",
        "actionGroup": "VacationTools",
        "apiPath": "/employees/{employee_id}/vacations",
        "httpMethod": "POST",
        "parameters": [{"name": "employee_id", "type": "integer", "value": "2"}],
        "requestBody": {
            "content": {
                "application/json": {
                    "properties": [
                        {"name": "start_date", "type": "string", "value": "2026-01-24"},
                        {"name": "days", "type": "array", "value": "[1, 2]"},
                        {"name": "booking", "type": "object", "value": '{"kind": "sick"}'},
                    ]
                }
            }
        },
        "sessionAttributes": {},
        "promptSessionAttributes": {},
    }


def test_openapi_event_without_a_body_has_no_request_body() -> None:
    event = openapi_event("/employees/{employee_id}", "get", {"employee_id": "2"})
    assert event == {
        "messageVersion": "1.0",
        "agent": AGENT,
        "sessionId": "test-session",
        "inputText": "",
        "actionGroup": "ActionGroup",
        "apiPath": "/employees/{employee_id}",
        "httpMethod": "GET",
        "parameters": [{"name": "employee_id", "type": "string", "value": "2"}],
        "sessionAttributes": {},
        "promptSessionAttributes": {},
    }


# -- tool_event: the events in tests/events, rebuilt from the tools' declarations ---------------


def test_tool_event_function_details_as_in_the_events_file() -> None:
    event = tool_event(
        vacation.app,
        "get_available_vacation_days",
        {"employee_id": 2},
        agent=HR_AGENT,
        session_id="331e8192f7c9",
        input_text="How much vacation does employee 2 have?",
        session_attributes={"employee_id": "2"},
    )
    assert event == load_event("function_get_available_vacation_days")


def test_tool_event_types_come_from_the_declaration_not_the_value() -> None:
    event = tool_event(
        vacation.app,
        "tag_days",
        # A string is sent as is: here, a JSON array where the style asks for bare words.
        {"days": [dt.date(2026, 1, 24), dt.date(2026, 1, 25)], "tags": '["travel", "offsite"]'},
        agent=HR_AGENT,
        session_id="331e8192f7c9",
        input_text="Tag the 24th and 25th as travel and offsite.",
        array_style="bare",
    )
    assert event == load_event("function_tag_days")


def test_tool_event_openapi_puts_path_values_in_parameters_and_the_rest_in_the_body() -> None:
    event = tool_event(
        vacation.app,
        "reserve_vacation_time",
        {"employee_id": 2, "start_date": dt.date(2026, 1, 24), "end_date": "2026-01-26"},
        openapi=True,
        agent=HR_AGENT,
        session_id="331e8192f7c9",
        input_text="Book me off from January 24 to 26.",
        session_attributes={"employee_id": "2"},
    )
    assert event == load_event("openapi_reserve_vacation_time")


def test_tool_event_openapi_get_sends_path_and_query_values_and_no_body() -> None:
    event = tool_event(
        vacation.app,
        "list_planned_vacations",
        {"year": 2026, "employee_id": 2},
        openapi=True,
        agent=HR_AGENT,
        session_id="331e8192f7c9",
        input_text="What vacations do I have planned in 2026?",
        session_attributes={"employee_id": "2"},
    )
    assert event == load_event("openapi_list_planned_vacations")


def test_tool_event_openapi_sends_a_dataclass_body_as_its_fields_flat() -> None:
    booking = vacation.Booking(dt.date(2026, 2, 3), dt.date(2026, 2, 4), vacation.Kind.SICK)
    event = tool_event(
        vacation.app,
        "submit_request",
        {"employee_id": 2, "booking": booking},
        openapi=True,
        agent=HR_AGENT,
        session_id="331e8192f7c9",
        input_text="Request sick leave on the 3rd and 4th of February.",
        session_attributes={"employee_id": "2", "last_booking": "2026-01-24/2026-01-26"},
    )
    assert event == load_event("openapi_submit_request")


def test_tool_event_function_details_send_a_dataclass_as_json_text() -> None:
    booking = vacation.Booking(dt.date(2026, 2, 3), dt.date(2026, 2, 4))
    event = tool_event(vacation.app, "submit_request", {"employee_id": 2, "booking": booking})
    assert event["actionGroup"] == "VacationTools"
    assert event["parameters"] == [
        {"name": "employee_id", "type": "integer", "value": "2"},
        {
            "name": "booking",
            "type": "string",
            "value": '{"start_date": "2026-02-03", "end_date": "2026-02-04", "kind": "annual"}',
        },
    ]


def test_tool_event_openapi_pydantic_body_sends_the_fields_that_were_set() -> None:
    order = Order(
        items=[Item(sku="a b", quantity=2, tags=["x"]), Item(sku="c", quantity=3, kind="toy")],
        priority=Priority.HIGH,
    )
    event = tool_event(
        all_types.app,
        "place_order",
        {"order": order},
        openapi=True,
        action_group="Shop",
        array_style="java",
    )
    assert (event["actionGroup"], event["apiPath"], event["httpMethod"]) == (
        "Shop",
        "/place_order",
        "POST",
    )
    assert event["parameters"] == []
    assert event["requestBody"] == {
        "content": {
            "application/json": {
                "properties": [
                    {
                        "name": "items",
                        "type": "array",
                        "value": "[{sku=a b, quantity=2, tags=[x]}, {sku=c, quantity=3, kind=toy}]",
                    },
                    {"name": "priority", "type": "integer", "value": "2"},
                ]
            }
        }
    }


def test_tool_event_openapi_body_model_from_a_mapping_in_declaration_order() -> None:
    event = tool_event(
        vacation.app,
        "submit_request",
        {"employee_id": 2, "booking": {"kind": "sick", "start_date": "2026-02-03"}},
        openapi=True,
    )
    assert event["requestBody"]["content"]["application/json"]["properties"] == [
        {"name": "start_date", "type": "string", "value": "2026-02-03"},
        {"name": "kind", "type": "string", "value": "sick"},
    ]


def test_tool_event_openapi_several_body_parameters_are_sent_whole() -> None:
    event = tool_event(
        all_types.app,
        "update_address",
        {"address_id": 7, "address": Address("1 rue X"), "extra": {"visits": 3}},
        openapi=True,
    )
    assert event["parameters"] == [{"name": "address_id", "type": "integer", "value": "7"}]
    assert event["requestBody"]["content"]["application/json"]["properties"] == [
        {"name": "address", "type": "object", "value": '{"street": "1 rue X", "city": "Paris"}'},
        {"name": "extra", "type": "object", "value": '{"visits": 3}'},
    ]


def test_tool_event_openapi_operation_with_a_body_but_no_body_values() -> None:
    event = tool_event(vacation.app, "reserve_vacation_time", {"employee_id": 2}, openapi=True)
    assert event["requestBody"] == {"content": {"application/json": {"properties": []}}}


@pytest.mark.parametrize(
    ("tool", "arguments", "message"),
    [
        pytest.param(
            "reserve_vacation",
            {},
            "action group 'VacationTools' has no tool 'reserve_vacation'; its tools: "
            "get_available_vacation_days, reserve_vacation_time,",
            id="unknown-tool",
        ),
        pytest.param(
            "get_available_vacation_days",
            {"employee_id": 2, "year": 2026, "name": "x"},
            "tool 'get_available_vacation_days' has no parameter 'year', 'name' for the model "
            "to fill in; its parameters: employee_id",
            id="unknown-arguments",
        ),
        pytest.param(
            "reserve_vacation_time",
            {"caller": "2"},
            "caller is read from the session or the context, not from the model's "
            "arguments: set session_attributes instead",
            id="session-attribute-as-argument",
        ),
    ],
)
def test_tool_event_refuses_unknown_names(tool: str, arguments: Any, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        tool_event(vacation.app, tool, arguments)


def test_tool_event_refuses_unknown_fields_of_a_body_model() -> None:
    with pytest.raises(ValueError, match="Booking has no field 'days'; its fields"):
        tool_event(
            vacation.app, "submit_request", {"employee_id": 2, "booking": {"days": 3}}, openapi=True
        )


# -- what tool_event builds, the framework reads back, in every style ---------------------------


ORDER = Order(
    items=[Item(sku="a b", quantity=2, tags=["x", "y"]), Item(sku="c", quantity=3, kind="toy")],
    priority=Priority.HIGH,
    deliver_on=dt.date(2026, 3, 1),
)


def body_of(envelope: dict[str, Any]) -> str:
    response = envelope["response"]
    if "functionResponse" in response:
        return str(response["functionResponse"]["responseBody"]["TEXT"]["body"])
    return str(response["responseBody"]["application/json"]["body"])


@pytest.mark.parametrize("openapi", [False, True], ids=["function", "openapi"])
@pytest.mark.parametrize("style", ["json", "java"])
def test_the_framework_reads_back_a_pydantic_order(style: Any, openapi: bool) -> None:
    event = tool_event(
        all_types.app,
        "place_order",
        {"order": ORDER},
        openapi=openapi,
        array_style=style,
        session_attributes={"employee_id": "2"},
    )
    assert Order.model_validate_json(body_of(all_types.app.resolve(event))) == ORDER


@pytest.mark.parametrize("openapi", [False, True], ids=["function", "openapi"])
@pytest.mark.parametrize("style", ["json", "bare", "java"])
def test_the_framework_reads_back_arrays_and_scalars(style: Any, openapi: bool) -> None:
    tagged = tool_event(
        vacation.app,
        "tag_days",
        {"days": [dt.date(2026, 1, 24), dt.date(2026, 1, 25)], "tags": {"travel", "offsite"}},
        openapi=openapi,
        array_style=style,
    )
    assert json.loads(body_of(vacation.app.resolve(tagged))) == {
        "days": ["2026-01-24", "2026-01-25"],
        "tags": ["offsite", "travel"],
    }
    listed = tool_event(
        vacation.app,
        "list_planned_vacations",
        {"employee_id": 2, "year": 2026, "status": "taken"},
        openapi=openapi,
        array_style=style,
    )
    assert json.loads(body_of(vacation.app.resolve(listed))) == [
        {"employee_id": 2, "year": 2026, "status": "taken"}
    ]


def test_bedrock_events_holds_the_builders() -> None:
    events = BedrockEvents()
    assert events.function_event("f") == function_event("f")
    assert events.openapi_event("/p", "get") == openapi_event("/p", "GET")
    assert events.tool_event(vacation.app, "ping") == tool_event(vacation.app, "ping")
    assert events.format_value(True) == "true"
