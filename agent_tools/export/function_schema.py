"""The ``functionSchema`` of ``create_agent_action_group``.

See docs/bedrock-agents.md#function-schema.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from agent_tools._declare.spec import ToolSpec
from agent_tools._declare.typeinfo import Kind, TypeInfo
from agent_tools._declare.wording import json_type

from .docs import tool_docs

__all__ = ["function_schema"]


def function_schema(*, group: str, tools: Iterable[ToolSpec]) -> dict[str, Any]:
    """``{"functions": [...]}`` for ``tools``, in their order.

    Args:
        group: the action group's name, for the errors that name a rule a tool breaks.
        tools: the tools to describe.
    """
    functions = []
    for tool in tools:
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


def _type(info: TypeInfo) -> str:
    # Bedrock has no "object" type for function parameters: objects travel as JSON text,
    # and their description says so (hints.format_hint).
    if info.kind is Kind.OBJECT:
        return "string"
    return json_type(info)
