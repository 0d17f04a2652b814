"""The events every contender answers, shaped as Bedrock Agents and an AgentCore Gateway
send them."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

_COMMON: dict[str, Any] = {
    "messageVersion": "1.0",
    "agent": {"name": "bench", "id": "AGENT12345", "alias": "TSTALIASID", "version": "DRAFT"},
    "sessionId": "bench-session",
    "inputText": "benchmark",
    "actionGroup": "Bench",
    "sessionAttributes": {"employee_id": "2"},
    "promptSessionAttributes": {},
}

FUNCTION_EVENT: dict[str, Any] = {
    **_COMMON,
    "function": "lookup",
    "parameters": [
        {"name": "employee_id", "type": "integer", "value": "2"},
        {"name": "name", "type": "string", "value": "Ana"},
        {"name": "day", "type": "string", "value": "2026-01-24"},
    ],
}

OPENAPI_EVENT: dict[str, Any] = {
    **_COMMON,
    "apiPath": "/employees/{employee_id}/bookings",
    "httpMethod": "POST",
    "parameters": [{"name": "employee_id", "type": "integer", "value": "2"}],
    "requestBody": {
        "content": {
            "application/json": {
                "properties": [
                    {"name": "note", "type": "string", "value": "ski trip"},
                    {"name": "paid", "type": "boolean", "value": "true"},
                ]
            }
        }
    },
}

# A Gateway Lambda-target call: the arguments as JSON (the model sends a number, a string and
# a date as text) and a context whose client context names the tool as target___tool.
GATEWAY_EVENT: dict[str, Any] = {"employee_id": 2, "name": "Ana", "day": "2026-01-24"}

GATEWAY_CONTEXT = SimpleNamespace(
    aws_request_id="00000000-0000-4000-8000-000000000001",
    client_context=SimpleNamespace(
        custom={
            "bedrockAgentCoreToolName": "bench___lookup",
            "bedrockAgentCoreMessageVersion": "1.0",
            "bedrockAgentCoreGatewayId": "bench-gateway-abcdefghij",
            "bedrockAgentCoreTargetId": "BENCH12345",
            "bedrockAgentCoreMcpMessageId": "2",
            "bedrockAgentCorePropagatedHeaders": {"x-employee-id": "2"},
        },
        env=None,
        client=None,
    ),
)
