"""The tools of one action group, found by name or by OpenAPI operation."""

from __future__ import annotations

from agent_tools.errors import RegistrationError, SchemaError

from .rules import Limits
from .spec import ToolSpec

__all__ = ["ToolRegistry"]


class ToolRegistry:
    """Registered ``ToolSpec``s, checked against the group's limits as each one arrives."""

    __slots__ = ("by_name", "by_route", "error_media_type", "group", "limits")

    def __init__(
        self, group: str, limits: Limits, error_media_type: str = "application/json"
    ) -> None:
        self.group = group
        self.limits = limits
        self.error_media_type = error_media_type  # of OpenAPI answers' bodies from 400 on
        # Plain dicts that runtimes look up directly: a method call per event costs more
        # than the lookup itself. Only ``add`` writes them.
        self.by_name: dict[str, ToolSpec] = {}
        self.by_route: dict[tuple[str, str], ToolSpec] = {}  # (METHOD, path template)

    @property
    def tools(self) -> tuple[ToolSpec, ...]:
        return tuple(self.by_name.values())

    def add(self, spec: ToolSpec) -> None:
        if spec.name in self.by_name:
            raise RegistrationError(
                "a tool of this name is already registered; pass name= to tell them apart",
                tool=spec.name,
            )
        route = (spec.method, spec.path)
        if route in self.by_route:
            raise RegistrationError(
                f"{spec.method} {spec.path} is already the operation of tool "
                f"{self.by_route[route].name!r}; give this tool another path",
                tool=spec.name,
            )
        if len(self.by_name) >= self.limits.max_tools:
            raise SchemaError(
                group=self.group,
                tool=spec.name,
                field="tools",
                rule=f"an action group may have at most {self.limits.max_tools} tools",
                value=len(self.by_name) + 1,
                fix="Split the tools into several action groups (see Router), or raise "
                "Limits(max_tools=...) if AWS raised the quota for your account.",
            )
        seen_name = f"{spec.method.lower()}__{self.group}__{spec.name}"
        if len(seen_name) > self.limits.max_tool_name_length:
            raise SchemaError(
                group=self.group,
                tool=spec.name,
                field="name",
                rule=f"the name the model sees, verb__group__tool, must be at most "
                f"{self.limits.max_tool_name_length} characters, not {len(seen_name)}",
                value=seen_name,
                fix="Shorten the tool or the action group name.",
            )
        self.by_name[spec.name] = spec
        self.by_route[route] = spec
