"""One call by tool name with a JSON object of arguments: a Converse ``toolUse``, an MCP
``tools/call``.

Not a Lambda runtime (no Lambda event looks like this, so it is not in ``RUNTIMES``): the
process that talks to the model runs the tool itself. The trusted values ``SessionAttr``
parameters read come from the caller's ``session_attributes``, or from ``headers`` for a
parameter declared with ``header=`` (names matched case-insensitively), never from the
arguments.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from typing import Any

from agent_tools._declare.registry import ToolRegistry
from agent_tools._declare.spec import Source, ToolSpec
from agent_tools._serve.call import Call, Runner
from agent_tools._serve.decide import BadInput, NotFound, outcome_for
from agent_tools.outcome import Outcome

__all__ = ["converse_result", "run_named", "run_tool_use"]


def run_named(
    registry: ToolRegistry,
    runner: Runner,
    name: Any,
    arguments: Any,
    *,
    session_attributes: Mapping[str, Any] | None = None,
    headers: Mapping[str, Any] | None = None,
    lambda_context: Any = None,
    setter: str = "the application that runs the tool",
) -> Outcome:
    """Run the tool called ``name`` with ``arguments``; never raises."""
    tool = registry.by_name.get(name) if isinstance(name, str) else None
    try:
        if tool is None:
            raise NotFound.tool(name, (t.name for t in registry.tools))
        if arguments is None:
            arguments = {}
        if not isinstance(arguments, Mapping):
            raise BadInput(tool.name, [f"the input must be a JSON object, got {_kind(arguments)}"])
        session = trusted_values(tool, session_attributes, headers)
        # The caller has one map of trusted values; SessionAttr(prompt=True) reads it too.
        prompt = {
            p.key: session[p.key]
            for p in tool.session_params
            if p.source is Source.PROMPT_SESSION and p.key in session
        }
        call = Call(
            arguments,
            event={"name": name, "input": arguments},
            action_group=registry.group,
            lambda_context=lambda_context,
            session_attributes=session,
            prompt_session_attributes=prompt,
            source="session attribute",
            setter=setter,
        )
        return runner.run(tool, call)
    except Exception as exc:
        return outcome_for(exc, tool.name if tool else None, runner.max_body_bytes, lambda_context)


def trusted_values(
    tool: ToolSpec, session_attributes: Mapping[str, Any] | None, headers: Mapping[str, Any] | None
) -> dict[str, str]:
    """The session values of ``tool``'s parameters: the attributes, then their headers."""
    values = {str(k): str(v) for k, v in (session_attributes or {}).items() if v is not None}
    if headers:
        lowered = {str(k).lower(): v for k, v in headers.items()}
        for param in tool.session_params:
            value = lowered.get(param.header) if param.header else None
            if isinstance(value, str | int | float) and not isinstance(value, bool):
                values[param.key] = str(value)
    return values


def _kind(value: Any) -> str:
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list | tuple):
        return "an array"
    return f"a {type(value).__name__}" if value is not None else "null"


def run_tool_use(
    registry: ToolRegistry,
    runner: Runner,
    tool_use: Any,
    *,
    session_attributes: Mapping[str, Any] | None = None,
    headers: Mapping[str, Any] | None = None,
    lambda_context: Any = None,
) -> dict[str, Any]:
    """The ``{"toolResult": ...}`` block answering a Converse ``toolUse``; never raises."""
    use = tool_use if isinstance(tool_use, Mapping) else {}
    tool_use_id = use.get("toolUseId")
    outcome = run_named(
        registry,
        runner,
        use.get("name"),
        use.get("input"),
        session_attributes=session_attributes,
        headers=headers,
        lambda_context=lambda_context,
        setter="the application that runs the tool (session_attributes= or headers=)",
    )
    return converse_result(tool_use_id if isinstance(tool_use_id, str) else "", outcome)


def converse_result(tool_use_id: str, outcome: Outcome) -> dict[str, Any]:
    """``outcome`` as a Converse ``toolResult`` content block.

    A result that is a JSON object travels as a ``json`` block, anything else as text; a
    refusal or failure has ``status: "error"`` and its message as text.
    """
    content: dict[str, Any] = {"text": outcome.body}
    if outcome.ok and outcome.body.startswith("{"):
        with contextlib.suppress(ValueError):
            content = {"json": json.loads(outcome.body)}
    return {
        "toolResult": {
            "toolUseId": tool_use_id,
            "content": [content],
            "status": "success" if outcome.ok else "error",
        }
    }
