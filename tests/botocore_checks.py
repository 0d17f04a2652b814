"""Requests checked by botocore's own service models, as the SDK checks them, plus the
patterns and lengths it leaves to the service."""

from __future__ import annotations

import re
from typing import Any

import botocore.session
from botocore.validate import ParamValidator

GATEWAY_KEYS = {"type", "description", "properties", "required", "items"}


def check_request(service: str, operation: str, request: dict[str, Any]) -> None:
    model = botocore.session.get_session().get_service_model(service)
    shape = model.operation_model(operation).input_shape
    report = ParamValidator().validate(request, shape)
    assert not report.has_errors(), report.generate_report()
    _check_patterns(request, shape)


def _check_patterns(value: Any, shape: Any) -> None:
    if getattr(shape, "is_document_type", False):
        return  # any JSON value
    if shape.type_name == "structure":
        for key, item in value.items():
            _check_patterns(item, shape.members[key])
    elif shape.type_name == "list":
        assert len(value) >= shape.metadata.get("min", 0), shape.name
        assert len(value) <= shape.metadata.get("max", len(value)), shape.name
        for item in value:
            _check_patterns(item, shape.member)
    elif shape.type_name == "map":
        for key, item in value.items():
            _check_patterns(key, shape.key)
            _check_patterns(item, shape.value)
    elif shape.type_name == "string":
        pattern = shape.metadata.get("pattern")
        if pattern:
            assert re.fullmatch(pattern, value), (shape.name, pattern, value)
        assert len(value) >= shape.metadata.get("min", 0), (shape.name, value)
        assert len(value) <= shape.metadata.get("max", len(value)), (shape.name, value)
        if "enum" in shape.metadata:
            assert value in shape.metadata["enum"], (shape.name, value)


def gateway_keys_only(schema: dict[str, Any]) -> None:
    """Every level of a Gateway schema uses only the five keys, with a type it knows."""
    assert set(schema) <= GATEWAY_KEYS, set(schema) - GATEWAY_KEYS
    assert schema["type"] in ("string", "number", "integer", "boolean", "array", "object")
    for sub in schema.get("properties", {}).values():
        gateway_keys_only(sub)
    if "items" in schema:
        gateway_keys_only(schema["items"])
    assert set(schema.get("required", [])) <= set(schema.get("properties", {}))


def create_target_request(tools: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "gatewayIdentifier": "hr-gw-abcdefghij",
        "name": "VacationTools",
        "targetConfiguration": {
            "mcp": {
                "lambda": {
                    "lambdaArn": "arn:aws:lambda:us-east-1:123456789012:function:hr-tools",
                    "toolSchema": {"inlinePayload": tools},
                }
            }
        },
        "credentialProviderConfigurations": [{"credentialProviderType": "GATEWAY_IAM_ROLE"}],
        **extra,
    }
