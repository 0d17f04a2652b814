"""The pytest plugin: its fixtures work in a user's test file with no setup at all."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# pytester is off by default; a conftest below the root may not turn plugins on (pytest
# refuses pytest_plugins there), so this module does.
pytest_plugins = ["pytester"]

USER_TESTS = '''
from agent_tools import ActionGroup, Context, Reprompt
from agent_tools.testing import AgentSession, BedrockEvents, FakeLambdaContext

app = ActionGroup("Greeter")


@app.tool
def greet(name: str, ctx: Context) -> str:
    """Greet someone."""
    if not name.strip():
        raise Reprompt("Ask the user for their name.")
    ctx.session_attributes["greeted"] = name
    return f"Hello, {name}!"


def test_agent_session(agent_session):
    session = agent_session(app, session_attributes={"user": "7"})
    assert isinstance(session, AgentSession)
    result = session.call("greet", name="Ada")
    assert (result.state, result.text) == ("SUCCESS", "Hello, Ada!")
    assert session.session_attributes == {"user": "7", "greeted": "Ada"}
    assert session.call("greet", name=" ").state == "REPROMPT"


def test_bedrock_event(bedrock_event):
    assert isinstance(bedrock_event, BedrockEvents)
    event = bedrock_event.tool_event(app, "greet", {"name": "Ada"}, openapi=True)
    assert (event["apiPath"], event["httpMethod"]) == ("/greet", "POST")
    assert bedrock_event.function_event("greet", {"name": "Ada"})["parameters"] == [
        {"name": "name", "type": "string", "value": "Ada"}
    ]
    assert bedrock_event.openapi_event("/greet", "post")["httpMethod"] == "POST"


def test_lambda_context(lambda_context):
    assert isinstance(lambda_context, FakeLambdaContext)
    assert lambda_context.function_name == "test-function"
    assert lambda_context.get_remaining_time_in_millis() == 300000
'''


def test_the_fixtures_work_in_a_users_test_file(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_user=USER_TESTS)
    result = pytester.runpytest("-W", "error", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=3)


def test_the_fixtures_are_listed(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--fixtures", "-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(
        [
            "*fixtures defined from agent_tools.testing.plugin*",
            "agent_session -- *",
            "*Make ``AgentSession``s*",
            "bedrock_event -- *",
            "lambda_context -- *",
        ]
    )


def test_loading_the_plugin_imports_nothing_it_does_not_need() -> None:
    probe = (
        "import sys, json, agent_tools.testing.plugin\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('agent_tools.testing')"
        " or m == 'http.server')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(loaded) == ["agent_tools.testing", "agent_tools.testing.plugin"]
