"""Descriptions: decorator, Param, docstring, then the name in words; hints and defaults added."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from agent_tools import ActionGroup, Param
from agent_tools.export.docs import tool_docs


@dataclass
class Window:
    start: int
    end: int


@dataclass
class Documented:
    """A documented window."""

    start: int


def test_fallbacks_and_hints() -> None:
    group = ActionGroup("Describe")

    @group.tool
    def plan(
        employee_id: int,
        window: Window,
        documented: Documented,
        note: Annotated[str, Param("Free text")] = "none",
        limit: int = 10,
    ) -> None:
        """Plan something."""

    docs = tool_docs(group.name, group.tools[0])
    assert docs.description == "Plan something."
    assert docs.returns is None
    assert docs.parameters == {
        "employee_id": "Employee id.",
        # a dataclass's generated __doc__ is its signature: not a description
        "window": "Window. A JSON object with the fields: start (integer), end (integer).",
        "documented": "A documented window. A JSON object with the fields: start (integer).",
        "note": 'Free text. Default: "none".',
        "limit": "Limit. Default: 10.",
    }


def test_tool_problems_lists_every_problem_of_a_tool() -> None:
    from agent_tools.export.docs import tool_problems

    group = ActionGroup("Problems")

    def tool(a: int, b: int, c: int) -> None:
        pass

    tool.__doc__ = f"Summary.\n\nArgs:\n    a: {'x' * 501}\n    c: {'y' * 600}\n"
    group.add_tool(tool, description="z" * 1201)
    problems = tool_problems(group.name, group.tools[0])
    assert [(p.tool, p.field) for p in problems] == [
        ("tool", "description"),
        ("tool", "parameter 'a' description"),
        ("tool", "parameter 'c' description"),
    ]
    assert (
        tool_problems(
            group.name, ActionGroup("Fine").add_tool(lambda: None, name="ok", description="Fine.")
        )
        == []
    )
