"""Tools as an AgentCore Gateway Lambda target: ``ToolDefinition``s and the target resource.

Each tool's input and output schemas are this package's OpenAPI schemas, reduced by
``gateway_schema`` to the subset a Gateway tool schema can say. See
``docs/agentcore-exports.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from agent_tools._declare.spec import ToolSpec

from .docs import tool_docs
from .gateway_schema import gateway_schema
from .literals import LAMBDA_ARN, TARGET_NAME, checked, is_intrinsic
from .openapi import input_schema, output_schema

# gateway_schema is also documented here (docs/agentcore-exports.md).
__all__ = ["cloudformation_case", "gateway_schema", "gateway_target", "gateway_tools"]


def gateway_tools(*, group: str, tools: Iterable[ToolSpec]) -> list[dict[str, Any]]:
    """The ``ToolDefinition`` list of ``toolSchema.inlinePayload``, in the tools' order.

    Each tool's arguments are its model parameters by key, as one object; session, context
    and ``Depends`` parameters never appear. ``outputSchema`` is given where the return
    annotation is a dataclass or a Pydantic model.
    """
    return [tool_definition(group, tool) for tool in tools]


def tool_definition(group: str, tool: ToolSpec) -> dict[str, Any]:
    """One ``ToolDefinition``; see ``gateway_tools``."""
    docs = tool_docs(group, tool)
    schema, definitions = input_schema(group, tool, docs)
    reduced, _ = gateway_schema(schema, definitions=definitions)
    definition: dict[str, Any] = {
        "name": tool.name,
        "description": docs.description,
        "inputSchema": reduced,
    }
    returned = output_schema(group, tool, docs) if tool.returns and tool.returns.is_model else None
    if returned is not None:
        output, _ = gateway_schema(returned[0], definitions=returned[1])
        if output["type"] == "object":
            definition["outputSchema"] = output
    return definition


def gateway_target(
    *,
    group: str,
    name: str,
    description: str | None,
    tools: Sequence[ToolSpec],
    lambda_arn: str | Mapping[str, Any],
    gateway: str | Mapping[str, Any],
) -> dict[str, Any]:
    """The ``Properties`` of ``AWS::BedrockAgentCore::GatewayTarget``: ``target_request`` in
    CloudFormation's PascalCase, property names as they are."""
    request = target_request(
        group=group,
        name=name,
        description=description,
        tools=tools,
        lambda_arn=lambda_arn,
        gateway=gateway,
    )
    return {key[0].upper() + key[1:]: cloudformation_case(value) for key, value in request.items()}


def target_request(
    *,
    group: str,
    name: str,
    description: str | None,
    tools: Sequence[ToolSpec],
    lambda_arn: str | Mapping[str, Any],
    gateway: str | Mapping[str, Any],
) -> dict[str, Any]:
    """The arguments of ``CreateGatewayTarget`` (``bedrock-agentcore-control``) for a Lambda
    target serving ``tools``; literals are checked against the service's patterns, intrinsic
    functions pass as they are.

    Args:
        group: the action group's name, for the errors that name a rule a tool breaks.
        name: the target's name; ``_`` becomes ``-`` (the Gateway's separator is ``___``).
        description: the target's description, if any.
        tools: the tools to serve.
        lambda_arn: the function's ARN (a version or alias may be given).
        gateway: the gateway's identifier.
    """
    checked = target_fields(name=name, lambda_arn=lambda_arn, gateway=gateway)
    request: dict[str, Any] = {
        "gatewayIdentifier": checked["gatewayIdentifier"],
        "name": checked["name"],
    }
    if description:
        request["description"] = description
    arn = checked["lambdaArn"]
    payload = gateway_tools(group=group, tools=tools)
    request["targetConfiguration"] = {
        "mcp": {"lambda": {"lambdaArn": arn, "toolSchema": {"inlinePayload": payload}}}
    }
    request["credentialProviderConfigurations"] = [{"credentialProviderType": "GATEWAY_IAM_ROLE"}]
    headers = propagated_headers(tools)
    if headers:
        request["metadataConfiguration"] = {"allowedRequestHeaders": headers}
    return request


def target_fields(
    *, name: str, lambda_arn: str | Mapping[str, Any], gateway: str | Mapping[str, Any]
) -> dict[str, Any]:
    """``gatewayIdentifier``, ``name`` (as ``target_name`` writes it) and ``lambdaArn`` of a
    Lambda target, literals checked against the service's patterns; intrinsic functions pass
    as they are. Raises ``ValueError`` naming the value and the rule."""
    return {
        "gatewayIdentifier": checked(
            gateway, _GATEWAY_ID, "gateway must be a gateway identifier such as hr-gw-abcdefghij"
        ),
        "name": checked(
            target_name(name),
            TARGET_NAME,
            f"the target name {name!r} must be 1-100 letters or digits, single '-' between",
        ),
        "lambdaArn": checked(lambda_arn, LAMBDA_ARN, "lambda_arn must be a Lambda function ARN"),
    }


def target_name(name: str) -> str:
    """The group's name as a Gateway target name: no ``_`` (the tool-name separator is ``___``)."""
    return "-".join(part for part in name.replace("_", "-").split("-") if part)


def propagated_headers(tools: Iterable[ToolSpec]) -> list[str]:
    """The header names ``SessionAttr(header=...)`` parameters read, in order, once each."""
    names = {p.header: None for tool in tools for p in tool.session_params if p.header}
    return list(names)


_GATEWAY_ID = re.compile(r"([0-9a-z][-]?){1,100}-[0-9a-z]{10}")


def cloudformation_case(value: Any, *, names: bool = False) -> Any:
    """API names in PascalCase, as CloudFormation spells them; the keys of a schema's
    ``properties`` (``names``) and intrinsic functions stay as they are."""
    if isinstance(value, list):
        return [cloudformation_case(item) for item in value]
    if not isinstance(value, Mapping):
        return value
    if names or is_intrinsic(value):
        return {k: cloudformation_case(v) if names else v for k, v in value.items()}
    return {
        key[0].upper() + key[1:]: cloudformation_case(item, names=key == "properties")
        for key, item in value.items()
    }
