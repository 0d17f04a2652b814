"""The ``functionSchema`` of ``create_agent_action_group``.

See docs/bedrock-agents.md#function-schema.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from agent_tools._declare.kinds import json_type
from agent_tools._declare.spec import ToolSpec
from agent_tools._declare.typeinfo import Kind, TypeInfo
from agent_tools.errors import SchemaError

from .docs import tool_docs

__all__ = ["function_schema"]


def function_schema(
    *, group: str, tools: Iterable[ToolSpec], max_parameters: int = 5
) -> dict[str, Any]:
    """``{"functions": [...]}`` for ``tools``, in their order.

    Args:
        group: the action group's name, for the errors that name a rule a tool breaks.
        tools: the tools to describe.
        max_parameters: Bedrock's quota of parameters per function (``Limits``).
    """
    functions = []
    for tool in tools:
        _check_parameter_quota(group, max_parameters, tool)
        docs = tool_docs(group, tool)
        parameters: dict[str, Any] = {}
        for param in tool.inputs:
            parameters[param.key] = {
                "type": _type(param.type),
                "description": docs.parameters[param.key],
                "required": param.required,
            }
        function: dict[str, Any] = {"name": tool.name, "description": docs.description}
        if parameters:
            function["parameters"] = parameters
        function["requireConfirmation"] = "ENABLED" if tool.confirm else "DISABLED"
        functions.append(function)
    return {"functions": functions}


def _check_parameter_quota(group: str, limit: int, tool: ToolSpec) -> None:
    # "Parameters per function" is a quota of function details only (Amazon Bedrock endpoints
    # and quotas, https://docs.aws.amazon.com/general/latest/gr/bedrock.html); an OpenAPI
    # operation is not held to it, so it is checked here and not at registration.
    if len(tool.inputs) > limit:
        raise SchemaError(
            group=group,
            tool=tool.name,
            field="parameters",
            rule=f"a function in function details may have at most {limit} parameters",
            value=len(tool.inputs),
            fix="Group related values in a dataclass or Pydantic model, split the tool, "
            "export the group as OpenAPI (which has no such quota), or raise "
            "Limits(max_parameters=...) if AWS raised the quota for your account.",
        )


def _type(info: TypeInfo) -> str:
    # Bedrock has no "object" type for function parameters: objects travel as JSON text,
    # and their description says so (hints.format_hint).
    if info.kind is Kind.OBJECT:
        return "string"
    return json_type(info)
