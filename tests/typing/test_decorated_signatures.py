"""Decorated tools keep their exact types: run by mypy in CI, and by pytest as plain code."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any, assert_type

from agent_tools import ActionGroup

app = ActionGroup("Typed")


@app.tool
def bare(a: int, b: str = "x") -> dict[str, int]:
    """Bare decorator."""
    return {b: a}


@app.tool(name="called_tool", confirm=True)
def called(a: int) -> list[str]:
    """Called decorator."""
    return [str(a)]


@app.tool
async def asynchronous(a: int) -> int:
    """Async tool."""
    return a


def test_signatures_are_kept() -> None:
    assert_type(bare(1, b="y"), dict[str, int])
    assert_type(called(2), list[str])
    coroutine = asynchronous(3)
    assert_type(coroutine, Coroutine[Any, Any, int])  # type: ignore[unused-coroutine]
    coroutine.close()
    assert bare(1) == {"x": 1}
    assert called(2) == ["2"]
    assert [tool.name for tool in app.tools] == ["bare", "called_tool", "asynchronous"]
