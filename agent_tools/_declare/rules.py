"""Bedrock's schema rules, each raising a ``SchemaError``.

See docs/bedrock-agents.md#names-and-quotas.
"""

from __future__ import annotations

import re

from agent_tools.errors import SchemaError

from .frozen import Frozen

__all__ = ["Limits", "check_length", "check_name"]

# Names of action groups, functions and parameters: CreateAgentActionGroup's pattern.
_NAME = re.compile(r"([0-9a-zA-Z][_-]?){1,100}")


class Limits(Frozen):
    """Bedrock's quotas, checked before anything is deployed.

    The defaults are the documented values. Tools per group and parameters per function are
    service quotas that AWS can raise for an account: raise them here to match.

    Attributes:
        max_tools: functions or API operations per action group.
        max_parameters: parameters per function.
        max_tool_name_length: length of ``verb__group__tool``, the name the model sees
            (64 for Anthropic Claude models).
    """

    __slots__ = ("max_parameters", "max_tool_name_length", "max_tools")
    max_tools: int
    max_parameters: int
    max_tool_name_length: int

    def __init__(
        self, *, max_tools: int = 11, max_parameters: int = 5, max_tool_name_length: int = 64
    ) -> None:
        for name, value in (
            ("max_tools", max_tools),
            ("max_parameters", max_parameters),
            ("max_tool_name_length", max_tool_name_length),
        ):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"Limits({name}=...) must be a positive int, got {value!r}")
        self._set(
            max_tools=max_tools,
            max_parameters=max_parameters,
            max_tool_name_length=max_tool_name_length,
        )


def check_name(
    value: str, *, field: str, group: str | None = None, tool: str | None = None
) -> None:
    """A name Bedrock accepts: letters and digits, single ``_`` or ``-`` between them."""
    if _NAME.fullmatch(value):
        return
    if not value or sum(c.isalnum() for c in value) > 100:
        rule = "must be 1 to 100 letters or digits, each optionally followed by '_' or '-'"
    elif "__" in value or "--" in value or "_-" in value or "-_" in value:
        rule = "must not contain two separators in a row: the model sees verb__group__tool"
    elif value[:1] in ("_", "-"):
        rule = "must start with a letter or a digit"
    else:
        rule = "may contain only letters, digits and single '_' or '-' separators"
    raise SchemaError(
        group=group,
        tool=tool,
        field=field,
        rule=f"{field} {rule}",
        value=value,
        fix=f"Rename it to match ([0-9a-zA-Z][_-]?){{1,100}}, e.g. {_suggest(value)!r}.",
    )


def check_length(
    value: str,
    *,
    low: int,
    high: int,
    field: str,
    fix: str,
    group: str | None = None,
    tool: str | None = None,
) -> None:
    """``value`` has ``low`` to ``high`` characters."""
    if low <= len(value) <= high:
        return
    raise SchemaError(
        group=group,
        tool=tool,
        field=field,
        rule=f"{field} must be {low} to {high} characters long, not {len(value)}",
        value=value,
        fix=fix,
    )


def _suggest(value: str) -> str:
    cleaned = re.sub(r"[^0-9a-zA-Z]+", "_", value).strip("_")
    return cleaned[:100] or "tool"
