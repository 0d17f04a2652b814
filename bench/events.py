"""The two events every contender answers, shaped as Bedrock sends them."""

from __future__ import annotations

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
