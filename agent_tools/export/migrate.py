"""A Classic action group's schema as the Gateway tools that ``agent_tools.bridge`` serves.

``classic_tools`` reads a ``functionSchema`` or an OpenAPI document (through the bridge's own
reader, so the tools written are exactly those the bridge answers), writes one Gateway
``ToolDefinition`` per function or operation and reports what the Gateway cannot carry:
allowed values and formats moved into descriptions, a ``requireConfirmation`` it has no flag
for, names too long once prefixed with the target's, header parameters it does not pass. See
``docs/migration.md#migrate``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from agent_tools.bridge import BridgeTool, read_tools

from .gateway import cloudformation_case, gateway_schema, target_fields, target_name

__all__ = ["MAX_QUALIFIED_NAME", "classic_target", "classic_tools"]

MAX_QUALIFIED_NAME = 64
"""``target___tool`` at most this long keeps a tool usable from Converse and a harness."""


def classic_tools(
    *,
    group: str,
    function_schema: Mapping[str, Any] | list[Any] | str | None = None,
    openapi: Mapping[str, Any] | str | None = None,
) -> tuple[list[dict[str, Any]], list[str]]:
    """The ``ToolDefinition`` list, and one note per thing not carried over as it was.

    Raises:
        SchemaError: the schema cannot be served (see ``agent_tools.bridge.read_tools``).
    """
    tools = read_tools(function_schema=function_schema, openapi=openapi)
    document = openapi if isinstance(openapi, Mapping) else None
    if isinstance(openapi, str):
        document = json.loads(openapi)
    notes: list[str] = []
    definitions = []
    prefix = target_name(group)
    for tool in tools.values():
        schema = _openapi_input(document, tool) if document is not None else _function_input(tool)
        components = (document or {}).get("components", {}).get("schemas", {})
        reduced, moved = gateway_schema(schema, definitions=components)
        notes.extend(f"{tool.name}: {note}" for note in moved)
        description = tool.description
        if not description:
            description = tool.name.replace("_", " ")
            notes.append(
                f"{tool.name}: had no description; the Gateway needs one, so its name stands in"
            )
        definitions.append({"name": tool.name, "description": description, "inputSchema": reduced})
        notes.extend(_tool_notes(prefix, tool, document))
    return definitions, notes


def classic_target(
    *,
    group: str,
    description: str | None,
    tools: Sequence[Mapping[str, Any]],
    lambda_arn: str | Mapping[str, Any],
    gateway: str | Mapping[str, Any],
    headers: Sequence[str] = (),
) -> dict[str, Any]:
    """The ``AWS::BedrockAgentCore::GatewayTarget`` resource serving ``tools``.

    Raises:
        ValueError: the target name (the group's, ``_`` as ``-``), ``lambda_arn`` or
            ``gateway`` is a literal the service would refuse.
    """
    checked = target_fields(name=group, lambda_arn=lambda_arn, gateway=gateway)
    properties: dict[str, Any] = {
        "GatewayIdentifier": checked["gatewayIdentifier"],
        "Name": checked["name"],
    }
    if description:
        properties["Description"] = description[:200]
    properties["TargetConfiguration"] = {
        "Mcp": {
            "Lambda": {
                "LambdaArn": checked["lambdaArn"],
                "ToolSchema": {"InlinePayload": [cloudformation_case(tool) for tool in tools]},
            }
        }
    }
    properties["CredentialProviderConfigurations"] = [
        {"CredentialProviderType": "GATEWAY_IAM_ROLE"}
    ]
    if headers:
        properties["MetadataConfiguration"] = {"AllowedRequestHeaders": list(headers)}
    return {"Type": "AWS::BedrockAgentCore::GatewayTarget", "Properties": properties}


def _function_input(tool: BridgeTool) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for name, (kind, _, _, description) in tool.parameters.items():
        schema: dict[str, Any] = {"type": kind}
        if description:
            schema["description"] = description
        properties[name] = schema
    return _object(tool, properties)


def _declared_parameters(document: Mapping[str, Any], tool: BridgeTool) -> list[Any]:
    """The operation's parameters: those of its path, then its own."""
    item = document["paths"][tool.api_path]
    operation = item[tool.http_method.lower()]
    return [*(item.get("parameters") or []), *(operation.get("parameters") or [])]


def _openapi_input(document: Mapping[str, Any], tool: BridgeTool) -> dict[str, Any]:
    operation = document["paths"][tool.api_path][tool.http_method.lower()]
    by_name: dict[str, Any] = {}
    for parameter in _declared_parameters(document, tool):
        parameter = _deref(document, parameter)
        if parameter.get("in") in ("path", "query"):
            schema = dict(_deref(document, parameter.get("schema") or {"type": "string"}))
            if parameter.get("description") and "description" not in schema:
                schema["description"] = parameter["description"]
            by_name[parameter["name"]] = schema
    body = _deref(document, operation.get("requestBody") or {})
    media = (body.get("content") or {}).get("application/json") or {}
    body_schema = _deref(document, media.get("schema") or {})
    for name, schema in (body_schema.get("properties") or {}).items():
        by_name[name] = schema
    return _object(tool, by_name)


def _object(tool: BridgeTool, properties: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    required = [name for name, (_, needed, _, _) in tool.parameters.items() if needed]
    if required:
        schema["required"] = required
    return schema


def _deref(document: Mapping[str, Any], node: Any) -> Any:
    while isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
        target: Any = document
        for part in node["$ref"][2:].split("/"):
            target = target[part]
        node = target
    return node


def _tool_notes(prefix: str, tool: BridgeTool, document: Mapping[str, Any] | None) -> list[str]:
    notes = []
    if tool.confirm:
        notes.append(
            f"{tool.name}: requireConfirmation is ENABLED, and a Gateway tool has no "
            "confirmation flag; the tool now runs unasked. Ask the user in the client "
            "(a harness inline function with a confirm callback) or refuse unconfirmed "
            "calls in a before_tool_call hook."
        )
    qualified = f"{prefix}___{tool.name}"
    if len(qualified) > MAX_QUALIFIED_NAME:
        notes.append(
            f"{tool.name}: {qualified!r} is {len(qualified)} characters; Converse and the "
            f"harness take at most {MAX_QUALIFIED_NAME}. Shorten the target or the tool name."
        )
    if document is not None:
        for parameter in _declared_parameters(document, tool):
            parameter = _deref(document, parameter)
            if parameter.get("in") in ("header", "cookie"):
                notes.append(
                    f"{tool.name}: {parameter.get('in')} parameter {parameter.get('name')} "
                    "is not a tool argument on the Gateway; propagate it as a header."
                )
    return notes
