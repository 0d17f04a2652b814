"""Tools as a Bedrock Converse ``toolConfig``.

The schemas are the Gateway's (``export.gateway``): plain JSON Schema every Converse model
reads, with allowed values and formats in the descriptions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from agent_tools._declare.spec import ToolSpec
from agent_tools.errors import SchemaError

from .gateway import tool_definition

__all__ = ["MAX_NAME", "checked_name", "converse_tools"]

MAX_NAME = 64
"""A Converse tool's name is 1-64 letters, digits, ``_`` or ``-`` (``ToolName`` in the
``bedrock-runtime`` model); a harness inline function's has the same limit."""


def checked_name(group: str, tool: ToolSpec, what: str) -> str:
    """``tool``'s name, if ``what`` (a Converse tool, an inline function) can have it.

    A Bedrock Agents name may have up to 100 characters when ``Limits`` allow it; these
    clients take at most ``MAX_NAME``. Raises ``SchemaError``.
    """
    if len(tool.name) > MAX_NAME:
        raise SchemaError(
            tool=tool.name,
            field="name",
            rule=f"{what}'s name is at most {MAX_NAME} characters, not {len(tool.name)}",
            value=tool.name,
            fix="Pass a shorter name= to @app.tool.",
            group=group,
        )
    return tool.name


def converse_tools(*, group: str, tools: Iterable[ToolSpec]) -> dict[str, Any]:
    """``{"tools": [{"toolSpec": ...}]}``, the ``toolConfig`` argument of Converse.

    Raises:
        SchemaError: a tool's name is longer than Converse takes.
    """
    specs = []
    for tool in tools:
        checked_name(group, tool, "a Converse tool")
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
