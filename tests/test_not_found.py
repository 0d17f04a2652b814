"""A call for a tool that does not exist is answered in the same words on every path."""

from __future__ import annotations

from typing import Any

from agent_tools import ActionGroup, OutcomeKind, Router
from agent_tools.bridge import gateway_handler
from agent_tools.testing import gateway_call

app = ActionGroup("Leave")
other = ActionGroup("Other")


@app.tool
def book(days: int) -> int:
    """Book days."""
    return days


@other.tool
def ping() -> str:
    """Ping."""
    return "pong"


EXPECTED = "There is no tool 'nope'; the tools are book."


def _classic(event: Any, context: Any) -> Any:  # never reached: the bridge refuses first
    raise AssertionError("the old handler ran")


def test_every_path_words_an_unknown_tool_alike() -> None:
    gateway = app.lambda_handler(*gateway_call("nope", {}, target="Leave"))
    assert gateway == {"error": EXPECTED, "kind": "not_found"}

    outcome = app.call_tool("nope", {})
    assert (outcome.kind, outcome.body) == (OutcomeKind.NOT_FOUND, EXPECTED)

    converse = app.run_tool_use({"toolUseId": "t1", "name": "nope", "input": {}})
    assert converse["toolResult"]["status"] == "error"
    assert converse["toolResult"]["content"] == [{"text": EXPECTED}]

    schema = {"functions": [{"name": "book", "description": "Book days.", "parameters": {}}]}
    bridged = gateway_handler(_classic, action_group="Leave", function_schema=schema)
    assert bridged(*gateway_call("nope", {}, target="Leave")) == {
        "error": EXPECTED,
        "kind": "not_found",
    }

    router = Router(app, other)
    routed = router.lambda_handler(*gateway_call("nope", {}, target="Elsewhere"))
    assert routed == {
        "error": "There is no tool 'nope'; the tools are book, ping.",
        "kind": "not_found",
    }
