"""AgentCore Gateway calls of a Lambda target, built for tests.

A gateway call is two things: the event, which is the tool's arguments as one JSON object,
and the Lambda context, whose ``client_context.custom`` names the tool as ``target___tool``
and carries the propagated headers (``docs/agentcore-gateway.md``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, cast

from agent_tools._serve.encode import encode_body

from .lambda_context import FakeLambdaContext, fake_lambda_context

__all__ = [
    "ClientContext",
    "gateway_call",
    "gateway_context",
    "gateway_custom",
    "gateway_event",
]

DEFAULT_TARGET = "tools"
"""The target name of built calls: letters, digits and single hyphens, as the gateway has it."""


class ClientContext:
    """The ``client_context`` awslambdaric gives a handler: ``custom``, ``env``, ``client``."""

    __slots__ = ("client", "custom", "env")

    def __init__(
        self,
        custom: Any = None,
        env: Any = None,
        client: Any = None,
    ) -> None:
        self.custom = custom
        self.env = env
        self.client = client

    def __repr__(self) -> str:
        return f"ClientContext(custom={self.custom!r})"


def gateway_event(arguments: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The event of a gateway call: the arguments as JSON data.

    Values are written as JSON the way the package writes results (dates as ISO text,
    decimals as numbers, dataclasses and models as objects), then read back: what a model
    sends through the gateway. Strings stay strings (models often send ``"7"``).
    """
    return cast("dict[str, Any]", json.loads(encode_body(dict(arguments or {}))))


def gateway_custom(
    tool: str,
    *,
    target: str | None = DEFAULT_TARGET,
    headers: Mapping[str, Any] | None = None,
    headers_as_json: bool = False,
    gateway_id: str = "test-gateway-abcdefghij",
    target_id: str = "TARGET1234",
    message_id: str = "2",
) -> dict[str, Any]:
    """The ``client_context.custom`` keys of a gateway call; see ``gateway_context``.

    ``run_in_lambda_runtime(..., client_contexts=[{"custom": gateway_custom("tool")}])``
    sends them to a handler running under the real runtime client.
    """
    keys: dict[str, Any] = {
        "bedrockAgentCoreToolName": tool if target is None else f"{target}___{tool}",
        "bedrockAgentCoreMessageVersion": "1.0",
        "bedrockAgentCoreAwsRequestId": "11111111-2222-4333-8444-555555555555",
        "bedrockAgentCoreMcpMessageId": message_id,
        "bedrockAgentCoreGatewayId": gateway_id,
        "bedrockAgentCoreTargetId": target_id,
    }
    if headers is not None:
        keys["bedrockAgentCorePropagatedHeaders"] = (
            json.dumps(dict(headers)) if headers_as_json else dict(headers)
        )
    return keys


def gateway_context(
    tool: str,
    *,
    target: str | None = DEFAULT_TARGET,
    headers: Mapping[str, Any] | None = None,
    headers_as_json: bool = False,
    gateway_id: str = "test-gateway-abcdefghij",
    target_id: str = "TARGET1234",
    message_id: str = "2",
    custom: Mapping[str, Any] | None = None,
    **lambda_context: Any,
) -> FakeLambdaContext:
    """A Lambda context as the gateway gives it for a call of ``tool``.

    Args:
        tool: the tool's name, without the target prefix.
        target: the target name put before ``___``; ``None`` sends the bare tool name.
        headers: the propagated headers (``bedrockAgentCorePropagatedHeaders``).
        headers_as_json: send the headers as JSON text, as some runtimes do.
        gateway_id: ``bedrockAgentCoreGatewayId``.
        target_id: ``bedrockAgentCoreTargetId``.
        message_id: ``bedrockAgentCoreMcpMessageId``.
        custom: more ``client_context.custom`` keys, or replacements for the built ones.
        lambda_context: attributes of the context, as ``fake_lambda_context`` takes them.
    """
    keys = gateway_custom(
        tool,
        target=target,
        headers=headers,
        headers_as_json=headers_as_json,
        gateway_id=gateway_id,
        target_id=target_id,
        message_id=message_id,
    )
    keys.update(custom or {})
    return fake_lambda_context(client_context=ClientContext(keys), **lambda_context)


def gateway_call(
    tool: str,
    arguments: Mapping[str, Any] | None = None,
    *,
    target: str | None = DEFAULT_TARGET,
    headers: Mapping[str, Any] | None = None,
    **context: Any,
) -> tuple[dict[str, Any], FakeLambdaContext]:
    """``(event, context)`` of one gateway call: ``handler(*gateway_call("tool", {...}))``.

    Args:
        tool: the tool's name, without the target prefix.
        arguments: the model's arguments, written by ``gateway_event``.
        target: the target name; see ``gateway_context``.
        headers: the propagated headers.
        context: more keywords of ``gateway_context``.
    """
    return gateway_event(arguments), gateway_context(
        tool, target=target, headers=headers, **context
    )
