"""The AgentCore Gateway runtime: Lambda-target calls in, results or error objects out."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from decimal import Decimal
from typing import Annotated, Any

import pytest

from agent_tools import (
    ActionGroup,
    Context,
    Depends,
    Failure,
    Reprompt,
    Response,
    Router,
    SessionAttr,
)
from agent_tools._runtimes import gateway
from agent_tools.testing import (
    ClientContext,
    fake_lambda_context,
    function_event,
    gateway_call,
    gateway_context,
)

Caller = Annotated[int, SessionAttr("employee_id", header="X-Employee-Id")]
Role = Annotated[str, SessionAttr("role", header="x-hr-role")]


@dataclasses.dataclass
class Slot:
    day: dt.date
    hours: Decimal


app = ActionGroup("VacationTools", max_body_bytes=2_000)


@app.tool
def add_days(start: dt.date, days: int, tags: list[str] | None = None) -> dict[str, Any]:
    """Add days to a date."""
    return {"end": start + dt.timedelta(days=days), "tags": tags or []}


@app.tool
def slot(day: dt.date) -> Slot:
    """A slot on a day."""
    return Slot(day, Decimal("7.5"))


@app.tool
def greet(name: str) -> str:
    """Greet someone."""
    return f"Hello {name}"


@app.tool
def whoami(caller: Caller, role: Role = "employee") -> dict[str, Any]:
    """Who is calling."""
    return {"caller": caller, "role": role}


def _caller_id(caller: Caller) -> int:
    return caller


@app.tool
def via_dependency(caller: Annotated[int, Depends(_caller_id)]) -> int:
    """The caller, through a dependency."""
    return caller


@app.tool
def unbound(caller: Annotated[int, SessionAttr("employee_id")]) -> int:
    """A session value with no header."""
    return caller


@app.tool
def broken() -> int:
    """Always breaks."""
    raise KeyError("/var/task/secret.py password")


@app.tool
def refuses(days: int) -> int:
    """Refuses more than 10 days."""
    if days > 10:
        raise Reprompt("days must be at most 10; ask for fewer.")
    if days < 0:
        raise Failure("The calendar is unavailable.")
    return days


@app.tool
def big(size: int) -> str:
    """A result of ``size`` characters."""
    return "x" * size


@app.tool
def answered(code: int) -> Response:
    """A Response with a status."""
    return Response({"code": code}, status=code)


def call(tool: str, arguments: dict[str, Any] | None = None, **keywords: Any) -> Any:
    event, context = gateway_call(tool, arguments, **keywords)
    answer = app.lambda_handler(event, context)
    assert json.loads(json.dumps(answer)) == answer  # what the Lambda runtime can send
    return answer


# -- the call ------------------------------------------------------------------------------


def test_a_gateway_call_answers_the_result_as_json_data() -> None:
    answer = call("add_days", {"start": "2026-01-30", "days": 3, "tags": ["a", "b"]})
    assert answer == {"end": "2026-02-02", "tags": ["a", "b"]}


def test_strings_still_convert_as_models_send_them() -> None:
    assert call("add_days", {"start": "2026-01-30", "days": "3", "tags": '["x"]'}) == {
        "end": "2026-02-02",
        "tags": ["x"],
    }


def test_dataclass_date_and_decimal_results_are_written_as_on_classic() -> None:
    assert call("slot", {"day": "2026-03-01"}) == {"day": "2026-03-01", "hours": 7.5}


def test_a_string_result_is_returned_as_the_string() -> None:
    assert call("greet", {"name": "Ana"}) == "Hello Ana"


def test_the_target_prefix_is_stripped_at_the_first_separator() -> None:
    assert gateway.split_tool_name("hr-tools___greet") == ("hr-tools", "greet")
    assert gateway.split_tool_name("t___a___b") == ("t", "a___b")
    assert gateway.split_tool_name("greet") == ("", "greet")
    assert call("greet", {"name": "Bo"}, target=None) == "Hello Bo"


def test_classic_events_are_still_answered_as_classic() -> None:
    event = function_event("greet", {"name": "Ana"}, action_group="VacationTools")
    response = app.lambda_handler(event, fake_lambda_context())
    assert response["response"]["functionResponse"]["responseBody"]["TEXT"]["body"] == "Hello Ana"


# -- refusals ------------------------------------------------------------------------------


def test_bad_input_names_every_bad_parameter() -> None:
    answer = call("add_days", {"start": "30/01/2026", "days": "three"})
    assert answer["kind"] == "bad_input"
    assert "start must be a date as YYYY-MM-DD" in answer["error"]
    assert "days must be a whole number" in answer["error"]
    assert set(answer) == {"error", "kind"}


def test_a_missing_argument_is_named() -> None:
    answer = call("add_days", {"days": 2})
    assert answer["kind"] == "bad_input"
    assert "start is missing" in answer["error"]


def test_an_unknown_tool_is_named_with_the_tools_there_are() -> None:
    answer = call("nope", {})
    assert answer["kind"] == "not_found"
    assert "'nope'" in answer["error"]
    assert "add_days" in answer["error"]


def test_reprompt_and_failure_from_a_tool() -> None:
    assert call("refuses", {"days": 11}) == {
        "error": "days must be at most 10; ask for fewer.",
        "kind": "bad_input",
    }
    assert call("refuses", {"days": -1}) == {
        "error": "The calendar is unavailable.",
        "kind": "failure",
    }


def test_a_response_status_decides_the_kind() -> None:
    assert call("answered", {"code": 200}) == {"code": 200}
    assert call("answered", {"code": 409})["kind"] == "bad_input"
    assert call("answered", {"code": 503})["kind"] == "failure"


def test_a_broken_tool_leaks_nothing_and_carries_the_reference(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.ERROR, logger="agent_tools"):
        answer = call("broken", {}, aws_request_id="req-1234")
    assert answer["kind"] == "failure"
    assert answer["reference"] == "req-1234"
    assert "req-1234" in answer["error"]
    for leak in ("KeyError", "/var/task", "secret", "password", "Traceback"):
        assert leak not in json.dumps(answer)
    assert any(r.exc_info and "req-1234" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    ("tool", "arguments", "level"),
    [
        ("greet", {"name": "Ana"}, logging.INFO),
        ("greet", {}, logging.INFO),
        ("no_such_tool", {}, logging.WARNING),
        ("broken", {}, logging.WARNING),
    ],
    ids=["success", "bad-input", "unknown-tool", "failure"],
)
def test_each_call_is_logged_at_the_level_classic_uses(
    caplog: pytest.LogCaptureFixture, tool: str, arguments: dict[str, Any], level: int
) -> None:
    with caplog.at_level(logging.INFO, logger="agent_tools"):
        call(tool, arguments)
    lines = [r for r in caplog.records if getattr(r, "outcome", None) is not None]
    assert [r.levelno for r in lines] == [level]
    classic = function_event(tool, arguments, action_group="VacationTools")
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="agent_tools"):
        app.lambda_handler(classic, None)
    lines = [r for r in caplog.records if getattr(r, "outcome", None) is not None]
    assert [r.levelno for r in lines] == [level]


def test_failures_are_returned_not_raised() -> None:
    """Every outcome is an answer: the handler raises for nothing (see the docs for why)."""
    for tool, arguments in (("broken", {}), ("refuses", {"days": -1}), ("nope", {})):
        event, context = gateway_call(tool, arguments)
        assert isinstance(app.lambda_handler(event, context), dict)


def test_the_body_limit_applies_and_is_configurable() -> None:
    assert call("big", {"size": 1_500}) == "x" * 1_500
    answer = call("big", {"size": 5_000})
    assert answer["kind"] == "bad_input"
    assert "too large" in answer["error"]
    assert "2000" in answer["error"]


# -- identity ------------------------------------------------------------------------------


def test_identity_comes_from_the_propagated_headers() -> None:
    headers = {"x-employee-id": "42", "X-HR-Role": "hr_admin"}
    assert call("whoami", {}, headers=headers) == {"caller": 42, "role": "hr_admin"}


def test_headers_sent_as_json_text_are_read() -> None:
    answer = call("whoami", {}, headers={"X-EMPLOYEE-ID": "7"}, headers_as_json=True)
    assert answer == {"caller": 7, "role": "employee"}


def test_an_argument_never_stands_in_for_identity() -> None:
    answer = call("whoami", {"employee_id": 1, "role": "hr_admin"}, headers={"x-employee-id": "9"})
    assert answer == {"caller": 9, "role": "employee"}
    refused = call("whoami", {"employee_id": 1, "caller": 1})
    assert refused["kind"] == "failure"


def test_context_metadata_is_never_read_from_the_arguments() -> None:
    group = ActionGroup("Carts")

    @group.tool
    def cart(ctx: Context) -> dict[str, Any]:
        """The caller's cart."""
        return {
            "session": ctx.session_id,
            "agent": ctx.agent_id,
            "text": ctx.input_text,
            "path": ctx.api_path,
            "method": ctx.http_method,
            "event": dict(ctx.event),
            "gateway": ctx.lambda_context.client_context.custom["bedrockAgentCoreGatewayId"],
        }

    forged = {
        "sessionId": "someone-elses-session",
        "agent": {"id": "AGENT"},
        "inputText": "give me everything",
        "apiPath": "/admin",
        "httpMethod": "DELETE",
    }
    event, context = gateway_call("cart", forged, target="Carts")
    assert group.lambda_handler(event, context) == {
        "session": None,
        "agent": None,
        "text": None,
        "path": None,
        "method": None,
        "event": {},
        "gateway": context.client_context.custom["bedrockAgentCoreGatewayId"],
    }


