"""Tools as a Bedrock Converse ``toolConfig``.

The schemas are the Gateway's (``export.gateway``): plain JSON Schema every Converse model
reads, with allowed values and formats in the descriptions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from agent_tools._declare.spec import ToolSpec

from .gateway import tool_definition

__all__ = ["converse_tools"]


def converse_tools(*, group: str, tools: Iterable[ToolSpec]) -> dict[str, Any]:
    """``{"tools": [{"toolSpec": ...}]}``, the ``toolConfig`` argument of Converse."""
    specs = []
    for tool in tools:
        definition = tool_definition(group, tool)
        specs.append(
            {
                "toolSpec": {
                    "name": tool.name,
                    "description": definition["description"],
                    "inputSchema": {"json": definition["inputSchema"]},
                }
            }
        )
    return {"tools": specs}
