"""``Router``: several action groups served from one Lambda."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._runtimes import bedrock_agents, gateway
from ._serve.decide import NotFound
from .app import ActionGroup
from .errors import RegistrationError
from .outcome import OutcomeKind

__all__ = ["Router"]


class Router:
    """Serve several action groups from one Lambda, dispatching on ``event["actionGroup"]``.

    Args:
        groups: the action groups, found by their names.
        aliases: more names for a group, for when it is deployed under another name.
    """

    def __init__(
        self, *groups: ActionGroup, aliases: Mapping[str, ActionGroup] | None = None
    ) -> None:
        if not groups:
            raise RegistrationError("Router needs at least one ActionGroup")
        self.groups: dict[str, ActionGroup] = {}
        for group in groups:
            self._add(group.name, group)
        for alias, group in (aliases or {}).items():
            self._add(alias, group)

    def _add(self, name: str, group: ActionGroup) -> None:
        if name in self.groups and self.groups[name] is not group:
            raise RegistrationError(f"two action groups are named {name!r}")
        self.groups[name] = group

    def resolve(self, event: Any, context: Any = None) -> dict[str, Any]:
        """Answer one event with the group it names. Never raises."""
        name = event.get("actionGroup") if isinstance(event, Mapping) else None
        group = self.groups.get(name) if isinstance(name, str) else None
        if group is None:
            first = next(iter(self.groups))
            known = ", ".join(sorted(self.groups))
            return bedrock_agents.refusal(
                bedrock_agents.read_request(event, first),
                f"This Lambda serves no action group {name!r}; it serves {known}.",
            )
        return group.resolve(event, context)

    def lambda_handler(self, event: Any, context: Any) -> Any:
        """The Lambda entry point: ``lambda_handler = router.lambda_handler``.

        A Bedrock Agents event goes to the group it names. An AgentCore Gateway call goes to
        the group whose name (or alias) is the call's target name, else to the one group
        that has a tool of the called name
        (``docs/agentcore-gateway.md#one-lambda-several-groups``).
        """
        if gateway.matches(event, context):
            return self._gateway(event, context)
        return self.resolve(event, context)

    def _gateway(self, event: Any, context: Any) -> Any:
        qualified = gateway.tool_name(context)
        if isinstance(qualified, str):
            target, name = gateway.split_tool_name(qualified)
            group = self.groups.get(target)
            if group is None:
                having = {id(g): g for g in self.groups.values() if name in g._registry.by_name}
                if len(having) > 1:
                    names = ", ".join(sorted(g.name for g in having.values()))
                    return gateway.error_answer(
                        f"The tool {name!r} is in several groups ({names}) and the target "
                        f"{target!r} names none of them.",
                        OutcomeKind.NOT_FOUND,
                    )
                group = next(iter(having.values()), None)
            if group is None:
                known = sorted({t.name for g in self.groups.values() for t in g.tools})
                return gateway.error_answer(str(NotFound.tool(name, known)), OutcomeKind.NOT_FOUND)
        else:
            group = next(iter(self.groups.values()))  # it refuses the malformed name
        return gateway.answer(group._registry, group._runner, event, context)