def test_missing_identity_is_refused_as_on_classic() -> None:
    answer = call("whoami", {})
    assert answer["kind"] == "failure"
    assert "whoami needs the propagated header 'x-employee-id'" in answer["error"]
    classic = app.resolve(function_event("whoami", {}, action_group="VacationTools"))
    assert classic["response"]["functionResponse"]["responseState"] == "FAILURE"


def test_identity_that_does_not_convert_is_refused() -> None:
    answer = call("whoami", {}, headers={"x-employee-id": "not-a-number"})
    assert answer["kind"] == "failure"
    assert "'x-employee-id' to be a whole number" in answer["error"]


def test_a_dependency_reads_identity_from_the_headers_too() -> None:
    assert call("via_dependency", {}, headers={"x-employee-id": "5"}) == 5


def test_a_session_value_without_a_header_says_how_to_declare_one() -> None:
    answer = call("unbound", {}, headers={"employee_id": "5"})
    assert answer["kind"] == "failure"
    assert "SessionAttr('employee_id', header=...)" in answer["error"]


@pytest.mark.parametrize(
    "headers",
    [
        {"x-employee-id": ["5"]},
        {"x-employee-id": 5},
        {"x-employee-id": None},
        {"X-Employee-Id": "5", "x-employee-id": "6"},
    ],
    ids=["list", "number", "null", "clashing-case"],
)
def test_headers_that_are_not_one_clear_text_value_are_not_trusted(headers: Any) -> None:
    answer = call("whoami", {}, headers=headers)
    assert answer["kind"] == "failure"
    assert "x-employee-id" in answer["error"]


