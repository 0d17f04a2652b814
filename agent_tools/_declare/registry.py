"""The tools of one action group, found by name or by OpenAPI operation."""

from __future__ import annotations

from agent_tools.errors import RegistrationError, SchemaError

from .rules import Limits
from .spec import ToolSpec

__all__ = ["ToolRegistry"]


class ToolRegistry:
    """Registered ``ToolSpec``s, checked against the group's limits as each one arrives."""

    __slots__ = ("_routes", "_tools", "group", "limits")

    def __init__(self, group: str, limits: Limits) -> None:
        self.group = group
        self.limits = limits
        self._tools: dict[str, ToolSpec] = {}
        self._routes: dict[tuple[str, str], ToolSpec] = {}

    @property
    def tools(self) -> tuple[ToolSpec, ...]:
        return tuple(self._tools.values())

    def named(self, name: str) -> ToolSpec | None:
        return self._tools.get(name)

    def route(self, method: str, path: str) -> ToolSpec | None:
        """The tool behind an OpenAPI operation; the method's case does not matter."""
        return self._routes.get((method.upper(), path))

    def add(self, spec: ToolSpec) -> None:
        if spec.name in self._tools:
            raise RegistrationError(
                "a tool of this name is already registered; pass name= to tell them apart",
                tool=spec.name,
            )
        route = (spec.method, spec.path)
        if route in self._routes:
            raise RegistrationError(
                f"{spec.method} {spec.path} is already the operation of tool "
                f"{self._routes[route].name!r}; give this tool another path",
                tool=spec.name,
            )
        if len(self._tools) >= self.limits.max_tools:
            raise SchemaError(
                group=self.group,
                tool=spec.name,
                field="tools",
                rule=f"an action group may have at most {self.limits.max_tools} tools",
                value=len(self._tools) + 1,
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
        self._tools[spec.name] = spec
        self._routes[route] = spec
