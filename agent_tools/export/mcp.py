"""Tools as MCP ``tools/list`` entries, with annotations.

The input schemas are the Gateway's (``export.gateway``), so a client of the local MCP server
(``agent-tools mcp``) sees what a client of the Gateway sees. Annotations are hints for
clients, read from the declaration: a ``GET`` tool is read-only (``readOnlyHint``); any other
tool is destructive exactly when it asks for confirmation (``confirm=True``); ``GET``, ``PUT``
and ``DELETE`` tools are idempotent, as in HTTP. See ``docs/agentcore-exports.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from agent_tools._declare.spec import ToolSpec

from .gateway import tool_definition

__all__ = ["mcp_tools", "tool_annotations"]

_IDEMPOTENT = frozenset({"GET", "PUT", "DELETE"})


def mcp_tools(
    *, group: str, tools: Iterable[ToolSpec], prefix: str | None = None
) -> list[dict[str, Any]]:
    """The ``tools`` of an MCP ``tools/list`` result, in the tools' order.

    Args:
        group: the action group's name, for the errors that name a rule a tool breaks.
        tools: the tools to describe.
        prefix: a Gateway target name: names become ``<prefix>___<tool>``, as the Gateway
            lists them; ``None`` for the plain tool names.
    """
    entries = []
    for tool in tools:
        definition = tool_definition(group, tool)
        entries.append(
            {
                "name": f"{prefix}___{tool.name}" if prefix else tool.name,
                "description": definition["description"],
                "inputSchema": definition["inputSchema"],
                "annotations": tool_annotations(tool),
            }
        )
    return entries


def tool_annotations(tool: ToolSpec) -> dict[str, Any]:
    """MCP ``ToolAnnotations`` for ``tool``; see the module's documentation."""
    if tool.method == "GET":
        return {"readOnlyHint": True, "idempotentHint": True}
    return {
        "readOnlyHint": False,
        "destructiveHint": tool.confirm,
        "idempotentHint": tool.method in _IDEMPOTENT,
    }
