"""Run an action group's tools client-side for an AgentCore harness (inline functions).

``run_harness`` sends the user's message with ``InvokeHarness``, reads the event stream, and
whenever the model stops to use one of the group's inline functions, runs the tool through the
group (the same conversion, refusals and limits as a Lambda call) and sends the result back on
the same session, until the model stops for another reason. Tools declared ``confirm=True``
run only after the ``confirm`` callback says yes; a refusal is sent as an error result and the
tool does not run. This is return of control on AgentCore; for Bedrock Agents see
``agent_tools.return_control``. See ``docs/migration.md#inline-functions``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ._runtimes.tool_use import run_named

if TYPE_CHECKING:
    from .app import ActionGroup

__all__ = ["HarnessError", "HarnessReply", "ToolRun", "run_harness"]

Confirm = Callable[[str, Mapping[str, Any]], bool]


class HarnessError(Exception):
    """The harness answered with an error event, or the exchange could not go on."""


class ToolRun:
    """One inline-function call and what was sent back.

    Attributes:
        tool_use_id, name, arguments: the model's call.
        status: ``"success"`` or ``"error"``, as sent.
        text: the result text sent.
        ran: the call went to the group, which ran the tool or refused its input
            (``False`` when the user declined it, its name is unknown, or its input was
            not a JSON object).
    """

    __slots__ = ("arguments", "name", "ran", "status", "text", "tool_use_id")

    def __init__(
        self,
        tool_use_id: str,
        name: str,
        arguments: Mapping[str, Any],
        *,
        status: str,
        text: str,
        ran: bool,
    ) -> None:
        self.tool_use_id = tool_use_id
        self.name = name
        self.arguments = arguments
        self.status = status
        self.text = text
        self.ran = ran

    def __repr__(self) -> str:
        return f"ToolRun({self.name!r}, status={self.status!r}, ran={self.ran})"


class HarnessReply:
    """How the exchange ended.

    Attributes:
        text: the model's text in its last turn.
        stop_reason: why the model stopped (``end_turn``, ``max_tokens``...).
        tool_runs: every inline-function call answered on the way, in order.
    """

    __slots__ = ("stop_reason", "text", "tool_runs")

    def __init__(self, text: str, stop_reason: str, tool_runs: list[ToolRun]) -> None:
        self.text = text
        self.stop_reason = stop_reason
        self.tool_runs = tool_runs

    def __repr__(self) -> str:
        return f"HarnessReply(stop_reason={self.stop_reason!r}, tool_runs={self.tool_runs!r})"


def run_harness(
    client: Any,
    app: ActionGroup,
    message: str,
    *,
    harness_arn: str,
    session_id: str,
    confirm: Confirm | None = None,
    session_attributes: Mapping[str, str] | None = None,
    max_rounds: int = 20,
    **invoke: Any,
) -> HarnessReply:
    """Send ``message`` and answer the group's inline-function calls until the model stops.

    Args:
        client: a boto3 ``bedrock-agentcore`` client.
        app: the group whose tools are the harness's inline functions.
        message: the user's text.
        harness_arn, session_id: the harness and the runtime session (33-100 characters).
        confirm: asked ``confirm(tool_name, arguments)`` before a ``confirm=True`` tool runs;
            without it such tools are declined.
        session_attributes: trusted values for ``SessionAttr`` parameters (the signed-in
            user, say): never taken from the model.
        max_rounds: the most tool results sent before giving up with ``HarnessError``.
        invoke: more ``InvokeHarness`` arguments sent with every request (``tools``,
            ``model``, ``runtimeUserId``...).

    Raises:
        HarnessError: the stream carried an error event, or ``max_rounds`` was reached.
    """
    runs: list[ToolRun] = []
    messages: list[dict[str, Any]] = [{"role": "user", "content": [{"text": message}]}]
    for _ in range(max_rounds + 1):
        response = client.invoke_harness(
            harnessArn=harness_arn, runtimeSessionId=session_id, messages=messages, **invoke
        )
        text, stop_reason, uses = _read_stream(response["stream"])
        if stop_reason != "tool_use" or not uses:
            return HarnessReply(text, stop_reason, runs)
        results = []
        for tool_use_id, name, arguments in uses:
            run = _run(app, tool_use_id, name, arguments, confirm, session_attributes)
            runs.append(run)
            results.append(
                {
                    "toolResult": {
                        "toolUseId": tool_use_id,
                        "content": [{"text": run.text}],
                        "status": run.status,
                    }
                }
            )
        messages = [{"role": "user", "content": results}]
    raise HarnessError(f"the model still asked for tools after {max_rounds} results were sent")


def _read_stream(
    stream: Iterable[Mapping[str, Any]],
) -> tuple[str, str, list[tuple[str, str, str]]]:
    """The text, the stop reason and the tool uses (id, name, input text) of one response."""
    text: list[str] = []
    uses: dict[int, list[str]] = {}
    stop_reason = ""
    for event in stream:
        for key in ("validationException", "internalServerException", "runtimeClientError"):
            if key in event:
                raise HarnessError(f"{key}: {event[key].get('message', '')}")
        if "contentBlockStart" in event:
            block = event["contentBlockStart"]
            tool_use = block["start"].get("toolUse")
            if tool_use is not None:
                uses[block["contentBlockIndex"]] = [tool_use["toolUseId"], tool_use["name"], ""]
        elif "contentBlockDelta" in event:
            block = event["contentBlockDelta"]
            delta = block["delta"]
            if "text" in delta:
                text.append(delta["text"])
            elif "toolUse" in delta and block["contentBlockIndex"] in uses:
                uses[block["contentBlockIndex"]][2] += delta["toolUse"]["input"]
        elif "messageStart" in event:
            text.clear()  # only the last message's text is the reply
        elif "messageStop" in event:
            stop_reason = event["messageStop"]["stopReason"]
    return "".join(text), stop_reason, [(u[0], u[1], u[2]) for u in uses.values()]


def _run(
    app: ActionGroup,
    tool_use_id: str,
    name: str,
    input_text: str,
    confirm: Confirm | None,
    session_attributes: Mapping[str, str] | None,
) -> ToolRun:
    try:
        arguments = json.loads(input_text) if input_text.strip() else {}
    except ValueError:
        arguments = None
    if not isinstance(arguments, dict):
        return ToolRun(
            tool_use_id,
            name,
            {},
            status="error",
            text=f"The input for {name} was not a JSON object; call it again with one.",
            ran=False,
        )
    tool = next((t for t in app.tools if t.name == name), None)
    if tool is not None and tool.confirm and not (confirm is not None and confirm(name, arguments)):
        return ToolRun(
            tool_use_id,
            name,
            arguments,
            status="error",
            text=f"The user did not confirm {name}, so it did not run. Do not call it again "
            "unless the user asks for it.",
            ran=False,
        )
    outcome = run_named(
        app._registry,
        app._runner,
        name,
        arguments,
        session_attributes=session_attributes,
        setter="the application that calls InvokeHarness (session_attributes=)",
    )
    return ToolRun(
        tool_use_id,
        name,
        arguments,
        status="success" if outcome.ok else "error",
        text=outcome.body,
        ran=tool is not None,
    )
