"""Inline functions: the harness tool configs, and the client-side loop over InvokeHarness."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Annotated, Any

import boto3
import pytest
from botocore.stub import Stubber
from botocore.validate import validate_parameters

from agent_tools import ActionGroup, Limits, SchemaError, SessionAttr
from agent_tools.harness import HarnessError, run_harness

ARN = "arn:aws:bedrock-agentcore:us-east-1:123456789012:harness/hr_assistant-abcdefghij"
SESSION = "session-0123456789-0123456789-0123456789"

app = ActionGroup("VacationTools")
BOOKED: list[tuple[int, int]] = []


@app.tool
def get_available_vacation_days(
    employee_id: Annotated[int, SessionAttr("employee_id")],
) -> dict[str, int]:
    """Days of vacation the signed-in employee has left."""
    return {"employee_id": employee_id, "available_days": 12 - sum(d for _, d in BOOKED)}


@app.tool(confirm=True)
def reserve_vacation_time(
    days: int, employee_id: Annotated[int, SessionAttr("employee_id")]
) -> dict[str, int]:
    """Reserve vacation days for the signed-in employee.

    Args:
        days: how many days to reserve.
    """
    BOOKED.append((employee_id, days))
    return {"reserved": days}


class RecordedStubber(Stubber):
    """A Stubber whose event-stream responses are lists of events, each checked on the model."""

    def _validate_operation_response(self, operation_name: str, service_response: Any) -> None:
        model = self.client.meta.service_model.operation_model(operation_name)
        stream_shape = model.output_shape.members["stream"]
        for event in service_response["stream"]:
            validate_parameters(event, stream_shape)


def tool_use_stream(tool_use_id: str, name: str, arguments: dict[str, Any]) -> list[Any]:
    text = json.dumps(arguments)
    return [
        {"messageStart": {"role": "assistant"}},
        {"contentBlockDelta": {"contentBlockIndex": 0, "delta": {"text": "Let me check."}}},
        {
            "contentBlockStart": {
                "contentBlockIndex": 1,
                "start": {"toolUse": {"toolUseId": tool_use_id, "name": name}},
            }
        },
        {
            "contentBlockDelta": {
                "contentBlockIndex": 1,
                "delta": {"toolUse": {"input": text[: len(text) // 2]}},
            }
        },
        {
            "contentBlockDelta": {
                "contentBlockIndex": 1,
                "delta": {"toolUse": {"input": text[len(text) // 2 :]}},
            }
        },
        {"contentBlockStop": {"contentBlockIndex": 1}},
        {"messageStop": {"stopReason": "tool_use"}},
    ]


def final_stream(text: str) -> list[Any]:
    return [
        {"messageStart": {"role": "assistant"}},
        {"contentBlockDelta": {"contentBlockIndex": 0, "delta": {"text": text}}},
        {"contentBlockStop": {"contentBlockIndex": 0}},
        {"messageStop": {"stopReason": "end_turn"}},
    ]


def request(content: Iterable[dict[str, Any]]) -> dict[str, Any]:
    return {
        "harnessArn": ARN,
        "runtimeSessionId": SESSION,
        "messages": [{"role": "user", "content": list(content)}],
        "tools": app.inline_functions(),
    }


def result(tool_use_id: str, status: str, body: Any) -> dict[str, Any]:
    return {
        "toolResult": {
            "toolUseId": tool_use_id,
            "content": [
                {"text": body if isinstance(body, str) else json.dumps(body, separators=(",", ":"))}
            ],
            "status": status,
        }
    }


@pytest.fixture
def client() -> Any:
    BOOKED.clear()
    return boto3.client(
        "bedrock-agentcore",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def test_inline_functions_fit_the_harness_model(client: Any) -> None:
    tools = app.inline_functions()
    assert [t["name"] for t in tools] == ["get_available_vacation_days", "reserve_vacation_time"]
    reserve = tools[1]["config"]["inlineFunction"]
    assert reserve["inputSchema"] == {
        "type": "object",
        "properties": {"days": {"type": "integer", "description": "how many days to reserve."}},
        "required": ["days"],
    }
    shape = client.meta.service_model.operation_model("InvokeHarness").input_shape
    validate_parameters(
        {"harnessArn": ARN, "runtimeSessionId": SESSION, "messages": [], "tools": tools}, shape
    )


def test_a_confirmed_call_runs_and_its_result_goes_back_on_the_same_session(client: Any) -> None:
    asked: list[tuple[str, dict[str, Any]]] = []
    with RecordedStubber(client) as stub:
        stub.add_response(
            "invoke_harness",
            {"stream": tool_use_stream("t-1", "reserve_vacation_time", {"days": 3})},
            request([{"text": "Book me 3 days"}]),
        )
        stub.add_response(
            "invoke_harness",
            {"stream": final_stream("Booked 3 days.")},
            request([result("t-1", "success", {"reserved": 3})]),
        )
        reply = run_harness(
            client,
            app,
            "Book me 3 days",
            harness_arn=ARN,
            session_id=SESSION,
            confirm=lambda name, arguments: asked.append((name, dict(arguments))) is None,
            session_attributes={"employee_id": "7"},
            tools=app.inline_functions(),
        )
        stub.assert_no_pending_responses()
    assert asked == [("reserve_vacation_time", {"days": 3})]
    assert BOOKED == [(7, 3)]
    assert reply.text == "Booked 3 days."
    assert reply.stop_reason == "end_turn"
    assert [(r.name, r.status, r.ran) for r in reply.tool_runs] == [
        ("reserve_vacation_time", "success", True)
    ]


def test_a_denied_call_sends_an_error_and_does_not_run(client: Any) -> None:
    denial = (
        "The user did not confirm reserve_vacation_time, so it did not run. "
        "Do not call it again unless the user asks for it."
    )
    with RecordedStubber(client) as stub:
        stub.add_response(
            "invoke_harness",
            {"stream": tool_use_stream("t-2", "reserve_vacation_time", {"days": 30})},
            request([{"text": "Book 30 days"}]),
        )
        stub.add_response(
            "invoke_harness",
            {"stream": final_stream("Nothing was booked.")},
            request([result("t-2", "error", denial)]),
        )
        reply = run_harness(
            client,
            app,
            "Book 30 days",
            harness_arn=ARN,
            session_id=SESSION,
            confirm=lambda name, arguments: False,
            session_attributes={"employee_id": "7"},
            tools=app.inline_functions(),
        )
        stub.assert_no_pending_responses()
    assert BOOKED == []
    assert reply.tool_runs[0].ran is False


def test_without_a_confirm_callback_confirm_tools_are_declined(client: Any) -> None:
    with RecordedStubber(client) as stub:
        stub.add_response(
            "invoke_harness",
            {"stream": tool_use_stream("t-3", "reserve_vacation_time", {"days": 1})},
        )
        stub.add_response("invoke_harness", {"stream": final_stream("ok")})
        run_harness(
            client,
            app,
            "Book a day",
            harness_arn=ARN,
            session_id=SESSION,
            session_attributes={"employee_id": "7"},
        )
    assert BOOKED == []


def test_bad_input_is_an_error_result_naming_the_parameter(client: Any) -> None:
    with RecordedStubber(client) as stub:
        stub.add_response(
            "invoke_harness",
            {"stream": tool_use_stream("t-4", "reserve_vacation_time", {"days": "many"})},
        )
        stub.add_response("invoke_harness", {"stream": final_stream("done")})
        reply = run_harness(
            client,
            app,
            "Book many days",
            harness_arn=ARN,
            session_id=SESSION,
            confirm=lambda name, arguments: True,
            session_attributes={"employee_id": "7"},
        )
    (bad,) = reply.tool_runs
    assert bad.status == "error"
    assert "days" in bad.text
    assert BOOKED == []


def test_identity_comes_only_from_the_caller(client: Any) -> None:
    with RecordedStubber(client) as stub:
        stub.add_response(
            "invoke_harness",
            {"stream": tool_use_stream("t-5", "get_available_vacation_days", {"employee_id": 1})},
        )
        stub.add_response("invoke_harness", {"stream": final_stream("done")})
        reply = run_harness(client, app, "My days?", harness_arn=ARN, session_id=SESSION)
    (run,) = reply.tool_runs
    assert run.status == "error"
    assert "needs the session attribute 'employee_id'" in run.text
    assert "InvokeHarness (session_attributes=) must set it" in run.text


def test_an_unknown_inline_function_gets_an_error_result(client: Any) -> None:
    with RecordedStubber(client) as stub:
        stub.add_response(
            "invoke_harness", {"stream": tool_use_stream("t-6", "drop_tables", {"all": True})}
        )
        stub.add_response("invoke_harness", {"stream": final_stream("sorry")})
        reply = run_harness(client, app, "x", harness_arn=ARN, session_id=SESSION)
    run = reply.tool_runs[0]
    assert (run.status, run.ran) == ("error", False)
    assert "There is no tool 'drop_tables'" in run.text


def test_an_error_event_raises(client: Any) -> None:
    stream = [{"validationException": {"message": "bad tools", "reason": "FieldValidationFailed"}}]
    with RecordedStubber(client) as stub:
        stub.add_response("invoke_harness", {"stream": stream})
        with pytest.raises(HarnessError, match="validationException: bad tools"):
            run_harness(client, app, "x", harness_arn=ARN, session_id=SESSION)


def test_an_endless_tool_loop_stops(client: Any) -> None:
    with RecordedStubber(client) as stub:
        for number in range(3):
            stub.add_response(
                "invoke_harness",
                {"stream": tool_use_stream(f"t-{number}", "get_available_vacation_days", {})},
            )
        with pytest.raises(HarnessError, match="after 2 results"):
            run_harness(
                client,
                app,
                "x",
                harness_arn=ARN,
                session_id=SESSION,
                session_attributes={"employee_id": "1"},
                max_rounds=2,
            )


def test_a_name_too_long_for_the_harness_is_refused_by_name() -> None:
    group = ActionGroup("Long", limits=Limits(max_tool_name_length=200))

    def tool() -> int:
        """Answer."""
        return 1

    group.add_tool(tool, name="a" * 65)
    with pytest.raises(SchemaError, match="at most 64 characters"):
        group.inline_functions()


def test_a_name_too_long_for_converse_is_refused_by_name() -> None:
    group = ActionGroup("Long", limits=Limits(max_tool_name_length=200))

    def tool() -> int:
        """Answer."""
        return 1

    group.add_tool(tool, name="b" * 65)
    with pytest.raises(SchemaError, match="a Converse tool's name is at most 64 characters") as e:
        group.converse_tools()
    assert (e.value.tool, e.value.group, e.value.field) == ("b" * 65, "Long", "name")
    assert "shorter name=" in str(e.value)
