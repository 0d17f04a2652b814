"""AgentCore Gateway Lambda targets: the bare arguments in, the result (or an error) out.

The call and the answer are described in ``docs/agentcore-gateway.md``. The event is the
tool's arguments as one JSON object; the tool's name, ``target___tool``, and the propagated
headers arrive in ``context.client_context.custom``. Success answers the tool's result as
JSON data; every other outcome answers ``{"error": message, "kind": ...}``, returned rather
than raised (see ``docs/agentcore-gateway.md#failures-are-returned-not-raised``).
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from agent_tools._declare.spec import ParamSpec, Source, ToolSpec
from agent_tools._serve.call import Call, Runner
from agent_tools._serve.decide import BadRequest, NotFound, outcome_for
from agent_tools._serve.log import ERROR, INFO, WARNING, log, logger
from agent_tools.outcome import Outcome, OutcomeKind

if TYPE_CHECKING:
    import logging

    from agent_tools._declare.registry import ToolRegistry

__all__ = [
    "HEADERS_KEY",
    "TOOL_NAME_KEY",
    "answer",
    "error_answer",
    "matches",
    "read_headers",
    "render",
    "split_tool_name",
    "tool_name",
]

TOOL_NAME_KEY = "bedrockAgentCoreToolName"
HEADERS_KEY = "bedrockAgentCorePropagatedHeaders"
_SEPARATOR = "___"  # target names cannot contain "_", so the first "___" ends the target
_SETTER = "the gateway, from the verified caller's token,"
_EMPTY: Mapping[str, str] = {}
_clock = time.perf_counter


def custom(lambda_context: Any) -> Mapping[str, Any] | None:
    """``context.client_context.custom``, if it is a mapping; ``None`` otherwise."""
    client_context = getattr(lambda_context, "client_context", None)
    if client_context is None:
        return None
    if isinstance(client_context, Mapping):  # a context built by hand
        found = client_context.get("custom")
    else:
        found = getattr(client_context, "custom", None)
    return found if isinstance(found, Mapping) else None


def matches(event: Any, lambda_context: Any) -> bool:
    """The call came from a gateway: its client context names the tool."""
    found = custom(lambda_context)
    return found is not None and TOOL_NAME_KEY in found


def tool_name(lambda_context: Any) -> Any:
    """The raw ``bedrockAgentCoreToolName`` of a gateway call (any type, as sent)."""
    found = custom(lambda_context)
    return None if found is None else found.get(TOOL_NAME_KEY)


def split_tool_name(qualified: str) -> tuple[str, str]:
    """``("target", "tool")`` from ``"target___tool"``; a name without the prefix is a tool."""
    target, separator, tool = qualified.partition(_SEPARATOR)
    if not separator:
        return "", qualified
    return target, tool


def read_headers(lambda_context: Any) -> dict[str, str]:
    """The propagated headers by lower-cased name; values that are not text are dropped.

    The headers arrive as an object or as its JSON text. A name sent twice in different cases
    with different values is dropped too: which one the gateway vouched for is unknown.
    """
    found = custom(lambda_context)
    raw = None if found is None else found.get(HEADERS_KEY)
    if isinstance(raw, str | bytes):
        try:
            raw = json.loads(raw)
        except ValueError:
            return {}
    if not isinstance(raw, Mapping):
        return {}
    headers: dict[str, str] = {}
    clashes: set[str] = set()
    for name, value in raw.items():
        if not isinstance(name, str) or not isinstance(value, str):
            continue
        lowered = name.lower()
        if lowered in headers and headers[lowered] != value:
            clashes.add(lowered)
        headers[lowered] = value
    for name in clashes:
        del headers[name]
    return headers


def answer(registry: ToolRegistry, runner: Runner, event: Any, lambda_context: Any = None) -> Any:
    """Answer one gateway call with the result or an error object. Never raises."""
    started = _clock()
    tool: ToolSpec | None = None
    target = ""
    try:
        try:
            target, tool = _find_tool(registry, lambda_context)
            outcome = run(runner, tool, event, lambda_context, target or registry.group)
        except Exception as exc:
            outcome = outcome_for(
                exc, tool.name if tool else None, runner.max_body_bytes, lambda_context
            )
        sink = logger()
        level = WARNING if outcome.kind is OutcomeKind.FAILURE else INFO
        if sink is not None and sink.isEnabledFor(level):
            _log_call(sink, lambda_context, target, tool, outcome, started, level)
        return render(outcome)
    except Exception:  # a last guard: even a bug here must answer
        log(ERROR, "agent_tools could not answer a gateway call", exc_info=True)
        return error_answer("The tool failed with an internal error.", OutcomeKind.FAILURE)


def run(runner: Runner, tool: ToolSpec, event: Any, lambda_context: Any, target: str) -> Outcome:
    """Run ``tool`` for the gateway call ``event``; identity comes from the headers."""
    if type(event) is not dict:
        if not isinstance(event, Mapping):
            raise BadRequest(f"the arguments must be a JSON object, got {type(event).__name__}")
        event = dict(event)
    session: Mapping[str, str] = _EMPTY
    prompt: Mapping[str, str] = _EMPTY
    bound = _bound(tool)
    if bound:
        headers = read_headers(lambda_context)
        session, prompt = {}, {}
        for param in bound:
            value = headers.get(param.header) if param.header else None
            if value is not None:
                (prompt if param.source is Source.PROMPT_SESSION else session)[param.key] = value
    return runner.run(
        tool,
        Call(
            event,
            event=event,
            action_group=target,
            lambda_context=lambda_context,
            session_attributes=session,
            prompt_session_attributes=prompt,
            source="propagated header",
            setter=_SETTER,
            by_header=True,
        ),
    )


def render(outcome: Outcome) -> Any:
    """Write ``outcome`` as the gateway's answer: the result, or an error object."""
    if outcome.kind is OutcomeKind.SUCCESS:
        value = outcome.value
        if isinstance(value, str):
            return value
        # The body is the result as the encoder wrote it (dates, decimals, dataclasses...):
        # read back, it is data the Lambda runtime can serialise again.
        return json.loads(outcome.body)
    return error_answer(outcome.body, outcome.kind, outcome.reference)


