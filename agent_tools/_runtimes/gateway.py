"""AgentCore Gateway Lambda targets: the bare arguments in, the result (or an error) out.

The call and the answer are described in ``docs/agentcore-gateway.md``. The event is the
tool's arguments as one JSON object; the tool's name, ``target___tool``, and the propagated
headers arrive in ``context.client_context.custom``. Success answers the tool's result as
JSON data; every other outcome answers ``{"error": message, "kind": ...}``, returned rather
than raised (``docs/agentcore-gateway.md#failures-are-returned-not-raised``).
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from agent_tools._declare.spec import Source, ToolSpec
from agent_tools._serve.call import Call, Runner
from agent_tools._serve.decide import BadRequest, NotFound, PlainOutcome, outcome_for
from agent_tools._serve.encode import is_plain
from agent_tools._serve.log import ERROR, call_level, log, logger
from agent_tools.outcome import Outcome, OutcomeKind

if TYPE_CHECKING:
    import logging

    from agent_tools._declare.registry import ToolRegistry

__all__ = [
    "HEADERS_KEY",
    "TOOL_NAME_KEY",
    "answer",
    "custom",
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
# A gateway sends no Classic metadata (session, agent, input text); the event is the model's
# arguments, so Context reads nothing from it (docs/agentcore-gateway.md#context).
_NO_EVENT: Mapping[str, Any] = MappingProxyType({})
_clock = time.perf_counter


def custom(lambda_context: Any) -> Mapping[str, Any] | None:
    """``context.client_context.custom``, if it is a mapping; ``None`` otherwise."""
    client_context = getattr(lambda_context, "client_context", None)
    if client_context is None:
        return None
    found = getattr(client_context, "custom", None)
    if found is None and isinstance(client_context, Mapping):  # a context built by hand
        found = client_context.get("custom")
    if type(found) is dict or isinstance(found, Mapping):
        return found
    return None


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


def read_headers(found: Mapping[str, Any] | None) -> dict[str, str]:
    """The propagated headers among a call's ``custom`` keys, by lower-cased name.

    The headers arrive as an object or as its JSON text. Values that are not text are
    dropped, and so is a name sent twice (in any case) with different values: which one
    the gateway vouched for is unknown.
    """
    raw = None if found is None else found.get(HEADERS_KEY)
    if isinstance(raw, str | bytes):
        try:  # every pair as sent: JSON text can name a header twice
            raw = json.loads(raw, object_pairs_hook=_Pairs)
        except ValueError:
            return {}
    if isinstance(raw, _Pairs):
        pairs: Any = raw
    elif isinstance(raw, Mapping):
        pairs = raw.items()
    else:
        return {}
    headers: dict[str, str] = {}
    clashes: set[str] = set()
    for name, value in pairs:
        if not isinstance(name, str) or not isinstance(value, str):
            continue
        lowered = name.lower()
        if lowered in headers and headers[lowered] != value:
            clashes.add(lowered)
        headers[lowered] = value
    for name in clashes:
        del headers[name]
    return headers


class _Pairs(list[tuple[str, Any]]):
    """A JSON object's members in order, repeats kept."""


def answer(registry: ToolRegistry, runner: Runner, event: Any, lambda_context: Any = None) -> Any:
    """Answer one gateway call with the result or an error object. Never raises."""
    started = _clock()
    tool: ToolSpec | None = None
    target = ""
    try:
        found = custom(lambda_context)
        try:
            target, tool = _find_tool(registry, found)
            outcome = run(runner, tool, event, lambda_context, target or registry.group, found)
        except Exception as exc:
            outcome = outcome_for(
                exc, tool.name if tool else None, runner.max_body_bytes, lambda_context
            )
        sink = logger()
        if sink is not None:
            level = call_level(outcome.kind)
            if sink.isEnabledFor(level):
                _log_call(sink, found, target, tool, outcome, started, level)
        return render(outcome)
    except Exception:  # a last guard: even a bug here must answer
        log(ERROR, "agent_tools could not answer a gateway call", exc_info=True)
        return error_answer("The tool failed with an internal error.", OutcomeKind.FAILURE)


def run(
    runner: Runner,
    tool: ToolSpec,
    event: Any,
    lambda_context: Any,
    target: str,
    found: Mapping[str, Any] | None,
) -> Outcome:
    """Run ``tool`` for the gateway call ``event``; trusted values come from the headers."""
    if type(event) is not dict:
        if not isinstance(event, Mapping):
            raise BadRequest(f"the arguments must be a JSON object, got {type(event).__name__}")
        event = dict(event)
    session: Mapping[str, str] = _EMPTY
    prompt: Mapping[str, str] = _EMPTY
    if tool.session_params:
        headers = read_headers(found)
        session, prompt = {}, {}
        for param in tool.session_params:
            value = headers.get(param.header) if param.header else None
            if value is not None:
                (prompt if param.source is Source.PROMPT_SESSION else session)[param.key] = value
    # Positional: keyword arguments cost a tenth of this call's own work.
    call = Call(
        event,  # arguments: the event is the arguments object
        _NO_EVENT,  # for Context: the arguments are the model's, never its metadata
        target,  # the action group's name as the caller knows it
        lambda_context,
        None,  # repeated: a JSON object cannot name a value twice
        session,
        prompt,
        False,  # flat_body: the gateway sends a model as one object
        "propagated header",
        _SETTER,
        True,  # by_header: a refusal names the header
    )
    return runner.run(tool, call)


def render(outcome: Outcome) -> Any:
    """Write ``outcome`` as the gateway's answer: the result, or an error object."""
    if type(outcome) is PlainOutcome:  # checked when it was written: most results
        return outcome.value
    if outcome.kind is OutcomeKind.SUCCESS:
        value = outcome.value
        if is_plain(value):  # JSON data already, as most results are: sent as it is
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


def _find_tool(registry: ToolRegistry, found: Mapping[str, Any] | None) -> tuple[str, ToolSpec]:
    qualified = None if found is None else found.get(TOOL_NAME_KEY)
    if type(qualified) is not str or not qualified:
        raise BadRequest(f"{TOOL_NAME_KEY} must be a non-empty string, got {qualified!r:.100}")
    target, name = split_tool_name(qualified)
    tool = registry.by_name.get(name)
    if tool is None:
        raise NotFound.tool(name, (t.name for t in registry.tools))
    return target, tool


def _log_call(
    sink: logging.Logger,
    found: Mapping[str, Any] | None,
    target: str,
    tool: ToolSpec | None,
    outcome: Outcome,
    started: float,
    level: int,
) -> None:
    keys = found or {}
    name = tool.name if tool else str(keys.get(TOOL_NAME_KEY))[:200]
    fields: dict[str, Any] = {
        "gateway_id": keys.get("bedrockAgentCoreGatewayId"),
        "target": target,
        "mcp_message_id": keys.get("bedrockAgentCoreMcpMessageId"),
        "tool": name,
        "outcome": outcome.kind.value,
        "status": outcome.status,
        "duration_ms": round((_clock() - started) * 1000, 3),
    }
    sink.log(
        level, "%s %s in %.1f ms", name, fields["outcome"], fields["duration_ms"], extra=fields
    )
