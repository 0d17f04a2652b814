"""The HR action group through its real ``lambda_handler``: rules, identity, retries, telemetry."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from agent_tools.testing import AgentSession, ToolResult, fake_lambda_context, gateway_call
from sample_tools import hr

LAMBDA_CONTEXT = fake_lambda_context(
    function_name="hr-tools",
    memory_limit_in_mb="256",
    aws_request_id="6f7e1c52-0000-4000-8000-000000000001",
)
SESSION_ID = "331e8192f7c9"


@pytest.fixture(autouse=True)
def fresh_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("HR_STORE", "sqlite")
    monkeypatch.setenv("HR_DB_PATH", str(tmp_path / "hr.sqlite3"))
    monkeypatch.setenv("HR_TODAY", "2026-01-10")
    hr.store.cache_clear()
    yield
    hr.store.cache_clear()


def agent(session: dict[str, str] | None = None, **keywords: Any) -> AgentSession:
    """An agent session on the real ``lambda_handler``; every answer is contract-checked."""
    return AgentSession(
        hr.lambda_handler,
        action_group="VacationTools",
        session_attributes={"employee_id": "2"} if session is None else session,
        lambda_context=LAMBDA_CONTEXT,
        session_id=SESSION_ID,
        **keywords,
    )


Call = Callable[..., ToolResult]


@pytest.fixture
def call() -> Call:
    """One tool call, as the first of a session with the given attributes."""

    def call(function: str, session: dict[str, str] | None = None, **params: str) -> ToolResult:
        return agent(session).call(function, **params)

    return call


def result(called: ToolResult) -> Any:
    assert called.state == "SUCCESS", called.text
    return called.json


def test_the_tutorial_conversation() -> None:
    session = agent()

    def call(function: str, **params: str) -> ToolResult:
        return session.call(function, **params)

    session.turn("How much vacation do I have left?")
    assert result(call("get_available_vacation_days", employee_id="2")) == {
        "employee_id": 2,
        "name": "Bruno Lindqvist",
        "year": 2026,
        "total_days": 24,
        "taken_days": 0,
        "available_days": 24,
    }
    session.turn("Book me off from January 24 to 26.")
    booked = result(
        call(
            "reserve_vacation_time", employee_id="2", start_date="2026-01-24", end_date="2026-01-26"
        )
    )
    reservation = booked["reservation"]
    assert reservation["days"] == 3
    assert (reservation["start_date"], reservation["end_date"]) == ("2026-01-24", "2026-01-26")
    assert booked["available_days"] == 21
    assert result(call("get_available_vacation_days", employee_id="2"))["available_days"] == 21
    session.turn("What have I planned this year?")
    listed = result(call("list_planned_vacations", employee_id="2", year="2026"))
    assert listed == {
        "employee_id": 2,
        "vacations": [reservation],
        "page": 1,
        "next_page": None,
        "total": 1,
    }
    session.turn("Cancel it.")
    cancelled = result(
        call("cancel_vacation", employee_id="2", reservation_id=reservation["reservation_id"])
    )
    assert cancelled["reservation"]["status"] == "cancelled"
    assert cancelled["available_days"] == 24
    assert result(call("list_planned_vacations", employee_id="2")) == {
        "employee_id": 2,
        "vacations": [],
        "page": 1,
        "next_page": None,
        "total": 0,
    }
    # The session's identity was never changed by the tools.
    assert session.session_attributes == {"employee_id": "2"}


def test_the_same_tool_over_an_openapi_event() -> None:
    # Events built from the group's declarations, run through the real lambda_handler.
    session = AgentSession(
        hr.app,
        handler=hr.lambda_handler,
        openapi=True,
        session_attributes={"employee_id": "2"},
        lambda_context=LAMBDA_CONTEXT,
        session_id=SESSION_ID,
    )
    booked = session.call(
        "reserve_vacation_time",
        employee_id=2,
        start_date=date(2026, 1, 24),
        end_date=date(2026, 1, 26),
    )
    assert booked.event is not None
    assert (booked.event["apiPath"], booked.event["httpMethod"]) == (
        "/employees/{employee_id}/vacations",
        "POST",
    )
    assert booked.status == 200
    assert booked.json["available_days"] == 21


@pytest.mark.parametrize(
    ("function", "params", "message"),
    [
        pytest.param(
            "reserve_vacation_time",
            {"employee_id": "2", "start_date": "24/01/2026", "end_date": "2026-01-26"},
            "start_date must be a date as YYYY-MM-DD, got '24/01/2026'",
            id="not-iso",
        ),
        pytest.param(
            "reserve_vacation_time",
            {"employee_id": "2", "start_date": "2026-01-26", "end_date": "2026-01-24"},
            "end_date 2026-01-24 is before start_date 2026-01-26. Ask the user which dates "
            "they meant.",
            id="end-before-start",
        ),
        pytest.param(
            "reserve_vacation_time",
            {"employee_id": "2", "start_date": "2026-12-30", "end_date": "2027-01-02"},
            "A vacation must stay within one calendar year, since each year has its own "
            "balance: book 2026-12-30 to 2026-12-31 and 2027-01-01 to 2027-01-02 separately.",
            id="crosses-year",
        ),
        pytest.param(
            "reserve_vacation_time",
            {"employee_id": "2", "start_date": "2031-01-05", "end_date": "2031-01-06"},
            "Employee 2 has no vacation balance for 2031.",
            id="year-without-balance",
        ),
        pytest.param(
            "reserve_vacation_time",
            {"employee_id": "2", "start_date": "2026-03-01", "end_date": "2026-03-31"},
            "Not enough vacation days: the request needs 31 days but only 24 are left for "
            "2026. Book at most 24 days.",
            id="overdraft",
        ),
        pytest.param(
            "reserve_vacation_time",
            {"employee_id": "2", "start_date": "2026-02-01", "end_date": "2026-12-31"},
            "A single booking can cover at most 90 days; this one covers 334.",
            id="too-long",
        ),
        pytest.param(
            "cancel_vacation",
            {"employee_id": "2", "reservation_id": "V0000000404"},
            "Employee 2 has no vacation with the reservation id 'V0000000404'.",
            id="cancel-unknown",
        ),
        pytest.param(
            "cancel_vacation",
            {"employee_id": "2", "reservation_id": "V0000000001"},
            "Employee 2 has no vacation with the reservation id 'V0000000001'.",
            id="cancel-not-theirs",
        ),
    ],
)
def test_rules_reprompt_with_an_actionable_message(
    call: Call, function: str, params: dict[str, str], message: str
) -> None:
    refused = call(function, **params)
    assert refused.state == "REPROMPT"
    assert message in refused.text
    assert result(call("get_available_vacation_days", employee_id="2"))["taken_days"] == 0


def test_overlap_names_the_existing_vacation(call: Call) -> None:
    call("reserve_vacation_time", employee_id="2", start_date="2026-01-24", end_date="2026-01-26")
    refused = call(
        "reserve_vacation_time", employee_id="2", start_date="2026-01-25", end_date="2026-01-27"
    )
    assert refused.state == "REPROMPT"
    assert "overlap the planned vacation V" in refused.text
    assert "from 2026-01-24 to 2026-01-26" in refused.text


@pytest.mark.parametrize(
    ("employee_id", "message"),
    [
        ("42", "There is no employee 42. Ask the user for their employee id."),
        ("9", "Employee 9 is no longer active"),
    ],
)
def test_unknown_and_inactive_employees(call: Call, employee_id: str, message: str) -> None:
    admin = {"employee_id": "1"}
    refused = call("get_available_vacation_days", session=admin, employee_id=employee_id)
    assert refused.state == "REPROMPT"
    assert message in refused.text


def test_a_retried_booking_books_once_and_answers_the_same(call: Call) -> None:
    params = {"employee_id": "2", "start_date": "2026-01-24", "end_date": "2026-01-26"}
    first = call("reserve_vacation_time", **params)
    second = call("reserve_vacation_time", **params)
    assert second.text == first.text
    assert result(call("get_available_vacation_days", employee_id="2"))["available_days"] == 21


# -- authorization: every tool x (own, someone else's, hr_admin, no identity) ----------------

TOOLS = {
    "get_available_vacation_days": {},
    "reserve_vacation_time": {"start_date": "2026-05-04", "end_date": "2026-05-05"},
    "list_planned_vacations": {},
    "cancel_vacation": {"reservation_id": "V0000000003"},  # employee 4's seeded vacation
}
SESSIONS = {
    "own": ({"employee_id": "4"}, "SUCCESS"),
    "someone-else": ({"employee_id": "2"}, "REPROMPT"),
    "hr-admin": ({"employee_id": "1"}, "SUCCESS"),  # by the store's record
    "claimed-role": ({"employee_id": "2", "role": "hr_admin"}, "REPROMPT"),  # grants nothing
    "no-identity": ({}, "FAILURE"),
    "role-without-identity": ({"role": "hr_admin"}, "FAILURE"),
    "unknown-caller": ({"employee_id": "42", "role": "hr_admin"}, "FAILURE"),
    "inactive-caller": ({"employee_id": "9"}, "FAILURE"),
}


def snapshot(call: Call) -> Any:
    admin = {"employee_id": "1"}
    return (
        call("get_available_vacation_days", session=admin, employee_id="4").text,
        call("list_planned_vacations", session=admin, employee_id="4").text,
    )


@pytest.mark.parametrize("session_name", list(SESSIONS))
@pytest.mark.parametrize("tool", list(TOOLS))
def test_authorization_matrix(call: Call, tool: str, session_name: str) -> None:
    session, expected = SESSIONS[session_name]
    before = snapshot(call)
    called = call(tool, session=session, employee_id="4", **TOOLS[tool])
    assert called.state == expected, called.text
    if expected == "REPROMPT":
        assert called.text.startswith(
            "Access denied: this session belongs to employee 2, who may see and change only "
            "their own vacation, not employee 4's. Nothing was changed."
        )
    if expected == "FAILURE" and "employee_id" in session:
        assert called.text.startswith(
            f"This session's employee {session['employee_id']} is not a current employee on "
            "record, so nothing can be looked up or changed. Nothing was changed."
        )
    elif expected == "FAILURE":
        assert "needs the session attribute 'employee_id'" in called.text
    if expected != "SUCCESS" or tool in ("get_available_vacation_days", "list_planned_vacations"):
        assert snapshot(call) == before


def test_the_model_cannot_pass_an_identity_as_a_parameter(call: Call) -> None:
    # caller and role are unknown to the tool's schema: the bare handler session sends them
    # anyway, as a model could.
    refused = call(
        "get_available_vacation_days",
        session={"employee_id": "2"},
        employee_id="4",
        caller="4",
        role="hr_admin",
    )
    assert refused.event is not None
    assert [p["name"] for p in refused.event["parameters"]] == ["employee_id", "caller", "role"]
    assert refused.state == "REPROMPT"
    assert refused.text.startswith("Access denied")


# -- telemetry ---------------------------------------------------------------------------------


def emf_metrics(output: str) -> dict[str, float]:
    found: dict[str, float] = {}
    for line in output.splitlines():
        if '"_aws"' in line:
            record = json.loads(line)
            for definition in record["_aws"]["CloudWatchMetrics"][0]["Metrics"]:
                name = definition["Name"]
                found[name] = found.get(name, 0) + sum(
                    record[name] if isinstance(record[name], list) else [record[name]]
                )
    return found


@pytest.fixture
def log_output() -> Iterator[io.StringIO]:
    """What the Powertools handlers write (they hold the stdout of their import time)."""
    buffer = io.StringIO()
    handlers = [
        handler
        for name in ("hr-vacation-tools", "agent_tools")
        for handler in logging.getLogger(name).handlers
        if isinstance(handler, logging.StreamHandler)
    ]
    streams = [handler.setStream(buffer) for handler in handlers]
    yield buffer
    for handler, stream in zip(handlers, streams, strict=True):
        handler.setStream(stream)  # type: ignore[arg-type]


def test_booking_metrics_and_session_correlated_logs(
    call: Call, capsys: pytest.CaptureFixture[str], log_output: io.StringIO
) -> None:
    call("reserve_vacation_time", employee_id="2", start_date="2026-01-24", end_date="2026-01-26")
    call("reserve_vacation_time", employee_id="2", start_date="2026-03-01", end_date="2026-03-31")
    call("get_available_vacation_days", employee_id="2")
    assert emf_metrics(capsys.readouterr().out) == {"BookingsMade": 1, "BookingsRefused": 1}
    call_lines = [
        json.loads(line)
        for line in log_output.getvalue().splitlines()
        if '"name":"agent_tools"' in line
    ]
    assert [(line["tool"], line["outcome"]) for line in call_lines] == [
        ("reserve_vacation_time", "success"),
        ("reserve_vacation_time", "reprompt"),
        ("get_available_vacation_days", "success"),
    ]
    assert {line["correlation_id"] for line in call_lines} == {"331e8192f7c9"}
    assert all("2026-01-24" not in json.dumps(line) for line in call_lines)


def test_a_gateway_calls_logs_are_keyed_by_its_request_not_by_the_models_arguments(
    log_output: io.StringIO,
) -> None:
    event, context = gateway_call(
        "get_available_vacation_days",
        {"employee_id": 2, "sessionId": "chosen-by-the-model"},
        target="VacationTools",
        headers={"x-employee-id": "2"},
    )
    hr.lambda_handler(event, context)
    call_lines = [
        json.loads(line)
        for line in log_output.getvalue().splitlines()
        if '"name":"agent_tools"' in line
    ]
    assert call_lines
    correlation = {line.get("correlation_id") for line in call_lines}
    assert "chosen-by-the-model" not in correlation
    assert correlation == {context.client_context.custom["bedrockAgentCoreAwsRequestId"]}
