"""``agent-tools chat`` against botocore's ``bedrock-agent-runtime`` model.

Requests go through a Stubber (checked against the model, and against the exact parameters
expected); responses carry event streams encoded on the wire and decoded by botocore
(tests/cli/agent_stream.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.cli.agent_stream import attach_streams
from tests.cli.aws_stubs import AGENT_ID, Aws
from tests.cli.conftest import Run

SESSION = "chat-session-1"
ALIAS = "ALIAS12345"
WHEN = dt.datetime(2026, 11, 29, 10, 0, tzinfo=dt.UTC)


# The canned response: the model requires a completion, which attach_streams replaces with
# the encoded stream.
def headers() -> dict[str, Any]:
    return {"completion": {}, "contentType": "application/json", "sessionId": SESSION}


def request(**fields: Any) -> dict[str, Any]:
    return {
        "agentId": AGENT_ID,
        "agentAliasId": ALIAS,
        "sessionId": SESSION,
        "enableTrace": True,
        "streamingConfigurations": {"streamFinalResponse": True},
        **fields,
    }


def trace(**part: Any) -> dict[str, Any]:
    return {
        "trace": {
            "agentId": AGENT_ID,
            "agentAliasId": ALIAS,
            "agentVersion": "3",
            "sessionId": SESSION,
            "eventTime": WHEN,
            "trace": part,
        }
    }


def usage(inputs: int, outputs: int) -> dict[str, Any]:
    output = {
        "traceId": "t-1",
        "metadata": {"usage": {"inputTokens": inputs, "outputTokens": outputs}},
    }
    return trace(orchestrationTrace={"modelInvocationOutput": output})


def chunk(text: str) -> dict[str, Any]:
    return {"chunk": {"bytes": text.encode()}}


BALANCE_CALL = trace(
    orchestrationTrace={
        "invocationInput": {
            "traceId": "t-1",
            "invocationType": "ACTION_GROUP",
            "actionGroupInvocationInput": {
                "actionGroupName": "VacationTools",
                "function": "get_available_vacation_days",
                "parameters": [{"name": "employee_id", "type": "integer", "value": "2"}],
                "executionType": "LAMBDA",
            },
        }
    }
)
BALANCE_RESULT = trace(
    orchestrationTrace={
        "observation": {
            "traceId": "t-1",
            "type": "ACTION_GROUP",
            "actionGroupInvocationOutput": {"text": '{"employee_id": 2,\n "available_days": 22}'},
        }
    }
)
STATE = {"sessionAttributes": {"employee_id": "2"}, "promptSessionAttributes": {"employee_id": "2"}}
ARGUMENTS = [
    "chat",
    "--agent-id",
    AGENT_ID,
    "--alias-id",
    ALIAS,
    "--session-id",
    SESSION,
    "--session",
    "employee_id=2",
    "--prompt-session",
    "employee_id=2",
]


def test_a_turn_streams_the_answer_and_shows_the_tool_calls_and_tokens(run: Run, aws: Aws) -> None:
    runtime = aws.stubbers["bedrock-agent-runtime"]
    question = "How many vacation days do I have left?"
    runtime.add_response("invoke_agent", headers(), request(inputText=question, sessionState=STATE))
    attach_streams(
        runtime.client,
        [
            [
                usage(900, 40),
                BALANCE_CALL,
                BALANCE_RESULT,
                usage(1000, 25),
                chunk("You have "),
                chunk("22 days left."),
            ]
        ],
    )
    result = run(*ARGUMENTS, "--message", question, obj=aws.services)
    assert (result.exit_code, result.stdout) == (0, "You have 22 days left.\n")
    assert result.stderr.splitlines() == [
        f"session {SESSION} with agent {AGENT_ID} ({ALIAS})",
        "-> VacationTools.get_available_vacation_days(employee_id=2)",
        '<- {"employee_id": 2, "available_days": 22}',
        "[1 tool call; tokens: 1900 in, 65 out]",
    ]
    assert aws.services_used == ["bedrock-agent-runtime"]


def test_lines_from_stdin_are_turns_of_one_session_until_exit(aws: Aws) -> None:
    runtime = aws.stubbers["bedrock-agent-runtime"]
    for text in ("Hello", "Thanks"):
        runtime.add_response("invoke_agent", headers(), request(inputText=text, sessionState=STATE))
    attach_streams(runtime.client, [[chunk("Hi! How can I help?")], [chunk("You're welcome.")]])
    result = runner_with_input(aws, "Hello\n\nThanks\nexit\nnot sent\n")
    assert result.exit_code == 0
    assert result.stdout == "Hi! How can I help?\nYou're welcome.\n"
    assert result.stderr.count("[0 tool calls; tokens: 0 in, 0 out]") == 2


def runner_with_input(aws: Aws, text: str, *extra: str) -> Any:
    """The command reading ``text`` from stdin."""
    from click.testing import CliRunner

    from agent_tools.cli.commands import cli

    return CliRunner().invoke(
        cli, [*ARGUMENTS, *extra], input=text, obj=aws.services, catch_exceptions=False
    )


# -- return of control: the calls run here ---------------------------------------------------

PING = {
    "returnControl": {
        "invocationId": "inv-1",
        "invocationInputs": [
            {
                "functionInvocationInput": {
                    "actionGroup": "VacationTools",
                    "function": "ping",
                    "parameters": [{"name": "message", "type": "string", "value": "hi"}],
                    "actionInvocationType": "RESULT",
                }
            }
        ],
    }
}


def test_returned_calls_run_locally_and_their_results_go_back(run: Run, aws: Aws) -> None:
    runtime = aws.stubbers["bedrock-agent-runtime"]
    runtime.add_response(
        "invoke_agent", headers(), request(inputText="Ping hi", sessionState=STATE)
    )
    results = {
        "invocationId": "inv-1",
        "returnControlInvocationResults": [
            {
                "functionResult": {
                    "actionGroup": "VacationTools",
                    "function": "ping",
                    "responseBody": {"TEXT": {"body": "HI"}},
                }
            }
        ],
        **STATE,
    }
    runtime.add_response("invoke_agent", headers(), request(sessionState=results))
    attach_streams(runtime.client, [[usage(500, 20), PING], [usage(600, 10), chunk("It said HI.")]])
    tools = ["--tools", "tests.apps.vacation:app"]
    result = run(*ARGUMENTS, *tools, "--message", "Ping hi", obj=aws.services)
    assert (result.exit_code, result.stdout) == (0, "It said HI.\n")
    assert result.stderr.splitlines()[1:] == [
        "-> VacationTools.ping(message=hi) (locally)",
        "[0 tool calls; tokens: 1100 in, 30 out]",
    ]


def confirmed_booking() -> dict[str, Any]:
    booking = {
        "actionGroup": "VacationTools",
        "function": "reserve_vacation_time",
        "parameters": [
            {"name": "employee_id", "type": "integer", "value": "2"},
            {"name": "start_date", "type": "string", "value": "2026-01-24"},
            {"name": "end_date", "type": "string", "value": "2026-01-26"},
        ],
        "actionInvocationType": "USER_CONFIRMATION_AND_RESULT",
    }
    return {
        "returnControl": {
            "invocationId": "inv-2",
            "invocationInputs": [{"functionInvocationInput": booking}],
        }
    }


@pytest.mark.parametrize(("typed", "state"), [("y", "CONFIRM"), ("n", "DENY")])
def test_a_call_that_needs_confirmation_asks(aws: Aws, typed: str, state: str) -> None:
    runtime = aws.stubbers["bedrock-agent-runtime"]
    runtime.add_response(
        "invoke_agent", headers(), request(inputText="Book it", sessionState=STATE)
    )
    runtime.add_response("invoke_agent", headers())  # the results: checked below
    attach_streams(runtime.client, [[confirmed_booking()], [chunk("Done.")]])
    sent: list[dict[str, Any]] = []
    runtime.client.meta.events.register(
        "before-parameter-build.bedrock-agent-runtime.InvokeAgent",
        lambda params, **_: sent.append(params),
    )
    result = runner_with_input(aws, f"Book it\n{typed}\n", "--tools", "tests.apps.vacation:app")
    assert result.exit_code == 0, result.stderr
    question = (
        "run reserve_vacation_time(employee_id=2, start_date=2026-01-24, end_date=2026-01-26)?"
    )
    assert f"{question} [y/N]" in result.stderr
    (function_result,) = sent[1]["sessionState"]["returnControlInvocationResults"]
    assert function_result["functionResult"]["confirmationState"] == state


def test_returned_calls_without_tools_say_what_to_pass(run: Run, aws: Aws) -> None:
    runtime = aws.stubbers["bedrock-agent-runtime"]
    runtime.add_response(
        "invoke_agent", headers(), request(inputText="Ping hi", sessionState=STATE)
    )
    attach_streams(runtime.client, [[PING]])
    result = run(*ARGUMENTS, "--message", "Ping hi", obj=aws.services)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "error: the agent returned control to this application for ping: pass --tools "
        "MODULE:ATTRIBUTE to run them locally"
    )


def test_an_error_in_the_stream_is_one_line(run: Run, aws: Aws) -> None:
    runtime = aws.stubbers["bedrock-agent-runtime"]
    runtime.add_response("invoke_agent", headers(), request(inputText="Hello", sessionState=STATE))
    error = {"dependencyFailedException": {"message": "Lambda denied", "resourceName": "tools"}}
    attach_streams(runtime.client, [[chunk("Let me"), error]])
    result = run(*ARGUMENTS, "--message", "Hello", obj=aws.services)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "error: AWS InvokeAgent failed: dependencyFailedException: Lambda denied"
    )


def test_the_no_stream_option_leaves_streaming_off(run: Run, aws: Aws) -> None:
    runtime = aws.stubbers["bedrock-agent-runtime"]
    expected = request(inputText="Hello", sessionState=STATE)
    del expected["streamingConfigurations"]
    runtime.add_response("invoke_agent", headers(), expected)
    attach_streams(runtime.client, [[chunk("Hi.")]])
    result = run(*ARGUMENTS, "--no-stream", "--message", "Hello", obj=aws.services)
    assert (result.exit_code, result.stdout) == (0, "Hi.\n")


@pytest.mark.parametrize(
    ("option", "message"),
    [
        pytest.param(
            ["--alias-id", "live"],
            "--alias-id must be the alias's id, 10 letters or digits such as TSTALIASID; "
            "got 'live'",
            id="alias-id",
        ),
        pytest.param(
            ["--session-id", "a b"],
            "--session-id must be 2 to 100 letters, digits or . _ : -; got 'a b'",
            id="session-id",
        ),
        pytest.param(
            ["--session", "employee_id"],
            "--session 'employee_id' is not KEY=VALUE, e.g. employee_id=2",
            id="session-attribute",
        ),
    ],
)
def test_mistakes_are_one_line_and_call_nothing(
    run: Run, aws: Aws, option: list[str], message: str
) -> None:
    arguments = ["chat", "--agent-id", AGENT_ID, *option, "-m", "Hello"]
    result = run(*arguments, obj=aws.services)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: {message}\n"
    assert aws.services_used == []
