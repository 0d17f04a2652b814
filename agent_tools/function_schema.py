"""The ``functionSchema`` of ``create_agent_action_group`` (contract section 3)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .kinds import json_type
from .typeinfo import Kind, TypeInfo

if TYPE_CHECKING:
    from .app import ActionGroup

__all__ = ["function_schema"]


def function_schema(group: ActionGroup) -> dict[str, Any]:
    """``{"functions": [...]}`` for every tool of ``group``, in registration order."""
    functions = []
    for tool in group.tools:
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


def _type(info: TypeInfo) -> str:
    # Bedrock has no "object" type for function parameters: objects travel as JSON text,
    # and their description says so (hints.format_hint).
    if info.kind is Kind.OBJECT:
        return "string"
    return json_type(info)
