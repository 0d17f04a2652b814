"""The ``functionSchema`` of ``create_agent_action_group`` (contract section 3)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import SchemaError
from .kinds import json_type
from .spec import ToolSpec
from .typeinfo import Kind, TypeInfo

if TYPE_CHECKING:
    from .app import ActionGroup

__all__ = ["function_schema"]


def function_schema(group: ActionGroup) -> dict[str, Any]:
    """``{"functions": [...]}`` for every tool of ``group``, in registration order."""
    functions = []
    for tool in group.tools:
        _check_parameter_quota(group.name, group.limits.max_parameters, tool)
        docs = group.docs(tool)
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
