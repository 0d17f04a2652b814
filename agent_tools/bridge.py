"""Serve an existing Bedrock Agents (Classic) action-group Lambda as an AgentCore Gateway target.

``gateway_handler`` wraps the old handler, unchanged. For each Gateway call it builds the event
the handler was written for (``docs/migration.md#the-bridge``), calls it within the Lambda's
remaining time, and turns its envelope back into what the Gateway returns to the model:

* success: the response body, parsed as JSON when it is JSON;
* ``REPROMPT`` or a 4xx status: ``{"error": <the handler's text>, "kind": "bad_input"}``;
* ``FAILURE``, a 5xx status, a raise, a timeout or a malformed envelope: an error naming only
  a reference (``"kind": "failure"``), which is logged with the cause.

Errors have the shape of the package's own Gateway runtime (``_runtimes.gateway``).

Classic events still reach the old handler as they are, so one function serves both while
the agent moves. The schema is read once, when the handler is built; a schema that cannot
be served raises ``SchemaError`` then, naming the tool, the field and the fix.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from ._bridge.answer import Handler, Overran, answer, call_within, failure, time_limit
from ._bridge.request import arguments, classic_event, pick
from ._bridge.schema import BridgeTool, header_map, read_tools
from ._runtimes import gateway
from ._serve.decide import BadInput, NotFound
from .outcome import OutcomeKind

__all__ = ["BridgeTool", "gateway_handler", "read_tools"]


def gateway_handler(
    classic_handler: Handler,
    *,
    action_group: str,
    function_schema: Mapping[str, Any] | list[Any] | str | None = None,
    openapi: Mapping[str, Any] | str | None = None,
    session_headers: Mapping[str, str] | None = None,
    prompt_session_headers: Mapping[str, str] | None = None,
    reserve_ms: int = 500,
    timeout: float | None = None,
) -> Handler:
    """A Lambda handler that answers AgentCore Gateway calls with a Classic handler.

    Args:
        classic_handler: the old ``lambda_handler(event, context)``, called unchanged.
        action_group: the ``actionGroup`` the handler expects in its events.
        function_schema: the group's ``functionSchema`` (``{"functions": [...]}``), as a
            mapping or JSON text; or
        openapi: the group's OpenAPI document, as a mapping or JSON text.
        session_headers: session attribute -> propagated header carrying its trusted value
            (allow the header on the target with ``allowedRequestHeaders``). Matched
            case-insensitively; an absent header leaves the attribute out.
        prompt_session_headers: the same for ``promptSessionAttributes``.
        reserve_ms: time kept back from the Lambda's remaining time to answer after the old
            handler overran it.
        timeout: seconds the old handler may take at most, also without a Lambda context.

    Raises:
        SchemaError: the schema is missing, invalid, or names a tool twice.
    """
    tools = read_tools(function_schema=function_schema, openapi=openapi)
    session_map = header_map(session_headers, "session_headers")
    prompt_map = header_map(prompt_session_headers, "prompt_session_headers")

    def handler(event: Any, context: Any) -> Any:
        custom = gateway.custom(context) or {}
        qualified = gateway.tool_name(context)
        if not isinstance(qualified, str):
            if isinstance(event, Mapping) and "messageVersion" in event:
                return classic_handler(event, context)  # a Classic call: the old path
            return gateway.error_answer(
                "This Lambda serves AgentCore Gateway tools, but the call named no tool "
                f"(client context key {gateway.TOOL_NAME_KEY!r} is missing).",
                OutcomeKind.FAILURE,
            )
        name = gateway.split_tool_name(qualified)[1]
        tool = tools.get(name)
        if tool is None:
            missing = NotFound.tool(name, sorted(tools))
            return gateway.error_answer(str(missing), OutcomeKind.NOT_FOUND)
        problems, parameters, body = arguments(tool, event)
        if problems:
            return gateway.error_answer(BadInput(name, problems).message, OutcomeKind.BAD_INPUT)
        headers = gateway.read_headers(gateway.custom(context))
        classic = classic_event(
            tool,
            action_group,
            parameters,
            body,
            session=pick(headers, session_map),
            prompt=pick(headers, prompt_map),
            custom=custom,
            context=context,
        )
        reference = getattr(context, "aws_request_id", None) or os.urandom(6).hex()
        limit = time_limit(context, reserve_ms, timeout)
        try:
            envelope = call_within(classic_handler, classic, context, limit)
        except Overran:
            return failure(name, reference, "did not answer within %s s", limit)
        except Exception as exc:
            return failure(name, reference, "raised %s", type(exc).__name__, exc=exc)
        return answer(name, reference, envelope)

    handler.__doc__ = f"AgentCore Gateway handler for the Classic action group {action_group!r}."
    return handler
