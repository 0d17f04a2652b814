"""The test kit's Gateway calls: builders, ``ToolResult.from_gateway``, ``AgentSession``, and
a Gateway call through the real Lambda runtime client."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from agent_tools import ActionGroup, Router
from agent_tools.testing import (
    AgentSession,
    ToolResult,
    gateway_call,
    gateway_context,
    gateway_custom,
    gateway_event,
    run_in_lambda_runtime,
)
from sample_tools import hr

ROOT = Path(__file__).resolve().parents[2]

app = ActionGroup("Echo")


@app.tool
def echo(text: str, times: int = 1) -> dict[str, Any]:
    """Echo text."""
    return {"text": text * times}


@app.tool
def fail() -> int:
    """Fails."""
    raise RuntimeError("hidden")


def test_gateway_event_writes_values_as_json_data() -> None:
    event = gateway_event({"day": dt.date(2026, 1, 2), "n": Decimal("2"), "s": "7"})
    assert event == {"day": "2026-01-02", "n": 2, "s": "7"}


def test_gateway_context_names_the_tool_and_carries_headers() -> None:
    context = gateway_context("echo", target="echo-target", headers={"X-A": "1"})
    custom = context.client_context.custom
    assert custom["bedrockAgentCoreToolName"] == "echo-target___echo"
    assert custom["bedrockAgentCorePropagatedHeaders"] == {"X-A": "1"}
    assert custom["bedrockAgentCoreMessageVersion"] == "1.0"
    as_text = gateway_custom("echo", target=None, headers={"X-A": "1"}, headers_as_json=True)
    assert as_text["bedrockAgentCoreToolName"] == "echo"
    assert json.loads(as_text["bedrockAgentCorePropagatedHeaders"]) == {"X-A": "1"}
    event, built = gateway_call("echo", {"text": "a"}, aws_request_id="r-1")
    assert (event, built.aws_request_id) == ({"text": "a"}, "r-1")


@pytest.mark.parametrize(
    ("answer", "state", "status"),
    [
        ({"error": "bad", "kind": "bad_input"}, "REPROMPT", 400),
        ({"error": "none", "kind": "not_found"}, "FAILURE", 501),
        ({"error": "x", "kind": "failure", "reference": "r"}, "FAILURE", 500),
        ({"error": "a result", "kind": "other"}, "SUCCESS", 200),
        ({"error": "a result", "kind": "failure", "more": 1}, "SUCCESS", 200),
        ([1, 2], "SUCCESS", 200),
        ("text", "SUCCESS", 200),
    ],
)
def test_from_gateway_reads_refusals_and_results(answer: Any, state: str, status: int) -> None:
    result = ToolResult.from_gateway(answer)
    assert (result.state, result.status, result.value) == (state, status, answer)
    if state == "SUCCESS" and not isinstance(answer, str):
        assert result.json == answer


def test_agent_session_drives_the_gateway() -> None:
    session = AgentSession(app, gateway=True)
    assert session.call("echo", text="ab", times="2").json == {"text": "abab"}
    refused = session.call("echo", times="x")
    assert refused.state == "REPROMPT"
    assert "text is missing" in refused.text
    assert "times must be a whole number" in refused.text
    failed = session.call("fail")
    assert failed.state == "FAILURE"
    assert "hidden" not in failed.text
    assert [r.state for r in session.results] == ["SUCCESS", "REPROMPT", "FAILURE"]
    with pytest.raises(ValueError, match="no tool 'nope'"):
        session.call("nope")
    with pytest.raises(ValueError, match="no parameter 'loud'"):
        session.call("echo", text="a", loud=True)


def test_agent_session_sends_identity_in_headers(hr_sqlite: None) -> None:
    session = AgentSession(hr.app, gateway=True, headers={"x-employee-id": "2"}, target="hr-tools")
    assert session.call("get_available_vacation_days", employee_id=2).json["name"] == (
        "Bruno Lindqvist"
    )
    denied = session.call("get_available_vacation_days", employee_id=3)
    assert denied.state == "REPROMPT"
    assert denied.text.startswith("Access denied")
    # A role header grants nothing: the store says who administers HR.
    session.headers["x-hr-role"] = "hr_admin"
    assert session.call("get_available_vacation_days", employee_id=3).state == "REPROMPT"
    session.headers["x-employee-id"] = "1"  # the seed's HR administrator
    assert session.call("get_available_vacation_days", employee_id=3).ok


def test_agent_session_drives_a_router_and_a_bare_handler() -> None:
    other = ActionGroup("Other")
    router = Router(app, other)
    session = AgentSession(router, action_group="Echo", gateway=True)
    assert session.call("echo", text="r").json == {"text": "r"}
    bare = AgentSession(app.lambda_handler, action_group="Echo", gateway=True)
    assert bare.call("echo", text="b").json == {"text": "b"}
    with pytest.raises(ValueError, match="cannot be used together"):
        AgentSession(app, gateway=True, openapi=True)


@pytest.mark.parametrize("keyword", ["session_attributes", "prompt_session_attributes"])
def test_a_gateway_session_refuses_session_attributes(keyword: str) -> None:
    # They would be dropped without a word, and a test that meant to sign someone in would
    # call as nobody.
    with pytest.raises(
        ValueError, match=r"no session attributes: pass the trusted values as headers="
    ):
        AgentSession(hr.app, gateway=True, **{keyword: {"employee_id": "2"}})


@pytest.mark.parametrize("gateway", [False, True], ids=["classic", "gateway"])
def test_a_session_names_unknown_tools_and_arguments_alike(gateway: bool) -> None:
    # One check for both platforms: the same words, and where a trusted value is set.
    session = AgentSession(hr.app, gateway=gateway)
    with pytest.raises(ValueError, match="no tool") as unknown_tool:
        session.call("book_vacation")
    assert str(unknown_tool.value) == (
        "action group 'VacationTools' has no tool 'book_vacation'; its tools: "
        + ", ".join(t.name for t in hr.app.tools)
    )
    with pytest.raises(ValueError, match="no parameter") as unknown_argument:
        session.call("get_available_vacation_days", employee_id=2, caller=2)
    trusted = "headers" if gateway else "session_attributes"
    assert str(unknown_argument.value) == (
        "tool 'get_available_vacation_days' has no parameter 'caller' for the model to fill "
        "in; its parameters: employee_id, year. caller is read from the session or the "
        f"context, not from the model's arguments: set {trusted} instead"
    )
    assert session.results == []


@pytest.fixture
def hr_sqlite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("HR_STORE", "sqlite")
    monkeypatch.setenv("HR_DB_PATH", str(tmp_path / "hr.sqlite3"))
    monkeypatch.setenv("HR_TODAY", "2026-01-10")
    hr.store.cache_clear()
    yield
    hr.store.cache_clear()


def test_a_gateway_call_through_the_real_runtime_client(tmp_path: Path) -> None:
    """awslambdaric builds the client context from the invoke's ClientContext; the handler
    reads the tool name and the headers from it and answers JSON the runtime can post."""
    headers = {"X-Employee-Id": "2"}
    events = [
        {"employee_id": "2"},
        {"employee_id": 3},
        {"employee_id": 2, "start_date": "2026-01-24", "end_date": "2026-01-26"},
        {"employee_id": 2},
    ]
    contexts = [
        {"custom": gateway_custom("get_available_vacation_days", headers=headers)},
        {"custom": gateway_custom("get_available_vacation_days", headers=headers)},
        {"custom": gateway_custom("reserve_vacation_time", headers=headers, headers_as_json=True)},
        {"custom": gateway_custom("get_available_vacation_days")},
    ]
    (tmp_path / "gateway_handler.py").write_text(
        "from sample_tools.hr import app\n\nlambda_handler = app.lambda_handler\n"
    )
    invocations = run_in_lambda_runtime(
        "gateway_handler.lambda_handler",
        events,
        cwd=tmp_path,
        client_contexts=contexts,
        env={
            "PYTHONPATH": str(ROOT),
            "HR_STORE": "sqlite",
            "HR_DB_PATH": str(tmp_path / "hr.sqlite3"),
            "HR_TODAY": "2026-01-10",
            "POWERTOOLS_METRICS_DISABLED": "true",
        },
    )
    own, other, booked, anonymous = (i.result() for i in invocations)
    assert own.json["available_days"] == 24
    assert other.state == "REPROMPT"
    assert booked.json["reservation"]["days"] == 3
    assert anonymous.state == "FAILURE"
    assert "x-employee-id" in anonymous.text


def test_client_contexts_must_match_the_events() -> None:
    with pytest.raises(ValueError, match="one per event"):
        run_in_lambda_runtime("x.handler", [{}], client_contexts=[])
