"""``AgentSession``: calls as Bedrock sends them, session state carried as Bedrock carries it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from agent_tools import ActionGroup, Context, Router
from agent_tools.testing import (
    AgentSession,
    ContractError,
    fake_lambda_context,
    function_event,
    openapi_event,
    tool_event,
)
from tests.apps import vacation

probe = ActionGroup("Probe")


@probe.tool
def look(ctx: Context) -> dict[str, Any]:
    """Say what the call saw."""
    return {
        "input_text": ctx.input_text,
        "session": ctx.session_attributes,
        "prompt": ctx.prompt_session_attributes,
        "request_id": ctx.request_id,
        "function_name": ctx.lambda_context.function_name,
    }


@probe.tool
def remember(ctx: Context) -> str:
    """Set a prompt session attribute and a session attribute."""
    ctx.prompt_session_attributes["step"] = "done"
    ctx.session_attributes["visits"] = str(int(ctx.session_attributes.get("visits", "0")) + 1)
    return "ok"


ADMIN = {"employee_id": "2"}
BOOKING = vacation.Booking(dt.date(2026, 2, 3), dt.date(2026, 2, 4), vacation.Kind.SICK)


@pytest.mark.parametrize("openapi", [False, True], ids=["function", "openapi"])
def test_session_attributes_persist_merge_and_delete_as_tools_change_them(openapi: bool) -> None:
    session = AgentSession(
        vacation.app,
        session_attributes={"employee_id": "2"},
        prompt_session_attributes={"time_zone": "Europe/Paris"},
        openapi=openapi,
    )
    booked = session.call(
        "reserve_vacation_time",
        employee_id=2,
        start_date=dt.date(2026, 1, 24),
        end_date=dt.date(2026, 1, 26),
    )
    # A Context change is merged into the session's attributes...
    assert booked.session_attributes == {
        "employee_id": "2",
        "last_booking": "2026-01-24/2026-01-26",
    }
    assert session.session_attributes == booked.session_attributes
    # ...and sent with every later call.
    who = session.call("who_am_i")
    assert who.event is not None
    assert who.event["sessionAttributes"] == {
        "employee_id": "2",
        "last_booking": "2026-01-24/2026-01-26",
    }
    assert who.json == {"caller": 2, "role": "employee"}
    # A Response adds one attribute and deletes another.
    submitted = session.call("submit_request", employee_id=2, booking=BOOKING)
    assert submitted.session_attributes == {"employee_id": "2", "pending": "sick"}
    assert submitted.prompt_session_attributes == {
        "time_zone": "Europe/Paris",
        "hint": "request submitted",
    }
    after = session.call("who_am_i")
    assert after.event is not None
    assert after.event["sessionAttributes"] == {"employee_id": "2", "pending": "sick"}
    # The prompt attributes the tool returned ended with its turn.
    assert after.event["promptSessionAttributes"] == {"time_zone": "Europe/Paris"}
    assert session.prompt_session_attributes == {"time_zone": "Europe/Paris"}
    assert session.results == [booked, who, submitted, after]


def test_the_caller_may_change_the_session_attributes_between_calls() -> None:
    session = AgentSession(vacation.app, session_attributes={"employee_id": "2"})
    assert session.call("who_am_i").json == {"caller": 2, "role": "employee"}
    session.session_attributes["role"] = "hr_admin"
    assert session.call("who_am_i").json == {"caller": 2, "role": "hr_admin"}


def test_prompt_session_attributes_belong_to_one_turn() -> None:
    session = AgentSession(probe, prompt_session_attributes={"tone": "formal"})
    assert session.call("look").json["prompt"] == {"tone": "formal"}
    session.turn("first", prompt_session_attributes={"tone": "casual"})
    first = session.call("look").json
    assert (first["input_text"], first["prompt"]) == ("first", {"tone": "casual"})
    remembered = session.call("remember")
    assert remembered.prompt_session_attributes == {"tone": "casual", "step": "done"}
    assert remembered.session_attributes == {"visits": "1"}
    # The next call of the same turn gets the turn's prompt attributes, not the tool's...
    again = session.call("look").json
    assert again["prompt"] == {"tone": "casual"}
    # ...while the session attribute the tool set stays.
    assert again["session"] == {"visits": "1"}
    second = session.turn("second").call("look").json
    assert (second["input_text"], second["prompt"]) == ("second", {"tone": "formal"})
    assert second["session"] == {"visits": "1"}


def test_a_successful_call_function_details() -> None:
    session = AgentSession(vacation.app, session_id="s-1")
    result = session.turn("How many days?").call("get_available_vacation_days", employee_id=2)
    assert (result.state, result.status, result.ok) == ("SUCCESS", 200, True)
    assert result.text == '{"employee_id":2,"available_days":22}'
    assert result.json == {"employee_id": 2, "available_days": 22}
    assert result.session_attributes == {}
    assert result.prompt_session_attributes == {}
    assert result.knowledge_bases is None
    assert result.event == tool_event(
        vacation.app,
        "get_available_vacation_days",
        {"employee_id": 2},
        session_id="s-1",
        input_text="How many days?",
    )
    assert result.response == {
        "messageVersion": "1.0",
        "response": {
            "actionGroup": "VacationTools",
            "function": "get_available_vacation_days",
            "functionResponse": {"responseBody": {"TEXT": {"body": result.text}}},
        },
        "sessionAttributes": {},
        "promptSessionAttributes": {},
    }


def test_a_successful_call_openapi() -> None:
    session = AgentSession(vacation.app, openapi=True, action_group="HRTools")
    result = session.call("list_planned_vacations", employee_id=2, year=2026)
    assert (result.state, result.status, result.ok) == ("SUCCESS", 200, True)
    assert result.json == [{"employee_id": 2, "year": 2026, "status": "planned"}]
    assert result.response["response"] == {
        "actionGroup": "HRTools",
        "apiPath": "/employees/{employee_id}/vacations",
        "httpMethod": "GET",
        "httpStatusCode": 200,
        "responseBody": {"application/json": {"body": result.text}},
    }


@pytest.mark.parametrize("openapi", [False, True], ids=["function", "openapi"])
def test_a_reprompt(openapi: bool) -> None:
    session = AgentSession(vacation.app, openapi=openapi)
    unknown = session.call("get_available_vacation_days", employee_id=99)
    assert (unknown.state, unknown.status, unknown.ok) == ("REPROMPT", 400, False)
    assert unknown.text == "There is no employee 99; ask the user for their id."
    bad = session.call("get_available_vacation_days", employee_id="two")
    assert (bad.state, bad.status) == ("REPROMPT", 400)
    assert bad.text.startswith("Invalid input for get_available_vacation_days: employee_id must")


@pytest.mark.parametrize(
    ("openapi", "status"), [(False, 500), (True, 503)], ids=["function", "openapi"]
)
def test_a_failure(openapi: bool, status: int) -> None:
    session = AgentSession(vacation.app, openapi=openapi)
    result = session.call("broken", reason="dependency")
    assert (result.state, result.status, result.ok) == ("FAILURE", status, False)
    assert result.text == "The HR system is down; try again later."
    crashed = session.call("broken")
    assert (crashed.state, crashed.ok) == ("FAILURE", False)
    assert "secret internal detail" not in crashed.text


def test_json_of_a_body_that_is_not_json_says_so() -> None:
    result = AgentSession(vacation.app).call("ping", message="hello")
    assert result.text == "HELLO"
    with pytest.raises(ValueError, match=r"^the SUCCESS body is not JSON \(.*\): 'HELLO'$"):
        result.json  # noqa: B018 - the property is what is tested


def test_knowledge_bases_are_reported_and_kept_for_the_session() -> None:
    session = AgentSession(vacation.app)
    result = session.call("apply_kb")
    expected = [
        {
            "knowledgeBaseId": "KB12345678",
            "retrievalConfiguration": {"vectorSearchConfiguration": {"numberOfResults": 5}},
        }
    ]
    assert result.knowledge_bases == expected
    assert session.call("ping").knowledge_bases is None
    assert session.knowledge_bases == expected
    reprompted = session.turn("reprompt me").call("apply_kb")
    assert (reprompted.state, reprompted.text) == ("REPROMPT", "ok")


def test_each_call_gets_a_fake_lambda_context_with_its_own_request_id() -> None:
    session = AgentSession(probe)
    first, second = session.call("look").json, session.call("look").json
    assert first["request_id"] == "00000000-0000-4000-8000-000000000001"
    assert second["request_id"] == "00000000-0000-4000-8000-000000000002"
    assert first["function_name"] == "test-function"


def test_a_given_lambda_context_is_used_for_every_call() -> None:
    context = fake_lambda_context(function_name="hr-tools", aws_request_id="req-1")
    session = AgentSession(probe, lambda_context=context)
    assert [session.call("look").json["request_id"] for _ in range(2)] == ["req-1", "req-1"]
    assert session.call("look").json["function_name"] == "hr-tools"


def test_a_bare_handler_gets_events_built_from_the_values() -> None:
    session = AgentSession(
        vacation.lambda_handler, action_group="VacationTools", session_attributes=ADMIN
    )
    result = session.call("get_available_vacation_days", employee_id=2)
    assert result.event == function_event(
        "get_available_vacation_days",
        {"employee_id": 2},
        action_group="VacationTools",
        session_attributes=ADMIN,
    )
    assert result.json == {"employee_id": 2, "available_days": 22}


def test_a_bare_handler_over_openapi_names_the_operation() -> None:
    session = AgentSession(
        vacation.lambda_handler,
        action_group="VacationTools",
        openapi=True,
        session_attributes=ADMIN,
    )
    booked = session.call(
        "post /employees/{employee_id}/vacations",
        employee_id=2,
        start_date=dt.date(2026, 1, 24),
        end_date=dt.date(2026, 1, 26),
    )
    assert booked.event == openapi_event(
        "/employees/{employee_id}/vacations",
        "POST",
        {"employee_id": 2},
        {"start_date": dt.date(2026, 1, 24), "end_date": dt.date(2026, 1, 26)},
        action_group="VacationTools",
        session_attributes=ADMIN,
    )
    assert (booked.status, booked.json["days"]) == (200, 3)
    listed = session.call("GET /employees/{employee_id}/vacations", employee_id=2, year=2026)
    assert listed.event is not None
    assert "requestBody" not in listed.event
    assert listed.event["parameters"] == [
        {"name": "employee_id", "type": "integer", "value": "2"},
        {"name": "year", "type": "integer", "value": "2026"},
    ]
    with pytest.raises(ValueError, match="name the operation as 'METHOD /path'"):
        session.call("list_planned_vacations")


def test_a_group_run_through_its_own_handler() -> None:
    seen: list[Any] = []

    def handler(event: Any, context: Any) -> Any:
        seen.append((event["function"], context.aws_request_id))
        return vacation.app.resolve(event, context)

    session = AgentSession(vacation.app, handler=handler)
    assert session.call("get_available_vacation_days", employee_id=1).json["available_days"] == 20
    assert seen == [("get_available_vacation_days", "00000000-0000-4000-8000-000000000001")]


def test_a_router_needs_the_group_to_call() -> None:
    router = Router(vacation.app, probe)
    session = AgentSession(router, action_group="Probe")
    result = session.call("look")
    assert result.response["response"]["actionGroup"] == "Probe"
    assert result.json["function_name"] == "test-function"
    with pytest.raises(ValueError, match="one of Probe, VacationTools, not None"):
        AgentSession(router)


def test_a_handler_that_breaks_the_contract_fails_the_call_and_changes_nothing() -> None:
    def handler(event: Any, context: Any) -> Any:
        envelope = vacation.app.resolve(event, context)
        envelope["response"]["functionResponse"]["responseState"] = "SUCCESS"
        envelope["sessionAttributes"]["employee_id"] = "3"
        return envelope

    session = AgentSession(handler, action_group="VacationTools", session_attributes=ADMIN)
    with pytest.raises(ContractError, match="responseState: must be REPROMPT or FAILURE"):
        session.call("get_available_vacation_days", employee_id=2)
    assert session.session_attributes == ADMIN
    assert session.results == []


def test_a_handler_that_raises_raises() -> None:
    def handler(event: Any, context: Any) -> Any:
        raise RuntimeError("no answer")

    session = AgentSession(handler, action_group="VacationTools")
    with pytest.raises(RuntimeError, match="no answer"):
        session.call("ping")


def test_the_handler_gets_a_copy_of_the_event() -> None:
    def handler(event: Any, context: Any) -> Any:
        answer = vacation.app.resolve(event, context)
        event["sessionAttributes"]["employee_id"] = "3"
        return answer

    session = AgentSession(handler, action_group="VacationTools", session_attributes=ADMIN)
    result = session.call("who_am_i")
    assert result.event is not None
    assert result.event["sessionAttributes"] == ADMIN


@pytest.mark.parametrize(
    ("app", "keywords", "error", "message"),
    [
        pytest.param(vacation.lambda_handler, {}, ValueError, "pass action_group=", id="no-group"),
        pytest.param("VacationTools", {}, TypeError, "not str", id="not-an-app"),
        pytest.param(
            vacation.lambda_handler,
            {"action_group": "VacationTools", "handler": vacation.lambda_handler},
            ValueError,
            "handler= goes with an ActionGroup or Router",
            id="handler-twice",
        ),
    ],
)
def test_a_session_refuses_what_it_cannot_call(
    app: Any, keywords: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        AgentSession(app, **keywords)


def test_an_unknown_tool_fails_loudly() -> None:
    with pytest.raises(ValueError, match="has no tool 'nope'"):
        AgentSession(vacation.app).call("nope")