def test_the_same_header_twice_with_one_value_is_read() -> None:
    headers = {"X-Employee-Id": "5", "x-employee-id": "5"}
    assert call("whoami", {}, headers=headers) == {"caller": 5, "role": "employee"}


@pytest.mark.parametrize(
    ("text", "caller"),
    [
        ('{"x-employee-id": "5", "x-employee-id": "6"}', None),
        ('{"x-employee-id": "5", "X-EMPLOYEE-ID": "6"}', None),
        ('{"x-employee-id": "5", "x-employee-id": "5"}', 5),
    ],
    ids=["repeated-key", "repeated-key-other-case", "repeated-key-same-value"],
)
def test_a_header_repeated_in_json_text_is_trusted_only_when_it_agrees(
    text: str, caller: int | None
) -> None:
    _, context = gateway_call("whoami", {})
    context.client_context.custom[gateway.HEADERS_KEY] = text
    answer = app.lambda_handler({}, context)
    if caller is None:
        assert answer["kind"] == "failure"
        assert "x-employee-id" in answer["error"]
    else:
        assert answer == {"caller": caller, "role": "employee"}


# -- odd calls -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "custom",
    [None, "text", 3, [], {}, {"bedrockAgentCoreToolName": None}],
    ids=["none", "text", "number", "list", "empty", "null-name"],
)
def test_odd_client_contexts_get_an_answer(custom: Any) -> None:
    context = fake_lambda_context(client_context=ClientContext(custom))
    answer = app.lambda_handler({"name": "x"}, context)
    assert isinstance(answer, dict)
    if gateway.matches({}, context):
        assert answer["kind"] == "failure"
        assert "bedrockAgentCoreToolName must be a non-empty string" in answer["error"]
    else:  # not a gateway call: answered as Bedrock Agents would be
        assert answer["messageVersion"] == "1.0"


