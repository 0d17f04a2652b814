"""Test an action group as Bedrock Agents or an AgentCore Gateway calls it.

* ``AgentSession``: send the events Bedrock sends, carry the session's attributes from call
  to call, and read each checked answer as a ``ToolResult``.
* ``function_event``, ``openapi_event``, ``tool_event``: build events shaped exactly like
  Bedrock's, values written the way Bedrock writes them.
* ``check_response``: hold an answer to the response contract; ``ContractError`` names the
  offending field.
* ``gateway_call``, ``gateway_event``, ``gateway_context``: AgentCore Gateway calls of a
  Lambda target (the arguments, and a Lambda context whose client context names the tool and
  carries the propagated headers).
* ``fake_lambda_context``: a Lambda context for handlers that read one.
* ``run_in_lambda_runtime``: run a handler under the real Lambda runtime client.

The pytest plugin (installed with the package) offers the ``agent_session``,
``bedrock_event`` and ``lambda_context`` fixtures. Nothing here is imported by a Lambda
handler.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .contract import ContractError, check_response
    from .events import (
        DEFAULT_AGENT,
        BedrockEvents,
        function_event,
        openapi_event,
        tool_event,
    )
    from .gateway import (
        ClientContext,
        gateway_call,
        gateway_context,
        gateway_custom,
        gateway_event,
    )
    from .lambda_context import FakeLambdaContext, fake_lambda_context
    from .result import State, ToolResult
    from .runtime import (
        InvocationError,
        LambdaRuntimeError,
        LambdaRuntimeTimeout,
        RuntimeInvocation,
        run_in_lambda_runtime,
    )
    from .session import AgentSession
    from .values import ArrayStyle, format_value

# Imported on first use: the pytest plugin is a submodule, and pytest loads it in every run
# of the environment, so the package itself must cost nothing (runtime.py pulls in
# http.server and subprocess).
_HOMES = {
    "ContractError": "contract",
    "check_response": "contract",
    "DEFAULT_AGENT": "events",
    "ArrayStyle": "values",
    "BedrockEvents": "events",
    "format_value": "values",
    "function_event": "events",
    "openapi_event": "events",
    "tool_event": "events",
    "ClientContext": "gateway",
    "gateway_call": "gateway",
    "gateway_context": "gateway",
    "gateway_custom": "gateway",
    "gateway_event": "gateway",
    "FakeLambdaContext": "lambda_context",
    "fake_lambda_context": "lambda_context",
    "State": "result",
    "ToolResult": "result",
    "InvocationError": "runtime",
    "LambdaRuntimeError": "runtime",
    "LambdaRuntimeTimeout": "runtime",
    "RuntimeInvocation": "runtime",
    "run_in_lambda_runtime": "runtime",
    "AgentSession": "session",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])


__all__ = [
    "DEFAULT_AGENT",
    "AgentSession",
    "ArrayStyle",
    "BedrockEvents",
    "ClientContext",
    "ContractError",
    "FakeLambdaContext",
    "InvocationError",
    "LambdaRuntimeError",
    "LambdaRuntimeTimeout",
    "RuntimeInvocation",
    "State",
    "ToolResult",
    "check_response",
    "fake_lambda_context",
    "format_value",
    "function_event",
    "gateway_call",
    "gateway_context",
    "gateway_custom",
    "gateway_event",
    "openapi_event",
    "run_in_lambda_runtime",
    "tool_event",
]
