"""Regressions of the framework found by an adversarial pass, each with the input that showed it.

The HR sample's own regressions are in test_sample_regressions.py and, for both store
backends, in tests/sample/test_store.py.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from agent_tools import ActionGroup, Context
from agent_tools.return_control import ToolCall, session_state
from tests.reliability import assert_clean, send

group = ActionGroup("Regressions", description="Tools for the regression cases.")
ran: list[str] = []


@group.tool
def store_settings(settings: dict[str, Any], ctx: Context) -> dict[str, Any]:
    """Store settings and echo them back."""
    ran.append("store_settings")
    return settings


@group.tool(confirm=True)
def delete_everything(scope: str, ctx: Context) -> str:
    """Delete everything in a scope."""
    ran.append(f"delete_everything {scope}")
    return "deleted"


@group.tool
def remember(note: str, ctx: Context) -> str:
    """Keep a note in the session."""
    ran.append("remember")
    ctx.session_attributes["note"] = note
    return "noted"


@pytest.fixture(autouse=True)
def nothing_ran() -> None:
    ran.clear()


def nested(depth: int) -> str:
    return '{"a": ' * depth + "1" + "}" * depth


@pytest.mark.parametrize("depth", [33, 500, 900])
def test_deeply_nested_json_is_refused_before_the_tool_runs(depth: int) -> None:
    """Nested ~980 deep it used to convert (JSON depth was bounded only by the recursion
    limit), run the tool with its side effect, then fail encoding the result with an
    internal error that 'is not caused by the input'."""
    result = send(
        group.resolve, "store_settings", [("settings", nested(depth))], action_group="Regressions"
    )
    assert result.state == "REPROMPT", result.text[:300]
    assert "settings must be a JSON object" in result.text
    assert ran == []
    assert_clean(result)


def test_json_depth_matches_the_bare_form_at_the_boundary() -> None:
    at_cap = send(
        group.resolve, "store_settings", [("settings", nested(32))], action_group="Regressions"
    )
    assert at_cap.state == "SUCCESS", at_cap.text[:300]
    over = send(
        group.resolve, "store_settings", [("settings", nested(33))], action_group="Regressions"
    )
    assert over.state == "REPROMPT"
    bare_over = send(
        group.resolve,
        "store_settings",
        [("settings", "{a=" * 33 + "1" + "}" * 33)],
        action_group="Regressions",
    )
    assert bare_over.state == "REPROMPT"
    assert ran == ["store_settings"]


def test_a_parameter_sent_three_times_with_three_values_is_named_once() -> None:
    result = send(
        group.resolve,
        "store_settings",
        [("settings", '{"a": 1}'), ("settings", '{"a": 2}'), ("settings", '{"a": 3}')],
        action_group="Regressions",
    )
    assert result.state == "REPROMPT"
    assert result.text.count("settings was sent more than once") == 1, result.text
    assert ran == []


def test_unknown_parameter_names_are_logged_bounded(caplog: pytest.LogCaptureFixture) -> None:
    """A 1 MB parameter name used to be logged in full (twice: message and extra field)."""
    names = [("x" * 1_000_000, "1")] + [(f"extra{i}", "1") for i in range(30)]
    with caplog.at_level("WARNING", logger="agent_tools"):
        result = send(
            group.resolve,
            "store_settings",
            [("settings", "{}"), *names],
            action_group="Regressions",
        )
    assert result.state == "SUCCESS"
    [record] = [r for r in caplog.records if "ignored parameters" in r.getMessage()]
    message = record.getMessage()
    assert len(message) < 3_000, len(message)
    assert "and 11 more" in message
    ignored = record.__dict__["ignored_parameters"]
    assert len(ignored) == 21
    assert sum(map(len, ignored)) < 3_000


def test_session_attributes_a_tool_sets_are_held_to_the_body_limit(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A tool copying a 1 MB input into the session sent it back in full, outside the limit."""
    session = {"employee_id": "2"}
    with caplog.at_level("ERROR", logger="agent_tools"):
        result = send(
            group.resolve,
            "remember",
            [("note", "x" * 1_000_000)],
            action_group="Regressions",
            session=session,
        )
    assert result.state == "FAILURE"
    assert result.text.startswith(
        "remember ran, but the session state it set is too large to send back (1000016 bytes, "
        "over the limit of 25000)"
    )
    assert result.session_attributes == session
    assert "1000016 bytes of session attributes" in caplog.text
    small = send(
        group.resolve, "remember", [("note", "short")], action_group="Regressions", session=session
    )
    assert small.state == "SUCCESS"
    assert small.session_attributes == {"employee_id": "2", "note": "short"}


def test_the_callers_own_session_attributes_are_echoed_as_they_came() -> None:
    session = {"employee_id": "2", "history": "y" * 100_000}
    result = send(
        group.resolve,
        "store_settings",
        [("settings", "{}")],
        action_group="Regressions",
        session=session,
    )
    assert result.state == "SUCCESS"
    assert result.session_attributes == session


def returned(invocation_type: str) -> dict[str, Any]:
    return {
        "invocationId": "79e0feaa-2",
        "invocationInputs": [
            {
                "functionInvocationInput": {
                    "actionGroup": "Regressions",
                    "function": "delete_everything",
                    "parameters": [{"name": "scope", "type": "string", "value": "all"}],
                    "actionInvocationType": invocation_type,
                }
            }
        ],
    }


def test_return_of_control_asks_before_a_confirm_tool_even_when_the_payload_says_result() -> None:
    """A drifted deployment or a forged payload said RESULT; the code's confirm=True wins."""
    asked: list[ToolCall] = []

    def deny(call: ToolCall) -> bool:
        asked.append(call)
        return False

    state = session_state(group, returned("RESULT"), confirm=deny)
    assert ran == []
    assert [call.invocation_type for call in asked] == ["USER_CONFIRMATION_AND_RESULT"]
    [result] = state["returnControlInvocationResults"]
    assert result["functionResult"]["confirmationState"] == "DENY"
    with pytest.raises(ValueError, match="needs the user's confirmation"):
        session_state(group, returned("RESULT"))
    assert ran == []
    confirmed = session_state(group, returned("RESULT"), confirm=lambda call: True)
    assert ran == ["delete_everything all"]
    body = confirmed["returnControlInvocationResults"][0]["functionResult"]["responseBody"]
    assert json.loads(json.dumps(body))["TEXT"]["body"] == "deleted"