def error_answer(message: str, kind: OutcomeKind, reference: str | None = None) -> dict[str, Any]:
    """``{"error": message, "kind": kind}``, with the reference of an internal error."""
    answer: dict[str, Any] = {"error": message, "kind": kind.value}
    if reference is not None:
        answer["reference"] = reference
    return answer


def _find_tool(registry: ToolRegistry, lambda_context: Any) -> tuple[str, ToolSpec]:
    qualified = tool_name(lambda_context)
    if not isinstance(qualified, str) or not qualified:
        raise BadRequest(f"{TOOL_NAME_KEY} must be a non-empty string, got {qualified!r:.100}")
    target, name = split_tool_name(qualified)
    tool = registry.named(name)
    if tool is None:
        known = ", ".join(t.name for t in registry.tools)
        raise NotFound(f"There is no tool {name!r:.100}; the tools are {known}.")
    return target, tool


def _bound(tool: ToolSpec) -> list[ParamSpec]:
    """The session-bound parameters of ``tool`` and of its dependencies."""
    found: list[ParamSpec] = []
    pending = list(tool.params)
    while pending:
        param = pending.pop()
        if param.source is Source.SESSION or param.source is Source.PROMPT_SESSION:
            found.append(param)
        elif param.dependency is not None:
            pending.extend(param.dependency.params)
    return found


def _log_call(
    sink: logging.Logger,
    lambda_context: Any,
    target: str,
    tool: ToolSpec | None,
    outcome: Outcome,
    started: float,
    level: int,
) -> None:
    found = custom(lambda_context) or {}
    name = tool.name if tool else str(found.get(TOOL_NAME_KEY))[:200]
    fields: dict[str, Any] = {
        "gateway_id": found.get("bedrockAgentCoreGatewayId"),
        "target": target,
        "mcp_message_id": found.get("bedrockAgentCoreMcpMessageId"),
        "tool": name,
        "outcome": outcome.kind.value,
        "status": outcome.status,
        "duration_ms": round((_clock() - started) * 1000, 3),
    }
    sink.log(
        level, "%s %s in %.1f ms", name, fields["outcome"], fields["duration_ms"], extra=fields
    )