@pytest.mark.parametrize("event", [[1, 2], "text", 7, None, True])
def test_arguments_that_are_not_an_object_are_refused(event: Any) -> None:
    answer = app.lambda_handler(event, gateway_context("greet"))
    assert answer == {
        "error": f"Malformed event: the arguments must be a JSON object, got "
        f"{type(event).__name__}.",
        "kind": "failure",
    }


def test_huge_arguments_are_refused_without_echoing_them() -> None:
    answer = call("add_days", {"start": "9" * 1_000_000, "days": "1" * 100_000})
    assert answer["kind"] == "bad_input"
    assert len(answer["error"]) < 1_000


def test_a_context_given_as_a_plain_mapping_is_read() -> None:
    context = fake_lambda_context(
        client_context={"custom": {"bedrockAgentCoreToolName": "t___greet"}}
    )
    assert app.lambda_handler({"name": "Cy"}, context) == "Hello Cy"


# -- a Router ------------------------------------------------------------------------------

other = ActionGroup("Payroll")


@other.tool
def greet_payroll(name: str) -> str:
    """Greet from payroll."""
    return f"Payroll greets {name}"


@other.tool(name="greet")
def greet_too(name: str) -> str:
    """A tool of the same name as one of VacationTools."""
    return f"Payroll says hello to {name}"


router = Router(app, other, aliases={"vacations": app})


def test_a_router_finds_the_group_by_target_name() -> None:
    assert router.lambda_handler(*gateway_call("greet", {"name": "A"}, target="Payroll")) == (
        "Payroll says hello to A"
    )
    assert router.lambda_handler(*gateway_call("greet", {"name": "A"}, target="vacations")) == (
        "Hello A"
    )


def test_a_router_finds_the_group_by_a_unique_tool_name() -> None:
    answer = router.lambda_handler(*gateway_call("greet_payroll", {"name": "B"}, target="hr"))
    assert answer == "Payroll greets B"


def test_a_router_refuses_an_ambiguous_or_unknown_tool() -> None:
    ambiguous = router.lambda_handler(*gateway_call("greet", {"name": "A"}, target="hr"))
    assert ambiguous["kind"] == "not_found"
    assert "Payroll, VacationTools" in ambiguous["error"]
    unknown = router.lambda_handler(*gateway_call("nope", {}, target="hr"))
    assert unknown["kind"] == "not_found"
    assert "greet_payroll" in unknown["error"]
    malformed = router.lambda_handler(
        {}, fake_lambda_context(client_context=ClientContext({"bedrockAgentCoreToolName": 5}))
    )
    assert malformed["kind"] == "failure"
