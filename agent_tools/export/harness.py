"""Tools as AgentCore harness inline functions: the harness hands each call to its caller.

Inline functions are what return of control was on Bedrock Agents: the model's call comes
back to the application, which runs the tool and sends the result. The input schema is the
Gateway subset (``gateway.tool_definition``): which other JSON Schema keywords a harness
honours is not documented, so allowed values and formats are written into descriptions.
See ``docs/migration.md#inline-functions``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from agent_tools._declare.spec import ToolSpec

from .converse import MAX_NAME, checked_name
from .gateway import tool_definition

__all__ = ["MAX_DESCRIPTION", "MAX_NAME", "inline_functions"]

MAX_DESCRIPTION = 4096
"""An inline function's description is 1-4096 characters."""


def inline_functions(*, group: str, tools: Iterable[ToolSpec]) -> list[dict[str, Any]]:
    """The ``tools`` entries of ``CreateHarness`` / ``InvokeHarness``, in the tools' order."""
    entries = []
    for tool in tools:
        checked_name(group, tool, "a harness inline function")
        definition = tool_definition(group, tool)
        description = definition["description"]
        if len(description) > MAX_DESCRIPTION:
            description = description[: MAX_DESCRIPTION - 3] + "..."
        entries.append(
            {
                "type": "inline_function",
                "name": tool.name,
                "config": {
                    "inlineFunction": {
                        "description": description,
                        "inputSchema": definition["inputSchema"],
                    }
                },
            }
        )
    return entries
